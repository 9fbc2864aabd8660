"""Legacy Vietnamese encodings (TCVN3, VNI) and text damaged beyond repair."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from ingest import legacy
from ingest.normalize import fold
from ingest.readers import read_document
from tests.ingest.format_samples import typed_in

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

# Fixed phrases of every state document, as .VnTime (TCVN3) and VNI-Times text layers show them.
TCVN3_CASES = [
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("C¨n cø NghÞ ®Þnh sè 30/2020/N§-CP", "Căn cứ Nghị định số 30/2020/NĐ-CP"),
    ("Thñ t−íng ChÝnh phñ", "Thủ tướng Chính phủ"),  # ư as a PDF shows it: U+2212 MINUS SIGN
    ("ñy ban nh©n d©n tØnh Cµ Mau", "ủy ban nhân dân tỉnh Cà Mau"),
]
VNI_CASES = [
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("Quyeát ñònh veà vieäc ban haønh quy cheá", "Quyết định về việc ban hành quy chế"),
]
TCVN3_PARAGRAPH = (
    "Céng hoµ x· héi chñ nghÜa ViÖt Nam. §éc lËp - Tù do - H¹nh phóc. "
    "QuyÕt ®Þnh vÒ viÖc ban hµnh quy chÕ lµm viÖc cña ñy ban nh©n d©n tØnh. "
    "C¨n cø LuËt Tæ chøc chÝnh quyÒn ®Þa ph−¬ng ngµy 19 th¸ng 6 n¨m 2015."
)
VNI_PARAGRAPH = (
    "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Ñoäc laäp - Töï do - Haïnh phuùc. "
    "Quyeát ñònh veà vieäc ban haønh quy cheá laøm vieäc cuûa UÛy ban nhaân daân tænh."
)


@pytest.mark.parametrize(("legacy_text", "unicode_text"), TCVN3_CASES)
def test_tcvn3_converts(legacy_text: str, unicode_text: str) -> None:
    assert legacy.convert(legacy_text, legacy.TCVN3) == unicode_text


@pytest.mark.parametrize(("legacy_text", "unicode_text"), VNI_CASES)
def test_vni_converts(legacy_text: str, unicode_text: str) -> None:
    assert legacy.convert(legacy_text, legacy.VNI) == unicode_text


def test_upper_case_font_gives_upper_case() -> None:
    """.VnTimeH headings are typed with lower-case TCVN3 bytes."""
    assert legacy.convert(
        "CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", legacy.TCVN3, "ABCDEF+.VnTimeH"
    ) == ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")


@pytest.mark.parametrize(
    ("font", "encoding"),
    [
        (".VnTime", "tcvn3"),
        ("BCDEFG+.VnArialH", "tcvn3"),
        ("VNI-Times", "vni"),
        ("TimesNewRomanPSMT", None),
    ],
)
def test_font_names_tell_the_encoding(font: str, encoding: str | None) -> None:
    assert legacy.encoding_of_font(font) == encoding


@pytest.mark.parametrize(
    ("text", "encoding"), [(TCVN3_PARAGRAPH, "tcvn3"), (VNI_PARAGRAPH, "vni")], ids=["tcvn3", "vni"]
)
def test_detected_from_content(text: str, encoding: str) -> None:
    assert legacy.detect(text) == encoding


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda path: path.name)
def test_nothing_detected_or_flagged_in_the_unicode_corpus(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert legacy.detect(text) is None
    assert legacy.damage_warning(text) is None


ENGLISH = (
    "The Prime Minister issued Directive No. 11 on urgent tasks and solutions to remove "
    "difficulties for production and business, ensure social security and respond to the "
    "COVID-19 epidemic. Ministries and provinces are asked to report on their progress before "
    "the end of the month, with figures on affected enterprises, workers and tax deferrals."
)
SPANISH = "El Gobierno de Vietnam aprobó la resolución sobre la reducción de impuestos para las pequeñas empresas y la protección de los trabajadores afectados por la pandemia en el año."


@pytest.mark.parametrize("text", [ENGLISH, SPANISH], ids=["english", "spanish"])
def test_other_languages_are_left_alone(text: str) -> None:
    assert legacy.detect(text) is None
    assert legacy.damage_warning(text) is None


@pytest.mark.parametrize(
    "encoded",
    [TCVN3_PARAGRAPH.replace("−", "\xad").encode("cp1252"), VNI_PARAGRAPH.encode("cp1252")],
    ids=["tcvn3", "vni"],
)
def test_legacy_txt_file_is_converted(tmp_path: Path, encoded: bytes) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(encoded)
    document = read_document(path)
    assert "Cộng hòa xã hội chủ nghĩa Việt Nam" in document.text.replace("hoà", "hòa")
    assert "Độc lập - Tự do - Hạnh phúc" in document.text
    assert document.encoding in ("tcvn3", "vni")


# What a mis-decoded .VnTime letter of a trade union turned into (issue 4), in a letter's frame.
DAMAGED = (
    "TONG LIEN DOAN LAO IX)NG VIET NAM\nCONG HOA XA HOI CHU NGHIA VIET NAM\n"
    "Dc 1p - Ti do - H3nh phüc\nSo 12/TLD Ha Noi, ngay 5 thang 3 nam 2020\n"
    "Kinh gui cac cong doan nganh trung uong ve viec to chuc phong chong dich benh"
)


def test_text_that_lost_its_marks_is_flagged(tmp_path: Path) -> None:
    assert legacy.damage_warning(DAMAGED) is not None
    path = tmp_path / "damaged.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    assert any("tone marks" in warning for warning in read_document(path).warnings)


def test_corpus_text_stripped_of_marks_is_flagged() -> None:
    text = (CORPUS / "nq_84_cp_2020.txt").read_text(encoding="utf-8")[:3000]
    assert legacy.damage_warning(text) is None
    assert legacy.damage_warning(fold(text)) is not None


SEED = CORPUS / "002_46a42970c31daf42.txt"  # a công văn: capitals in its header and signature


def test_a_whole_vni_document_is_converted(tmp_path: Path) -> None:
    """VNI spells "ô", "â", "ê" with Latin-1 letters ("Coâng", "hôn"): a whole document is full of
    them, and they must not pass for Unicode Vietnamese."""
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "vni.txt"
    path.write_bytes(typed_in(text, legacy.VNI))
    document = read_document(path)
    assert document.encoding == legacy.VNI
    assert document.text == unicodedata.normalize("NFC", text)


def test_tcvn3_headings_come_back_in_capitals(tmp_path: Path) -> None:
    text = unicodedata.normalize("NFC", SEED.read_text(encoding="utf-8"))
    path = tmp_path / "tcvn3.txt"
    path.write_bytes(typed_in(text, legacy.TCVN3))
    document = read_document(path)
    assert document.encoding == legacy.TCVN3
    caps_lines = [line for line in text.splitlines() if line.isupper()]
    assert "ỦY BAN NHÂN DÂN" in " ".join(caps_lines)
    assert [line for line in document.text.splitlines() if line.isupper()] == caps_lines
    # A capital TCVN3 cannot type stays lower case in running text ("ủy ban"), as typed.
    assert fold(document.text) == fold(text)


def test_tcvn3_body_keeps_its_case() -> None:
    assert (
        legacy.convert("Sè: 12/UBND-VX\nC¨n cø LuËt", legacy.TCVN3) == "Số: 12/UBND-VX\nCăn cứ Luật"
    )


def test_text_that_lost_its_accented_letters_is_flagged() -> None:
    """A Hướng dẫn of a Phú Thọ department as a document site extracted it: every accented
    letter dropped ("UBND TNH PH TH CNG HO X HI CH NGHA VIT NAM") (tests/data/freshset)."""
    path = Path(__file__).parents[1] / "data" / "freshset" / "docs" / "hd_svhttdl_phutho_2017.txt"
    warnings = read_document(path).warnings
    assert any("lost its accented letters" in warning for warning in warnings)
