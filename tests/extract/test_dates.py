"""Dates and times as real documents write them."""

from datetime import date

import pytest

from extract.dates import find_dates, iso, parse_date, parse_month, parse_time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cà Mau, ngày 25 tháng 8 năm 2021", date(2021, 8, 25)),
        ("Hà Nội, ngày 04 tháng 3 năm 2020", date(2020, 3, 4)),
        ("Công điện số 1102/CĐ-TTg ngày 23/8/2021 của Thủ tướng", date(2021, 8, 23)),
        ("ngày 25-8-2021", date(2021, 8, 25)),
        ("Date: 25.09.2020", date(2020, 9, 25)),
        ("ngày 23 / 8 / 2021", date(2021, 8, 23)),
    ],
)
def test_full_dates(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mường Tè, ngày tháng 11 năm 2021",  # blank day, as issued before registration
        "ngày 05 tháng năm 2020",  # OCR dropped the month
        "ngày 31 tháng 2 năm 2021",  # impossible date
    ],
)
def test_blank_or_impossible_dates_are_none(text: str) -> None:
    mentions = find_dates(text)
    assert len(mentions) == 1
    assert mentions[0].value is None


@pytest.mark.parametrize(
    "text",
    [
        "ghi nhận tại 62/63 tỉnh, thành phố",
        "ứng trực 24/24 giờ",
        "Quyết định số 23/2021/QĐ-TTg",
        "Số: 4806/UBND-KGVX",
    ],
)
def test_ratios_and_numbers_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_short_date_takes_the_year_from_context() -> None:
    (mention,) = find_dates("hoàn thành trước 17h ngày 10/12", default_year=2021)
    assert mention.value == date(2021, 12, 10)
    assert find_dates("ngày 10/12")[0].value is None
    (end_of_sentence,) = find_dates("báo cáo trước ngày 12/9.", default_year=2021)
    assert end_of_sentence.value == date(2021, 9, 12)


def test_month_and_time() -> None:
    assert parse_month("hoàn thành trong tháng 9/2021") == (2021, 9)
    assert parse_month("trong tháng 5 năm 2020") == (2020, 5)
    assert parse_time("trước 17h ngày 10/12") == (17, 0)
    assert parse_time("lúc 17 giờ 30 phút") == (17, 30)
    assert parse_time("ứng trực 24/24 giờ") is None


def test_iso() -> None:
    from datetime import datetime

    assert iso(date(2021, 8, 25)) == "2021-08-25"
    assert iso(datetime(2021, 12, 10, 17, 0)) == "2021-12-10T17:00"
    assert iso(None) is None
