"""The SQLite database: its shape, and saving a document with everything extracted from it.

Like the X-to-sqlite tools: ``ensure_db_shape(db)`` creates tables, indexes and full-text search
as described here and skips what exists, so it is safe to run on every ingest; ``save_document``
writes one document and all its entities in one transaction, replacing whatever that path held
before, so that a crash never leaves a half-written document.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from extract.model import Extraction
from ingest.normalize import fold
from ingest.readers import PAGE_BREAK, RawDocument

# Bump when extraction rules change, so that `ingest --force` is known to be needed.
EXTRACTOR_VERSION = 2

DOCUMENT_COLUMNS = {
    "id": str,
    "path": str,
    "filename": str,
    "format": str,
    "encoding": str,
    "page_count": int,
    "ocr": int,
    "ocr_confidence": float,
    "warnings": str,
    "doc_type": str,
    "number": str,
    "number_key": str,
    "issuer": str,
    "parent_issuer": str,
    "place": str,
    "issued_date": str,
    "year": int,
    "subject": str,
    "urgency": str,
    "signer_name": str,
    "signer_title": str,
    "signer_on_behalf": str,
    "file_title": str,
    "file_published": str,
    "original_text": str,
    "text": str,
    "text_folded": str,
    "ingested_at": str,
    "extractor_version": int,
}

# Entity tables: one row per entity, keyed by (document_id, position) so that re-saving a
# document replaces its rows exactly.
ENTITY_COLUMNS: dict[str, dict[str, type]] = {
    "recipients": {"document_id": str, "position": int, "name": str},
    "citations": {
        "document_id": str,
        "position": int,
        "start": int,
        "end": int,
        "page": int,
        "text": str,
        "type": str,
        "number": str,
        "date": str,
        "issuer": str,
        "relation": str,
    },
    "statistics": {
        "document_id": str,
        "position": int,
        "start": int,
        "end": int,
        "page": int,
        "text": str,
        "value": float,
        "unit": str,
        "indicator": str,
        "as_of": str,
        "area": str,
        "qualifier": str,
        "sentence": str,
        "total": float,
        "upper": float,
        "change": str,
        "group_key": str,
    },
    "officials": {
        "document_id": str,
        "position": int,
        "start": int,
        "end": int,
        "page": int,
        "name": str,
        "titles": str,
    },
    "tasks": {
        "document_id": str,
        "position": int,
        "start": int,
        "end": int,
        "page": int,
        "assignee": str,
        "action": str,
        "deadline": str,
        "deadline_kind": str,
        "co_assignees": str,
    },
}

# A file is known unchanged, without reading it, when its size and modification time (st_mtime_ns)
# are those recorded here; the content hash decides when they differ.
FILE_COLUMNS = {
    "path": str,
    "document_id": str,
    "content_hash": str,
    "size": int,
    "mtime_ns": int,
    "ingested_at": str,
}

# Every column the site filters, facets, sorts or joins on, so that each of those is an index
# search at any size.  Entity tables need none for document_id: it leads their primary key.
INDEXED_COLUMNS = (
    ("documents", "number_key"),
    ("documents", "issued_date"),
    ("documents", "doc_type"),
    ("documents", "issuer"),
    ("documents", "year"),
    ("files", "document_id"),
    ("recipients", "name"),
    ("citations", "number"),
    ("citations", "type"),
    ("citations", "relation"),
    ("citations", "issuer"),
    ("statistics", "indicator"),
    ("statistics", "unit"),
    ("statistics", "area"),
    ("statistics", "as_of"),
    ("officials", "name"),
    ("tasks", "assignee"),
    ("tasks", "deadline"),
    ("tasks", "deadline_kind"),
    ("errors", "stage"),
)

# Milliseconds a writer waits for another writer's transaction (or a checkpoint) to finish.
BUSY_TIMEOUT_MS = 60_000

# Keys of the ``meta`` table.  LINK_NEEDED is set in the transaction that stores a document and
# cleared when linking has finished, so that a run killed between the two links on the next run
# even though every file is then unchanged.
LINK_NEEDED = "link_needed"

FTS_COLUMNS = ["number", "subject", "text", "text_folded"]
# The index of the text as written: what a reader types, with its diacritics.
EXACT_FTS_TABLE = "documents_fts_exact"
EXACT_FTS_COLUMNS = ("subject", "text")
# The index of the number and subject alone, for search to find documents about its words.
TITLE_FTS_TABLE = "documents_fts_title"
TITLE_FTS_COLUMNS = ("number", "subject")


class _ImmediateConnection(sqlite3.Connection):
    """A connection on which every transaction that sqlite-utils begins (``db.atomic()`` issues
    a plain BEGIN) takes the write lock at once.  A deferred transaction that reads and then
    writes fails with "database is locked", without waiting, when another writer committed since
    it read; one begun IMMEDIATE waits its turn, up to the busy timeout."""

    def execute(self, sql: str, *parameters):
        return super().execute("BEGIN IMMEDIATE" if sql == "BEGIN" else sql, *parameters)


def connect(path: str | Path) -> sqlite_utils.Database:
    """A connection for a process that writes to the database at ``path`` as it is: its
    transactions wait their turn (immediate, with a busy timeout) while other writers finish."""
    db = sqlite_utils.Database(sqlite3.connect(path, factory=_ImmediateConnection))
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return db


def open_db(path: str | Path) -> sqlite_utils.Database:
    """The database at ``path`` in WAL mode, shaped for vanban, for a writer.

    In WAL mode readers (``vanban serve``) keep reading a consistent snapshot while ingest
    writes; the busy timeout makes a writer wait for another writer instead of failing with
    "database is locked"; the shape is created in one transaction, so that a process killed
    while creating it never leaves half of it (a search index without its triggers)."""
    db = connect(path)
    db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")
    with db.atomic():
        ensure_db_shape(db)
    return db


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    """Create every table, index and FTS index that does not exist yet."""
    db["documents"].create(DOCUMENT_COLUMNS, pk="id", if_not_exists=True)
    db["files"].create(FILE_COLUMNS, pk="path", if_not_exists=True)
    for name, kind in FILE_COLUMNS.items():
        if name not in db["files"].columns_dict:  # a database from before the column
            db["files"].add_column(name, kind)
    for table, columns in ENTITY_COLUMNS.items():
        db[table].create(
            columns,
            pk=("document_id", "position"),
            foreign_keys=[("document_id", "documents", "id")],
            if_not_exists=True,
        )
    db["errors"].create(
        {"id": int, "path": str, "stage": str, "message": str, "time": str},
        pk="id",
        if_not_exists=True,
    )
    db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
    for table, column in INDEXED_COLUMNS:
        db[table].create_index([column], if_not_exists=True)
    if not db["documents_fts"].exists():
        db["documents"].enable_fts(
            FTS_COLUMNS, tokenize="unicode61 remove_diacritics 2", create_triggers=True
        )
    _ensure_exact_fts(db)
    _ensure_title_fts(db)


def _ensure_exact_fts(db: sqlite_utils.Database) -> None:
    """Create ``documents_fts_exact``: the subject and text indexed as written, diacritics kept.

    documents_fts folds diacritics so that "an toan" finds "an toàn"; this second index tells
    "án" (a verdict) from "an" (safe), so that search can rank the word as the user typed it first."""
    _ensure_content_fts(
        db, EXACT_FTS_TABLE, EXACT_FTS_COLUMNS, "unicode61 remove_diacritics 0", "documents_exact"
    )


def _ensure_title_fts(db: sqlite_utils.Database) -> None:
    """Create ``documents_fts_title``: the number and subject alone, diacritics folded (đ kept,
    as unicode61 does).  Its lists are a few words per document, so that search can find the
    documents whose subject holds the words among any number of documents holding them in
    the text, without reading the text's long lists."""
    _ensure_content_fts(
        db, TITLE_FTS_TABLE, TITLE_FTS_COLUMNS, "unicode61 remove_diacritics 2", "documents_title"
    )


def _ensure_content_fts(
    db: sqlite_utils.Database, table: str, columns: tuple[str, ...], tokenize: str, prefix: str
) -> None:
    """An external-content FTS5 index over ``columns`` of documents, kept current by triggers
    named ``{prefix}_ai/_ad/_au``, built from the stored documents when it is new."""
    if db[table].exists():
        return
    names = ", ".join(columns)
    new_values = ", ".join(f"new.{column}" for column in columns)
    old_values = ", ".join(f"old.{column}" for column in columns)
    delete = (
        f"insert into {table}({table}, rowid, {names}) values ('delete', old.rowid, {old_values});"
    )
    insert = f"insert into {table}(rowid, {names}) values (new.rowid, {new_values});"
    db.executescript(
        f"""
        create virtual table {table} using fts5(
            {names}, content='documents', tokenize='{tokenize}'
        );
        create trigger {prefix}_ai after insert on documents begin {insert} end;
        create trigger {prefix}_ad after delete on documents begin {delete} end;
        create trigger {prefix}_au after update on documents begin {delete} {insert} end;
        insert into {table}({table}) values ('rebuild');
        """
    )


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def page_of(text: str, offset: int) -> int:
    """The 1-based page holding ``offset`` of a text whose pages are split by PAGE_BREAK."""
    return text.count(PAGE_BREAK, 0, max(offset, 0)) + 1


def number_key(number: str | None) -> str | None:
    """A document number folded for matching: no diacritics, upper-case, no spaces, one dash."""
    if not number:
        return None
    key = fold(number).upper()
    for dash in "–—‐":
        key = key.replace(dash, "-")
    return "".join(key.split())


def stored_file(db: sqlite_utils.Database, path: str) -> dict | None:
    """The ``files`` row of ``path`` (its size, mtime_ns and content hash), or None."""
    rows = list(db.query("select * from files where path = ?", [path]))
    return rows[0] if rows else None


def record_file_stat(db: sqlite_utils.Database, path: str, size: int, mtime_ns: int) -> None:
    """Remember the size and modification time of a file found unchanged by its hash (touched or
    copied back), so that the next run skips it without reading it."""
    with db.atomic():
        db["files"].update(path, {"size": size, "mtime_ns": mtime_ns})


def _entity_rows(document_id: str, text: str, entities: Iterable) -> list[dict]:
    rows = []
    for position, entity in enumerate(entities):
        row = asdict(entity)
        for key, value in row.items():
            if isinstance(value, list | tuple):
                row[key] = json.dumps(list(value), ensure_ascii=False)
        rows.append(
            {
                "document_id": document_id,
                "position": position,
                "page": page_of(text, row["start"]),
                **row,
            }
        )
    return rows


def _delete_document(db: sqlite_utils.Database, document_id: str) -> None:
    for table in ENTITY_COLUMNS:
        db[table].delete_where("document_id = ?", [document_id])
    db["documents"].delete_where("id = ?", [document_id])


def save_document(
    db: sqlite_utils.Database,
    *,
    document_id: str,
    raw: RawDocument,
    text: str,
    extraction: Extraction,
    content_hash: str,
    size: int,
    mtime_ns: int | None = None,
) -> None:
    """Store one document and its entities in one transaction, replacing what its path held."""
    header = extraction.header
    signer = header.signer
    path = str(raw.path)
    document = {
        "id": document_id,
        "path": path,
        "filename": raw.path.name,
        "format": raw.format,
        "encoding": raw.encoding,
        "page_count": raw.page_count,
        "ocr": int(raw.ocr),
        "ocr_confidence": raw.ocr_confidence,
        "warnings": json.dumps(raw.warnings, ensure_ascii=False),
        "doc_type": header.doc_type,
        "number": header.number,
        "number_key": number_key(header.number),
        "issuer": header.issuer,
        "parent_issuer": header.parent_issuer,
        "place": header.place,
        "issued_date": header.issued_date,
        "year": header.year,
        "subject": header.subject,
        "urgency": header.urgency,
        "signer_name": signer.name if signer else None,
        "signer_title": signer.title if signer else None,
        "signer_on_behalf": signer.on_behalf if signer else None,
        "file_title": raw.title,
        "file_published": raw.published,
        "original_text": raw.text,
        "text": text,
        "text_folded": fold(text),
        "ingested_at": now(),
        "extractor_version": EXTRACTOR_VERSION,
    }
    with db.atomic():
        previous = list(db.query("select document_id from files where path = ?", [path]))
        if previous and previous[0]["document_id"] != document_id:
            old_id = previous[0]["document_id"]
            others = db.execute(
                "select count(*) from files where document_id = ? and path != ?", [old_id, path]
            ).fetchone()[0]
            if not others:
                _delete_document(db, old_id)
        _delete_document(db, document_id)
        db["documents"].insert(document)
        db["recipients"].insert_all(
            {"document_id": document_id, "position": i, "name": name}
            for i, name in enumerate(header.recipients)
        )
        for table, entities in (
            ("citations", extraction.citations),
            ("statistics", extraction.statistics),
            ("officials", extraction.officials),
            ("tasks", extraction.tasks),
        ):
            db[table].insert_all(_entity_rows(document_id, text, entities), alter=True)
        db["files"].upsert(
            {
                "path": path,
                "document_id": document_id,
                "content_hash": content_hash,
                "size": size,
                "mtime_ns": mtime_ns,
                "ingested_at": now(),
            },
            pk="path",
        )
        _mark_link_needed(db)


def record_error(db: sqlite_utils.Database, path: str, stage: str, message: str) -> None:
    """One row in ``errors``; what was stored before is left as it was."""
    with db.atomic():
        db["errors"].insert({"path": path, "stage": stage, "message": message, "time": now()})


def _mark_link_needed(db: sqlite_utils.Database) -> None:
    db.execute("insert or replace into meta (key, value) values (?, '1')", [LINK_NEEDED])


def link_is_needed(db: sqlite_utils.Database) -> bool:
    """Whether a document was stored since linking last finished."""
    return bool(db.execute("select count(*) from meta where key = ?", [LINK_NEEDED]).fetchone()[0])


def clear_link_needed(db: sqlite_utils.Database) -> None:
    with db.atomic():
        db.execute("delete from meta where key = ?", [LINK_NEEDED])
