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
directive's own issuer; of the last two kinds only the ``REPORT_WINDOW`` earliest after the
directive are read (a report answers a directive within months), so that the work per task
stays the same however large the archive grows.  Within it, a sentence must resemble the task's action
(rapidfuzz on folded words) and say how far the work got.  The status uses the terms of the
Government's task-tracking system: "hoàn thành đúng hạn" / "hoàn thành quá hạn" (reported done,
on time or late), "đang thực hiện" (reported in progress), "chưa đến hạn" (no report of
completion, deadline not passed or none), "quá hạn" (deadline passed, no report of completion).
"""

from __future__ import annotations

import json
import re
import sqlite3
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import chain

import sqlite_utils
from rapidfuzz import fuzz, process

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
# How many later documents of the assignee (and later reports of the directive's issuer) are
# read for a directive: the earliest after it, in date order.  A report answers a directive
# within months, and a body issues far fewer than this many documents in that time, so the
# bound leaves the ledger's meaning as it is while keeping the work per task fixed however
# large the archive; documents citing the directive are always read, however many.
REPORT_WINDOW = 100
# How many documents' progress clauses are kept between tasks (directives are taken in date
# order, so neighbouring directives read mostly the same reports).
CLAUSE_CACHE = 2048
# Ledger rows written at once.
WRITE_BATCH = 5000
# Directives given to a worker process at a time when the ledger is computed in several: a
# run of neighbouring dates, so that its clause cache serves it, and rows of a few MB.
PARALLEL_PART = 1000
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


@dataclass(frozen=True, slots=True)
class _Clause:
    start: int
    end: int
    sentence: str
    distinct_words: int  # how many different content words it has
    words_text: str  # the content words joined, as rapidfuzz compares them
    progress: str


@dataclass(frozen=True)
class _Clauses:
    """A document's clauses that say how far work got, with each word's clauses (in order)."""

    clauses: tuple[_Clause, ...]
    by_word: dict[str, list[int]]


def _clauses(text: str) -> _Clauses:
    """The clauses of a document that say how far work got.

    Sentences of each line of the flattened text (OCR'd files break every line), split again at
    ";": one report, one clause.  Only clauses with a word of progress are kept, each indexed
    by its content words, so that matching a task reads only the clauses sharing its words.
    """
    flat = flatten(text)
    clauses: list[_Clause] = []
    by_word: dict[str, list[int]] = defaultdict(list)
    for line in re.finditer(r"[^\n]+", flat):
        for start, end in sentences(flat, line.start(), line.end()):
            position = start
            for stop in [m.start() for m in re.finditer(";", flat[start:end])] + [end - start]:
                sentence = " ".join(flat[position : start + stop].split())
                progress = _progress(sentence)
                if progress:
                    words = _content_words(sentence)
                    distinct = set(words)
                    for word in distinct:
                        by_word[word].append(len(clauses))
                    clauses.append(
                        _Clause(
                            position,
                            start + stop,
                            sentence,
                            len(distinct),
                            " ".join(words),
                            progress,
                        )
                    )
                position = start + stop + 1
    return _Clauses(tuple(clauses), dict(by_word))


@dataclass(frozen=True)
class _Action:
    """A task's action as it is matched: its opening content words."""

    words: frozenset[str]
    text: str

    @classmethod
    @lru_cache(maxsize=1 << 14)
    def of(cls, action: str) -> _Action:
        """Once per wording: directives repeat the same instructions, and folding is slow."""
        words = _content_words(action)[:ACTION_WORDS]
        return cls(frozenset(words), " ".join(words))


def _matches(
    action: _Action, document: _Clauses, minimum: int
) -> list[tuple[int, int, str, str, float]]:
    words = document.by_word.keys() & action.words
    if len(words) < MIN_SHARED_WORDS:  # most documents read for a task: no clause can match
        return []
    shared = Counter(chain.from_iterable(map(document.by_word.__getitem__, words)))
    found = []
    for index in sorted(i for i, n in shared.items() if n >= MIN_SHARED_WORDS):
        clause = document.clauses[index]
        if shared[index] < MIN_SENTENCE_SHARE * clause.distinct_words:
            continue
        score = fuzz.token_sort_ratio(action.text, clause.words_text)
        if score >= minimum:
            found.append((clause.start, clause.end, clause.sentence, clause.progress, score))
    return found


def find_evidence(action: str, text: str, minimum: int) -> list[tuple[int, int, str, str, float]]:
    """Sentences of ``text`` that report on ``action``: ``(start, end, sentence, progress, score)``.

    A sentence must share at least ``MIN_SHARED_WORDS`` content words with the action's opening,
    those being at least ``MIN_SENTENCE_SHARE`` of its own, and resemble it by ``minimum``.
    """
    return _matches(_Action.of(action), _clauses(text), minimum)


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


@dataclass(frozen=True, slots=True)
class _Document:
    """What the ledger needs of a stored document before reading its text."""

    id: str
    issued_date: str | None
    year: int | None
    doc_type: str | None
    issuer_key: str | None

    @property
    def order(self) -> str:
        """Where the document falls in date order: an undated one at the start of its year."""
        return self.issued_date or (str(self.year) if self.year else "")


def _documents(db: sqlite_utils.Database) -> dict[str, _Document]:
    """Every document's date, type and issuer key, by id; a text is read only when its date
    line was blank (the year of the first date in the text stands in)."""
    documents = {}
    for row in db.query(
        "select id, issued_date, year, doc_type, issuer, "
        "case when year is null or year = 0 then text end as text from documents order by id"
    ):
        year = row["year"] or (document_date(row["text"], Header())[0] if row["text"] else None)
        documents[row["id"]] = _Document(
            row["id"], row["issued_date"], year, row["doc_type"], agency_key(row["issuer"])
        )
    return documents


def _is_later(other: _Document, directive: _Document, as_of: date) -> bool:
    """Whether ``other`` was issued after the directive and by ``as_of``.

    Against a directive whose day was left blank, a document counts from the directive's year
    on.  An undated document (a report whose day was left blank) counts when its year is not
    before the directive's; it cannot then prove a completion late.
    """
    year = directive.year or (int(directive.issued_date[:4]) if directive.issued_date else None)
    if other.issued_date:
        if other.issued_date[:10] > as_of.isoformat():
            return False
        if directive.issued_date:
            return other.issued_date > directive.issued_date
        return not year or other.issued_date[:4] >= str(year)
    return bool(other.year) and (not year or other.year >= year) and other.year <= as_of.year


class _IssuerIndex:
    """Documents grouped by issuer key, each group in date order, to find a directive's later
    documents by an issuer without scanning the archive.

    An issuer key stands for an assignee when they resemble each other by
    ``ASSIGNEE_ISSUER_MIN`` (token-set ratio); that is computed once per assignee against the
    distinct issuer keys, which are few beside the documents.
    """

    def __init__(self, documents: list[_Document]) -> None:
        groups: dict[str, list[_Document]] = defaultdict(list)
        for document in documents:
            if document.issuer_key and document.order:
                groups[document.issuer_key].append(document)
        self.groups = {
            key: sorted(group, key=lambda d: (d.order, d.id)) for key, group in groups.items()
        }
        self.orders = {key: [d.order for d in group] for key, group in self.groups.items()}
        self.keys = list(self.groups)
        self._matching: dict[str, frozenset[str]] = {}

    def matching(self, assignee_key: str | None) -> frozenset[str]:
        """The issuer keys that are ``assignee_key``'s body (none for a one-word key)."""
        if not assignee_key or len(assignee_key.split()) < 2:
            return frozenset()
        if assignee_key not in self._matching:
            self._matching[assignee_key] = frozenset(
                key
                for key, _, _ in process.extract(
                    assignee_key,
                    self.keys,
                    scorer=fuzz.token_set_ratio,
                    score_cutoff=ASSIGNEE_ISSUER_MIN,
                    limit=None,
                )
            )
        return self._matching[assignee_key]

    def later(self, issuers: frozenset[str], directive: _Document, as_of: date) -> list[_Document]:
        """The ``REPORT_WINDOW`` earliest documents by ``issuers`` after ``directive``, in date
        order; each group is entered by bisection at the directive's year."""
        year = str(directive.year) if directive.year else (directive.issued_date or "")[:4]
        start = min(year, directive.issued_date or year)
        last = as_of.isoformat()
        found: list[_Document] = []
        for key in issuers:
            group, kept = self.groups[key], 0
            for index in range(bisect_left(self.orders[key], start), len(group)):
                document = group[index]
                if document.order[:10] > last or kept == REPORT_WINDOW:
                    break
                if document.id != directive.id and _is_later(document, directive, as_of):
                    found.append(document)
                    kept += 1
        return sorted(found, key=lambda d: (d.order, d.id))[:REPORT_WINDOW]


def _candidates(
    directive: _Document,
    assignee_key: str | None,
    citing: set[str],
    documents: dict[str, _Document],
    by_issuer: _IssuerIndex,
    reports_by_issuer: _IssuerIndex,
    as_of: date,
) -> dict[str, str]:
    """Later documents that may report on a task, by id in id order → how they were found.

    Every later document citing the directive counts; of those by the assignee, and of the
    reports by the directive's own issuer, only the ``REPORT_WINDOW`` earliest after the
    directive (see there).
    """
    cited = [
        documents[i]
        for i in citing
        if i in documents and i != directive.id and _is_later(documents[i], directive, as_of)
    ]
    assignee_issuers = by_issuer.matching(assignee_key)
    found = cited + by_issuer.later(assignee_issuers, directive, as_of)
    found += reports_by_issuer.later(
        reports_by_issuer.matching(directive.issuer_key), directive, as_of
    )
    candidates = {}
    for document in sorted(found, key=lambda d: d.id):
        if document.id in citing:
            candidates[document.id] = "citation"
        elif document.issuer_key in assignee_issuers:
            candidates[document.id] = "assignee"
        else:
            candidates[document.id] = "issuer"
    return candidates


def _ledger_rows(
    task: dict, assignee_key: str | None, directive: _Document, found: list[Evidence], as_of: date
) -> tuple[dict, list[dict]]:
    """The ledger row of one task and its evidence rows."""
    best = max(
        found,
        key=lambda e: (e.progress == "hoàn thành", e.score, e.report_date or ""),
        default=None,
    )
    ledger = {
        "document_id": task["document_id"],
        "position": task["position"],
        "assignee": task["assignee"],
        "assignee_key": assignee_key,
        "action": task["action"],
        "deadline": task["deadline"],
        "deadline_kind": task["deadline_kind"],
        "issued_date": directive.issued_date,
        "status": task_status(task["deadline"], found, as_of),
        "as_of": as_of.isoformat(),
        "report_document_id": best.report_document_id if best else None,
        "report_date": best.report_date if best else None,
        "evidence": best.sentence if best else None,
        "progress": best.progress if best else None,
        "match_method": best.method if best else None,
        "match_score": best.score if best else None,
    }
    evidence = [
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
    return ledger, evidence


@dataclass(frozen=True)
class _Archive:
    """What the ledger of any directive reads besides texts and tasks, built once a refresh."""

    documents: dict[str, _Document]
    by_issuer: _IssuerIndex
    reports_by_issuer: _IssuerIndex
    citing: dict[str, set[str]]
    as_of: date


def _clause_reader(db: sqlite_utils.Database) -> Callable[[str], _Clauses]:
    """A document's clauses by its id: computed once and kept for the last CLAUSE_CACHE
    documents read, texts read one at a time."""

    @lru_cache(maxsize=CLAUSE_CACHE)
    def clauses_of(document_id: str) -> _Clauses:
        return _clauses(
            db.execute("select text from documents where id = ?", [document_id]).fetchone()[0]
        )

    return clauses_of


def _directive_rows(
    db: sqlite_utils.Database,
    archive: _Archive,
    directive_ids: list[str],
    clauses_of: Callable[[str], _Clauses],
) -> Iterator[tuple[list[dict], list[dict]]]:
    """Ledger and evidence rows of the tasks of ``directive_ids``, WRITE_BATCH ledger rows at a
    time."""
    documents, as_of = archive.documents, archive.as_of
    ledger: list[dict] = []
    evidence: list[dict] = []
    for directive_id in directive_ids:
        directive = documents.get(directive_id) or _Document(directive_id, None, None, None, None)
        candidates: dict[str | None, dict[str, str]] = {}
        for task in db.query(
            "select * from tasks where document_id = ? order by position", [directive_id]
        ):
            assignee_key = agency_key(task["assignee"])
            if assignee_key not in candidates:
                candidates[assignee_key] = _candidates(
                    directive,
                    assignee_key,
                    archive.citing.get(directive_id, set()),
                    documents,
                    archive.by_issuer,
                    archive.reports_by_issuer,
                    as_of,
                )
            action = _Action.of(task["action"])
            found = [
                Evidence(
                    other_id,
                    documents[other_id].issued_date,
                    start,
                    end,
                    sentence,
                    progress,
                    method,
                    score,
                )
                for other_id, method in candidates[assignee_key].items()
                for start, end, sentence, progress, score in _matches(
                    action,
                    clauses_of(other_id),
                    CITED_MIN if method == "citation" else ASSIGNEE_MIN,
                )
            ]
            row, rows = _ledger_rows(task, assignee_key, directive, found, as_of)
            ledger.append(row)
            evidence.extend(rows)
        if len(ledger) >= WRITE_BATCH:
            yield ledger, evidence
            ledger, evidence = [], []
    yield ledger, evidence


# A worker process's read-only connection and archive, set once by _start_worker.
_WORKER: dict = {}


def _start_worker(path: str, archive: _Archive) -> None:
    db = sqlite_utils.Database(sqlite3.connect(f"file:{path}?mode=ro", uri=True))
    _WORKER.update(db=db, archive=archive, clauses_of=_clause_reader(db))


def _rows_of_part(directive_ids: list[str]) -> tuple[list[dict], list[dict]]:
    """In a worker process: the ledger and evidence rows of one part of the directives."""
    ledger: list[dict] = []
    evidence: list[dict] = []
    for ledger_rows, evidence_rows in _directive_rows(
        _WORKER["db"], _WORKER["archive"], directive_ids, _WORKER["clauses_of"]
    ):
        ledger += ledger_rows
        evidence += evidence_rows
    return ledger, evidence


def _database_file(db: sqlite_utils.Database) -> str | None:
    """The file of the main database, None for an in-memory one."""
    return (
        next((row[2] for row in db.execute("pragma database_list") if row[1] == "main"), None)
        or None
    )


def update_ledger(db: sqlite_utils.Database, as_of: date | None = None, workers: int = 1) -> None:
    """Rebuild ``task_ledger`` and ``task_evidence`` with every task's status as of ``as_of``.

    Directives are taken in date order, so that the reports read for one are mostly those read
    for the one before, and rows are written as they are made: memory grows with the archive
    only by a small record per document (date, type, issuer key) and its citations.

    With ``workers`` above 1 the directives are cut into parts of PARALLEL_PART, in date order,
    and worker processes compute their rows through read-only connections: they read texts and
    tasks, which linking does not change, while everything linking does change (the documents
    citing each directive) comes from this connection in the archive they are given.  The rows
    are written here, part after part, as a single process writes them.
    """
    ensure_ledger_shape(db)
    documents = _documents(db)
    archive = _Archive(
        documents,
        _IssuerIndex(list(documents.values())),
        _IssuerIndex([d for d in documents.values() if d.doc_type == "báo cáo"]),
        _citing_documents(db),
        as_of or date.today(),
    )
    directive_ids = [
        row["document_id"] for row in db.query("select distinct document_id from tasks")
    ]
    directive_ids.sort(key=lambda i: (documents[i].order, i) if i in documents else ("", i))
    path = _database_file(db)
    parallel = workers > 1 and path is not None and len(directive_ids) > PARALLEL_PART
    with db.atomic():
        db["task_evidence"].delete_where()
        db["task_ledger"].delete_where()
        if parallel:
            parts = [
                directive_ids[start : start + PARALLEL_PART]
                for start in range(0, len(directive_ids), PARALLEL_PART)
            ]
            with ProcessPoolExecutor(
                workers, initializer=_start_worker, initargs=(path, archive)
            ) as pool:
                batches = pool.map(_rows_of_part, parts)
                for ledger, evidence in batches:
                    _write_ledger(db, ledger, evidence)
        else:
            rows = _directive_rows(db, archive, directive_ids, _clause_reader(db))
            for ledger, evidence in rows:
                _write_ledger(db, ledger, evidence)


def _write_ledger(db: sqlite_utils.Database, ledger: list[dict], evidence: list[dict]) -> None:
    db["task_ledger"].insert_all(ledger, pk=("document_id", "position"))
    db["task_evidence"].insert_all(
        evidence, pk=("document_id", "position", "report_document_id", "start")
    )


def refresh(db: sqlite_utils.Database, as_of: date | None = None, workers: int = 1) -> None:
    """Rebuild the agency and people tables and the task ledger, in the order they depend on;
    the ledger in ``workers`` processes."""
    build_agencies(db)
    build_people(db)
    update_ledger(db, as_of=as_of, workers=workers)
