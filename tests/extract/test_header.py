"""The header extractor on the seeds (against gold), the OCR'd real documents (against their
SOURCES.md description) and realistic page-1 and signature layouts the seeds lack."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from extract.header import extract_header
from extract.model import Header
from ingest.normalize import normalize_text

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
GOLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "gold"
HEADER_FIELDS = ("doc_type", "number", "issuer", "place", "issued_date", "subject", "urgency")


def header_of(text: str) -> Header:
    return extract_header(normalize_text(text))


def same_text(expected: str | None, got: str | None) -> bool:
    """The scoring contract's fuzzy comparison (token-set ratio ≥ 90 after lower-casing)."""
    if expected is None or got is None:
        return expected is got
    return fuzz.token_set_ratio(expected.lower(), got.lower()) >= 90


# --------------------------------------------------------------------------------------------
# Seeds against gold


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.json")) if GOLD.exists() else []


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.stem)
def test_seed_headers_match_gold(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    header = extract_header(normalize_text((CORPUS / gold["file"]).read_text(encoding="utf-8")))
    record = header.to_gold()
    for name in ("doc_type", "number", "place", "issued_date", "urgency"):
        assert record[name] == gold[name], name
    for name in ("issuer", "subject"):
        assert same_text(gold[name], record[name]), name
    assert len(record["recipients"]) == len(gold["recipients"])
    for expected, got in zip(gold["recipients"], record["recipients"], strict=True):
        assert same_text(expected, got)
    assert (record["signer"] is None) == (gold["signer"] is None)
    if gold["signer"]:
        assert record["signer"]["name"] == gold["signer"]["name"]
        assert same_text(gold["signer"]["title"], record["signer"]["title"])
        assert record["signer"]["on_behalf"] == gold["signer"]["on_behalf"]


def test_gold_folder_present() -> None:
    if not GOLD.exists():
        pytest.skip("../shared is not beside the repository")
    assert gold_files(), "no gold files to test against"


# --------------------------------------------------------------------------------------------
# OCR'd real documents: what SOURCES.md says is true, and null where OCR garbled it


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        (
            "qd_28_2021_ttg.txt",
            {
                "doc_type": "quyết định",
                "number": "28/2021/QĐ-TTg",
                "issuer": "Thủ tướng Chính phủ",
                "issued_date": "2021-10-01",
                "place": "Hà Nội",
            },
        ),
        (
            "nq_84_cp_2020.txt",
            {
                "doc_type": "nghị quyết",
                "number": "84/NQ-CP",
                "issuer": "Chính phủ",
                "issued_date": "2020-05-29",
                "signer": None,  # the stored text ends before the signature
            },
        ),
        (
            "cv_839_tct_2020.txt",
            {
                "doc_type": "công văn",
                "number": "839/TCT-QLN",
                "issuer": "Tổng cục Thuế",
                "parent_issuer": "Bộ Tài chính",
                "issued_date": "2020-03-03",
                "recipients": ("Cục Thuế các tỉnh, thành phê trực thuộc Trung ương",),
            },
        ),
        # "Số: AO5f /CT-TTHT" and "ngày 05 tháng năm 2020": unreadable number, no month.
        (
            "cv_cthp_2020_nd41.txt",
            {"doc_type": "công văn", "number": None, "issued_date": None, "year": 2020},
        ),
        # "Số: Äf03Y!CTHN-TTHT", "ngày of tháng § năm 2021".
        (
            "cv_18037_cthn_2021_nd52.txt",
            {"doc_type": "công văn", "number": None, "issued_date": None, "year": 2021},
        ),
        # "ngàyháng 3 năm 2020"; the number is mangled ("——; /CT-", "41 /CT-TTs").
        (
            "ct_11_ttg_2020.txt",
            {"doc_type": "chỉ thị", "number": None, "issued_date": None, "year": 2020},
        ),
        # "ngày 2#tháng 9 năm 2021".
        (
            "nq_116_cp_2021.txt",
            {"doc_type": "nghị quyết", "issuer": "Chính phủ", "issued_date": None, "year": 2021},
        ),
    ],
)
def test_ocr_documents(file: str, expected: dict) -> None:
    path = CORPUS / file
    if not path.exists():
        pytest.skip(f"{file} is not in corpus/")
    header = extract_header(normalize_text(path.read_text(encoding="utf-8")))
    for name, value in expected.items():
        got = getattr(header, name)
        if name in ("issuer", "parent_issuer") and value:
            assert same_text(value, got), name
        else:
            assert got == value, name


@pytest.mark.parametrize(
    ("file", "name", "title", "on_behalf"),
    [
        ("cv_839_tct_2020.txt", None, "Phó Tổng cục trưởng", "KT. TỔNG CỤC TRƯỞNG"),
        ("qd_28_2021_ttg.txt", "Lé Minh Khai", None, "KT. THỦ TƯỚNG"),
        ("nq_116_cp_2021.txt", None, "Thủ tướng", "TM. CHÍNH PHỦ"),
        ("ct_11_ttg_2020.txt", None, "Thủ tướng", None),  # "š Zuyến Xuân Phúc" is no name
        ("cv_cthp_2020_nd41.txt", None, "Cục trưởng", None),
    ],
)
def test_ocr_signature_blocks(file: str, name, title, on_behalf) -> None:
    path = CORPUS / file
    if not path.exists():
        pytest.skip(f"{file} is not in corpus/")
    signer = extract_header(normalize_text(path.read_text(encoding="utf-8"))).signer
    assert signer is not None
    assert (signer.name, signer.title, signer.on_behalf) == (name, title, on_behalf)


# --------------------------------------------------------------------------------------------
# Layouts the seeds lack


FLATTENED = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH QUẢNG NINH Độc lập - Tự do - Hạnh phúc
Số: 5217/UBND-VX Quảng Ninh, ngày 05 tháng 9 năm 2021
V/v tăng cường các biện pháp phòng,
chống dịch COVID-19 trong tình hình mới
Kính gửi:
- Các sở, ban, ngành thuộc tỉnh;
- Ủy ban nhân dân các huyện, thị xã, thành phố.
Thực hiện Công điện số 1102/CĐ-TTg ngày 23/8/2021 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành khẩn trương triển khai các nội dung sau.
Nơi nhận: KT. CHỦ TỊCH
- Như trên; PHÓ CHỦ TỊCH
- Lưu: VT, VX1.
Nguyễn Văn Thành
"""

TWO_LEVELS = """UBND TỈNH CÀ MAU
SỞ Y TẾ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Sô: 125 /SYT-NVY
Cà Mau, ngày 14 tháng 10 năm 2021

V/v hướng dẫn cách ly y tế tại nhà

THƯỢNG KHẨN

Kính gửi: Trung tâm Y tế các huyện, thành phố

Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Sở Y tế hướng dẫn như sau.

Nơi nhận:
- Như trên;
- Lưu: VT, NVY.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

(Đã ký)

Phạm Thị Hồng Nhung
"""

PARTY = """ĐẢNG BỘ TỈNH THANH HÓA ĐẢNG CỘNG SẢN VIỆT NAM
HUYỆN ỦY NHƯ XUÂN
*
Số 215-QĐ/HU Như Xuân, ngày 12 tháng 8 năm 2021

QUYẾT ĐỊNH
về việc thành lập Tổ công tác phòng, chống dịch Covid-19
của Ban Thường vụ Huyện ủy

- Căn cứ Điều lệ Đảng;
- Căn cứ Quy chế làm việc của Huyện ủy khóa XXVI, nhiệm kỳ 2020 - 2025,

BAN THƯỜNG VỤ HUYỆN ỦY QUYẾT ĐỊNH

Điều 1. Thành lập Tổ công tác.

Nơi nhận:
- Như Điều 3,
- Lưu Văn phòng Huyện ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Lê Văn Hải
"""

PARTY_PROVINCE = """ĐẢNG BỘ TỈNH CÀ MAU
TỈNH ỦY
*
Số 77-TB/TU

ĐẢNG CỘNG SẢN VIỆT NAM
Cà Mau, ngày 24 tháng 8 năm 2021

THÔNG BÁO
KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY
về một số nhiệm vụ cấp bách phòng, chống dịch bệnh COVID-19

Ngày 24/8/2021, Ban Thường vụ Tỉnh ủy họp nghe báo cáo tình hình dịch bệnh.

Nơi nhận:
- Các huyện ủy, thành ủy,
- Lưu Văn phòng Tỉnh ủy.

T/L BAN THƯỜNG VỤ
CHÁNH VĂN PHÒNG

Trần Văn Hiếu
"""

ACTING = """BỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
CỤC QUẢN LÝ KHÁM, CHỮA BỆNH Độc lập - Tự do - Hạnh phúc
Số: 1456/KCB-NV Hà Nội, ngày 20 tháng 11 năm 2021
HỎA TỐC HẸN GIỜ
V/v chuẩn bị giường hồi sức tích cực
Kính gửi: Giám đốc Sở Y tế các tỉnh, thành phố trực thuộc Trung ương
Đề nghị các đơn vị khẩn trương rà soát số giường hồi sức tích cực và báo cáo về Cục trước ngày 25/11/2021.
Nơi nhận:
- Như trên;
- Lưu: VT, NV.
Q. CỤC TRƯỞNG
Lương Ngọc Khuê
"""

BLANK_NUMBER = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HÀ NỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số:      /KH-UBND
Hà Nội, ngày     tháng     năm 2026

KẾ HOẠCH
Tổ chức Festival Thăng Long - Hà Nội lần thứ II, năm 2026

Thực hiện Nghị quyết số 09-NQ/TU của Thành ủy, Ủy ban nhân dân Thành phố ban hành Kế hoạch tổ chức Festival như sau.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Vũ Thu Hà

Nơi nhận:
- Thường trực Thành ủy;
- Lưu: VT, KGVX.
"""

CONG_DIEN = """Người ký: Cổng Thông tin điện tử Chính phủ
Email: thongtinchinhphu@chinhphu.vn
Cơ quan: Văn phòng Chính phủ
Thời gian ký: 23.08.2021 19:20:15 +07:00

THỦ TƯỚNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 1102/CĐ-TTg
Hà Nội, ngày 23 tháng 8 năm 2021

CÔNG ĐIỆN
Về việc tăng cường các biện pháp phòng, chống dịch COVID-19
THỦ TƯỚNG CHÍNH PHỦ điện:
- Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ;
- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.

Các địa phương khẩn trương triển khai quyết liệt các biện pháp.

Nơi nhận:
- Như trên;
- Lưu: VT, KGVX (3).

THỦ TƯỚNG

Phạm Minh Chính
"""

# A PDF read column by column: the whole left column, then the right one.
COLUMNS = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HÀ NỘI
Số: 3722/UBND-ĐT
V/v triển khai dự án tuyến đường sắt đô thị
thí điểm thành phố Hà Nội
Độc lập - Tự do - Hạnh phúc
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Hà Nội, ngày 15 tháng 5 năm 2026
Kính gửi:
- Sở Xây dựng;
- Ban Quản lý đường sắt đô thị Hà Nội.
Thực hiện chỉ đạo của Thành ủy về đầu tư các tuyến đường sắt đô thị, Ủy ban nhân dân Thành phố yêu cầu các đơn vị khẩn trương triển khai các nội dung sau đây.
"""

# A .docx header table: cells joined by tabs, the paragraphs of a cell by spaces.
DOCX_TABLE = (
    "UBND TỈNH BẠC LIÊU SỞ Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
    "Số: 2105/SYT-NV V/v triển khai tiêm vắc xin phòng COVID-19 cho trẻ em\t"
    "Bạc Liêu, ngày 02 tháng 11 năm 2021\n"
    "KHẨN\n"
    "Kính gửi: - Trung tâm Y tế các huyện, thị xã, thành phố; - Bệnh viện Đa khoa tỉnh.\n"
    "Thực hiện Công văn số 8688/BYT-DP của Bộ Y tế về việc tiêm vắc xin phòng COVID-19 cho trẻ em, Sở Y tế đề nghị các đơn vị triển khai ngay.\n"
)

NEWS = """Thanh Hóa: Khẩn trương tiêm vắc xin cho người trên 50 tuổi

Thứ Ba, 07/12/2021 20:12 (GMT+7)

(Baothanhhoa.vn) - Chiều 7/12, đồng chí Đầu Thanh Tùng, Phó Chủ tịch UBND tỉnh đã chủ trì hội nghị trực tuyến về công tác tiêm chủng vắc xin phòng COVID-19 trên địa bàn tỉnh, yêu cầu các địa phương khẩn trương hoàn thành trước ngày 15/12.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            FLATTENED,
            {
                "doc_type": "công văn",
                "number": "5217/UBND-VX",
                "issuer": "Ủy ban nhân dân tỉnh Quảng Ninh",
                "parent_issuer": None,
                "place": "Quảng Ninh",
                "issued_date": "2021-09-05",
                "subject": "V/v tăng cường các biện pháp phòng, chống dịch COVID-19 trong tình hình mới",
                "urgency": None,
                "recipients": (
                    "Các sở, ban, ngành thuộc tỉnh",
                    "Ủy ban nhân dân các huyện, thị xã, thành phố",
                ),
            },
        ),
        (
            COLUMNS,
            {
                "doc_type": "công văn",
                "number": "3722/UBND-ĐT",
                "issuer": "Ủy ban nhân dân thành phố Hà Nội",
                "place": "Hà Nội",
                "issued_date": "2026-05-15",
                "subject": "V/v triển khai dự án tuyến đường sắt đô thị thí điểm thành phố Hà Nội",
                "recipients": ("Sở Xây dựng", "Ban Quản lý đường sắt đô thị Hà Nội"),
            },
        ),
        (
            DOCX_TABLE,
            {
                "doc_type": "công văn",
                "number": "2105/SYT-NV",
                "issuer": "Sở Y tế",
                "parent_issuer": "Ủy ban nhân dân tỉnh Bạc Liêu",
                "place": "Bạc Liêu",
                "issued_date": "2021-11-02",
                "subject": "V/v triển khai tiêm vắc xin phòng COVID-19 cho trẻ em",
                "urgency": "khẩn",
                "recipients": (
                    "Trung tâm Y tế các huyện, thị xã, thành phố",
                    "Bệnh viện Đa khoa tỉnh",
                ),
            },
        ),
        (
            TWO_LEVELS,
            {
                "doc_type": "công văn",
                "number": "125/SYT-NVY",
                "issuer": "Sở Y tế",
                "parent_issuer": "Ủy ban nhân dân tỉnh Cà Mau",
                "place": "Cà Mau",
                "issued_date": "2021-10-14",
                "subject": "V/v hướng dẫn cách ly y tế tại nhà",
                "urgency": "thượng khẩn",
                "recipients": ("Trung tâm Y tế các huyện, thành phố",),
            },
        ),
        (
            PARTY,
            {
                "doc_type": "quyết định",
                "number": "215-QĐ/HU",
                "issuer": "Huyện ủy Như Xuân",
                "parent_issuer": "Đảng bộ tỉnh Thanh Hóa",
                "place": "Như Xuân",
                "issued_date": "2021-08-12",
                "subject": "về việc thành lập Tổ công tác phòng, chống dịch Covid-19 của Ban Thường vụ Huyện ủy",
                "urgency": None,
                "recipients": (),
            },
        ),
        (
            PARTY_PROVINCE,
            {
                "doc_type": "thông báo",
                "number": "77-TB/TU",
                "issuer": "Tỉnh ủy Cà Mau",
                "place": "Cà Mau",
                "issued_date": "2021-08-24",
                "subject": "KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY về một số nhiệm vụ cấp bách phòng, chống dịch bệnh COVID-19",
            },
        ),
        (
            ACTING,
            {
                "doc_type": "công văn",
                "number": "1456/KCB-NV",
                "issuer": "Cục Quản lý Khám, chữa bệnh",
                "parent_issuer": "Bộ Y tế",
                "issued_date": "2021-11-20",
                "urgency": "hỏa tốc",
                "recipients": ("Giám đốc Sở Y tế các tỉnh, thành phố trực thuộc Trung ương",),
            },
        ),
        (
            BLANK_NUMBER,
            {
                "doc_type": "kế hoạch",
                "number": None,
                "issuer": "Ủy ban nhân dân thành phố Hà Nội",
                "place": "Hà Nội",
                "issued_date": None,
                "year": 2026,
                "subject": "Tổ chức Festival Thăng Long - Hà Nội lần thứ II, năm 2026",
            },
        ),
        (
            CONG_DIEN,
            {
                "doc_type": "công điện",
                "number": "1102/CĐ-TTg",
                "issuer": "Thủ tướng Chính phủ",
                "issued_date": "2021-08-23",
                "subject": "Về việc tăng cường các biện pháp phòng, chống dịch COVID-19",
                "urgency": None,
            },
        ),
        (
            NEWS,
            {
                "doc_type": "bài báo",
                "number": None,
                "issuer": "Baothanhhoa.vn",
                "issued_date": "2021-12-07",
                "subject": "Thanh Hóa: Khẩn trương tiêm vắc xin cho người trên 50 tuổi",
                "urgency": None,
                "signer": None,
            },
        ),
    ],
    ids=[
        "flattened",
        "columns",
        "docx-table",
        "two-levels",
        "party-district",
        "party-province",
        "acting",
        "blank",
        "cong-dien",
        "news",
    ],
)
def test_layouts(text: str, expected: dict) -> None:
    header = header_of(text)
    for name, value in expected.items():
        if name in ("issuer", "parent_issuer", "subject") and value:
            assert same_text(value, getattr(header, name)), name
        else:
            assert getattr(header, name) == value, name


@pytest.mark.parametrize(
    ("header_lines", "issuer", "parent"),
    [
        ("ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU", "Ủy ban nhân dân tỉnh Cà Mau", None),
        ("UBND TỈNH CÀ MAU\nSỞ Y TẾ", "Sở Y tế", "Ủy ban nhân dân tỉnh Cà Mau"),
        ("BỘ TÀI CHÍNH\nTONG CỤC THUÊ", "Tổng cục Thuế", "Bộ Tài chính"),
        ("CHINH PHU", "Chính phủ", None),
        ("TỔNG CỤC THUẾ\nCUC THUE TP HAI PHONG", "Cục Thuế thành phố Hải Phòng", "Tổng cục Thuế"),
        ("TỈNH ỦY CÀ MAU\nVĂN PHÒNG", "Văn phòng Tỉnh ủy Cà Mau", "Tỉnh ủy Cà Mau"),
        (
            "BAN CHỈ ĐẠO PHÒNG, CHỐNG\nDỊCH COVID-19 TỈNH",
            "Ban Chỉ đạo Phòng, chống dịch COVID-19 tỉnh",
            None,
        ),
        ("UBND HUYỆN MƯỜNG TÈ\nPHÒNG Y TẾ", "Phòng Y tế", "Ủy ban nhân dân huyện Mường Tè"),
        (
            "ỦY BAN NHÂN DÂN\nTP. HỒ CHÍ MINH\nSỞ Y TẾ",
            "Sở Y tế",
            "Ủy ban nhân dân thành phố Hồ Chí Minh",
        ),
        ("HĐND TỈNH CÀ MAU", "Hội đồng nhân dân tỉnh Cà Mau", None),
        # Names that end in words of the national title.
        ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ\nXÃ HỘI", "Sở Lao động - Thương binh và Xã hội", None),
        ("ỦY BAN NHÂN DÂN XÃ CỘNG HÒA", "Ủy ban nhân dân xã Cộng Hòa", None),
        # Kinds of bodies beyond the seeds' agencies.
        ("TỈNH ĐOÀN ĐỒNG THÁP", "Tỉnh đoàn Đồng Tháp", None),
        ("BỘ QUỐC PHÒNG\nQUÂN KHU 7", "Quân khu 7", "Bộ Quốc phòng"),
    ],
)
def test_issuer_columns_are_spelled_out(header_lines: str, issuer: str, parent: str | None) -> None:
    text = f"{header_lines}\nSố: 12/BC-UBND\nCà Mau, ngày 02 tháng 3 năm 2022\n\nBÁO CÁO\nTình hình tháng 2\n"
    header = header_of(text)
    assert (header.issuer, header.parent_issuer) == (issuer, parent)


@pytest.mark.parametrize(
    ("text", "name", "title", "on_behalf"),
    [
        (FLATTENED, "Nguyễn Văn Thành", "Phó Chủ tịch", "KT. CHỦ TỊCH"),
        (TWO_LEVELS, "Phạm Thị Hồng Nhung", "Phó Giám đốc", "KT. GIÁM ĐỐC"),
        (PARTY, "Lê Văn Hải", "Phó Bí thư", "T/M BAN THƯỜNG VỤ"),
        (PARTY_PROVINCE, "Trần Văn Hiếu", "Chánh Văn phòng", "T/L BAN THƯỜNG VỤ"),
        (ACTING, "Lương Ngọc Khuê", "Quyền Cục trưởng", "Q. CỤC TRƯỞNG"),
        (BLANK_NUMBER, "Vũ Thu Hà", "Phó Chủ tịch", "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"),
        (CONG_DIEN, "Phạm Minh Chính", "Thủ tướng", None),
    ],
)
def test_signature_blocks(text: str, name: str, title: str, on_behalf: str | None) -> None:
    signer = header_of(text).signer
    assert signer is not None
    assert (signer.name, signer.title, signer.on_behalf) == (name, title, on_behalf)
    assert signer.start < signer.end


DECISION_WITH_ANNEX = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LAI CHÂU Độc lập - Tự do - Hạnh phúc
Số: 1401/QĐ-UBND Lai Châu, ngày 10 tháng 8 năm 2021
QUYẾT ĐỊNH
Về việc kiện toàn Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Xét đề nghị của Giám đốc Sở Y tế,
QUYẾT ĐỊNH:
Điều 1. Kiện toàn Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh (danh sách kèm theo).
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Nơi nhận:
- Như Điều 2;
- Lưu: VT, VX.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Hà Trọng Hải
DANH SÁCH
THÀNH VIÊN BAN CHỈ ĐẠO
(Kèm theo Quyết định số 1401/QĐ-UBND ngày 10/8/2021)
TRƯỞNG BAN
Ông Trần Tiến Dũng
"""


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        # A .docx signature table: the cells of a row joined by a tab, a cell's lines by spaces.
        (
            "Nơi nhận: - Như trên; - Lưu: VT, VX.\tTM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH (Đã ký) Nguyễn Văn Sơn",
            ("Nguyễn Văn Sơn", "Phó Chủ tịch", "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"),
        ),
        # A portal's HTML table: the authority beside the last item, the name under a [daky] mark.
        (
            "Nơi nhận:\n- Như trên;\n- Lưu: VT, TTKT.\tKT. TỔNG CỤC TRƯỞNG\nPHÓ TỔNG CỤC TRƯỞNG\n\n[daky]\n\nĐặng Ngọc Minh",
            ("Đặng Ngọc Minh", "Phó Tổng cục trưởng", "KT. TỔNG CỤC TRƯỞNG"),
        ),
        (
            "Nơi nhận:\n- Như trên;\n- Lưu: VT, KTTH.\nTM. CHÍNH PHỦ THỦ TƯỚNG Nguyễn Xuân Phúc",
            ("Nguyễn Xuân Phúc", "Thủ tướng", "TM. CHÍNH PHỦ"),
        ),
        # A list item holding capitals and a comma after KT is no authority line.
        (
            "Nơi nhận:\n- VPUB: CVP, các PCVP,\nphòng: KGVX, TH, KT, ĐT, TNMT;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nVũ Đại Thắng",
            ("Vũ Đại Thắng", "Chủ tịch", "TM. ỦY BAN NHÂN DÂN"),
        ),
    ],
)
def test_signature_blocks_joined_by_readers(block: str, expected: tuple) -> None:
    text = f"BỘ TÀI CHÍNH\nSố: 1046/BTC-TTKT\nV/v kiểm tra thuế\nKính gửi: Cục Thuế các tỉnh\n\nNội dung.\n{block}\n"
    signer = header_of(text).signer
    assert signer is not None
    assert (signer.name, signer.title, signer.on_behalf) == expected


def test_upper_case_subject_stops_before_the_enacting_authority() -> None:
    text = DECISION_WITH_ANNEX.replace(
        "Về việc kiện toàn Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh",
        "VỀ VIỆC KIỆN TOÀN BAN CHỈ ĐẠO\nPHÒNG, CHỐNG DỊCH COVID-19 TỈNH",
    )
    assert (
        header_of(text).subject == "VỀ VIỆC KIỆN TOÀN BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH COVID-19 TỈNH"
    )


def test_signature_before_an_annex() -> None:
    header = header_of(DECISION_WITH_ANNEX)
    assert header.subject == "Về việc kiện toàn Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh"
    assert header.signer is not None
    assert (header.signer.name, header.signer.title, header.signer.on_behalf) == (
        "Hà Trọng Hải",
        "Phó Chủ tịch",
        "KT. CHỦ TỊCH",
    )


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Số: 4806/UBND-KGVX", "4806/UBND-KGVX"),
        ("Số:416 /NQ-CP", "416/NQ-CP"),
        ("Sô: 125 /SYT-NVY", "125/SYT-NVY"),
        ("SỐ: 23/2021/QĐ-TTg", "23/2021/QĐ-TTg"),
        ("Số 351-CV/TU", "351-CV/TU"),
        ("Số: 1 102/CĐ-TTg", "1102/CĐ-TTg"),
        ("sốl 0688/UBND-KT", "0688/UBND-KT"),
        ("Số: 12/UBND-VX Hà Nội, ngày 3 tháng 3 năm 2020", "12/UBND-VX"),
        ("Số: /BC-UBND", None),
        ("Số:      /KH-UBND", None),
        ("Số: AO5f /CT-TTHT", None),
        ("Số: 01/1999/QĐ.UB", "01/1999/QĐ.UB"),
        ("Số: 5104/BTTTT-PTTH&TTĐT", "5104/BTTTT-PTTH&TTĐT"),
        ("Số: 12/UBND-VP. Mường Tè", "12/UBND-VP"),
        ("Số: 707/ QĐ- -TTg", "707/QĐ-TTg"),  # a dash read twice by OCR
    ],
)
def test_number_line(line: str, number: str | None) -> None:
    text = f"ỦY BAN NHÂN DÂN\nHUYỆN MƯỜNG TÈ\n{line}\n\nBÁO CÁO\nKết quả công tác tháng 11\n"
    assert header_of(text).number == number


@pytest.mark.parametrize(
    ("mark", "urgency"),
    [
        ("HỎA TỐC", "hỏa tốc"),
        ("HOẢ TỐC HẸN GIỜ", "hỏa tốc"),
        ("THƯỢNG KHẨN", "thượng khẩn"),
        ("KHẨN", "khẩn"),
    ],
)
def test_urgency_marks(mark: str, urgency: str) -> None:
    text = f"SỞ Y TẾ\nSố: 12/SYT-NVY\nV/v phòng, chống dịch\n{mark}\nKính gửi: Bệnh viện Đa khoa tỉnh\n"
    assert header_of(text).urgency == urgency


@pytest.mark.parametrize(
    ("block", "recipients"),
    [
        (
            "Kính gửi:\nSở Y tế;\nSở Tài chính;\nỦy ban nhân dân các huyện.",
            ("Sở Y tế", "Sở Tài chính", "Ủy ban nhân dân các huyện"),
        ),
        (
            "Kính gửi:\nỦy ban nhân dân các tỉnh, thành phố\ntrực thuộc Trung ương",
            ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",),
        ),
        ("Kính gởi: Bộ Y tế; Bộ Tài chính.", ("Bộ Y tế", "Bộ Tài chính")),
        ("Kính gửi: - Bộ Y tế;\n- Bộ Tài chính.", ("Bộ Y tế", "Bộ Tài chính")),
        # A first item ending in ";" on the "Kính gửi" line: the list goes on below.
        ("Kính gửi: Sở Y tế;\nCác sở, ban, ngành.", ("Sở Y tế", "Các sở, ban, ngành")),
        # The unit of a body in brackets on the next line.
        (
            "Kính gửi: Bộ Y tế\n(Cục Quản lý Khám, chữa bệnh)",
            ("Bộ Y tế (Cục Quản lý Khám, chữa bệnh)",),
        ),
    ],
)
def test_recipient_lists(block: str, recipients: tuple[str, ...]) -> None:
    text = (
        f"BỘ CÔNG THƯƠNG\nSố: 215/BCT-KH\nV/v báo cáo tình hình sản xuất\n{block}\n\n"
        "Thực hiện chỉ đạo của Thủ tướng Chính phủ tại Công điện số 1102/CĐ-TTg, Bộ Công Thương "
        "đề nghị các cơ quan phối hợp cung cấp số liệu về tình hình sản xuất, kinh doanh.\n"
    )
    assert header_of(text).recipients == recipients


def test_kinh_gui_inside_a_sentence_is_no_recipient_list() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\n\nBÁO CÁO\nTình hình tháng 9\n"
        "Các đơn vị lập hồ sơ kính gửi Sở Y tế trước ngày 15/9/2021\n"
    )
    assert header_of(text).recipients == ()


def test_news_without_byline_takes_the_credit_line() -> None:
    text = (
        "Hà Nội tiêm mũi 3 vắc xin phòng COVID-19 cho người dân\n\n"
        "Cập nhật: 10:30 | 28/12/2021\n\n"
        "Sáng 28/12, Sở Y tế Hà Nội cho biết thành phố đã tiêm mũi 3 cho hơn 500.000 người, "
        "các quận, huyện phải hoàn thành trước ngày 31/12.\n\n"
        "Nguồn: Báo Hànộimới\n"
    )
    header = header_of(text)
    assert (header.doc_type, header.issuer, header.issued_date) == (
        "bài báo",
        "Báo Hànộimới",
        "2021-12-28",
    )


def test_body_urgency_words_are_no_mark() -> None:
    text = (
        "SỞ Y TẾ\nSố: 12/SYT-NVY\nV/v phòng, chống dịch\nKính gửi: Bệnh viện Đa khoa tỉnh\n"
        "Đề nghị Bệnh viện KHẨN TRƯƠNG triển khai, khẩn trương báo cáo; tình trạng KHẨN CẤP.\n"
    )
    assert header_of(text).urgency is None


@pytest.mark.parametrize(
    ("page_one", "subject"),
    [
        # A date cited in the subject is part of it.
        (
            "Số: 3851/UBND-VX\nLai Châu, ngày 19 tháng 11 năm 2021\nV/v báo cáo kết quả thực hiện Nghị quyết\n"
            "số 128/NQ-CP ngày 11 tháng 10 năm 2021 của Chính phủ\nKính gửi: Các sở, ban, ngành tỉnh",
            "V/v báo cáo kết quả thực hiện Nghị quyết số 128/NQ-CP ngày 11 tháng 10 năm 2021 của Chính phủ",
        ),
        # The right column printed on the same line as the V/v line.
        (
            "SỞ Y TẾ\nSố: 12/SYT-NVY\nV/v tăng cường giám sát    Cà Mau, ngày 25 tháng 8 năm 2021\n"
            "dịch bệnh COVID-19\nKính gửi: Bệnh viện Đa khoa tỉnh",
            "V/v tăng cường giám sát dịch bệnh COVID-19",
        ),
        # In brackets over two lines.
        (
            "SỞ Y TẾ\nSố: 12/SYT-NVY\n(V/v tăng cường giám sát\ndịch bệnh COVID-19)\nKính gửi: Bệnh viện",
            "V/v tăng cường giám sát dịch bệnh COVID-19",
        ),
    ],
)
def test_vv_subjects(page_one: str, subject: str) -> None:
    assert header_of(page_one).subject == subject


def test_subject_naming_the_party_is_whole() -> None:
    text = (
        "TỈNH ỦY THANH HÓA ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 415-KH/TU Thanh Hóa, ngày 05 tháng 1 năm 2022\n"
        "KẾ HOẠCH\ntổ chức các hoạt động kỷ niệm 92 năm Ngày thành lập\nĐảng Cộng sản Việt Nam (03/2/1930 - 03/2/2022)\n\n"
        "Thực hiện Hướng dẫn của Ban Tuyên giáo Trung ương, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch tổ chức các hoạt động kỷ niệm như sau.\n"
    )
    header = header_of(text)
    assert (header.doc_type, header.number, header.issuer, header.place) == (
        "kế hoạch",
        "415-KH/TU",
        "Tỉnh ủy Thanh Hóa",
        "Thanh Hóa",
    )
    assert header.subject == (
        "tổ chức các hoạt động kỷ niệm 92 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/2/1930 - 03/2/2022)"
    )


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("TP. Hồ Chí Minh, ngày 12 tháng 7 năm 2021", "TP. Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh, ngày 12 tháng 7 năm 2021", "Thành phố Hồ Chí Minh"),
        ("7 Q Hà Nội, ngày 24 tháng 9 năm 2021", "Hà Nội"),
        ("Số: 839/TCT-QLN Hà Nội, ngày 3 tháng 3 năm 2020", "Hà Nội"),
        ("| Hai Phong, ngày 05 tháng năm 2020", "Hải Phòng"),
        # A one-letter syllable opening the line is part of the name; OCR's stray "I" is not.
        ("A Lưới, ngày 24 tháng 9 năm 2021", "A Lưới"),
        ("I Hà Nội, ngày 24 tháng 9 năm 2021", "Hà Nội"),
    ],
)
def test_place_of_the_date_line(line: str, place: str) -> None:
    assert header_of(f"BỘ TÀI CHÍNH\n{line}\n\nTHÔNG BÁO\nLịch làm việc\n").place == place


@pytest.mark.parametrize(
    "sentence",
    [
        "Ngày 17 tháng 8 năm 2021, Thường trực Tỉnh ủy họp nghe báo cáo tình hình dịch bệnh.",
        "Trước ngày 30 tháng 6 năm 2020 các bộ, ngành báo cáo Thủ tướng Chính phủ.",
        "Đồng chí Bí thư, ngày 17 tháng 8 năm 2021 đã chủ trì cuộc họp trực tuyến.",
    ],
)
def test_a_dated_body_sentence_is_no_header_date(sentence: str) -> None:
    text = f"THÔNG BÁO\nkết luận của Thường trực Tỉnh ủy\n\n{sentence}\n"
    header = header_of(text)
    assert (header.place, header.issued_date, header.year) == (None, None, None)


def test_place_date_with_blank_day_keeps_the_year() -> None:
    header = header_of("Số: /BC-UBND\n\nMường Tè, ngày tháng 11 năm 2021\n\nBÁO CÁO\nKết quả\n")
    assert (header.place, header.issued_date, header.year) == ("Mường Tè", None, 2021)


def test_empty_text() -> None:
    assert header_of("") == Header()


# --------------------------------------------------------------------------------------------
# Damage seen on unseen real documents (each a general rule, on a synthetic page 1)


@pytest.mark.parametrize(
    ("lines", "place", "issued_date"),
    [
        ("Mỹ\nTho, ngày 24 tháng 12 năm 2009", "Mỹ Tho", "2009-12-24"),
        ("Lạng Sơn, ngày 13\ntháng 01 năm 2020", "Lạng Sơn", "2020-01-13"),
        ("Quảng Nam, ngày\n13 tháng 7 năm 2023", "Quảng Nam", "2023-07-13"),
        ("Bà Rịa - Vũng\nTàu, ngày 08 tháng 01 năm 2023", "Bà Rịa - Vũng Tàu", "2023-01-08"),
        ("Phan Rang-Tháp Chàm, ngày 05 tháng11 năm 2010", "Phan Rang-Tháp Chàm", "2010-11-05"),
        ("Cà Mau,\nngày 25 tháng 8 năm 2021", "Cà Mau", "2021-08-25"),
        ("Mỹ\nTho, ngày 24\ntháng 12 năm 2009", "Mỹ Tho", "2009-12-24"),
    ],
)
def test_place_date_line_wrapped_by_a_narrow_column(
    lines: str, place: str, issued_date: str
) -> None:
    text = f"ỦY BAN NHÂN DÂN\nTỈNH TIỀN GIANG\n|\nSố: 33/KH-UBND\n|\n{lines}\n|\nKẾ HOẠCH\nPhòng, chống thiên tai\n"
    header = header_of(text)
    assert (header.place, header.issued_date) == (place, issued_date)


@pytest.mark.parametrize(
    ("lines", "number"),
    [
        ("Số:\n33/2009/QĐ-UBND", "33/2009/QĐ-UBND"),
        ("Số : 2917 /SGDĐT-VP", "2917/SGDĐT-VP"),
        ("Số 445-KL/TƯ", "445-KL/TƯ"),
        ("Số: 12/ƯBND-VP", "12/ƯBND-VP"),
    ],
)
def test_number_wrapped_spaced_or_with_marked_capitals(lines: str, number: str) -> None:
    text = f"TỈNH ỦY THỪA THIÊN HUẾ\n*\n{lines}\nHuế, ngày 13 tháng 5 năm 2022\n\nTHÔNG BÁO\nLịch làm việc\n"
    assert header_of(text).number == number


@pytest.mark.parametrize(
    ("heading", "doc_type"),
    [("QUY ẾT ĐỊNH", "quyết định"), ("T H Ô N G  B Á O", "thông báo"), ("KẾ HOẠ CH", "kế hoạch")],
)
def test_heading_spaced_out(heading: str, doc_type: str) -> None:
    text = f"ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\nSố: 12/UBND-VP\n\n{heading}\nVề việc tổ chức hội nghị\n"
    header = header_of(text)
    assert (header.doc_type, header.subject) == (doc_type, "Về việc tổ chức hội nghị")


def test_heading_with_its_first_letter_split_by_ocr() -> None:
    text = (
        "TỈNH ỦY THỪA THIÊN HUẾ\n*\nSố 12-TB/TU\nHuế, ngày 13 tháng 5 năm 2022\n"
        "K ÉT LUẬN\nHỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ TỈNH\nvề phát triển du lịch\n"
        "Hội nghị Ban Chấp hành Đảng bộ tỉnh họp ngày 26/4/2022 và kết luận:\n"
    )
    header = header_of(text)
    assert header.doc_type == "kết luận"
    # The upper-case title went on in lower case; the capitalised sentence after it is body.
    assert header.subject == "HỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ TỈNH về phát triển du lịch"


def test_authority_mark_on_a_line_of_its_own_chains_with_the_next() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH TIỀN GIANG\nSố: 33/2009/QĐ-UBND\nMỹ Tho, ngày 24 tháng 12 năm 2009\n"
        "QUYẾT ĐỊNH\nBan hành quy định\n\nĐiều 1. Ban hành kèm theo Quyết định này.\n"
        "TM.\nỦY BAN NHÂN DÂN TỈNH\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Phòng\n"
    )
    signer = header_of(text).signer
    assert signer is not None
    assert (signer.name, signer.title, signer.on_behalf) == (
        "Nguyễn Văn Phòng",
        "Phó Chủ tịch",
        "TM. ỦY BAN NHÂN DÂN TỈNH KT. CHỦ TỊCH",
    )


def test_vv_line_ends_where_kinh_gui_starts_on_it() -> None:
    text = (
        "SỞ Y TẾ\nSố: 12/SYT-NVY\n"
        "V/v tăng cường giám sát dịch bệnh Kính gửi: - Bệnh viện Đa khoa tỉnh; - Trung tâm Y tế huyện.\n"
        "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Sở Y tế đề nghị các đơn vị triển khai ngay.\n"
    )
    header = header_of(text)
    assert (header.doc_type, header.subject, header.recipients) == (
        "công văn",
        "V/v tăng cường giám sát dịch bệnh",
        ("Bệnh viện Đa khoa tỉnh", "Trung tâm Y tế huyện"),
    )


def test_header_flattened_into_one_line() -> None:
    text = (
        "Xem mẫu\n\n1. UBND TỈNH NINH THUẬN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM SỞ GIÁO DỤC VÀ ĐÀO "
        "TẠO Độc lập - Tự do - Hạnh phúc Số : 2917 /SGDĐT-VP Phan Rang-Tháp Chàm, ngày 05 "
        "tháng11 năm 2010 V/v báo cáo nhanh tình hình thiệt hại do lũ lụt. Kính gửi: - Ủy ban "
        "nhân dân TP. Phan Rang-Tháp Chàm; - Bộ Giáo dục và Đào tạo. Vừa qua, tỉnh Ninh Thuận bị ảnh "
        "hưởng của không khí lạnh, mưa lớn gây lũ lụt trên toàn bộ địa bàn tỉnh.\n"
    )
    header = header_of(text)
    assert (header.doc_type, header.number, header.issuer) == (
        "công văn",
        "2917/SGDĐT-VP",
        "Sở Giáo dục và Đào tạo",
    )
    assert (header.place, header.issued_date) == ("Phan Rang-Tháp Chàm", "2010-11-05")
    assert header.subject == "V/v báo cáo nhanh tình hình thiệt hại do lũ lụt."
    # The list ends at its full stop, not at that of "TP.".
    assert header.recipients == (
        "Ủy ban nhân dân TP. Phan Rang-Tháp Chàm",
        "Bộ Giáo dục và Đào tạo",
    )


def test_a_prose_line_holding_a_number_and_date_is_not_cut() -> None:
    sentence = (
        "Ngày 23/11/2018, Ủy ban nhân dân tỉnh ban hành văn bản Số: 3653/UBND-TNMT về đề xuất "
        "của Sở Tài nguyên và Môi trường; văn bản ký tại Tuyên Quang, ngày 23 tháng 11 năm 2018 "
        "và gửi các sở, ngành liên quan để triển khai thực hiện."
    )
    assert header_of(f"BÁO CÁO\nKết quả công tác\n\n{sentence}\n").place is None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # A V/v quoted in the first paragraph is the công văn the article reports on.
        (
            "UBND tỉnh có ý kiến về đề xuất của Sở Tài nguyên và Môi trường\n\n"
            "Ngày 23/11/2018, Phó Chánh Văn phòng UBND tỉnh đã ký ban hành văn bản số "
            "3653/UBND-TNMT, V/v đề xuất của Sở TN & MT. Toàn văn như sau:\n",
            "UBND tỉnh có ý kiến về đề xuất của Sở Tài nguyên và Môi trường",
        ),
        # Portal navigation and a byline of the section above the headline, a view counter
        # and update date under it.
        (
            "Tìm kiếm tin tức\n\nĐồng chí NGUYỄN VĂN A   BÍ THƯ HUYỆN ỦY\n\n"
            "Tạm dừng tổ chức đại hội đảng các cấp\nSố lượt xem 4571Ngày cập nhật 27/03/2020\n\n"
            "Chiều nay ngày 26/3/2020, Ban Thường vụ Tỉnh ủy đã ký công văn hỏa tốc gửi các huyện "
            "ủy, thị ủy và đảng ủy trực thuộc về việc tạm dừng tổ chức đại hội đảng các cấp.\n",
            "Tạm dừng tổ chức đại hội đảng các cấp",
        ),
        # A category line in capitals above the headline.
        (
            "ĐẠI HỘI ĐẢNG CÁC CẤP\nĐẩy mạnh phong trào thi đua yêu nước\n"
            "Ngày 24-10, UBND tỉnh có văn bản số 4912/UBND-NC về việc thực hiện Chỉ thị của Thủ "
            "tướng Chính phủ về đẩy mạnh phong trào thi đua yêu nước chào mừng đại hội đảng bộ.\n",
            "Đẩy mạnh phong trào thi đua yêu nước",
        ),
        # Share buttons between the headline and its date line.
        (
            "Quảng Ninh tăng cường phòng, chống dịch COVID-19\nChia sẻ\nBản in\n07/12/2021 10:20\n"
            "Sáng nay, UBND tỉnh Quảng Ninh đã tổ chức hội nghị trực tuyến với các địa phương để "
            "triển khai các biện pháp cấp bách phòng, chống dịch COVID-19 trên địa bàn tỉnh.\n",
            "Quảng Ninh tăng cường phòng, chống dịch COVID-19",
        ),
        # A portal menu of seven items above the headline.
        (
            "Trang chủ\nGiới thiệu\nTin tức\nVăn bản\nThủ tục hành chính\nLiên hệ\nTìm kiếm\n"
            "Quảng Ninh tăng cường phòng, chống dịch COVID-19\n07/12/2021 10:20\n"
            "Sáng nay, UBND tỉnh Quảng Ninh đã tổ chức hội nghị trực tuyến với các địa phương để "
            "triển khai các biện pháp cấp bách phòng, chống dịch COVID-19 trên địa bàn tỉnh.\n",
            "Quảng Ninh tăng cường phòng, chống dịch COVID-19",
        ),
    ],
    ids=["vv-in-body", "navigation", "category", "buttons", "menu"],
)
def test_news_article_headline(text: str, title: str) -> None:
    header = header_of(text)
    assert (header.doc_type, header.subject) == ("bài báo", title)


def test_flattened_header_with_a_type_heading() -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập – Tự do – "
        "Hạnh phúc Số: 33/2009/QĐ-UBND Mỹ Tho, ngày 24 tháng 12 năm 2009 QUYẾT ĐỊNH Ban hành quy "
        "định về quản lý mạng tin học diện rộng của tỉnh Tiền Giang ỦY BAN NHÂN DÂN TỈNH TIỀN "
        "GIANG Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26/11/2003; Căn cứ "
        "Luật Công nghệ thông tin ngày 29/6/2006; QUYẾT ĐỊNH: Điều 1. Ban hành kèm theo.\n"
    )
    header = header_of(text)
    assert (header.doc_type, header.number, header.place, header.issued_date) == (
        "quyết định",
        "33/2009/QĐ-UBND",
        "Mỹ Tho",
        "2009-12-24",
    )
    assert header.issuer == "Ủy ban nhân dân tỉnh Tiền Giang"
    # The title stops before the enacting body restated in capitals and the legal basis.
    assert header.subject == (
        "Ban hành quy định về quản lý mạng tin học diện rộng của tỉnh Tiền Giang"
    )


def test_national_title_wrapped_in_a_narrow_column_is_no_part_of_the_issuer() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n-------\n|\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n|\nSố: 07/KH-UBND\nLạng Sơn, ngày 13 tháng 01 năm 2020\n"
        "KẾ HOẠCH\nTRIỂN KHAI CÁC GIẢI PHÁP PHÒNG, CHỐNG HẠN HÁN\nCỘNG HÒA XÃ HỘI\n"
    )
    header = header_of(text)
    assert header.issuer == "Ủy ban nhân dân tỉnh Lạng Sơn"
    assert header.subject == "TRIỂN KHAI CÁC GIẢI PHÁP PHÒNG, CHỐNG HẠN HÁN"


def test_issuer_ending_in_viet_nam_keeps_it() -> None:
    text = "NGÂN HÀNG NHÀ NƯỚC\nVIỆT NAM\nSố: 12/NHNN-TD\nHà Nội, ngày 5 tháng 3 năm 2021\n"
    assert header_of(text).issuer == "Ngân hàng Nhà nước Việt Nam"


def test_double_spaced_text_keeps_wrapped_titles_whole() -> None:
    page_one = (
        "ỦY BAN NHÂN DÂN\nTỈNH TIỀN GIANG\nSố: 33/2009/QĐ-UBND\nMỹ Tho, ngày 24 tháng 12 năm 2009\n"
        "QUYẾT ĐỊNH\nBAN HÀNH QUY ĐỊNH VỀ QUẢN LÝ VÀ KHAI THÁC MẠNG TIN HỌC DIỆN\n"
        "RỘNG CỦA ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
        "QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy định quản lý mạng tin học.\n"
    )
    header = header_of(page_one.replace("\n", "\n\n"))
    assert header.subject == (
        "BAN HÀNH QUY ĐỊNH VỀ QUẢN LÝ VÀ KHAI THÁC MẠNG TIN HỌC DIỆN RỘNG CỦA ỦY BAN NHÂN DÂN "
        "TỈNH TIỀN GIANG"
    )


def test_place_date_in_figures() -> None:
    header = header_of("SỞ Y TẾ\nSố: 12/SYT-NVY\nCà Mau, ngày 25/8/2021\n\nTHÔNG BÁO\nLịch trực\n")
    assert (header.place, header.issued_date) == ("Cà Mau", "2021-08-25")


def test_right_column_read_before_the_left_one() -> None:
    text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Cà Mau, ngày 25 tháng 8 năm 2021\nỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\nSố: 4806/UBND-KGVX\n"
        "V/v triển khai Công điện số 1102/CĐ-TTg\nKính gửi: Sở Y tế\n"
    )
    header = header_of(text)
    assert (header.issuer, header.number, header.place) == (
        "Ủy ban nhân dân tỉnh Cà Mau",
        "4806/UBND-KGVX",
        "Cà Mau",
    )


def test_national_title_wrapped_beside_the_issuer_on_the_same_lines() -> None:
    text = (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI\nTỈNH CÀ MAU CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 12/UBND-VP Cà Mau, ngày 5 tháng 3 năm 2021\n"
        "V/v triển khai công tác | \nKính gửi: Sở Y tế\n"
    )
    header = header_of(text)
    assert (header.issuer, header.subject) == (
        "Ủy ban nhân dân tỉnh Cà Mau",
        "V/v triển khai công tác",
    )


def test_upper_case_title_ends_before_a_body_sentence() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\nSố: 12/BC-UBND\nCà Mau, ngày 5 tháng 1 năm 2022\n"
        "BÁO CÁO\nKẾT QUẢ CÔNG TÁC NĂM 2021\nNăm 2021, tỉnh triển khai nhiều nhiệm vụ.\n"
    )
    assert header_of(text).subject == "KẾT QUẢ CÔNG TÁC NĂM 2021"


# --------------------------------------------------------------------------------------------
# Texts without page 1: press reports, report bodies, portal titles

REPORT_OPENING = (
    "Sáng ngày 12/3, Chủ tịch UBND huyện có Công văn số 245 về việc chủ động phòng, chống hạn "
    "hán, thiếu nước sinh hoạt cho người dân trên địa bàn các xã vùng cao của huyện."
)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # A page that kept no headline and opens with the lead of the news, dated by its day:
        # the lead stands for the headline (as the annotators of tests/data read such pages).
        (
            f"{REPORT_OPENING}\n\nTheo đó, các xã, thị trấn rà soát các nguồn nước, bố trí xe "
            "chở nước đến các thôn thiếu nước và báo cáo kết quả về huyện.\n",
            REPORT_OPENING,
        ),
        (
            "Tối 14/10, Ban Chỉ đạo tỉnh gửi Công văn số 88 đến các huyện về việc sơ tán dân ra "
            "khỏi vùng nguy hiểm trước khi bão vào; các huyện báo cáo kết quả trước 20 giờ.\n\n"
            "Theo đó, lực lượng vũ trang được huy động hỗ trợ người dân gia cố nhà cửa.\n",
            "Tối 14/10, Ban Chỉ đạo tỉnh gửi Công văn số 88 đến các huyện về việc sơ tán dân ra "
            "khỏi vùng nguy hiểm trước khi bão vào; các huyện báo cáo kết quả trước 20 giờ.",
        ),
        # An undated opening is a paragraph of the article, not its lead: no title.
        (
            "Để chủ động ứng phó với mưa lớn, Ủy ban nhân dân huyện vừa ban hành Công điện số 12 "
            "yêu cầu các xã kiểm tra hồ đập, bố trí lực lượng trực ứng cứu 24/24 giờ.\n\n"
            "Theo đó, các xã tổ chức di dời các hộ dân ở vùng có nguy cơ sạt lở.\n",
            None,
        ),
        # The same opening without its full stop, in the title's place, above the prose.
        (
            f"{REPORT_OPENING[:-1]}\nTheo đó, các xã, thị trấn rà soát các nguồn nước, bố trí xe "
            "chở nước đến các thôn thiếu nước và báo cáo kết quả về huyện trong tháng này.\n",
            REPORT_OPENING[:-1],
        ),
        # A photo caption with its credit, then the prose: the page kept no headline.
        (
            "Nông dân xã Tân Lập thu hoạch lúa chiêm xuân. (Ảnh: Minh Khang/TTXVN)\n\n"
            "Theo Sở Nông nghiệp, vụ chiêm xuân năm nay toàn tỉnh gieo cấy hơn 40 nghìn ha lúa, "
            "năng suất bình quân ước đạt 62 tạ/ha, tăng 1,5 tạ/ha so với vụ trước.\n",
            None,
        ),
        # A caption of the hall, without a credit.
        (
            "Quang cảnh buổi làm việc\n\n"
            "Chiều 5/6, đoàn công tác của tỉnh làm việc với huyện về tiến độ giải ngân vốn đầu tư "
            "công; đến nay huyện mới giải ngân được 35% kế hoạch vốn được giao trong năm.\n",
            None,
        ),
        # Authors' names in capitals closed by a bar, under the headline.
        (
            "Huyện miền núi thu ngân sách vượt dự toán\n\nTHANH HÀ - MINH CHÂU |\n\n"
            "Sáu tháng đầu năm, tổng thu ngân sách trên địa bàn huyện đạt hơn 120 tỷ đồng, "
            "vượt dự toán năm; chi ngân sách bảo đảm các nhiệm vụ chính trị của địa phương.\n",
            "Huyện miền núi thu ngân sách vượt dự toán",
        ),
        # Under a headline, a lead that no full stop ends is still prose.
        (
            f"Huyện chủ động chống hạn cho vùng cao\n{REPORT_OPENING[:-1]}\nTheo đó, các xã, "
            "thị trấn rà soát các nguồn nước, bố trí xe chở nước đến các thôn thiếu nước và báo "
            "cáo kết quả về huyện trong tháng này.\n",
            "Huyện chủ động chống hạn cho vùng cao",
        ),
    ],
    ids=[
        "narration",
        "narration-evening",
        "narration-news",
        "lead-as-title",
        "caption-credit",
        "caption-hall",
        "names-byline",
        "headline-above-lead",
    ],
)
def test_press_report_without_a_header(text: str, subject: str | None) -> None:
    header = header_of(text)
    assert (header.doc_type, header.subject) == ("bài báo", subject)


REPORT_BODY = (
    "I. LĨNH VỰC NÔNG NGHIỆP\n\n1. Trồng trọt\n\n"
    "- Diện tích lúa cả năm 320 ha, đạt 101% so với kế hoạch; năng suất 58 tạ/ha.\n\n"
    "2. Chăn nuôi\n\n- Tổng đàn bò 540 con, tăng 20 con so với cùng kỳ năm trước.\n"
)


@pytest.mark.parametrize(
    "text",
    [
        REPORT_BODY,
        # The heading numbered and in lower case, under a title line in capitals.
        "SẢN XUẤT QUÝ I\n\nA. Tình hình sản xuất nông nghiệp\n\n1. Trồng trọt\n\n"
        "Diện tích gieo trồng tăng 2% so với cùng kỳ, sản lượng đạt 98% so với kế hoạch.\n",
    ],
    ids=["caps-heading", "numbered-heading"],
)
def test_report_body_without_a_header_is_a_report(text: str) -> None:
    assert header_of(text).doc_type == "báo cáo"


def test_numbered_section_under_a_portal_title_is_no_headline() -> None:
    text = (
        "Tình hình kinh tế - xã hội tháng 5 của huyện\n\nI. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH\n\n"
        "Trong tháng, Ủy ban nhân dân huyện tập trung chỉ đạo tháo gỡ khó khăn cho doanh nghiệp "
        "và đẩy nhanh tiến độ các dự án trọng điểm trên địa bàn.\n"
    )
    assert header_of(text).subject == "Tình hình kinh tế - xã hội tháng 5 của huyện"


@pytest.mark.parametrize(
    "text",
    [
        # Numbered sections of tasks with no results weighed: a plan's or directive's body.
        REPORT_BODY.replace("đạt 101% so với kế hoạch", "phấn đấu").replace(
            "tăng 20 con so với cùng kỳ năm trước", "phòng dịch"
        ),
        # Results weighed in prose with no numbered sections: a press report on a meeting.
        "Kinh tế huyện tăng trưởng chậm\n\nSáu tháng đầu năm, giá trị sản xuất nông nghiệp đạt "
        "36% so với kế hoạch, thu ngân sách bằng 96% so với cùng kỳ năm trước.\n",
    ],
    ids=["plan-sections", "news-figures"],
)
def test_report_needs_sections_headings_and_measured_results(text: str) -> None:
    assert header_of(text).doc_type != "báo cáo"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "KẾT LUẬN 45-KL/TU CỦA BAN THƯỜNG VỤ TỈNH ỦY VỀ CÔNG TÁC CÁN BỘ NĂM 2024",
            ("kết luận", "45-KL/TU", "Ban Thường vụ Tỉnh ủy", "về công tác cán bộ năm 2024"),
        ),
        # Legacy-font noise scattered the tone marks over the vowels of most words.
        (
            "THÔNG BÁO 12-TB/TW CỦÀ BỘ CHÍNH TRỊ VỀ TRỈỂN KHÀÌ NGHĨÊN CỨƯ ĐỀ ÁN",
            ("thông báo", "12-TB/TW", "Bộ Chính trị", "về triển khai nghiên cứu đề án"),
        ),
        (
            "Nghị quyết số 09-NQ/HU ngày 10/3/2021 của Huyện ủy Bảo Lâm về phát triển kinh tế rừng",
            ("nghị quyết", "09-NQ/HU", "Huyện ủy Bảo Lâm", "về phát triển kinh tế rừng"),
        ),
        (
            "Quyết định 1234/QĐ-UBND của UBND tỉnh Hòa Bình về việc phê duyệt quy hoạch",
            (
                "quyết định",
                "1234/QĐ-UBND",
                "Ủy ban nhân dân tỉnh Hòa Bình",
                "về việc phê duyệt quy hoạch",
            ),
        ),
    ],
    ids=["party-caps", "scrambled-marks", "title-case-dated", "state-title-case"],
)
def test_portal_title_names_its_document(title: str, expected: tuple) -> None:
    text = f"{title}\nTại phiên họp ngày 5/3, các đồng chí đã thảo luận và thống nhất như sau:\n"
    header = header_of(text)
    assert (header.doc_type, header.number, header.issuer) == expected[:3]
    assert header.subject is not None and header.subject.lower() == expected[3]


def test_a_sentence_opening_with_a_document_is_no_title() -> None:
    text = (
        "Quyết định số 88/QĐ-UBND có hiệu lực kể từ ngày ký\n"
        "Các sở, ngành và Ủy ban nhân dân các huyện căn cứ quyết định tổ chức thực hiện.\n"
    )
    assert header_of(text).number is None


def test_a_signed_body_narrating_a_document_is_no_press_report() -> None:
    text = (
        f"{REPORT_OPENING}\n\nĐể triển khai kịp thời, Ủy ban nhân dân huyện đề nghị các xã rà "
        "soát các nguồn nước và báo cáo kết quả trước ngày 20/3.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n"
        "Nguyễn Văn An\n"
    )
    header = header_of(text)
    assert header.doc_type != "bài báo"
    assert header.signer is not None and header.signer.name == "Nguyễn Văn An"


# --------------------------------------------------------------------------------------------
# Headlines that name a type, header blocks under a portal's text, lost headings, signers

CABLE_REPORT = (
    "UBND huyện vừa ban hành Công điện số 05/CĐ-UBND ngày 2/4/2022 về việc chủ động ứng phó với "
    "mưa đá và lốc xoáy. Theo đó, Chủ tịch UBND huyện yêu cầu các xã rà soát các hộ dân ở nơi "
    "nguy hiểm và báo cáo thiệt hại về Văn phòng huyện.\n"
)


@pytest.mark.parametrize("mark", ["", " HỎA TỐC", " KHẨN"])
def test_headline_naming_a_type_over_prose_is_a_press_report(mark: str) -> None:
    headline = f"CÔNG ĐIỆN{mark}: Chủ động ứng phó với mưa đá và lốc xoáy"
    header = header_of(f"{headline}\n{CABLE_REPORT}")
    assert (header.doc_type, header.subject) == ("bài báo", headline)


def test_quoted_subject_in_a_headline_over_page_1_is_the_documents() -> None:
    text = (
        "Thông báo “V/v tạm dừng hoạt động bến đò ngang”\n\n08/9/2015 - 07:30\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Vĩnh Long, ngày 08 tháng 9 năm 2015\n\n"
        "Kính gửi:\n- Sở Giao thông vận tải;\n- UBND các huyện.\n\n"
        "Do mực nước sông dâng cao, UBND tỉnh thông báo tạm dừng hoạt động các bến đò ngang.\n\n"
        "TM. ỦY BAN NHÂN DÂN TỈNH\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn Bình\n"
    )
    header = header_of(text)
    assert (header.doc_type, header.subject) == (
        "thông báo",
        "V/v tạm dừng hoạt động bến đò ngang",
    )
    assert (header.place, header.issued_date) == ("Vĩnh Long", "2015-09-08")


def test_quoted_subject_in_a_headline_over_prose_is_a_press_report() -> None:
    headline = "Thông báo “V/v tạm dừng hoạt động bến đò ngang”"
    text = (
        f"{headline}\n"
        "Ngày 8/9, UBND tỉnh vừa ban hành Thông báo số 45/TB-UBND về việc tạm dừng hoạt động "
        "các bến đò ngang trên sông Cổ Chiên do mực nước dâng cao, các huyện phải bố trí lực "
        "lượng trực tại bến.\n"
    )
    header = header_of(text)
    assert (header.doc_type, header.subject) == ("bài báo", headline)


def test_party_header_under_a_portals_headline_and_lead() -> None:
    text = (
        "Quy định số 15-QĐ/TW của Bộ Chính trị về công tác thi đua trong Đảng\n\n"
        "(Báo Nhân Dân) - Ngày 3/5/2021, Bộ Chính trị đã ban hành Quy định số 15-QĐ/TW về công "
        "tác thi đua, khen thưởng trong Đảng. Báo trân trọng giới thiệu toàn văn Quy định mà "
        "bạn đọc quan tâm, cùng các bài viết liên quan dưới đây.\n\n"
        "Chỉ thị của Ban Bí thư về việc tổ chức Tết Nhâm Dần\n\n"
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n-------\n\nĐẢNG CỘNG SẢN VIỆT NAM\n---------------\n\n"
        "Số: 15-QĐ/TW\n\nHà Nội, ngày 03 tháng 5 năm 2021\n\n"
        "QUY ĐỊNH\n\nVỀ CÔNG TÁC THI ĐUA, KHEN THƯỞNG TRONG ĐẢNG\n\n"
        "- Căn cứ Điều lệ Đảng;\n"
    )
    header = header_of(text)
    assert (header.doc_type, header.number, header.issuer) == (
        "quy định",
        "15-QĐ/TW",
        "Ban Chấp hành Trung ương",
    )
    assert (header.place, header.issued_date) == ("Hà Nội", "2021-05-03")
    assert header.subject == "VỀ CÔNG TÁC THI ĐUA, KHEN THƯỞNG TRONG ĐẢNG"


def test_title_under_the_number_when_the_type_heading_was_lost() -> None:
    text = (
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 12/2020/QĐ-UBND | Hậu Giang, ngày 05 tháng 3 năm 2020 |\n"
        "BAN HÀNH QUY CHẾ QUẢN LÝ CHỢ TRÊN ĐỊA BÀN TỈNH HẬU GIANG\n"
        "ỦY BAN NHÂN DÂN TỈNH HẬU GIANG\n"
        "ật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
        "QUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý chợ.\n"
    )
    header = header_of(text)
    assert (header.doc_type, header.number) == ("quyết định", "12/2020/QĐ-UBND")
    assert header.subject == "BAN HÀNH QUY CHẾ QUẢN LÝ CHỢ TRÊN ĐỊA BÀN TỈNH HẬU GIANG"


def test_byline_lead_stands_for_a_missing_headline() -> None:
    lead = (
        "TTĐT - Ngày 9/10, Ban Thường vụ Huyện ủy đã ban hành Chỉ thị số 21 về việc tăng cường "
        "công tác dân vận trong tình hình mới."
    )
    text = f"{lead}\nNội dung Chỉ thị như sau:\nThời gian qua, công tác dân vận có nhiều chuyển biến.\n"
    header = header_of(text)
    assert (header.doc_type, header.subject) == ("bài báo", lead)


@pytest.mark.parametrize(
    "name_line",
    ["PHÓ CHỦ NHIỆMĐỗ Văn Tâm", "PHÓ CHỦ NHIỆM Đỗ Văn Tâm", "PHÓ CHỦ NHIỆM\n\nĐỗ Văn Tâm"],
    ids=["glued", "split", "own-line"],
)
def test_signer_with_two_offices_and_a_glued_name(name_line: str) -> None:
    text = f"Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. BỘ TRƯỞNG, CHỦ NHIỆM\n{name_line}\n"
    signer = header_of(text).signer
    assert signer is not None
    assert (signer.name, signer.title, signer.on_behalf) == (
        "Đỗ Văn Tâm",
        "Phó Chủ nhiệm",
        "KT. BỘ TRƯỞNG, CHỦ NHIỆM",
    )


def test_author_in_capitals_closing_the_prose_makes_a_press_report() -> None:
    text = (
        "Nắng nóng kéo dài khiến nhiều hồ chứa cạn nước Tại Ninh Thuận, hơn 3.000 ha lúa đông "
        "xuân phải dừng sản xuất. Ông Trần Văn Hai, Phó Chủ tịch UBND tỉnh, cho biết tỉnh đã chỉ "
        "đạo các huyện ưu tiên nước sinh hoạt cho người dân... THẢO NGUYÊN\n"
    )
    assert header_of(text).doc_type == "bài báo"


def test_an_authority_line_closing_a_text_is_no_author() -> None:
    text = (
        "Các sở, ngành và Ủy ban nhân dân các huyện căn cứ chức năng, nhiệm vụ tổ chức thực hiện "
        "nghiêm túc nội dung trên. ỦY BAN NHÂN DÂN TỈNH\n"
    )
    assert header_of(text).doc_type != "bài báo"


def test_a_provincial_signature_takes_its_province_from_the_place_line() -> None:
    text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Long An, ngày 03 tháng 4 năm 2016\n\nKính gửi: Các sở, ngành tỉnh.\n\n"
        "Ủy ban nhân dân tỉnh đề nghị các sở, ngành khẩn trương triển khai các biện pháp chống "
        "hạn, xâm nhập mặn và báo cáo kết quả trước ngày 10/4/2016.\n\n"
        "TM. ỦY BAN NHÂN DÂN TỈNH\nCHỦ TỊCH\n\nTrần Văn Cần\n"
    )
    assert header_of(text).issuer == "Ủy ban nhân dân tỉnh Long An"


def test_a_party_guidance_heading_names_its_type() -> None:
    # Party committees' propaganda bureaux issue monthly "định hướng" under such a heading.
    header = header_of(
        "ĐỊNH HƯỚNG TUYÊN TRUYỀN THÁNG 9 NĂM 2021\n\nThực hiện Kế hoạch số 12-KH/TU, ngày "
        "02/01/2021 của Ban Thường vụ Tỉnh ủy về công tác tuyên giáo năm 2021, Ban Tuyên giáo "
        "Tỉnh ủy định hướng tuyên truyền tháng 9 như sau:\n"
    )
    assert (header.doc_type, header.subject) == ("định hướng", "TUYÊN TRUYỀN THÁNG 9 NĂM 2021")


def test_a_header_read_column_by_column_is_not_taken_for_a_block_below_a_portal() -> None:
    # The left column (issuer, number, a long V/v) comes out before the motto and the date.
    header = header_of(
        "UBND TỈNH NGHỆ AN\nSỞ Y TẾ\nSố: 276/SYT-KHTC\nV/v triển khai kết luận của đồng chí Bí "
        "thư Tỉnh ủy, Trưởng Ban Chỉ đạo phòng, chống dịch bệnh tỉnh tại cuộc họp trực tuyến về "
        "công tác phòng, chống dịch bệnh trên địa bàn tỉnh\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nNghệ An, ngày 23 tháng 02 năm 2023\n\nKính gửi: Sở, ban, "
        "ngành tỉnh.\n"
    )
    assert (header.doc_type, header.number, header.issued_date) == (
        "công văn",
        "276/SYT-KHTC",
        "2023-02-23",
    )


def test_a_deputy_office_head_signs_as_printed() -> None:
    header = header_of(
        "UBND TỈNH BẮC GIANG\nSố: 12/UBND-MT\nV/v rà soát cơ sở gây ô nhiễm\nBắc Giang, ngày 2 "
        "tháng 4 năm 2013\n\nKính gửi: Sở Tài nguyên và Môi trường\n\nSở Tài nguyên và Môi trường "
        "chủ trì rà soát.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTL. CHỦ TỊCH\nKT. CHÁNH VĂN "
        "PHÒNG\nPHÓ VĂN PHÒNG\nNguyễn Văn An\n"
    )
    assert header.signer is not None
    assert (header.signer.title, header.signer.name) == ("Phó Văn phòng", "Nguyễn Văn An")


def test_an_event_dated_by_its_day_under_copied_grounds_is_news() -> None:
    # A party portal's item that copies the grounds of a document before telling the meeting.
    header = header_of(
        "Căn cứ Quy định số 24-QĐ/TW, ngày 30/7/2021 của Ban Chấp hành Trung ương về thi hành "
        "Điều lệ Đảng;\nNgày 12/4/2022, Ban Tổ chức Huyện ủy phối hợp với các ban xây dựng Đảng "
        "tổ chức họp xét 18 hồ sơ đề nghị kết nạp đảng viên mới của các chi bộ, đảng bộ cơ sở.\n"
        "Qua xem xét, cuộc họp thống nhất đề nghị Ban Thường vụ Huyện ủy kết nạp 17 quần chúng.\n"
    )
    assert header.doc_type == "bài báo"


@pytest.mark.parametrize(
    "text",
    [
        # A time-stamped date line and a byline over a headline in capitals that names bodies.
        "21/07/2015 - 21:29\n\nTHƯỜNG TRỰC TỈNH ỦY LÀM VIỆC VỚI ĐẢNG ỦY KHỐI DOANH NGHIỆP\n\n"
        "(BT)- Chiều 21-7-2015, các đồng chí trong Thường trực Tỉnh ủy đã làm việc với Ban "
        "Thường vụ Đảng ủy Khối Doanh nghiệp về công tác chuẩn bị đại hội đảng bộ khối.\n",
        # A page kept from the middle of an article, opening on the source it reports.
        "Theo ông Lê Văn Bình, Phó Chủ tịch UBND huyện, đợt rét vừa qua làm chết 120 con trâu, "
        "bò của người dân; huyện đã hỗ trợ giống cho các hộ bị thiệt hại.\n\nCác xã đang rà "
        "soát để đề xuất hỗ trợ đợt tiếp theo.\n",
    ],
    ids=["caps-headline-under-dateline", "reported-opening"],
)
def test_a_news_item_without_a_document_header_is_news(text: str) -> None:
    assert header_of(text).doc_type == "bài báo"


def test_a_headline_naming_a_limit_date_is_no_date_line() -> None:
    """ "… trước ngày 30-9-2023" sets a limit: the line is the headline, and the article is not
    dated by it, nor by a document its prose cites."""
    header = header_of(
        "Hoàn thành kiểm kê đất đai cấp xã trước ngày 30-9-2023\n\n.\n\n"
        "QNO - Ngày 12-5, Ban Thường vụ Huyện ủy có Công văn số 215-CV/HU yêu cầu các chi bộ "
        "hoàn thành kiểm kê trước ngày 30-9-2023, theo Chỉ thị số 12-CT/TU ngày 3-1-2022 "
        "của Tỉnh ủy về công tác quản lý đất đai trong tình hình mới.\n"
    )
    assert (header.doc_type, header.subject, header.issued_date) == (
        "bài báo",
        "Hoàn thành kiểm kê đất đai cấp xã trước ngày 30-9-2023",
        None,
    )


FORM_COPY = (
    "Tải bản đầy đủ (.doc) (12 trang)\n\nBÁO CÁO TỔNG KẾT NĂM HỌC 2019 - 2020\n\n"
    "Bạn đang xem bản rút gọn của tài liệu. Xem và tải ngay bản đầy đủ của tài liệu tại đây\n\n"
    "ỦY BAN NHÂN DÂN\nPHƯỜNG ..........\nSố:\n\n/BC-UBND\n\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "……………, ngày 15 tháng 7 năm 2020\n\nBÁO CÁO\nKết quả công tác giáo dục\nnăm học 2019 - 2020\n"
    "Phần thứ nhất\nĐÁNH GIÁ KẾT QUẢ\nNăm học qua, các trường trên địa bàn phường đã hoàn thành "
    "tốt nhiệm vụ được giao, chất lượng dạy và học được nâng lên rõ rệt.\n"
)


def test_a_form_copied_from_a_document_sharing_site() -> None:
    """The site's notices and its own title above the header are passed over; the form's blank
    number and place stay blank, its printed date is kept; the subject ends at the first part."""
    header = header_of(FORM_COPY)
    assert (header.doc_type, header.number, header.place, header.issued_date) == (
        "báo cáo",
        None,
        None,
        "2020-07-15",
    )
    assert header.issuer == "Ủy ban nhân dân phường"
    assert header.subject == "Kết quả công tác giáo dục năm học 2019 - 2020"


def test_a_header_flattened_below_a_document_sharing_page() -> None:
    """The site's title names the document; its page-1 text, flattened into one line under
    the site's notices and numbered as the site's page 1, holds the header."""
    furniture = "\n\n".join(
        [
            "Quyết định số 57/2011/QĐ-UBND",
            "Chia sẻ: Nguyen Van A | Ngày: | Loại File: PDF | Số trang:9",
            "0",
            "85",
            "lượt xem",
            "3",
            "download",
            "Quyết định số 57/2011/QĐ-UBND",
            "Mô tả tài liệu",
            "Quyết định số 57/2011/QĐ-UBND về việc ban hành quy chế quản lý chợ do UBND tỉnh ban hành",
            "Chủ đề:",
            "Lưu",
            "Nội dung Text: Quyết định số 57/2011/QĐ-UBND",
        ]
    )
    page = (
        " 1. ỦY BAN NHÂN DÂN TỈNH HÀ NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
        "Hạnh phúc Số: 57/2011/QĐ-UBND Phủ Lý, ngày 15 tháng 12 năm 2011 QUYẾT ĐỊNH Về việc ban "
        "hành quy chế quản lý chợ ỦY BAN NHÂN DÂN TỈNH HÀ NAM Căn cứ Luật Tổ chức Hội đồng nhân "
        "dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003; QUYẾT ĐỊNH: Điều 1. Ban hành kèm theo "
        "Quyết định này Quy chế quản lý chợ trên địa bàn tỉnh."
    )
    header = header_of(f"{furniture}\n\n{page}\n")
    assert (header.number, header.place, header.issued_date) == (
        "57/2011/QĐ-UBND",
        "Phủ Lý",
        "2011-12-15",
    )
    assert same_text("Ủy ban nhân dân tỉnh Hà Nam", header.issuer)


def test_a_body_s_first_word_wrapped_onto_a_line_of_its_own() -> None:
    header = header_of(
        "ỦY\nBAN NHÂN DÂN\nTỈNH ĐIỆN BIÊN\n-------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n|\nSố: 310/QĐ-UBND\n|\nĐiện\nBiên, ngày 2 tháng 4\n"
        "năm 2021\n|\nQUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC\n"
    )
    assert header.issuer == "Ủy ban nhân dân tỉnh Điện Biên"


def test_a_commendation_cable_names_its_sender_in_its_address_line() -> None:
    header = header_of(
        "ĐIỆN KHEN\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH điện:\n\n"
        "- Chủ tịch UBND các huyện, thành phố;\n- Giám đốc Sở Nông nghiệp và PTNT\n\n"
        "Theo báo cáo của Sở Nông nghiệp và PTNT, đến nay toàn tỉnh đã cấy được 80.000 ha lúa mùa."
    )
    assert (header.doc_type, header.issuer) == (
        "điện khen",
        "Chủ tịch Ủy ban nhân dân tỉnh Thái Bình",
    )
    assert header.recipients == (
        "Chủ tịch UBND các huyện, thành phố",
        "Giám đốc Sở Nông nghiệp và PTNT",
    )


@pytest.mark.parametrize(
    ("text", "doc_type", "subject"),
    [
        # A date line written with dashes ("14-08-2018 - 15:38") marks news.
        (
            "14-08-2018 - 15:38\n\nĐảng ủy xã họp đánh giá công tác 7 tháng đầu năm\n\n"
            "Chiều ngày 14/8/2018, Ban Chấp hành Đảng bộ xã đã tổ chức họp đánh giá kết quả công "
            "tác lãnh đạo, chỉ đạo 7 tháng đầu năm và triển khai nhiệm vụ những tháng còn lại.\n",
            "bài báo",
            "Đảng ủy xã họp đánh giá công tác 7 tháng đầu năm",
        ),
        # A page kept from the middle of an article, opening on the meeting.
        (
            "Tại cuộc họp, đồng chí Trần Văn A, Phó Bí thư Thường trực Huyện ủy yêu cầu các ban "
            "xây dựng Đảng phối hợp chuẩn bị tốt đại hội đảng bộ huyện lần thứ IX, nhiệm kỳ "
            "2020-2025.\n",
            "bài báo",
            None,
        ),
        # A document kept without its header, under its title, with no sign of news.
        (
            "Báo cáo tình hình công tác tuần từ ngày 6/3/2023 đến ngày 10/3/2023\n\n"
            "Font size : A- A A+\n\n1. Về công tác phòng chống dịch:\n\nTrong tuần, toàn tỉnh "
            "ghi nhận 25 ca mắc mới, giảm 5 ca so với tuần trước; không có ca tử vong.\n",
            "báo cáo",
            "Báo cáo tình hình công tác tuần từ ngày 6/3/2023 đến ngày 10/3/2023",
        ),
    ],
)
def test_pages_without_a_header(text: str, doc_type: str, subject: str | None) -> None:
    header = header_of(text)
    assert (header.doc_type, header.subject) == (doc_type, subject)


def test_a_blog_copy_of_a_cong_van_with_its_v_v_on_two_lines() -> None:
    """A blog's title names the number above the header; "V/v" stands alone, its text after a
    colon on the next line."""
    header = header_of(
        "Thứ Tư, 6 tháng 8, 2014\n\nCông văn Số: 3101/TCT-CS V/v: Chính sách thuế GTGT.\n\n"
        "BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\nSố: 3101/TCT-CS\nV/v\n"
        ": Chính sách thuế GTGT.\nHà Nội, ngày 1 tháng 8 năm 2014\n\n"
        "Kính gửi: Cục Thuế tỉnh Bình Phước.\n\nTrả lời công văn số 1234/CT-TTHT ngày 2/6/2014 "
        "của Cục Thuế tỉnh Bình Phước hỏi về chính sách thuế, Tổng cục Thuế có ý kiến như sau:\n"
    )
    assert (header.number, header.issuer, header.parent_issuer) == (
        "3101/TCT-CS",
        "Tổng cục Thuế",
        "Bộ Tài chính",
    )
    assert header.subject == "V/v Chính sách thuế GTGT."


def test_prose_from_the_first_line_with_no_header_is_an_article() -> None:
    header = header_of(
        "Những năm qua, Đảng bộ huyện rất quan tâm đến công tác phát triển đảng viên mới, nhằm "
        "xây dựng Đảng bộ ngày càng vững mạnh, đáp ứng yêu cầu nhiệm vụ trong tình hình mới.\n\n"
        "Trong nhiệm kỳ, huyện đã kết nạp được 900 đảng viên, tăng 5% so với nhiệm kỳ trước.\n"
    )
    assert (header.doc_type, header.subject) == ("bài báo", None)


@pytest.mark.parametrize(
    ("text", "number", "issued", "subject"),
    [
        (
            "THÔNG TIN PHẢN HỒI\n\nUBND tỉnh có ý kiến như sau:\n\nGiao Sở Xây dựng chủ trì kiểm tra, "
            "hoàn thành trước ngày 20/12/2023.\n\n(Theo Công văn số 7001/UBND-KT, ngày 5/12/2023)\n",
            "7001/UBND-KT",
            "2023-12-05",
            None,
        ),
        (
            "Về việc báo cáo tình hình rác thải nông thôn (4120/VP-KTN, ngày 3/11/2018).\n\n"
            "Thực hiện chỉ đạo của Văn phòng Chính phủ, đồng chí Phó Chủ tịch UBND tỉnh có ý kiến "
            "như sau: giao Sở Tài nguyên và Môi trường chủ trì tổng hợp, báo cáo.\n",
            "4120/VP-KTN",
            "2018-11-03",
            "Về việc báo cáo tình hình rác thải nông thôn",
        ),
    ],
)
def test_a_portal_copy_notes_its_document_s_number(
    text: str, number: str, issued: str, subject: str | None
) -> None:
    header = header_of(text)
    assert (header.doc_type, header.number, header.issued_date) == ("công văn", number, issued)
    if subject:
        assert header.subject == subject


def test_a_heading_that_names_its_issuer_has_its_subject_below() -> None:
    header = header_of(
        "UBND TỈNH HẢI DƯƠNG\nSố: 12/2003/QĐ-UB\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nHải Dương, ngày 3 tháng 3 năm 2003\n\n"
        "QUYẾT ĐỊNH CỦA UBND TỈNH HẢI DƯƠNG\n\nV/v phê duyệt đề án phát triển giao thông nông thôn.\n"
        "\nỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG\n\n- Căn cứ Luật tổ chức HĐND và UBND ngày 21/6/1994;\n"
    )
    assert header.subject == "V/v phê duyệt đề án phát triển giao thông nông thôn."


def test_an_audio_player_above_the_lead_is_no_headline() -> None:
    header = header_of(
        "Chủ tịch UBND tỉnh: Đẩy nhanh giải ngân vốn đầu tư công\n\n0:00 / 0:00\n0:00\n"
        "  • Nam miền Bắc\n  • Nữ miền Nam\n(Baonghean.vn) - Chủ tịch UBND tỉnh yêu cầu các sở, "
        "ngành tập trung đẩy nhanh tiến độ giải ngân vốn đầu tư công trong những tháng cuối năm.\n"
    )
    assert (header.doc_type, header.subject) == (
        "bài báo",
        "Chủ tịch UBND tỉnh: Đẩy nhanh giải ngân vốn đầu tư công",
    )


def test_a_provincial_body_named_without_its_province_takes_it_from_the_place_line() -> None:
    header = header_of(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 512/QĐ-UBND | Yên Bái, ngày 2 tháng 4 năm 2012 |\nQUYẾT ĐỊNH\n"
        "Về việc ban hành quy chế làm việc\n"
    )
    assert header.issuer == "Ủy ban nhân dân tỉnh Yên Bái"
