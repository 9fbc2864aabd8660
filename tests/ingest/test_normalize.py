import unicodedata

import pytest

from ingest.diacritics import without_tones
from ingest.normalize import fold, normalize_text, normalize_unicode, printed_spelling


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("hoà", "hòa"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("thuý", "thúy"),
        ("khoẻ", "khỏe"),
        ("UỶ BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),
        ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        # Already traditional, or placement that both styles share: unchanged.
        ("hòa", "hòa"),
        ("quý", "quý"),
        ("hoàn thành", "hoàn thành"),
        ("thuyền", "thuyền"),
        ("khuyến khích", "khuyến khích"),
    ],
)
def test_one_tone_placement(written: str, expected: str) -> None:
    assert normalize_unicode(written) == expected
    assert normalize_unicode(unicodedata.normalize("NFD", written)) == expected


def test_nfd_text_is_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Cà Mau")
    assert len(decomposed) > len("Ủy ban nhân dân tỉnh Cà Mau")
    assert normalize_text(decomposed) == "Ủy ban nhân dân tỉnh Cà Mau"


def test_markdown_emphasis_removed_and_lines_kept() -> None:
    text = "**ỦY BAN NHÂN DÂN  \r\nTỈNH CÀ MAU**\r\n\r\nSố: 4806/UBND-KGVX"
    assert normalize_text(text) == "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\n\nSố: 4806/UBND-KGVX"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("phòng, chống dịch", "phong, chong dich"),
        ("Đồng chí", "dong chi"),
        ("1102/CĐ-TTg", "1102/cd-ttg"),
    ],
)
def test_fold(text: str, key: str) -> None:
    assert fold(text) == key


def test_marks_that_lost_their_letter_are_put_back_where_the_dictionary_says() -> None:
    # A PDF text layer that put a line's tone marks apart, after its words, in their order.
    text = "Báo cáo tinh hình thiêt hai \u0300 \u0323 \u0323 do mưa lũ"
    assert normalize_text(text) == "Báo cáo tình hình thiệt hại do mưa lũ"
    capitals = "Sở Giao duc và Đao tao \u0301 \u0323 \u0300 \u0323 TỈNH"
    assert normalize_text(capitals) == "Sở Giáo dục và Đào tạo TỈNH"
    assert normalize_text("I. TINH HINH THIÊT HAI \u0300 \u0300 \u0323 \u0323") == (
        "I. TÌNH HÌNH THIỆT HẠI"
    )
    # The tone goes where the spelling rules put it: on the y of "quy", not its u.
    assert normalize_text("Hội đồng quản tri quy \u0323 \u0301") == "Hội đồng quản trị quý"


def test_a_mark_after_a_no_break_space_is_shown_alone_and_changes_no_word() -> None:
    # A text about the tones shows each mark on its own after a no-break space.
    text = "ngang, huyền\u00a0\u0300 sắc\u00a0\u0301 hỏi"
    assert normalize_text(text) == "ngang, huyền\u00a0sắc\u00a0hỏi"


def test_marks_that_cannot_be_put_back_are_dropped() -> None:
    # Three tone marks for two unmarked words; a circumflex, which is no tone mark.
    text = "bị thiêt hai \u0300 \u0323 \u0323 do lũ lụt\n\u0302 thành phố"
    assert normalize_text(text) == "bị thiêt hai do lũ lụt\nthành phố"
    # Marks on their letters, in NFD, are composed, not dropped.
    assert normalize_text(unicodedata.normalize("NFD", "lũ lụt")) == "lũ lụt"


def test_small_capitals_and_mathematical_digits_are_read_as_plain_text() -> None:
    # Web pages that write an article in look-alike letters to slip past filters.
    text = "ʙộ ʏ ᴛế ᴄʜᴏ ʙɪếᴛ ᴄó 𝟸.𝟶𝟶𝟽 ᴄᴀ ᴍắᴄ ᴄᴏᴠɪᴅ-𝟷𝟿"
    assert normalize_text(text) == "bộ y tế cho biết có 2.007 ca mắc covid-19"
    assert len(normalize_text(text)) == len(text)


def test_the_eth_of_legacy_fonts_is_read_as_d_stroke() -> None:
    assert normalize_text("Số: 1961/QÐ-UBND, ðồng chí") == "Số: 1961/QĐ-UBND, đồng chí"
    assert fold(normalize_text("QÐ")) == "qd"


# A paragraph in the style of a party conclusion, written here, then with marks scattered over
# most of its words as a broken font conversion leaves them.
CLEAN_PARAGRAPH = (
    "Bộ Chính trị, Ban Bí thư yêu cầu các cấp ủy, tổ chức đảng tập trung thực hiện tốt các "
    "nhiệm vụ, giải pháp theo kết luận của Ban Chấp hành Trung ương về tiếp tục sắp xếp tổ chức "
    "bộ máy của hệ thống chính trị, bảo đảm tiến độ và hiệu quả, báo cáo kết quả trước ngày 30."
)
SCATTERED_PARAGRAPH = (
    "Bộ Chính trị, Bạn Bí thư ýêụ cầú các cấp úỷ, tổ chức đảng tập trùng thực hịện tốt các "
    "nhịệm vụ, gìảĩ pháp thẻó kết lúận củá Bạn Chấp hành Trũng ương về tỉếp tục sắp xếp tổ chức "
    "bộ máý củă hệ thống chính trị, bảỏ đảm tíến độ và hiệụ qủả, báỏ cáọ kết qụả trước ngàỷ 30."
)


def test_marks_scattered_over_a_whole_text_are_gathered_into_syllables() -> None:
    restored = normalize_text(SCATTERED_PARAGRAPH)
    words = restored.split()
    right = sum(a == b for a, b in zip(words, normalize_text(CLEAN_PARAGRAPH).split(), strict=True))
    assert right >= 0.9 * len(words)
    assert "Ban Chấp hành Trung ương" in restored and "yêu cầu các cấp ủy" in restored


def test_a_clean_text_keeps_its_names_and_rare_words() -> None:
    # "Nguyễn" and "Thuỷ" are no dictionary syllables; a clean text is left as written.
    text = CLEAN_PARAGRAPH + " Người ký: Nguyễn Thị Thuỷ, đồng chí Nguyễn Văn Khoẻ."
    assert normalize_text(text).endswith("Nguyễn Thị Thủy, đồng chí Nguyễn Văn Khỏe.")


@pytest.mark.parametrize(
    ("value", "raw", "printed"),
    [
        ("Thanh Hóa", "THANH HOÁ\nThanh Hoá, ngày 10 tháng 10 năm 2019", "Thanh Hoá"),
        ("Lê Thị Thủy", "Người ký: Lê Thị Thuỷ", "Lê Thị Thuỷ"),
        ("Hòa Bình", "Hòa Bình, ngày 2", "Hòa Bình"),  # printed as normalised: unchanged
        ("Khánh Hòa", "no such words", "Khánh Hòa"),
    ],
)
def test_a_place_or_name_is_reported_as_printed(value: str, raw: str, printed: str) -> None:
    assert normalize_unicode(printed) == value
    assert printed_spelling(value, raw) == printed


def test_tones_taken_off_letter_for_letter() -> None:
    text = "Giường bệnh, trường hợp, người, Cà Mau, Đặng, ỦY"
    assert without_tones(text) == "Giương bênh, trương hơp, ngươi, Ca Mau, Đăng, UY"
    assert len(without_tones(text)) == len(text)
