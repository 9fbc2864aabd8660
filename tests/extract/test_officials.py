"""Officials on real wording: honorifics, titles before and after names, signature blocks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.header import extract_header
from extract.model import Header, Signer
from extract.officials import extract_officials, titles_after
from ingest.normalize import normalize_text


def _names(text: str, header: Header | None = None, **options) -> dict[str, tuple[str, ...]]:
    officials = extract_officials(normalize_text(text), header or Header(), **options)
    return {o.name: o.titles for o in officials}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Honorific, then titles in apposition (a conclusion notice's heading, 001).
        (
            "kết luận của đồng chí Nguyễn Tiến Hải,\nỦy viên Trung ương Đảng, Bí thư Tỉnh ủy, "
            "Chủ tịch HĐND tỉnh,\nTrưởng Ban Chỉ đạo phòng, chống dịch bệnh Covid-19 tỉnh\n"
            "tại cuộc họp trực tuyến",
            {
                "Nguyễn Tiến Hải": (
                    "Ủy viên Trung ương Đảng",
                    "Bí thư Tỉnh ủy",
                    "Chủ tịch HĐND tỉnh",
                    "Trưởng Ban Chỉ đạo phòng, chống dịch bệnh Covid-19 tỉnh",
                )
            },
        ),
        # A list after "các đồng chí:", one person per ";" (news article, 004).
        (
            "Dự hội nghị có các đồng chí: Lại Thế Nguyên, Phó Bí thư Thường trực Tỉnh ủy, Trưởng "
            "đoàn Đại biểu Quốc hội tỉnh; Đỗ Minh Tuấn, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh; "
            "Trịnh Tuấn Sinh, Phó Bí thư Tỉnh ủy; Đầu Thanh Tùng, Phó Chủ tịch UBND tỉnh, lãnh "
            "đạo Sở Y tế.",
            {
                "Lại Thế Nguyên": (
                    "Phó Bí thư Thường trực Tỉnh ủy",
                    "Trưởng đoàn Đại biểu Quốc hội tỉnh",
                ),
                "Đỗ Minh Tuấn": ("Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"),
                "Trịnh Tuấn Sinh": ("Phó Bí thư Tỉnh ủy",),
                "Đầu Thanh Tùng": ("Phó Chủ tịch UBND tỉnh",),
            },
        ),
        # The title ends before the sentence's verb ("… tham gia chỉ đạo").
        (
            "Phân công đồng chí Trương Đăng Khoa, Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Đảng ủy "
            "Dân chính đảng tham gia chỉ đạo, thực hiện nhiệm vụ Tổ 3.",
            {
                "Trương Đăng Khoa": (
                    "Ủy viên Ban Thường vụ Tỉnh ủy",
                    "Bí thư Đảng ủy Dân chính đảng",
                )
            },
        ),
        # A title before the name, in a Nơi nhận list (cv_839_tct_2020, OCR'd).
        (
            "- Thứ trưởng Trần Xuân Hà (để b/c);\n- Tổng cục trưởng Cao Anh Tuấn (để b/c);",
            {"Trần Xuân Hà": ("Thứ trưởng",), "Cao Anh Tuấn": ("Tổng cục trưởng",)},
        ),
        # An anonymised patient is nobody; a bare title is not a name.
        (
            "truy vết liên quan ca nhiễm (bà Trần Thị T, địa chỉ Khóm 4, Phường 6), đồng chí "
            "Bí thư Tỉnh ủy chủ trì.",
            {},
        ),
        # A place after a title is not a person ("Chủ tịch UBND tỉnh Cà Mau").
        ("Chủ tịch Ủy ban nhân dân tỉnh Cà Mau, Hà Nội, Phó Chủ tịch", {}),
    ],
)
def test_officials_in_running_text(text: str, expected: dict) -> None:
    assert _names(text, propose=None) == expected


def test_signature_block_names_the_signer_with_the_title_line() -> None:
    text = (
        "Nơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n\nLâm Văn Bi"
    )
    assert _names(text, propose=None) == {"Lâm Văn Bi": ("Phó Chủ tịch",)}


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        # A party signature with a two-line authority and a name in capitals.
        (
            "K/T BÍ THƯ\nPHÓ BÍ THƯ THƯỜNG TRỰC\n\n\nNGUYỄN VĂN THÀNH\n",
            {"Nguyễn Văn Thành": ("Phó Bí thư Thường trực",)},
        ),
        # A copy: "(Đã ký)" between the title and the name.
        (
            "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n(Đã ký)\n\nĐào Văn Khánh\n",
            {"Đào Văn Khánh": ("Chủ tịch",)},
        ),
        # A name line not under a title line is not a signature.
        ("- Lưu: VT.\n\nĐào Văn Khánh\n", {}),
    ],
)
def test_signature_block_variants(block: str, expected: dict) -> None:
    assert _names("Nơi nhận:\n- Như trên;\n\n" + block, propose=None) == expected


def test_header_signer_title_is_preferred() -> None:
    header = Header(signer=Signer(name="Nguyễn Minh Nhứt", title="Chánh Văn phòng", on_behalf=None))
    text = "- Lưu Văn phòng Tỉnh ủy.\n\nCHÁNH VĂN PHÒNG\n\nNguyễn Minh Nhứt\n"
    assert _names(text, header, propose=None) == {"Nguyễn Minh Nhứt": ("Chánh Văn phòng",)}


def test_a_proposer_adds_a_name_whose_surname_is_not_listed_but_rules_still_decide() -> None:
    text = "Dự họp có Mùi Văn Tâm, Phó Chủ tịch UBND tỉnh. Mùi Văn Tâm cho biết tình hình."
    assert _names(text, propose=None) == {}

    def propose(sentence: str) -> list[tuple[int, int]]:
        start = sentence.find("Mùi Văn Tâm")
        return [(start, start + len("Mùi Văn Tâm"))] if start >= 0 else []

    assert _names(text, propose=propose) == {"Mùi Văn Tâm": ("Phó Chủ tịch UBND tỉnh",)}


def test_underthesea_ner_is_the_default_proposer() -> None:
    text = "Dự hội nghị có Mùi Văn Tâm, Phó Chủ tịch UBND tỉnh Hòa Bình."
    assert "Mùi Văn Tâm" in _names(text)


def test_titles_after_stops_at_the_verb() -> None:
    text = "đồng chí Đỗ Trọng Hưng, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy đã chủ trì hội nghị"
    end = text.index("Hưng") + len("Hưng")
    titles, stop = titles_after(text, end)
    assert titles == ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"]
    assert text[stop:].startswith("đã chủ trì")


def _gold_files(shared_dir: Path) -> list[Path]:
    files = sorted((shared_dir / "gold").glob("*.json"))
    if not files:
        pytest.skip("no gold files")
    return files


def test_officials_match_the_gold_names_of_the_seeds(shared_dir: Path, corpus_dir: Path) -> None:
    found = expected = hits = 0
    for gold_path in _gold_files(shared_dir):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = normalize_text((corpus_dir / gold["file"]).read_text(encoding="utf-8"))
        names = {o.name for o in extract_officials(text, extract_header(text))}
        gold_names = {o["name"] for o in gold["officials"]}
        found, expected, hits = (
            found + len(names),
            expected + len(gold_names),
            hits + len(names & gold_names),
        )
    precision, recall = hits / found, hits / expected
    assert 2 * precision * recall / (precision + recall) >= 0.9


def test_ocr_documents_give_only_people(corpus_dir: Path) -> None:
    """OCR'd tax letters: a title before a name in Nơi nhận; no place or country as a person."""
    text = normalize_text((corpus_dir / "cv_839_tct_2020.txt").read_text(encoding="utf-8"))
    names = {o.name for o in extract_officials(text, extract_header(text))}
    assert "Cao Anh Tuấn" in names
    for path in ("cv_cthp_2020_nd41.txt", "nq_84_cp_2020.txt", "qd_28_2021_ttg.txt"):
        text = normalize_text((corpus_dir / path).read_text(encoding="utf-8"))
        names = {o.name for o in extract_officials(text, extract_header(text))}
        assert not names & {"Việt Nam", "Hà Nội", "Hải Phòng", "Hồ Chí Minh"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A portal banner: the name in capitals after an honorific, titles in capitals across a
        # wide gap, an abbreviation among them kept as written.
        (
            "Trang chủ\n   Đồng chí NGÔ VĂN TÂM            HUV, PHÓ CHỦ TỊCH UBND HUYỆN\n\n"
            "Tin hoạt động",
            {"Ngô Văn Tâm": ("HUV", "Phó Chủ tịch UBND huyện")},
        ),
        # A name in capitals in a list of delegates, titles in running text after it.
        (
            "Tham dự có ông ĐINH QUANG HẢI, Phó Giám đốc Sở Tài chính.",
            {"Đinh Quang Hải": ("Phó Giám đốc Sở Tài chính",)},
        ),
        # A name cut to an initial, a place and a heading in capitals are nobody.
        (
            "Đồng chí PHẠM VĂN B   BÍ THƯ CHI BỘ\nông HÀ GIANG\nông BÍ THƯ ĐẢNG ỦY XÃ",
            {},
        ),
    ],
    ids=["banner", "delegate", "not-names"],
)
def test_names_in_capitals_after_an_honorific(text: str, expected: dict) -> None:
    assert _names(text, propose=None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A dash joins the halves of a body's name: the word after it ends nothing.
        (
            "Ông Phan Văn Khải, Phó Giám đốc Sở Nông nghiệp - phát triển nông thôn cho biết, "
            "diện tích lúa bị hạn đã giảm.",
            {"Phan Văn Khải": ("Phó Giám đốc Sở Nông nghiệp - phát triển nông thôn",)},
        ),
        # Titles after a spaced dash or in brackets, as news items write them.
        (
            "Bà Đoàn Thị Mai - Chánh Văn phòng Sở Lao động - Thương binh và Xã hội phát biểu "
            "tại buổi làm việc.",
            {"Đoàn Thị Mai": ("Chánh Văn phòng Sở Lao động - Thương binh và Xã hội",)},
        ),
        (
            "Đồng chí Kiều Minh Sơn (Trưởng Ban Dân vận Huyện ủy) trao quà cho các hộ nghèo.",
            {"Kiều Minh Sơn": ("Trưởng Ban Dân vận Huyện ủy",)},
        ),
        # A list of chairs, each name's titles after an en dash; "cùng" is the verb's.
        (
            "Các đồng chí: Hoàng Văn Nam – Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh; Bùi Thị Lan – "
            "Phó Giám đốc Sở Y tế cùng chủ trì hội nghị.",
            {
                "Hoàng Văn Nam": ("Tỉnh ủy viên", "Phó Chủ tịch UBND tỉnh"),
                "Bùi Thị Lan": ("Phó Giám đốc Sở Y tế",),
            },
        ),
    ],
    ids=["dash-inside", "dash-apposition", "brackets", "list-of-chairs"],
)
def test_titles_joined_by_dashes_and_brackets(text: str, expected: dict) -> None:
    assert _names(text, propose=None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A news list writes "Name-Title" with a glued hyphen; an item's name may lie outside
        # the surname list (a Jrai name) and is still read as the list's person.
        (
            "Tham dự có các đồng chí: Lê Minh Trí-Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân "
            "vận Tỉnh ủy; Siu Hoa Blơi-Phó Chủ tịch UBND tỉnh; Đinh Thị Hằng-Giám đốc Sở Y tế.",
            {
                "Lê Minh Trí": ("Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban Dân vận Tỉnh ủy"),
                "Siu Hoa Blơi": ("Phó Chủ tịch UBND tỉnh",),
                "Đinh Thị Hằng": ("Giám đốc Sở Y tế",),
            },
        ),
        # A title glued to the word before it by text extraction, and the same text split.
        (
            "Theo đề nghị của Bộ Công Thương, PhóThủ tướng Trịnh Văn Hòa đồng ý chủ trương.",
            {"Trịnh Văn Hòa": ("Phó Thủ tướng",)},
        ),
        (
            "Theo đề nghị của Bộ Công Thương, Phó Thủ tướng Trịnh Văn Hòa đồng ý chủ trương.",
            {"Trịnh Văn Hòa": ("Phó Thủ tướng",)},
        ),
        # Abbreviated titles in a recipient list; a type code inside a number is none.
        (
            "Nơi nhận:\n- Thủ tướng, PTTg Trịnh Văn Hòa;\n- PCT Lương Thị Nga;\n"
            "- Quyết định số 15/QĐ-TTg Nguyễn Văn An;",
            {"Trịnh Văn Hòa": ("Phó Thủ tướng",), "Lương Thị Nga": ("Phó Chủ tịch",)},
        ),
    ],
    ids=["glued-hyphen-list", "glued-title", "split-title", "abbreviated-titles"],
)
def test_news_and_extraction_spellings_of_titles(text: str, expected: dict) -> None:
    assert _names(text, propose=None) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A related-article link: "Bí thư" is a body's name and the verb's phrase follows.
        "Chỉ thị của Ban Bí thư về việc tổ chức Tết Giáp Thìn năm 2024\n\n"
        "Thường trực Ban Bí thư: Phải rất gọn, rõ chức năng\n",
        "Nhân dịp Tết Nguyên Đán, Chủ tịch UBND tỉnh thăm các gia đình chính sách.",
    ],
    ids=["related-link", "holiday"],
)
def test_a_holiday_or_a_related_link_names_no_one(text: str) -> None:
    assert _names(text) == {}
