"""Ingest: files on disk to stored, extracted, linked documents.

``ingest_paths`` is the one function the command line, the tests and the benchmarks call.  A
file whose bytes are unchanged since the last run is skipped before any reading or extraction;
a file that cannot be read or extracted gets one ``errors`` row and the batch goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from extract import extract_all
from extract.link import link_citations
from extract.model import Extraction
from ingest.normalize import normalize_text
from ingest.readers import SUPPORTED_SUFFIXES, ReadError, read_document
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


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus every supported file under a named directory, sorted."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
        else:
            files.append(path)
    return files


def _content_hash(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def ingest_file(db: sqlite_utils.Database, path: Path, force: bool = False) -> str:
    """Ingest one file: returns "new" or "unchanged"; raises ReadError or other errors."""
    try:
        content_hash, size = _content_hash(path)
    except OSError as error:
        raise ReadError(f"cannot open: {error.strerror or error}") from error
    if not force and file_is_unchanged(db, str(path), content_hash):
        return "unchanged"
    raw = read_document(path)
    text = normalize_text(raw.text)
    extraction = extract_all(text)
    save_document(
        db,
        document_id=content_hash[:ID_LENGTH],
        raw=raw,
        text=text,
        extraction=extraction,
        content_hash=content_hash,
        size=size,
    )
    return "new"


def ingest_paths(
    db: sqlite_utils.Database,
    paths: Iterable[str | Path],
    force: bool = False,
    progress: Callable[[Iterable[Path]], Iterator[Path]] | None = None,
) -> IngestSummary:
    """Ingest every file under ``paths`` into ``db`` and link citations across the database."""
    files = expand_paths(paths)
    summary = IngestSummary()
    for path in progress(files) if progress else files:
        summary.read += 1
        try:
            outcome = ingest_file(db, path, force=force)
        except ReadError as error:
            stage, message = "read", str(error)
        except Exception as error:  # noqa: BLE001 - one bad file must not stop the batch
            stage, message = "extract", f"{type(error).__name__}: {error}"
        else:
            if outcome == "new":
                summary.new += 1
            else:
                summary.unchanged += 1
            continue
        summary.failed += 1
        summary.errors.append((str(path), message))
        record_error(db, str(path), stage, message)
    if summary.new:
        link_citations(db)
    return summary


def extract_path(path: Path) -> tuple[str, Extraction]:
    """Read and extract one file without storing it: ``(normalised text, extraction)``."""
    text = normalize_text(read_document(path).text)
    return text, extract_all(text)
