"""Generalisation floors: every field of the contract on real documents the seeds do not hold.

Twelve sets of real documents of other agencies and provinces (OCR noise, lost hyphens, flattened
tables, glued words, scattered tone marks, news items, party documents, a header-less report),
each with gold for every field the stored text has (tests/data/*/SOURCES.md says how it was
made):

- ``devset`` (25 documents): the rules were tuned on it; it tells when a change breaks what
  was fixed.
- ``testset`` (12): measured once untouched (macro F1 .916), then its failures were fixed by
  general rules.
- ``finalset`` (12): measured once untouched (macro F1 .908), then the clearest of its failures
  were fixed.
- ``probeset`` (12): measured once untouched after those fixes (macro F1 .917), then its
  clearest failures were fixed.
- ``blindset`` (12): measured once untouched (macro F1 .875), then its clearest failures were
  fixed (a text whose PDF font dropped every letter of Unicode's Vietnamese block among them).
- ``holdset`` (12): measured once untouched after those fixes (macro F1 .914), then its
  clearest failures were fixed.
- ``lastset`` (12): measured once untouched after those fixes (macro F1 .947), then its
  clearest failures were fixed.
- ``freshset`` (13): measured once untouched after those fixes (macro F1 .858; two texts with
  damage no rule reads through), then its clearest failures were fixed.
- ``ninthset`` (13): measured once untouched after those fixes (macro F1 .893), then its
  clearest failures were fixed.
- ``tenthset`` (14): measured once untouched after those fixes (macro F1 .926), then its
  clearest failures were fixed.
- ``eleventhset`` (14): measured once untouched after those fixes (macro F1 .877), then two
  of its failures were fixed.
- ``twelfthset`` (13): measured once untouched after those fixes (macro F1 .942), then its
  clearest failures were fixed.

The floors sit just below the F1 measured on 27 Nov 2026, so a change that makes the rules
generalise worse fails here even if the seed scores hold.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from extract.evaluate import SCALARS, Report, evaluate
from extract.model import Extraction
from ingest.pipeline import extract_path

DATA = Path(__file__).parents[1] / "data"
HEADER_FIELDS = (
    *SCALARS,
    "recipients",
    "signer.name",
    "signer.title",
    "signer.on_behalf",
)
CITATION_FIELDS = ("citations", "citations.type", "citations.date", "citations.issuer")
# The keys of a record of the contract: what a gold file may hold.
SCORED_KEYS = set(Extraction().to_gold("")) | {"file"}

# Measured 2026-11-27 after the fixes (devset / testset / finalset / probeset / blindset /
# holdset): header fields 1.0 / 1.0 / .80-1.0 / .82-1.0 / .89-1.0 / .89-1.0; citations 1.0 / .98
# / .977 / 1.0 / .92-1.0 / .97-1.0; officials 1.0 / 1.0 / .941 / .933 / - / 1.0; statistics .993 /
# .96 / .952 / .944 / .833 / .847; tasks .947 / .889 / .923 / .741 / .917 / .900.  The last set:
# header fields .947-1.0, citations .97-1.0, officials 1.0, statistics .913, tasks .833.  The
# fresh set: subject .625, issuer .60, citations' issuers .667, statistics .804, tasks .933.  The
# ninth set: issuer .60, subject .90, statistics .706, tasks .842.  The tenth: header fields
# .88-1.0, citations .88-1.0, officials .957, statistics .76, tasks .759.  The eleventh: header
# fields .70-1.0, citations .83-1.0, officials .857, tasks .812 (its 12 statistics are too few
# to floor).  The twelfth: header fields .91-1.0, citations .93-1.0, tasks .80.  A field a set has
# too few items of to measure is not floored.
FLOORS = {
    "devset": {
        **dict.fromkeys(HEADER_FIELDS, 0.97),
        **dict.fromkeys(CITATION_FIELDS, 0.97),
        "officials": 0.97,
        "statistics": 0.97,
        "statistics.as_of": 0.97,
        "statistics.indicator": 0.95,
        "tasks": 0.92,
        "tasks.deadline": 0.94,
    },
    "testset": {
        **dict.fromkeys(HEADER_FIELDS, 0.97),
        **dict.fromkeys(CITATION_FIELDS, 0.95),
        "officials": 0.97,
        "statistics": 0.93,
        "statistics.as_of": 0.97,
        "statistics.indicator": 0.93,
        "tasks": 0.85,
    },
    "finalset": {
        **dict.fromkeys(HEADER_FIELDS, 0.88),
        "recipients": 0.75,
        **dict.fromkeys(CITATION_FIELDS, 0.95),
        "officials": 0.9,
        "statistics": 0.92,
        "statistics.indicator": 0.84,
        "tasks": 0.88,
    },
    "probeset": {
        **dict.fromkeys(HEADER_FIELDS, 0.8),
        **dict.fromkeys(CITATION_FIELDS, 0.88),
        "officials": 0.9,
        "statistics": 0.92,
        "statistics.indicator": 0.78,
        "tasks": 0.7,
    },
    "blindset": {
        **{field: 0.85 for field in HEADER_FIELDS if field != "recipients"},
        **dict.fromkeys(CITATION_FIELDS, 0.88),
        "statistics": 0.8,
        "statistics.indicator": 0.75,
        "tasks": 0.88,
    },
    "twelfthset": {
        **dict.fromkeys(HEADER_FIELDS, 0.95),
        "issuer": 0.88,
        **dict.fromkeys(CITATION_FIELDS, 0.9),
        "tasks": 0.75,
    },
    "eleventhset": {
        **{field: 0.85 for field in HEADER_FIELDS if not field.startswith("signer")},
        "subject": 0.8,
        "signer.name": 0.8,
        "signer.title": 0.85,
        "signer.on_behalf": 0.65,
        "citations": 0.78,
        "citations.type": 0.95,
        "citations.date": 0.9,
        "citations.issuer": 0.95,
        "officials": 0.8,
        "tasks": 0.75,
    },
    "tenthset": {
        **dict.fromkeys(HEADER_FIELDS, 0.83),
        **dict.fromkeys(CITATION_FIELDS, 0.84),
        "officials": 0.9,
        "statistics": 0.7,
        "statistics.indicator": 0.72,
        "tasks": 0.7,
    },
    "ninthset": {
        **{field: 0.85 for field in HEADER_FIELDS if field not in ("issuer", "subject")},
        "issuer": 0.55,
        "subject": 0.85,
        **dict.fromkeys(CITATION_FIELDS, 0.9),
        "statistics": 0.65,
        "statistics.indicator": 0.7,
        "tasks": 0.78,
    },
    "freshset": {
        **dict.fromkeys(("doc_type", "number", "urgency", "place", "issued_date"), 0.85),
        **dict.fromkeys(("signer.name", "signer.title", "signer.on_behalf"), 0.9),
        "subject": 0.55,
        "issuer": 0.55,
        "citations": 0.9,
        "citations.type": 0.9,
        "citations.date": 0.8,
        "citations.issuer": 0.6,
        "statistics": 0.75,
        "statistics.indicator": 0.9,
        "tasks": 0.85,
    },
    "lastset": {
        **dict.fromkeys(HEADER_FIELDS, 0.9),
        **dict.fromkeys(CITATION_FIELDS, 0.93),
        "officials": 0.95,
        "statistics": 0.88,
        "statistics.indicator": 0.8,
        "tasks": 0.78,
    },
    "holdset": {
        **dict.fromkeys(HEADER_FIELDS, 0.85),
        **dict.fromkeys(CITATION_FIELDS, 0.93),
        "statistics": 0.8,
        "statistics.indicator": 0.68,
        "tasks": 0.85,
    },
}


def _extract_for_scoring(path: Path) -> dict:
    return extract_path(path)[1].to_gold(path.name)


@cache
def _report(name: str) -> Report:
    return evaluate(DATA / name / "gold", _extract_for_scoring, DATA / name / "docs")


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_every_gold_file_has_its_document(name: str) -> None:
    report = _report(name)
    assert report.missing == []
    assert report.documents == len(list((DATA / name / "gold").glob("*.json")))


@pytest.mark.parametrize(
    "gold_path",
    sorted(path for name in FLOORS for path in (DATA / name / "gold").glob("*.json")),
    ids=lambda p: f"{p.parent.parent.name}/{p.stem}",
)
def test_gold_holds_only_fields_of_the_contract(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert set(gold) <= SCORED_KEYS
    assert (gold_path.parent.parent / "docs" / gold["file"]).exists()


@pytest.mark.parametrize(
    ("name", "field", "floor"),
    [
        (name, field, floor)
        for name, floors in sorted(FLOORS.items())
        for field, floor in sorted(floors.items())
    ],
)
def test_field_f1_stays_above_measured_floor(name: str, field: str, floor: float) -> None:
    counts = _report(name).fields[field]
    assert counts.f1 >= floor, f"{name} {field}: F1 {counts.f1:.3f} fell below {floor}"
