"""Scoring extraction against gold files, by the contract of ``shared/gold/SCHEMA.md``.

Scalar fields count a match (both null included) as a true positive, a wrong or extra value as a
false positive and a wrong or missing value as a false negative, so that precision says "when we
answer, are we right" and recall "do we answer what is there".  List fields are matched one to
one, greedily in gold order, each gold item taking the first unmatched prediction that fits;
attributes of matched pairs (a citation's date, a task's deadline) are scored on those pairs only.
A field missing from a gold file is not scored for that file.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

# Thresholds of SCHEMA.md.
ISSUER_SUBJECT_MIN = 90
RECIPIENT_MIN = 90
SIGNER_TITLE_MIN = 90
ASSIGNEE_MIN = 85
ACTION_MIN = 60
# Not fixed by the contract: an indicator is a short phrase; this accepts reordered or
# slightly longer wording of the same thing.
INDICATOR_MIN = 70


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    fields: dict[str, Counts] = field(default_factory=dict)
    documents: int = 0
    missing: list[str] = field(default_factory=list)

    def counts(self, name: str) -> Counts:
        return self.fields.setdefault(name, Counts())

    @property
    def macro_f1(self) -> float:
        """Mean F1 of the fields that had anything to score."""
        scores = [c.f1 for c in self.fields.values() if c.tp + c.fp + c.fn]
        return sum(scores) / len(scores) if scores else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "missing": self.missing,
            "fields": {
                name: {
                    "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4),
                    "f1": round(c.f1, 4),
                    "tp": c.tp,
                    "fp": c.fp,
                    "fn": c.fn,
                }
                for name, c in self.fields.items()
            },
            "macro_f1": round(self.macro_f1, 4),
        }

    def table(self) -> str:
        lines = [f"{'field':<22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        for name, c in self.fields.items():
            if not c.tp + c.fp + c.fn:
                lines.append(f"{name:<22} {'n/a':>6} {'n/a':>6} {'n/a':>6}")
                continue
            lines.append(
                f"{name:<22} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp:5} {c.fp:5} {c.fn:5}"
            )
        lines.append(f"{'macro F1':<22} {'':>6} {'':>6} {self.macro_f1:6.3f}")
        lines.append(f"{self.documents} documents scored")
        lines.extend(f"missing document: {name}" for name in self.missing)
        return "\n".join(lines)


def _norm(value: Any) -> str | None:
    if value is None:
        return None
    return unicodedata.normalize("NFC", str(value)).strip().lower()


def _fold_number(number: Any) -> str | None:
    """A citation number for matching: NFC, CĐ≡CD, en/em dash ≡ '-', no spaces."""
    text = _norm(number)
    if text is None:
        return None
    text = text.replace("đ", "d")
    for dash in "–—‐":
        text = text.replace(dash, "-")
    return "".join(text.split())


def _fuzzy(minimum: int) -> Callable[[Any, Any], bool]:
    def same(gold: Any, predicted: Any) -> bool:
        g, p = _norm(gold), _norm(predicted)
        if g is None or p is None:
            return g is p
        return fuzz.token_set_ratio(g, p) >= minimum

    return same


def _exact(gold: Any, predicted: Any) -> bool:
    return _norm(gold) == _norm(predicted)


def _same_value(gold: Any, predicted: Any) -> bool:
    try:
        g, p = float(gold), float(predicted)
    except (TypeError, ValueError):
        return False
    return abs(g - p) <= 1e-6 * max(1.0, abs(g))


def _score_scalar(counts: Counts, gold: Any, predicted: Any, same: Callable) -> None:
    if gold is None and predicted is None:
        counts.tp += 1
    elif gold is not None and predicted is not None and same(gold, predicted):
        counts.tp += 1
    else:
        counts.fp += predicted is not None
        counts.fn += gold is not None


def _match(
    gold_items: list, predicted_items: list, same: Callable[[Any, Any], bool]
) -> list[tuple[Any, Any]]:
    """Greedy one-to-one pairs, gold order first."""
    unused = list(range(len(predicted_items)))
    pairs = []
    for gold in gold_items:
        for index in unused:
            if same(gold, predicted_items[index]):
                pairs.append((gold, predicted_items[index]))
                unused.remove(index)
                break
    return pairs


def _score_set(
    report: Report, name: str, gold_items: list, predicted_items: list, same: Callable
) -> list[tuple[Any, Any]]:
    pairs = _match(gold_items, predicted_items, same)
    counts = report.counts(name)
    counts.tp += len(pairs)
    counts.fp += len(predicted_items) - len(pairs)
    counts.fn += len(gold_items) - len(pairs)
    return pairs


def _score_pairs(report: Report, name: str, pairs: Iterable, key: str, same: Callable) -> None:
    counts = report.counts(name)
    for gold, predicted in pairs:
        _score_scalar(counts, gold.get(key), predicted.get(key), same)


def _same_citation(gold: dict, predicted: dict) -> bool:
    number = _fold_number(predicted.get("number"))
    spellings = [gold.get("number"), *gold.get("variants", [])]
    return number is not None and number in {_fold_number(s) for s in spellings}


def _same_statistic(gold: dict, predicted: dict) -> bool:
    return _same_value(gold.get("value"), predicted.get("value")) and _exact(
        gold.get("unit"), predicted.get("unit")
    )


def _same_task(gold: dict, predicted: dict) -> bool:
    return _fuzzy(ASSIGNEE_MIN)(gold.get("assignee"), predicted.get("assignee")) and (
        fuzz.token_set_ratio(_norm(gold.get("action")) or "", _norm(predicted.get("action")) or "")
        >= ACTION_MIN
    )


SCALARS: dict[str, Callable] = {
    "doc_type": _exact,
    "number": lambda g, p: unicodedata.normalize("NFC", g) == unicodedata.normalize("NFC", p),
    "issuer": _fuzzy(ISSUER_SUBJECT_MIN),
    "place": _exact,
    "issued_date": _exact,
    "subject": _fuzzy(ISSUER_SUBJECT_MIN),
    "urgency": _exact,
}


def score_document(report: Report, gold: dict, predicted: dict) -> None:
    """Add one document's counts to ``report``."""
    report.documents += 1
    for name, same in SCALARS.items():
        if name in gold:
            _score_scalar(report.counts(name), gold[name], predicted.get(name), same)
    if "recipients" in gold:
        _score_set(
            report,
            "recipients",
            gold["recipients"] or [],
            predicted.get("recipients") or [],
            _fuzzy(RECIPIENT_MIN),
        )
    if "signer" in gold:
        gold_signer, signer = gold["signer"] or {}, predicted.get("signer") or {}
        _score_scalar(
            report.counts("signer.name"), gold_signer.get("name"), signer.get("name"), _exact
        )
        _score_scalar(
            report.counts("signer.title"),
            gold_signer.get("title"),
            signer.get("title"),
            _fuzzy(SIGNER_TITLE_MIN),
        )
        _score_scalar(
            report.counts("signer.on_behalf"),
            gold_signer.get("on_behalf"),
            signer.get("on_behalf"),
            _exact,
        )
    if "citations" in gold:
        pairs = _score_set(
            report, "citations", gold["citations"], predicted.get("citations") or [], _same_citation
        )
        _score_pairs(report, "citations.type", pairs, "type", _exact)
        _score_pairs(report, "citations.date", pairs, "date", _exact)
        _score_pairs(report, "citations.issuer", pairs, "issuer", _fuzzy(ISSUER_SUBJECT_MIN))
    if "officials" in gold:
        _score_set(
            report,
            "officials",
            gold["officials"],
            predicted.get("officials") or [],
            lambda g, p: _exact(g.get("name"), p.get("name")),
        )
    if "statistics" in gold:
        pairs = _score_set(
            report,
            "statistics",
            gold["statistics"],
            predicted.get("statistics") or [],
            _same_statistic,
        )
        _score_pairs(report, "statistics.as_of", pairs, "as_of", _exact)
        _score_pairs(report, "statistics.indicator", pairs, "indicator", _fuzzy(INDICATOR_MIN))
    if "tasks" in gold:
        pairs = _score_set(report, "tasks", gold["tasks"], predicted.get("tasks") or [], _same_task)
        _score_pairs(report, "tasks.deadline", pairs, "deadline", _exact)


def evaluate(gold_dir: Path, extract_file: Callable[[Path], dict], docs_dir: Path) -> Report:
    """Score ``extract_file(docs_dir / gold["file"])`` against every gold file in ``gold_dir``."""
    report = Report()
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        document = Path(docs_dir) / gold.get("file", gold_path.with_suffix(".txt").name)
        if not document.exists():
            report.missing.append(document.name)
            continue
        score_document(report, gold, extract_file(document))
    return report
