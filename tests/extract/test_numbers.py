"""Vietnamese numbers, and the numbers of an official document that are not figures."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.numbers import find_numbers, parse_number, parse_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4.923", 4923),
        ("1.045.397", 1045397),
        ("74,8", 74.8),
        ("0,14", 0.14),
        ("17.045,4", 17045.4),
        ("130,292", 130.292),
        ("09", 9),
        ("1.5", 1.5),  # an English decimal point, as news sites write it
        ("0290.3831.456", None),  # a phone number, not thousands
        ("1.2.3", None),
    ],
)
def test_parse_number(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hai", 2),
        ("mười lăm", 15),
        ("hai mươi lăm", 25),
        ("ba trăm", 300),
        ("một trăm linh năm", 105),
    ],
)
def test_parse_words(text: str, expected: float) -> None:
    assert parse_words(text) == expected


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # Seed 000 (Cà Mau, 2021) and seed 003 (Mường Tè): scales, decimals, ratios.
        ("với tổng kinh phí 259,5 tỷ đồng", [259_500_000_000]),
        ("kinh phí đã chi trả là 17.045,4 triệu đồng", [17_045_400_000]),
        ("trên 16 nghìn người cách ly tại nhà", [16_000]),
        ("khoảng 250 nghìn tỷ đồng", [250_000_000_000_000]),
        ("ghi nhận tại 62/63 tỉnh, thành phố", [62]),
        ("phong tỏa 106 khu với 16.740 hộ/64.941 khẩu", [106, 16_740, 64_941]),
        ("chiếm tỷ lệ 74,8% dân số", [74.8]),
        ("tuổi từ 15 đến 17", [15]),
        ("hai ca mắc mới", [2]),
    ],
)
def test_find_numbers_values(text: str, values: list[float]) -> None:
    assert [m.value for m in find_numbers(text)] == pytest.approx(values)


def test_ratio_and_range_keep_their_second_part() -> None:
    ratio, span = find_numbers("62/63 tỉnh; trẻ em từ 12-17 tuổi")
    assert (ratio.value, ratio.total) == (62, 63)
    assert (span.value, span.upper) == (12, 17)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("tổng giá trị 2 tỷ 350 triệu đồng", [2_350_000_000]),
        ("(Hai mươi tỷ, bốn trăm linh năm triệu đồng)", [20_405_000_000]),
        ("(Mười một tỷ ba trăm triệu đồng chẵn)", [11_300_000_000]),
        ("1 tỷ, 5 triệu đồng", [1_000_000_000, 5_000_000]),  # a list of two amounts
    ],
)
def test_amounts_with_a_smaller_part(text: str, values: list[float]) -> None:
    assert [m.value for m in find_numbers(text)] == pytest.approx(values)


def test_achieved_out_of_the_plan() -> None:
    found = find_numbers("ngô 27/ 30,5 ha, lạc 52/48ha, đậu 12/12 ha; đạt 316/290 = 109%")
    assert [(m.value, m.total) for m in found] == [(27, 30.5), (52, 48), (12, 12), (109, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Công điện số 1102/CĐ-TTg ngày 23/8/2021 của Thủ tướng Chính phủ",
        "Quyết định số 23/2021/QĐ-TTg ngày 07/7/2021",
        "Quyết định số 215-QĐ/TU ngày 15/8/2021",
        "Cà Mau, ngày 25 tháng 8 năm 2021",
        "báo cáo Ban Chỉ đạo của tỉnh trước 17h ngày 10/12",
        "Đài Truyền thanh kể từ 27/4 đến nay",
        "số lượng lũy kế từ đầu năm đến hết tháng 9/2021",
        "theo quy định tại Điều 5, khoản 2 Nghị định",
        "20:12 - 07/12/2021",
        "Điện thoại: 0290.3831.456; di động 0913 123 456",
        "3.1. Công tác giám sát",
        "tách F0, F1 ra khỏi cộng đồng; dịch COVID-19; thông điệp 5K",
        "Lưu: VT, KL141/8.",
        "năm 2020, 2021",
        "Kỳ họp thứ Tư",
        "(TTV) - Sáng 7/12, đồng chí Bí thư Tỉnh ủy chủ trì hội nghị",
    ],
)
def test_non_figures_are_not_numbers(text: str) -> None:
    assert find_numbers(text) == []


def vietnamese(value: int, decimals: str = "") -> str:
    """``value`` in Vietnamese notation: dots between thousands, a comma before decimals."""
    grouped = f"{value:,}".replace(",", ".")
    return f"{grouped},{decimals}" if decimals else grouped


@given(st.integers(min_value=0, max_value=10**12))
def test_reads_back_every_integer(value: int) -> None:
    written = vietnamese(value)
    assert parse_number(written) == value
    found = find_numbers(f"đã ghi nhận {written} ca mắc")
    assert [m.value for m in found] == [value]


@given(st.integers(min_value=0, max_value=10**9), st.from_regex(r"[0-9]{1,3}", fullmatch=True))
def test_reads_back_every_decimal(whole: int, decimals: str) -> None:
    written = vietnamese(whole, decimals)
    expected = float(f"{whole}.{decimals}")
    assert parse_number(written) == pytest.approx(expected)
    assert [m.value for m in find_numbers(f"chiếm tỷ lệ {written}% dân số")] == pytest.approx(
        [expected]
    )


@given(
    st.integers(min_value=0, max_value=999_999),
    st.sampled_from([("nghìn", 10**3), ("triệu", 10**6), ("tỷ", 10**9)]),
)
def test_reads_back_scaled_money(value: int, scale: tuple[str, int]) -> None:
    word, factor = scale
    found = find_numbers(f"tổng kinh phí {vietnamese(value)} {word} đồng")
    assert [m.value for m in found] == [value * factor]


dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))


@given(
    dates,
    st.sampled_from(["{d}/{m}/{y}", "{d:02d}/{m:02d}/{y}", "{d}-{m}-{y}", "{d:02d}.{m:02d}.{y}"]),
)
def test_numeric_dates_are_not_figures(day: date, form: str) -> None:
    written = form.format(d=day.day, m=day.month, y=day.year)
    assert find_numbers(f"ngày {written} đã ghi nhận") == []
    assert find_numbers(f"Hội nghị {written}, tỉnh") == []


@given(dates)
def test_dates_in_words_are_not_figures(day: date) -> None:
    text = f"Cà Mau, ngày {day.day} tháng {day.month} năm {day.year}"
    assert find_numbers(text) == []


@given(dates)
def test_short_dates_after_ngay_are_not_figures(day: date) -> None:
    assert find_numbers(f"trước 17h ngày {day.day}/{day.month} phải báo cáo") == []


@given(
    st.integers(min_value=1, max_value=99_999),
    st.integers(min_value=1990, max_value=2035),
    st.sampled_from(["QĐ-TTg", "NĐ-CP", "TT-BTC", "QĐ-UBND", "UBND-KGVX", "CĐ-TTg", "BYT-DP"]),
)
def test_document_numbers_are_not_figures(number: int, year: int, symbol: str) -> None:
    for written in (f"{number}/{year}/{symbol}", f"{number}/{symbol}", f"{number}-QĐ/TU"):
        assert find_numbers(f"Thực hiện văn bản số {written} ngày 11/10/{year} của") == []
        assert find_numbers(f"theo {written}, ngày") == []


def test_month_and_week_dates_from_a_long_span() -> None:
    start = date(2020, 1, 1)
    for offset in range(0, 800, 7):
        day = start + timedelta(days=offset)
        assert find_numbers(f"đến hết tháng {day.month}/{day.year}") == []
