"""Ingest while `vanban serve` runs: readers never see a half-written document, and neither side
ever meets "database is locked".

A real `vanban serve` process serves a database that real `vanban ingest` processes keep
writing to (new documents in batches, then all of them again with --force); meanwhile this test
reads document pages, the search page and JSON views over HTTP.  Writers started together take
turns.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from ingest.storage import ENTITY_COLUMNS, open_db

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
VANBAN = Path(sys.executable).with_name("vanban")
BATCHES = 3
# Each document: a corpus file cut to its header and first lines plus its signature block.
HEAD_LINES, TAIL_LINES = 30, 8
ENTITY_COUNTS_SQL = (
    "select d.id, "
    + ", ".join(
        f"(select count(*) from [{table}] e where e.document_id = d.id) as [{table}]"
        for table in ENTITY_COLUMNS
    )
    + " from documents d"
)


def write_batches(root: Path) -> list[Path]:
    """The documents in BATCHES folders, to be ingested one after another."""
    folders = [root / f"batch{i}" for i in range(BATCHES)]
    for folder in folders:
        folder.mkdir()
    for i, source in enumerate(sorted(CORPUS.glob("*.txt"))):
        lines = source.read_text(encoding="utf-8").splitlines()
        if len(lines) > HEAD_LINES + TAIL_LINES:
            lines = lines[:HEAD_LINES] + lines[-TAIL_LINES:]
        (folders[i % BATCHES] / source.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folders


def entity_counts(db) -> dict[str, dict[str, int]]:
    return {row.pop("id"): row for row in db.query(ENTITY_COUNTS_SQL)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    """Stop a process started in its own session, and everything it started."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """`vanban serve` on a new, empty database: its URL, the database and its stderr file."""
    db_path = tmp_path / "vanban.db"
    open_db(db_path).close()
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as err:
        process = subprocess.Popen(
            [str(VANBAN), "serve", "--db", str(db_path), "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()
            try:
                urllib.request.urlopen(url + "/-/versions.json", timeout=5).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "vanban serve did not start in 60 s"
                time.sleep(0.2)
        yield url, db_path, log
    finally:
        stop(process)


def test_reader_sees_whole_documents_while_ingest_writes(tmp_path: Path, served) -> None:
    url, db_path, serve_log = served
    folders = write_batches(tmp_path)
    reference_path = tmp_path / "reference.db"
    subprocess.run(
        [str(VANBAN), "ingest", *map(str, folders), "--db", str(reference_path), "--no-progress"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    with closing(open_db(reference_path)) as reference_db:
        reference = entity_counts(reference_db)

    runs = [[str(folder)] for folder in folders] + [[*map(str, folders), "--force"]]
    ingest_log = tmp_path / "ingest.log"
    outcomes: list[tuple[int, str]] = []

    def write() -> None:
        with open(ingest_log, "w", encoding="utf-8") as err:
            for paths in runs:
                process = subprocess.Popen(
                    [str(VANBAN), "ingest", *paths, "--db", str(db_path), "--no-progress"],
                    stdout=subprocess.PIPE,
                    stderr=err,
                    text=True,
                    start_new_session=True,
                )
                try:
                    outcomes.append((process.wait(timeout=300), process.stdout.read()))
                finally:
                    stop(process)

    writer = threading.Thread(target=write)
    writer.start()
    responses: list[tuple[str, int, str]] = []
    visible_counts: list[int] = []
    try:
        polls = 0
        while writer.is_alive() or polls < 2:
            polls = polls + 1 if not writer.is_alive() else 0
            query = urllib.parse.urlencode({"sql": ENTITY_COUNTS_SQL, "_shape": "array"})
            status, body = get(f"{url}/vanban.json?{query}")
            responses.append(("counts", status, body))
            if status == 200:
                visible = {row.pop("id"): row for row in json.loads(body)}
                visible_counts.append(len(visible))
                for document_id, counts in visible.items():
                    assert counts == reference[document_id], f"{document_id} is half-written"
                for document_id in list(visible)[-2:]:
                    responses.append(("page", *get(f"{url}/van-ban/{document_id}")))
                    status, body = get(
                        f"{url}/vanban/tasks.json?document_id={document_id}&_shape=array&_size=max"
                    )
                    responses.append(("tasks", status, body))
                    if status == 200:
                        assert len(json.loads(body)) == reference[document_id]["tasks"]
            responses.append(("search", *get(f"{url}/-/tim-kiem?q=%E1%BB%A7y+ban")))
            responses.append(
                ("table", *get(f"{url}/vanban/documents.json?_shape=array&_size=5&_col=number"))
            )
    finally:
        writer.join(timeout=600)

    failed = [(kind, status, body[:300]) for kind, status, body in responses if status != 200]
    assert failed == []
    assert not [kind for kind, _, body in responses if "database is locked" in body]
    assert [code for code, _ in outcomes] == [0] * len(runs), ingest_log.read_text()
    assert all("0 failed" in summary for _, summary in outcomes), outcomes
    for log in (ingest_log, serve_log):
        text = log.read_text()
        assert "database is locked" not in text and "Traceback" not in text, text[-2000:]
    assert visible_counts[-1] == len(reference)
    assert any(0 < n < len(reference) for n in visible_counts), "never read half-way through"


def test_writers_started_together_take_turns(tmp_path: Path) -> None:
    """Two ingests of the same files and a `vanban link` at once: each waits for the others'
    transactions instead of failing with "database is locked"."""
    folders = write_batches(tmp_path)
    db_path = tmp_path / "vanban.db"
    open_db(db_path).close()
    ingest = [str(VANBAN), "ingest", *map(str, folders), "--db", str(db_path), "--no-progress"]
    commands = [ingest, [*ingest, "--force"], [str(VANBAN), "link", "--db", str(db_path)]]
    processes = [
        subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        for command in commands
    ]
    try:
        outputs = [process.communicate(timeout=300) for process in processes]
    finally:
        for process in processes:
            stop(process)
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
        assert "database is locked" not in out + err and "Traceback" not in err, err
    with closing(open_db(db_path)) as db:
        assert db["documents"].count == sum(len(list(f.iterdir())) for f in folders)
        assert db["errors"].count == 0
        assert db["task_ledger"].exists()
