"""The ``vanban`` command line: a thin layer over :mod:`ingest.pipeline` and friends.

Each command parses options, calls one library function and turns domain errors into one clean
line on stderr; none prints a traceback for bad input.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path

import click

from extract.evaluate import evaluate
from ingest.check import NotADatabase, check_database, open_checked, repair_database
from ingest.files import DEFAULT_MAX_BYTES, display_path, parse_size
from ingest.pipeline import (
    ClusterError,
    dask_executor,
    extract_path,
    ingest_paths,
    link_documents,
)
from ingest.readers import ReadError
from ingest.storage import open_db

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = "vanban.db"

db_option = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="SQLite database file",
)


@click.group()
@click.version_option(package_name="vanban")
def cli() -> None:
    """vanban: Vietnamese official documents as a linked, searchable database."""


as_of_option = click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date the task statuses are computed for (default: today)",
)


class SizeType(click.ParamType):
    """A size as an operator writes it: 200M, 1G, 4096."""

    name = "size"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        try:
            return parse_size(value)
        except ValueError as error:
            self.fail(str(error), param, ctx)


@cli.command(name="ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@db_option
@click.option("--force", is_flag=True, help="Extract again even if a file is unchanged")
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar (default: on a terminal)"
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, os.cpu_count() or 1),
    help="Processes that read and extract in parallel (OCR is the slow part)",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="SCHEDULER",
    default=None,
    help="Read and extract on a Dask cluster: its scheduler's address (tcp://host:8786), "
    "or 'local' for a local cluster of --workers processes",
)
@click.option(
    "--max-size",
    "max_bytes",
    default=f"{DEFAULT_MAX_BYTES // 2**20}M",
    show_default=True,
    type=SizeType(),
    help="Larger files are refused with an error (bytes, or 512K, 200M, 1G)",
)
@as_of_option
def ingest_command(
    paths: tuple[str, ...],
    db_path: str,
    force: bool,
    progress: bool | None,
    workers: int,
    dask_address: str | None,
    max_bytes: int,
    as_of: datetime | None,
) -> None:
    """Read, extract and store documents: files, or folders searched for supported files."""
    show_progress = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show_progress:
        from tqdm import tqdm

        def bar(files, total):
            return tqdm(files, total=total, desc="ingest", unit="file", file=sys.stderr)

    db = open_db(db_path)
    with ExitStack() as stack:
        executor = None
        if dask_address:
            try:
                executor, workers = stack.enter_context(dask_executor(dask_address, workers))
            except ClusterError as error:
                raise click.ClickException(str(error)) from error
        summary = ingest_paths(
            db,
            paths,
            force=force,
            progress=bar,
            workers=workers,
            as_of=as_of and as_of.date(),
            executor=executor,
            max_bytes=max_bytes,
        )
    for path, message in summary.errors:
        click.echo(f"error: {display_path(path)}: {message}", err=True)
    click.echo(summary.line())
    if summary.failed and not (summary.new or summary.unchanged):
        sys.exit(1)


@cli.command(name="link")
@db_option
@as_of_option
def link_command(db_path: str, as_of: datetime | None) -> None:
    """Link citations again and recompute people, agencies and task statuses."""
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path} does not exist: run `vanban ingest` first")
    link_documents(open_db(db_path), as_of and as_of.date(), workers=os.cpu_count() or 1)
    click.echo(f"linked; task statuses as of {(as_of or datetime.now()).date().isoformat()}")


@cli.command(name="check")
@db_option
@click.option("--repair", is_flag=True, help="Rebuild search indexes and links, delete orphan rows")
def check_command(db_path: str, repair: bool) -> None:
    """Verify the database: integrity, search indexes, orphan rows, links, extractor version.

    Exits 1 when problems remain (after --repair, those it could not fix)."""
    try:
        db = open_checked(db_path)
        if repair:
            repaired = repair_database(db)
            report, lines = repaired.after, repaired.lines()
        else:
            report = check_database(db)
            lines = report.lines()
    except NotADatabase as error:
        raise click.ClickException(str(error)) from error
    except sqlite3.OperationalError as error:  # locked by a long write, disk full, read-only
        raise click.ClickException(f"{db_path}: {error}") from error
    click.echo("\n".join(lines))
    if report.corrupt:
        click.echo(
            f'SQLite\'s pages are damaged: recover a copy with `sqlite3 {db_path} ".recover" '
            f"| sqlite3 recovered.db`, or restore a backup",
            err=True,
        )
    elif report.repairable and not repair:
        click.echo("run `vanban check --repair` to rebuild what can be rebuilt", err=True)
    if not report.clean:
        sys.exit(1)


@cli.command(name="extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--jsonl", is_flag=True, help="One JSON record per document (the gold format)")
def extract_command(files: tuple[str, ...], jsonl: bool) -> None:
    """Extract documents without storing them; print one record each."""
    failed = False
    for name in files:
        try:
            _, extraction = extract_path(Path(name))
        except ReadError as error:
            click.echo(f"error: {name}: {error}", err=True)
            failed = True
            continue
        record = extraction.to_gold(Path(name).name)
        click.echo(json.dumps(record, ensure_ascii=False, indent=None if jsonl else 2))
    if failed:
        sys.exit(1)


@cli.command(name="annotate")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="HTML file"
)
def annotate_command(file: str, output) -> None:
    """Draw one document with its entities highlighted (displaCy), as an HTML page."""
    from extract.annotate import annotate, render_html

    try:
        text, extraction = extract_path(Path(file))
    except ReadError as error:
        raise click.ClickException(f"{file}: {error}") from error
    output.write(render_html(annotate(text, extraction), title=Path(file).name))


@cli.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--docs", "docs_dir", required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON")
def eval_command(gold_dir: str, docs_dir: str, as_json: bool) -> None:
    """Precision, recall and F1 per field against a folder of gold JSON files."""

    def extract_file(path: Path) -> dict:
        try:
            return extract_path(path)[1].to_gold(path.name)
        except ReadError as error:
            click.echo(f"error: {path}: {error}", err=True)
            return {}

    report = evaluate(Path(gold_dir), extract_file, Path(docs_dir))
    click.echo(
        json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if as_json else report.table()
    )


@cli.command(name="serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
@click.option(
    "--immutable",
    is_flag=True,
    help="For a published file nothing writes to: faster, but unsafe while ingest runs",
)
def serve_command(db_path: str, host: str, port: int, immutable: bool) -> None:
    """Serve the database with Datasette and vanban's metadata, templates and plugins.

    The database is opened read-only, so that `vanban ingest` may write to it meanwhile."""
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path} does not exist: run `vanban ingest` first")
    os.execvp(
        sys.executable,
        [
            sys.executable,
            "-m",
            "datasette",
            *datasette_arguments(db_path, host, port, immutable=immutable),
        ],
    )


def datasette_arguments(
    db_path: str, host: str = "127.0.0.1", port: int = 8001, immutable: bool = False
) -> list[str]:
    """Datasette's command-line arguments, with limits set.

    By default the database is mutable to Datasette, which then reads it through read-only
    (``mode=ro``) connections that see each committed transaction of a concurrent ingest; an
    immutable database (``-i``) is read without any locking, which is faster but shows torn
    pages if anything writes to the file."""
    return [
        "serve",
        *(["-i"] if immutable else []),
        db_path,
        "--metadata",
        str(PROJECT_ROOT / "metadata.json"),
        "--template-dir",
        str(PROJECT_ROOT / "templates"),
        "--plugins-dir",
        str(PROJECT_ROOT / "plugins"),
        "--static",
        f"static:{PROJECT_ROOT / 'static'}",
        "--setting",
        "sql_time_limit_ms",
        "2000",
        "--host",
        host,
        "--port",
        str(port),
    ]
