"""Plain text and Markdown files in whatever encoding an office PC saved them.

Order of detection: a byte-order mark (UTF-8, UTF-16), UTF-16 without a mark (NUL bytes every
other byte), strict UTF-8, then the one-byte encodings: TCVN3 (ABC) or VNI when the content reads
as one of them (:mod:`ingest.legacy`), else Windows-1258, the Vietnamese Windows code page.  NFD
text needs no detection: normalisation composes it later.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ingest import legacy
from ingest.readers.base import RawDocument, ReadError

# Text in a one-byte Vietnamese encoding is still mostly ASCII (spaces, consonants, digits,
# unaccented vowels); bytes that are mostly above 0x7F are not text.
MIN_ASCII_SHARE = 0.5

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: Vietnamese text in it has NUL high bytes on ASCII characters."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _mostly_printable(text: str) -> bool:
    sample = text[:4000]
    printable = sum(ch.isprintable() or ch in "\n\r\t\f" for ch in sample)
    return printable >= 0.95 * len(sample)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` for the bytes of a text file."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    utf16 = _looks_utf16(data)
    if utf16:
        text = data.decode(utf16, errors="replace")
        if _mostly_printable(text):
            return text, utf16
        raise ReadError("binary content, not a text document")
    if b"\x00" in data[:4000]:
        raise ReadError("binary content, not a text document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Legacy tables are keyed on the characters the bytes show as in Windows-1252 (Latin-1
    # for the five bytes Windows-1252 leaves undefined).
    surface = (
        data.decode("cp1252", errors="ignore") if _cp1252_defines(data) else data.decode("latin-1")
    )
    encoding = legacy.detect(surface)
    if encoding:
        return legacy.convert(surface, encoding), encoding
    if sum(byte < 0x80 for byte in data[:4000]) < MIN_ASCII_SHARE * len(data[:4000]):
        raise ReadError("binary content, not a text document")
    return data.decode("cp1258", errors="replace"), "cp1258"


def _cp1252_defines(data: bytes) -> bool:
    """Whether every byte has a character in Windows-1252."""
    return not any(byte in data for byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D))


def read_text(path: Path, data: bytes) -> RawDocument:
    """A .txt or .md file."""
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise ReadError("empty document: no text")
    return RawDocument(
        path=path,
        format="md" if path.suffix.lower() == ".md" else "txt",
        text=text,
        encoding=encoding,
    )
