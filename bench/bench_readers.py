"""Pages per second of the PDF reader, against naive baselines in the same run.

* Text layer: our path (pypdfium2 characters + column layout, pdfplumber only on pages with
  ruling lines) against pdfplumber alone (``page.extract_text()`` on every page), on the
  born-digital pages of ../shared/realdocs.
* OCR: our path (300 dpi grey render, one single-threaded tesseract process per core, TSV
  output laid out in columns) against the naive way (pytesseract ``image_to_string`` on each
  page in turn, tesseract left to its default threads), on the scanned pages.

Figures are pages per second and ratios (ours / baseline), so they mean the same on a slow or a
fast machine.  Not a test: run it by hand.

    .venv/bin/python bench/bench_readers.py [--repeat 3] [--ocr-pages 6]
"""

from __future__ import annotations

import argparse
import io
import os
import time
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from ingest.readers.ocr import ocr_pages
from ingest.readers.pdf import OCR_DPI, read_pdf

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"
BORN_DIGITAL = ["hanoi_kh_173_festival.pdf"]
SCANNED = ["qd_707_ttg.pdf", "nq_115_ba_vi.pdf", "tt_21_bct_fuel.pdf", "tt_37_bca_vehicle.pdf"]


def _best(repeat: int, run) -> float:
    return min(run() for _ in range(repeat))


def time_text_ours(files: list[Path]) -> tuple[float, int]:
    start = time.perf_counter()
    pages = 0
    for path in files:
        document = read_pdf(path, ocr=False)
        pages += document.page_count
    return time.perf_counter() - start, pages


def time_text_pdfplumber(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
    return time.perf_counter() - start


def _scanned_pages(limit: int) -> list[tuple[Path, int]]:
    pages = []
    for name in SCANNED:
        path = REALDOCS / name
        count = len(pdfium.PdfDocument(path))
        pages += [(path, index) for index in range(count)]
    return pages[:limit]


def time_ocr_ours(pages: list[tuple[Path, int]]) -> float:
    start = time.perf_counter()
    by_file: dict[Path, list[int]] = {}
    for path, index in pages:
        by_file.setdefault(path, []).append(index)
    for path, indices in by_file.items():
        document = pdfium.PdfDocument(path)
        ocr_pages(document, indices, dpi=OCR_DPI)
        document.close()
    return time.perf_counter() - start


def time_ocr_naive(pages: list[tuple[Path, int]]) -> float:
    import pytesseract
    from PIL import Image

    start = time.perf_counter()
    for path, index in pages:
        document = pdfium.PdfDocument(path)
        buffer = io.BytesIO()
        document[index].render(scale=OCR_DPI / 72).to_pil().save(buffer, format="PNG")
        document.close()
        pytesseract.image_to_string(Image.open(buffer), lang="vie")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="text-layer runs (best is kept)")
    parser.add_argument("--ocr-pages", type=int, default=6, help="scanned pages to OCR")
    options = parser.parse_args()
    files = [REALDOCS / name for name in BORN_DIGITAL]
    if not all(path.exists() for path in files):
        raise SystemExit(f"{REALDOCS} is needed")

    ours = _best(options.repeat, lambda: time_text_ours(files)[0])
    _, page_count = time_text_ours(files)
    plumber = _best(options.repeat, lambda: time_text_pdfplumber(files))
    print(f"text layer, {page_count} pages, best of {options.repeat}, {os.cpu_count()} CPUs")
    print(f"  ours (pypdfium2 + layout, pdfplumber for tables): {page_count / ours:8.1f} pages/s")
    print(
        f"  pdfplumber extract_text alone:                    {page_count / plumber:8.1f} pages/s"
    )
    print(f"  ratio ours / pdfplumber:                          {plumber / ours:8.2f}x")

    pages = _scanned_pages(options.ocr_pages)
    ocr_ours = time_ocr_ours(pages)
    ocr_naive = time_ocr_naive(pages)
    print(f"OCR, {len(pages)} scanned pages at {OCR_DPI} dpi, one run each")
    print(
        f"  ours (parallel single-thread tesseract, TSV):     {len(pages) / ocr_ours:8.2f} pages/s"
    )
    print(
        f"  pytesseract image_to_string, page after page:     {len(pages) / ocr_naive:8.2f} pages/s"
    )
    print(f"  ratio ours / naive:                               {ocr_naive / ocr_ours:8.2f}x")
    per_ocr_page, per_text_page = ocr_ours / len(pages), ours / page_count
    print(
        f"  an OCR page costs as much as this many text pages: {per_ocr_page / per_text_page:7.0f}"
    )


if __name__ == "__main__":
    main()
