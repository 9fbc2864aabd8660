"""Word files: .docx through python-docx, old binary .doc through antiword.

A .docx body is read in document order, paragraphs and tables interleaved as they appear (a
statistics table sits between the paragraphs that discuss it); each table row becomes one line
with its cells separated by TAB.  The header of many Word documents is a borderless two-column
table, which thus comes out as "issuer TAB national motto" lines.

Runs set in a legacy font (``.VnTime``, ``VNI-Times``) hold TCVN3 or VNI bytes and are
converted run by run, so a document mixing them with Unicode runs comes out whole.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

from ingest import legacy
from ingest.readers.base import RawDocument, ReadError

# antiword gives up on a file it cannot parse; this bounds a stuck conversion.
CONVERT_TIMEOUT_S = 120

# Limits on a zip archive, checked on the sizes its directory declares before anything is
# inflated (zipfile never inflates a member past its declared size, so they cannot be exceeded).
# A Word document has tens of parts and rarely more than a few MiB of XML; images are stored
# at about their own size.
MAX_ZIP_ENTRIES = 5_000
MAX_UNZIPPED_BYTES = 512 * 1024 * 1024
# A part this large must not expand more than this many times its compressed size (deflated
# XML shrinks 5 to 20 times; a bomb of repeated bytes about a thousand).
RATIO_CHECKED_BYTES = 16 * 1024 * 1024
MAX_RATIO = 100


def check_zip_limits(archive: zipfile.ZipFile) -> None:
    """Refuse, with one line, an archive whose parts would inflate beyond the limits."""
    members = archive.infolist()
    if len(members) > MAX_ZIP_ENTRIES:
        raise ReadError(
            f"zip archive refused: {len(members):,} entries (limit {MAX_ZIP_ENTRIES:,})"
        )
    total = sum(member.file_size for member in members)
    if total > MAX_UNZIPPED_BYTES:
        raise ReadError(
            f"zip archive refused: it would expand to {total // 2**20:,} MiB"
            f" (limit {MAX_UNZIPPED_BYTES // 2**20:,} MiB)"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_BYTES and ratio > MAX_RATIO:
            raise ReadError(
                f"zip archive refused: {member.filename[:80]!r} would expand {ratio:,.0f} times"
                f" to {member.file_size // 2**20:,} MiB (limit {MAX_RATIO} times)"
            )


def _font_of(run, paragraph) -> str:
    """The run's font, else its paragraph style's, else that style's ancestors'."""
    if run.font.name:
        return run.font.name
    style = paragraph.style
    while style is not None:
        if style.font.name:
            return style.font.name
        style = style.base_style
    return ""


def _paragraph_text(paragraph, legacy_fonts: set[str]) -> str:
    runs = paragraph.runs
    fonts = [_font_of(run, paragraph) for run in runs]
    if not any(legacy.encoding_of_font(font) for font in fonts):
        return paragraph.text
    parts = []
    for run, font in zip(runs, fonts, strict=True):
        encoding = legacy.encoding_of_font(font)
        if encoding:
            legacy_fonts.add(font)
            parts.append(legacy.convert(run.text, encoding, font))
        else:
            parts.append(run.text)
    return "".join(parts)


def _cell_text(cell, legacy_fonts: set[str]) -> str:
    text = " ".join(_paragraph_text(paragraph, legacy_fonts) for paragraph in cell.paragraphs)
    return " ".join(text.split())


def _table_lines(table, legacy_fonts: set[str]) -> list[str]:
    lines = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = _cell_text(cell, legacy_fonts)
            # A merged cell is returned once per grid column it spans: keep it once.
            if cells and text and cells[-1] == text:
                continue
            cells.append(text)
        if any(cells):
            lines.append("\t".join(cells).strip("\t"))
    return lines


def read_docx(path: Path, data: bytes) -> RawDocument:
    """A .docx file (a zip archive; raises zipfile.BadZipFile when it is not one)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_zip_limits(archive)
    try:
        document = docx.Document(io.BytesIO(data))
    except KeyError as error:
        raise ReadError(
            "not a Word document: the zip archive holds no word/document.xml"
        ) from error
    except ValueError as error:
        raise ReadError(f"not a Word document: {error}") from error
    lines: list[str] = []
    legacy_fonts: set[str] = set()
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(_paragraph_text(block, legacy_fonts))
        elif isinstance(block, Table):
            lines.extend(_table_lines(block, legacy_fonts))
    text = "\n".join(lines)
    if not text.strip():
        raise ReadError("empty document: no text")
    title = (document.core_properties.title or "").strip() or None
    warnings = []
    if legacy_fonts:
        warnings.append("legacy fonts converted to Unicode: " + ", ".join(sorted(legacy_fonts)))
    return RawDocument(
        path=path, format="docx", text=text, encoding="utf-8", title=title, warnings=warnings
    )


def read_doc(path: Path) -> RawDocument:
    """An old binary Word file, converted to text by antiword (UTF-8 output)."""
    antiword = shutil.which("antiword")
    if antiword is None:
        raise ReadError(
            "unsupported format: .doc (Word 97-2003) needs antiword, which is not installed"
        )
    try:
        result = subprocess.run(
            [antiword, "-m", "UTF-8.txt", "-w", "0", str(path)],
            capture_output=True,
            timeout=CONVERT_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired as error:
        raise ReadError(
            f"Word 97-2003 conversion took longer than {CONVERT_TIMEOUT_S} s"
        ) from error
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise ReadError(f"corrupt .doc: {reason[0] if reason else 'antiword failed'}")
    text = result.stdout.decode("utf-8", errors="replace")
    if not text.strip():
        raise ReadError("empty document: no text")
    return RawDocument(path=path, format="doc", text=text, encoding="utf-8")
