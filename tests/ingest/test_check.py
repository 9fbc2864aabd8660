"""`vanban check` on real databases built by ingesting corpus documents, then damaged by hand."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ingest import storage
from ingest.check import NotADatabase, check_database, open_checked
from ingest.cli import cli
from ingest.pipeline import ingest_paths
from ingest.storage import ENTITY_COLUMNS, EXTRACTOR_VERSION, LINK_NEEDED, open_db

REPO = Path(__file__).resolve().parents[2]
# The decision cites the resolution by number and date: one resolved citation between them.
CITING = "qd_28_2021_ttg.txt"
CITED = "nq_116_cp_2021.txt"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ingested")
    docs = folder / "docs"
    docs.mkdir()
    for name in (CITING, CITED):
        shutil.copy(REPO / "corpus" / name, docs)
    db = open_db(folder / "vanban.db")
    ingest_paths(db, [docs])
    db.close()
    return folder / "vanban.db"


@pytest.fixture
def db_copy(ingested: Path, tmp_path: Path) -> Path:
    path = tmp_path / "vanban.db"
    shutil.copy(ingested, path)
    return path


def damage(path: Path, sql: str) -> None:
    """Edit the database behind vanban's back: plain sqlite3, foreign keys not enforced."""
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(sql)


def query(path: Path, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


def check(path: Path, *options: str) -> Result:
    result = CliRunner().invoke(cli, ["check", "--db", str(path), *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def check_then_repair(path: Path) -> tuple[Result, Result]:
    """The check (which must find a problem), the repair, and a last check that must be clean."""
    found = check(path)
    assert found.exit_code == 1, found.output
    repaired = check(path, "--repair")
    assert repaired.exit_code == 0, repaired.output
    assert "repaired:" in repaired.output
    assert check(path).exit_code == 0
    return found, repaired


def test_a_freshly_ingested_database_is_clean(db_copy: Path) -> None:
    result = check(db_copy)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "clean: 2 documents, no problem found"
    repaired = check(db_copy, "--repair")
    assert repaired.exit_code == 0
    assert "repaired:" not in repaired.output


def test_an_empty_database_is_clean(fresh_db) -> None:
    report = check_database(fresh_db)
    assert report.clean and report.documents == 0


def test_rows_deleted_from_the_search_indexes_are_found_and_indexed_again(db_copy: Path) -> None:
    damage(
        db_copy,
        f"""
        delete from documents_fts where rowid = (select rowid from documents
            where filename = '{CITED}');
        insert into documents_fts_exact(documents_fts_exact, rowid, subject, text)
            select 'delete', rowid, subject, text from documents where filename = '{CITED}';
        """,
    )
    found, repaired = check_then_repair(db_copy)
    assert "search index: documents_fts: 1 of 2 documents not indexed" in found.output
    assert "search index: documents_fts_exact: 1 of 2 documents not indexed" in found.output
    assert "rebuilt search index documents_fts" in repaired.output
    for index in ("documents_fts", "documents_fts_exact"):
        matched = query(
            db_copy,
            f"select d.filename from {index} f join documents d on d.rowid = f.rowid "
            f"where {index} match 'nghiệp'",
        )
        assert sorted(matched) == [(CITED,), (CITING,)]


def test_an_index_whose_words_differ_from_the_text_is_found(db_copy: Path) -> None:
    """Same rows, other words: an edit made while the update trigger was missing."""
    (trigger_sql,) = query(db_copy, "select sql from sqlite_master where name = 'documents_au'")[0]
    damage(
        db_copy,
        f"""
        drop trigger documents_au;
        update documents set subject = 'Về việc phòng chống thiên tai' where filename = '{CITED}';
        {trigger_sql};
        """,
    )
    found, _ = check_then_repair(db_copy)
    assert "documents_fts: the index does not match the documents' text" in found.output
    matched = query(
        db_copy,
        "select d.filename from documents_fts f join documents d on d.rowid = f.rowid "
        "where documents_fts match 'thien'",
    )
    assert matched == [(CITED,)]


def test_missing_index_triggers_are_created_again(db_copy: Path) -> None:
    damage(db_copy, "drop trigger documents_exact_ai;")
    found, repaired = check_then_repair(db_copy)
    assert "triggers documents_exact_ai are missing" in found.output
    assert "created search index documents_fts_exact and its triggers again" in repaired.output
    assert query(db_copy, "select name from sqlite_master where name = 'documents_exact_ai'")


def test_a_document_without_files_row_gets_it_back_from_its_file(db_copy: Path) -> None:
    damage(db_copy, f"delete from files where path like '%{CITED}';")
    found, repaired = check_then_repair(db_copy)
    assert "has no files row" in found.output
    assert "restored 1 files rows" in repaired.output
    assert query(db_copy, f"select count(*) from files where path like '%{CITED}'") == [(1,)]


def test_a_document_whose_file_is_gone_is_kept(db_copy: Path, tmp_path: Path) -> None:
    gone = tmp_path / "moved" / CITED
    damage(
        db_copy,
        f"""
        delete from files where path like '%{CITED}';
        update documents set path = '{gone}' where filename = '{CITED}';
        """,
    )
    result = check(db_copy, "--repair")
    assert result.exit_code == 1
    assert f"{gone} no longer holds it" in result.output and "kept" in result.output
    assert query(db_copy, "select count(*) from documents") == [(2,)]


def test_a_files_row_of_a_missing_document_is_deleted(db_copy: Path) -> None:
    damage(
        db_copy,
        "insert into files (path, document_id, content_hash, size) "
        "values ('/nowhere/gone.txt', 'ffffffffffffffff', 'ffff', 1);",
    )
    found, _ = check_then_repair(db_copy)
    assert "/nowhere/gone.txt names missing document ffffffffffffffff" in found.output
    assert query(db_copy, "select count(*) from files") == [(2,)]


def test_every_entity_table_names_its_document_by_a_foreign_key(fresh_db) -> None:
    """What lets foreign_key_check find the entity rows of a missing document."""
    for table in ENTITY_COLUMNS:
        keys = {(key.column, key.other_table) for key in fresh_db[table].foreign_keys}
        assert ("document_id", "documents") in keys, table


def test_entity_rows_of_a_missing_document_are_deleted(db_copy: Path) -> None:
    kept = query(db_copy, "select count(*) from tasks")[0][0]
    damage(
        db_copy,
        """
        insert into tasks (document_id, position, start, end, assignee, action)
            values ('0000000000000000', 0, 0, 10, 'Bộ Y tế', 'chủ trì');
        insert into officials (document_id, position, start, end, name)
            values ('0000000000000000', 0, 0, 10, 'Nguyễn Văn A');
        """,
    )
    found, repaired = check_then_repair(db_copy)
    assert "orphan rows: tasks: 1 row naming a missing documents row" in found.output
    assert "orphan rows: officials: 1 row naming a missing documents row" in found.output
    assert "deleted 1 row of tasks whose document is missing" in repaired.output
    assert query(db_copy, "select count(*) from tasks") == [(kept,)]
    assert query(db_copy, "select count(*) from documents") == [(2,)]


def test_a_placeholder_that_a_stored_document_resolves_is_linked(db_copy: Path) -> None:
    (cited_id,) = query(db_copy, f"select id from documents where filename = '{CITED}'")[0]
    damage(
        db_copy,
        f"""
        update citations set target_id = null, link_status = 'placeholder', link_method = null,
            link_score = null where target_id = '{cited_id}';
        update cited_documents set document_id = null, status = 'placeholder'
            where document_id = '{cited_id}';
        """,
    )
    found, repaired = check_then_repair(db_copy)
    assert f"placeholder 116/NQ-CP@2021 can now be resolved to {cited_id}" in found.output
    assert "linked citations again" in repaired.output
    assert query(db_copy, f"select link_status from citations where target_id = '{cited_id}'") == [
        ("resolved",)
    ]


def test_a_run_stopped_before_linking_is_linked(db_copy: Path) -> None:
    damage(db_copy, f"insert into meta (key, value) values ('{LINK_NEEDED}', '1');")
    found, repaired = check_then_repair(db_copy)
    assert f"links: meta: {LINK_NEEDED} is set" in found.output
    assert "linked citations again" in repaired.output
    assert query(db_copy, "select count(*) from meta") == [(0,)]


def test_a_document_deleted_by_hand_leaves_nothing_behind_after_repair(db_copy: Path) -> None:
    damage(db_copy, f"delete from documents where filename = '{CITED}';")
    found, _ = check_then_repair(db_copy)
    assert "orphan file row" in found.output and "orphan rows" in found.output
    assert "links: citations: 1 citation whose link is out of date" in found.output
    assert query(db_copy, "select count(*) from files") == [(1,)]
    assert query(db_copy, "select count(*) from citations where target_id is not null") == [(0,)]


def test_documents_of_an_older_extractor_are_listed_not_touched(db_copy: Path) -> None:
    damage(
        db_copy,
        f"update documents set extractor_version = {EXTRACTOR_VERSION - 1} "
        f"where filename = '{CITING}';",
    )
    result = check(db_copy, "--repair")
    assert result.exit_code == 1
    assert f"{CITING} extracted by version {EXTRACTOR_VERSION - 1}" in result.output
    assert "re-extract with `vanban ingest --force`" in result.output
    assert query(db_copy, "select count(*) from documents") == [(2,)]


def test_a_damaged_file_is_reported_and_left_alone(db_copy: Path) -> None:
    """Bytes overwritten in the middle of the file: SQLite's own pages are damaged."""
    data = bytearray(db_copy.read_bytes())
    middle = len(data) // 3
    data[middle : middle + 16384] = bytes((7 * i + 3) % 256 for i in range(16384))
    db_copy.write_bytes(bytes(data))
    vanban = Path(sys.executable).with_name("vanban")
    for options in ([], ["--repair"]):
        result = subprocess.run(
            [vanban, "check", "--db", db_copy, *options],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 1, result.stdout + result.stderr
        assert "corruption: database:" in result.stdout
        assert ".recover" in result.stderr
        assert "Traceback" not in result.stderr
        assert "repaired:" not in result.stdout
    assert db_copy.read_bytes() == data


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: None, "does not exist"),
        (
            lambda path: path.write_text("Số: 12/QĐ-UBND\n", encoding="utf-8"),
            "not a SQLite database",
        ),
        (lambda path: path.write_bytes(b""), "not a SQLite database"),
        (
            lambda path: damage(path, "create table notes (text);"),
            "not a vanban database: it has no documents table",
        ),
    ],
    ids=["missing", "text", "empty", "other-sqlite"],
)
def test_what_is_not_a_vanban_database_is_refused_in_one_line(tmp_path, make, message) -> None:
    path = tmp_path / "vanban.db"
    make(path)
    existed = path.exists()
    for options in ([], ["--repair"]):
        result = check(path, *options)
        assert result.exit_code == 1
        assert message in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert path.exists() == existed


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(NotADatabase, match="is not a file"):
        open_checked(tmp_path)


def test_a_check_waits_for_a_writer_to_finish(db_copy: Path) -> None:
    """An ingest writing while the check runs: checking a search index takes the write lock, and
    the check waits for the writer's transaction instead of failing."""
    writer = sqlite3.connect(db_copy, isolation_level=None, check_same_thread=False)
    writer.execute("begin immediate")
    finish = threading.Timer(1.0, lambda: (writer.execute("commit"), writer.close()))
    finish.start()
    try:
        result = check(db_copy)
    finally:
        finish.join()
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "clean: 2 documents, no problem found"


def test_a_database_locked_by_a_writer_gives_one_line(
    db_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer holding its transaction past SQLite's wait (here cut to a tenth of a second):
    one line."""
    monkeypatch.setattr(storage, "BUSY_TIMEOUT_MS", 100)
    with closing(sqlite3.connect(db_copy, isolation_level=None)) as writer:
        writer.execute("begin immediate")
        result = check(db_copy)
        writer.execute("rollback")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {db_copy}: database is locked"
