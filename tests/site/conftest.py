"""Fixtures for the published site: databases built once per session, a Datasette instance
configured exactly as ``vanban serve`` runs it, and a real server for browser tests.

Two databases:
- ``corpus_db``: the repository's corpus ingested through the real pipeline (what the README's
  screenshots show);
- ``linked_db``: three short documents stored with hand-made extractions, so that the pages'
  links (cites, cited by, implementation documents, tasks, figures) are tested whatever the
  extractors find today.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from datasette.app import Datasette

from extract.ledger import refresh as refresh_ledger
from extract.link import link_citations
from extract.model import Citation, Extraction, Header, Signer, Statistic, Task
from ingest.cli import PROJECT_ROOT, datasette_arguments
from ingest.normalize import normalize_text
from ingest.pipeline import ingest_paths
from ingest.readers import RawDocument
from ingest.storage import open_db, save_document

CORPUS = PROJECT_ROOT / "corpus"
PLUGIN = PROJECT_ROOT / "plugins" / "vanban_site.py"
# The day the hand-made ledger is computed on: after the report, before any real "today".
LEDGER_DAY = date(2021, 9, 20)


def close_for_serving(db) -> None:
    """Checkpoint and leave WAL mode, so that the file alone holds everything when it is
    opened immutable."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.disable_wal()
    db.close()


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "vanban.db"
    db = open_db(path)
    # A file an extractor fails on is an errors row, not a reason for the site to fail.
    summary = ingest_paths(db, [CORPUS])
    assert summary.new > 0, summary.errors
    close_for_serving(db)
    return path


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


# Wording from real documents (a Công điện of the Prime Minister and a province's công văn
# carrying it out), shortened; the second page of the directive follows a form feed as a PDF's would.
DIRECTIVE_TEXT = normalize_text(
    "THỦ TƯỚNG CHÍNH PHỦ\nSố: 1102/CĐ-TTg\nHà Nội, ngày 23 tháng 8 năm 2021\n\nCÔNG ĐIỆN\n"
    "Về tăng cường các biện pháp phòng, chống dịch COVID-19\n\n"
    "1. Ủy ban nhân dân các tỉnh, thành phố tổ chức xét nghiệm diện rộng cho toàn bộ người dân "
    "trên địa bàn, báo cáo trước ngày 30/8/2021.\n"
    "\f2. Bộ Y tế hướng dẫn các địa phương triển khai tiêm chủng thường xuyên.\n"
    "KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nVũ Đức Đam"
)
CARRYING_OUT_TEXT = normalize_text(
    "ỦY BAN NHÂN DÂN TỈNH CÀ MAU\nSố: 4806/UBND-KGVX\nCà Mau, ngày 25 tháng 8 năm 2021\n"
    "V/v triển khai Công điện số 1102/CĐ-TTg\n\n"
    "Thực hiện Công điện số 1102/CĐ-TTg ngày 23/8/2021 của Thủ tướng Chính phủ, Chủ tịch Ủy ban "
    "nhân dân tỉnh chỉ đạo: đến nay toàn tỉnh đã xét nghiệm 125.430 mẫu, ghi nhận 4.821 ca mắc. "
    'Nội dung ghi chú của cán bộ: <script>alert("xss")</script> và <b>in đậm</b>.'
)
REPORT_TEXT = normalize_text(
    "ỦY BAN NHÂN DÂN TỈNH CÀ MAU\nSố: 512/BC-UBND\nCà Mau, ngày 10 tháng 9 năm 2021\nBÁO CÁO\n"
    "Kết quả thực hiện Công điện số 1102/CĐ-TTg ngày 23/8/2021\n"
    'Đến ngày 09/9/2021 toàn tỉnh ghi nhận 6.102 ca mắc (mã "</script><script>alert(1)</script>"). '
    "Ủy ban nhân dân tỉnh đã hoàn thành việc tổ chức xét nghiệm diện rộng cho toàn bộ người dân "
    "trên địa bàn tỉnh."
)


def _save(db, document_id: str, name: str, text: str, extraction: Extraction) -> None:
    raw = RawDocument(
        path=Path(f"/nonexistent/{name}"),
        format="pdf",
        text=text,
        page_count=text.count("\f") + 1,
        ocr=True,
        ocr_confidence=0.87,
        warnings=["OCR: chất lượng bản quét thấp"],
    )
    save_document(
        db,
        document_id=document_id,
        raw=raw,
        text=text,
        extraction=extraction,
        content_hash=document_id * 4,
        size=len(text),
    )


def _build_linked_db(path: Path) -> Path:
    db = open_db(path)
    text = DIRECTIVE_TEXT
    first, second = text.index("1. Ủy ban"), text.index("2. Bộ Y tế")
    _save(
        db,
        "d1",
        "cd_1102.pdf",
        text,
        Extraction(
            header=Header(
                doc_type="công điện",
                number="1102/CĐ-TTg",
                issuer="Thủ tướng Chính phủ",
                issued_date="2021-08-23",
                year=2021,
                subject="Về tăng cường các biện pháp phòng, chống dịch COVID-19",
                urgency="hỏa tốc",
                signer=Signer("Vũ Đức Đam", "Phó Thủ tướng", "KT. Thủ tướng"),
            ),
            tasks=(
                Task(
                    first,
                    text.index("\n", first),
                    "Ủy ban nhân dân các tỉnh, thành phố",
                    "tổ chức xét nghiệm diện rộng cho toàn bộ người dân trên địa bàn",
                    deadline="2021-08-30",
                ),
                Task(
                    second,
                    text.index("\n", second),
                    "Bộ Y tế",
                    "hướng dẫn các địa phương triển khai tiêm chủng",
                    deadline_kind="thường xuyên",
                ),
            ),
        ),
    )
    text = CARRYING_OUT_TEXT
    cite = _span(text, "1102/CĐ-TTg", text.index("Thực hiện"))
    tests_span, cases_span = _span(text, "125.430 mẫu"), _span(text, "4.821 ca")
    _save(
        db,
        "d2",
        "cv_4806.pdf",
        text,
        Extraction(
            header=Header(
                doc_type="công văn",
                number="4806/UBND-KGVX",
                issuer="Ủy ban nhân dân tỉnh Cà Mau",
                issued_date="2021-08-25",
                year=2021,
                subject="V/v triển khai Công điện số 1102/CĐ-TTg",
            ),
            citations=(
                Citation(
                    *cite,
                    "Công điện số 1102/CĐ-TTg",
                    "công điện",
                    "1102/CĐ-TTg",
                    date="2021-08-23",
                    relation="thực hiện",
                ),
            ),
            statistics=(
                Statistic(
                    *tests_span,
                    "125.430",
                    125430,
                    "mẫu",
                    indicator="số mẫu xét nghiệm",
                    area="Cà Mau",
                    as_of="2021-08-25",
                    sentence="toàn tỉnh đã xét nghiệm 125.430 mẫu",
                ),
                Statistic(
                    *cases_span,
                    "4.821",
                    4821,
                    "ca",
                    indicator="số ca mắc",
                    area="Cà Mau",
                    as_of="2021-08-25",
                    sentence="ghi nhận 4.821 ca mắc",
                ),
            ),
        ),
    )
    text = REPORT_TEXT
    cite = _span(text, "1102/CĐ-TTg")
    _save(
        db,
        "d3",
        "bc_512.pdf",
        text,
        Extraction(
            header=Header(
                doc_type="báo cáo",
                number="512/BC-UBND",
                issuer="Ủy ban nhân dân tỉnh Cà Mau",
                issued_date="2021-09-10",
                year=2021,
                subject="Kết quả thực hiện Công điện số 1102/CĐ-TTg",
            ),
            citations=(
                Citation(
                    *cite,
                    "Công điện số 1102/CĐ-TTg",
                    "công điện",
                    "1102/CĐ-TTg",
                    date="2021-08-23",
                    relation="thực hiện",
                ),
            ),
            statistics=(
                Statistic(
                    *_span(text, "6.102 ca"),
                    "6.102",
                    6102,
                    "ca",
                    indicator="số ca mắc",
                    area="Cà Mau",
                    as_of="2021-09-09",
                    sentence='toàn tỉnh ghi nhận 6.102 ca mắc (mã "</script><script>alert(1)</script>")',
                ),
            ),
        ),
    )
    link_citations(db)
    refresh_ledger(db, as_of=LEDGER_DAY)
    close_for_serving(db)
    return path


@pytest.fixture(scope="session")
def linked_db(tmp_path_factory) -> Path:
    """Three linked documents, with the links and the task ledger that extract/link.py and
    extract/ledger.py stored."""
    return _build_linked_db(tmp_path_factory.mktemp("linked") / "vanban.db")


def _flag_values(arguments: list[str], flag: str) -> list[str]:
    return [arguments[i + 1] for i, value in enumerate(arguments) if value == flag]


def datasette_for(db_path: Path, immutable: bool = False) -> Datasette:
    """A Datasette instance with exactly the options ``vanban serve [--immutable]`` passes on its
    command line."""
    arguments = datasette_arguments(str(db_path), immutable=immutable)
    settings = {}
    for i, value in enumerate(arguments):
        if value == "--setting":
            settings[arguments[i + 1]] = int(arguments[i + 2])
    metadata_path = _flag_values(arguments, "--metadata")[0]
    immutables = _flag_values(arguments, "-i")
    return Datasette(
        files=[] if immutables else [arguments[1]],
        immutables=immutables,
        metadata=json.loads(Path(metadata_path).read_text(encoding="utf-8")),
        template_dir=_flag_values(arguments, "--template-dir")[0],
        plugins_dir=_flag_values(arguments, "--plugins-dir")[0],
        static_mounts=[tuple(mount.split(":", 1)) for mount in _flag_values(arguments, "--static")],
        settings=settings,
    )


class Client:
    """Synchronous access to Datasette's in-process test client."""

    def __init__(self, datasette: Datasette, loop: asyncio.AbstractEventLoop):
        self.datasette = datasette
        self.loop = loop

    def get(self, path: str, **kwargs):
        return self.loop.run_until_complete(self.datasette.client.get(path, **kwargs))


@pytest.fixture(scope="session")
def event_loop_for_site() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
def site_for(event_loop_for_site) -> Callable[[Path], Client]:
    """A client for the site serving the database at a path (``immutable``: as
    ``vanban serve --immutable`` serves it)."""
    return lambda db_path, immutable=False: Client(
        datasette_for(db_path, immutable), event_loop_for_site
    )


@pytest.fixture(scope="session")
def corpus_site(corpus_db, site_for) -> Client:
    return site_for(corpus_db)


@pytest.fixture(scope="session")
def linked_site(linked_db, site_for) -> Client:
    return site_for(linked_db)


@pytest.fixture
def ingested(tmp_path) -> Callable[[dict[str, str]], Path]:
    """Ingest files given as ``{name: text}`` into a fresh database through the real pipeline."""

    def ingest(files: dict[str, str]) -> Path:
        folder = tmp_path / "docs"
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        db_path = tmp_path / "vanban.db"
        db = open_db(db_path)
        summary = ingest_paths(db, [folder])
        assert summary.failed == 0, summary.errors
        close_for_serving(db)
        return db_path

    return ingest


@pytest.fixture(scope="session")
def site_plugin():
    """The plugin module, for unit tests of its pure functions."""
    spec = importlib.util.spec_from_file_location("vanban_site_under_test", PLUGIN)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """Start ``datasette`` with ``vanban serve``'s arguments on a free port; returns its URL.
    Every server started is stopped at the end of the session."""
    processes: list[subprocess.Popen] = []

    def start(db_path: Path) -> str:
        port = _free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "datasette", *datasette_arguments(str(db_path), port=port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        processes.append(process)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(
                    f"datasette exited: {process.stderr.read().decode(errors='replace')}"
                )
            try:
                with urllib.request.urlopen(url + "/-/versions.json", timeout=2):
                    return url
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("datasette did not start within 60 seconds")

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
