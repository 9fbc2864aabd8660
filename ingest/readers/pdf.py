"""PDF files: the text layer where there is a usable one, OCR where there is not.

Each page is judged on its own, because archives mix both kinds: a born-digital plan with a
scanned annex, or a scanned decision whose only text layer is the e-signature stamp.

* Text layer (pypdfium2): the characters and their boxes are read once and laid out by
  :func:`ingest.readers.layout.lay_out`, so the two-column header comes out column by column.
  Form widgets that e-signing software stamps over a blank number and date are not read: the
  text is the document as issued, with its blanks.
* Tables: pages carrying enough ruling lines to hold a table are handed to pdfplumber, whose
  table finder turns each row into one line of TAB-separated cells.
* No usable text layer (scanned, image-only, a layer of unmapped glyphs, a scanner's own OCR
  that lost the tone marks): the page is rendered and read by tesseract
  (:mod:`ingest.readers.ocr`).
* Page numbers: the number printed at the top (or foot) of a page is the page's, not the
  document's text; a sentence running over the page must not read "du khách trong nước và 7
  du khách quốc tế".  A first or last line that is only the page's own number is left out.
* Legacy fonts: words set in ``.VnTime``/``VNI-Times`` fonts carry TCVN3/VNI bytes and are
  converted to Unicode (:mod:`ingest.legacy`).

Pages are joined with ``PAGE_BREAK`` so that the page of any offset is a count of breaks.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest import legacy
from ingest.readers.base import PAGE_BREAK, RawDocument, ReadError
from ingest.readers.layout import Row, Word, lay_out
from ingest.readers.ocr import OcrPage, ocr_pages

# A page covered by a scan and whose text layer has fewer letters than this is read by OCR: a
# scanned page carries at most a signature stamp ("Người ký: ... Thời gian ký: ...", about 100
# letters), a page of typed text well over a thousand.  A short typed page (the signature
# block alone) has no scan under it and keeps its text layer.
MIN_TEXT_LAYER_LETTERS = 200

# An image covering more than this share of the page is a scan of it.
MIN_SCAN_SHARE = 0.5

# A text layer in which more than this share of characters are unmapped glyphs (U+FFFD,
# private-use code points, control characters: what "(cid:NN)" becomes) is garbage.
MAX_UNMAPPED_SHARE = 0.1

# Ruling lines (path objects) a page needs before it is worth asking pdfplumber for tables.
MIN_PATHS_FOR_TABLE = 8

# Pages are rendered for OCR at this resolution: tesseract needs about 300 dpi to keep
# Vietnamese tone marks apart (dấu hỏi from dấu ngã, dấu nặng from a speck).
OCR_DPI = 300

# A line that is only a page number, as Nghị định 30/2020/NĐ-CP sets it (centred in the top
# margin, from page 2) or as others do: "7", "- 7 -", "Trang 7", "7/18", "Trang 7/18".
FOLIO = re.compile(r"\s*(?:trang\s*)?[-–]?\s*(\d{1,4})\s*[-–]?\s*(?:/\s*\d{1,4}\s*)?", re.I)

# A gap wider than this fraction of the font size between two glyphs separates two words.
WORD_GAP_HEIGHTS = 0.15


@dataclass
class _PageText:
    """One page's text layer, laid out; for a page to OCR, only the text of its stamps."""

    text: str
    needs_ocr: bool
    legacy_fonts: set[str]
    warning: str | None = None


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            raise ReadError("encrypted PDF: a password is needed") from error
        raise ReadError("corrupt PDF: the file cannot be parsed") from error
    if len(document) == 0:
        document.close()
        raise ReadError("PDF has no pages")
    return document


def _font_name(textpage: pdfium.PdfTextPage, index: int) -> str:
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    length = pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buffer, len(buffer), flags)
    return buffer.value.decode("utf-8", errors="replace") if length else ""


def _words(textpage: pdfium.PdfTextPage, page_height: float) -> Iterator[tuple[Word, str]]:
    """Each word on the page with the font of its first glyph (to spot legacy fonts).

    Glyphs are taken in content order; a word ends at a space, or where the next glyph does
    not follow on the same line within a small gap.
    """
    chars: list[str] = []
    box: list[float] = []
    font = ""
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    for index in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
        char = chr(code) if code else " "
        if char.isspace():
            if chars:
                yield Word("".join(chars), *box), font
                chars = []
            continue
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        # Lines are found by baseline and font size, not by glyph boxes, whose heights vary
        # with each font's ascent and descent (a bold heading beside a regular line).
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, origin_x, origin_y)
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
        if size >= 2:
            baseline = page_height - origin_y.value
            top, bottom = baseline - 0.75 * size, baseline + 0.25 * size
        else:
            top, bottom = page_height - top, page_height - bottom
        if chars and unicodedata.combining(char):
            chars.append(char)
            continue
        height = max(bottom - top, 1.0)
        if chars:
            same_line = abs((top + bottom) / 2 - (box[2] + box[3]) / 2) < height / 2
            if same_line and -height < left - box[1] < WORD_GAP_HEIGHTS * height:
                chars.append(char)
                box = [box[0], max(box[1], right), min(box[2], top), max(box[3], bottom)]
                continue
            yield Word("".join(chars), *box), font
        chars, box = [char], [left, right, top, bottom]
        font = _font_name(textpage, index)
    if chars:
        yield Word("".join(chars), *box), font


def _unmapped_share(text: str) -> float:
    visible = [char for char in text if not char.isspace()]
    if not visible:
        return 0.0
    bad = sum(
        1
        for char in visible
        if char == "\ufffd" or unicodedata.category(char) in ("Co", "Cc", "Cs")
    )
    return bad / len(visible)


def _table_rows(
    plumber_page: pdfplumber.page.Page,
) -> tuple[list[Row], list[tuple[float, float, float, float]]]:
    """Rows of the tables pdfplumber finds on a page, and the boxes they cover."""
    rows: list[Row] = []
    boxes = []
    for table in plumber_page.find_tables():
        boxes.append(table.bbox)
        for row, cells in zip(table.rows, table.extract(), strict=True):
            texts = [" ".join(cell.split()) for cell in cells if cell is not None]
            if any(texts):
                rows.append(Row("\t".join(texts), row.bbox[1]))
    return rows, boxes


def _inside(word: Word, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    middle_x = (word.x0 + word.x1) / 2
    return x0 <= middle_x <= x1 and top <= word.middle <= bottom


def _page_words(page: pdfium.PdfPage) -> tuple[list[Word], set[str]]:
    """The page's words, legacy-font words converted, and the legacy fonts met."""
    _, height = page.get_size()
    words, legacy_fonts = [], set()
    for word, font in _words(page.get_textpage(), height):
        encoding = legacy.encoding_of_font(font)
        if encoding:
            legacy_fonts.add(font)
            word = Word(
                legacy.convert(word.text, encoding, font), word.x0, word.x1, word.top, word.bottom
            )
        words.append(word)
    return words, legacy_fonts


def _image_share(page: pdfium.PdfPage) -> float:
    """The largest share of the page one image covers (a scan covers all of it)."""
    width, height = page.get_size()
    largest = 0.0
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = image.get_bounds()
        largest = max(largest, (right - left) * (top - bottom) / (width * height))
    return largest


def _needs_ocr(words: list[Word], page: pdfium.PdfPage) -> bool:
    """Whether the page is read by OCR rather than from its text layer.

    Yes for no text or a layer of unmapped glyphs; and for a scan whose text layer is at most a
    stamp, or is a scanner's own OCR that lost the tone marks (an English-only engine reads
    "Cộng hòa" as "Cong hoa"), which tesseract's Vietnamese model reads better.
    """
    letters = sum(char.isalpha() for word in words for char in word.text)
    if letters == 0 or _unmapped_share("".join(word.text for word in words)) > MAX_UNMAPPED_SHARE:
        return True
    if _image_share(page) <= MIN_SCAN_SHARE:
        return False
    return letters < MIN_TEXT_LAYER_LETTERS or bool(
        legacy.damage_warning(" ".join(word.text for word in words))
    )


def _read_text_layer(
    document: pdfium.PdfDocument, index: int, plumber: Callable[[], pdfplumber.PDF]
) -> _PageText:
    """One page's text layer; for a page to be OCR'd, the text of its annotations only.

    The page's own content is judged first.  On a page to be OCR'd, annotations (e-signature
    stamps) are flattened into the page so that their clean text is read with it.  A page with
    its own text layer is read as issued: number and date widgets that e-signing software
    stamps over a blank "Số:      /KH-UBND" are not part of the document's text, so the blank
    number stays blank, as it does in the text layer every other tool reads.
    """
    page = document[index]
    words, legacy_fonts = _page_words(page)
    needs_ocr = _needs_ocr(words, page)
    own_text = bool(words)
    if needs_ocr and pdfium_c.FPDFPage_GetAnnotCount(page.raw) > 0:
        page.flatten()
        page.close()
        page = document[index]
        words, legacy_fonts = _page_words(page)
    if needs_ocr and own_text:
        # OCR reads the page's own text again; only stamps over a textless scan are kept.
        words = []
    width, _ = page.get_size()
    if needs_ocr:
        return _PageText(lay_out(words, width), needs_ocr=True, legacy_fonts=legacy_fonts)
    rows: list[Row] = []
    warning = None
    paths = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1))
    if paths >= MIN_PATHS_FOR_TABLE:
        plumber_page = plumber().pages[index]
        try:
            rows, boxes = _table_rows(plumber_page)
        except Exception as error:  # noqa: BLE001 - pdfminer fails on odd content; keep the text
            rows, boxes = [], []
            warning = f"page {index + 1}: tables not read ({type(error).__name__})"
        finally:
            plumber_page.close()  # drops its cached layout objects: memory stays flat
        words = [word for word in words if not any(_inside(word, box) for box in boxes)]
    return _PageText(lay_out(words, width, rows), False, legacy_fonts, warning)


def _without_folio(text: str, page_number: int) -> str:
    """A page's text without its first or last line where that is the page's own number."""
    lines = text.split("\n")
    filled = [index for index, line in enumerate(lines) if line.strip()]
    folios = {
        index
        for index in ({filled[0], filled[-1]} if filled else set())
        if (folio := FOLIO.fullmatch(lines[index])) and int(folio.group(1)) == page_number
    }
    return "\n".join(line for index, line in enumerate(lines) if index not in folios)


def read_pdf(path: Path, pages: Sequence[int] | None = None, ocr: bool = True) -> RawDocument:
    """A PDF file; ``pages`` (0-based) limits reading to some pages, ``ocr=False`` skips OCR.

    Pages without a usable text layer are read by OCR; the document is then marked ``ocr`` with
    the mean word confidence (0-100) over the OCR'd pages.  The file is read from disk as pages
    are needed, never held whole in memory.
    """
    document = _open(path)
    plumber_document = None

    def plumber() -> pdfplumber.PDF:
        """pdfplumber's view of the file, opened the first time a page has a table."""
        nonlocal plumber_document
        if plumber_document is None:
            plumber_document = pdfplumber.open(path)
        return plumber_document

    try:
        document.init_forms()
        page_count = len(document)
        wanted = (
            list(range(page_count)) if pages is None else [p for p in pages if 0 <= p < page_count]
        )
        texts: dict[int, str] = {}
        to_ocr: list[int] = []
        legacy_fonts: set[str] = set()
        warnings: list[str] = []
        for index in wanted:
            try:
                page_text = _read_text_layer(document, index, plumber)
            except pdfium.PdfiumError:
                warnings.append(f"page {index + 1}: unreadable, skipped")
                texts[index] = ""
                continue
            legacy_fonts |= page_text.legacy_fonts
            if page_text.warning:
                warnings.append(page_text.warning)
            texts[index] = page_text.text
            if page_text.needs_ocr:
                to_ocr.append(index)
        confidence = None
        word_count = 0
        if to_ocr and ocr:
            # Rendered from a second handle on the file, whose annotations were not flattened:
            # OCR sees the scan alone, the stamps' text is already read from their text layer.
            scan = _open(path)
            try:
                results: list[OcrPage] = ocr_pages(scan, to_ocr, dpi=OCR_DPI)
            finally:
                scan.close()
            for index, result in zip(to_ocr, results, strict=True):
                texts[index] = "\n".join(part for part in (texts[index], result.text) if part)
                if not result.word_count:
                    warnings.append(f"page {index + 1}: blank, no text on the page or its image")
                if result.handwritten:
                    read = ", ".join(result.handwritten)
                    warnings.append(f"page {index + 1}: {read} read from handwriting, to check")
            word_count = sum(result.word_count for result in results)
            if word_count:
                confidence = round(
                    sum(result.confidence * result.word_count for result in results) / word_count, 1
                )
        elif to_ocr:
            warnings.append(f"{len(to_ocr)} page(s) without a text layer were not OCR'd")
    finally:
        document.close()
        if plumber_document is not None:
            plumber_document.close()
    text = PAGE_BREAK.join(_without_folio(texts[index], index + 1) for index in wanted)
    if legacy_fonts:
        warnings.append("legacy fonts converted to Unicode: " + ", ".join(sorted(legacy_fonts)))
    if not text.strip() and (ocr or not to_ocr):
        raise ReadError("PDF has no text: no text layer and nothing OCR could read")
    return RawDocument(
        path=path,
        format="pdf",
        text=text,
        page_count=page_count,
        ocr=word_count > 0,
        ocr_confidence=confidence,
        warnings=warnings,
    )
