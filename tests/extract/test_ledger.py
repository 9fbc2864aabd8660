"""The task ledger, people and agency tables on the real corpus ingested into a fresh database."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlite_utils

from extract import ledger
from extract.ledger import (
    DONE_LATE,
    DONE_ON_TIME,
    IN_PROGRESS,
    NOT_DUE,
    OVERDUE,
    Evidence,
    _citing_documents,
    build_agencies,
    build_people,
    find_evidence,
    person_id,
    refresh,
    task_status,
    update_ledger,
)
from ingest.pipeline import ingest_paths
from ingest.storage import open_db

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    db = open_db(tmp_path_factory.mktemp("ledger") / "vanban.db")
    ingest_paths(db, [corpus])
    refresh(db, as_of=TODAY)
    return db


def _document_id(db: sqlite_utils.Database, filename: str) -> str:
    return next(db.query("select id from documents where filename = ?", [filename]))["id"]


def _ledger(db: sqlite_utils.Database, filename: str) -> list[dict]:
    return list(
        db.query(
            "select * from task_ledger where document_id = ? order by position",
            [_document_id(db, filename)],
        )
    )


def test_a_later_resolution_citing_a_directive_reports_on_its_task(corpus_db) -> None:
    """NQ 84/NQ-CP cites CT 11/CT-TTg and tells Bộ Công Thương to go on with its work."""
    rows = [r for r in _ledger(corpus_db, "ct_11_ttg_2020.txt") if r["evidence"]]
    assert rows
    resolution = _document_id(corpus_db, "nq_84_cp_2020.txt")
    assert all(
        r["report_document_id"] == resolution and r["match_method"] == "citation" for r in rows
    )
    trade = [r for r in rows if r["assignee"] == "Bộ Công Thương" and r["deadline"] is None]
    assert trade and trade[0]["status"] == IN_PROGRESS
    assert "tiếp tục" in trade[0]["evidence"]


def test_a_later_report_by_the_issuer_shows_a_task_done(corpus_db) -> None:
    """The province's year report (000) says social security was ensured, as 4806/UBND-KGVX asked."""
    rows = [r for r in _ledger(corpus_db, "002_46a42970c31daf42.txt") if r["evidence"]]
    assert any(r["match_method"] == "issuer" and r["status"] == DONE_ON_TIME for r in rows)
    assert any("an sinh xã hội" in r["evidence"] for r in rows)


def test_a_past_deadline_with_no_report_is_overdue(corpus_db) -> None:
    rows = _ledger(corpus_db, "nq_84_cp_2020.txt")
    due_in_may = [r for r in rows if r["deadline"] == "2020-05-31" and not r["evidence"]]
    assert due_in_may and all(r["status"] == OVERDUE for r in due_in_may)
    assert all(r["status"] == NOT_DUE for r in rows if not r["deadline"] and not r["evidence"])


def test_status_is_computed_as_of_the_chosen_date(tmp_path: Path) -> None:
    db = open_db(tmp_path / "vanban.db")
    ingest_paths(db, [Path(__file__).resolve().parents[2] / "corpus" / "nq_84_cp_2020.txt"])
    update_ledger(db, as_of=date(2020, 5, 30))
    statuses = {
        r["status"]
        for r in db.query("select status from task_ledger where deadline = '2020-05-31'")
    }
    assert statuses == {NOT_DUE}
    assert {r["as_of"] for r in db.query("select distinct as_of from task_ledger")} == {
        "2020-05-30"
    }


def test_documents_stay_replaceable_after_a_rebuild(tmp_path: Path) -> None:
    """Derived tables must not stop storage from replacing a re-ingested document."""
    db = open_db(tmp_path / "vanban.db")
    paths = [Path(__file__).resolve().parents[2] / "corpus" / "002_46a42970c31daf42.txt"]
    ingest_paths(db, paths)
    refresh(db, as_of=TODAY)
    summary = ingest_paths(db, paths, force=True)
    assert summary.failed == 0 and summary.new == 1
    refresh(db, as_of=TODAY)
    assert db["task_ledger"].count == db["tasks"].count > 0


def test_ledger_rebuild_is_repeatable(corpus_db) -> None:
    before = [
        dict(r) for r in corpus_db.query("select * from task_ledger order by document_id, position")
    ]
    update_ledger(corpus_db, as_of=TODAY)
    after = [
        dict(r) for r in corpus_db.query("select * from task_ledger order by document_id, position")
    ]
    assert before == after and len(before) == corpus_db["tasks"].count


def _evidence(progress: str, reported: str | None) -> Evidence:
    return Evidence("report", reported, 0, 10, "…", progress, "citation", 80.0)


@pytest.mark.parametrize(
    ("deadline", "evidence", "status"),
    [
        ("2021-12-10T17:00", [_evidence("hoàn thành", "2021-12-09")], DONE_ON_TIME),
        ("2021-12-10", [_evidence("hoàn thành", "2021-12-20")], DONE_LATE),
        # The earliest report of completion counts; a later one repeats it.
        (
            "2021-12-10",
            [_evidence("hoàn thành", "2022-01-05"), _evidence("hoàn thành", "2021-12-08")],
            DONE_ON_TIME,
        ),
        (None, [_evidence("hoàn thành", None)], DONE_ON_TIME),
        ("2021-12-10", [_evidence("hoàn thành", None)], DONE_ON_TIME),
        ("2030-01-01", [_evidence(IN_PROGRESS, "2021-12-20")], IN_PROGRESS),
        ("2021-12-10", [_evidence(IN_PROGRESS, "2021-12-20")], OVERDUE),
        (
            "2021-12-10",
            [_evidence(IN_PROGRESS, "2021-12-20"), _evidence("hoàn thành", "2021-12-30")],
            DONE_LATE,
        ),
        ("2021-12-10", [], OVERDUE),
        ("2030-01-01", [], NOT_DUE),
        (None, [], NOT_DUE),
    ],
)
def test_task_status(deadline: str | None, evidence: list[Evidence], status: str) -> None:
    assert task_status(deadline, evidence, TODAY) == status


def test_evidence_needs_shared_words_and_a_report_of_progress() -> None:
    action = "Khẩn trương thành lập Trung tâm Chỉ huy phòng, chống dịch COVID-19 cấp huyện, cấp xã"
    report = (
        "UBND huyện đã kịp thời thành lập Trung tâm Chỉ huy phòng, chống dịch COVID-19 cấp huyện, "
        "cấp xã. Thành lập Trung tâm Chỉ huy phòng, chống dịch COVID-19 cấp huyện, cấp xã theo quy định."
    )
    found = find_evidence(action, report, 60)
    assert len(found) == 1 and found[0][3] == "hoàn thành"
    assert find_evidence(action, "Tình hình dịch bệnh diễn biến phức tạp, đã có ca mắc.", 60) == []


def test_citations_are_matched_by_number_when_links_are_absent() -> None:
    db = sqlite_utils.Database(memory=True)
    db["documents"].insert_all(
        [{"id": "directive", "number_key": "11/CT-TTG"}, {"id": "later", "number_key": None}],
        pk="id",
    )
    db["citations"].insert({"document_id": "later", "number": "11/CT-TTg"})
    assert _citing_documents(db) == {"directive": {"later"}}


def test_people_table_has_one_row_per_person_and_organisation(corpus_db) -> None:
    hai = corpus_db["people"].get(person_id("Nguyễn Tiến Hải"))
    assert hai["kind"] == "person" and "Bí thư Tỉnh ủy" in json.loads(hai["titles"])
    khoa = corpus_db["people"].get(person_id("Trương Đăng Khoa"))
    assert {"official", "assignee"} <= set(json.loads(khoa["roles"]))
    signer = corpus_db["people"].get(person_id("Trần Hồng Quân"))
    assert {"official", "signer"} <= set(json.loads(signer["roles"]))
    organisations = list(
        corpus_db.query("select * from people where kind = 'organisation' and name = 'Sở Y tế'")
    )
    assert len(organisations) == 1 and "assignee" in json.loads(organisations[0]["roles"])
    mentions = corpus_db.execute("select count(*) from people_mentions").fetchone()[0]
    build_people(corpus_db)
    assert corpus_db.execute("select count(*) from people_mentions").fetchone()[0] == mentions


def test_agencies_group_spellings_and_list_the_provinces(corpus_db) -> None:
    cà_mau = corpus_db["agencies"].get("uy ban nhan dan tinh ca mau")
    assert cà_mau["documents"] >= 2 and cà_mau["province"] == "Cà Mau"
    assert (
        corpus_db.execute("select count(*) from agencies where kind = 'province'").fetchone()[0]
        >= 60
    )
    name = next(corpus_db.query("select key from agency_names where name = 'Sở Y tế'"))
    assert name["key"] == "so y te"
    rows = corpus_db["agencies"].count
    build_agencies(corpus_db)
    assert corpus_db["agencies"].count == rows


ACTION = "Khẩn trương thành lập Trung tâm Chỉ huy phòng, chống dịch COVID-19 cấp huyện, cấp xã"
REPORT = "Sở Y tế đã thành lập Trung tâm Chỉ huy phòng, chống dịch COVID-19 cấp huyện, cấp xã."


def _archive(tmp_path: Path, reports: int) -> sqlite_utils.Database:
    """A directive of the province to Sở Y tế, then ``reports`` reports of Sở Y tế tỉnh Cà Mau
    (one a week, each saying the work is done), the last of them citing the directive."""
    db = sqlite_utils.Database(tmp_path / "archive.db")
    directive = {
        "id": "directive",
        "issued_date": "2021-01-04",
        "year": 2021,
        "doc_type": "chỉ thị",
        "issuer": "Ủy ban nhân dân tỉnh Cà Mau",
        "number_key": "05/CT-UBND",
        "text": "Giao Sở Y tế " + ACTION.lower() + ".",
    }
    later = [
        {
            "id": f"report-{n:03}",
            "issued_date": (date(2021, 1, 5) + timedelta(weeks=n)).isoformat(),
            "year": 2021,
            "doc_type": "báo cáo",
            "issuer": "Sở Y tế tỉnh Cà Mau",
            "number_key": None,
            "text": REPORT,
        }
        for n in range(reports)
    ]
    db["documents"].insert_all([directive, *later], pk="id")
    db["tasks"].insert(
        {
            "document_id": "directive",
            "position": 0,
            "assignee": "Sở Y tế",
            "action": ACTION,
            "deadline": "2021-03-31",
            "deadline_kind": None,
        },
        pk=("document_id", "position"),
    )
    db["citations"].insert({"document_id": later[-1]["id"], "number": "05/CT-UBND"})
    return db


def test_reports_are_read_from_the_assignees_earliest_later_documents_and_every_citing_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ledger, "REPORT_WINDOW", 3)
    db = _archive(tmp_path, reports=10)
    update_ledger(db, as_of=TODAY)
    found = {
        (r["report_document_id"], r["method"])
        for r in db.query("select * from task_evidence order by report_document_id")
    }
    assert found == {
        ("report-000", "assignee"),
        ("report-001", "assignee"),
        ("report-002", "assignee"),
        ("report-009", "citation"),
    }
    row = db["task_ledger"].get(("directive", 0))
    # The earliest report of completion makes it on time; the latest is shown.
    assert row["status"] == DONE_ON_TIME and row["report_document_id"] == "report-009"


def test_the_ledger_does_not_depend_on_how_many_texts_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _archive(tmp_path, reports=5)
    update_ledger(db, as_of=TODAY)
    kept = list(db.query("select * from task_evidence order by report_document_id"))
    monkeypatch.setattr(ledger, "CLAUSE_CACHE", 1)
    update_ledger(db, as_of=TODAY)
    assert list(db.query("select * from task_evidence order by report_document_id")) == kept
    assert len(kept) == 5


def test_the_ledger_of_several_processes_is_that_of_one(
    corpus_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Parts of one directive each, so that the corpus's directives go to two worker processes.
    def rows() -> tuple[list[dict], list[dict]]:
        return (
            list(db.query("select rowid, * from task_ledger order by rowid")),
            list(db.query("select rowid, * from task_evidence order by rowid")),
        )

    db = corpus_db
    update_ledger(db, as_of=TODAY)
    alone = rows()
    monkeypatch.setattr(ledger, "PARALLEL_PART", 1)
    update_ledger(db, as_of=TODAY, workers=2)
    assert rows() == alone
    assert len(alone[0]) > 10 and alone[1]


def test_against_a_directive_with_a_blank_day_reports_count_from_its_year(tmp_path: Path) -> None:
    db = _archive(tmp_path, reports=60)  # weekly from 2021-01-05: into 2022
    db["documents"].update("directive", {"issued_date": None, "year": 2022})
    update_ledger(db, as_of=TODAY)
    dates = {r["report_date"] for r in db.query("select report_date from task_evidence")}
    assert dates and min(dates) >= "2022-01-01"
