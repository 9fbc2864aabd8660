"""The site in a real headless Chromium against a real ``datasette`` server started with
``vanban serve``'s arguments: search without diacritics, open a document, follow a citation,
see a chart.  Every request leaving 127.0.0.1 is refused, so the pages are proven to work offline.

Screenshots go to a temporary folder, or to $VANBAN_SCREENSHOTS (``docs/screenshots`` for the
README) when that is set.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def corpus_url(serve, corpus_db) -> str:
    return serve(corpus_db)


@pytest.fixture(scope="module")
def linked_url(serve, linked_db) -> str:
    return serve(linked_db)


@pytest.fixture
def page(browser):
    """A page whose requests may only go to the local server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    refused: list[str] = []

    def local_only(route):
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", local_only)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert refused == [], f"requests to other hosts: {refused}"
    assert errors == [], f"script errors: {errors}"


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("VANBAN_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _has(db_path: Path, sql: str) -> bool:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchone()[0] > 0


def test_search_without_diacritics_then_open_a_document(page, corpus_url, screenshots):
    page.goto(corpus_url + "/")
    page.screenshot(path=screenshots / "home.png")
    page.fill("#q", "phong chong dich")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"/-/tim-kiem\?q=phong\+chong\+dich"))
    results = page.locator("li.result")
    assert results.count() >= 3
    assert page.locator("li.result mark").first.inner_text().lower() in {"phòng", "chống", "dịch"}
    page.screenshot(path=screenshots / "search.png", full_page=False)

    title = results.first.locator("h3 a")
    title.click()
    page.wait_for_url(re.compile(r"/van-ban/[0-9a-f]+$"))
    assert page.locator(".doc-card").is_visible()
    assert page.locator(".page-text").first.inner_text().strip()
    page.screenshot(path=screenshots / "document.png", full_page=False)


def test_search_by_number_lands_on_citing_documents(page, corpus_url, screenshots):
    page.goto(corpus_url + "/-/tim-kiem?q=1102%2FCD-TTg")
    files = page.locator("li.result").evaluate_all("items => items.map(i => i.dataset.file)")
    assert any(name.startswith("002_") for name in files)
    page.screenshot(path=screenshots / "search-number.png", full_page=False)


def test_follow_a_citation(page, corpus_url, linked_url, corpus_db, screenshots):
    # The corpus when its citations are extracted; the hand-linked database otherwise.
    base = corpus_url if _has(corpus_db, "select count(*) from citations") else linked_url
    page.goto(base + "/-/tim-kiem?q=1102%2FCD-TTg")
    page.locator(".number-panel ul.citing a").first.click()
    page.wait_for_url(re.compile(r"/van-ban/[^#]+#dc-\d+$"))
    citation = page.locator(".doc-text a.e-cit:target")
    assert citation.count() == 1
    number = citation.inner_text()
    assert "1102" in number
    if base == corpus_url:
        page.screenshot(path=screenshots / "citation.png", full_page=False)
    citation.click()
    page.wait_for_load_state()
    assert re.search(r"/van-ban/|/-/tim-kiem\?q=", page.url)
    assert "1102" in page.locator("section.content").inner_text()
    if base == linked_url:
        assert page.url.endswith("/van-ban/d1")
        assert page.locator(".implementations li").count() == 2


def _directive_with_implementations(db_path: Path) -> str | None:
    """The corpus document that most documents carry out, when the linker has found any."""
    with sqlite3.connect(db_path) as conn:
        if not conn.execute(
            "select count(*) from sqlite_master where name = 'implementations'"
        ).fetchone()[0]:
            return None
        row = conn.execute(
            "select directive_id from implementations group by directive_id "
            "order by count(*) desc, directive_id limit 1"
        ).fetchone()
    return row[0] if row else None


def test_directive_page_lists_implementations_and_draws_the_graph(
    page, corpus_url, linked_url, corpus_db, screenshots
):
    directive = _directive_with_implementations(corpus_db)
    base, path = (corpus_url, f"/van-ban/{directive}") if directive else (linked_url, "/van-ban/d1")
    page.goto(base + path + "#dan-chieu")
    implementations = page.locator(".implementations li a")
    assert implementations.count() >= 1
    graph = page.locator("svg.graph")
    assert graph.is_visible()
    if directive:
        page.screenshot(path=screenshots / "directive.png", full_page=False)
    first = implementations.first.get_attribute("href")
    graph.locator(f'a[href="{first}"]').first.click()
    page.wait_for_url(re.compile(re.escape(first) + "$"))


def test_agency_page(page, corpus_url, screenshots):
    page.goto(corpus_url + "/co-quan")
    page.locator(".two-columns a").first.click()
    page.wait_for_url(re.compile(r"/co-quan\?ten="))
    assert page.locator("h1").inner_text().strip()
    assert page.locator("table").count() >= 1
    page.screenshot(path=screenshots / "agency.png", full_page=False)


def test_see_a_chart_and_open_a_point(page, corpus_url, linked_url, corpus_db, screenshots):
    has_figures = _has(
        corpus_db,
        "select count(*) from statistics s join documents d on d.id = s.document_id "
        "where s.indicator is not null and coalesce(s.as_of, d.issued_date) is not null",
    )
    base = corpus_url if has_figures else linked_url
    page.goto(base + "/-/bieu-do")
    page.wait_for_function("window.vanbanChart && window.vanbanChart.data.datasets.length > 0")
    points = page.evaluate(
        "window.vanbanChart.data.datasets.reduce((n, d) => n + d.data.length, 0)"
    )
    assert points > 0
    if base == corpus_url:
        page.screenshot(path=screenshots / "chart.png", full_page=False)
    box = page.locator("#chart").bounding_box()
    point = page.evaluate(
        "(() => { const e = window.vanbanChart.getDatasetMeta(0).data[0]; return {x: e.x, y: e.y}; })()"
    )
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_url(re.compile(r"/van-ban/[^#]+#tk-\d+$"))
    assert page.locator(":target").count() == 1
