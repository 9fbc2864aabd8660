"""The two full-text indexes: one folds diacritics, one keeps the text as written."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import ingest_paths
from ingest.storage import open_db


def _matching_files(db, table: str, word: str) -> set[str]:
    return {
        row["filename"]
        for row in db.query(
            f"select d.filename from {table} f join documents d on d.rowid = f.rowid "
            f"where {table} match :word",
            {"word": f'"{word}"'},
        )
    }


def test_a_word_with_other_diacritics_is_found_only_by_the_folded_index(fresh_db, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "ban_an.txt").write_text("Tòa tuyên bản án đối với bị cáo.", encoding="utf-8")
    ingest_paths(fresh_db, [folder])
    assert _matching_files(fresh_db, "documents_fts", "an") == {"ban_an.txt"}
    assert _matching_files(fresh_db, "documents_fts_exact", "an") == set()
    assert _matching_files(fresh_db, "documents_fts_exact", "án") == {"ban_an.txt"}


def test_the_exact_index_follows_a_replaced_document(fresh_db, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    document = folder / "thong_bao.txt"
    document.write_text("Bảo đảm an toàn cho nhân dân.", encoding="utf-8")
    ingest_paths(fresh_db, [folder])
    assert _matching_files(fresh_db, "documents_fts_exact", "toàn") == {"thong_bao.txt"}
    document.write_text("Tòa tuyên bản án đối với bị cáo.", encoding="utf-8")
    ingest_paths(fresh_db, [folder])
    assert _matching_files(fresh_db, "documents_fts_exact", "toàn") == set()
    assert _matching_files(fresh_db, "documents_fts_exact", "án") == {"thong_bao.txt"}


def test_an_existing_database_gains_the_exact_index(tmp_path: Path):
    path = tmp_path / "old.db"
    db = open_db(path)
    db.executescript(
        "drop trigger documents_exact_ai; drop trigger documents_exact_ad; "
        "drop trigger documents_exact_au; drop table documents_fts_exact;"
    )
    db.close()
    assert "documents_fts_exact" in open_db(path).table_names()
