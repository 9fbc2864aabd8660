"""The benchmark corpus generator: same seed, same bytes; headers the extractor reads back."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.make_corpus import load_material, plan, write_corpus
from extract.header import extract_header
from ingest.normalize import normalize_text
from ingest.readers import read_document


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    write_corpus(tmp_path / "a", 25, seed=7)
    write_corpus(tmp_path / "b", 25, seed=7)
    write_corpus(tmp_path / "c", 25, seed=8)
    first = _files(tmp_path / "a")
    assert len(first) == 25
    assert first == _files(tmp_path / "b")
    assert first != _files(tmp_path / "c")


def test_documents_are_nested_and_their_headers_read_back(tmp_path: Path) -> None:
    write_corpus(tmp_path, 25, seed=3)
    material = load_material()
    by_index = {int(p.stem.rsplit("_", 1)[1]): p for p in tmp_path.rglob("*") if p.is_file()}
    assert all(len(p.relative_to(tmp_path).parts) == 3 for p in by_index.values())
    numbered = 0
    for index, path in by_index.items():
        planned = plan(material, 3, index)
        header = extract_header(normalize_text(read_document(path).text))
        assert header.doc_type == planned.doc_type, path
        if planned.number.strip()[0].isdigit():
            numbered += 1
            assert header.number == planned.number, path
    assert numbered >= 20


def test_a_full_corpus_folder_is_refused(tmp_path: Path) -> None:
    write_corpus(tmp_path, 2, seed=1)
    with pytest.raises(SystemExit, match="not empty"):
        write_corpus(tmp_path, 2, seed=1)
