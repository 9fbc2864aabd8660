"""The seeds read from the formats archives hold them in score as the plain text does: the
readers hand every later stage the same text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.evaluate import evaluate
from ingest import legacy
from ingest.pipeline import extract_path
from tests.ingest.format_samples import as_web_page, save_as_docx, typed_in

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / ".." / "shared" / "gold"
CORPUS = ROOT / "corpus"
# Macro F1 of the seeds read from their .txt files is 0.997 (README, Measured).
FLOOR = 0.99


def _write(text: str, folder: Path, stem: str, form: str) -> str:
    if form in (legacy.TCVN3, legacy.VNI):
        (folder / f"{stem}.txt").write_bytes(typed_in(text, form))
        return f"{stem}.txt"
    if form == "html":
        (folder / f"{stem}.html").write_text(as_web_page(text), encoding="utf-8")
        return f"{stem}.html"
    save_as_docx(text, folder / f"{stem}.docx")
    return f"{stem}.docx"


@pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold is not beside the checkout")
@pytest.mark.parametrize("form", [legacy.TCVN3, legacy.VNI, "html", "docx"])
def test_seeds_in_another_format_score_as_the_text_does(tmp_path: Path, form: str) -> None:
    gold_dir, docs = tmp_path / "gold", tmp_path / "docs"
    gold_dir.mkdir()
    docs.mkdir()
    for gold_path in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (CORPUS / gold["file"]).read_text(encoding="utf-8")
        gold["file"] = _write(text, docs, Path(gold["file"]).stem, form)
        (gold_dir / gold_path.name).write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    report = evaluate(gold_dir, lambda path: extract_path(path)[1].to_gold(path.name), docs)
    assert report.missing == [] and report.documents == 5
    assert report.macro_f1 >= FLOOR, report.table()
