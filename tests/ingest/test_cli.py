"""The command line as an operator uses it: real files, a real database, clean messages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.model import Extraction
from ingest.cli import cli, datasette_arguments, ingest_command

GOLD_FIELDS = set(Extraction().to_gold("x").keys())


def test_ingest_summary_and_errors(tmp_path: Path, corpus_dir: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for seed in sorted(corpus_dir.glob("00*.txt"))[:2]:
        shutil.copy(seed, docs)
    (docs / "broken.txt").write_bytes(b"")
    db = tmp_path / "v.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(docs), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "3 read, 2 new, 0 unchanged, 1 failed" in result.output
    assert "error:" in result.output and "broken.txt" in result.output
    assert "Traceback" not in result.output
    again = runner.invoke(ingest_command, [str(docs), "--db", str(db)])
    assert "3 read, 0 new, 2 unchanged, 1 failed" in again.output


def test_ingest_of_only_bad_files_exits_non_zero(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    result = CliRunner().invoke(cli, ["ingest", str(bad), "--db", str(tmp_path / "v.db")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_extract_jsonl_has_every_field(corpus_dir: Path) -> None:
    files = [str(p) for p in sorted(corpus_dir.glob("00*.txt"))]
    result = CliRunner().invoke(cli, ["extract", *files, "--jsonl"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == len(files)
    for line, name in zip(lines, files, strict=True):
        record = json.loads(line)
        assert set(record) == GOLD_FIELDS
        assert record["file"] == Path(name).name
        for list_field in ("recipients", "citations", "officials", "statistics", "tasks"):
            assert isinstance(record[list_field], list)


def test_eval_prints_table_and_json(shared_dir: Path, corpus_dir: Path) -> None:
    runner = CliRunner()
    table = runner.invoke(cli, ["eval", str(shared_dir / "gold"), "--docs", str(corpus_dir)])
    assert table.exit_code == 0, table.output
    assert "macro F1" in table.output and "doc_type" in table.output
    as_json = runner.invoke(
        cli, ["eval", str(shared_dir / "gold"), "--docs", str(corpus_dir), "--json"]
    )
    report = json.loads(as_json.output)
    assert report["documents"] == 5
    assert {"doc_type", "number", "citations", "statistics", "tasks"} <= set(report["fields"])


def test_serve_binds_loopback_and_opens_database_read_only() -> None:
    arguments = datasette_arguments("vanban.db")
    assert arguments[arguments.index("--host") + 1] == "127.0.0.1"
    assert arguments[arguments.index("--port") + 1] == "8001"
    assert arguments[1] == "vanban.db"  # mutable to Datasette: read through mode=ro
    assert "-i" not in arguments
    assert "sql_time_limit_ms" in arguments
    immutable = datasette_arguments("vanban.db", immutable=True)
    assert immutable[immutable.index("-i") + 1] == "vanban.db"


@pytest.mark.parametrize("flags", [[], ["--immutable"]])
def test_serve_command_runs_datasette(tmp_path: Path, monkeypatch, flags: list[str]) -> None:
    db = tmp_path / "v.db"
    db.touch()
    started = []
    monkeypatch.setattr("ingest.cli.os.execvp", lambda program, argv: started.append(argv))
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", "8123", *flags])
    assert result.exit_code == 0, result.output
    [argv] = started
    assert argv[1:3] == ["-m", "datasette"]
    assert argv[3:] == datasette_arguments(str(db), port=8123, immutable=bool(flags))
    assert ("-i" in argv) == bool(flags)


def test_serve_without_database_is_a_clean_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code != 0
    assert "run `vanban ingest` first" in result.output


def test_link_recomputes_task_status_as_of_a_date(tmp_path: Path, corpus_dir: Path) -> None:
    import sqlite_utils

    db = tmp_path / "v.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(corpus_dir), "--db", str(db)]).exit_code == 0

    def overdue() -> int:
        return (
            sqlite_utils.Database(db)
            .execute("select count(*) from task_ledger where status = 'quá hạn'")
            .fetchone()[0]
        )

    result = runner.invoke(cli, ["link", "--db", str(db), "--as-of", "2019-01-01"])
    assert result.exit_code == 0, result.output
    assert "2019-01-01" in result.output
    assert overdue() == 0  # nothing was due yet
    runner.invoke(cli, ["link", "--db", str(db), "--as-of", "2030-01-01"])
    assert overdue() > 0
