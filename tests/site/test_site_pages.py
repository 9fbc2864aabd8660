"""The published site through Datasette's test client, configured as ``vanban serve`` runs it."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.cli import PROJECT_ROOT
from ingest.normalize import fold

CORPUS = PROJECT_ROOT / "corpus"
SEED_FILES = sorted(p.name for p in CORPUS.glob("00[0-9]_*.txt"))


def result_files(html: str) -> list[str]:
    """The file names of the documents a search page lists, best first."""
    return re.findall(r'<li class="result" data-file="([^"]+)"', html)


def document_ids(db_path: Path) -> dict[str, str]:
    with sqlite3.connect(db_path) as conn:
        return dict(conn.execute("select filename, id from documents"))


# --- home and search -----------------------------------------------------------------------------


def test_home_page_is_vietnamese_with_a_search_box(corpus_site):
    response = corpus_site.get("/")
    assert response.status_code == 200
    assert '<html lang="vi">' in response.text
    assert "Cơ sở dữ liệu văn bản hành chính" in response.text
    assert 'action="/-/tim-kiem"' in response.text
    documents_row = re.search(
        r'<a href="/vanban/documents\?_col=[^"]+">Văn bản</a></th><td class="num">(\d+)',
        response.text,
    )
    assert documents_row and int(documents_row.group(1)) == len(list(CORPUS.glob("*.txt")))


def test_search_without_diacritics_finds_the_seed_documents(corpus_site):
    expected = [
        name
        for name in SEED_FILES
        if re.search(r"phong\W+chong\W+dich", fold((CORPUS / name).read_text(encoding="utf-8")))
    ]
    assert len(expected) >= 3
    found = result_files(corpus_site.get("/-/tim-kiem", params={"q": "phong chong dich"}).text)
    assert set(expected) <= set(found)


def test_search_with_and_without_diacritics_agree(corpus_site):
    with_marks = result_files(corpus_site.get("/-/tim-kiem", params={"q": "đợt dịch thứ 4"}).text)
    without = result_files(corpus_site.get("/-/tim-kiem", params={"q": "dot dich thu 4"}).text)
    assert with_marks and set(with_marks) == set(without)


def test_search_highlights_matches_in_snippets(corpus_site):
    html = corpus_site.get("/-/tim-kiem", params={"q": "phong chong dich"}).text
    assert re.search(
        r"<mark>phòng</mark>, <mark>chống</mark> <mark>dịch</mark>", html, re.IGNORECASE
    )


def test_a_phrase_is_matched_as_a_phrase(corpus_site):
    words = set(result_files(corpus_site.get("/-/tim-kiem", params={"q": "giãn cách xã hội"}).text))
    phrase = set(
        result_files(corpus_site.get("/-/tim-kiem", params={"q": '"giãn cách xã hội"'}).text)
    )
    assert phrase and phrase <= words
    for name in phrase:
        assert "gian cach xa hoi" in re.sub(
            r"\W+", " ", fold((CORPUS / name).read_text(encoding="utf-8"))
        )


def test_the_right_diacritics_rank_first(ingested, site_for):
    # "án" (a verdict) and "an" (safe) fold alike; the document with the word as typed comes
    # first, although folded bm25 prefers the document that repeats "an".
    db_path = ingested(
        {
            "an_toan.txt": "Bảo đảm an toàn, an ninh, bình an cho nhân dân an cư.",
            "ban_an.txt": "Tòa tuyên bản án đối với bị cáo trong vụ việc kéo dài nhiều năm tại địa phương.",
        }
    )
    site = site_for(db_path)
    assert result_files(site.get("/-/tim-kiem", params={"q": "án"}).text)[0] == "ban_an.txt"
    assert result_files(site.get("/-/tim-kiem", params={"q": "an"}).text)[0] == "an_toan.txt"


# What people type, FTS5's own syntax included: quotes, operators, stars, brackets, column names.
_TYPED = st.lists(
    st.sampled_from(
        [
            '"',
            "'",
            "(",
            ")",
            "*",
            "^",
            ":",
            "-",
            "/",
            "+",
            "OR",
            "AND",
            "NOT",
            "NEAR",
            "đ",
            "Đ",
            "dịch",
            "phong",
            "1102",
            "CĐ",
            "TTg",
            "số",
            "ngày",
            "23/8/2021",
            "text",
            "subject",
            "{number}",
            " ",
            "  ",
            "\t",
        ]
    ),
    max_size=8,
).map("".join)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=_TYPED)
def test_any_query_gets_a_page_and_never_a_query_error(linked_site, query):
    # The words typed are quoted into FTS5 queries: nothing typed is read as FTS5 syntax.
    response = linked_site.get("/-/tim-kiem", params={"q": query})
    assert response.status_code == 200
    assert "Không tìm được" not in response.text


def _cong_van(number: str, day: int, subject: str, body: str) -> str:
    return (
        "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\n"
        f"Số: {number}/UBND-KT\nV/v {subject}\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        f"Cà Mau, ngày {day} tháng 3 năm 2021\nKính gửi: Cục Thuế tỉnh.\n{body}\n"
    )


def test_documents_about_the_words_rank_before_documents_mentioning_them(ingested, site_for):
    # Whatever the order of storing, the document whose subject holds the words comes first;
    # the others holding them in their text follow, the latest issued first.
    mention = "Đề nghị các sở tiếp tục gia hạn nộp thuế cho hộ kinh doanh. " * 5
    db_path = ingested(
        {
            "a.txt": _cong_van("11", 2, "hỗ trợ hộ kinh doanh", mention),
            "b.txt": _cong_van("12", 9, "kiểm tra hộ kinh doanh", mention),
            "c.txt": _cong_van("13", 4, "gia hạn nộp thuế năm 2021", "Thực hiện ngay."),
            "d.txt": _cong_van("14", 6, "báo cáo tình hình", mention),
        }
    )
    site = site_for(db_path)
    for query in ("gia hạn nộp thuế", "gia han nop thue"):
        assert result_files(site.get("/-/tim-kiem", params={"q": query}).text) == [
            "c.txt",
            "b.txt",
            "d.txt",
            "a.txt",
        ]


def test_results_come_twenty_a_page(ingested, site_for):
    db_path = ingested(
        {f"tb_{i:02}.txt": f"Thông báo {i} về công tác phòng, chống dịch." for i in range(23)}
    )
    site = site_for(db_path)
    first = site.get("/-/tim-kiem", params={"q": "phong chong dich"}).text
    second = site.get("/-/tim-kiem", params={"q": "phong chong dich", "trang": "2"}).text
    beyond = site.get("/-/tim-kiem", params={"q": "phong chong dich", "trang": "99"}).text
    assert len(result_files(first)) == 20 and len(result_files(second)) == 3
    assert sorted(result_files(first) + result_files(second)) == [
        f"tb_{i:02}.txt" for i in range(23)
    ]
    assert result_files(beyond) == result_files(second)  # a page past the last is the last
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert 'rel="prev"' in second and "trang=2" in first
    assert "Văn bản 21–23 trong 23 văn bản" in second


def test_citations_of_a_number_are_listed_in_the_order_of_their_documents(ingested, site_for):
    # Files named against the order of their dates, so that storing order is not date order.
    db_path = ingested(
        {
            f"{name}.txt": _cong_van(
                str(20 + day), day, "triển khai công điện", "Thực hiện Công điện số 1102/CĐ-TTg."
            )
            for name, day in (("a", 9), ("b", 7), ("c", 5), ("d", 3))
        }
    )
    panel = site_for(db_path).get("/-/tim-kiem", params={"q": "1102/CĐ-TTg"}).text
    days = re.findall(r"ngày 2021-03-(\d\d)", panel.split('class="citing"')[1].split("</ul>")[0])
    assert days == ["03", "05", "07", "09"]


@pytest.mark.parametrize("query", ["1102/CD-TTg", "1102 CĐ-TTg", "1102/CĐ-TTg", "cong dien 1102"])
def test_a_number_in_any_spelling_lands_on_the_documents_citing_it(corpus_site, query):
    citing = [
        name for name in SEED_FILES if "1102/CĐ-TTg" in (CORPUS / name).read_text(encoding="utf-8")
    ]
    assert citing
    assert set(citing) <= set(
        result_files(corpus_site.get("/-/tim-kiem", params={"q": query}).text)
    )


def test_a_number_search_shows_the_document_and_its_citing_documents(linked_site):
    html = linked_site.get("/-/tim-kiem", params={"q": "1102 CD TTg"}).text
    panel = html.split('class="number-panel"')[1].split("</section>")[0]
    assert 'href="/van-ban/d1"' in panel
    assert 'href="/van-ban/d2#dc-0"' in panel and 'href="/van-ban/d3#dc-0"' in panel


def test_search_filters_by_type_issuer_and_year(linked_site):
    everything = result_files(linked_site.get("/-/tim-kiem", params={"q": "1102"}).text)
    assert len(everything) == 3
    for argument, value, expected in (
        ("loai", "báo cáo", ["bc_512.pdf"]),
        ("co_quan", "Thủ tướng Chính phủ", ["cd_1102.pdf"]),
        ("nam", "2021", everything),
    ):
        html = linked_site.get("/-/tim-kiem", params={"q": "1102", argument: value}).text
        assert sorted(result_files(html)) == sorted(expected)


def test_a_malformed_query_is_reported_not_crashed(corpus_site):
    response = corpus_site.get("/-/tim-kiem", params={"q": '"'})
    assert response.status_code == 200


# --- document pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")))
def test_every_corpus_document_page_renders(corpus_site, corpus_db: Path, name: str):
    document_id = document_ids(corpus_db)[name]
    html = corpus_site.get(f"/van-ban/{document_id}").text
    assert 'class="doc-card"' in html
    assert f"/van-ban/{document_id}/goc" in html
    with sqlite3.connect(corpus_db) as conn:
        text = conn.execute("select text from documents where id = ?", [document_id]).fetchone()[0]
    assert html.count('<section class="page"') == text.count("\f") + 1


def test_the_header_card_warnings_and_page_numbers(linked_site):
    html = linked_site.get("/van-ban/d1").text
    card = html.split('class="doc-card"')[1].split("</dl>")[0]
    for value in (
        "công điện",
        "1102/CĐ-TTg",
        "Thủ tướng Chính phủ",
        "2021-08-23",
        "Vũ Đức Đam",
        "hỏa tốc",
    ):
        assert value in card
    assert "OCR" in html and "87%" in html and "chất lượng bản quét thấp" in html
    assert 'id="trang-2"' in html and "Trang 2" in html


def test_a_document_containing_a_script_tag_shows_it_as_text(ingested, site_for):
    db_path = ingested(
        {
            "script.txt": 'CÔNG VĂN\nV/v thử <script>alert("xss")</script> và <img src=x onerror=alert(1)>\n'
            "Nội dung <script>document.title='pwned'</script> hết."
        }
    )
    site = site_for(db_path)
    document_id = document_ids(db_path)["script.txt"]
    page = site.get(f"/van-ban/{document_id}").text
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in page
    results = site.get("/-/tim-kiem", params={"q": "script alert"}).text
    assert "&lt;<mark>script</mark>&gt;<mark>alert</mark>(" in results
    for html in (page, results):
        assert "<script>alert(" not in html and "<script>document.title" not in html
        assert "<img src=x" not in html
    original = site.get(f"/van-ban/{document_id}/goc")
    assert original.headers["content-type"].startswith("text/plain")
    assert original.headers["x-content-type-options"] == "nosniff"


def test_citations_link_to_the_cited_document_and_figures_to_statistics(linked_site):
    html = linked_site.get("/van-ban/d2").text
    citation = re.search(
        r'<a class="e-cit linked" id="dc-0" href="([^"]+)"[^>]*>1102/CĐ-TTg</a>', html
    )
    assert citation and citation.group(1) == "/van-ban/d1"
    assert re.search(
        r'<a class="e-stat" id="tk-0" href="/vanban/statistics/d2,0"[^>]*>125\.430 mẫu</a>', html
    )


def test_cites_and_cited_by_with_relation_and_date(linked_site):
    cites = linked_site.get("/van-ban/d2").text.split('class="cites"')[1].split("</table>")[0]
    assert "1102/CĐ-TTg" in cites and "thực hiện" in cites and "2021-08-23" in cites
    cited_by = linked_site.get("/van-ban/d1").text.split('class="cited-by"')[1].split("</table>")[0]
    assert "4806/UBND-KGVX" in cited_by and "2021-08-25" in cited_by and "thực hiện" in cited_by


def test_directive_page_lists_implementations_in_date_order_tasks_and_reported_figures(linked_site):
    html = linked_site.get("/van-ban/d1").text
    implementations = html.split('class="implementations"')[1].split("</section>")[0]
    assert implementations.index("4806/UBND-KGVX") < implementations.index("512/BC-UBND")
    tasks = html.split('class="tasks"')[1].split("</section>")[0]
    assert "Bộ Y tế" in tasks and "2021-08-30" in tasks and "chưa đến hạn" in tasks
    figures = html.split('class="figures"')[1].split("</section>")[0]
    assert "125.430" in figures and "6.102" in figures


def test_directive_tasks_show_status_and_evidence(linked_site):
    tasks = linked_site.get("/van-ban/d1").text.split('class="tasks"')[1].split("</section>")[0]
    first = tasks.split("<tr class=")[1]
    assert "tổ chức xét nghiệm diện rộng" in first
    # the report d3 says the testing was done, after the deadline
    assert "hoàn thành quá hạn" in first
    assert 'href="/van-ban/d3"' in first and "đã hoàn thành việc tổ chức xét nghiệm" in first


def test_citation_graph_is_inline_svg_with_links(linked_site):
    html = linked_site.get("/van-ban/d1").text
    svg = html.split('<svg class="graph"')[1].split("</svg>")[0]
    assert 'href="/van-ban/d2"' in svg and 'href="/van-ban/d3"' in svg


def test_agency_page_shows_the_other_spellings_the_ledger_stage_saw(linked_site):
    html = linked_site.get("/co-quan", params={"ten": "Ủy ban nhân dân tỉnh Cà Mau"}).text
    assert 'class="agency-facts"' in html


def test_agency_page_lists_documents_and_tasks(linked_site):
    html = linked_site.get("/co-quan", params={"ten": "Ủy ban nhân dân tỉnh Cà Mau"}).text
    assert "4806/UBND-KGVX" in html and "512/BC-UBND" in html
    tasks = linked_site.get("/co-quan", params={"ten": "Bộ Y tế"}).text
    assert "hướng dẫn các địa phương triển khai tiêm chủng" in tasks and "chưa đến hạn" in tasks
    abbreviated = linked_site.get("/co-quan", params={"ten": "UBND tỉnh Cà Mau"}).text
    assert "4806/UBND-KGVX" in abbreviated
    listing = linked_site.get("/co-quan").text
    assert 'href="/co-quan?ten=B%E1%BB%99+Y+t%E1%BA%BF"' in listing
    assert linked_site.get("/co-quan", params={"ten": "Không có cơ quan này"}).status_code == 404


def test_chart_points_link_to_their_sentences(linked_site):
    html = linked_site.get("/-/bieu-do", params={"chi_tieu": "số ca mắc"}).text
    assert "/static/vendor/chartjs/chart.umd.min.js" in html
    data = html.split('<script type="application/json" id="chart-data">')[1].split("</script>")[0]
    assert '"href": "/van-ban/d2#tk-1"' in data and '"href": "/van-ban/d3#tk-0"' in data
    assert '"x": "2021-08-25"' in data and '"y": 4821' in data
    # a sentence holding a script tag cannot close the data's <script> element
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in data
    assert "<script>alert(1)" not in html


def test_missing_document_is_a_404(corpus_site):
    response = corpus_site.get("/van-ban/doesnotexist")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.text and "Không có văn bản này" in response.text


# --- tables, facets, canned queries, metadata ------------------------------------------------------


def test_documents_table_facets(corpus_site):
    data = corpus_site.get("/vanban/documents.json?_size=1").json()
    assert {"doc_type", "issuer", "year"} <= set(data["facet_results"])


def test_year_and_month_facets(linked_site):
    statistics = linked_site.get("/vanban/statistics.json").json()["facet_results"]
    assert {"indicator", "unit", "area", "as_of"} <= set(statistics)
    assert [v["value"] for v in statistics["as_of"]["results"]] == ["2021"]
    tasks = linked_site.get("/vanban/tasks.json").json()["facet_results"]
    assert [v["value"] for v in tasks["deadline"]["results"]] == ["2021-08"]
    filtered = linked_site.get(
        "/vanban/tasks.json?deadline__startswith=2021-08&_shape=array"
    ).json()
    assert [t["assignee"] for t in filtered] == ["Ủy ban nhân dân các tỉnh, thành phố"]


def test_task_status_facet_counts_and_filters(linked_site):
    facet = linked_site.get("/vanban/tasks.json").json()["facet_results"]["trạng thái"]
    counts = {v["value"]: v["count"] for v in facet["results"]}
    assert counts == {"hoàn thành quá hạn": 1, "chưa đến hạn": 1}
    overdue = next(v for v in facet["results"] if v["value"] == "hoàn thành quá hạn")
    path = overdue["toggle_url"].removeprefix("http://localhost")
    rows = linked_site.get(path + "&_shape=array")
    assert [t["assignee"] for t in rows.json()] == ["Ủy ban nhân dân các tỉnh, thành phố"]


def _canned_queries(site) -> dict:
    return site.datasette.metadata("queries", database="vanban")


SAMPLE_PARAMETERS = {
    "tu_ngay": "2020-01-01",
    "den_ngay": "2022-12-31",
    "so_hieu": "1102/CD-TTg",
    "co_quan": "Ủy ban nhân dân",
    "truoc_ngay": "",
    "chi_tieu": "số ca mắc",
}


def _run_every_canned_query(site) -> None:
    queries = _canned_queries(site)
    assert len(queries) >= 6
    for name, query in queries.items():
        params = {
            p: SAMPLE_PARAMETERS.get(p, "") for p in re.findall(r"(?<!:):(\w+)", query["sql"])
        }
        response = site.get(f"/vanban/{name}.json", params=params)
        assert response.status_code == 200, (name, response.text)
        assert response.json()["ok"], name


def test_every_canned_query_runs_on_the_corpus(corpus_site):
    _run_every_canned_query(corpus_site)


def test_every_canned_query_runs_on_linked_documents(linked_site):
    _run_every_canned_query(linked_site)


def test_canned_queries_answer_on_linked_documents(linked_site):
    def rows(name: str, **params) -> list[dict]:
        return linked_site.get(f"/vanban/{name}.json", params={**params, "_shape": "array"}).json()

    assert [r["id"] for r in rows("van_ban_dan_chieu_so_hieu", so_hieu="1102 CĐ TTg")] == [
        "d2",
        "d3",
    ]
    top = rows("van_ban_duoc_dan_chieu_nhieu_nhat")[0]
    assert (top["so_hieu"], top["so_van_ban_dan_chieu"], top["van_ban"]) == ("1102/CĐ-TTg", 2, "d1")
    assert [r["id"] for r in rows("van_ban_theo_ngay", tu_ngay="2021-08-24", den_ngay="")] == [
        "d2",
        "d3",
    ]
    overdue = [r["assignee"] for r in rows("nhiem_vu_qua_han", truoc_ngay="2021-09-01")]
    # the task that d3 reports done is not overdue
    assert overdue == []
    assert [r["assignee"] for r in rows("nhiem_vu_cua_co_quan", co_quan="bo y te")] == ["Bộ Y tế"]
    assert [
        r["assignee"] for r in rows("nhiem_vu_cua_co_quan", co_quan="UBND các tỉnh, thành phố")
    ] == ["Ủy ban nhân dân các tỉnh, thành phố"]


def test_every_table_and_column_has_a_description(corpus_site, corpus_db: Path):
    tables_metadata = corpus_site.datasette.metadata("tables", database="vanban")
    missing = []
    with sqlite3.connect(corpus_db) as conn:
        names = [
            r[0]
            for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")
        ]
        for table in names:
            described = tables_metadata.get(table) or {}
            if not described.get("description"):
                missing.append(table)
            for column in (r[1] for r in conn.execute(f"pragma table_info([{table}])")):
                if not (described.get("columns") or {}).get(column):
                    missing.append(f"{table}.{column}")
    assert missing == []


# --- safety and offline ----------------------------------------------------------------------------


@pytest.mark.parametrize("immutable", [False, True], ids=["read-only", "immutable"])
def test_database_is_read_only_and_sql_has_a_time_limit(corpus_db, site_for, immutable: bool):
    """`vanban serve` reads through read-only connections, so that ingest may write meanwhile;
    `vanban serve --immutable` reads a published file without locking.  Neither writes."""
    corpus_site = site_for(corpus_db, immutable=immutable)
    datasette = corpus_site.datasette
    assert datasette.databases["vanban"].is_mutable is not immutable
    assert corpus_site.get("/-/tim-kiem", params={"q": "dịch"}).status_code == 200
    assert datasette.setting("sql_time_limit_ms") == 2000
    endless = (
        "with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n"
    )
    response = corpus_site.get("/vanban.json", params={"sql": endless})
    assert response.status_code == 400
    assert "too long" in response.text
    assert (
        corpus_site.get("/vanban.json", params={"sql": "delete from documents"}).status_code == 400
    )
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        corpus_site.loop.run_until_complete(
            datasette.databases["vanban"].execute("delete from documents")
        )


@pytest.mark.parametrize(
    "path", ["/", "/-/tim-kiem?q=dich", "/-/bieu-do", "/co-quan", "/vanban/documents"]
)
def test_pages_load_nothing_from_other_hosts(corpus_site, path: str):
    html = corpus_site.get(path).text
    loaded = re.findall(r"""<(?:script|img|iframe)[^>]+src=["']?([^"' >]+)""", html)
    loaded += re.findall(r"""<link[^>]+rel=["']?stylesheet["']?[^>]+href=["']?([^"' >]+)""", html)
    assert loaded and all(url.startswith("/") and not url.startswith("//") for url in loaded)


def test_document_ids_link_to_document_pages(linked_site):
    assert 'href="/van-ban/d1"' in linked_site.get("/vanban/documents").text
    assert (
        'href="/van-ban/d2"'
        in linked_site.get(
            "/vanban/van_ban_dan_chieu_so_hieu", params={"so_hieu": "1102/CĐ-TTg"}
        ).text
    )


@pytest.mark.parametrize(
    ("query", "needle"),
    [("phong chong dich", r"phong\W+chong\W+dich"), ("dot dich", r"dot\W+dich")],
)
def test_table_search_finds_words_typed_without_diacritics(corpus_site, corpus_db, query, needle):
    rows = corpus_site.get(
        "/vanban/documents.json", params={"_search": query, "_shape": "array", "_col": "filename"}
    ).json()
    with sqlite3.connect(corpus_db) as conn:
        expected = {
            name
            for name, folded in conn.execute("select filename, text_folded from documents")
            if re.search(needle, folded)
        }
    assert expected and {row["filename"] for row in rows} >= expected


def test_the_original_file_is_served_when_it_is_still_on_disk(tmp_path, site_for):
    from extract.model import Extraction, Header
    from ingest.readers import RawDocument
    from ingest.storage import open_db, save_document

    original = tmp_path / "scan.pdf"
    original.write_bytes(b"%PDF-1.4\n% not a real page\n")
    db_path = tmp_path / "vanban.db"
    db = open_db(db_path)
    text = "Trang một\fTrang hai"
    save_document(
        db,
        document_id="p1",
        raw=RawDocument(path=original, format="pdf", text=text, page_count=2, ocr=True),
        text=text,
        extraction=Extraction(header=Header(doc_type="quyết định")),
        content_hash="p1" * 32,
        size=original.stat().st_size,
    )
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.disable_wal()
    db.close()
    site = site_for(db_path)
    response = site.get("/van-ban/p1/goc")
    assert response.headers["content-type"] == "application/pdf"
    assert response.content == original.read_bytes()
    page = site.get("/van-ban/p1").text
    assert "Trang 1" in page and "Trang 2" in page and "2 trang" in page


def test_entity_rows_link_back_to_their_place_in_the_document(linked_site):
    assert (
        'href="/van-ban/d2#tk-0">Xem trong văn bản'
        in linked_site.get("/vanban/statistics/d2,0").text
    )
    assert 'href="/van-ban/d1">Xem trang văn bản' in linked_site.get("/vanban/documents/d1").text


def test_the_search_page_without_a_query_lists_the_newest_documents_with_filters(linked_site):
    html = linked_site.get("/-/tim-kiem").text
    assert result_files(html) == ["bc_512.pdf", "cv_4806.pdf", "cd_1102.pdf"]
    filtered = linked_site.get("/-/tim-kiem", params={"loai": "công điện"}).text
    assert result_files(filtered) == ["cd_1102.pdf"]


def test_a_database_file_with_another_name_keeps_descriptions_and_queries(
    linked_db, tmp_path, site_for
):
    import shutil

    renamed = tmp_path / "luu_tru.db"
    shutil.copy(linked_db, renamed)
    site = site_for(renamed)
    rows = site.get(
        "/luu_tru/van_ban_dan_chieu_so_hieu.json",
        params={"so_hieu": "1102/CD-TTg", "_shape": "array"},
    ).json()
    assert [r["id"] for r in rows] == ["d2", "d3"]
    documents = site.get("/luu_tru/documents.json?_size=1").json()
    assert {"doc_type", "issuer", "year"} <= set(documents["facet_results"])
    assert "Mỗi dòng là một văn bản" in site.get("/luu_tru/documents").text


def test_a_number_not_stored_is_described_from_its_citations(corpus_site, corpus_db):
    with sqlite3.connect(corpus_db) as conn:
        cited = conn.execute(
            "select count(*) from citations where number like '1102/%'"
        ).fetchone()[0]
    html = corpus_site.get("/-/tim-kiem", params={"q": "1102/CD-TTg"}).text
    panel = html.split('class="number-panel"')[1].split("</section>")[0]
    assert "chưa có trong cơ sở dữ liệu" in panel
    if cited:
        assert "Theo các văn bản dẫn chiếu" in panel and "1102/CĐ-TTg" in panel


def test_a_search_no_document_fully_matches_shows_partial_matches(linked_site):
    html = linked_site.get("/-/tim-kiem", params={"q": "xét nghiệm khủnglong"}).text
    assert "Không văn bản nào có đủ mọi từ" in html
    assert "cv_4806.pdf" in result_files(html)


@pytest.mark.parametrize(
    "path", ["/", "/-/tim-kiem", "/-/tim-kiem?q=dich", "/-/bieu-do", "/co-quan", "/vanban/tasks"]
)
def test_pages_render_on_an_empty_database(ingested, site_for, path):
    site = site_for(ingested({}))
    assert site.get(path).status_code == 200
