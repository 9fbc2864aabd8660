"""Linking citations across a database: keys, order independence, placeholders, fuzzy headers."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from extract.citations import extract_citations
from extract.link import cited_key, link_citations
from extract.model import Extraction, Header
from ingest.normalize import normalize_text
from ingest.pipeline import ingest_paths
from ingest.readers import RawDocument
from ingest.storage import open_db, save_document

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

# Headers as the OCR'd documents show them (see shared/corpus_extra/SOURCES.md): the linker
# must cope with what a header extractor can read, garbled numbers and blank days included.
HEADERS = {
    "nq_116_cp_2021.txt": Header(
        doc_type="nghị quyết",
        number="416/NQ-CP",  # "Số:416 /NQ-CP", OCR for 116/NQ-CP
        issuer="Chính phủ",
        year=2021,  # "ngày 2#tháng 9 năm 2021"
        subject="Về chính sách hỗ trợ người lao động và người sử dụng lao động bị ảnh hưởng "
        "bởi đại dịch COVID-19 từ Quỹ bảo hiểm thất nghiệp",
    ),
    "ct_11_ttg_2020.txt": Header(
        doc_type="chỉ thị", number=None, issuer="Thủ tướng Chính phủ", year=2020
    ),
    "nq_84_cp_2020.txt": Header(
        doc_type="nghị quyết",
        number="84/NQ-CP",
        issuer="Chính phủ",
        issued_date="2020-05-29",
        year=2020,
    ),
    "qd_28_2021_ttg.txt": Header(
        doc_type="quyết định",
        number="28/2021/QĐ-TTg",
        issuer="Thủ tướng Chính phủ",
        issued_date="2021-10-01",
        year=2021,
    ),
}


def store(db, path: Path, header: Header | None = None, text: str | None = None) -> str:
    """Save one document as ingest would, with a given header; its id."""
    text = normalize_text(text if text is not None else path.read_text(encoding="utf-8"))
    header = header if header is not None else HEADERS.get(path.name, Header())
    digest = hashlib.sha256(text.encode()).hexdigest()
    save_document(
        db,
        document_id=digest[:16],
        raw=RawDocument(path=path, format="txt", text=text),
        text=text,
        extraction=Extraction(header=header, citations=tuple(extract_citations(text, header))),
        content_hash=digest,
        size=len(text),
    )
    return digest[:16]


def citation(db, citing: str, number: str) -> dict:
    return next(
        db.query("select * from citations where document_id = ? and number = ?", [citing, number])
    )


def test_keys_fold_spelling_and_keep_the_year() -> None:
    assert cited_key("1102/CĐ-TTg", "2021-08-23") == cited_key("1102/CD–TTg", "2021-08-01")
    assert cited_key("1102/CĐ-TTg", "2021-08-23") == "1102/CD-TTG@2021"
    assert cited_key("23/2021/QĐ-TTg") == "23/2021/QD-TTG@2021"
    assert cited_key("68/NQ-CP", "2020-05-12") != cited_key("68/NQ-CP", "2021-07-01")
    assert cited_key("68/NQ-CP") == "68/NQ-CP"


def test_placeholder_becomes_a_link_when_the_cited_document_arrives(fresh_db) -> None:
    qd_28 = store(fresh_db, CORPUS / "qd_28_2021_ttg.txt")
    link_citations(fresh_db)
    before = citation(fresh_db, qd_28, "116/NQ-CP")
    assert (before["target_id"], before["link_status"]) == (None, "placeholder")
    placeholder = fresh_db["cited_documents"].get("116/NQ-CP@2021")
    assert placeholder["status"] == "placeholder" and placeholder["date"] == "2021-09-24"

    nq_116 = store(fresh_db, CORPUS / "nq_116_cp_2021.txt")
    link_citations(fresh_db)
    after = citation(fresh_db, qd_28, "116/NQ-CP")
    assert (after["target_id"], after["link_status"], after["link_method"]) == (
        nq_116,
        "resolved",
        "fuzzy",
    )
    assert fresh_db["cited_documents"].get("116/NQ-CP@2021")["document_id"] == nq_116
    implementations = list(fresh_db.query("select * from implementations"))
    assert [(r["directive_id"], r["document_id"], r["relation"]) for r in implementations] == [
        (nq_116, qd_28, "thực hiện")
    ]


def test_directive_with_a_garbled_header_is_found_by_date_issuer_and_type(fresh_db) -> None:
    """ct_11's number and day are unreadable; nq_84 cites it with its date and issuer."""
    ct_11 = store(fresh_db, CORPUS / "ct_11_ttg_2020.txt")
    nq_84 = store(fresh_db, CORPUS / "nq_84_cp_2020.txt")
    link_citations(fresh_db)
    assert citation(fresh_db, nq_84, "11/CT-TTg")["target_id"] == ct_11
    # 68/NQ-CP of 2020 is a different resolution from the undated 68/NQ-CP of the seeds.
    assert citation(fresh_db, nq_84, "68/NQ-CP")["cited_key"] == "68/NQ-CP@2020"
    assert [r["document_id"] for r in fresh_db.query("select * from implementations")] == [nq_84]


def test_exact_key_beats_spelling_and_year_tells_documents_apart(fresh_db, tmp_path) -> None:
    seed = store(fresh_db, CORPUS / "002_46a42970c31daf42.txt", Header(number="4806/UBND-KGVX"))
    cd_1102 = store(
        fresh_db,
        tmp_path / "cd.txt",
        Header(doc_type="công điện", number="1102/CD-TTg", issued_date="2021-08-23", year=2021),
        text="CÔNG ĐIỆN\nSố: 1102/CD-TTg\nVề tăng cường các biện pháp phòng, chống dịch",
    )
    # Same number, another year: numbering restarts every year, so this is another document.
    store(
        fresh_db,
        tmp_path / "cd2020.txt",
        Header(doc_type="công điện", number="1102/CĐ-TTg", issued_date="2020-08-23", year=2020),
        text="CÔNG ĐIỆN\nSố: 1102/CĐ-TTg\nVề một việc khác",
    )
    link_citations(fresh_db)
    row = citation(fresh_db, seed, "1102/CĐ-TTg")
    assert (row["target_id"], row["link_method"]) == (cd_1102, "exact")


def test_undated_citation_is_resolved_only_when_one_document_fits(fresh_db, tmp_path) -> None:
    seed = store(fresh_db, CORPUS / "003_ac9f01e6cbb8af30.txt")
    first = store(
        fresh_db,
        tmp_path / "a.txt",
        Header(doc_type="nghị quyết", number="68/NQ-CP", issued_date="2021-07-01", year=2021),
        text="NGHỊ QUYẾT\nSố: 68/NQ-CP\nVề một số chính sách hỗ trợ",
    )
    link_citations(fresh_db)
    assert citation(fresh_db, seed, "68/NQ-CP")["target_id"] == first
    store(
        fresh_db,
        tmp_path / "b.txt",
        Header(doc_type="nghị quyết", number="68/NQ-CP", issued_date="2020-05-12", year=2020),
        text="NGHỊ QUYẾT\nSố: 68/NQ-CP\nVề Chương trình cắt giảm",
    )
    link_citations(fresh_db)
    row = citation(fresh_db, seed, "68/NQ-CP")
    assert (row["target_id"], row["link_status"]) == (None, "ambiguous")
    assert fresh_db["cited_documents"].get("68/NQ-CP")["status"] == "ambiguous"


def _links(db) -> list[tuple]:
    rows = db.query(
        "select d.filename, c.number, c.cited_key, c.link_status, t.filename as target "
        "from citations c join documents d on d.id = c.document_id "
        "left join documents t on t.id = c.target_id order by 1, 2, 3"
    )
    return [tuple(r.values()) for r in rows]


def _placeholders(db) -> list[tuple]:
    return [tuple(r.values()) for r in db.query("select * from cited_documents order by key")]


def test_links_do_not_depend_on_ingest_order(tmp_path) -> None:
    files = sorted(CORPUS.glob("*.txt"))
    results = []
    for seed in (1, 2, 3):
        order = files[:]
        random.Random(seed).shuffle(order)
        db = open_db(tmp_path / f"order{seed}.db")
        # In two batches, so that linking also runs while half the corpus is missing.
        ingest_paths(db, order[:5])
        ingest_paths(db, order[5:])
        results.append((_links(db), _placeholders(db)))
        db.close()
    assert results[0][0], "the corpus has citations"
    assert results[0] == results[1] == results[2]


def test_relinking_changes_nothing(fresh_db) -> None:
    for name in ("qd_28_2021_ttg.txt", "nq_116_cp_2021.txt", "000_0382aea3e7226f41.txt"):
        store(fresh_db, CORPUS / name)
    link_citations(fresh_db)
    first = (_links(fresh_db), _placeholders(fresh_db))
    link_citations(fresh_db)
    assert (_links(fresh_db), _placeholders(fresh_db)) == first


@pytest.mark.parametrize("name", ["000_0382aea3e7226f41.txt", "002_46a42970c31daf42.txt"])
def test_seed_citations_of_unstored_documents_stay_placeholders(fresh_db, name: str) -> None:
    store(fresh_db, CORPUS / name)
    link_citations(fresh_db)
    statuses = {r["link_status"] for r in fresh_db.query("select link_status from citations")}
    assert statuses == {"placeholder"}
    assert fresh_db["cited_documents"].count == fresh_db["citations"].count


def test_a_generic_type_links_to_a_stored_document_of_any_kind(fresh_db, tmp_path) -> None:
    """'văn bản số 4912/UBND-NC' says only that 4912/UBND-NC is a document: it links to the
    stored công văn."""
    cong_van = store(
        fresh_db,
        tmp_path / "cv.txt",
        Header(doc_type="công văn", number="4912/UBND-NC", issued_date="2021-03-02", year=2021),
        text="ỦY BAN NHÂN DÂN\nSố: 4912/UBND-NC\nV/v tăng cường công tác phòng, chống dịch",
    )
    citing = store(
        fresh_db,
        tmp_path / "bc.txt",
        Header(doc_type="báo cáo", number="88/BC-UBND", issued_date="2021-04-01", year=2021),
        text="BÁO CÁO\nThực hiện văn bản số 4912/UBND-NC, Ủy ban nhân dân huyện báo cáo như sau.",
    )
    link_citations(fresh_db)
    rows = {
        r["type"]: r["target_id"]
        for r in fresh_db.query(
            "select type, target_id from citations where document_id = ?", [citing]
        )
    }
    assert rows == {"văn bản": cong_van}


def test_citations_carry_the_citing_documents_date(fresh_db, tmp_path) -> None:
    # The site lists the citations of a number in the order their documents were issued, by an
    # index on (cited_key, citing_date): the linker writes each citing document's date there,
    # and writes it again when the document's date changes.
    text = "Thực hiện Công điện số 1102/CĐ-TTg ngày 23/8/2021 của Thủ tướng Chính phủ."
    dated = store(fresh_db, tmp_path / "a.txt", Header(issued_date="2021-08-25", year=2021), text)
    undated = store(fresh_db, tmp_path / "b.txt", Header(year=2021), "Khẩn trương. " + text)
    link_citations(fresh_db)
    assert citation(fresh_db, dated, "1102/CĐ-TTg")["citing_date"] == "2021-08-25"
    assert citation(fresh_db, undated, "1102/CĐ-TTg")["citing_date"] is None
    fresh_db.execute("update documents set issued_date = '2021-09-01' where id = ?", [undated])
    link_citations(fresh_db)
    assert citation(fresh_db, undated, "1102/CĐ-TTg")["citing_date"] == "2021-09-01"
    plan = " ".join(
        row[3]
        for row in fresh_db.execute(
            "explain query plan select rowid from citations where cited_key = ? "
            "order by citing_date limit 5",
            ["1102/CD-TTG@2021"],
        ).fetchall()
    )
    assert "INDEX idx_citations_cited_key_citing_date" in plan and "TEMP B-TREE" not in plan
