"""The Dask path: extraction on a real LocalCluster of two worker processes, one writer here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ingest.pipeline import dask_executor, ingest_paths
from ingest.storage import open_db

pytest.importorskip("distributed")

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
AS_OF = date(2026, 1, 1)
VANBAN = str(Path(sys.executable).with_name("vanban"))
# Columns that hold the wall-clock time of the run, the only ones allowed to differ.
WALL_CLOCK_COLUMNS = {"ingested_at", "time"}


def snapshot(db_path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (FTS shadow tables included), without the wall-clock columns."""
    db = open_db(db_path)
    tables = {}
    for name in db.table_names():
        columns = [c for c in db[name].columns_dict if c not in WALL_CLOCK_COLUMNS]
        select = ", ".join(f"[{c}]" for c in columns)
        order = ", ".join(str(i) for i in range(1, len(columns) + 1))
        tables[name] = db.execute(f"select {select} from [{name}] order by {order}").fetchall()
    db.close()
    return tables


def test_dask_and_local_runs_give_the_same_database(tmp_path: Path, monkeypatch) -> None:
    shutil.copytree(CORPUS, tmp_path / "docs")
    with dask_executor("local", workers=2) as (executor, slots):
        assert slots == 2
        assert executor.submit(os.getpid).result(timeout=60) != os.getpid()
        # Named relative to a folder the workers, started elsewhere, are not in.
        monkeypatch.chdir(tmp_path)
        summary = ingest_paths(
            open_db("dask.db"), ["docs"], workers=slots, executor=executor, as_of=AS_OF
        )
    assert (summary.new, summary.failed) == (len(list(CORPUS.iterdir())), 0)
    ingest_paths(open_db("local.db"), ["docs"], as_of=AS_OF)

    dask, local = snapshot(tmp_path / "dask.db"), snapshot(tmp_path / "local.db")
    assert dask.keys() == local.keys()
    for table in local:
        assert dask[table] == local[table], table
    assert local["documents"] and local["citations"] and local["task_ledger"]
    assert all(path.startswith("docs/") for path, *_ in local["files"])


def test_unreachable_scheduler_is_one_error_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [VANBAN, "ingest", str(CORPUS / "nq_84_cp_2020.txt")]
        + ["--db", str(tmp_path / "x.db"), "--dask", "nonsense://nowhere"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Error: cannot reach the Dask scheduler at nonsense://")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
