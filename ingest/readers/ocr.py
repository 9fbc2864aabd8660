"""OCR of PDF pages with tesseract and its Vietnamese model.

Pages are rendered one at a time by pdfium (which is not thread-safe, so rendering stays in the
calling thread) and each rendered page goes to its own tesseract process, up to one process per
CPU core.  Every process is held to one thread (``OMP_THREAD_LIMIT=1``): on a small machine, one
page per core is faster than several cores fighting over each page.  At most two rendered pages
per worker wait in memory, so a long scan does not hold every page image at once.

tesseract's TSV output gives each word a box and a confidence; the boxes go through the same
layout as a text layer, so a scanned header comes out column by column too.  On page 1 the
number and date written by hand into the header's blanks are read again from the boxes around
them (:mod:`ingest.readers.handwritten`).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from ingest.normalize import LOOKALIKES
from ingest.readers.base import ReadError
from ingest.readers.handwritten import read_handwriting
from ingest.readers.layout import Word, lay_out

# tesseract language: Vietnamese, whose model also reads the Latin letters of foreign names.
LANGUAGE = "vie"

# Page segmentation mode 3 (automatic, no orientation detection): a document page has blocks
# and columns that tesseract should find itself; our layout then orders them.
PAGE_SEGMENTATION = "3"

# The blank between header columns, in heights of word boxes; a box spans accents and
# descenders, about 1.3 font sizes, and a narrow header gutter is one box height wide.
OCR_COLUMN_GAP = 0.9

# A stuck tesseract process is abandoned after this many seconds for one page.
PAGE_TIMEOUT_S = 300


@dataclass(frozen=True)
class OcrPage:
    text: str
    confidence: float  # mean word confidence, 0-100
    word_count: int
    # Header fields read from handwriting on page 1 ("number", "day", "month"): to be checked.
    handwritten: tuple[str, ...] = ()


def _tesseract() -> str:
    executable = shutil.which("tesseract")
    if executable is None:
        raise ReadError("scanned PDF needs OCR but tesseract is not installed")
    return executable


def _image_bytes(page: pdfium.PdfPage, dpi: int) -> tuple[bytes, int] | None:
    """The page rendered in grey levels as a PGM image (no compression to wait for); None for a
    page with nothing on it, which no OCR can read (a file of thousands of empty pages must not
    cost thousands of tesseract runs)."""
    if pdfium_c.FPDFPage_CountObjects(page.raw) == 0:
        return None
    image = page.render(scale=dpi / 72, grayscale=True, draw_annots=False).to_pil()
    darkest, lightest = image.getextrema()
    if darkest == lightest:  # one flat colour
        return None
    buffer = io.BytesIO()
    image.save(buffer, format="PPM")
    return buffer.getvalue(), image.width


def parse_tsv(tsv: str) -> tuple[list[Word], list[float]]:
    """Words and their confidences from tesseract's TSV output."""
    words: list[Word] = []
    confidences: list[float] = []
    for line in tsv.splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) < 12 or fields[0] != "5":
            continue
        # The Vietnamese model reads đ as the Icelandic eth now and then ("QÐ-TTg"): the header's
        # blanks are found from these words before the page text is normalised.
        text = fields[11].strip().translate(LOOKALIKES)
        confidence = float(fields[10])
        if not text or confidence < 0:
            continue
        left, top, width, height = (int(value) for value in fields[6:10])
        line = tuple(int(value) for value in fields[2:5])  # block, paragraph, line
        words.append(Word(text, left, left + width, top, top + height, line))
        confidences.append(confidence)
    return words, confidences


def _recognise(image: bytes, width: int, dpi: int, first_page: bool = False) -> OcrPage:
    command = [_tesseract(), "stdin", "stdout", "-l", LANGUAGE, "--psm", PAGE_SEGMENTATION]
    command += ["--dpi", str(dpi), "tsv"]
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        result = subprocess.run(
            command, input=image, capture_output=True, timeout=PAGE_TIMEOUT_S, env=environment
        )
    except subprocess.TimeoutExpired as error:
        raise ReadError(f"OCR took longer than {PAGE_TIMEOUT_S} s on one page") from error
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise ReadError(f"OCR failed: {reason[-1] if reason else 'tesseract error'}")
    words, confidences = parse_tsv(result.stdout.decode("utf-8", errors="replace"))
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    handwritten: list[str] = []
    if first_page:
        words, handwritten = read_handwriting(words, Image.open(io.BytesIO(image)))
    text = lay_out(words, width, column_gap=OCR_COLUMN_GAP)
    return OcrPage(text, mean, len(confidences), tuple(handwritten))


def ocr_pages(
    document: pdfium.PdfDocument, indices: Sequence[int], dpi: int = 300, workers: int | None = None
) -> list[OcrPage]:
    """OCR the pages at ``indices`` (0-based), in parallel; results in the same order."""
    workers = workers or os.cpu_count() or 1
    results: list[OcrPage] = []
    pending: deque[Future[OcrPage]] = deque()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for index in indices:
            page = document[index]
            try:
                rendered = _image_bytes(page, dpi)
            finally:
                page.close()
            if rendered is None:
                blank: Future[OcrPage] = Future()
                blank.set_result(OcrPage("", 0.0, 0))
                pending.append(blank)
            else:
                pending.append(pool.submit(_recognise, *rendered, dpi, index == 0))
            while len(pending) >= 2 * workers:
                results.append(pending.popleft().result())
        while pending:
            results.append(pending.popleft().result())
    return results
