"""Ingest end to end on real files and real SQLite databases."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import ingest.pipeline
from ingest.pipeline import ingest_paths
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
