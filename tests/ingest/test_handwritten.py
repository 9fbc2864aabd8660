"""Handwritten numbers and dates in a scanned header: the blanks found from tesseract's word boxes,
the digits read from the page image, typed and empty blanks left alone.

Word boxes are written as tesseract's TSV (what :func:`parse_tsv` reads), with the sizes of a
300 dpi scan of a Times header; the whole path runs on real scans from ../shared/realdocs and on
a typed header printed and scanned here.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from ingest.normalize import fold
from ingest.readers import read_document
from ingest.readers.digits import read_digits, recognise_digit
from ingest.readers.handwritten import (
    Blank,
    _digit_marks,
    _ink,
    fill_blanks,
    find_blanks,
    read_handwriting,
)
from ingest.readers.layout import lay_out
from ingest.readers.ocr import OCR_COLUMN_GAP, parse_tsv
from tests.ingest.test_readers_pdf import (
    CT_11_BODY,
    build_pdf,
    build_scanned_pdf,
    needs_tesseract,
    realdoc,
)

PAGE = (2480, 3508)  # A4 at 300 dpi
HEADER_TOP = 480


def tsv(*lines: list[tuple], top: int = HEADER_TOP) -> str:
    """tesseract TSV for lines of (text, left, width[, height]) words, 50 px high unless given,
    the lines 70 px apart."""
    rows = [
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    ]
    for number, line in enumerate(lines, start=1):
        for word_number, (text, left, width, *height) in enumerate(line, start=1):
            line_top = top + 70 * (number - 1)
            high = height[0] if height else 50
            rows.append(
                f"5\t1\t1\t1\t{number}\t{word_number}\t{left}\t{line_top}\t{width}\t{high}\t90\t{text}"
            )
    return "\n".join(rows) + "\n"


NUMBER_LINE = [("Số:", 556, 66), ("†0%", 637, 84), ("/NQ-CP", 753, 178)]
DATE_LINE = [("Hà", 1247, 68), ("Nội,", 1327, 87), ("ngày", 1435, 106), ("#3", 1573, 63)]
DATE_LINE += [("tháng", 1673, 126), ("!", 1836, 33), ("năm", 1919, 90), ("2026", 2025, 108)]


def blanks_of(*lines: list[tuple[str, int, int]], top: int = HEADER_TOP) -> dict[str, Blank]:
    words, _ = parse_tsv(tsv(*lines, top=top))
    return {blank.field: blank for blank in find_blanks(words, PAGE[1])}


def test_blanks_lie_between_the_typed_anchors() -> None:
    blanks = blanks_of(NUMBER_LINE, DATE_LINE)
    assert sorted(blanks) == ["day", "month", "number"]
    number, day, month = blanks["number"], blanks["day"], blanks["month"]
    assert (number.text, number.x0, number.x1) == ("†0%", 556 + 66, 753)
    assert not number.slash_lost
    assert (day.text, day.x0, day.x1) == ("#3", 1435 + 106, 1673)
    assert (month.text, month.x0, month.x1) == ("!", 1673 + 126, 1919)
    assert not (day.glued_left or day.glued_right)
    assert (number.top, number.bottom) == (HEADER_TOP, HEADER_TOP + 50)


def test_typed_or_clean_numbers_and_dates_are_marked_clean() -> None:
    typed_number = [("Số:", 556, 66), ("4806/UBND-KGVX", 637, 400)]
    spaced_number = [("Số:", 556, 66), ("115", 637, 84), ("/NQ-CP", 753, 178)]
    typed_date = [("Cà", 1247, 68), ("Mau,", 1327, 100), ("ngày", 1435, 106), ("25", 1560, 50)]
    typed_date += [("tháng", 1630, 126), ("8", 1775, 25), ("năm", 1820, 90), ("2021", 1925, 108)]
    blanks = [*blanks_of(typed_number, typed_date).values(), *blanks_of(spaced_number).values()]
    assert sorted(blank.text for blank in blanks) == ["115", "25", "4806", "8"]
    assert all(blank.clean for blank in blanks)
    assert not blanks_of(NUMBER_LINE, DATE_LINE)["day"].clean


def _stroke_in(draw: ImageDraw.ImageDraw, blank: Blank) -> None:
    """One clear stroke, which reads as 1, in the middle of a blank."""
    middle = (blank.x0 + blank.x1) / 2
    draw.line((middle, blank.top - 5, middle - 6, blank.bottom + 5), fill=0, width=6)


@pytest.mark.parametrize(
    ("day", "ink_in_day", "number_height", "read_again"),
    [
        ("25", True, 66, False),
        ("#3", True, 66, True),
        ("#3", False, 66, False),
        ("#3", True, 50, False),
    ],
)
def test_clean_digits_are_read_again_only_beside_handwriting(
    day: str, ink_in_day: bool, number_height: int, read_again: bool
) -> None:
    # The page OCR read "115" in the number blank, in a box taller than the typed year's (or as
    # high), and either typed digits or garbage (what handwriting gives) in the day's: only
    # beside handwriting that is read (here a written 1) is a number not the size of the print
    # read again (another 1) and replaced; garbage with no ink under it (a speck OCR made
    # something of) leaves the number as it was read, and so does print beside handwriting.
    number = [("Số:", 556, 66), ("115", 637, 84, number_height), ("/NQ-CP", 753, 178)]
    date = [("Hà", 1247, 68), ("Nội,", 1327, 87), ("ngày", 1435, 106), (day, 1573, 63)]
    date += [("tháng", 1673, 126), ("4", 1836, 33), ("năm", 1919, 90), ("2026", 2025, 108)]
    words, _ = parse_tsv(tsv(number, date))
    blanks = {blank.field: blank for blank in find_blanks(words, PAGE[1])}
    image = Image.new("L", PAGE, 255)
    for field in ("number", "day") if ink_in_day else ("number",):
        _stroke_in(ImageDraw.Draw(image), blanks[field])
    filled, fields = read_handwriting(words, image)
    text = lay_out(filled, PAGE[0], column_gap=OCR_COLUMN_GAP)
    if read_again:
        assert fields == ["number", "day"]
        assert "Số: 1 /NQ-CP" in text and "ngày 1 tháng 4" in text
    else:
        assert "number" not in fields and "Số: 115 /NQ-CP" in text
        assert fields == (["day"] if day == "#3" and ink_in_day else [])


def test_digits_glued_to_an_anchor_are_handwriting_whose_edges_are_estimated() -> None:
    # "ngày82tháng": one box for "ngày", two handwritten digits and "tháng" (11 characters).
    glued = [("Hà", 1360, 72), ("Nội,", 1446, 94), ("ngày82tháng", 1563, 330)]
    glued += [("4", 1903, 27), ("năm", 1947, 97), ("2026", 2062, 120)]
    day = blanks_of(glued)["day"]
    assert day.text == "82" and day.glued_left and day.glued_right
    # The print at either end of the box is as wide as the line's typed letters ("Hà", "Nội,",
    # "năm"); the handwriting, wider than print, takes the rest.
    letter = (72 + 94 + 97) / (2 + 4 + 3)
    assert day.x0 == pytest.approx(1563 + 4 * letter)
    assert day.x1 == pytest.approx(1563 + 330 - 5 * letter)


def test_a_symbol_found_without_its_slash_marks_the_slash_as_lost() -> None:
    # tesseract's Vietnamese model reads this Đ as the Icelandic eth.
    line = [("Số:", 616, 66), ("†0%", 700, 99), ("QÐ-", 838, 95), ("-TTg", 919, 110)]
    words, _ = parse_tsv(tsv(line))
    assert words[2].text == "QĐ-"
    number = {blank.field: blank for blank in find_blanks(words, PAGE[1])}["number"]
    assert number.slash_lost and number.x1 == 838


def test_only_the_header_is_searched() -> None:
    # The same lines low on the page are body text, not the header's template.
    assert blanks_of(NUMBER_LINE, DATE_LINE, top=2000) == {}


def test_boxes_no_header_line_could_have_are_not_looked_at() -> None:
    # A blank twenty line heights wide is no blank of the template.
    far = [("Số:", 100, 66), ("†0%", 300, 84), ("/NQ-CP", 1300, 178)]
    assert blanks_of(far) == {}


@pytest.mark.parametrize("glued_width", [330, 420])
def test_filled_blanks_replace_the_garbage_in_the_page_text(glued_width: int) -> None:
    # The handwriting glued between "ngày" and "tháng" as wide as print, or much wider: the
    # anchors keep every letter either way.
    glued = [("Hà", 1360, 72), ("Nội,", 1446, 94), ("ngày82tháng", 1563, glued_width)]
    after = 1563 + glued_width
    glued += [("4", after + 10, 27), ("năm", after + 54, 97), ("2026", after + 169, 120)]
    lost = [("Số:", 616, 66), ("†0%", 700, 99), ("QĐ-TTg", 838, 200)]
    words, _ = parse_tsv(tsv(lost, glued))
    blanks = {blank.field: blank for blank in find_blanks(words, PAGE[1])}
    filled = fill_blanks(words, [(blanks["number"], "707"), (blanks["day"], "22")])
    lines = lay_out(filled, PAGE[0], column_gap=OCR_COLUMN_GAP).splitlines()
    assert "Số: 707/ QĐ-TTg" in lines
    assert "Hà Nội, ngày 22 tháng 4 năm 2026" in lines


def _read_with_ink_in_the_day(draw_ink) -> tuple[list[str], str]:
    """The fields read from handwriting, and the page text, when only the day's blank of the
    template lines holds ink (drawn by ``draw_ink``)."""
    words, _ = parse_tsv(tsv(NUMBER_LINE, DATE_LINE))
    blank = {blank.field: blank for blank in find_blanks(words, PAGE[1])}["day"]
    image = Image.new("L", PAGE, 255)
    draw_ink(ImageDraw.Draw(image), blank)
    filled, fields = read_handwriting(words, image)
    return fields, lay_out(filled, PAGE[0], column_gap=OCR_COLUMN_GAP)


def test_an_empty_blank_stays_empty_even_under_a_ruled_line() -> None:
    def rule(draw: ImageDraw.ImageDraw, blank: Blank) -> None:
        draw.line((blank.x0 - 50, blank.top - 10, blank.x1 + 50, blank.top - 10), fill=0, width=3)
        draw.point((blank.x0 + 30, blank.top + 30), fill=0)  # a speck of dust

    assert _read_with_ink_in_the_day(rule)[0] == []


def test_a_reading_that_cannot_stand_in_the_blank_is_refused() -> None:
    # One clear stroke reads as 1 in the day blank; a bar as wide as six digits of its height
    # would be more digits than a day has, and is refused rather than read as some day.
    def smear(draw: ImageDraw.ImageDraw, blank: Blank) -> None:
        draw.rectangle((blank.x0 + 8, blank.top + 10, blank.x1 - 8, blank.top + 40), fill=0)

    fields, text = _read_with_ink_in_the_day(_stroke_in)
    assert fields == ["day"] and "ngày 1 tháng" in text
    assert _read_with_ink_in_the_day(smear)[0] == []


def test_a_digit_written_taller_than_the_line_is_read_whole() -> None:
    # A 7 whose bar stands well above the typed line: cut off at the crop, it would read as 1.
    def tall_seven(draw: ImageDraw.ImageDraw, blank: Blank) -> None:
        left, top = (blank.x0 + blank.x1) / 2 - 16, blank.top - 0.9 * blank.height
        draw.line((left, top, left + 32, top, left + 10, blank.bottom + 5), fill=0, width=6)

    fields, text = _read_with_ink_in_the_day(tall_seven)
    assert fields == ["day"] and "ngày 7 tháng" in text


def test_a_mark_whose_ink_vanishes_at_the_samples_size_is_refused() -> None:
    # Two specks far apart: scaled to a sample's 20 pixels, nothing is left to compare.
    specks = Image.new("L", (300, 600), 0)
    specks.putpixel((0, 0), 255)
    specks.putpixel((299, 599), 255)
    assert recognise_digit(specks) is None
    assert read_digits([specks]) == [None]


def test_a_handwritten_digit_from_a_scan_is_recognised() -> None:
    # The "4" written into the month blank of Nghị quyết 115/NQ-CP, cut from page 1 at 300 dpi.
    page = pdfium.PdfDocument(str(realdoc("nq_115_ba_vi.pdf")))[0]
    image = page.render(scale=300 / 72, grayscale=True).to_pil()
    mark = image.crop((1803, 475, 1915, 543)).point(lambda level: 255 if level < 128 else 0)
    assert recognise_digit(mark) == "4"


def test_the_base_of_a_written_digit_is_not_taken_for_a_ruled_line() -> None:
    # On a page, a narrow crop holding a 2 whose base runs across most of it, and another
    # crossed by a rule that runs on past it: the base stays ink, the rule goes.
    page = Image.new("L", (400, 100), 255)
    draw = ImageDraw.Draw(page)
    draw.line((110, 30, 140, 20, 112, 70, 152, 70), fill=0, width=4)
    draw.line((0, 90, 399, 90), fill=0, width=3)
    ink = _ink(page, (100, 0, 160, 100), line_height=50)
    assert ink.crop((0, 68, 60, 72)).getbbox() is not None
    assert ink.crop((0, 85, 60, 95)).getbbox() is None


def test_digits_that_touch_are_cut_where_they_meet() -> None:
    # "22" written into the day blank of Quyết định 707/QĐ-TTg, the two 2s joined by a hairline,
    # each wider than a typical digit: cut at the hairline into two marks, not by width into three.
    page = pdfium.PdfDocument(str(realdoc("qd_707_ttg.pdf")))[0]
    image = page.render(scale=300 / 72, grayscale=True).to_pil()
    marks = _digit_marks(_ink(image, (1678, 469, 1753, 576), 59), 59)
    assert marks is not None and len(marks) == 2
    assert all(25 <= mark.width <= 45 for mark in marks)


# Every blank written by hand in the four scans' headers: the file, the blank's crop on page 1
# rendered at 300 dpi, the height of its typed line, and the digits as a person reads them.
WRITTEN_BLANKS = [
    ("nq_115_ba_vi.pdf", (622, 467, 752, 558), 51, "115"),
    ("nq_115_ba_vi.pdf", (1546, 473, 1668, 564), 51, "29"),
    ("nq_115_ba_vi.pdf", (1803, 475, 1915, 543), 38, "4"),
    ("qd_707_ttg.pdf", (687, 452, 815, 543), 51, "707"),
    ("qd_707_ttg.pdf", (1678, 469, 1753, 576), 59, "22"),
    ("tt_21_bct_fuel.pdf", (429, 535, 570, 615), 44, "21"),
    ("tt_37_bca_vehicle.pdf", (1514, 423, 1628, 518), 53, "24"),
    ("tt_37_bca_vehicle.pdf", (1771, 428, 1851, 499), 39, "4"),
]


def test_handwritten_digits_of_real_scans_are_read_or_refused_never_misread() -> None:
    alone, together = [], []
    for name in sorted({name for name, *_ in WRITTEN_BLANKS}):
        page = pdfium.PdfDocument(str(realdoc(name)))[0]
        image = page.render(scale=300 / 72, grayscale=True).to_pil()
        marks, written = [], ""
        for _, box, line_height, digits in (blank for blank in WRITTEN_BLANKS if blank[0] == name):
            cut = _digit_marks(_ink(image, box, line_height), line_height)
            assert cut is not None and len(cut) == len(digits), (name, digits)
            marks += cut
            written += digits
        alone += zip([recognise_digit(mark) for mark in marks], written, strict=True)
        together += zip(read_digits(marks), written, strict=True)
    for readings in (alone, together):
        assert all(read in (None, digit) for read, digit in readings), readings
    # Each on its own, 14 of the 16 are read: a 1 drawn with a long lead-in stroke and an open 4
    # are refused.  Read with the rest of their header, the 1 is known by the other 1 of "115".
    assert sum(read == digit for read, digit in alone) >= 14
    assert sum(read == digit for read, digit in together) >= 15


@pytest.mark.parametrize(
    ("name", "line", "fields"),
    [
        ("tt_21_bct_fuel.pdf", "Số: 21 /2026/TT-BCT", "number"),
        ("nq_115_ba_vi.pdf", "Hà Nội, ngày 29 tháng 4 năm 2026", "number, day, month"),
    ],
)
def test_handwriting_in_a_real_scan_is_read_and_flagged(name: str, line: str, fields: str) -> None:
    needs_tesseract()
    document = read_document(realdoc(name), pages=[0])
    assert line in document.text.splitlines()
    assert f"page 1: {fields} read from handwriting, to check" in document.warnings


@pytest.mark.parametrize(
    ("number", "date"),
    [
        ("Số: 1401/QĐ-UBND", "Cà Mau, ngày 25 tháng 8 năm 2021"),
        ("Số:           /KH-UBND", "Hà Nội, ngày           tháng          năm 2026"),
    ],
)
def test_a_typed_header_scanned_is_left_as_typed(tmp_path: Path, number: str, date: str) -> None:
    needs_tesseract()
    header = [
        (95, 60, "ỦY BAN NHÂN DÂN"),
        (300, 60, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (345, 76, "Độc lập - Tự do - Hạnh phúc"),
        (100, 104, number),
        (320, 104, date),
        (270, 150, "QUYẾT ĐỊNH"),
        (72, 200, CT_11_BODY[:70]),
    ]
    source = build_pdf(tmp_path / "typed.pdf", [header])
    # The scanner's own text layer lost the tone marks, so the page is OCR'd.
    layer = [(x, top, fold(text)) for x, top, text in header]
    document = read_document(build_scanned_pdf(tmp_path / "scan.pdf", source, layer))
    assert document.ocr
    lines = [" ".join(line.split()) for line in document.text.splitlines()]
    assert " ".join(number.split()) in lines
    assert " ".join(date.split()) in lines
    assert not any("handwriting" in warning for warning in document.warnings)
