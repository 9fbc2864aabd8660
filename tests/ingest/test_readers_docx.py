"""Word files: paragraphs and tables in document order, built in tmp_path from real text."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from ingest.readers import ReadError, read_document

# Công văn 4806/UBND-KGVX of Cà Mau (corpus/002_46a42970c31daf42.txt), header as Word lays it
# out: a borderless two-column table.
HEADER_ROWS = [
    (
        "ỦY BAN NHÂN DÂN TỈNH CÀ MAU",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
    ),
    ("Số: 4806/UBND-KGVX", "Cà Mau, ngày 25 tháng 8 năm 2021"),
]
OPENING = "Thực hiện Công điện số 1102/CĐ-TTg ngày 23/8/2021 của Thủ tướng Chính phủ"
STATISTICS = [("Huyện", "Số ca"), ("Cái Nước", "1.204"), ("Năm Căn", "687")]
CLOSING = "Giao Sở Y tế theo dõi, đôn đốc việc triển khai thực hiện Công văn này."


def _docx(path: Path) -> Path:
    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    for row, texts in zip(header.rows, HEADER_ROWS, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    document.add_paragraph("Kính gửi: Sở, ban, ngành, đoàn thể cấp tỉnh")
    document.add_paragraph(OPENING)
    table = document.add_table(rows=3, cols=2)
    for row, texts in zip(table.rows, STATISTICS, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    document.add_paragraph(CLOSING)
    document.core_properties.title = "Triển khai Công điện 1102/CĐ-TTg"
    document.save(path)
    return path


def test_docx_paragraphs_and_tables_in_document_order(tmp_path: Path) -> None:
    document = read_document(_docx(tmp_path / "cv.docx"))
    lines = [line for line in document.text.splitlines() if line]
    assert lines == [
        "ỦY BAN NHÂN DÂN TỈNH CÀ MAU\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
        "Số: 4806/UBND-KGVX\tCà Mau, ngày 25 tháng 8 năm 2021",
        "Kính gửi: Sở, ban, ngành, đoàn thể cấp tỉnh",
        OPENING,
        "Huyện\tSố ca",
        "Cái Nước\t1.204",
        "Năm Căn\t687",
        CLOSING,
    ]
    assert (document.format, document.title) == ("docx", "Triển khai Công điện 1102/CĐ-TTg")


def test_runs_in_legacy_fonts_are_converted(tmp_path: Path) -> None:
    """An old template: the heading in .VnTimeH, the body mixing .VnTime and Unicode runs."""
    document = docx.Document()
    heading = document.add_paragraph().add_run("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM")
    heading.font.name = ".VnTimeH"
    body = document.add_paragraph()
    body.add_run("C¨n cø NghÞ ®Þnh sè ").font.name = ".VnTime"
    body.add_run("30/2020/NĐ-CP").font.name = "Times New Roman"
    body.add_run(" ngµy 05 th¸ng 3 n¨m 2020").font.name = ".VnTime"
    document.save(tmp_path / "old.docx")
    read = read_document(tmp_path / "old.docx")
    assert read.text.splitlines() == [
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020",
    ]
    assert any(".VnTime" in warning for warning in read.warnings)


def test_docx_named_txt_is_read_as_docx(tmp_path: Path) -> None:
    disguised = tmp_path / "cv.txt"
    disguised.write_bytes(_docx(tmp_path / "cv.docx").read_bytes())
    assert read_document(disguised).format == "docx"


def test_zip_that_is_not_a_word_document_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data.csv", "Huyện,Số ca\nCái Nước,1204\n")
    path = tmp_path / "data.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ReadError, match="not a Word document"):
        read_document(path)


def test_truncated_docx_is_refused(tmp_path: Path) -> None:
    whole = _docx(tmp_path / "cv.docx").read_bytes()
    path = tmp_path / "truncated.docx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ReadError, match="DOCX|Word"):
        read_document(path)


def test_corrupt_old_word_file_gives_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4)
    expected = "corrupt .doc" if shutil.which("antiword") else "unsupported format"
    with pytest.raises(ReadError, match=expected):
        read_document(path)
