"""Crash safety: ingest killed with SIGKILL at any moment never leaves a damaged database or a
half-written document, and the next run finishes the work without duplicates.

Every run is the real command line (``vanban ingest``) in a child process forked from this warm
test process: a cold start (imports, underthesea's models) would take most of each run, and kills
landing there would test nothing.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import sys
import time
from contextlib import closing
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

import pytest

import ingest.pipeline
import ingest.storage
from extract.link import CITATION_LINK_COLUMNS
from extract.model import Citation
from ingest.check import SEARCH_INDEXES
from ingest.cli import cli
from ingest.pipeline import ingest_paths
from ingest.storage import ENTITY_COLUMNS, LINK_NEEDED, open_db

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
AS_OF = "2025-01-01"
KILLS = 20
SEED = 20261126
# Each document is a corpus file cut to its header and first lines plus its closing lines (the
# signature block), in VARIANTS versions that differ by one line: small, distinct documents.
HEAD_LINES, TAIL_LINES, VARIANTS, BASE_FILES = 45, 12, 3, 14
# Columns the link stage writes; they are compared after the final run, not after each kill.
LINK_COLUMNS = set(CITATION_LINK_COLUMNS) - {f.name for f in fields(Citation)}
# Wall-clock columns, which differ between any two runs.
CLOCK_COLUMNS = {"ingested_at", "time"}


def make_documents(folder: Path) -> int:
    """Write the test documents into ``folder``; returns how many."""
    folder.mkdir()
    count = 0
    for source in sorted(CORPUS.glob("*.txt"))[:BASE_FILES]:
        lines = source.read_text(encoding="utf-8").splitlines()
        if len(lines) > HEAD_LINES + TAIL_LINES:
            lines = lines[:HEAD_LINES] + lines[-TAIL_LINES:]
        middle = len(lines) // 2
        for variant in range(VARIANTS):
            changed = list(lines)
            changed[middle] = f"{changed[middle]} (bản {variant + 1})"
            (folder / f"{source.stem}_{variant + 1}.txt").write_text(
                "\n".join(changed) + "\n", encoding="utf-8"
            )
            count += 1
    return count


def rows(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def without(row: dict, columns: set[str]) -> dict:
    return {k: v for k, v in row.items() if k not in columns}


def tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}


def documents_by_id(conn: sqlite3.Connection) -> dict[str, dict]:
    """Every stored document with its entity rows (as the extractors found them)."""
    stored = {
        row["id"]: {"document": without(row, CLOCK_COLUMNS)}
        for row in rows(conn, "select * from documents")
    }
    for table in ENTITY_COLUMNS:
        for row in rows(conn, f"select * from [{table}] order by document_id, position"):
            entity = without(row, LINK_COLUMNS)
            stored[row["document_id"]].setdefault(table, []).append(entity)
    return stored


def snapshot(path: Path) -> dict[str, list]:
    """Every row of every ordinary table but the bookkeeping ones, clock columns dropped."""
    with closing(sqlite3.connect(path)) as conn:
        names = [
            name
            for (name,) in conn.execute(
                "select name from sqlite_master where type = 'table' and sql not like "
                "'CREATE VIRTUAL%' and name not like '%fts%' and name not like 'sqlite_%' "
                "and name not in ('errors', 'meta')"
            )
        ]
        return {
            name: sorted(
                (without(row, CLOCK_COLUMNS) for row in rows(conn, f"select * from [{name}]")),
                key=repr,
            )
            for name in sorted(names)
        }


def assert_consistent(path: Path, reference: dict[str, dict], log: Path) -> int:
    """What a killed run leaves: a sound database in which each stored document is whole.

    Returns the number of documents stored."""
    if not path.exists():
        return 0
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        present = tables(conn)
        if "documents" not in present:
            assert not present & {"files", "meta", *ENTITY_COLUMNS}, "half-created shape"
            return 0
        # The shape is created in one transaction: the search indexes come with it.
        for index in SEARCH_INDEXES:
            conn.execute(f"insert into {index}({index}) values ('integrity-check')")
        stored = documents_by_id(conn)
        for document_id, whole in stored.items():
            assert document_id in reference, f"a document no run should store: {document_id}"
            assert whole == reference[document_id], (
                f"{document_id} differs from the reference\n{log.read_text()}"
            )
        assert not rows(
            conn,
            "select id from documents where id not in (select document_id from files)",
        ), "a document without its files row"
        assert not rows(
            conn,
            "select path from files where document_id not in (select id from documents)",
        ), "a files row without its document"
        return len(stored)


def link_pending(path: Path) -> bool:
    with closing(sqlite3.connect(path)) as conn:
        if "meta" not in tables(conn):
            return False
        return bool(conn.execute("select 1 from meta where key = ?", [LINK_NEEDED]).fetchall())


def _run_cli(arguments: list[str], log: Path, kill_at: tuple[object, str, int] | None) -> None:
    """A child's body: the command line, its output in ``log``; with ``kill_at`` (an object, the
    name of a function on it, n), the process kills itself on that function's n-th call."""
    if kill_at:
        owner, name, n = kill_at
        real, calls = getattr(owner, name), []

        def killing(*args, **kwargs):
            calls.append(1)
            if len(calls) == n:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)

        setattr(owner, name, killing)
    with open(log, "a", encoding="utf-8") as out:
        sys.stdout = sys.stderr = out
        cli.main(arguments, prog_name="vanban")


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@dataclass
class Setup:
    """The test documents, their reference database (one run, no kills) and a way to run
    ``vanban ingest`` on them in a child process forked from this warm one."""

    folder: Path
    count: int
    reference_path: Path
    reference: dict[str, dict]
    log: Path

    def arguments(self, db_path: Path) -> list[str]:
        return ["ingest", str(self.folder), "--db", str(db_path), "--as-of", AS_OF, "--no-progress"]

    def start(
        self, db_path: Path, *extra: str, kill_at: tuple[object, str, int] | None = None
    ) -> multiprocessing.Process:
        process = FORK.Process(
            target=_run_cli, args=([*self.arguments(db_path), *extra], self.log, kill_at)
        )
        process.start()
        return process

    def run(self, db_path: Path, *extra: str) -> None:
        """An uninterrupted run, which must succeed."""
        process = self.start(db_path, *extra)
        process.join(timeout=300)
        assert process.exitcode == 0, self.log.read_text()


FORK = multiprocessing.get_context("fork")


@pytest.fixture(scope="module")
def setup(tmp_path_factory) -> Setup:
    """Built in this process, which warms it (imports, models) for the forked runs."""
    root = tmp_path_factory.mktemp("crash")
    folder = root / "docs"
    count = make_documents(folder)
    reference_path = root / "reference.db"
    with closing(open_db(reference_path)) as db:
        summary = ingest_paths(db, [str(folder)], as_of=date.fromisoformat(AS_OF))
    assert (summary.new, summary.failed) == (count, 0), summary.errors
    with closing(sqlite3.connect(reference_path)) as conn:
        reference = documents_by_id(conn)
    return Setup(folder, count, reference_path, reference, root / "ingest.log")


def test_sigkill_at_random_moments_loses_nothing(
    tmp_path: Path, setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert 30 <= setup.count <= 60 and len(setup.reference) == setup.count
    db_path = tmp_path / "crash.db"
    # A commit every few documents (the forked runs inherit it), so that much of a run lies
    # between its first commit and the end of linking, where kills must lose nothing: with the
    # default batch a run of these few documents commits once, at its end.
    monkeypatch.setattr(ingest.pipeline, "BATCH_DOCUMENTS", 5)
    # One uninterrupted run, forked like the killed ones: how long a run takes here, and proof
    # that a forked run stores what the reference holds.
    began = time.monotonic()
    setup.run(db_path)
    typical = time.monotonic() - began
    assert snapshot(db_path) == snapshot(setup.reference_path)

    rng = random.Random(SEED)
    kills = mid_work = 0
    for round_number in range(3 * KILLS):
        # Where kills land depends on this machine's speed: go on past KILLS until one has
        # landed between a commit and the end of linking, within the same bound of rounds.
        if kills >= KILLS and mid_work:
            break
        if round_number % 4 == 0:
            remove_database(db_path)  # a first run, killed while it creates the database
        process = setup.start(db_path, *(["--force"] if rng.random() < 0.5 else []))
        process.join(timeout=rng.uniform(0, typical))
        if process.is_alive():
            process.kill()
            process.join(timeout=60)
        # A run may end between the check that it is alive and the kill: then it finished.
        if process.exitcode == -signal.SIGKILL:
            kills += 1
        else:
            assert process.exitcode == 0, setup.log.read_text()
        stored = assert_consistent(db_path, setup.reference, setup.log)
        mid_work += bool(process.exitcode) and (0 < stored < setup.count or link_pending(db_path))
    assert kills >= KILLS
    assert mid_work > 0, "no kill landed between a commit and the end of linking"

    setup.run(db_path)
    assert_consistent(db_path, setup.reference, setup.log)
    assert snapshot(db_path) == snapshot(setup.reference_path)  # links and ledger complete
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("select count(*) from errors").fetchone()[0] == 0
    assert not link_pending(db_path)


def test_rebuilt_tables_do_not_follow_the_order_documents_were_stored(
    tmp_path: Path, setup: Setup
) -> None:
    """A document stored again (a forced or resumed run) gets new row ids; the agencies, people
    and ledger rebuilt from the documents must come out as from one clean run."""
    as_of = date.fromisoformat(AS_OF)
    with closing(open_db(tmp_path / "v.db")) as db:
        ingest_paths(db, [str(setup.folder)], as_of=as_of)
        ingest_paths(db, sorted(setup.folder.iterdir())[:10], force=True, as_of=as_of)
    assert snapshot(tmp_path / "v.db") == snapshot(setup.reference_path)


# The worst moments, hit exactly: inside a document's write (after its documents and recipients
# rows, before its other entities), inside the shape's creation (the search index made, not its
# triggers), and between storing and linking (while the ledger is built).
KILL_POINTS = {
    "document write": (ingest.storage, "_entity_rows", 7),
    "shape creation": (ingest.storage, "_ensure_exact_fts", 1),
    "before the ledger": (ingest.pipeline, "refresh_ledger", 1),
}


@pytest.mark.parametrize("point", KILL_POINTS)
def test_sigkill_at_the_worst_moment_then_rerun(tmp_path: Path, setup: Setup, point: str) -> None:
    db_path = tmp_path / "crash.db"
    process = setup.start(db_path, kill_at=KILL_POINTS[point])
    process.join(timeout=300)
    assert process.exitcode == -signal.SIGKILL, setup.log.read_text()
    stored = assert_consistent(db_path, setup.reference, setup.log)
    if point == "before the ledger":
        assert stored == setup.count and link_pending(db_path)

    setup.run(db_path)  # every file unchanged when linking was all that was left
    assert snapshot(db_path) == snapshot(setup.reference_path)
    assert not link_pending(db_path)
    # Nothing new and nothing left to link: a run that linked would be killed.
    process = setup.start(db_path, kill_at=(ingest.pipeline, "link_documents", 1))
    process.join(timeout=300)
    assert process.exitcode == 0, setup.log.read_text()
