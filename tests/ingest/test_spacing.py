"""Words a text layer glued together are set apart in normalisation, and clean text (names,
loanwords, document symbols, brand names) is left as it is."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ingest.normalize import normalize_text
from ingest.spacing import split_glued_words

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("glued", "apart"),
    [
        ("PhóThủ tướng Trần Văn Nam đã đồng ý", "Phó Thủ tướng Trần Văn Nam đã đồng ý"),
        ("Bộ trưởng Bộ Xây dựngVăn Hữu Tâm", "Bộ trưởng Bộ Xây dựng Văn Hữu Tâm"),
        ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCHLê Thị Hoa", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH Lê Thị Hoa"),
        ("BỘ TRƯỞNGĐào Ngọc Dung", "BỘ TRƯỞNG Đào Ngọc Dung"),
    ],
)
def test_a_capital_inside_a_word_starts_a_new_word_between_two_syllables(
    glued: str, apart: str
) -> None:
    assert split_glued_words(glued) == apart


@pytest.mark.parametrize(
    "clean",
    [
        "Quyết định số 15/QĐ-TTg và Công điện số 02/CĐ-TTg của Thủ tướng Chính phủ",
        "Nghị định số 30/2020/NĐ-CP; PTTg Lê Minh Khái; ThS. Nguyễn Văn Bình",
        "thanh toán qua VietinBank, MobiFone, iPhone, eGov và VnExpress",
        "HĐND, UBND tỉnh; TP. HCM; KBNN Hà Tĩnh",
    ],
)
def test_symbols_and_brand_names_keep_their_case_pattern(clean: str) -> None:
    assert split_glued_words(clean) == clean


GLUED_LETTER = (
    "Xét đề nghị của Ủyban nhân dân huyện tại tờ trình số 45/TTr-UBND và ý kiếncủa các "
    "sở, ngành, Chủ tịch Ủy ban nhân dân tỉnh đồng ý như sau: giao Sở Tài nguyên và Môi "
    "trườngchủ trì, phối hợp với các đơn vị xem xét những nội dung cụ thểliên quan, trình "
    "trước ngày 30/6/2021 theoquy định; Văn phòng xin thôngbáo để các đơn vị biết."
)


def test_a_text_that_shows_glue_has_its_glued_lower_case_words_split() -> None:
    apart = split_glued_words(GLUED_LETTER)
    for words in (
        "của Ủy ban nhân dân",
        "ý kiến của",
        "Môi trường chủ trì",
        "cụ thể liên quan",
        "theo quy định",
        "xin thông báo",
    ):
        assert words in apart


def test_capital_words_of_a_glued_text_are_split_but_not_acronyms() -> None:
    heading = "ỦY BAN NHÂN DÂNTỈNH QUẢNG NGÃI; KT. BỘ TRƯỞNG, CHỦNHIỆM"
    acronyms = "; UBND, HĐND, ASEAN, NATO, UNESCO, APEC, COVID, VINACOMIN, PETROLIMEX"
    apart = split_glued_words(GLUED_LETTER + heading + acronyms)
    assert apart.endswith("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI; KT. BỘ TRƯỞNG, CHỦ NHIỆM" + acronyms)


def test_names_and_loanwords_are_not_split_even_in_a_glued_text() -> None:
    names = (
        " Ông Nguyễn Văn Phạm, bà Huỳnh Thị Khuê, đồng chí Quàng Văn Hmoong họp online "
        "về Covid-19 qua Internet, gửi email cho Sở Văn hóa, Thể thao và Du lịch."
    )
    apart = split_glued_words(GLUED_LETTER + names)
    assert apart.endswith(names)


def test_one_glued_looking_word_in_a_clean_text_is_left_alone() -> None:
    # A single word is no sign of glue: it may be a name or a loanword.
    clean = "Ủy ban nhân dân tỉnh giao Sở Tài chínhchủ trì thẩm định dự án."
    assert split_glued_words(clean) == clean


def test_normalisation_sets_glued_words_apart() -> None:
    raw = "PHÓ CHỦ NHIỆMVăn Thị Lan\n" + GLUED_LETTER.replace("Ủy", "Uỷ")
    text = normalize_text(raw)
    assert "PHÓ CHỦ NHIỆM Văn Thị Lan" in text
    assert "của Ủy ban nhân dân huyện" in text  # compared by tone, not by where it sits


# A megabyte of letter runs that are or look like glue: each rule's work must stay per word,
# with nothing done per word over the words before it, and a run that is one huge word must not
# be tried at every split point.
_SCALING = textwrap.dedent(
    """
    import time
    from ingest.normalize import normalize_text

    UNITS = ["aB", "PhóThủ", "trườngchủ", "NHIỆMVăn", "ABCĐƯ", "thôngbáo ", "ủyban ", "a",
             "Ư", "xY", "ĐỒNGý", "Uỷban", "ngh"]

    def letters(size):
        run = size // len(UNITS)
        return "".join((unit * (run // len(unit) + 1))[:run] + " " for unit in UNITS)

    normalize_text(letters(1 << 14))  # the dictionary read
    start = time.process_time()
    text = normalize_text(letters(1 << 20))
    print(time.process_time() - start, text.count("thông báo"), text.count("ủy ban"))
    """
)


def test_a_megabyte_of_glued_letters_is_normalised_in_linear_time() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _SCALING],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=240,  # hang guard only: it takes seconds
    )
    assert result.returncode == 0, result.stderr
    seconds, notices, committees = result.stdout.split()
    # Hang guard only: quadratic work on a megabyte would take hours, linear a few seconds.
    assert float(seconds) < 60, f"{float(seconds):.1f} s of CPU for a megabyte"
    assert int(notices) > 1000 and int(committees) > 1000  # the glue was split
