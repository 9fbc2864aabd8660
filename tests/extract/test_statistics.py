"""Reported figures, read from sentences of real reports and news, and scored on the gold files."""

import json
from pathlib import Path

import pytest

from extract.evaluate import Report, score_document
from extract.header import extract_header
from extract.model import Header
from extract.statistics import extract_statistics
from ingest.normalize import normalize_text

CA_MAU = Header(issuer="Ủy ban nhân dân tỉnh Cà Mau", year=2021)


def figures(text: str, header: Header = CA_MAU) -> list[tuple[float, str]]:
    return [(s.value, s.unit) for s in extract_statistics(normalize_text(text), header)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Báo cáo UBND tỉnh Cà Mau (seed 000)
        (
            "dịch bệnh đã được ghi nhận tại 62/63 tỉnh, thành phố trên toàn quốc với 1.045.397 ca mắc, 23.270 ca tử vong.",
            [(62, "tỉnh, thành phố"), (1045397, "ca"), (23270, "ca")],
        ),
        (
            "Lũy kế đến nay đã ra quyết định hỗ trợ cho 226.072 đối tượng với tổng kinh phí 259,5 tỷ đồng; đã thực hiện hỗ trợ 204.296 đối tượng với tổng kinh phí khoảng 227 tỷ đồng, đạt tỷ lệ 90,4% tổng số đối tượng đã được phê duyệt.",
            [
                (226072, "đối tượng"),
                (259_500_000_000, "đồng"),
                (204296, "đối tượng"),
                (227_000_000_000, "đồng"),
                (90.4, "%"),
            ],
        ),
        (
            "Lũy kế từ đầu năm đến nay, đã tiến hành phong tỏa 106 khu với 16.740 hộ/64.941 khẩu; hiện còn 64 khu phong tỏa, với 11.993 hộ/46.822 khẩu².",
            [
                (106, "khu"),
                (16740, "hộ"),
                (64941, "khẩu"),
                (64, "khu"),
                (11993, "hộ"),
                (46822, "khẩu"),
            ],
        ),
        (
            "Trước tháng 4/2021, tỉnh Cà Mau có 02 máy xét nghiệm với công suất 1.200 mẫu/ngày.",
            [(2, "máy"), (1200, "mẫu/ngày")],
        ),
        (
            "số lượng ca mắc mới tăng gấp 10 lần, số lượng ca cộng đồng tăng gấp 20 lần số liệu lũy kế",
            [(10, "lần"), (20, "lần")],
        ),
        (
            "nhận được 48,6 tỷ đồng tiền mặt và vật chất tương đương 25,4 tỷ đồng từ hơn 650 cơ quan, tổ chức, doanh nghiệp và các cá nhân.",
            [
                (48_600_000_000, "đồng"),
                (25_400_000_000, "đồng"),
                (650, "cơ quan, tổ chức, doanh nghiệp, cá nhân"),
            ],
        ),
        # Báo cáo UBND huyện Mường Tè (seed 003)
        (
            "Tổng kinh phí bố trí cho công tác phòng chống dịch từ nguồn ngân sách Nhà nước là: 2.275,23 triệu đồng, trong đó:",
            [(2_275_230_000, "đồng")],
        ),
        (
            "huyện có đường biên giới tiếp giáp với Trung Quốc dài 130,292 km.",
            [(130.292, "km")],
        ),
        # Bản tin TTV (seed 004)
        (
            "ghi nhận 3.052 ca mắc COVID-19; trong đó 1.939 ca đã điều trị khỏi; trên 3.200 người đang cách ly tập trung và trên 16 nghìn người cách ly tại nhà, nơi lưu trú. 27/27 huyện, thị xã thành phố ở cấp độ dịch thứ 2.",
            [
                (3052, "ca"),
                (1939, "ca"),
                (3200, "người"),
                (16000, "người"),
                (27, "huyện, thị xã, thành phố"),
            ],
        ),
        # Nghị quyết 84/NQ-CP (OCR'd corpus)
        ("- Giảm 15% tiền thuê đất phải nộp của năm 2020 đối với doanh nghiệp", [(15, "%")]),
        ("sau khi được phân bổ 2.000 tỷ đồng để cấp bù lãi suất", [(2_000_000_000_000, "đồng")]),
    ],
)
def test_figures_in_real_sentences(text: str, expected: list[tuple[float, str]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Goals, norms and conditions (seed 004, seed 000)
        "phấn đấu đến ngày 15/12, 75% trở lên dân số từ 18 tuổi trở lên tiêm đủ 2 mũi vắc xin",
        "Đối với các huyện, thị có quy mô dân số dưới 100 nghìn người, cơ sở thu dung điều trị cần đảm bảo tối thiểu 100 giường bệnh; đối với huyện, thị có trên 100 nghìn dân, cơ sở điều trị phải có từ 200 giường bệnh trở lên.",
        "có nhu cầu vay vốn, mức vay dự kiến 40 triệu đồng/lao động",
        # The limit of a ban; a page's image link to another article
        "yêu cầu tạm dừng các lễ hội, sự kiện tập trung trên 30 người cho đến khi có thông báo mới",
        "![[Video] 7 chiếc xe bị cuốn trôi](/file/abc/2025/video.jpg?width=400)",
        # Slogans in quotes, names, durations, ordinals
        "với mô hình “3 tại chỗ”, “01 cung đường, 02 điểm đến”",
        "triển khai Chương trình “Xây dựng 50 nghìn căn nhà\ncho hộ nghèo” trên địa bàn",
        # A plan's section of goals, up to the next heading
        "2. Mục tiêu\nĐến năm 2025, toàn huyện trồng được 12 triệu cây xanh, trong đó:\n"
        "a) Mục tiêu cụ thể\n- 95% số xã có điểm tập kết rác thải.\n3. Yêu cầu\n"
        "Bảo đảm đúng tiến độ.",
        "(gian hàng 0 đồng chia sẻ cùng khu cách ly)",
        "Đợt dịch thứ 4 đã kéo dài hơn 6 tháng, cao điểm là trong 02 tuần đầu tháng 10",
        "đã hoàn thành 01 đợt xét nghiệm (03 ngày 01 lần, 03 lần liên tiếp)",
        "huyện Năm Căn; một bộ phận người dân chưa chấp hành",
        # Dates, document numbers, articles, times
        "Thực hiện Công điện số 1102/CĐ-TTg ngày 23/8/2021 và Quyết định số 23/2021/QĐ-TTg",
        "theo quy định tại khoản 2 Điều 5 Thông tư số 156/2013/TT-BTC",
        "phân công ứng trực Chỉ huy 24/24 giờ",
    ],
)
def test_not_figures(text: str) -> None:
    assert figures(text) == []


def test_as_of_comes_from_the_date_the_sentence_counts_to() -> None:
    text = (
        "Tính đến hết ngày 30/9/2021, tỉnh Cà Mau chỉ ghi nhận 369 trường hợp dương tính "
        "(trong đó có 40 ca cộng đồng, chiếm tỷ lệ 10,8% tổng số ca mắc).\n\n"
        "Sau ngày 01/10/2021, có khoảng 10.000 người tự phát về tỉnh."
    )
    found = extract_statistics(text, CA_MAU)
    assert [s.as_of for s in found] == ["2021-09-30"] * 3 + [None]
    assert found[-1].qualifier == "about"


def test_reporting_period_in_the_title_dates_every_figure() -> None:
    header = Header(subject="Tình hình dịch bệnh tính đến ngày 30/11/2021", year=2021)
    found = extract_statistics(
        "Toàn tỉnh có 120 ca mắc; lũy kế đến ngày 20/11/2021 có 90 ca.", header
    )
    assert [s.as_of for s in found] == ["2021-11-30", "2021-11-20"]


def test_status_date_of_a_preamble_dates_the_figures_below_it() -> None:
    text = (
        "Theo số liệu tổng hợp của các địa phương tinh đên 8 giơ 30, ngay 12/10/2022. "
        "Ban Chỉ huy báo cáo như sau: 1. Huyện A: thiệt hại khoảng 320 triệu đồng; 14 nhà bị ngập."
    )
    found = extract_statistics(normalize_text(text), CA_MAU)
    assert [(s.value, s.as_of) for s in found] == [
        (320_000_000, "2022-10-12"),
        (14, "2022-10-12"),
    ]


def test_a_deadline_before_the_figures_dates_nothing() -> None:
    text = "Các đơn vị báo cáo đến ngày 15/10/2022. Huyện A có 14 nhà bị ngập."
    assert [s.as_of for s in extract_statistics(text, CA_MAU)] == [None]


def test_short_date_takes_the_document_year() -> None:
    found = extract_statistics("Lũy kế đến ngày 6/12, toàn tỉnh có 120 ca mắc.", CA_MAU)
    assert found[0].as_of == "2021-12-06"


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("Đến nay, ghi nhận 23.270 ca tử vong.", "ca tử vong"),
        ("Tỉnh đã có 4.923 trường hợp dương tính với vi rút SARS-CoV-2.", "ca dương tính"),
        ("- Số trường hợp cách ly: 15 trường hợp, trong đó:", "trường hợp cách ly"),
        ("toàn tỉnh có khoảng 30 khu cách ly tập trung với sức chứa 2.500 giường.", "sức chứa"),
        ("năng lực tiêm đạt 40.000 liều/ngày.", "năng lực tiêm"),
        ("đã tiếp nhận 2.862 tấn gạo do Cục Dự trữ cấp", "gạo"),
        ("cho 100% dân số khu vực nguy cơ cao", "tỷ lệ dân số khu vực nguy cơ cao"),
    ],
)
def test_indicator(text: str, indicator: str) -> None:
    assert extract_statistics(text, CA_MAU)[-1].indicator == indicator


def test_breakdown_takes_the_indicator_of_the_total() -> None:
    text = (
        "hiện còn 64 khu phong tỏa, với 11.993 hộ/46.822 khẩu².\n\n"
        "² Trong đó: huyện Trần Văn Thời 14 khu, với 497 hộ/1.917 khẩu."
    )
    found = extract_statistics(text, CA_MAU)
    assert [s.indicator for s in found[3:]] == [s.indicator for s in found[:3]]
    assert {s.area for s in found[3:]} == {"huyện Trần Văn Thời"}
    assert {s.area for s in found[:3]} == {"tỉnh Cà Mau"}


def test_breakdown_by_place_in_brackets_takes_the_unit_of_the_total() -> None:
    text = (
        "Mưa lớn làm 45 căn nhà bị hư hỏng (Sơn La 30, Lai Châu 15); 230ha lúa bị ngập "
        "(Sơn La 180ha, Điện Biên 50ha)."
    )
    found = extract_statistics(normalize_text(text), CA_MAU)
    assert [(s.value, s.unit) for s in found] == [
        (45, "căn"),
        (30, "căn"),
        (15, "căn"),
        (230, "ha"),
        (180, "ha"),
        (50, "ha"),
    ]
    assert [s.indicator for s in found[:3]] == [found[0].indicator] * 3
    assert [s.indicator for s in found[3:]] == [found[3].indicator] * 3


def test_breakdown_after_the_rest_of_the_phrase_and_with_colons() -> None:
    text = (
        "Có 12 phương tiện bị lật, chìm (Nghệ An 9; Hà Tĩnh 3). "
        "Khoảng 2.400 ha lúa bị ngập (Nam Định: 1.900, Thái Bình: 500)."
    )
    assert figures(text) == [
        (12, "phương tiện"),
        (9, "phương tiện"),
        (3, "phương tiện"),
        (2400, "ha"),
        (1900, "ha"),
        (500, "ha"),
    ]


def test_bare_count_after_a_label_that_names_its_unit() -> None:
    text = "+ Tổng số hộ nghèo: 1.234; Tỷ lệ: 2,5%\n+ Tổng số lao động có việc làm: 5.600."
    assert figures(text) == [(1234, "hộ"), (2.5, "%"), (5600, "lao động")]


def test_total_named_by_its_label_and_broken_down_with_units() -> None:
    text = (
        "Về nhà ở, số nhà bị hư hỏng là 40 (Bắc Kạn 25 nhà, Cao Bằng 15 nhà); nhà bị ngập là 90 "
        "(Bắc Kạn 90 nhà). Bên cạnh đó, diện tích ngô bị đổ là 1.250ha (Bắc Kạn 1.000ha)."
    )
    found = extract_statistics(normalize_text(text), CA_MAU)
    assert [(s.value, s.unit) for s in found] == [
        (40, "nhà"),
        (25, "nhà"),
        (15, "nhà"),
        (90, "nhà"),
        (90, "nhà"),
        (1250, "ha"),
        (1000, "ha"),
    ]
    assert [s.indicator for s in found] == ["nhà bị hư hỏng"] * 3 + ["nhà bị ngập"] * 2 + [
        "diện tích ngô bị đổ"
    ] * 2


def test_a_short_unit_is_no_typing_slip_of_the_noun_the_paragraph_counts() -> None:
    assert figures("Số nhà bị ngập tăng nhanh; 320ha lúa bị ngập.") == [(320, "ha")]


def test_qualifying_words_end_before_the_next_item() -> None:
    found = extract_statistics("làm 12 cột điện cùng hàng chục cây xanh bị đổ", CA_MAU)
    assert [s.indicator for s in found] == ["cột điện"]


def test_bare_numbers_without_a_label_or_a_total_stay_out() -> None:
    assert figures("Mã hồ sơ: 1.234; (Ghi chú 12, mục 3)") == []


def test_changes_and_what_they_compare_with() -> None:
    text = (
        "Trong ngày, toàn tỉnh ghi nhận 125 ca mắc mới, tăng 12 ca so với ngày hôm qua. "
        "Tổng thu ngân sách nhà nước đạt 12.345 tỷ đồng, bằng 105% dự toán, tăng 8,5% so với cùng kỳ."
    )
    found = extract_statistics(text, Header(issuer="UBND TỈNH BẮC GIANG"))
    assert [(s.value, s.change, s.qualifier) for s in found] == [
        (125, None, None),
        (12, "tăng", "so với ngày hôm qua"),
        (12_345_000_000_000, None, None),
        (105, None, None),
        (8.5, "tăng", "so với cùng kỳ"),
    ]
    assert found[-1].indicator == "tỷ lệ tăng tổng thu ngân sách nhà nước"
    assert {s.area for s in found} == {"tỉnh Bắc Giang"}


@pytest.mark.parametrize(
    ("text", "indicators"),
    [
        (
            "Tổng thu ngân sách ước đạt 215 tỷ đồng, đạt 96% dự toán năm.",
            ["tổng thu ngân sách", "tỷ lệ tổng thu ngân sách so với dự toán năm"],
        ),
        (
            "Giá trị sản xuất công nghiệp đạt 1.200 tỷ đồng, đạt 45% so với kế hoạch, tăng 6,2% "
            "so với cùng kỳ.",
            [
                "giá trị sản xuất công nghiệp",
                "tỷ lệ giá trị sản xuất công nghiệp",
                "tỷ lệ tăng giá trị sản xuất công nghiệp",
            ],
        ),
        (
            "Tổng đàn bò 2.300 con tăng 140 con so với cùng kỳ.",
            ["con tổng đàn bò", "mức tăng con tổng đàn bò"],
        ),
        ("Năng suất đạt 58 tạ/ha  sản lượng đạt 1.200 tấn.", ["năng suất", "sản lượng"]),
        ("Tiêm phòng cho đàn lợn là: 520/500 = 104%", ["tỷ lệ tiêm phòng cho đàn lợn"]),
        ("Bão làm 12 chiếc thuyền bị chìm", ["thuyền bị chìm"]),
        # After a comma, a phrase that goes on to its own figure is that figure's.
        (
            "huyện A cấy được 65% diện tích, huyện B cấy được 60% diện tích",
            ["tỷ lệ diện tích", "tỷ lệ diện tích"],
        ),
        # After a comma, a phrase that goes on to its own change is the next figure's subject.
        (
            "Chỉ số giá tiêu dùng tăng 3,1%, kim ngạch xuất khẩu tăng 9,4% so với cùng kỳ.",
            ["tỷ lệ chỉ số giá tiêu dùng", "tỷ lệ kim ngạch xuất khẩu"],
        ),
        (
            "huyện có 4 trạm y tế tăng cường với 20 giường",  # no change: no number after it
            ["trạm y tế tăng cường", "giường trạm y tế tăng cường"],
        ),
    ],
)
def test_indicators_of_changes_shares_and_classifiers(text: str, indicators: list[str]) -> None:
    assert [s.indicator for s in extract_statistics(text, CA_MAU)] == indicators


def test_english_thousands_in_a_count() -> None:
    assert figures("ghi nhận 1,234 ca mắc và 0,5% dân số; dài 130,292 km") == [
        (1234, "ca"),
        (0.5, "%"),
        (130.292, "km"),
    ]


def test_units_glued_to_the_number_and_other_currencies() -> None:
    text = "mỗi suất 500.000đ; tuyến đường dài 12km; vốn 1,5 triệu USD; đã tiêm 1.234.567 mũi vắc xin cho người tiêm đủ 2 mũi"
    assert figures(text) == [
        (500_000, "đồng"),
        (12, "km"),
        (1_500_000, "USD"),
        (1_234_567, "mũi"),
    ]


def test_classifiers_counted_nouns_and_measures() -> None:
    text = (
        "Gió lốc làm 58 cây xanh gãy đổ, 12 cột điện bị ngã, 3 chiếc thuyền bị chìm, 9 nhà tốc mái, "
        "2 cầu tạm bị cuốn trôi và 120m kênh bị sạt lở; kho bị hỏng 04 tủ, 05 kệ và 01 bộ máy tính."
    )
    assert figures(text) == [
        (58, "cây"),
        (12, "cột"),
        (3, "chiếc"),
        (9, "nhà"),
        (2, "cầu"),
        (120, "m"),
        (4, "tủ"),
        (5, "kệ"),
        (1, "bộ"),
    ]


def test_units_glued_on_either_side() -> None:
    text = "Đàn lợn có 850con, năng suất lúa đạt 25tạ/ha; lúa bị ngập (Sơn La 12ha, Điện Biên35ha)."
    assert figures(text) == [(850, "con"), (25, "tạ/ha"), (12, "ha"), (35, "ha")]


@pytest.mark.parametrize(
    "text",
    [
        "một bộ phận nông dân và một nhà máy chưa chấp hành",  # classifiers count only after digits
        "có vùng hội tụ gió trên mực 3000m",  # a level, not a figure
        "tuyến QL1A và xe 29A123",  # codes
    ],
)
def test_classifiers_and_levels_that_are_no_figures(text: str) -> None:
    assert figures(text) == []


def test_rates_keep_every_denominator() -> None:
    text = "năng suất lúa đạt 58,4 tạ/ha; lương thực bình quân 38 kg/người/6 tháng."
    assert figures(text) == [(58.4, "tạ/ha"), (38, "kg/người/6 tháng")]


def test_amount_restated_in_words() -> None:
    text = "Tổng thu ước đạt 9.650.000.000đ (Chín tỷ, sáu trăm năm mươi triệu đồng)."
    found = extract_statistics(normalize_text(text), CA_MAU)
    assert [(s.value, s.unit) for s in found] == [(9_650_000_000, "đồng")] * 2
    assert found[1].indicator == found[0].indicator


def test_counts_in_words_before_a_counted_noun() -> None:
    text = (
        "Hai ca tử vong là người cao tuổi. Có ba trường hợp được miễn; huyện Năm Căn có năm 2021."
    )
    assert figures(text) == [(2, "ca"), (3, "trường hợp")]


def test_area_of_the_nation() -> None:
    found = extract_statistics("trên toàn quốc với 1.045.397 ca mắc.", CA_MAU)
    assert found[0].area == "Việt Nam"


def test_typing_slip_takes_the_noun_the_paragraph_counts() -> None:
    text = (
        "* Lũy tích số trường hợp đã đưa vào cách ly là: 3.452 trường học, trong đó: 94 trường học."
    )
    assert figures(text) == [(3452, "trường hợp"), (94, "trường hợp")]


def test_table_rows_become_figures() -> None:
    # The appendix table of seed 003, as the PDF and DOCX readers write it (TAB between cells).
    text = (
        "STT\tNội dung\tSố lượng\n"
        "Công tác y tế\t\t\n"
        "1\tSố nhân lực y tế tại địa phương\t218\n"
        "2\tSố giường hồi sức tích cực (ICU)\t6\n"
        "6\tSố BCD cấp huyện chưa kiện toàn\t0\n"
        "3\tSố người sử dụng lao động được hỗ trợ\t\n"
        "1\tTổng số kinh phí chi cho công tác PCD Covid-19 (triệu đồng)\t2.275,23\n"
    )
    found = extract_statistics(text, Header(issuer="Ủy ban nhân dân huyện Mường Tè"))
    assert [(s.value, s.unit, s.indicator) for s in found] == [
        (218, "người", "nhân lực y tế tại địa phương"),
        (6, "giường", "giường hồi sức tích cực (icu)"),
        (0, "ban chỉ đạo", "bcd cấp huyện chưa kiện toàn"),
        (2_275_230_000, "đồng", "kinh phí chi cho công tác pcd covid-19"),
    ]
    assert text[found[0].start : found[0].end] == "218"


def test_space_aligned_table_with_column_headers() -> None:
    text = (
        "TT    Đơn vị              Số ca mắc    Số ca tử vong\n"
        "1     Huyện A             120          3\n"
        "2     Huyện B             45           0\n"
    )
    found = extract_statistics(text, CA_MAU)
    assert [(s.value, s.unit) for s in found] == [(120, "ca"), (3, "ca"), (45, "ca"), (0, "ca")]
    assert found[1].indicator == "ca tử vong huyện a"


def test_restated_figures_share_a_group_key() -> None:
    text = (
        "đã hỗ trợ cho 21.567 đối tượng.\n\n"
        "STT\tNội dung\tSố lượng\n4\tSố đối tượng khác được hỗ trợ\t21.567\n"
    )
    first, second = extract_statistics(text, CA_MAU)
    assert first.group_key == second.group_key
    assert (first.start, first.text) != (second.start, second.text)


def test_equal_figures_of_one_sentence_or_table_are_not_grouped() -> None:
    text = (
        "kết quả: 9 vụ vi phạm, đã xử lý 9 vụ.\n\n"
        "STT\tNội dung\tSố lượng\n6\tSố BCD cấp huyện chưa kiện toàn\t0\n"
        "7\tSố BCD cấp xã chưa kiện toàn\t0\n"
    )
    keys = [s.group_key for s in extract_statistics(text, CA_MAU)]
    assert len(keys) == 4 and len(set(keys)) == 4


def test_offsets_point_at_the_text() -> None:
    text = normalize_text(
        (Path(__file__).parents[2] / "corpus" / "000_0382aea3e7226f41.txt").read_text()
    )
    for statistic in extract_statistics(text, extract_header(text)):
        assert text[statistic.start : statistic.end] == statistic.text


def test_gold_scores(shared_dir: Path, corpus_dir: Path) -> None:
    """The issue's bar: statistics F1 ≥ 0.85 on (value, unit), as_of ≥ 0.8 on matched pairs."""
    report = Report()
    for gold_path in sorted((shared_dir / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if "statistics" not in gold:
            continue
        text = normalize_text((corpus_dir / gold["file"]).read_text(encoding="utf-8"))
        found = extract_statistics(text, extract_header(text))
        score_document(
            report, {"statistics": gold["statistics"]}, {"statistics": [s.to_gold() for s in found]}
        )
    assert report.fields["statistics"].f1 >= 0.85
    assert report.fields["statistics.as_of"].f1 >= 0.8


def test_party_members_and_visits_are_counted_in_the_words_the_text_uses() -> None:
    text = (
        "Kết quả, thi hành kỷ luật 12 đồng chí, trong đó 2 đảng ủy viên, 1 chi ủy viên; tổ "
        "chức cho 5.120 lượt quần chúng học tập nghị quyết. Toàn tỉnh đón hơn 2,5 triệu lượt "
        "du khách, 3.400 lượt nhà bị ngập được hỗ trợ."
    )
    assert figures(text) == [
        (12, "đồng chí"),
        (2, "đảng ủy viên"),
        (1, "chi ủy viên"),
        (5120, "lượt quần chúng"),
        (2500000, "lượt du khách"),
        (3400, "lượt nhà"),
    ]


def test_figures_resume_after_the_section_of_goals() -> None:
    text = (
        "I. MỤC TIÊU\nPhấn đấu đến năm 2025 có 90% số hộ dùng nước sạch.\n"
        "II. KẾT QUẢ THỰC HIỆN\nNăm 2023, toàn huyện có 1.250 hộ được hỗ trợ xây bể chứa nước."
    )
    assert figures(text) == [(1250, "hộ")]


def test_party_cells_and_committees_are_counted() -> None:
    text = (
        "Đảng bộ xã hiện có 14 chi bộ, trong đó 5 chi bộ trường học; toàn huyện có 3 đảng bộ "
        "cơ sở hoàn thành 120 nhiệm vụ được giao."
    )
    assert figures(text) == [(14, "chi bộ"), (5, "chi bộ"), (3, "đảng bộ"), (120, "nhiệm vụ")]


def test_a_rate_and_the_same_rate_a_year_before() -> None:
    """After a comma a subject with its change is a clause of its own; the figure in brackets
    after "cùng kỳ" is the same rate a year before, and no label ("kỳ 6" is no term)."""
    text = (
        "Kinh tế tăng trưởng khá, GRDP tăng 7,1% (cùng kỳ 6,5%); chỉ số giá tiêu dùng tăng thấp "
        "hơn cùng kỳ 3,4% (cùng kỳ là 3,9%)."
    )
    found = [(s.value, s.indicator) for s in extract_statistics(text, CA_MAU)]
    assert found == [
        (7.1, "tỷ lệ grdp"),
        (6.5, "tỷ lệ grdp cùng kỳ"),
        (3.4, "tỷ lệ chỉ số giá tiêu dùng"),
        (3.9, "tỷ lệ chỉ số giá tiêu dùng cùng kỳ"),
    ]


def test_a_rank_out_of_a_count_and_a_climb_in_ranks() -> None:
    text = "chỉ số PCI tăng 02 bậc, đứng thứ 15/63 tỉnh thành; tỉnh xếp thứ 3 khu vực."
    found = [(s.value, s.unit, s.indicator) for s in extract_statistics(text, CA_MAU)]
    assert found == [(2, "bậc", "chỉ số pci"), (15, "tỉnh thành", "thứ hạng")]


def test_units_whose_tones_ocr_lost() -> None:
    """OCR that loses a word's tone keeps its hats and horns: "giương" for "giường". The unit is
    read again only from words with no tone at all, so "5 cá" (fish) stays no count of cases."""
    text = (
        "Huyện chuẩn bị 240 giương bênh và 62/63 tinh, thành phố có ca mắc; ao nuôi có 5 cá chết."
    )
    assert figures(text) == [(240, "giường"), (62, "tỉnh, thành phố")]


@pytest.mark.parametrize(
    "text",
    [
        "Năm 2021 là năm tổ chức đại hội đảng các cấp, năm đầu thực hiện nghị quyết.",
        "Báo cáo kết quả 6 tháng đầu năm và phương hướng 6 tháng cuối năm Nhiệm vụ trọng tâm.",
    ],
)
def test_the_year_is_no_five(text: str) -> None:
    assert not [s for s in extract_statistics(text, CA_MAU) if s.value == 5]


def test_five_in_words_still_counts() -> None:
    assert figures("Huyện đã thành lập năm tổ công tác liên ngành.") == [(5, "tổ")]


def test_square_kilometres() -> None:
    assert figures("Tỉnh có diện tích tự nhiên 4.028,12 km2, dân số khoảng 1,1 triệu người") == [
        (4028.12, "km2"),
        (1_100_000, "người"),
    ]
