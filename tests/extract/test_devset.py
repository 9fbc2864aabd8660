"""Generalisation floor: header fields and citations on unseen real documents.

tests/data/devset holds real documents of agencies and provinces the rules were never tuned
on (OCR noise, lost hyphens, flattened tables, news items), with gold for the header fields
and citations only. The floors sit just below the F1 measured when the set was made, so a
change that makes the rules generalise worse fails here even if the seed scores hold.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.evaluate import Report, evaluate
from ingest.pipeline import extract_path

DEVSET = Path(__file__).parents[1] / "data" / "devset"
SCORED_KEYS = {
    "file",
    "doc_type",
    "number",
    "issuer",
    "place",
    "issued_date",
    "subject",
    "urgency",
    "recipients",
    "signer",
    "citations",
}

# Header fields measured 2026-11-26 (11 documents): doc_type, number, issuer, place,
# issued_date, urgency and signer 1.0, subject .909, recipients .833 (the misses: a page whose
# accents float loose of their letters); 2026-11-27, with loose tone marks put back: all 1.0.
# Citations measured 2026-11-26: 1.0 (type, date and issuer 1.0; 20 citations).
F1_FLOORS = {
    "doc_type": 0.95,
    "number": 0.95,
    "issuer": 0.95,
    "place": 0.95,
    "issued_date": 0.95,
    "subject": 0.95,
    "urgency": 0.95,
    "recipients": 0.95,
    "signer.name": 0.95,
    "signer.title": 0.95,
    "signer.on_behalf": 0.95,
    "citations": 0.95,
    "citations.type": 0.95,
    "citations.date": 0.95,
    "citations.issuer": 0.95,
}


def _extract_for_scoring(path: Path) -> dict:
    return extract_path(path)[1].to_gold(path.name)


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(DEVSET / "gold", _extract_for_scoring, DEVSET / "docs")


def test_every_gold_file_has_its_document(report: Report) -> None:
    assert report.missing == []
    assert report.documents == len(list((DEVSET / "gold").glob("*.json")))


@pytest.mark.parametrize(
    "gold_path", sorted((DEVSET / "gold").glob("*.json")), ids=lambda p: p.stem
)
def test_gold_annotates_only_header_and_citations(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert set(gold) <= SCORED_KEYS
    assert (DEVSET / "docs" / gold["file"]).exists()


@pytest.mark.parametrize(("field", "floor"), sorted(F1_FLOORS.items()))
def test_field_f1_stays_above_measured_floor(report: Report, field: str, floor: float) -> None:
    counts = report.fields[field]
    assert counts.f1 >= floor, f"{field}: F1 {counts.f1:.3f} fell below {floor}"
