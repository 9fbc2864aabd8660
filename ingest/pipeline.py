"""Ingest: files on disk to stored, extracted, linked documents.

``ingest_paths`` is the one function the command line, the tests and the benchmarks call.  It is
a stream in three stages, so that memory stays bounded however large the archive:

1. *scan*: files are discovered lazily; a file whose size and modification time are those
   recorded for its path is skipped without being read, any other is hashed (the hash is the
   document id) and skipped if its bytes are unchanged;
2. *prepare*: reading and extraction run here, in worker processes, or on a Dask cluster, with
   at most a few files in flight per worker;
3. *store*: one writer stores the outcomes in input order, several documents per transaction,
   each document all-or-nothing in its own savepoint.  A file that cannot be read, extracted or
   stored gets one ``errors`` row and the batch goes on.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import sqlite_utils

from extract import extract_all
from extract.ledger import refresh as refresh_ledger
from extract.link import link_citations
from extract.model import Extraction
from ingest.files import DEFAULT_MAX_BYTES, Refused, expand_paths
from ingest.normalize import normalize_text, printed_spelling
from ingest.readers import RawDocument, ReadError, read_document
from ingest.storage import (
    clear_link_needed,
    link_is_needed,
    record_error,
    record_file_stat,
    save_document,
    stored_file,
)

# Document ids are the first 16 hex digits of the SHA-256 of the file's bytes.
ID_LENGTH = 16
# Files handed to each worker ahead of the writer: enough to keep every worker busy while the
# writer stores, few enough that the texts in flight stay a small, fixed amount of memory.
IN_FLIGHT_PER_WORKER = 4
# Files already decided (unchanged, refused) that may queue behind the jobs in flight, per job:
# so that a re-ingest with a few changed files among many unchanged keeps every worker busy.
QUEUED_PER_JOB = 64
# The writer commits after this many documents, or once a batch is this many seconds old
# (checked as each outcome arrives): fewer commits, and a crash loses only a batch to redo.
BATCH_DOCUMENTS = 50
BATCH_SECONDS = 2.0


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        return f"{self.read} read, {self.new} new, {self.unchanged} unchanged, {self.failed} failed"


def content_hash(path: Path) -> str:
    """The SHA-256 of a file's bytes; its first ID_LENGTH digits are the document's id."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@dataclass
class Job:
    """A file to read and extract, with what the scan learnt about it."""

    path: Path
    content_hash: str
    size: int
    mtime_ns: int


@dataclass
class Unchanged:
    """A file whose bytes are those already stored; ``restat`` when only its stat changed."""

    path: Path
    size: int
    mtime_ns: int
    restat: bool = False


@dataclass
class Prepared:
    """A file read, normalised and extracted, ready to be stored."""

    path: Path
    content_hash: str
    size: int
    raw: RawDocument
    text: str
    extraction: Extraction
    mtime_ns: int | None = None


@dataclass
class Failure:
    path: Path
    stage: str  # "read", "extract" or "store"
    message: str


@dataclass
class _Submitted:
    path: Path
    future: Future


def prepare(
    path: Path, content_hash: str, size: int, mtime_ns: int | None = None
) -> Prepared | Failure:
    """Read, normalise and extract one file; never raises and never touches the database, so
    that it can run in a worker process or on a Dask worker."""
    try:
        raw = read_document(path)
    except ReadError as error:
        return Failure(path, "read", str(error))
    except Exception as error:  # noqa: BLE001 - a reader bug must not stop the batch
        return Failure(path, "read", f"{type(error).__name__}: {error}")
    try:
        text = normalize_text(raw.text)
        return Prepared(path, content_hash, size, raw, text, extract_all(text), mtime_ns)
    except Exception as error:  # noqa: BLE001 - an extractor bug must not stop the batch
        return Failure(path, "extract", f"{type(error).__name__}: {error}")


def _scan(
    db: sqlite_utils.Database, paths: Iterable[str | Path], force: bool, max_bytes: int
) -> Iterator[Job | Unchanged | Failure]:
    """Each file found, decided: unchanged (by size and mtime, else by hash), failed, or a job.

    The stat is taken before the hash, so that a file written meanwhile is hashed again next
    time rather than skipped."""
    for path in expand_paths(paths, max_bytes):
        if isinstance(path, Refused):
            yield Failure(path.path, "read", path.message)
            continue
        try:
            stat = path.stat()
            stored = None if force else stored_file(db, str(path))
            if stored and (stored["size"], stored["mtime_ns"]) == (stat.st_size, stat.st_mtime_ns):
                yield Unchanged(path, stat.st_size, stat.st_mtime_ns)
                continue
            digest = content_hash(path)
        except OSError as error:
            yield Failure(path, "read", f"cannot open: {error.strerror or error}")
            continue
        if stored and stored["content_hash"] == digest:
            yield Unchanged(path, stat.st_size, stat.st_mtime_ns, restat=True)
        else:
            yield Job(path, digest, stat.st_size, stat.st_mtime_ns)


def _outcome(entry: Unchanged | Failure | Prepared | _Submitted) -> Unchanged | Failure | Prepared:
    if not isinstance(entry, _Submitted):
        return entry
    try:
        outcome = entry.future.result()
    except Exception as error:  # noqa: BLE001 - a worker lost (killed, out of memory)
        return Failure(entry.path, "extract", f"worker failed: {type(error).__name__}: {error}")
    # The worker was given the absolute path; the database records the path as it was named.
    if isinstance(outcome, Prepared):
        return replace(outcome, path=entry.path, raw=replace(outcome.raw, path=entry.path))
    return replace(outcome, path=entry.path)


def _prepared_in_order(
    items: Iterable[Job | Unchanged | Failure], executor: Executor | None, in_flight: int
) -> Iterator[Prepared | Unchanged | Failure]:
    """Every item's outcome, in input order.  Jobs are prepared here when there is no executor;
    otherwise they are submitted as the items come, with at most ``in_flight`` jobs waiting and
    QUEUED_PER_JOB times as many items in all (unchanged files queue behind a slow one)."""
    pending: deque = deque()
    submitted = 0
    for item in items:
        if not isinstance(item, Job):
            pending.append(item)
        elif executor is None:
            pending.append(prepare(item.path, item.content_hash, item.size, item.mtime_ns))
        else:
            # Absolute: a worker (a Dask worker on another machine) has its own working folder.
            future = executor.submit(
                prepare, item.path.absolute(), item.content_hash, item.size, item.mtime_ns
            )
            pending.append(_Submitted(item.path, future))
            submitted += 1
        while submitted > in_flight or len(pending) > in_flight * QUEUED_PER_JOB:
            entry = pending.popleft()
            submitted -= isinstance(entry, _Submitted)
            yield _outcome(entry)
    while pending:
        yield _outcome(pending.popleft())


class RenewingProcessPool(Executor):
    """Worker processes started afresh when one dies (a reader crashing or killed for memory on
    a hostile file): the files in flight then fail with an error row, and are read again on the
    next run, and the rest of the batch goes on."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers)

    def submit(self, fn, /, *args, **kwargs) -> Future:
        try:
            return self._pool.submit(fn, *args, **kwargs)
        except BrokenProcessPool:
            self._pool.shutdown(wait=False)
            self._pool = ProcessPoolExecutor(max_workers=self.workers)
            return self._pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def _store(db: sqlite_utils.Database, outcome, summary: IngestSummary) -> None:
    """Store one outcome; a document that cannot be stored becomes an error row instead."""
    if isinstance(outcome, Unchanged):
        summary.unchanged += 1
        if outcome.restat:
            record_file_stat(db, str(outcome.path), outcome.size, outcome.mtime_ns)
        return
    if isinstance(outcome, Prepared):
        try:
            save_document(
                db,
                document_id=outcome.content_hash[:ID_LENGTH],
                raw=outcome.raw,
                text=outcome.text,
                extraction=outcome.extraction,
                content_hash=outcome.content_hash,
                size=outcome.size,
                mtime_ns=outcome.mtime_ns,
            )
        except Exception as error:  # noqa: BLE001 - rolled back to its savepoint; batch goes on
            outcome = Failure(outcome.path, "store", f"{type(error).__name__}: {error}")
        else:
            summary.new += 1
            return
    summary.failed += 1
    summary.errors.append((str(outcome.path), outcome.message))
    record_error(db, str(outcome.path), outcome.stage, outcome.message)


def _store_in_batches(
    db: sqlite_utils.Database, outcomes: Iterable, summary: IngestSummary
) -> None:
    """Store every outcome, committing every BATCH_DOCUMENTS outcomes or BATCH_SECONDS.

    Each document is saved inside its own savepoint (``save_document`` nests ``db.atomic()``),
    so a document that fails to store rolls back alone and the rest of its batch commits."""
    outcomes = iter(outcomes)
    while True:
        with db.atomic():
            deadline = time.monotonic() + BATCH_SECONDS
            for stored, outcome in enumerate(outcomes, start=1):
                _store(db, outcome, summary)
                if stored >= BATCH_DOCUMENTS or time.monotonic() >= deadline:
                    break
            else:
                return


def ingest_paths(
    db: sqlite_utils.Database,
    paths: Iterable[str | Path],
    force: bool = False,
    progress: Callable[[Iterable, int | None], Iterator] | None = None,
    workers: int = 1,
    as_of: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    executor: Executor | None = None,
) -> IngestSummary:
    """Ingest every file under ``paths`` into ``db`` and link citations across the database.

    Files whose size and mtime (or, failing that, bytes) are unchanged are skipped before they
    are read, unless ``force``.  Reading and extraction run in ``workers`` processes, or on
    ``executor`` (e.g. :func:`dask_executor`) with ``workers`` its number of slots; every write
    happens here, so the database never sees two writers.  ``progress`` wraps the stream of
    files in a progress bar; its total is None, as the files are not counted ahead.  Task
    statuses are computed as of ``as_of`` (default: today).  Files over ``max_bytes`` are
    refused with an error.
    """
    summary = IngestSummary()

    def counted(items: Iterator) -> Iterator:
        for item in items:
            summary.read += 1
            yield item

    with ExitStack() as stack:
        if executor is None and workers > 1:
            executor = stack.enter_context(RenewingProcessPool(workers))
        in_flight = IN_FLIGHT_PER_WORKER * max(workers, 1) if executor else 0
        outcomes = _prepared_in_order(
            counted(_scan(db, paths, force, max_bytes)), executor, in_flight
        )
        _store_in_batches(db, progress(outcomes, None) if progress else outcomes, summary)
    if summary.new or link_is_needed(db):  # or a run was killed before it linked
        link_documents(db, as_of, workers=min(workers, os.cpu_count() or 1))
    return summary


class ClusterError(Exception):
    """The Dask cluster cannot be used: Dask is not installed or the scheduler is unreachable."""


# Seconds to wait for a Dask scheduler before giving up with one clear error.
SCHEDULER_TIMEOUT = 30


@contextmanager
def dask_executor(address: str, workers: int = 1) -> Iterator[tuple[Executor, int]]:
    """An executor on a Dask cluster and its number of worker threads.

    ``address`` is a scheduler's (``tcp://host:8786``), or ``local`` for a LocalCluster of
    ``workers`` single-threaded processes on this machine.  Workers need vanban installed and
    the input files at the same paths; they never open the database."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise ClusterError("Dask is not installed: pip install 'dask[distributed]'") from error
    with ExitStack() as stack:
        if address == "local":
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(Client(cluster))
        else:
            try:
                client = stack.enter_context(Client(address, timeout=SCHEDULER_TIMEOUT))
            except (OSError, TimeoutError, ValueError) as error:
                raise ClusterError(
                    f"cannot reach the Dask scheduler at {address}: {error}"
                ) from error
        slots = max(sum(client.nthreads().values()), 1)  # workers may still be joining
        yield client.get_executor(pure=False), slots


def link_documents(db: sqlite_utils.Database, as_of: date | None = None, workers: int = 1) -> None:
    """The cross-document stage: citations to documents, then people, agencies and the task
    ledger with each task's status as of ``as_of`` (default: today), the ledger computed in
    ``workers`` processes.

    One transaction: readers see the old links or the new, a killed run leaves the old ones (and
    the link_needed mark), and two processes linking at once take turns."""
    with db.atomic():
        link_citations(db)
        refresh_ledger(db, as_of=as_of, workers=workers)
        clear_link_needed(db)


def extract_path(path: Path) -> tuple[str, Extraction]:
    """Read and extract one file without storing it: ``(normalised text, extraction)``, the
    place and people's names spelled as the document prints them (:func:`as_printed`)."""
    raw = read_document(path).text
    text = normalize_text(raw)
    return text, as_printed(extract_all(text), raw)


def as_printed(extraction: Extraction, raw: str) -> Extraction:
    """The fields a reader copies letter for letter off the page (the place, the signer's and
    the officials' names) with their tones where the raw text puts them ("Thanh Hoá", "Lê Thị
    Thuỷ"); the database keeps one placement, for search and for grouping people."""
    header, signer = extraction.header, extraction.header.signer
    if signer and signer.name:
        signer = replace(signer, name=printed_spelling(signer.name, raw))
    place = printed_spelling(header.place, raw) if header.place else None
    officials = tuple(
        replace(official, name=printed_spelling(official.name, raw))
        for official in extraction.officials
    )
    return replace(
        extraction, header=replace(header, place=place, signer=signer), officials=officials
    )
