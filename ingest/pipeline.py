"""Ingest: files on disk to stored, extracted, linked documents.

``ingest_paths`` is the one function the command line, the tests and the benchmarks call.  A
file whose bytes are unchanged since the last run is skipped before any reading or extraction;
a file that cannot be read or extracted gets one ``errors`` row and the batch goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import sqlite_utils

from extract import extract_all
from extract.ledger import refresh as refresh_ledger
from extract.link import link_citations
from extract.model import Extraction
from ingest.files import DEFAULT_MAX_BYTES, Refused, expand_paths
from ingest.normalize import normalize_text
from ingest.readers import RawDocument, ReadError, read_document
from ingest.storage import file_is_unchanged, record_error, save_document

# Document ids are the first 16 hex digits of the SHA-256 of the file's bytes.
ID_LENGTH = 16


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        return f"{self.read} read, {self.new} new, {self.unchanged} unchanged, {self.failed} failed"


def _content_hash(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


@dataclass
class Prepared:
    """A file read, normalised and extracted, ready to be stored."""

    path: Path
    content_hash: str
    size: int
    raw: RawDocument
    text: str
    extraction: Extraction


@dataclass
class Failure:
    path: Path
    stage: str  # "read" or "extract"
    message: str


def prepare(path: Path, content_hash: str, size: int) -> Prepared | Failure:
    """Read, normalise and extract one file; never raises, so that it can run in a worker."""
    try:
        raw = read_document(path)
    except ReadError as error:
        return Failure(path, "read", str(error))
    except Exception as error:  # noqa: BLE001 - a reader bug must not stop the batch
        return Failure(path, "read", f"{type(error).__name__}: {error}")
    try:
        text = normalize_text(raw.text)
        return Prepared(path, content_hash, size, raw, text, extract_all(text))
    except Exception as error:  # noqa: BLE001 - an extractor bug must not stop the batch
        return Failure(path, "extract", f"{type(error).__name__}: {error}")


def _prepare_item(item: tuple[Path, str, int]) -> Prepared | Failure:
    return prepare(*item)


def _prepared_in_order(
    items: list[tuple[Path, str, int]], workers: int
) -> Iterator[Prepared | Failure]:
    """Prepared files in input order; with several workers, extraction runs in processes."""
    if workers <= 1 or len(items) <= 1:
        yield from map(_prepare_item, items)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_prepare_item, items, chunksize=1)


def ingest_paths(
    db: sqlite_utils.Database,
    paths: Iterable[str | Path],
    force: bool = False,
    progress: Callable[[Iterable, int], Iterator] | None = None,
    workers: int = 1,
    as_of: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> IngestSummary:
    """Ingest every file under ``paths`` into ``db`` and link citations across the database.

    Unchanged files (same path, same bytes) are skipped before they are read; ``progress``
    wraps the files to process (an iterable and its length) in a progress bar.  Reading and
    extraction may run in ``workers`` processes; every write happens here, one transaction per
    document, so the database never sees two writers.  Task statuses are computed as of
    ``as_of`` (default: today).  Files over ``max_bytes`` are refused with an error.
    """
    summary = IngestSummary()
    failures: list[Failure] = []
    pending: list[tuple[Path, str, int]] = []
    for path in expand_paths(paths, max_bytes):
        summary.read += 1
        if isinstance(path, Refused):
            failures.append(Failure(path.path, "read", path.message))
            continue
        try:
            content_hash, size = _content_hash(path)
        except OSError as error:
            failures.append(Failure(path, "read", f"cannot open: {error.strerror or error}"))
            continue
        if not force and file_is_unchanged(db, str(path), content_hash):
            summary.unchanged += 1
        else:
            pending.append((path, content_hash, size))
    results = _prepared_in_order(pending, workers)
    for result in progress(results, len(pending)) if progress else results:
        if isinstance(result, Failure):
            failures.append(result)
            continue
        try:
            save_document(
                db,
                document_id=result.content_hash[:ID_LENGTH],
                raw=result.raw,
                text=result.text,
                extraction=result.extraction,
                content_hash=result.content_hash,
                size=result.size,
            )
        except Exception as error:  # noqa: BLE001 - rolled back; the batch goes on
            failures.append(Failure(result.path, "store", f"{type(error).__name__}: {error}"))
            continue
        summary.new += 1
    for failure in failures:
        summary.failed += 1
        summary.errors.append((str(failure.path), failure.message))
        record_error(db, str(failure.path), failure.stage, failure.message)
    if summary.new:
        link_documents(db, as_of)
    return summary


def link_documents(db: sqlite_utils.Database, as_of: date | None = None) -> None:
    """The cross-document stage: citations to documents, then people, agencies and the task
    ledger with each task's status as of ``as_of`` (default: today)."""
    link_citations(db)
    refresh_ledger(db, as_of=as_of)


def extract_path(path: Path) -> tuple[str, Extraction]:
    """Read and extract one file without storing it: ``(normalised text, extraction)``."""
    text = normalize_text(read_document(path).text)
    return text, extract_all(text)
