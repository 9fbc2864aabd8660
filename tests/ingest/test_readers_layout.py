"""Layout of positioned words: the two-column header must never interleave."""

from __future__ import annotations

import pytest

from ingest.readers.layout import Row, Word, group_lines, lay_out

PAGE_WIDTH = 595
LINE_HEIGHT = 14


def _line(top: float, *pieces: tuple[float, str]) -> list[Word]:
    """Words of one line: each piece starts at x and its words are 6 points per letter wide."""
    words = []
    for x, text in pieces:
        for token in text.split():
            width = 6 * len(token)
            words.append(Word(token, x, x + width, top, top + LINE_HEIGHT))
            x += width + 4
    return words


# The header of Chỉ thị 11/CT-TTg (corpus/ct_11_ttg_2020.txt) as laid out on its page 1.
HEADER = (
    _line(60, (80, "THỦ TƯỚNG CHÍNH PHỦ"), (300, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    + _line(76, (330, "Độc lập - Tự do - Hạnh phúc"))
    + _line(104, (95, "Số: 11/CT-TTg"), (320, "Hà Nội, ngày 04 tháng 3 năm 2020"))
    + _line(140, (250, "CHỈ THỊ"))
    + _line(
        170, (72, "Về các nhiệm vụ, giải pháp cấp bách tháo gỡ khó khăn cho sản xuất kinh doanh")
    )
)


def test_header_columns_come_out_one_after_the_other() -> None:
    lines = lay_out(HEADER, PAGE_WIDTH).splitlines()
    assert lines == [
        "THỦ TƯỚNG CHÍNH PHỦ",
        "Số: 11/CT-TTg",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 04 tháng 3 năm 2020",
        "CHỈ THỊ",
        "Về các nhiệm vụ, giải pháp cấp bách tháo gỡ khó khăn cho sản xuất kinh doanh",
    ]


def test_blanks_left_for_handwriting_stay_inside_their_column() -> None:
    """'Số:      /KH-UBND' and 'ngày   tháng   năm' have wide blanks that are not the gutter."""
    words = _line(60, (90, "ỦY BAN NHÂN DÂN"), (300, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")) + _line(
        100,
        (95, "Số:"),
        (160, "/KH-UBND"),
        (310, "Hà Nội, ngày"),
        (420, "tháng"),
        (480, "năm 2026"),
    )
    assert lay_out(words, PAGE_WIDTH).splitlines() == [
        "ỦY BAN NHÂN DÂN",
        "Số: /KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Hà Nội, ngày tháng năm 2026",
    ]


def test_signature_block_keeps_recipients_apart_from_signer() -> None:
    words = (
        _line(700, (72, "Nơi nhận:"), (360, "KT. THỦ TƯỚNG"))
        + _line(714, (72, "- Như Điều 3;"), (370, "PHÓ THỦ TƯỚNG"))
        + _line(728, (72, "- Lưu: VT, KGVX."))
        + _line(780, (380, "Vũ Đức Đam"))
    )
    text = lay_out(words, PAGE_WIDTH)
    assert text.splitlines()[:3] == ["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT, KGVX."]
    assert "KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG" in text


def test_body_lines_keep_reading_order() -> None:
    body = "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015"
    words = _line(200, (72, body)) + _line(214, (72, body.upper()))
    assert lay_out(words, PAGE_WIDTH).splitlines() == [body, body.upper()]


def test_table_rows_are_placed_by_height() -> None:
    words = _line(100, (72, "Kết quả xét nghiệm như sau:")) + _line(200, (72, "Đề nghị các đơn vị"))
    rows = [Row("Huyện\tSố ca", 150), Row("Cái Nước\t12", 165)]
    assert lay_out(words, PAGE_WIDTH, rows).splitlines() == [
        "Kết quả xét nghiệm như sau:",
        "Huyện\tSố ca",
        "Cái Nước\t12",
        "Đề nghị các đơn vị",
    ]


@pytest.mark.parametrize("offset", [0, 3, -3])
def test_words_a_little_off_the_line_stay_on_it(offset: float) -> None:
    """Handwritten numbers and accented capitals sit a little above or below the line."""
    words = _line(100, (95, "Số:")) + [Word("115", 120, 140, 100 + offset, 114 + offset)]
    assert [[w.text for w in line] for line in group_lines(words)] == [["Số:", "115"]]


def test_recognised_lines_hold_together_despite_descenders() -> None:
    """tesseract's own line numbers keep 'ngày' (a tall box) on its line."""
    words = [
        Word("Tờ", 300, 330, 70, 90, line=(1, 1, 1)),
        Word("ngày", 72, 110, 106, 150, line=(1, 1, 2)),
        Word("26", 115, 130, 106, 126, line=(1, 1, 2)),
    ]
    assert [[w.text for w in line] for line in group_lines(words)] == [["Tờ"], ["ngày", "26"]]
    unnumbered = [Word(w.text, w.x0, w.x1, w.top, w.bottom) for w in words]
    assert [[w.text for w in line] for line in group_lines(unnumbered)] == [
        ["Tờ"],
        ["26"],
        ["ngày"],
    ]
