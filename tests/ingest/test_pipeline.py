"""Ingest end to end on real files and real SQLite databases."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import ingest.pipeline
from ingest.pipeline import extract_path, ingest_paths
from ingest.storage import open_db

SEEDS = sorted(Path(__file__).resolve().parents[2].joinpath("corpus").glob("00*.txt"))


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """The five seed documents copied where a test may change them."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    return folder


def count(db, table: str) -> int:
    return db[table].count


def test_ingest_stores_every_document_once(fresh_db, seed_copy: Path) -> None:
    summary = ingest_paths(fresh_db, [seed_copy])
    assert (summary.read, summary.new, summary.failed) == (5, 5, 0)
    assert count(fresh_db, "documents") == 5
    assert count(fresh_db, "files") == 5
    row = next(fresh_db.query("select * from documents where filename like '002%'"))
    assert row["format"] == "txt"
    assert "Cà Mau, ngày 25 tháng 8 năm 2021" in row["text"]
    assert "**" in row["original_text"] and "**" not in row["text"]
    assert len(row["id"]) == 16


def test_database_is_in_wal_mode(fresh_db) -> None:
    assert fresh_db.journal_mode == "wal"


def test_same_content_at_two_paths_is_one_document(fresh_db, seed_copy: Path) -> None:
    shutil.copy(seed_copy / SEEDS[0].name, seed_copy / "copy.txt")
    ingest_paths(fresh_db, [seed_copy])
    assert count(fresh_db, "documents") == 5
    assert count(fresh_db, "files") == 6


def test_reingest_of_unchanged_files_does_no_extraction(
    fresh_db, seed_copy: Path, monkeypatch
) -> None:
    ingest_paths(fresh_db, [seed_copy])
    calls = []
    real_extract = ingest.pipeline.extract_all
    monkeypatch.setattr(
        ingest.pipeline, "extract_all", lambda text: calls.append(text) or real_extract(text)
    )
    summary = ingest_paths(fresh_db, [seed_copy])
    assert (summary.new, summary.unchanged) == (0, 5)
    assert calls == []
    forced = ingest_paths(fresh_db, [seed_copy], force=True)
    assert forced.new == 5 and len(calls) == 5
    assert count(fresh_db, "documents") == 5


def test_changed_file_replaces_its_record(fresh_db, seed_copy: Path) -> None:
    ingest_paths(fresh_db, [seed_copy])
    target = seed_copy / SEEDS[2].name
    old_id = fresh_db["files"].get(str(target))["document_id"]
    target.write_text(target.read_text(encoding="utf-8") + "\nPhụ lục bổ sung.\n", encoding="utf-8")
    summary = ingest_paths(fresh_db, [seed_copy])
    assert (summary.new, summary.unchanged) == (1, 4)
    new_id = fresh_db["files"].get(str(target))["document_id"]
    assert new_id != old_id
    assert count(fresh_db, "documents") == 5
    for table in ("documents", "recipients", "citations", "statistics", "officials", "tasks"):
        column = "id" if table == "documents" else "document_id"
        assert not list(fresh_db.query(f"select 1 from {table} where {column} = ?", [old_id]))
    assert "Phụ lục bổ sung." in fresh_db["documents"].get(new_id)["text"]


def test_broken_file_among_good_ones(fresh_db, seed_copy: Path) -> None:
    (seed_copy / "empty.txt").write_bytes(b"")
    (seed_copy / "junk.txt").write_bytes(bytes(range(256)) * 10)
    summary = ingest_paths(fresh_db, [seed_copy])
    assert (summary.new, summary.failed) == (5, 2)
    errors = {Path(r["path"]).name: r for r in fresh_db["errors"].rows}
    assert set(errors) == {"empty.txt", "junk.txt"}
    assert errors["junk.txt"]["stage"] == "read"
    assert "binary" in errors["junk.txt"]["message"]
    assert count(fresh_db, "documents") == 5


def test_failed_update_keeps_what_was_stored(fresh_db, seed_copy: Path, monkeypatch) -> None:
    ingest_paths(fresh_db, [seed_copy])
    before = list(fresh_db.query("select id, text from documents order by id"))
    target = seed_copy / SEEDS[1].name
    target.write_text("Văn bản sửa đổi.\n" + target.read_text(encoding="utf-8"), encoding="utf-8")

    def failing_extract(text: str):
        raise RuntimeError("extractor crashed")

    monkeypatch.setattr(ingest.pipeline, "extract_all", failing_extract)
    summary = ingest_paths(fresh_db, [seed_copy])
    assert summary.failed == 1
    assert list(fresh_db.query("select id, text from documents order by id")) == before
    error = next(fresh_db.query("select * from errors"))
    assert error["stage"] == "extract" and "extractor crashed" in error["message"]


def test_crash_inside_the_write_rolls_back(fresh_db, seed_copy: Path, monkeypatch) -> None:
    ingest_paths(fresh_db, [seed_copy])
    before = list(fresh_db.query("select id from documents order by id"))
    target = seed_copy / SEEDS[3].name
    target.write_text(target.read_text(encoding="utf-8") + "\nThêm một dòng.\n", encoding="utf-8")
    import ingest.storage

    def failing_rows(*args, **kwargs):
        raise OSError("disk full")

    # Fails after the old rows are deleted and the new document row is inserted.
    monkeypatch.setattr(ingest.storage, "_entity_rows", failing_rows)
    summary = ingest_paths(fresh_db, [seed_copy])
    assert summary.failed == 1
    assert list(fresh_db.query("select id from documents order by id")) == before


def test_database_reopens_with_same_shape(db_path: Path, seed_copy: Path) -> None:
    db = open_db(db_path)
    ingest_paths(db, [seed_copy])
    db.close()
    again = open_db(db_path)
    assert again["documents"].count == 5
    assert again["documents_fts"].exists()


def test_parallel_workers_store_the_same_database(tmp_path: Path, seed_copy: Path) -> None:
    def snapshot(workers: int) -> list:
        db = open_db(tmp_path / f"w{workers}.db")
        summary = ingest_paths(db, [seed_copy], workers=workers)
        assert summary.new == 5
        rows = {
            table: list(db.query(f"select * from {table} order by 1, 2"))
            for table in ("recipients", "citations", "statistics", "officials", "tasks")
        }
        rows["documents"] = list(
            db.query("select id, text, doc_type, number from documents order by id")
        )
        return rows

    assert snapshot(2) == snapshot(1)


def test_progress_wraps_the_stream_of_files_without_a_total(fresh_db, seed_copy: Path) -> None:
    seen = []

    def progress(items, total):
        items = list(items)
        seen.append((total, len(items)))
        yield from items

    ingest_paths(fresh_db, [seed_copy], progress=progress)
    ingest_paths(fresh_db, [seed_copy], progress=progress)
    assert seen == [(None, 5), (None, 5)]


def test_unchanged_size_and_mtime_skip_without_reading(
    fresh_db, seed_copy: Path, monkeypatch
) -> None:
    ingest_paths(fresh_db, [seed_copy])
    hashed = []
    real_hash = ingest.pipeline.content_hash
    monkeypatch.setattr(
        ingest.pipeline, "content_hash", lambda path: hashed.append(path.name) or real_hash(path)
    )
    assert ingest_paths(fresh_db, [seed_copy]).unchanged == 5
    assert hashed == []

    touched = seed_copy / SEEDS[0].name
    stat = touched.stat()
    os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    summary = ingest_paths(fresh_db, [seed_copy])
    assert (summary.new, summary.unchanged) == (0, 5)
    assert hashed == [touched.name]
    assert fresh_db["files"].get(str(touched))["mtime_ns"] == stat.st_mtime_ns + 10**9
    ingest_paths(fresh_db, [seed_copy])
    assert hashed == [touched.name]

    forced = ingest_paths(fresh_db, [seed_copy], force=True)
    assert forced.new == 5 and len(hashed) == 6


def test_database_from_before_mtime_opens_and_learns_it(db_path: Path, seed_copy: Path) -> None:
    old = sqlite3.connect(db_path)
    old.execute(
        "create table files (path text primary key, document_id text, content_hash text, "
        "size integer, ingested_at text)"
    )
    old.commit()
    old.close()
    db = open_db(db_path)
    assert "mtime_ns" in db["files"].columns_dict
    ingest_paths(db, [seed_copy])
    db.execute("update files set mtime_ns = null")
    db.conn.commit()
    summary = ingest_paths(db, [seed_copy])
    assert (summary.new, summary.unchanged) == (0, 5)
    assert db.execute("select count(*) from files where mtime_ns is null").fetchone()[0] == 0


def test_documents_commit_in_batches_and_a_failed_one_rolls_back_alone(
    fresh_db, seed_copy: Path, monkeypatch
) -> None:
    import ingest.storage

    monkeypatch.setattr(ingest.pipeline, "BATCH_DOCUMENTS", 2)
    monkeypatch.setattr(ingest.pipeline, "BATCH_SECONDS", 3600.0)
    # Statements are traced up to the link stage: the writer's commits only.
    monkeypatch.setattr(
        ingest.pipeline,
        "link_documents",
        lambda db, as_of=None, workers=1: db.conn.set_trace_callback(None),
    )
    broken = SEEDS[2].name
    real_rows = ingest.storage._entity_rows

    def rows_failing_for_one(document_id, text, entities):
        if fresh_db.execute(
            "select 1 from documents where id = ? and filename = ?", [document_id, broken]
        ).fetchone():
            raise OSError("disk full")
        return real_rows(document_id, text, entities)

    # Fails after the document row of the broken file is inserted, inside its batch.
    monkeypatch.setattr(ingest.storage, "_entity_rows", rows_failing_for_one)
    statements = []
    fresh_db.conn.set_trace_callback(statements.append)
    summary = ingest_paths(fresh_db, [seed_copy])

    assert (summary.new, summary.failed) == (4, 1)
    assert [s for s in statements if s.strip().upper() == "COMMIT"] == ["COMMIT"] * 3
    stored = {row["filename"] for row in fresh_db["documents"].rows}
    assert stored == {seed.name for seed in SEEDS} - {broken}
    assert fresh_db["files"].count == 4
    error = next(fresh_db.query("select * from errors"))
    assert (Path(error["path"]).name, error["stage"]) == (broken, "store")


def test_files_in_flight_are_bounded(fresh_db, seed_copy: Path, monkeypatch) -> None:
    """The scan runs at most IN_FLIGHT_PER_WORKER × workers files ahead of the writer."""
    monkeypatch.setattr(ingest.pipeline, "IN_FLIGHT_PER_WORKER", 1)
    pulled, ahead = [], []
    real_save = ingest.pipeline.save_document

    def files():
        for seed in sorted(seed_copy.iterdir()):
            pulled.append(seed)
            yield seed

    def save(db, **kwargs):
        ahead.append(len(pulled) - len(ahead))
        real_save(db, **kwargs)

    monkeypatch.setattr(ingest.pipeline, "save_document", save)
    with ThreadPoolExecutor(max_workers=1) as executor:
        summary = ingest_paths(fresh_db, files(), executor=executor)
    assert summary.new == 5
    assert max(ahead) <= 2
    assert [
        r["filename"] for r in fresh_db.query("select filename from documents order by rowid")
    ] == [seed.name for seed in SEEDS]


def test_every_facet_of_the_site_is_indexed(fresh_db, seed_copy: Path) -> None:
    ingest_paths(fresh_db, [seed_copy])
    metadata = json.loads((Path(__file__).resolve().parents[2] / "metadata.json").read_text())
    tables = metadata["databases"]["vanban"]["tables"]
    missing = []
    for table, settings in tables.items():
        if table not in fresh_db.table_names():
            continue
        leading = {index.columns[0] for index in fresh_db[table].indexes}
        for facet in settings.get("facets", []):
            column = facet if isinstance(facet, str) else next(iter(facet.values()))
            if column not in leading:
                missing.append(f"{table}.{column}")
    assert missing == []


def query_plan(db, sql: str, params) -> str:
    return " | ".join(row[-1] for row in db.execute(f"explain query plan {sql}", params))


def test_facet_and_filter_queries_search_an_index(fresh_db, seed_copy: Path) -> None:
    ingest_paths(fresh_db, [seed_copy])
    # Datasette's facet query over a table, and a canned query's filter.
    facet = (
        "select doc_type as value, count(*) as count from (select * from documents) "
        "where doc_type is not null group by doc_type order by count desc, value limit 31"
    )
    assert "USING COVERING INDEX idx_documents_doc_type" in query_plan(fresh_db, facet, [])
    by_indicator = (
        "select s.value, d.number from statistics s join documents d on d.id = s.document_id "
        "where s.indicator = ?"
    )
    plan = query_plan(fresh_db, by_indicator, ["diện tích"])
    assert "SEARCH s USING INDEX idx_statistics_indicator (indicator=?)" in plan
    assert "SEARCH d USING INDEX sqlite_autoindex_documents_1 (id=?)" in plan


def test_a_lost_worker_fails_its_file_only(fresh_db, seed_copy: Path, monkeypatch) -> None:
    lost = SEEDS[1].name
    real_prepare = ingest.pipeline.prepare

    def prepare_or_die(path, *args):
        if path.name == lost:
            raise MemoryError("worker killed")
        return real_prepare(path, *args)

    monkeypatch.setattr(ingest.pipeline, "prepare", prepare_or_die)
    # One thread: underthesea loads its models lazily and not thread-safely (hence Dask workers
    # with one thread each).
    with ThreadPoolExecutor(max_workers=1) as executor:
        summary = ingest_paths(fresh_db, [seed_copy], workers=2, executor=executor)
    assert (summary.new, summary.failed) == (4, 1)
    error = next(fresh_db.query("select * from errors"))
    assert Path(error["path"]).name == lost and error["path"] == str(seed_copy / lost)
    assert error["message"] == "worker failed: MemoryError: worker killed"


def test_changed_files_among_unchanged_ones_are_in_flight_together(
    fresh_db, seed_copy: Path, monkeypatch
) -> None:
    ingest_paths(fresh_db, [seed_copy])
    first, last = seed_copy / SEEDS[0].name, seed_copy / SEEDS[-1].name
    for changed in (first, last):
        changed.write_text(changed.read_text(encoding="utf-8") + "\nSửa.\n", encoding="utf-8")
    monkeypatch.setattr(ingest.pipeline, "IN_FLIGHT_PER_WORKER", 2)
    events = []
    real_save = ingest.pipeline.save_document

    def save(db, **kwargs):
        events.append(("store", kwargs["raw"].path.name))
        real_save(db, **kwargs)

    class Recording(ThreadPoolExecutor):
        def submit(self, fn, path, *args):
            events.append(("submit", path.name))
            return super().submit(fn, path, *args)

    monkeypatch.setattr(ingest.pipeline, "save_document", save)
    with Recording(max_workers=1) as executor:
        summary = ingest_paths(fresh_db, [seed_copy], executor=executor)
    assert (summary.new, summary.unchanged) == (2, 3)
    # The last file is handed out before the first is stored: the unchanged files between them
    # take no worker's place.
    assert events == [
        ("submit", first.name),
        ("submit", last.name),
        ("store", first.name),
        ("store", last.name),
    ]


POISON = "0000_poison.txt"  # first in order, so that files are handed out after it


def prepare_or_crash(path: Path, *args):
    """``prepare`` in a worker process that dies on one file, as a reader crashing would."""
    if path.name == POISON:
        os._exit(1)
    return REAL_PREPARE(path, *args)


REAL_PREPARE = ingest.pipeline.prepare


def test_a_crashed_worker_process_is_replaced(fresh_db, seed_copy: Path, monkeypatch) -> None:
    (seed_copy / POISON).write_text("Văn bản.\n", encoding="utf-8")
    # Worker processes are forked from this one, so they see the patched module.
    monkeypatch.setattr(ingest.pipeline, "prepare", prepare_or_crash)
    monkeypatch.setattr(ingest.pipeline, "IN_FLIGHT_PER_WORKER", 1)
    summary = ingest_paths(fresh_db, [seed_copy], workers=2)
    failed = {Path(path).name for path, _ in summary.errors}
    assert POISON in failed
    # Only files in flight with it fail; the last three go to fresh processes.
    assert summary.new + summary.failed == 6 and summary.new >= 3
    assert all("worker failed: BrokenProcessPool" in message for _, message in summary.errors)

    (seed_copy / POISON).unlink()
    monkeypatch.undo()
    ingest_paths(fresh_db, [seed_copy], workers=2)
    assert fresh_db["documents"].count == 5


def test_extract_path_reports_the_place_as_printed() -> None:
    # A real directive printed with the newer tone placement ("Thanh Hoá, ngày …"): the stored
    # text puts every tone in one place, the record reports what the page says.
    path = Path(__file__).parents[1] / "data" / "devset" / "docs" / "ct_15_ubnd_thanhhoa_2019.txt"
    text, extraction = extract_path(path)
    assert "Thanh Hóa, ngày" in text
    assert extraction.header.place == "Thanh Hoá"
