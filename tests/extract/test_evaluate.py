"""The scoring contract of shared/gold/SCHEMA.md, on hand-made records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.evaluate import Report, evaluate, score_document

GOLD = {
    "file": "x.txt",
    "doc_type": "công văn",
    "number": "4806/UBND-KGVX",
    "issuer": "Ủy ban nhân dân tỉnh Cà Mau",
    "place": "Cà Mau",
    "issued_date": "2021-08-25",
    "subject": "V/v triển khai Công điện số 1102/CĐ-TTg",
    "urgency": "hỏa tốc",
    "recipients": ["Sở, ban, ngành, đoàn thể cấp tỉnh", "Ủy ban nhân dân các huyện"],
    "signer": {"name": "Trần Hồng Quân", "title": "Phó Chủ tịch", "on_behalf": "KT. CHỦ TỊCH"},
    "citations": [
        {
            "type": "công điện",
            "number": "1102/CĐ-TTg",
            "date": "2021-08-23",
            "issuer": "Thủ tướng Chính phủ",
        }
    ],
    "officials": [{"name": "Trần Hồng Quân", "titles": ["Phó Chủ tịch"]}],
    "statistics": [
        {"text": "4.923 ca", "value": 4923, "unit": "ca", "indicator": "ca mắc", "as_of": None}
    ],
    "tasks": [
        {"assignee": "Sở Y tế", "action": "Chủ động tìm nguồn bộ kit test nhanh", "deadline": None}
    ],
}


def scored(predicted: dict, gold: dict = GOLD) -> Report:
    report = Report()
    score_document(report, gold, predicted)
    return report


def test_perfect_prediction_scores_one_everywhere() -> None:
    report = scored(json.loads(json.dumps(GOLD)))
    assert all(c.f1 == 1.0 for c in report.fields.values())
    assert report.macro_f1 == 1.0


def test_wrong_number_is_a_false_positive_and_a_false_negative() -> None:
    report = scored({**GOLD, "number": "4806/UBND-KGVX1"})
    counts = report.fields["number"]
    assert (counts.tp, counts.fp, counts.fn) == (0, 1, 1)


def test_number_d_and_dj_are_different_for_the_own_number() -> None:
    gold = {**GOLD, "number": "1102/CĐ-TTg"}
    assert scored({**GOLD, "number": "1102/CD-TTg"}, gold).fields["number"].tp == 0


def test_citation_numbers_fold_cd_and_dashes() -> None:
    predicted = {**GOLD, "citations": [{**GOLD["citations"][0], "number": "1102/CD–TTg"}]}
    assert scored(predicted).fields["citations"].tp == 1


def test_missing_value_is_a_false_negative_only() -> None:
    counts = scored({**GOLD, "place": None}).fields["place"]
    assert (counts.tp, counts.fp, counts.fn) == (0, 0, 1)


def test_fuzzy_issuer_and_recipient() -> None:
    predicted = {
        **GOLD,
        "issuer": "UỶ BAN NHÂN DÂN TỈNH CÀ MAU",
        "recipients": ["Sở, ban, ngành, đoàn thể cấp tỉnh;"],
    }
    report = scored(predicted)
    assert report.fields["issuer"].tp == 1
    assert report.fields["recipients"].tp == 1 and report.fields["recipients"].fn == 1


@pytest.mark.parametrize(
    ("value", "unit", "matches"),
    [(4923, "ca", True), (4923.0, "ca", True), (4923, "người", False), (49.23, "ca", False)],
)
def test_statistics_match_on_value_and_unit(value, unit, matches) -> None:
    stat = {**GOLD["statistics"][0], "value": value, "unit": unit}
    assert scored({**GOLD, "statistics": [stat]}).fields["statistics"].tp == int(matches)


def test_tasks_match_on_assignee_and_action_overlap() -> None:
    task = {
        "assignee": "Sở Y tế tỉnh",
        "action": "tìm nguồn bộ kit test nhanh với số lượng lớn",
        "deadline": "2021-09-01",
    }
    report = scored({**GOLD, "tasks": [task]})
    assert report.fields["tasks"].tp == 1
    assert report.fields["tasks.deadline"].fp == 1


def test_field_missing_from_gold_is_not_scored() -> None:
    gold = {"file": "x.txt", "doc_type": "công văn"}
    report = scored({"doc_type": "công văn", "number": "1/UBND"}, gold)
    assert set(report.fields) == {"doc_type"}


def test_evaluate_reads_a_folder_and_reports_missing_documents(tmp_path: Path) -> None:
    gold_dir, docs = tmp_path / "gold", tmp_path / "docs"
    gold_dir.mkdir()
    docs.mkdir()
    (gold_dir / "a.json").write_text(json.dumps({**GOLD, "file": "a.txt"}), encoding="utf-8")
    (gold_dir / "b.json").write_text(json.dumps({**GOLD, "file": "b.txt"}), encoding="utf-8")
    (docs / "a.txt").write_text("x", encoding="utf-8")
    report = evaluate(gold_dir, lambda path: {**GOLD, "file": path.name}, docs)
    assert report.documents == 1
    assert report.missing == ["b.txt"]
