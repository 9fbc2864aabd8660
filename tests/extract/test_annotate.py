"""The spaCy Doc of a document and its displaCy page, on real text."""

from __future__ import annotations

import warnings
from pathlib import Path

from click.testing import CliRunner

from extract.annotate import SPANS_KEY, annotate, render_html, segment
from extract.model import Extraction, Official
from ingest.cli import cli
from ingest.pipeline import extract_path


def test_segment_keeps_the_text_and_joins_syllables_into_words() -> None:
    text = "Ủy ban nhân dân tỉnh Cà Mau  chỉ đạo:\n\n- Sở Y tế;\t(TTV)"
    doc = segment(text)
    assert doc.text == text
    tokens = [t.text for t in doc]
    assert "Cà Mau" in tokens and "Y tế" in tokens


def test_entities_become_labelled_spans(corpus_dir: Path) -> None:
    text, extraction = extract_path(corpus_dir / "002_46a42970c31daf42.txt")
    doc = annotate(text, extraction)
    assert doc.text == text
    spans = list(doc.spans[SPANS_KEY])
    assert {s.label_ for s in spans} >= {"VĂN BẢN", "NHIỆM VỤ", "NGƯỜI"}
    citation = next(s for s in spans if s.label_ == "VĂN BẢN")
    assert citation.text.startswith(extraction.citations[0].number)


def test_page_escapes_the_document_text() -> None:
    text = "Mã <script>alert(1)</script> của ông Nguyễn Văn An"
    start = text.index("Nguyễn")
    doc = annotate(text, Extraction(officials=(Official(start, len(text), "Nguyễn Văn An"),)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = render_html(doc, title="<b>x</b>")
    assert "<script>" not in page and "&lt;" in page and "script" in page
    assert "<title>&lt;b&gt;x&lt;/b&gt;</title>" in page
    assert "NGƯỜI" in page


def test_annotate_command_writes_a_page(tmp_path: Path, corpus_dir: Path) -> None:
    out = tmp_path / "002.html"
    result = CliRunner().invoke(
        cli, ["annotate", str(corpus_dir / "002_46a42970c31daf42.txt"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "VĂN BẢN" in page and "Sở Y tế" in page
