"""What every reader returns, and the one error type it raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PAGE_BREAK = "\f"


class ReadError(Exception):
    """A file that cannot be read; the message is shown to the operator as one line."""


@dataclass
class RawDocument:
    """A document as read from disk, before normalisation and extraction.

    ``text`` is the decoded text as written (kept for display); pages are separated by
    ``PAGE_BREAK`` so that any character offset can name its page.
    """

    path: Path
    format: str  # txt, md, pdf, docx, html
    text: str
    encoding: str | None = None
    page_count: int = 1
    ocr: bool = False
    ocr_confidence: float | None = None
    warnings: list[str] = field(default_factory=list)
    title: str | None = None  # from the file's own metadata (HTML <title>, PDF info)
    published: str | None = None  # ISO date from the file's own metadata (HTML pages)
