"""Saved web pages (government portals, online newspapers): the article without the page.

trafilatura finds the main text and drops navigation, menus, footers and related-link boxes;
it also reads the page's title and publication date from its metadata (``<meta>``, JSON-LD,
visible dates).  Nothing is fetched: the file on disk is all there is.
"""

from __future__ import annotations

import re
from pathlib import Path

from ingest import legacy
from ingest.readers.base import RawDocument, ReadError
from ingest.readers.text import decode_bytes

# The charset a page declares in its <meta> tag, for pages that are not UTF-8.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)

# trafilatura writes a table as Markdown rows, "| 1 | Số ca mắc | 218 | ", with a rule
# "|---|---|" under the first row and a pipe inside a cell escaped as "\|".
_TABLE_ROW = re.compile(r"^\| (.*) \| ?$")
_TABLE_RULE = re.compile(r"^\|(?:-+\|)+$")
_CELL_BORDER = re.compile(r"(?<!\\) \| ")

# Publication dates are wanted as the original date (not "last modified"), as ISO.
_DATE_OPTIONS = {"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%d"}


def _decode(data: bytes) -> tuple[str, str]:
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        encoding = declared.group(1).decode("ascii").lower()
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


def read_html(path: Path, data: bytes) -> RawDocument:
    """An HTML page: the article's text, title and publication date."""
    import trafilatura

    markup, encoding = _decode(data)
    document = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_DATE_OPTIONS,
    )
    text = (document.text if document else "") or ""
    if not text.strip():
        raise ReadError("HTML page without article text")
    text = _tab_separated_tables(text)
    warnings = []
    encoding_found = legacy.detect(text)
    if encoding_found:
        text = legacy.convert(text, encoding_found)
        warnings.append(f"legacy encoding {encoding_found} converted to Unicode")
    return RawDocument(
        path=path,
        format="html",
        text=text,
        encoding=encoding,
        title=(document.title or None),
        published=(document.date or None),
        warnings=warnings,
    )


def _tab_separated_tables(text: str) -> str:
    """Table rows with their cells separated by tabs, as the PDF and DOCX readers give them,
    so that the statistics read from a table row do not depend on the file's format."""
    lines = []
    for line in text.split("\n"):
        if _TABLE_RULE.match(line):
            continue
        row = _TABLE_ROW.match(line)
        if row:
            cells = _CELL_BORDER.split(row.group(1))
            line = "\t".join(cell.strip().replace("\\|", "|") for cell in cells).rstrip("\t")
        lines.append(line)
    return "\n".join(lines)
