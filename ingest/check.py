"""Checking a stored database, and rebuilding what can be rebuilt from what it holds.

A database that a crash, a bug or a hand-edit left inconsistent still answers queries, only
wrongly: a document missing from the search index is never found, a placeholder that a later
document could resolve stays a dead link.  ``check_database`` looks for every such damage and
returns findings; ``repair_database`` rebuilds what is derived from the stored documents (search
indexes, links, the rows of documents that no longer exist), then checks again.  Documents are
never deleted: they are the record; everything else can be derived again from them.

Damage to SQLite's own pages (``PRAGMA integrity_check``) is not repaired here: rewriting pages
is the job of sqlite3's ``.recover``, run on a copy.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from extract.link import DocumentIndex, cited_key, load_documents
from ingest.pipeline import ID_LENGTH, content_hash, link_documents
from ingest.storage import (
    EXTRACTOR_VERSION,
    LINK_NEEDED,
    connect,
    ensure_db_shape,
    link_is_needed,
    now,
)

SQLITE_HEADER = b"SQLite format 3\x00"

# Each search index and the triggers on ``documents`` that keep it current (ingest/storage.py;
# sqlite-utils names the triggers of ``enable_fts``).
SEARCH_INDEXES = {
    "documents_fts": ("documents_ai", "documents_ad", "documents_au"),
    "documents_fts_exact": ("documents_exact_ai", "documents_exact_ad", "documents_exact_au"),
    "documents_fts_title": ("documents_title_ai", "documents_title_ad", "documents_title_au"),
}

# Tables that linking rebuilds from citations and entities, and their columns naming a document:
# a row naming a document that no longer exists means linking has not run since it went.
DERIVED_REFERENCES = (
    ("cited_documents", "document_id"),
    ("people_mentions", "document_id"),
    ("task_ledger", "document_id"),
    ("task_evidence", "document_id"),
    ("task_evidence", "report_document_id"),
)

# Newer SQLite versions check FTS5 tables inside ``PRAGMA integrity_check``; a search index out of
# step with its documents is reported (and rebuilt) by the search index check, not as corruption.
_FTS_IN_INTEGRITY_LINE = re.compile(r"(?i)fts5 table main\.(\w+)")

# Kinds of finding; those in REPAIRABLE are fixed by ``repair_database``.
CORRUPTION = "corruption"
SEARCH_INDEX = "search index"
ORPHAN_ROWS = "orphan rows"
ORPHAN_FILE = "orphan file row"
UNFILED = "document without file row"
LOST_FILE = "document whose file is gone"
LINKS = "links"
OUTDATED = "extractor version"
REPAIRABLE = {SEARCH_INDEX, ORPHAN_ROWS, ORPHAN_FILE, UNFILED, LINKS}


class NotADatabase(Exception):
    """The path given is not a vanban database: missing, not SQLite, or without documents."""


@dataclass(frozen=True)
class Finding:
    """One thing wrong: its kind, the table it concerns, and a line for the operator."""

    kind: str
    table: str
    message: str

    @property
    def repairable(self) -> bool:
        return self.kind in REPAIRABLE

    def line(self) -> str:
        return f"{self.kind}: {self.table}: {self.message}"


@dataclass
class CheckReport:
    documents: int | None  # None when SQLite could not count them
    findings: list[Finding] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.findings

    @property
    def corrupt(self) -> bool:
        return any(finding.kind == CORRUPTION for finding in self.findings)

    @property
    def repairable(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.repairable]

    def lines(self) -> list[str]:
        """One line per finding, then the summary."""
        return [finding.line() for finding in self.findings] + [self.summary()]

    def summary(self) -> str:
        if self.corrupt:
            return "the database file is damaged: nothing else was checked"
        if self.clean:
            return f"clean: {_count(self.documents, 'document')}, no problem found"
        return (
            f"{_count(len(self.findings), 'problem')} found in a database of "
            f"{_count(self.documents, 'document')}, {len(self.repairable)} repairable"
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


@dataclass
class RepairReport:
    before: CheckReport
    actions: list[str]
    after: CheckReport

    def lines(self) -> list[str]:
        """What was found, what was done, and what the check after it says."""
        found = [finding.line() for finding in self.before.findings]
        if not self.actions:
            return found + [self.after.summary()]
        done = [f"repaired: {action}" for action in self.actions]
        return found + done + ["after repair:"] + self.after.lines()


def open_checked(path: str | Path) -> sqlite_utils.Database:
    """The vanban database at ``path``, opened without changing it; NotADatabase when it is not.

    The file's first bytes are read before SQLite opens it, because SQLite would create a missing
    file and take an empty one for a new database.  It is opened as a writer opens it: checking a
    search index (FTS5's integrity-check command) and repairing both take the write lock, and
    wait their turn while an ingest holds it, up to the busy timeout."""
    path = Path(path)
    if not path.exists():
        raise NotADatabase(f"{path} does not exist: run `vanban ingest` first")
    if not path.is_file():
        raise NotADatabase(f"{path} is not a file")
    with open(path, "rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotADatabase(f"{path} is not a SQLite database")
    db = connect(path)
    try:
        has_documents = db["documents"].exists()
    except sqlite3.OperationalError:
        db.close()
        raise
    except sqlite3.DatabaseError:  # its schema is damaged: the check reports it
        return db
    if not has_documents:
        db.close()
        raise NotADatabase(f"{path} is not a vanban database: it has no documents table")
    return db


def check_database(db: sqlite_utils.Database) -> CheckReport:
    """Every finding about ``db``; only the integrity check when SQLite's pages are damaged, since
    what the other checks read could not be trusted."""
    try:
        corruption = _integrity(db)
        documents = db.execute("select count(*) from documents").fetchone()[0]
        if corruption:
            return CheckReport(documents, corruption)
        findings = [
            *_foreign_keys(db),
            *_search_indexes(db),
            *_files(db),
            *_link_needed(db),
            *_links(db),
            *_derived(db),
            *_outdated(db),
        ]
    except sqlite3.OperationalError:
        raise  # locked, read-only, out of disk: not the database's fault
    except sqlite3.DatabaseError as error:  # malformed pages that integrity_check did not reach
        message = f"SQLite cannot read it: {error}"
        return CheckReport(None, [Finding(CORRUPTION, "database", message)])
    return CheckReport(documents, findings)


def _integrity(db: sqlite_utils.Database) -> list[Finding]:
    rows = db.execute("PRAGMA integrity_check").fetchall()
    damaged = [
        line
        for row in rows
        for line in row[0].splitlines()
        if line not in ("ok", "*** in database main ***")
        and not _names_search_index(_FTS_IN_INTEGRITY_LINE.search(line))
    ]
    if not damaged:
        return []
    more = f" (and {len(damaged) - 1} more)" if len(damaged) > 1 else ""
    return [Finding(CORRUPTION, "database", f"integrity_check: {damaged[0]}{more}")]


def _names_search_index(match: re.Match | None) -> bool:
    return bool(match) and match.group(1) in SEARCH_INDEXES


def _foreign_keys(db: sqlite_utils.Database) -> list[Finding]:
    """Rows whose parent is gone (PRAGMA foreign_key_check): every entity table names its document
    by a foreign key, so these are the entities of documents that no longer exist."""
    broken: dict[tuple[str, str], int] = defaultdict(int)
    for table, _rowid, parent, _key in db.execute("PRAGMA foreign_key_check").fetchall():
        broken[(table, parent)] += 1
    return [
        Finding(ORPHAN_ROWS, table, f"{_count(count, 'row')} naming a missing {parent} row")
        for (table, parent), count in sorted(broken.items())
    ]


def _search_indexes(db: sqlite_utils.Database) -> list[Finding]:
    findings = []
    triggers = set(db.triggers_dict)
    for index, index_triggers in SEARCH_INDEXES.items():
        if not db[index].exists():
            findings.append(Finding(SEARCH_INDEX, index, "the index is missing"))
            continue
        missing = [name for name in index_triggers if name not in triggers]
        if missing:
            findings.append(
                Finding(
                    SEARCH_INDEX,
                    index,
                    f"triggers {', '.join(missing)} are missing: edits to documents are not indexed",
                )
            )
        documents, unindexed, stray = db.execute(
            f"select (select count(*) from documents), "
            f"(select count(*) from documents where rowid not in "
            f"(select id from {index}_docsize)), (select count(*) from {index}_docsize "
            f"where id not in (select rowid from documents))"
        ).fetchone()
        if unindexed or stray:
            message = (
                f"{unindexed} of {_count(documents, 'document')} not indexed, "
                f"{_count(stray, 'index row')} for missing documents"
            )
            findings.append(Finding(SEARCH_INDEX, index, message))
        elif not _fts_consistent(db, index):
            findings.append(
                Finding(SEARCH_INDEX, index, "the index does not match the documents' text")
            )
    return findings


def _fts_consistent(db: sqlite_utils.Database, index: str) -> bool:
    """FTS5's own check of an external-content index against its content table (rank 1)."""
    try:
        db.execute(f"insert into {index}({index}, rank) values ('integrity-check', 1)")
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorname", "") == "SQLITE_CORRUPT_VTAB":
            return False
        raise
    return True


def _files(db: sqlite_utils.Database) -> list[Finding]:
    findings = [
        Finding(ORPHAN_FILE, "files", f"{row['path']} names missing document {row['document_id']}")
        for row in db.query(
            "select path, document_id from files "
            "where document_id not in (select id from documents) order by path"
        )
    ]
    for document in _unfiled_documents(db):
        if _file_holds(Path(document["path"]), document["id"]):
            message = f"document {document['id']} has no files row; {document['path']} holds it"
            findings.append(Finding(UNFILED, "documents", message))
        else:
            message = (
                f"document {document['id']} has no files row and {document['path']} no longer "
                "holds it (a relative path is read from the current folder): kept, as it may be "
                "the only copy"
            )
            findings.append(Finding(LOST_FILE, "documents", message))
    return findings


def _unfiled_documents(db: sqlite_utils.Database) -> list[dict]:
    return list(
        db.query(
            "select id, path, ingested_at from documents "
            "where id not in (select document_id from files where document_id is not null) "
            "order by path"
        )
    )


def _file_holds(path: Path, document_id: str) -> bool:
    return _file_hash(path)[:ID_LENGTH] == document_id


def _file_hash(path: Path) -> str:
    """The file's content hash; empty when there is no such file."""
    return content_hash(path) if path.is_file() else ""


def _link_needed(db: sqlite_utils.Database) -> list[Finding]:
    """The flag that storing a document sets and linking clears: set, a run stopped between."""
    if not (db["meta"].exists() and link_is_needed(db)):
        return []
    message = f"{LINK_NEEDED} is set: documents were stored after linking last finished"
    return [Finding(LINKS, "meta", message)]


def _links(db: sqlite_utils.Database) -> list[Finding]:
    """Citations whose stored link is not what the linker would choose now, by its own logic.

    The usual cause is a placeholder whose document was stored after the last linking (a crash
    between storing and linking, or a database edited by hand)."""
    citations = db["citations"]
    if not citations.exists():
        return []
    if "link_status" not in citations.columns_dict:
        count = citations.count
        return (
            [Finding(LINKS, "citations", f"{_count(count, 'citation')} never linked")]
            if count
            else []
        )
    index = DocumentIndex(load_documents(db))
    resolvable: dict[str, set[str]] = defaultdict(set)
    stale = 0
    rows = db.query(
        "select document_id, position, type, number, date, issuer, subject, "
        "target_id, cited_key, link_status from citations order by document_id, position"
    )
    for citation in rows:
        key = cited_key(citation["number"], citation["date"])
        resolution = index.resolve(
            {**citation, "cited_key": key}, index.by_id.get(citation["document_id"])
        )
        stored = (citation["target_id"], citation["cited_key"], citation["link_status"])
        if stored == (resolution.target_id, key, resolution.status):
            continue
        if citation["link_status"] in (None, "placeholder") and resolution.target_id:
            resolvable[key].add(resolution.target_id)
        else:
            stale += 1
    findings = [
        Finding(
            LINKS,
            "citations",
            f"placeholder {key} can now be resolved to {', '.join(sorted(targets))}",
        )
        for key, targets in sorted(resolvable.items())
    ]
    if stale:
        findings.append(
            Finding(
                LINKS,
                "citations",
                f"{_count(stale, 'citation')} whose link is out of date",
            )
        )
    return findings


def _derived(db: sqlite_utils.Database) -> list[Finding]:
    findings = []
    for table, column in DERIVED_REFERENCES:
        if not db[table].exists() or column not in db[table].columns_dict:
            continue
        count = db.execute(
            f"select count(*) from {table} where {column} is not null "
            f"and {column} not in (select id from documents)"
        ).fetchone()[0]
        if count:
            message = f"{_count(count, 'row')} whose {column} names a missing document"
            findings.append(Finding(LINKS, table, message))
    return findings


def _outdated(db: sqlite_utils.Database) -> list[Finding]:
    return [
        Finding(
            OUTDATED,
            "documents",
            f"{row['path']} extracted by version {row['extractor_version']} (now "
            f"{EXTRACTOR_VERSION}): re-extract with `vanban ingest --force`",
        )
        for row in db.query(
            "select path, extractor_version from documents "
            "where extractor_version is null or extractor_version < ? order by path",
            [EXTRACTOR_VERSION],
        )
    ]


def repair_database(db: sqlite_utils.Database) -> RepairReport:
    """Rebuild what the findings of a check show out of step, then check again.

    Nothing is done to a database whose pages are damaged: rebuilding on top of them could
    spread the damage."""
    before = check_database(db)
    if before.corrupt:
        return RepairReport(before, [], before)
    kinds = {finding.kind for finding in before.findings}
    actions = []
    broken_indexes = sorted({f.table for f in before.findings if f.kind == SEARCH_INDEX})
    actions += [_rebuild_index(db, index) for index in broken_indexes]
    if ORPHAN_ROWS in kinds:
        actions += _delete_orphan_rows(db)
    if ORPHAN_FILE in kinds:
        actions.append(_delete_orphan_files(db))
    if UNFILED in kinds:
        actions.append(_restore_files_rows(db))
    if kinds & {LINKS, ORPHAN_ROWS}:
        link_documents(db)
        actions.append("linked citations again; people, agencies and task ledger rebuilt")
    return RepairReport(before, actions, check_database(db))


def _rebuild_index(db: sqlite_utils.Database, index: str) -> str:
    """Re-read every document into ``index``; an index without its triggers is made anew."""
    triggers = set(db.triggers_dict)
    if db[index].exists() and all(name in triggers for name in SEARCH_INDEXES[index]):
        db.execute(f"insert into {index}({index}) values ('rebuild')")
        return f"rebuilt search index {index}"
    with db.atomic():
        for name in SEARCH_INDEXES[index]:
            db.execute(f"drop trigger if exists {name}")
        db.execute(f"drop table if exists {index}")
        ensure_db_shape(db)
    return f"created search index {index} and its triggers again"


def _delete_orphan_rows(db: sqlite_utils.Database) -> list[str]:
    """Delete the rows that foreign_key_check lists; documents have no parent, so none of them."""
    deleted: dict[str, int] = defaultdict(int)
    with db.atomic():
        for table, rowid, _parent, _key in db.execute("PRAGMA foreign_key_check").fetchall():
            db.execute(f"delete from [{table}] where rowid = ?", [rowid])
            deleted[table] += 1
    return [
        f"deleted {_count(count, 'row')} of {table} whose document is missing"
        for table, count in sorted(deleted.items())
    ]


def _delete_orphan_files(db: sqlite_utils.Database) -> str:
    with db.atomic():
        deleted = db.execute(
            "delete from files where document_id not in (select id from documents)"
        ).rowcount
    return f"deleted {deleted} files rows naming missing documents: the next ingest reads them"


def _restore_files_rows(db: sqlite_utils.Database) -> str:
    """A files row again for each document whose file still holds the same bytes."""
    rows = []
    for document in _unfiled_documents(db):
        path = Path(document["path"])
        digest = _file_hash(path)
        if digest[:ID_LENGTH] == document["id"]:
            rows.append(
                {
                    "path": str(path),
                    "document_id": document["id"],
                    "content_hash": digest,
                    "size": path.stat().st_size,
                    "ingested_at": document["ingested_at"] or now(),
                }
            )
    with db.atomic():
        db["files"].upsert_all(rows, pk="path")
    return f"restored {len(rows)} files rows from the files on disk"
