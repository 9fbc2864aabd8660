"""Linking: every stored citation resolved to the stored document it names, when there is one.

``link_citations(db)`` recomputes every link from the whole database on each call, so that the
result never depends on the order in which documents arrived: a citation of a document that is
not stored yet keeps a placeholder row in ``cited_documents`` and becomes a link on the first
call after that document is ingested.

A cited document's key is its number folded for matching (CĐ ≡ CD, spaces and dashes unified,
see :func:`extract.citations.fold_number`) plus the year, from the citation's date or the number
itself (``1102/CD-TTG@2021``): numbering restarts every year, so "68/NQ-CP ngày 12/5/2020" and
"68/NQ-CP ngày 01/7/2021" are two documents.  A citation without a year keeps the bare number as
its key and is resolved only when exactly one stored document fits.

Resolution, in order:
1. ``exact``: a stored document whose own number and year give the same key.
2. ``undated``: an undated citation and exactly one stored document with that number, issued
   before the citing document (several: ``ambiguous``).
3. ``fuzzy``: a document whose header number OCR garbled ("Số:416 /NQ-CP" for 116/NQ-CP):
   among stored documents of the same year and type, rapidfuzz compares the cited number with
   the numbers written in the document's first lines, and the match must be confirmed by the
   date (in full, or its month when the header's day is unreadable) or by the subject.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property

import sqlite_utils
from rapidfuzz import fuzz, process

from extract.citations import NUMBER, clean_number, fold_number, number_parts
from extract.lexicon import load
from ingest.normalize import fold

# Columns that linking adds to the ``citations`` table of ingest/storage.py.
CITATION_LINK_COLUMNS = {
    "subject": str,
    "target_id": str,
    "cited_key": str,
    "link_status": str,
    "link_method": str,
    "link_score": float,
    # The citing document's date, so that the citations of one key are listed in date order
    # by an index (cited_key, citing_date) without reading every citing document.
    "citing_date": str,
}

CITED_DOCUMENT_COLUMNS = {
    "key": str,
    "type": str,
    "number": str,
    "year": int,
    "date": str,
    "issuer": str,
    "subject": str,
    "document_id": str,
    "status": str,
    "method": str,
    "score": float,
    "citation_count": int,
    "citing_documents": int,
}

# How much of a document's text holds its header: the number is looked for there when the
# header extractor could not read it.
HEADER_CHARS = 1500
# rapidfuzz ratio of two folded numbers: one OCR-misread digit in "116/NQ-CP" scores 89, two
# misread characters in "11/CT-TTG" score 78; different numbers of one body rarely reach 70
# and must in any case be confirmed by the date or the subject.
NUMBER_MIN = 70
SUBJECT_MIN = 80
ISSUER_MIN = 60

# "tháng 3 năm 2020" in a header whose day OCR lost ("ngàyháng 3 năm 2020").
_MONTH_YEAR = re.compile(r"(?i)t?h[aá]ng\s*(\d{1,2})\s*n[aă]m\s*((?:19|20)\d\d)")


@dataclass
class StoredDocument:
    """What linking needs to know about one stored document."""

    id: str
    number: str | None
    doc_type: str | None
    issuer: str | None
    issued_date: str | None
    year: int | None
    subject: str | None
    head: str = field(repr=False, default="")

    @cached_property
    def key(self) -> str | None:
        return cited_key(self.number, self.issued_date, self.year) if self.number else None

    @cached_property
    def type(self) -> str | None:
        return self.doc_type or (number_parts(self.number).type if self.number else None)

    @cached_property
    def best_year(self) -> int | None:
        if self.issued_date:
            return int(self.issued_date[:4])
        if self.year:
            return self.year
        return number_parts(self.number).year if self.number else None

    @property
    def header_damaged(self) -> bool:
        return not (self.number and self.issued_date)

    @cached_property
    def number_variants(self) -> tuple[str, ...]:
        """The header's number and every number-shaped string of the first lines, folded."""
        found = {fold_number(self.number)} if self.number else set()
        found.update(fold_number(clean_number(m.group(0))) for m in NUMBER.finditer(self.head))
        return tuple(sorted(found))

    @cached_property
    def month_year(self) -> tuple[int, int] | None:
        if self.issued_date:
            return int(self.issued_date[:4]), int(self.issued_date[5:7])
        match = _MONTH_YEAR.search(self.head)
        if match and 1 <= int(match.group(1)) <= 12:
            return int(match.group(2)), int(match.group(1))
        return None


@dataclass(frozen=True)
class Resolution:
    target_id: str | None
    status: str  # resolved / placeholder / ambiguous / self
    method: str | None = None
    score: float | None = None


def cited_key(number: str, date: str | None = None, year: int | None = None) -> str:
    """``1102/CD-TTG@2021``: the folded number and the year; the bare number when none is known."""
    year = int(date[:4]) if date else year or number_parts(number).year
    folded = fold_number(number)
    return f"{folded}@{year}" if year else folded


def ensure_link_shape(db: sqlite_utils.Database) -> None:
    """Add the link columns, the placeholder table, indexes and the implementations view."""
    citations = db["citations"]
    if citations.exists():
        missing = {
            k: v for k, v in CITATION_LINK_COLUMNS.items() if k not in citations.columns_dict
        }
        for name, kind in missing.items():
            citations.add_column(name, kind)
        for columns in (["target_id"], ["cited_key", "citing_date"]):
            citations.create_index(columns, if_not_exists=True)
    db["cited_documents"].create(CITED_DOCUMENT_COLUMNS, pk="key", if_not_exists=True)
    for columns in (["document_id"], ["type"], ["status"], ["year"], ["number"]):
        db["cited_documents"].create_index(columns, if_not_exists=True)
    relations = load("citation_relations")
    # Recreated on every call: the lists of implementing relations and types are data.
    db.execute("DROP VIEW IF EXISTS implementations")
    db.execute(
        _IMPLEMENTATIONS_SQL.format(
            relations=_sql_list(relations["implementing_relations"]),
            types=_sql_list(relations["implementing_types"]),
        )
    )


def _sql_list(values: Iterable[str]) -> str:
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


# One row per (directive, implementing document): the earliest mention, the strongest wording.
_IMPLEMENTATIONS_SQL = """
CREATE VIEW implementations AS
SELECT
    c.target_id AS directive_id,
    t.doc_type AS directive_type,
    t.number AS directive_number,
    coalesce(t.issued_date, c.date) AS directive_date,
    t.subject AS directive_subject,
    c.document_id AS document_id,
    d.doc_type AS document_type,
    d.number AS document_number,
    d.issued_date AS document_date,
    d.issuer AS document_issuer,
    d.subject AS document_subject,
    c.relation AS relation,
    c.number AS cited_as,
    min(c.position) AS citation_position,
    c.page AS page,
    c.text AS citation_text
FROM citations c
JOIN documents d ON d.id = c.document_id
JOIN documents t ON t.id = c.target_id
WHERE c.link_status = 'resolved'
  AND c.target_id != c.document_id
  AND (
    c.relation IN ({relations})
    OR (d.doc_type IN ({types})
        AND (d.issued_date IS NULL OR coalesce(t.issued_date, c.date) IS NULL
             OR d.issued_date >= coalesce(t.issued_date, c.date)))
  )
GROUP BY c.target_id, c.document_id
"""


class DocumentIndex:
    """Stored documents looked up by key, by number and by (year, type)."""

    def __init__(self, documents: Iterable[StoredDocument]) -> None:
        self.by_id: dict[str, StoredDocument] = {}
        self.by_key: dict[str, list[StoredDocument]] = defaultdict(list)
        self.by_number: dict[str, list[StoredDocument]] = defaultdict(list)
        self.by_year_type: dict[tuple[int | None, str | None], list[StoredDocument]] = defaultdict(
            list
        )
        for document in sorted(documents, key=lambda d: d.id):
            self.by_id[document.id] = document
            if document.number:
                self.by_key[document.key].append(document)
                self.by_number[fold_number(document.number)].append(document)
            if document.header_damaged:
                self.by_year_type[(document.best_year, document.type)].append(document)
        self._variant_cache: dict[tuple[int | None, str | None], list] = {}
        self._fuzzy_memo: dict[_FuzzyQuery, list[tuple[float, str]]] = {}

    def resolve(self, citation: dict, citing: StoredDocument | None) -> Resolution:
        key = citation["cited_key"]
        others = [d for d in self.by_key.get(key, []) if d.id != citation["document_id"]]
        if others:
            return Resolution(_prefer(others, citation).id, "resolved", "exact", 100.0)
        if self.by_key.get(key):
            return Resolution(None, "self")
        if "@" not in key:
            return self._resolve_undated(citation, citing)
        return self._resolve_fuzzy(citation)

    def _resolve_undated(self, citation: dict, citing: StoredDocument | None) -> Resolution:
        candidates = [
            d
            for d in self.by_number.get(fold_number(citation["number"]), [])
            if d.id != citation["document_id"]
            and _same_type(citation["type"], d.type)
            and not (citing and citing.issued_date and (d.issued_date or "") > citing.issued_date)
        ]
        years = {d.best_year for d in candidates}
        if not candidates:
            return Resolution(None, "placeholder")
        if len(years) > 1:
            return Resolution(None, "ambiguous", "undated", float(len(candidates)))
        return Resolution(_prefer(candidates, citation).id, "resolved", "undated", 100.0)

    def _resolve_fuzzy(self, citation: dict) -> Resolution:
        scored = [
            pair
            for pair in self._fuzzy_candidates(_FuzzyQuery.of(citation))
            if pair[1] != citation["document_id"]
        ]
        if not scored:
            return Resolution(None, "placeholder")
        if len(scored) > 1 and scored[1][0] == scored[0][0]:
            return Resolution(None, "ambiguous", "fuzzy", scored[0][0])
        return Resolution(scored[0][1], "resolved", "fuzzy", scored[0][0])

    def _fuzzy_candidates(self, query: _FuzzyQuery) -> list[tuple[float, str]]:
        """Stored documents of the cited year and type that fit, best first, ids breaking ties.

        rapidfuzz compares the cited number with the bucket's numbers in one call; documents
        without any readable number are kept only when date and subject both agree.  Results
        are kept per query: a document cited by many shares one search.
        """
        if query in self._fuzzy_memo:
            return self._fuzzy_memo[query]
        buckets = [(query.year, query.type), (query.year, None)]
        variants = [v for b in buckets for v in self._variants(b)]
        close = process.extract(
            query.folded,
            [v for v, _ in variants],
            scorer=fuzz.ratio,
            score_cutoff=NUMBER_MIN,
            limit=None,
        )
        number_scores: dict[str, float] = {}
        for _, score, position in close:
            document = variants[position][1]
            number_scores[document.id] = max(score, number_scores.get(document.id, 0.0))
        numberless = [
            d for b in buckets for d in self.by_year_type.get(b, []) if not d.number_variants
        ]
        scored = []
        for document in [self.by_id[i] for i in number_scores] + numberless:
            score = _fuzzy_score(query, number_scores.get(document.id), document)
            if score is not None:
                scored.append((round(score, 1), document.id))
        result = sorted(set(scored), key=lambda pair: (-pair[0], pair[1]))
        self._fuzzy_memo[query] = result
        return result

    def _variants(self, bucket: tuple[int | None, str | None]) -> list[tuple[str, StoredDocument]]:
        if bucket not in self._variant_cache:
            self._variant_cache[bucket] = [
                (variant, document)
                for document in self.by_year_type.get(bucket, [])
                for variant in document.number_variants
            ]
        return self._variant_cache[bucket]


@dataclass(frozen=True)
class _FuzzyQuery:
    """The parts of a dated citation that fuzzy matching reads (hashable, so results are shared)."""

    folded: str
    year: int
    type: str | None
    date: str | None
    issuer: str | None
    subject: str | None

    @classmethod
    def of(cls, citation: dict) -> _FuzzyQuery:
        return cls(
            folded=fold_number(citation["number"]),
            year=int(citation["cited_key"].rsplit("@", 1)[1]),
            type=citation["type"] or number_parts(citation["number"]).type,
            date=citation["date"],
            issuer=citation["issuer"],
            subject=citation["subject"],
        )


def _same_type(cited: str | None, stored: str | None) -> bool:
    """Whether a cited type fits a stored one; a generic type ("văn bản số 4912/UBND-NC") says
    no kind, so it fits any."""
    return cited is None or stored is None or cited in _generic_types() or cited == stored


@cache
def _generic_types() -> frozenset[str]:
    return frozenset(load("citation_terms")["generic_types"])


def _prefer(candidates: list[StoredDocument], citation: dict) -> StoredDocument:
    """Among copies of one document, the one whose date agrees, then the smallest id."""
    return min(candidates, key=lambda d: (d.issued_date != citation["date"], d.id))


def _fuzzy_score(
    query: _FuzzyQuery, number_score: float | None, document: StoredDocument
) -> float | None:
    """How well a stored document with an unreadable header fits the citation, or None.

    The date (or its month, when the header's day is unreadable) or the subject must agree
    besides a close number; a document with no readable number needs both; an issuer named on
    both sides must not contradict, nor may two full dates.
    """
    if query.date and document.issued_date and query.date != document.issued_date:
        return None
    if query.issuer and document.issuer:
        if fuzz.token_set_ratio(fold(query.issuer), fold(document.issuer)) < ISSUER_MIN:
            return None
    date_agrees = bool(query.date and document.issued_date == query.date)
    month_agrees = bool(
        query.date and document.month_year == (int(query.date[:4]), int(query.date[5:7]))
    )
    subject_score = (
        fuzz.token_set_ratio(fold(query.subject), fold(document.subject))
        if query.subject and document.subject
        else 0.0
    )
    dated = date_agrees or month_agrees
    subject_agrees = subject_score >= SUBJECT_MIN
    if not (dated and subject_agrees if number_score is None else dated or subject_agrees):
        return None
    return (number_score or 0.0) + 10 * date_agrees + 5 * month_agrees + subject_score / 10


def load_documents(db: sqlite_utils.Database) -> list[StoredDocument]:
    """Every stored document as the linker matches it: header fields and the head of its text."""
    rows = db.query(
        "select id, number, doc_type, issuer, issued_date, year, subject, "
        f"substr(text, 1, {HEADER_CHARS}) as head from documents order by id"
    )
    return [StoredDocument(**{**row, "head": row["head"] or ""}) for row in rows]


_LINK_FIELDS = (
    "target_id",
    "cited_key",
    "link_status",
    "link_method",
    "link_score",
    "citing_date",
)


def link_citations(db: sqlite_utils.Database) -> None:
    """Resolve every stored citation and rebuild ``cited_documents``, whatever the ingest order."""
    if not db["citations"].exists() or not db["documents"].exists():
        return
    ensure_link_shape(db)
    index = DocumentIndex(load_documents(db))
    citations = list(
        db.query(
            "select document_id, position, type, number, date, issuer, subject, relation, "
            "target_id, cited_key, link_status, link_method, link_score, citing_date "
            "from citations order by document_id, position"
        )
    )
    updates = []
    for citation in citations:
        key = cited_key(citation["number"], citation["date"])
        citing = index.by_id.get(citation["document_id"])
        resolution = index.resolve({**citation, "cited_key": key}, citing)
        new = (
            resolution.target_id,
            key,
            resolution.status,
            resolution.method,
            resolution.score,
            citing.issued_date if citing else None,
        )
        old = tuple(citation[name] for name in _LINK_FIELDS)
        citation.update(zip(_LINK_FIELDS, new, strict=True))
        if new != old:
            updates.append((*new, citation["document_id"], citation["position"]))
    with db.atomic():
        db.conn.executemany(
            "update citations set target_id = ?, cited_key = ?, link_status = ?, link_method = ?, "
            "link_score = ?, citing_date = ? where document_id = ? and position = ?",
            updates,
        )
        _write_cited_documents(db, _cited_documents(citations))


def _write_cited_documents(db: sqlite_utils.Database, rows: list[dict]) -> None:
    """Replace ``cited_documents`` by ``rows``, touching only the rows that changed."""
    columns = list(CITED_DOCUMENT_COLUMNS)
    wanted = {row["key"]: tuple(row[c] for c in columns) for row in rows}
    stored = {
        row[0]: tuple(row)
        for row in db.execute(f"select {', '.join(columns)} from cited_documents").fetchall()
    }
    db.conn.executemany(
        "delete from cited_documents where key = ?", [(k,) for k in stored if k not in wanted]
    )
    db.conn.executemany(
        f"insert or replace into cited_documents ({', '.join(columns)}) "
        f"values ({', '.join('?' for _ in columns)})",
        [values for key, values in wanted.items() if stored.get(key) != values],
    )


def _cited_documents(citations: list[dict]) -> list[dict]:
    """One row per cited key: the first spelling in (document, position) order, its resolution."""
    rows: dict[str, dict] = {}
    targets: dict[str, set[str]] = defaultdict(set)
    statuses: dict[str, set[str]] = defaultdict(set)
    citing: dict[str, set[str]] = defaultdict(set)
    methods: dict[str, list[str]] = defaultdict(list)
    scores: dict[str, list[float]] = defaultdict(list)
    for citation in citations:
        key = citation["cited_key"]
        row = rows.setdefault(
            key,
            {
                "key": key,
                "type": None,
                "number": citation["number"],
                "year": int(key.rsplit("@", 1)[1]) if "@" in key else None,
                "date": None,
                "issuer": None,
                "subject": None,
                "citation_count": 0,
            },
        )
        for name in ("type", "date", "issuer", "subject"):
            row[name] = row[name] or citation[name]
        row["citation_count"] += 1
        citing[key].add(citation["document_id"])
        statuses[key].add(citation["link_status"])
        if citation["target_id"]:
            targets[key].add(citation["target_id"])
            methods[key].append(citation["link_method"])
            scores[key].append(citation["link_score"])
    for key, row in rows.items():
        row["citing_documents"] = len(citing[key])
        found = sorted(targets[key])
        if len(found) == 1:
            row.update(document_id=found[0], status="resolved")
        elif len(found) > 1 or "ambiguous" in statuses[key]:
            row.update(document_id=None, status="ambiguous")
        else:
            row.update(
                document_id=None, status="self" if statuses[key] == {"self"} else "placeholder"
            )
        row["method"] = methods[key][0] if methods[key] else None
        row["score"] = max(scores[key], default=None)
    return [rows[key] for key in sorted(rows)]
