"""A real document's text written out the way other archives hold it: typed in a legacy font,
published as a web page, saved from Word."""

from __future__ import annotations

import html
import unicodedata
from pathlib import Path

import docx
from viparse.normalize.encodings import get_charmap


def typed_in(text: str, encoding: str) -> bytes:
    """``text`` as a legacy-font .txt file holds it: one byte per glyph.  TCVN3 has no accented
    capitals, so headings typed in .VnTimeH keep the lower-case bytes."""
    to_legacy: dict[str, str] = {}
    for legacy_sequence, letter in get_charmap(encoding).pairs:
        to_legacy.setdefault(unicodedata.normalize("NFC", letter), legacy_sequence)
    glyphs = []
    for char in unicodedata.normalize("NFC", text):
        glyph = to_legacy.get(char) or (to_legacy.get(char.lower()) if not char.isascii() else None)
        glyphs.append(glyph or char)
    # The glyph of "ư" shows as U+2212 in a PDF's text layer; a .txt file holds its byte 0xAD.
    # A letter viparse's table lacks (VNI's "ẳ") becomes "?", as it would be lost converting.
    return "".join(glyphs).replace("\u2212", "\xad").encode("cp1252", errors="replace")


def as_web_page(text: str) -> str:
    """A portal's page: a menu, the text's lines as paragraphs (tab-separated rows as a table),
    a footer."""
    parts: list[str] = []
    rows: list[str] = []

    def close_table() -> None:
        if rows:
            cells = (
                "<tr>"
                + "".join(f"<td>{html.escape(cell)}</td>" for cell in row.split("\t"))
                + "</tr>"
                for row in rows
            )
            parts.append(f"<table>{''.join(cells)}</table>")
            rows.clear()

    for line in text.split("\n"):
        if "\t" in line:
            rows.append(line)
            continue
        close_table()
        if line.strip():
            parts.append(f"<p>{html.escape(line)}</p>")
    close_table()
    title = html.escape(text.strip().splitlines()[0])
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        "<nav><a href='/'>Trang chủ</a> | <a href='/tin-tuc'>Tin tức</a></nav>"
        f"<article>{''.join(parts)}</article>"
        "<footer>Bản quyền thuộc Cổng thông tin điện tử tỉnh</footer></body></html>"
    )


def save_as_docx(text: str, path: Path) -> None:
    """A Word file with one paragraph per line."""
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(path)
