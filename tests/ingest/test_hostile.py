"""Hostile and broken input: every reader gives a document or one clear ReadError for any bytes,
zip bombs are refused before they are inflated, and each class of bad file costs the operator
one error line and an errors row while the rest of the batch, and what was stored, stays whole.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.cli import cli
from ingest.files import Refused, display_path, expand_paths, parse_size
from ingest.readers import SUPPORTED_SUFFIXES, RawDocument, ReadError, ocr, read_document
from ingest.readers.docx import MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES
from tests.ingest.pdf_samples import CATALOG, ONE_PAGE, raw_pdf

REPO = Path(__file__).resolve().parents[2]
GOOD = sorted((REPO / "corpus").glob("00*.txt"))

# First bytes that send content to each parser, so that random tails reach past the sniffing.
MAGIC_HEADS = [
    b"",
    b"%PDF-1.7\n",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"<html><body>",
    b"\xef\xbb\xbf",
    "CHÍNH PHỦ\nSố: ".encode(),
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    suffix=st.sampled_from(SUPPORTED_SUFFIXES),
    head=st.sampled_from(MAGIC_HEADS),
    tail=st.binary(max_size=2000),
)
def test_any_bytes_give_a_document_or_one_clear_error(
    tmp_path: Path, suffix: str, head: bytes, tail: bytes
) -> None:
    path = tmp_path / f"any{suffix}"
    path.write_bytes(head + tail)
    try:
        document = read_document(path, ocr=False)
    except ReadError as error:
        message = str(error)
        assert message and "\n" not in message and "Traceback" not in message
    else:
        assert isinstance(document, RawDocument) and isinstance(document.text, str)


# --------------------------------------------------------------------------------------------
# Zip bombs


def _docx_bytes(document_xml: bytes, extra_entries: int = 0) -> bytes:
    """A zip shaped like a Word file around ``document_xml``, deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)
        for index in range(extra_entries):
            archive.writestr(f"word/media/x{index}.bin", b"")
    return buffer.getvalue()


def _declaring(data: bytes, name: str, size: int) -> bytes:
    """The archive with ``name``'s size in the central directory rewritten to ``size``: a bomb's
    directory, without writing gigabytes to disk."""
    entry = data.index(b"PK\x01\x02")
    while True:
        name_length = int.from_bytes(data[entry + 28 : entry + 30], "little")
        if data[entry + 46 : entry + 46 + name_length] == name.encode():
            break
        extra = int.from_bytes(data[entry + 30 : entry + 32], "little")
        comment = int.from_bytes(data[entry + 32 : entry + 34], "little")
        entry = data.index(b"PK\x01\x02", entry + 46 + name_length + extra + comment)
    return data[: entry + 24] + size.to_bytes(4, "little") + data[entry + 28 :]


BOMBS = {
    # 3.75 GiB declared for document.xml
    "declared-gigabytes": lambda: _declaring(
        _docx_bytes(b"<w:document/>"), "word/document.xml", 0xF000_0000
    ),
    # 64 MiB of one byte, deflated about a thousand times
    "high-ratio": lambda: _docx_bytes(b"<" + b"a" * (64 * 2**20) + b"/>"),
    "many-entries": lambda: _docx_bytes(b"<w:document/>", extra_entries=MAX_ZIP_ENTRIES + 1),
}


@pytest.mark.parametrize("kind", sorted(BOMBS))
def test_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(BOMBS[kind]())
    with pytest.raises(ReadError, match="zip archive refused") as caught:
        read_document(path)
    assert "\n" not in str(caught.value)


def test_zip_limits_leave_room_for_real_word_files() -> None:
    assert MAX_ZIP_ENTRIES >= 1000 and MAX_UNZIPPED_BYTES >= 256 * 2**20


# --------------------------------------------------------------------------------------------
# Discovery: sizes, links, names


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("4096", 4096),
        ("512K", 512 * 2**10),
        ("200M", 200 * 2**20),
        ("1G", 2**30),
        ("1.5g", 3 * 2**29),
        ("2MiB", 2 * 2**20),
    ],
)
def test_sizes_as_an_operator_writes_them(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "abc", "-1M", "1X"])
def test_a_size_that_is_none_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a size"):
        parse_size(text)


def test_links_inside_the_folder_are_read_and_loops_end(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(GOOD[0], folder / "sub" / "a.txt")
    (folder / "alias.txt").symlink_to(folder / "sub" / "a.txt")
    (folder / "sub" / "again").symlink_to(folder)  # a folder loop
    (folder / "x.txt").symlink_to("y.txt")
    (folder / "y.txt").symlink_to("x.txt")  # a file loop
    found = list(expand_paths([folder]))
    paths = {item.path if isinstance(item, Refused) else item for item in found}
    assert paths == {
        folder / "alias.txt",
        folder / "sub" / "a.txt",
        folder / "x.txt",
        folder / "y.txt",
    }
    refused = {item.path.name: item.message for item in found if isinstance(item, Refused)}
    assert set(refused) == {"x.txt", "y.txt"} and "loop" in refused["x.txt"]


def test_names_are_displayed_on_one_line() -> None:
    assert display_path("a\nb\tc.txt") == "a\\nb\\tc.txt"
    assert display_path(os.fsdecode(b"\xff bad.txt")) == "\\xff bad.txt"
    assert display_path("Công văn 'số 5' \"gấp\".txt") == "Công văn 'số 5' \"gấp\".txt"


# --------------------------------------------------------------------------------------------
# Each class of bad file through the command line


ENCRYPTED_PDF = raw_pdf(
    [
        *ONE_PAGE,
        "<< /Filter /Standard /V 1 /R 2 /O <{}> /U <{}> /P -4 >>".format("11" * 32, "22" * 32),
    ],
    "/Encrypt 4 0 R /ID [<{0}> <{0}>] ".format("33" * 16),
)


def _pages_pdf(count: int, content: bytes | None = None) -> bytes:
    """A PDF of ``count`` pages, empty or all drawing the same ``content`` stream."""
    kids = " ".join(f"{index + 4} 0 R" for index in range(count))
    stream = content or b""
    contents = "/Contents 3 0 R " if content else ""
    return raw_pdf(
        [
            CATALOG,
            f"<< /Type /Pages /Kids [{kids}] /Count {count} >>",
            f"<< /Length {len(stream)} >>\nstream\n{stream.decode()}\nendstream",
            *[f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] {contents}>>"] * count,
        ]
    )


@pytest.mark.parametrize(
    "content", [None, b"1 1 1 rg 0 0 612 792 re f"], ids=["empty", "painted-white"]
)
def test_thousands_of_blank_pages_cost_no_ocr(
    tmp_path: Path, monkeypatch, content: bytes | None
) -> None:
    """A small file of blank pages is one clear error at once, not a tesseract run per page."""

    def never(*arguments):
        raise AssertionError("a blank page was sent to OCR")

    monkeypatch.setattr(ocr, "_recognise", never)
    path = _write(tmp_path / "blank.pdf", _pages_pdf(2000 if content is None else 20, content))
    with pytest.raises(ReadError, match="PDF has no text"):
        read_document(path)


def _bad_file(kind: str, folder: Path) -> tuple[Path, list[str]]:
    """The bad file of one class in ``folder``, and the extra command-line options it needs."""
    if kind == "empty":
        return _write(folder / "empty.txt", b""), []
    if kind == "binary-junk":
        return _write(folder / "junk.txt", bytes(range(256)) * 16), []
    if kind == "truncated-pdf":
        whole = raw_pdf(ONE_PAGE)
        return _write(folder / "cut.pdf", whole[: len(whole) // 3]), []
    if kind == "encrypted-pdf":
        return _write(folder / "locked.pdf", ENCRYPTED_PDF), []
    if kind == "zero-page-pdf":
        return _write(
            folder / "blank.pdf", raw_pdf([CATALOG, "<< /Type /Pages /Kids [] /Count 0 >>"])
        ), []
    if kind == "wrong-extension":
        return _write(folder / "letter.docx", "CHÍNH PHỦ\nSố: 84/NQ-CP".encode()), []
    if kind == "wrong-encoding":
        return _write(
            folder / "sjis.txt", "これは日本語のテキストです".encode("shift_jis") * 20
        ), []
    if kind == "huge":
        return _write(folder / "huge.txt", b"CHINH PHU " * 20_000), ["--max-size", "100K"]
    if kind == "zip-bomb":
        return _write(folder / "bomb.docx", BOMBS["declared-gigabytes"]()), []
    if kind == "symlink-outside":
        secret = folder.parent / "outside" / "secret.txt"
        secret.parent.mkdir()
        shutil.copy(GOOD[2], secret)
        (folder / "secret.txt").symlink_to(secret)
        return folder / "secret.txt", []
    if kind == "named-pipe":
        os.mkfifo(folder / "pipe.txt")  # reading it would wait for a writer forever
        return folder / "pipe.txt", []
    if kind == "name-not-utf8":
        name = os.fsdecode(b"c\xf4ng v\xe3n.txt")  # Windows-1258 bytes
        return _write(folder / name, GOOD[2].read_bytes()), []
    raise AssertionError(kind)


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


BAD_KINDS = [
    "empty",
    "binary-junk",
    "truncated-pdf",
    "encrypted-pdf",
    "zero-page-pdf",
    "wrong-extension",
    "wrong-encoding",
    "huge",
    "zip-bomb",
    "symlink-outside",
    "name-not-utf8",
    "named-pipe",
]


def _stored(db_path: Path) -> dict[str, tuple]:
    db = sqlite_utils.Database(db_path)
    rows = {
        row["id"]: (row["text"], row["number"], row["issued_date"])
        for row in db.query("select id, text, number, issued_date from documents")
    }
    db.close()
    return rows


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_bad_file_costs_one_error_line_and_nothing_else(tmp_path: Path, kind: str) -> None:
    db_path = tmp_path / "v.db"
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(GOOD[0], first)
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(first), "--db", str(db_path)]).exit_code == 0
    before = _stored(db_path)

    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(GOOD[1], batch)
    bad, options = _bad_file(kind, batch)
    result = runner.invoke(cli, ["ingest", str(batch), "--db", str(db_path), *options])

    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in result.stderr, result.stderr
    assert display_path(bad.name) in errors[0]
    assert "2 read, 1 new, 0 unchanged, 1 failed" in result.stdout
    after = _stored(db_path)
    assert {key: after[key] for key in before} == before  # what was stored is intact
    assert len(after) == len(before) + 1  # the good file of the batch is stored
    db = sqlite_utils.Database(db_path)
    recorded = [row["path"] for row in db.query("select path from errors")]
    assert recorded == [display_path(bad)] if kind == "name-not-utf8" else recorded == [str(bad)]


def test_odd_names_are_ingested_and_printed_safely_by_the_real_command(tmp_path: Path) -> None:
    """A real process with real argv bytes: names with spaces, quotes, a newline, a leading '-'
    and 250 bytes are stored; a name not in UTF-8, and a bad file with a newline in its name, are
    one escaped error line each."""
    folder = tmp_path / "docs"
    folder.mkdir()
    odd = ["a b 'c' \"d\".txt", "line\nbreak.txt", "-leading.txt", "đ" * 123 + ".txt"]
    for name, source in zip(odd, GOOD, strict=False):
        shutil.copy(source, folder / name)
    shutil.copy(GOOD[0], folder / os.fsdecode(b"\xff\xfe.txt"))
    (folder / "bad\nname -x.pdf").write_bytes(b"not a pdf")
    db_path = tmp_path / "v.db"
    result = subprocess.run(
        [
            Path(sys.executable).with_name("vanban"),
            "ingest",
            "--db",
            str(db_path),
            "--",
            str(folder),
        ],
        capture_output=True,
        cwd=REPO,
        timeout=300,
    )
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 0 and "Traceback" not in stderr, stderr
    assert sorted(stderr.splitlines()) == sorted(
        [
            f"error: {folder}/\\xff\\xfe.txt: file name is not valid UTF-8: rename it",
            f"error: {folder}/bad\\nname -x.pdf: not a PDF file: the content does not match the"
            " extension",
        ]
    )
    db = sqlite_utils.Database(db_path)
    stored = {Path(row["path"]).name for row in db.query("select path from files")}
    assert stored == set(odd[: len(GOOD)])
