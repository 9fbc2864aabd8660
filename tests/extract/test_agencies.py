"""One key for one body however it is spelled; the gazetteer of provinces."""

from __future__ import annotations

import pytest

from extract.agencies import (
    agency_key,
    expand_abbreviations,
    find_province,
    head_words,
    place_names,
    provinces,
    starts_with_agency,
)


@pytest.mark.parametrize(
    ("spellings"),
    [
        ["Sở TT&TT", "Sở Thông tin và Truyền thông", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"],
        [
            "UBND tỉnh Cà Mau",
            "Ủy ban nhân dân tỉnh Cà Mau",
            "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU",
            "Uỷ ban nhân dân tỉnh Cà Mau",
        ],
        ["BCĐ PCD COVID-19 tỉnh", "Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh"],
        ["Bộ KH&ĐT", "Bộ Kế hoạch và Đầu tư"],
        [
            "Bộ LĐ-TB&XH",
            "Bộ Lao động - Thương binh và Xã hội",
            "Bộ Lao động - Thương Binh và Xã hội",
        ],
        ["Sở Y tế;", "các Sở Y tế", "đồng chí Sở Y tế"],
    ],
)
def test_spellings_of_one_body_share_a_key(spellings: list[str]) -> None:
    assert len({agency_key(s) for s in spellings}) == 1


def test_different_bodies_keep_different_keys() -> None:
    assert agency_key("Sở Y tế") != agency_key("Bộ Y tế")
    assert agency_key("UBND tỉnh Cà Mau") != agency_key("UBND huyện Cà Mau")
    assert agency_key("") is None and agency_key(None) is None


def test_abbreviations_are_words_not_parts_of_words() -> None:
    assert expand_abbreviations("TTTU, HĐND tỉnh") == "Thường trực Tỉnh ủy, Hội đồng nhân dân tỉnh"
    assert expand_abbreviations("Công văn số 4806/UBND-KGVX") == "Công văn số 4806/UBND-KGVX"
    assert expand_abbreviations("CUBNDX") == "CUBNDX"


@pytest.mark.parametrize(
    ("phrase", "is_body"),
    [
        ("Sở Y tế chịu trách nhiệm", True),
        ("các địa phương bố trí", True),
        ("Các huyện ủy, thành ủy", True),
        ("09/9 huyện", False),  # a count is stripped by the task rules, not here
        ("Tổ chức thực hiện thật chặt chẽ", False),
        ("Các biện pháp tổ chức cách ly", False),
        ("Ban hành Nghị quyết", False),
        ("Báo cáo Thủ tướng Chính phủ", False),
        ("Ban Chỉ đạo tỉnh", True),
    ],
)
def test_starts_with_agency(phrase: str, is_body: bool) -> None:
    assert starts_with_agency(phrase) is is_body


@pytest.mark.parametrize(
    ("phrase", "words"),
    [
        ("Ủy ban kiểm tra Huyện ủy Châu Phú", 4),
        ("  các Sở, ngành", 2),  # "các" before the head counts
        ("Tổ chức thực hiện", 0),
    ],
)
def test_head_words_spans_the_head_that_opens_a_phrase(phrase: str, words: int) -> None:
    assert head_words(phrase) == words


def test_sixty_three_provinces_with_their_districts() -> None:
    assert len(provinces()) == 63
    ca_mau = next(p for p in provinces() if p["short"] == "Cà Mau")
    assert "Huyện Đầm Dơi" in ca_mau["districts"]
    assert {"ca mau", "muong te", "dam doi", "ha noi"} <= place_names()


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("Ủy ban nhân dân huyện Mường Tè, tỉnh Lai Châu", "Lai Châu"),
        ("UBND TỈNH CÀ MAU", None),  # capitals are a heading, not running text
        ("Trưởng Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh Thanh Hóa", "Thanh Hóa"),
        ("Cục Thuế TP Hải Phòng", "Hải Phòng"),
        ("Sở Y tế", None),
    ],
)
def test_find_province(text: str, province: str | None) -> None:
    assert find_province(text) == province
