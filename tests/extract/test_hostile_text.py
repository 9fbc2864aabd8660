"""Hostile text: every extractor takes any text without raising, and a megabyte of adversarial
text (runs of "1/", "ngày ", dots, digits, "Số: ", capitals, blanks, dashes …) goes through
extract_all in time that grows linearly, not quadratically, with its length.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from extract import extract_all
from extract.agencies import agency_key, expand_abbreviations, find_province, starts_with_agency
from extract.annotate import annotate
from extract.citations import clean_number, fold_number, number_parts
from extract.dates import find_dates, parse_date, parse_month, parse_time
from extract.header import extract_header
from extract.numbers import find_numbers, parse_number, parse_words
from extract.officials import extract_officials
from extract.statistics import extract_statistics
from extract.tasks import deadline_of, flatten
from ingest.normalize import normalize_text

REPO = Path(__file__).resolve().parents[2]

# Pieces of Vietnamese administrative documents, and the characters their patterns turn on.
FRAGMENTS = [
    "CHÍNH PHỦ",
    "ỦY BAN NHÂN DÂN TỈNH CÀ MAU",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: ",
    "Số ",
    "84/NQ-CP",
    "/QĐ-UBND",
    "V/v ",
    "ngày ",
    " tháng ",
    " năm ",
    "Hà Nội, ",
    "Điều 1. ",
    "khoản 2 ",
    "Nghị định số ",
    "Kính gửi: ",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Nguyễn Văn An",
    "ông ",
    "bà ",
    "Sở Y tế",
    "chủ trì, phối hợp ",
    "trước ngày 30/6/2021",
    "tỷ đồng",
    "%",
    " người",
    "1",
    "12",
    "2020",
    "0",
    "1.234,5",
    "/",
    "-",
    "–",
    ".",
    ",",
    ":",
    ";",
    "(",
    ")",
    "“",
    "”",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\f",
    "a)",
    "- ",
    "+ ",
    "I.",
    "…",
    "Người ký: ",
    "\u00ad",
]
fragments = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
texts = st.one_of(st.text(max_size=300), fragments)


def _within(text: str, items) -> bool:
    return all(0 <= item.start <= item.end <= len(text) for item in items)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_extract_all_takes_any_text(raw: str) -> None:
    text = normalize_text(raw)
    extraction = extract_all(text)
    for found in (
        extraction.citations,
        extraction.statistics,
        extraction.officials,
        extraction.tasks,
    ):
        assert _within(text, found)
    assert isinstance(extraction.to_gold("x"), dict)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_every_extractor_takes_any_text(text: str) -> None:
    header = extract_header(text)
    assert _within(text, extract_officials(text, header, propose=None))
    assert _within(text, extract_statistics(text, header))
    assert _within(text, find_numbers(text))
    assert _within(text, find_dates(text, default_year=2020))
    for value in (
        parse_number(text),
        parse_words(text),
        parse_date(text, 2020),
        parse_month(text),
        parse_time(text),
        agency_key(text),
        find_province(text),
    ):
        assert value is None or isinstance(value, object)
    assert isinstance(expand_abbreviations(text), str)
    assert isinstance(starts_with_agency(text), bool)
    assert len(flatten(text)) == len(text)  # offsets still hold
    deadline_of(text, 2020)
    number = clean_number(text)
    assert isinstance(fold_number(number), str)
    number_parts(number)


@settings(max_examples=30, deadline=None)
@given(fragments)
def test_annotate_takes_any_text(raw: str) -> None:
    text = normalize_text(raw)
    doc = annotate(text, extract_all(text))
    assert doc.text == text


# A megabyte of these runs, each a sixteenth or so of the text; a pattern that backtracks over
# a run, or work done per match over everything before it, shows as quadratic growth.
_SCALING = textwrap.dedent(
    """
    import sys, time
    from extract import extract_all
    from ingest.normalize import normalize_text

    UNITS = ["1/", "ngày ", ".", "1234567890", "Số: ", "V/v ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA ",
             "ABCĐƯ", "   ", "\\u00a0", "-", "\\n", ".\\n", "\\t", " \\n", "1.", "1,", "Điều 1. ",
             "Số: 1/ngày 1. V/v -\\n", "ngày 1 tháng 1 năm 2020 ",
             "tinh hai \\u0300 \\u0323 ", " \\u0323", "a \\u0300 "]

    # Each run once before a word, once before what no pattern wants (a page break, a digit),
    # once before a tone mark set loose of its letter (the run's last word may take it).
    ENDS = ["\\nXa ", "\\f1", " \\u0300"]

    def adversarial(size):
        run = size // (len(UNITS) * len(ENDS))
        return "".join(
            (unit * (run // len(unit) + 1))[:run] + end for unit in UNITS for end in ENDS
        )

    # The text path of the pipeline: normalisation, then every extractor.
    extract_all(normalize_text(adversarial(1 << 14)))  # patterns compiled, word lists loaded
    for size in (1 << 17, 1 << 20):
        text = adversarial(size)
        start = time.process_time()
        extract_all(normalize_text(text))
        print(time.process_time() - start, flush=True)
    """
)


def test_a_megabyte_of_adversarial_text_takes_linear_time() -> None:
    # Hang guard only: 60 s of CPU per megabyte is far beyond the few seconds it takes.
    result = subprocess.run(
        [sys.executable, "-c", _SCALING],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    eighth, whole = (float(line) for line in result.stdout.split())
    assert whole < 60, f"{whole:.1f} s of CPU for a megabyte"
    # CPU time, not wall time, so that other processes on the machine do not count; linear work
    # grows eight times, quadratic sixty-four.
    assert whole < 24 * max(eighth, 0.05), f"an eighth {eighth:.2f} s, the whole {whole:.2f} s"
