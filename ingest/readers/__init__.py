"""Readers per format: bytes on disk to a :class:`RawDocument`.

``read_document`` looks at the content, not only the extension, so that a file whose extension
lies gets the right reader or a clear error.
"""

from __future__ import annotations

from pathlib import Path

from ingest.readers.base import PAGE_BREAK, RawDocument, ReadError
from ingest.readers.text import read_text

__all__ = ["PAGE_BREAK", "RawDocument", "ReadError", "SUPPORTED_SUFFIXES", "read_document"]

SUPPORTED_SUFFIXES = (".txt", ".md")

# Largest file read whole into memory; bigger files are refused with a clear message.
MAX_BYTES = 200 * 1024 * 1024


def read_document(path: Path) -> RawDocument:
    """Read one file; raises :class:`ReadError` with a one-line reason when it cannot."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ReadError(f"cannot open: {error.strerror or error}") from error
    if size == 0:
        raise ReadError("empty file")
    if size > MAX_BYTES:
        raise ReadError(f"file too large ({size // (1024 * 1024)} MiB > {MAX_BYTES // (1024 * 1024)} MiB)")
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md"):
        return read_text(path, data)
    raise ReadError(f"unsupported format: {suffix or 'no extension'}")
