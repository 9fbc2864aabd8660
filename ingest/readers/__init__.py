"""Readers per format: bytes on disk to a :class:`RawDocument`.

``read_document`` looks at the content, not only the extension, so that a file whose extension
lies gets the right reader or a clear error: the first bytes name the format (``%PDF``, a zip
holding ``word/document.xml``, an OLE2 compound file, ``<html``), and only text that is none
of these is read as text.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ingest import legacy
from ingest.readers.base import PAGE_BREAK, RawDocument, ReadError

__all__ = ["PAGE_BREAK", "RawDocument", "ReadError", "SUPPORTED_SUFFIXES", "read_document"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".doc", ".html", ".htm")

# Magic numbers of the formats read (and of an old Word file, read through a converter).
_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A PDF header may follow some junk, but the specification allows at most 1024 bytes of it.
_PDF_HEADER_WINDOW = 1024
# Bytes read to recognise a format; PDFs are then read by pdfium from disk page by page.
_SNIFF_BYTES = 4096
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body")


def sniff_format(data: bytes, suffix: str) -> str:
    """The format the bytes are in: pdf, docx, doc, html, or text (txt/md by extension)."""
    if _PDF_MAGIC in data[:_PDF_HEADER_WINDOW]:
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return "docx"
    if data.startswith(_OLE2_MAGIC):
        return "doc"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(head.startswith(marker) for marker in _HTML_MARKERS) or (
        suffix in (".html", ".htm") and b"<" in head[:1]
    ):
        return "html"
    return "md" if suffix == ".md" else "txt"


def read_document(path: Path, pages: list[int] | None = None, ocr: bool = True) -> RawDocument:
    """Read one file; raises :class:`ReadError` with a one-line reason when it cannot.

    ``pages`` (0-based) and ``ocr`` apply to PDFs: read only some pages, or skip OCR.  Text in
    a legacy Vietnamese encoding is converted whatever the format, and text damaged beyond
    repair is flagged in the document's warnings.
    """
    path = Path(path)
    try:
        document = _read(path, pages, ocr)
    except ReadError:
        raise
    except Exception as error:  # noqa: BLE001 - a parser's own failure on a malformed file
        reason = (str(error).strip().splitlines() or [""])[0]
        raise ReadError(
            f"unreadable {path.suffix or 'file'}: {type(error).__name__} {reason}".strip()
        ) from error
    encoding = legacy.detect(document.text)
    if encoding:
        document.text = legacy.convert(document.text, encoding)
        document.warnings.append(f"legacy encoding {encoding} converted to Unicode")
    damage = legacy.damage_warning(document.text)
    if damage:
        document.warnings.append(damage)
    return document


def _read(path: Path, pages: list[int] | None, ocr: bool) -> RawDocument:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ReadError(f"cannot open: {error.strerror or error}") from error
    if size == 0:
        raise ReadError("empty file")
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as error:
        raise ReadError(f"cannot open: {error.strerror or error}") from error
    suffix = path.suffix.lower()
    kind = sniff_format(head, suffix)
    if kind == "pdf":
        from ingest.readers.pdf import read_pdf

        return read_pdf(path, pages=pages, ocr=ocr)
    # The other formats are parsed whole from memory; file discovery's size limit (--max-size)
    # bounds what that costs, and a zip's declared sizes are checked before it is inflated.
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReadError(f"cannot open: {error.strerror or error}") from error
    if kind == "docx":
        from ingest.readers.docx import read_docx

        try:
            return read_docx(path, data)
        except zipfile.BadZipFile as error:
            raise ReadError("corrupt DOCX: the zip archive cannot be opened") from error
    if kind == "doc":
        from ingest.readers.docx import read_doc

        return read_doc(path)
    if kind == "html":
        from ingest.readers.html import read_html

        return read_html(path, data)
    if suffix in (".pdf", ".docx", ".doc"):
        raise ReadError(
            f"not a {suffix[1:].upper()} file: the content does not match the extension"
        )
    from ingest.readers.text import read_text

    return read_text(path, data)
