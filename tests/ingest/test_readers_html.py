"""Saved portal pages: the article without navigation, with its title and date."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.readers import ReadError, read_document

# Opening of Nghị quyết 84/NQ-CP (corpus/nq_84_cp_2020.txt) as a portal would publish it.
ARTICLE = [
    "Chính phủ ban hành Nghị quyết số 84/NQ-CP ngày 29/5/2020 về các nhiệm vụ, giải pháp tiếp tục "
    "tháo gỡ khó khăn cho sản xuất kinh doanh, thúc đẩy giải ngân vốn đầu tư công và bảo đảm trật "
    "tự an toàn xã hội trong bối cảnh đại dịch Covid-19.",
    "Nghị quyết nêu rõ, các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các tỉnh, "
    "thành phố trực thuộc trung ương tiếp tục thực hiện nghiêm các nhiệm vụ, giải pháp đã đề ra.",
]
NAVIGATION = ["Trang chủ", "Văn bản", "Tin tức - Sự kiện", "Liên hệ"]
FOOTER = (
    "Bản quyền thuộc Cổng Thông tin điện tử Chính phủ. Địa chỉ: 16 Lê Hồng Phong, Ba Đình, Hà Nội"
)


def _page(charset: str = "utf-8") -> str:
    menu = "".join(f'<li><a href="/{i}">{item}</a></li>' for i, item in enumerate(NAVIGATION))
    body = "".join(f"<p>{paragraph}</p>" for paragraph in ARTICLE)
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="{charset}">'
        "<title>Nghị quyết 84/NQ-CP tháo gỡ khó khăn cho sản xuất kinh doanh</title>"
        '<meta property="article:published_time" content="2020-05-29T18:30:00+07:00"></head>'
        f"<body><header><nav><ul>{menu}</ul></nav></header><main><article>"
        "<h1>Nghị quyết 84/NQ-CP tháo gỡ khó khăn cho sản xuất kinh doanh</h1>"
        f"{body}</article></main><footer><p>{FOOTER}</p></footer></body></html>"
    )


def test_article_text_without_navigation_or_footer(tmp_path: Path) -> None:
    path = tmp_path / "nq84.html"
    path.write_text(_page(), encoding="utf-8")
    document = read_document(path)
    for paragraph in ARTICLE:
        assert paragraph in document.text
    assert "Trang chủ" not in document.text and "Bản quyền" not in document.text
    assert document.title == "Nghị quyết 84/NQ-CP tháo gỡ khó khăn cho sản xuất kinh doanh"
    assert document.published == "2020-05-29"
    assert document.format == "html"


def test_html_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "nq84.txt"
    path.write_text(_page(), encoding="utf-8")
    document = read_document(path)
    assert document.format == "html" and "Trang chủ" not in document.text


def test_page_without_an_article_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text(
        "<html><head><title>Trang chủ</title></head><body></body></html>", encoding="utf-8"
    )
    with pytest.raises(ReadError, match="without article text"):
        read_document(path)


# Rows of a report's statistics appendix (corpus/003_ac9f01e6cbb8af30.txt) as a portal's table.
TABLE = [
    ("STT", "Nội dung", "Số lượng"),
    ("1", "Số nhân lực y tế tại địa phương", "218"),
    ("2", "Số Tổ Covid-19 cộng đồng | tổ", "111"),
    ("3", "Số người sử dụng lao động được hỗ trợ", ""),
]


def test_table_rows_come_out_as_tab_separated_cells(tmp_path: Path) -> None:
    """As the PDF and DOCX readers give them, so a table's figures are read alike; the rule
    trafilatura draws under a header row (<th> cells) is dropped."""
    rows = "".join(
        "<tr>" + "".join(f"<{tag}>{cell}</{tag}>" for cell in row) + "</tr>"
        for tag, row in zip(["th"] + ["td"] * (len(TABLE) - 1), TABLE, strict=True)
    )
    page = _page().replace("</article>", f"<table>{rows}</table></article>")
    path = tmp_path / "table.html"
    path.write_text(page, encoding="utf-8")
    lines = read_document(path).text.splitlines()
    assert [line for line in lines if "\t" in line] == [
        "STT\tNội dung\tSố lượng",
        "1\tSố nhân lực y tế tại địa phương\t218",
        "2\tSố Tổ Covid-19 cộng đồng | tổ\t111",
        "3\tSố người sử dụng lao động được hỗ trợ",
    ]
    assert not any(line.startswith("|") for line in lines)
