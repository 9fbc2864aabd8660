"""The text reader on real seed text saved in each encoding an office PC produces."""

import unicodedata
from pathlib import Path

import pytest

from ingest.normalize import normalize_text
from ingest.readers import ReadError, read_document

SEED = "002_46a42970c31daf42.txt"
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: precomposed vowels, combining tone marks."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


@pytest.fixture
def seed_text(corpus_dir: Path) -> str:
    return (corpus_dir / SEED).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8-sig", b""),
        ("utf-16", b""),  # Python writes a BOM
        ("utf-16-le", b""),  # no BOM
        ("cp1258", b""),
    ],
)
def test_encodings_read_back_the_same_text(
    tmp_path: Path, seed_text: str, encoding: str, prefix: bytes
) -> None:
    path = tmp_path / f"doc-{encoding}.txt"
    data = to_cp1258(seed_text) if encoding == "cp1258" else seed_text.encode(encoding)
    path.write_bytes(prefix + data)
    document = read_document(path)
    assert normalize_text(document.text) == normalize_text(seed_text)
    assert "Cà Mau, ngày 25 tháng 8 năm 2021" in normalize_text(document.text)


def test_nfd_file(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", seed_text), encoding="utf-8")
    assert normalize_text(read_document(path).text) == normalize_text(seed_text)


def test_markdown_file_keeps_format(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "doc.md"
    path.write_text(seed_text, encoding="utf-8")
    document = read_document(path)
    assert document.format == "md"
    assert "**" not in normalize_text(document.text)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x00\x01\x02\x03binary\x00\xff" * 50, "binary"),
        (bytes(range(256)) * 20, "binary"),
    ],
)
def test_bad_text_files_raise_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=message):
        read_document(path)
