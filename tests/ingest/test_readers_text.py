"""What a file's first bytes say beats its extension; junk gets one clear error."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from ingest.readers import ReadError, read_document, sniff_format

_RANDOM = random.Random(4)


@pytest.mark.parametrize(
    ("head", "suffix", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", ".txt", "pdf"),
        (b"\r\n%PDF-1.4", ".pdf", "pdf"),
        (b"PK\x03\x04\x14\x00\x06\x00", ".doc", "docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".docx", "doc"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", ".txt", "html"),
        (b"  <html lang='vi'>", ".md", "html"),
        ("CHÍNH PHỦ\nSố: 84/NQ-CP".encode(), ".html", "txt"),
        ("# Nghị quyết 84/NQ-CP".encode(), ".md", "md"),
    ],
)
def test_format_is_sniffed_from_content(head: bytes, suffix: str, kind: str) -> None:
    assert sniff_format(head, suffix) == kind


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary content"),
        (bytes(_RANDOM.randrange(0x80, 0x100) for _ in range(4000)), "binary content"),
        (b"   \r\n\t  \n", "empty document"),
    ],
    ids=["empty", "png", "high-bytes", "blank"],
)
def test_junk_named_txt_gives_one_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=message) as caught:
        read_document(path)
    assert "\n" not in str(caught.value)


def test_missing_file_gives_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="cannot open"):
        read_document(tmp_path / "absent.pdf")


def test_windows_1258_text_still_reads(tmp_path: Path) -> None:
    """Unaccented-heavy Vietnamese saved in the Windows code page is not mistaken for junk."""
    path = tmp_path / "cv.txt"
    path.write_bytes("Cà Mau, ngày 25 tháng 8 năm 2021, báo cáo Sơn La".encode("cp1258"))
    document = read_document(path)
    assert document.encoding == "cp1258" and document.text.startswith("Cà Mau")
