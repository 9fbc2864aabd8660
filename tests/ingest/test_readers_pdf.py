"""PDF reading: text layers laid out, tables as rows, scanned pages OCR'd, broken files refused.

Born-digital PDFs are built in tmp_path with pdfium (DejaVu Serif carries the Vietnamese
letters); scanned ones are the real scans in ../shared/realdocs, OCR'd one page at a time except
in one full-document test.
"""

from __future__ import annotations

import ctypes
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from ingest.normalize import fold
from ingest.readers import PAGE_BREAK, ReadError, read_document
from tests.ingest.pdf_samples import CATALOG, ONE_PAGE, raw_pdf

REALDOCS = Path(__file__).resolve().parents[2].parent / "shared" / "realdocs"
FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
PAGE_HEIGHT = 842

# Header and opening of Chỉ thị 11/CT-TTg (corpus/ct_11_ttg_2020.txt).
CT_11_HEADER = [
    (95, 60, "THỦ TƯỚNG CHÍNH PHỦ"),
    (300, 60, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    (345, 76, "Độc lập - Tự do - Hạnh phúc"),
    (110, 104, "Số: 11/CT-TTg"),
    (330, 104, "Hà Nội, ngày 04 tháng 3 năm 2020"),
    (270, 140, "CHỈ THỊ"),
]
CT_11_BODY = (
    "Dịch bệnh viêm đường hô hấp cấp do chủng mới của vi rút Corona gây ra đã và đang "
    "diễn biến hết sức phức tạp, lan rộng ra nhiều quốc gia trên thế giới"
)


def _text_lines(text: str, top: float, count: int) -> list[tuple[float, float, str]]:
    words = text.split()
    per_line = max(1, len(words) // 2)
    lines = [" ".join(words[:per_line]), " ".join(words[per_line:])]
    return [(72, top + 15 * index, lines[index % 2]) for index in range(count)]


def build_pdf(
    path: Path,
    pages: list[list[tuple[float, float, str]]],
    rects: tuple[tuple[float, float, float, float], ...] = (),
    standard_font: str | None = None,
) -> Path:
    """A PDF with text at (x, top) on each page; ``rects`` are ruled boxes on page 1."""
    if standard_font is None and not FONT_FILE.exists():
        pytest.skip("DejaVu fonts are not installed")
    document = pdfium.PdfDocument.new()
    font_data = FONT_FILE.read_bytes() if standard_font is None else b""
    font_buffer = (ctypes.c_uint8 * len(font_data)).from_buffer_copy(font_data)
    font = None
    if standard_font is None:
        font = pdfium_c.FPDFText_LoadFont(
            document.raw, font_buffer, len(font_data), pdfium_c.FPDF_FONT_TRUETYPE, 1
        )
    for number, lines in enumerate(pages):
        page = document.new_page(595, PAGE_HEIGHT)
        for x, top, text in lines:
            if font is None:
                item = pdfium_c.FPDFPageObj_NewTextObj(document.raw, standard_font.encode(), 11)
            else:
                item = pdfium_c.FPDFPageObj_CreateTextObj(document.raw, font, 11)
            encoded = (text + "\0").encode("utf-16-le")
            characters = ctypes.create_string_buffer(encoded, len(encoded))
            pdfium_c.FPDFText_SetText(
                item, ctypes.cast(characters, ctypes.POINTER(ctypes.c_ushort))
            )
            pdfium_c.FPDFPageObj_Transform(item, 1, 0, 0, 1, x, PAGE_HEIGHT - top)
            pdfium_c.FPDFPage_InsertObject(page.raw, item)
        if number == 0:
            for x0, top, x1, bottom in rects:
                box = pdfium_c.FPDFPageObj_CreateNewRect(
                    x0, PAGE_HEIGHT - bottom, x1 - x0, bottom - top
                )
                pdfium_c.FPDFPath_SetDrawMode(box, 0, 1)
                pdfium_c.FPDFPage_InsertObject(page.raw, box)
        page.gen_content()
    document.save(str(path))
    return path


def build_scanned_pdf(path: Path, source: Path, text_layer: list[tuple[float, float, str]]) -> Path:
    """Page 1 of ``source`` as a 200 dpi scan, under a scanner-made text layer."""
    rendered = pdfium.PdfDocument(str(source))[0].render(scale=200 / 72, grayscale=True)
    document = pdfium.PdfDocument.new()
    page = document.new_page(595, PAGE_HEIGHT)
    image = pdfium.PdfImage.new(document)
    image.set_bitmap(rendered)
    image.set_matrix(pdfium.PdfMatrix().scale(595, PAGE_HEIGHT))
    page.insert_obj(image)
    font_data = FONT_FILE.read_bytes()
    font_buffer = (ctypes.c_uint8 * len(font_data)).from_buffer_copy(font_data)
    font = pdfium_c.FPDFText_LoadFont(
        document.raw, font_buffer, len(font_data), pdfium_c.FPDF_FONT_TRUETYPE, 1
    )
    for x, top, text in text_layer:
        item = pdfium_c.FPDFPageObj_CreateTextObj(document.raw, font, 11)
        encoded = (text + "\0").encode("utf-16-le")
        characters = ctypes.create_string_buffer(encoded, len(encoded))
        pdfium_c.FPDFText_SetText(item, ctypes.cast(characters, ctypes.POINTER(ctypes.c_ushort)))
        pdfium_c.FPDFPageObj_Transform(item, 1, 0, 0, 1, x, PAGE_HEIGHT - top)
        pdfium_c.FPDFTextObj_SetTextRenderMode(item, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
        pdfium_c.FPDFPage_InsertObject(page.raw, item)
    page.gen_content()
    document.save(str(path))
    return path


def realdoc(name: str) -> Path:
    path = REALDOCS / name
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


def needs_tesseract() -> None:
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed")


def test_born_digital_header_comes_out_column_by_column(tmp_path: Path) -> None:
    path = build_pdf(tmp_path / "ct.pdf", [CT_11_HEADER + _text_lines(CT_11_BODY, 170, 30)])
    document = read_document(path)
    lines = document.text.splitlines()
    assert lines[:6] == [
        "THỦ TƯỚNG CHÍNH PHỦ",
        "Số: 11/CT-TTg",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 04 tháng 3 năm 2020",
        "CHỈ THỊ",
    ]
    assert (document.format, document.page_count, document.ocr) == ("pdf", 1, False)


def test_pages_are_joined_by_page_breaks(tmp_path: Path) -> None:
    pages = [CT_11_HEADER + _text_lines(CT_11_BODY, 170, 30), _text_lines(CT_11_BODY, 60, 30)]
    document = read_document(build_pdf(tmp_path / "two.pdf", pages))
    assert document.page_count == 2
    first, second = document.text.split(PAGE_BREAK)
    assert first.startswith("THỦ TƯỚNG CHÍNH PHỦ")
    assert second.startswith("Dịch bệnh viêm")


@pytest.mark.parametrize(("top", "foot"), [("2", "- 3 -"), ("Trang 2/3", "3")])
def test_a_page_number_is_not_read_into_the_text(tmp_path: Path, top: str, foot: str) -> None:
    # Page 2 numbered in its top margin, page 3 at its foot; a sentence runs over from page 1
    # to page 2, and page 3 opens with a figure alone on its line, which is text.
    sentence = "Tăng cường tuyên truyền đến du khách trong nước và"
    pages = [
        CT_11_HEADER + [(72, 700, sentence)],
        [(290, 40, top), (72, 80, "du khách quốc tế biết đến sự kiện.")],
        [(290, 40, "15"), (72, 80, "hộ gia đình được hỗ trợ."), (290, 800, foot)],
    ]
    document = read_document(build_pdf(tmp_path / "numbered.pdf", pages))
    first, second, third = document.text.split(PAGE_BREAK)
    assert first.endswith(sentence)
    assert second == "du khách quốc tế biết đến sự kiện."
    assert third == "15\nhộ gia đình được hỗ trợ."


def test_ruled_table_comes_out_as_tab_separated_rows(tmp_path: Path) -> None:
    # Statistics appendix in the manner of corpus/000 (cases per district).
    cells = [
        ["Huyện", "Số ca mắc", "Khỏi bệnh"],
        ["Cái Nước", "1.204", "1.150"],
        ["Năm Căn", "687", "640"],
    ]
    columns, rows_top = (72, 222, 372, 522), (300, 320, 340, 360)
    rects = tuple(
        (columns[c], rows_top[r], columns[c + 1], rows_top[r + 1])
        for r in range(3)
        for c in range(3)
    )
    texts = [(columns[c] + 5, rows_top[r] + 14, cells[r][c]) for r in range(3) for c in range(3)]
    lines = _text_lines(CT_11_BODY, 100, 12) + texts + _text_lines(CT_11_BODY, 400, 12)
    document = read_document(build_pdf(tmp_path / "table.pdf", [lines], rects))
    text_lines = document.text.splitlines()
    assert "Huyện\tSố ca mắc\tKhỏi bệnh" in text_lines
    assert "Cái Nước\t1.204\t1.150" in text_lines
    assert text_lines.index("Năm Căn\t687\t640") == text_lines.index("Cái Nước\t1.204\t1.150") + 1


def test_text_layer_in_tcvn3_is_converted(tmp_path: Path) -> None:
    """A .VnTime document: its text layer holds TCVN3 bytes shown as Windows-1252 characters."""
    line = "Céng hoµ x· héi chñ nghÜa ViÖt Nam - §éc lËp - Tù do - H¹nh phóc"
    path = build_pdf(
        tmp_path / "vntime.pdf",
        [[(72, 60 + 15 * i, line) for i in range(20)]],
        standard_font="Times-Roman",
    )
    document = read_document(path)
    assert (
        document.text.splitlines()[0]
        == "Cộng hoà xã hội chủ nghĩa Việt Nam - Độc lập - Tự do - Hạnh phúc"
    )
    assert any("tcvn3" in warning for warning in document.warnings)


def test_words_in_vntime_fonts_are_converted_by_font(tmp_path: Path) -> None:
    """The font name decides, even for one heading line too short for content detection."""
    built = build_pdf(
        tmp_path / "times.pdf",
        [[(72, 60, "CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM")] + _text_lines(CT_11_BODY, 100, 20)],
        standard_font="Times-Roman",
    )
    # Renamed in place (same length, so the cross-reference table stays right).
    renamed = tmp_path / "vntimeh.pdf"
    renamed.write_bytes(built.read_bytes().replace(b"/Times-Roman", b"/.VnTimeH   "))
    document = read_document(renamed)
    assert document.text.splitlines()[0] == "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert any(".VnTimeH" in warning for warning in document.warnings)


def test_blank_number_and_date_stay_blank_under_e_signing_widgets() -> None:
    """The plan was issued with "Số: /KH-UBND"; the widgets stamped at signing are not its text."""
    document = read_document(realdoc("hanoi_kh_173_festival.pdf"), pages=[0])
    assert document.text.splitlines()[:6] == [
        "ỦY BAN NHÂN DÂN",
        "THÀNH PHỐ HÀ NỘI",
        "Số: /KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày tháng năm 2026",
    ]
    assert document.page_count == 12 and not document.ocr


def test_blank_image_page_is_reported() -> None:
    needs_tesseract()
    document = read_document(realdoc("hanoi_kh_173_festival.pdf"), pages=[10, 11])
    assert any("page 12: blank" in warning for warning in document.warnings)
    assert document.text.endswith(PAGE_BREAK) and not document.ocr


def test_scanned_page_is_ocrd_with_header_columns_apart() -> None:
    needs_tesseract()
    document = read_document(realdoc("nq_115_ba_vi.pdf"), pages=[0])
    assert document.ocr and document.ocr_confidence is not None and document.ocr_confidence > 60
    lines = document.text.splitlines()
    assert "CHÍNH PHỦ" in lines
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert lines.index("CHÍNH PHỦ") < lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert "NGHỊ QUYẾT" in lines
    assert any(
        line.startswith("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025") for line in lines
    )


def test_image_only_pdf_is_ocrd() -> None:
    needs_tesseract()
    document = read_document(realdoc("tt_37_bca_vehicle.pdf"))
    lines = document.text.splitlines()
    assert document.ocr and document.page_count == 1
    assert lines.index("BỘ CÔNG AN") < lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert "THÔNG TƯ" in lines


def test_whole_scanned_document_is_read_page_by_page() -> None:
    needs_tesseract()
    document = read_document(realdoc("tt_21_bct_fuel.pdf"))
    assert document.page_count == 2 and document.ocr
    first, second = document.text.split(PAGE_BREAK)
    assert "BỘ CÔNG THƯƠNG" in first
    assert "Bộ trưởng Bộ Công Thương" in first
    assert len(second.split()) > 50


def test_scan_whose_own_ocr_lost_the_tone_marks_is_ocrd_again(tmp_path: Path) -> None:
    needs_tesseract()
    source = build_pdf(tmp_path / "typed.pdf", [CT_11_HEADER + _text_lines(CT_11_BODY, 170, 10)])
    scanner_layer = [(x, top, fold(text).upper()) for x, top, text in CT_11_HEADER]
    scanner_layer += [(x, top, fold(text)) for x, top, text in _text_lines(CT_11_BODY, 170, 10)]
    document = read_document(build_scanned_pdf(tmp_path / "scan.pdf", source, scanner_layer))
    assert document.ocr
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in document.text.splitlines()
    assert "Dịch bệnh viêm đường hô hấp" in document.text


def test_scan_with_a_good_text_layer_keeps_it(tmp_path: Path) -> None:
    source = build_pdf(tmp_path / "typed.pdf", [CT_11_HEADER + _text_lines(CT_11_BODY, 170, 10)])
    layer = [(x, top, text) for x, top, text in CT_11_HEADER + _text_lines(CT_11_BODY, 170, 10)]
    document = read_document(build_scanned_pdf(tmp_path / "scan.pdf", source, layer))
    assert not document.ocr
    assert document.text.splitlines()[0] == "THỦ TƯỚNG CHÍNH PHỦ"


def test_ocr_can_be_switched_off() -> None:
    document = read_document(realdoc("nq_115_ba_vi.pdf"), pages=[0, 1], ocr=False)
    assert not document.ocr
    assert any("not OCR'd" in warning for warning in document.warnings)


ENCRYPT = "<< /Filter /Standard /V 1 /R 2 /O <{o}> /U <{u}> /P -4 >>".format(
    o="11" * 32, u="22" * 32
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            raw_pdf(ONE_PAGE + [ENCRYPT], "/Encrypt 4 0 R /ID [<{0}> <{0}>] ".format("33" * 16)),
            "encrypted PDF",
        ),
        (raw_pdf([CATALOG, "<< /Type /Pages /Kids [] /Count 0 >>"]), "PDF"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 8, "corrupt PDF"),
        (raw_pdf(ONE_PAGE), "PDF has no text"),
    ],
    ids=["encrypted", "zero-page", "corrupt", "no-text"],
)
def test_broken_pdf_gives_one_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=message) as caught:
        read_document(path)
    assert "\n" not in str(caught.value)


def test_truncated_pdf_is_read_or_refused_cleanly(tmp_path: Path) -> None:
    built = build_pdf(tmp_path / "whole.pdf", [CT_11_HEADER + _text_lines(CT_11_BODY, 170, 30)] * 3)
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(built.read_bytes()[: built.stat().st_size // 2])
    try:
        document = read_document(truncated, ocr=False)
    except ReadError as error:
        assert "PDF" in str(error)
    else:
        assert "THỦ TƯỚNG CHÍNH PHỦ" in document.text


def test_pdf_with_a_lying_extension_is_read_as_pdf(tmp_path: Path) -> None:
    built = build_pdf(tmp_path / "ct.pdf", [CT_11_HEADER + _text_lines(CT_11_BODY, 170, 30)])
    disguised = tmp_path / "ct.txt"
    disguised.write_bytes(built.read_bytes())
    document = read_document(disguised)
    assert document.format == "pdf" and document.text.startswith("THỦ TƯỚNG CHÍNH PHỦ")


def test_text_named_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "not.pdf"
    path.write_text("CHÍNH PHỦ\nSố: 84/NQ-CP", encoding="utf-8")
    with pytest.raises(ReadError, match="not a PDF file"):
        read_document(path)
