"""The task ledger, the people table and the agency table, built from stored documents.

Every function recomputes its tables from the whole database, so the result never depends on
the order documents arrived in, and every call is safe to repeat; ``refresh(db, as_of)`` runs
them all, after each ingest batch.

* ``build_agencies(db)``: ``agencies`` (one row per body, however spelled) and ``agency_names``
  (each spelling seen → its key, see :func:`extract.agencies.agency_key`).
* ``build_people(db)``: ``people`` (one row per person and per organisation across documents)
  and ``people_mentions`` (who appears in which document, in which role).
* ``update_ledger(db, as_of)``: ``task_ledger`` (one row per task with its status) and
  ``task_evidence`` (every sentence of a later document that reports on a task).

A later document reports on a task when it cites the directive (through the link stage's
``citations.target_id`` when that column exists, and by the folded document number either way),
when it is issued by the task's assignee, or when it is a report (``báo cáo``) by the
directive's own issuer; within it, a sentence must resemble the task's action
(rapidfuzz on folded words) and say how far the work got.  The status uses the terms of the
Government's task-tracking system: "hoàn thành đúng hạn" / "hoàn thành quá hạn" (reported done,
on time or late), "đang thực hiện" (reported in progress), "chưa đến hạn" (no report of
completion, deadline not passed or none), "quá hạn" (deadline passed, no report of completion).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import sqlite_utils
from rapidfuzz import fuzz

from extract.agencies import agency_key, find_province, provinces
from extract.model import Header
from extract.tasks import PERSON_HONORIFIC, document_date, flatten, sentences
from ingest.normalize import fold
from ingest.storage import number_key

AGENCY_COLUMNS = {
    "key": str,
    "name": str,
    "variants": str,
    "kind": str,
    "province": str,
    "documents": int,
    "tasks": int,
}
AGENCY_NAME_COLUMNS = {"name": str, "key": str}
PEOPLE_COLUMNS = {
    "id": str,
    "kind": str,
    "name": str,
    "titles": str,
    "roles": str,
    "documents": int,
    "first_date": str,
    "last_date": str,
}
PEOPLE_MENTION_COLUMNS = {
    "person_id": str,
    "document_id": str,
    "role": str,
    "name": str,
    "position": int,
}
LEDGER_COLUMNS = {
    "document_id": str,
    "position": int,
    "assignee": str,
    "assignee_key": str,
    "action": str,
    "deadline": str,
    "deadline_kind": str,
    "issued_date": str,
    "status": str,
    "as_of": str,
    "report_document_id": str,
    "report_date": str,
    "evidence": str,
    "progress": str,
    "match_method": str,
    "match_score": float,
}
EVIDENCE_COLUMNS = {
    "document_id": str,
    "position": int,
    "report_document_id": str,
    "start": int,
    "end": int,
    "report_date": str,
    "sentence": str,
    "progress": str,
    "method": str,
    "score": float,
}

DONE_ON_TIME = "hoàn thành đúng hạn"
DONE_LATE = "hoàn thành quá hạn"
IN_PROGRESS = "đang thực hiện"
NOT_DUE = "chưa đến hạn"
OVERDUE = "quá hạn"

# How closely a sentence must resemble a task's action: rapidfuzz token-sort ratio of their
# shared content words against each, folded.  A document that cites the directive may
# paraphrase; one that merely comes from the assignee must say nearly the same thing.
CITED_MIN = 45
ASSIGNEE_MIN = 60
# Fewest content words a sentence and an action must share, and the least part of the
# sentence's own words they must be, so that a short sentence whose few words happen to appear
# in a long action is not evidence.
MIN_SHARED_WORDS = 5
MIN_SENTENCE_SHARE = 0.5
# Only the opening of a long action names the work; the rest is detail.
ACTION_WORDS = 30
# Issuers whose key resembles an assignee's this much are that assignee ("Sở Y tế" and
# "Sở Y tế tỉnh Cà Mau"; "Ủy ban nhân dân các huyện" and "Ủy ban nhân dân huyện Mường Tè").
ASSIGNEE_ISSUER_MIN = 90
# Words that say nothing about which work is meant.
_STOPWORDS = set(
    "va cua cac cho de voi trong tren tai theo nhung duoc da dang la co khong mot nay do "
    "thuc hien cong tac viec ve tu den nhat".split()
)
# How far the work got, as a report says it: in progress is checked first ("đang triển khai",
# "tiếp tục"), done second ("đã hoàn thành", "đã ban hành").
_IN_PROGRESS = re.compile(r"\b(?:đang|tiếp tục|chưa hoàn thành|từng bước)\b", re.IGNORECASE)
# "đã" marks work done, except the passive of an order ("đã được giao", "đã được Thủ tướng …").
_DONE = re.compile(
    r"\bđã\b(?!\s+(?:được\s+(?:giao|phân công|yêu cầu|đề ra|quy định|[A-ZĐ])|đề ra|giao|chỉ đạo|yêu cầu))"
)


# ---------------------------------------------------------------------------------------------
# Shapes
# ---------------------------------------------------------------------------------------------


# The tables here are derived and rebuilt after every batch, so they carry no foreign keys: one
# would stop storage from replacing the document of a re-ingested file.


def ensure_agencies_shape(db: sqlite_utils.Database) -> None:
    """Create ``agencies`` and ``agency_names`` if they do not exist."""
    db["agencies"].create(AGENCY_COLUMNS, pk="key", if_not_exists=True)
    db["agency_names"].create(AGENCY_NAME_COLUMNS, pk="name", if_not_exists=True)
    for table, column in (("agency_names", "key"), ("agencies", "kind"), ("agencies", "province")):
        db[table].create_index([column], if_not_exists=True)


def ensure_people_shape(db: sqlite_utils.Database) -> None:
    """Create ``people`` and ``people_mentions`` if they do not exist."""
    db["people"].create(PEOPLE_COLUMNS, pk="id", if_not_exists=True)
    db["people_mentions"].create(
        PEOPLE_MENTION_COLUMNS,
        pk=("person_id", "document_id", "role", "position"),
        if_not_exists=True,
    )
    for table, column in (
        ("people_mentions", "document_id"),
        ("people_mentions", "role"),
        ("people", "kind"),
    ):
        db[table].create_index([column], if_not_exists=True)


def ensure_ledger_shape(db: sqlite_utils.Database) -> None:
    """Create ``task_ledger`` and ``task_evidence`` if they do not exist."""
    db["task_ledger"].create(
        LEDGER_COLUMNS,
        pk=("document_id", "position"),
        if_not_exists=True,
    )
    db["task_evidence"].create(
        EVIDENCE_COLUMNS,
        pk=("document_id", "position", "report_document_id", "start"),
        if_not_exists=True,
    )
    for table, columns in (
        ("task_ledger", ["status"]),
        ("task_ledger", ["assignee_key"]),
        ("task_ledger", ["assignee"]),
        ("task_ledger", ["deadline"]),
        ("task_evidence", ["report_document_id"]),
        ("task_evidence", ["progress"]),
        ("task_evidence", ["method"]),
    ):
        db[table].create_index(columns, if_not_exists=True)


def _replace(db: sqlite_utils.Database, table: str, rows: list[dict], pk) -> None:
    db[table].delete_where()
    if rows:
        db[table].insert_all(rows, pk=pk)


# ---------------------------------------------------------------------------------------------
# Agencies
# ---------------------------------------------------------------------------------------------


def _body_names(db: sqlite_utils.Database) -> list[tuple[str, str, str | None]]:
    """``(name as written, role, document id)`` for every body a document names."""
    names: list[tuple[str, str, str | None]] = []
    for row in db.query("select id, issuer from documents where issuer is not null order by id"):
        names.append((row["issuer"], "issuer", row["id"]))
    for row in db.query(
        "select document_id, assignee, co_assignees from tasks order by document_id, position"
    ):
        names.append((row["assignee"], "assignee", row["document_id"]))
        names.extend(
            (name, "co_assignee", row["document_id"])
            for name in json.loads(row["co_assignees"] or "[]")
        )
    if db["recipients"].exists():
        for row in db.query(
            "select document_id, name from recipients order by document_id, position"
        ):
            names.append((row["name"], "recipient", row["document_id"]))
    return [(n, role, d) for n, role, d in names if n and not PERSON_HONORIFIC.match(n)]


def build_agencies(db: sqlite_utils.Database) -> None:
    """Rebuild ``agencies`` and ``agency_names`` from every body named in the database."""
    ensure_agencies_shape(db)
    spellings: dict[str, Counter] = defaultdict(Counter)
    documents: dict[str, set] = defaultdict(set)
    tasks: Counter = Counter()
    for name, role, document_id in _body_names(db):
        key = agency_key(name)
        if not key:
            continue
        spellings[key][" ".join(name.split())] += 1
        documents[key].add(document_id)
        tasks[key] += role == "assignee"
    rows = []
    for key, names in spellings.items():
        name = names.most_common(1)[0][0]
        rows.append(
            {
                "key": key,
                "name": name,
                "variants": json.dumps(sorted(names), ensure_ascii=False),
                "kind": "body",
                "province": find_province(" ".join(names)),
                "documents": len(documents[key]),
                "tasks": tasks[key],
            }
        )
    for province in provinces():
        key = agency_key(province["name"])
        if key not in spellings:
            rows.append(
                {
                    "key": key,
                    "name": province["name"],
                    "variants": json.dumps(
                        [province["name"], province["short"]], ensure_ascii=False
                    ),
                    "kind": "province",
                    "province": province["short"],
                    "documents": 0,
                    "tasks": 0,
                }
            )
    names_rows = [{"name": n, "key": k} for k, names in spellings.items() for n in names]
    with db.atomic():
        _replace(db, "agencies", rows, "key")
        _replace(db, "agency_names", names_rows, "name")


# ---------------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------------


def person_id(name: str) -> str:
    """The id of a person: ``person:`` and the folded name ("person:nguyen tien hai")."""
    return "person:" + " ".join(fold(name).split())


def build_people(db: sqlite_utils.Database) -> None:
    """Rebuild ``people`` and ``people_mentions``: one row per person and per organisation.

    People come from the officials and signers of every document and from tasks assigned to a
    named person ("đồng chí Trương Đăng Khoa"); organisations from issuers, assignees,
    co-operating bodies and recipients, grouped by :func:`extract.agencies.agency_key`.
    """
    ensure_people_shape(db)
    dates = {r["id"]: r["issued_date"] for r in db.query("select id, issued_date from documents")}
    mentions: list[dict] = []
    titles: dict[str, list[str]] = defaultdict(list)
    spellings: dict[str, Counter] = defaultdict(Counter)
    kinds: dict[str, str] = {}

    def mention(pid: str, kind: str, name: str, role: str, document_id: str, position: int) -> None:
        kinds.setdefault(pid, kind)
        spellings[pid][" ".join(name.split())] += 1
        mentions.append(
            {
                "person_id": pid,
                "document_id": document_id,
                "role": role,
                "name": name,
                "position": position,
            }
        )

    for row in db.query(
        "select document_id, position, name, titles from officials order by document_id, position"
    ):
        pid = person_id(row["name"])
        titles[pid] += [t for t in json.loads(row["titles"] or "[]") if t not in titles[pid]]
        mention(pid, "person", row["name"], "official", row["document_id"], row["position"])
    signers = (
        "select id, signer_name, signer_title from documents where signer_name is not null "
        "order by id"
    )
    for row in db.query(signers):
        pid = person_id(row["signer_name"])
        if row["signer_title"] and row["signer_title"] not in titles[pid]:
            titles[pid].append(row["signer_title"])
        mention(pid, "person", row["signer_name"], "signer", row["id"], 0)
    for row in db.query(
        "select document_id, position, assignee from tasks order by document_id, position"
    ):
        person = PERSON_HONORIFIC.match(row["assignee"] or "")
        if person:
            name = row["assignee"][person.end() :]
            mention(
                person_id(name), "person", name, "assignee", row["document_id"], row["position"]
            )
    for position, (name, role, document_id) in enumerate(_body_names(db)):
        key = agency_key(name)
        if key:
            mention("agency:" + key, "organisation", name, role, document_id, position)
    unique = {(m["person_id"], m["document_id"], m["role"], m["position"]): m for m in mentions}
    by_person: dict[str, list[dict]] = defaultdict(list)
    for mention in unique.values():
        by_person[mention["person_id"]].append(mention)
    rows = []
    for pid, items in by_person.items():
        seen = sorted(d for d in (dates.get(m["document_id"]) for m in items) if d)
        rows.append(
            {
                "id": pid,
                "kind": kinds[pid],
                "name": spellings[pid].most_common(1)[0][0],
                "titles": json.dumps(titles.get(pid, []), ensure_ascii=False),
                "roles": json.dumps(sorted({m["role"] for m in items}), ensure_ascii=False),
                "documents": len({m["document_id"] for m in items}),
                "first_date": seen[0] if seen else None,
                "last_date": seen[-1] if seen else None,
            }
        )
    with db.atomic():
        db["people_mentions"].delete_where()
        _replace(db, "people", rows, "id")
        if unique:
            db["people_mentions"].insert_all(
                unique.values(), pk=("person_id", "document_id", "role", "position")
            )


# ---------------------------------------------------------------------------------------------
# Ledger
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    report_document_id: str
    report_date: str | None
    start: int
    end: int
    sentence: str
    progress: str  # "hoàn thành" or "đang thực hiện"
    method: str  # "citation", "assignee" or "issuer" (a later report by the directive's issuer)
    score: float


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", fold(text)) if w not in _STOPWORDS and not w.isdigit()]


def _progress(sentence: str) -> str | None:
    if _IN_PROGRESS.search(sentence):
        return IN_PROGRESS
    if _DONE.search(sentence):
        return "hoàn thành"
    return None


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int
    sentence: str
    words: tuple[str, ...]
    progress: str | None


@lru_cache(maxsize=256)
def _clauses(text: str) -> tuple[_Clause, ...]:
    """The clauses of a document that say how far work got, read once per document.

    Sentences of each line of the flattened text (OCR'd files break every line), split again at
    ";": one report, one clause.
    """
    flat = flatten(text)
    clauses = []
    for line in re.finditer(r"[^\n]+", flat):
        for start, end in sentences(flat, line.start(), line.end()):
            position = start
            for stop in [m.start() for m in re.finditer(";", flat[start:end])] + [end - start]:
                sentence = " ".join(flat[position : start + stop].split())
                progress = _progress(sentence)
                if progress:
                    words = tuple(_content_words(sentence))
                    clauses.append(_Clause(position, start + stop, sentence, words, progress))
                position = start + stop + 1
    return tuple(clauses)


def find_evidence(action: str, text: str, minimum: int) -> list[tuple[int, int, str, str, float]]:
    """Sentences of ``text`` that report on ``action``: ``(start, end, sentence, progress, score)``."""
    action_words = _content_words(action)[:ACTION_WORDS]
    action_set, action_text = set(action_words), " ".join(action_words)
    found = []
    for clause in _clauses(text):
        sentence_set = set(clause.words)
        shared = sentence_set & action_set
        if len(shared) < MIN_SHARED_WORDS or len(shared) < MIN_SENTENCE_SHARE * len(sentence_set):
            continue
        score = fuzz.token_sort_ratio(action_text, " ".join(clause.words))
        if score >= minimum:
            found.append((clause.start, clause.end, clause.sentence, clause.progress, score))
    return found


def task_status(deadline: str | None, evidence: list[Evidence], as_of: date) -> str:
    """The tracking-system status of one task as of ``as_of``, from the reports on it.

    Done on time when the earliest report of completion is dated by the deadline (an undated
    report cannot prove it late); done reports outrank progress reports.
    """
    due = date.fromisoformat(deadline[:10]) if deadline else None
    done = [e for e in evidence if e.progress == "hoàn thành"]
    if done:
        dates = [date.fromisoformat(e.report_date[:10]) for e in done if e.report_date]
        undated = len(dates) < len(done)
        return DONE_LATE if due and dates and not undated and min(dates) > due else DONE_ON_TIME
    if due and due < as_of:
        return OVERDUE
    return IN_PROGRESS if evidence else NOT_DUE


def _citing_documents(db: sqlite_utils.Database) -> dict[str, set[str]]:
    """Directive id → ids of the documents citing it (link stage first, number text second)."""
    citing: dict[str, set[str]] = defaultdict(set)
    columns = db["citations"].columns_dict
    if "target_id" in columns:
        for row in db.query(
            "select document_id, target_id from citations where target_id is not null"
        ):
            citing[row["target_id"]].add(row["document_id"])
    by_number: dict[str, list[str]] = defaultdict(list)
    for row in db.query("select id, number_key from documents where number_key is not null"):
        by_number[row["number_key"]].append(row["id"])
    for row in db.query("select document_id, number from citations"):
        for target in by_number.get(number_key(row["number"]) or "", []):
            citing[target].add(row["document_id"])
    return citing


def _is_later(other: dict, directive: dict | None, as_of: date) -> bool:
    """Whether ``other`` was issued after the directive and by ``as_of``.

    An undated document (a report whose day was left blank) counts when its year is not before
    the directive's; it cannot then prove a completion late.
    """
    if other["issued_date"]:
        if other["issued_date"][:10] > as_of.isoformat():
            return False
        issued = directive["issued_date"] if directive else None
        return not issued or other["issued_date"] > issued
    year = (directive or {}).get("year") or (
        int(directive["issued_date"][:4]) if directive and directive["issued_date"] else None
    )
    return (
        bool(other["year"]) and (not year or other["year"] >= year) and other["year"] <= as_of.year
    )


@lru_cache(maxsize=65536)
def _issued_by(issuer_key: str | None, assignee_key: str | None) -> bool:
    if not issuer_key or not assignee_key or len(assignee_key.split()) < 2:
        return False
    return fuzz.token_set_ratio(issuer_key, assignee_key) >= ASSIGNEE_ISSUER_MIN


def update_ledger(db: sqlite_utils.Database, as_of: date | None = None) -> None:
    """Rebuild ``task_ledger`` and ``task_evidence`` with every task's status as of ``as_of``."""
    ensure_ledger_shape(db)
    as_of = as_of or date.today()
    documents = {
        r["id"]: r
        for r in db.query(
            "select id, issued_date, year, doc_type, issuer, text from documents order by id"
        )
    }
    for row in documents.values():  # a blank date line: the year of the first date in the text
        row["year"] = row["year"] or document_date(row["text"], Header())[0]
    issuer_keys = {i: agency_key(d["issuer"]) for i, d in documents.items()}
    citing = _citing_documents(db)
    ledger, evidence_rows = [], []
    for task in db.query("select * from tasks order by document_id, position"):
        directive = documents.get(task["document_id"])
        issued = directive["issued_date"] if directive else None
        assignee_key = agency_key(task["assignee"])
        candidates: dict[str, str] = {}
        for other_id, other in documents.items():
            if other_id == task["document_id"] or not _is_later(other, directive, as_of):
                continue
            if other_id in citing.get(task["document_id"], ()):
                candidates[other_id] = "citation"
            elif _issued_by(issuer_keys[other_id], assignee_key):
                candidates[other_id] = "assignee"
            elif (
                other["doc_type"] == "báo cáo"
                and directive
                and _issued_by(issuer_keys[other_id], issuer_keys[directive["id"]])
            ):
                candidates[other_id] = "issuer"
        found: list[Evidence] = []
        for other_id, method in candidates.items():
            other = documents[other_id]
            minimum = CITED_MIN if method == "citation" else ASSIGNEE_MIN
            for start, end, sentence, progress, score in find_evidence(
                task["action"], other["text"], minimum
            ):
                found.append(
                    Evidence(
                        other_id,
                        other["issued_date"],
                        start,
                        end,
                        sentence,
                        progress,
                        method,
                        score,
                    )
                )
        best = max(
            found,
            key=lambda e: (e.progress == "hoàn thành", e.score, e.report_date or ""),
            default=None,
        )
        ledger.append(
            {
                "document_id": task["document_id"],
                "position": task["position"],
                "assignee": task["assignee"],
                "assignee_key": assignee_key,
                "action": task["action"],
                "deadline": task["deadline"],
                "deadline_kind": task["deadline_kind"],
                "issued_date": issued,
                "status": task_status(task["deadline"], found, as_of),
                "as_of": as_of.isoformat(),
                "report_document_id": best.report_document_id if best else None,
                "report_date": best.report_date if best else None,
                "evidence": best.sentence if best else None,
                "progress": best.progress if best else None,
                "match_method": best.method if best else None,
                "match_score": best.score if best else None,
            }
        )
        evidence_rows += [
            {
                "document_id": task["document_id"],
                "position": task["position"],
                "report_document_id": e.report_document_id,
                "start": e.start,
                "end": e.end,
                "report_date": e.report_date,
                "sentence": e.sentence,
                "progress": e.progress,
                "method": e.method,
                "score": e.score,
            }
            for e in found
        ]
    with db.atomic():
        _replace(
            db,
            "task_evidence",
            evidence_rows,
            ("document_id", "position", "report_document_id", "start"),
        )
        _replace(db, "task_ledger", ledger, ("document_id", "position"))


def refresh(db: sqlite_utils.Database, as_of: date | None = None) -> None:
    """Rebuild the agency and people tables and the task ledger, in the order they depend on."""
    build_agencies(db)
    build_people(db)
    update_ledger(db, as_of=as_of)
