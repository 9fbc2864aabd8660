"""The plugin's pure functions: document numbers in any spelling, escaping, highlighting."""

from __future__ import annotations

import html as html_module
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.normalize import fold


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("1102/CĐ-TTg", "1102/CD-TTg"),
        ("1102/CĐ-TTg", "1102 CĐ-TTg"),
        ("1102/CĐ-TTg", "1102 CĐ TTg"),
        ("1102/CĐ-TTg", "cong dien 1102"),
        ("1102/CĐ-TTg", "Công điện số 1102/CĐ-TTg"),
        ("1102/CĐ-TTg", "Công điện số 1102/CĐ-TTg ngày 23/8/2021 của Thủ tướng Chính phủ"),
        ("215-QĐ/TU", "215 QD TU"),
        ("23/2021/QĐ-TTg", "23/2021/QD-TTG"),
        ("41/2020/NĐ-CP", "nghị định 41/2020"),
        ("4806/UBND-KGVX", "4806/ubnd-kgvx"),
    ],
)
def test_a_number_typed_in_any_spelling_matches(site_plugin, stored, typed):
    assert site_plugin.number_matches(stored, typed) == 1


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("1102/CĐ-TTg", "1103/CĐ-TTg"),
        ("1102/QĐ-TTg", "cong dien 1102"),
        ("41/NQ-CP", "41/2020/NĐ-CP"),
        ("11022/CĐ-TTg", "1102/CĐ-TTg"),
        (None, "1102/CĐ-TTg"),
    ],
)
def test_a_different_number_does_not_match(site_plugin, stored, typed):
    assert site_plugin.number_matches(stored, typed) == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("1102/CD-TTg", True),
        ("1102 CĐ TTg", True),
        ("công điện 1102", True),
        ("số 215-QĐ/TU", True),
        ("phong chong dich", False),
        ("COVID-19", False),
        ("ngày 23/8/2021", False),
        ("2021 năm", False),
    ],
)
def test_looks_like_number(site_plugin, query, expected):
    assert site_plugin.looks_like_number(query) is expected


def test_render_spans_escapes_text_and_nests_crossing_spans(site_plugin):
    Span = site_plugin.Span
    text = 'a <script>alert("x")</script> b'
    html = site_plugin.render_spans(
        text, [Span(0, 12, "span", (("class", "outer"),)), Span(2, 20, "mark")]
    )
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    # the inner span was clipped to end with the outer one
    assert html.startswith('<span class="outer">a <mark>&lt;script&gt;')
    assert html.index("</mark>") < html.index("</span>")


def test_attribute_values_are_escaped(site_plugin):
    span = site_plugin.Span(0, 1, "a", (("title", '"><script>'),))
    assert span.open() == '<a title="&#34;&gt;&lt;script&gt;">'


def test_paginate_numbers_pages_and_cuts_spans_at_breaks(site_plugin):
    Span = site_plugin.Span
    text = "trang một\ftrang hai"
    pages = site_plugin.paginate(text, [Span(6, 14, "mark")])
    assert [p["number"] for p in pages] == [1, 2]
    assert pages[0]["html"] == "trang <mark>một</mark>"
    assert pages[1]["html"] == "<mark>tran</mark>g hai"


def test_snippet_marks_words_typed_without_diacritics(site_plugin):
    text = "Báo cáo công tác phòng, chống dịch COVID-19 trên địa bàn tỉnh <b>"
    html = site_plugin.snippet(text, site_plugin.query_terms("phong chong dich dia ban"))
    assert "<mark>phòng</mark>, <mark>chống</mark> <mark>dịch</mark>" in html
    assert "<mark>địa</mark> <mark>bàn</mark>" in html
    assert "&lt;b&gt;" in html


def test_fts_query_keeps_phrases_and_folds_words(site_plugin):
    assert site_plugin.fts_query('"phòng, chống dịch" Đồng') == '"phong chong dich" "dong"'


@pytest.mark.parametrize(
    ("task", "status"),
    [
        ({"deadline": "2021-08-30"}, "overdue"),
        ({"deadline": "2999-01-01"}, "open"),
        ({"deadline": None, "deadline_kind": "thường xuyên"}, "open"),
        ({"deadline": "2021-08-30", "status": "hoàn thành quá hạn"}, "done"),
        ({"deadline": "2021-08-30", "status": "hoàn thành đúng hạn"}, "done"),
        ({"deadline": "2021-08-30", "status": "quá hạn"}, "overdue"),
        ({"deadline": "2021-08-30", "status": "đang thực hiện"}, "open"),
    ],
)
def test_task_status(site_plugin, task, status):
    assert site_plugin.task_status(task, "2026-01-01") == status


def test_snippet_shows_the_stretch_where_most_terms_meet(site_plugin):
    text = "dịch bệnh. " * 40 + "Công tác phòng, chống dịch được tăng cường. " + "chống. " * 40
    html = site_plugin.snippet(text, site_plugin.query_terms("phong chong dich"))
    assert "<mark>phòng</mark>, <mark>chống</mark> <mark>dịch</mark>" in html


def test_snippet_finds_where_the_words_meet_past_thousands_of_a_common_word(site_plugin):
    text = "dịch bệnh. " * 3000 + "Công tác phòng, chống dịch được tăng cường."
    html = site_plugin.snippet(text, site_plugin.query_terms("phong chong dich"))
    assert "<mark>phòng</mark>, <mark>chống</mark> <mark>dịch</mark>" in html


def test_snippet_anchors_on_a_word_standing_alone_not_inside_others(site_plugin):
    # "oan" is counted once (inside "toàn"), fewer than "ban" and "hanh", but never stands
    # alone: the snippet is still drawn where "ban hành" stands, far from the start.
    text = "Bảo đảm an toàn. " + "Xem xét. " * 40 + "Ủy ban ban hành quy chế, ban hành kèm theo."
    html = site_plugin.snippet(text, site_plugin.query_terms("ban hanh oan"))
    assert "<mark>ban</mark> <mark>hành</mark>" in html


@pytest.mark.parametrize(
    ("match", "expected"),
    [
        ('"phong" "chong"', '(("phong")) AND (("chong"))'),
        ('"dich"', '(("dich" OR "đich"))'),
        ('"1102 cd ttg"', '(("1102") AND ("cd" OR "cđ") AND ("ttg"))'),
        ('"thich ung an toan"', '("thich ung an toan")'),
        ('"an" OR "do"', '(("an")) OR (("do" OR "đo"))'),
    ],
)
def test_title_query_asks_for_the_spellings_with_d_bar(site_plugin, match, expected):
    # The index of numbers and subjects folds diacritics but keeps "đ", as unicode61 does.
    assert site_plugin.title_query(match) == expected


def test_what_citations_say_takes_the_value_most_of_them_give(site_plugin):
    citations = [
        {
            "number": "1102/CĐ-TTg",
            "date": "2021-08-23",
            "cited_type": "công điện",
            "cited_issuer": None,
        },
        {
            "number": "1102/CD-TTg",
            "date": None,
            "cited_type": "công điện",
            "cited_issuer": "Thủ tướng Chính phủ",
        },
        {"number": "1102/CĐ-TTg", "date": "2021-08-23", "cited_type": None, "cited_issuer": None},
    ]
    assert site_plugin._what_citations_say(citations) == {
        "type": "công điện",
        "number": "1102/CĐ-TTg",
        "date": "2021-08-23",
        "issuer": "Thủ tướng Chính phủ",
    }


def test_snippet_uses_the_stored_folded_text_only_when_aligned(site_plugin):
    text = "Công tác phòng, chống dịch"
    terms = site_plugin.query_terms("chong dich")
    aligned = site_plugin.snippet(text, terms, folded=fold(text))
    assert aligned == site_plugin.snippet(text, terms)
    misaligned = site_plugin.snippet(text, terms, folded="x" + fold(text))
    assert "<mark>chống</mark> <mark>dịch</mark>" in misaligned


def test_fts_query_any_word(site_plugin):
    assert site_plugin.fts_query("phòng dịch", any_word=True) == '"phong" OR "dich"'


# --- properties ------------------------------------------------------------------------------------

_TEXT = st.text(alphabet="ab <>&\"'đĐ\n\fáạ/", max_size=60)


@given(text=_TEXT, cuts=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6))
def test_rendering_spans_keeps_the_text_and_escapes_all_of_it(site_plugin, text, cuts):
    spans = [
        site_plugin.Span(min(a, b), max(a, b), "mark")
        for a, b in cuts
        if min(a, b) < max(a, b) <= len(text)
    ]
    html = str(site_plugin.render_spans(text, spans))
    assert html.count("<mark>") == html.count("</mark>")
    without_tags = html.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in without_tags and ">" not in without_tags
    assert html_module.unescape(without_tags) == text


@given(
    text=st.text(alphabet="ab dđáạ.,\n\f<&", max_size=400),
    query=st.text(alphabet="ab dđá ", max_size=12),
)
def test_a_snippet_is_a_stretch_of_the_text_with_whole_words_marked(site_plugin, text, query):
    terms = site_plugin.query_terms(query)
    html = str(site_plugin.snippet(text, terms))
    assert html.count("<mark>") == html.count("</mark>")
    shown = html_module.unescape(html.replace("<mark>", "").replace("</mark>", "")).strip("…")
    flat = text.replace("\n", " ").replace("\f", " ")
    assert shown in flat
    for marked in re.findall(r"<mark>(.*?)</mark>", html):
        assert fold(html_module.unescape(marked)) in terms


@given(
    serial=st.integers(1, 99999),
    year=st.one_of(st.none(), st.integers(1990, 2030)),
    codes=st.lists(
        st.sampled_from(["CĐ", "QĐ", "NQ", "TTg", "UBND", "CP", "BYT"]), min_size=1, max_size=3
    ),
    separator=st.sampled_from(["/", " / ", " ", "-"]),
)
def test_a_number_matches_itself_typed_with_other_separators_and_no_diacritics(
    site_plugin, serial, year, codes, separator
):
    stored = f"{serial}/" + (f"{year}/" if year else "") + "-".join(codes)
    typed = separator.join([str(serial), *([str(year)] if year else []), *map(fold, codes)])
    assert site_plugin.number_matches(stored, typed) == 1
    assert site_plugin.number_matches(stored, f"{serial + 1}/" + "-".join(codes)) == 0
