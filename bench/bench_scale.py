"""Scale: the figures of issue 9 on a generated corpus, each against a baseline of the same run.

Corpora come from bench/make_corpus.py (real documents recombined).  Each measurement prints
one markdown table row (with the date and the load average, since the machine is shared):

- ``throughput``: characters per second per core of the whole pipeline against underthesea's
  ``ner`` over the same text (the functions of bench/bench_pipeline.py), on a sample of the
  corpus;
- ``ingest``: wall time of a first ingest into a fresh database with 1 and with 2 worker
  processes, then of a re-ingest of the unchanged archive, each run in a child process whose
  peak memory (its own plus its workers', summed) is sampled from /proc;
- ``search``: median and p95 latency of the site's search page (``/-/tim-kiem``) for the
  queries a secretariat types, the database opened immutable as ``vanban serve`` opens it,
  against the same queries on a smaller database.

    .venv/bin/python bench/bench_scale.py throughput --corpus /tmp/vanban-bench/corpus-1000-seed1
    .venv/bin/python bench/bench_scale.py ingest --corpus /tmp/vanban-bench/corpus-10000-seed1
    .venv/bin/python bench/bench_scale.py search --db BIG.db --baseline-db SMALL.db

``build`` ingests a corpus into a kept database (for the search figures) and prints the same
row as ``ingest`` for that one run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

from bench_pipeline import time_baseline, time_pipeline

from ingest.files import expand_paths
from ingest.normalize import normalize_text
from ingest.readers import read_document

DEFAULT_ROOT = Path("/tmp/vanban-bench")
# How often the memory of an ingest and its workers is sampled, and every how many samples the
# documents stored are counted.
SAMPLE_SECONDS = 0.5
STORED_EVERY = 4

# What a secretariat types into the search box: words with and without diacritics, phrases,
# document numbers spelled as they come (no đ, spaces, the type in words), a filter.
QUERIES = (
    ("phòng, chống dịch", {}),
    ("phong chong dich", {}),
    ("gia hạn nộp thuế", {}),
    ("gia han nop thue", {}),
    ('"thích ứng an toàn"', {}),
    ("hỗ trợ người lao động", {}),
    ("tiêm vắc xin", {}),
    ("Mường Tè", {}),
    ("giãn cách xã hội Cà Mau", {}),
    ("tháo gỡ khó khăn doanh nghiệp du lịch lữ hành", {}),
    ("1102/CD-TTg", {}),
    ("1102/CĐ-TTg", {}),
    ("cong dien 1102", {}),
    ("Công điện số 1102/CĐ-TTg ngày 23/8/2021", {}),
    ("4806/UBND-KGVX", {}),
    ("28/2021/QĐ-TTg", {}),
    ("qd 28/2021", {}),
    ("nghị quyết 128", {}),
    ("covid", {"nam": "2021"}),
    ("kế hoạch", {"loai": "kế hoạch"}),
)


TABLE_HEAD = (
    "| when | load (1, 5, 15 min) | measurement | result | baseline, same run | ratio | target |\n"
    "|---|---|---|---:|---:|---:|---|"
)


def row(
    measurement: str, result: str, baseline: str = "", ratio: str = "", target: str = ""
) -> None:
    """One table row, stamped with the time and the load average of the shared machine."""
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    when = f"{datetime.now(UTC):%d %b %Y %H:%M} UTC"
    print(
        f"| {when} | {load} | {measurement} | {result} | {baseline} | {ratio} | {target} |",
        flush=True,
    )


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(path for path in expand_paths([corpus]) if isinstance(path, Path))


# ---------------------------------------------------------------------------------------------
# Throughput against underthesea's ner


def throughput(corpus: Path, sample: int) -> None:
    files = corpus_files(corpus)[:sample]
    texts = [normalize_text(read_document(f).text) for f in files]
    characters = sum(len(t) for t in texts)
    time_pipeline(files[:3])  # warm imports and lexicons
    pipeline = time_pipeline(files)
    baseline = time_baseline(texts)
    row(
        f"whole pipeline, 1 process, {len(files)} documents, {characters:,} chars",
        f"{characters / pipeline:,.0f} chars/s ({pipeline:.1f} s)",
        f"underthesea ner: {characters / baseline:,.0f} chars/s ({baseline:.1f} s)",
        f"**{baseline / pipeline:.1f}x**",
        "≥ 15x",
    )


# ---------------------------------------------------------------------------------------------
# Ingest: wall time, re-ingest, peak memory of the process tree


def _children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        found = []
        for task in tasks:
            found += [int(c) for c in (task / "children").read_text().split()]
        return found
    except OSError:
        return []


def _memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB; PSS shares the pages workers inherit from the parent
    among them, so its sum over a process tree does not count them twice."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    values = {}
    for line in rollup.splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            values[name] = int(rest.split()[0])
    return values.get("Rss", 0), values.get("Pss", 0)


def tree_memory_kib(root: int) -> tuple[int, int]:
    """Summed (RSS, PSS) of a process and all its descendants."""
    pending, rss, pss = [root], 0, 0
    while pending:
        pid = pending.pop()
        one_rss, one_pss = _memory_kib(pid)
        rss, pss = rss + one_rss, pss + one_pss
        pending += _children(pid)
    return rss, pss


@dataclass
class IngestRun:
    """One first ingest or re-ingest, timed from the ``ingest_paths`` call (imports and model
    loading excluded)."""

    seconds: float | None  # the whole call; None when stopped at the time limit
    elapsed: float  # until it ended or was stopped
    stored_seconds: float | None  # until every file's document was stored, before linking
    stored: int  # documents in the database at the end (or at the stop)
    summary: str
    peak_rss_mib: float
    peak_pss_mib: float

    def result(self, files: int) -> str:
        if self.seconds is not None:
            whole = f"{self.seconds:,.1f} s ({self.summary})"
        else:
            whole = f"**stopped after {self.elapsed:,.0f} s**, {self.stored:,} of {files:,} stored"
        stored = (
            f"; all stored after {self.stored_seconds:,.0f} s, then linking"
            if self.stored_seconds is not None and self.seconds is None
            else ""
        )
        return f"{whole}{stored}; peak {_memory_cell(self)}"


def _stored(db: Path) -> int:
    """Documents committed so far, read beside the writer (WAL)."""
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def run_ingest(db: Path, corpus: Path, workers: int, files: int, limit_s: float) -> IngestRun:
    """One ``ingest_paths`` in a child process: its memory (with its workers') sampled, the
    moment every file is stored noted, stopped after ``limit_s`` seconds."""
    child = subprocess.Popen(
        [sys.executable, __file__, "_ingest", "--db", str(db), "--corpus", str(corpus)]
        + ["--workers", str(workers)],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its workers share its process group, stopped with it
    )
    started = child.stdout.readline()  # the child says when ingest_paths begins
    if not started:
        raise SystemExit(f"error: ingest of {corpus} failed (exit {child.wait()})")
    start = time.perf_counter()
    peaks, stored_at, ticks = [0, 0], [None], 0
    while child.poll() is None and time.perf_counter() - start < limit_s:
        rss, pss = tree_memory_kib(child.pid)
        peaks[0], peaks[1] = max(peaks[0], rss), max(peaks[1], pss)
        ticks += 1
        if stored_at[0] is None and ticks % STORED_EVERY == 0 and _stored(db) >= files:
            stored_at[0] = time.perf_counter() - start
        time.sleep(SAMPLE_SECONDS)
    if child.poll() is None:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        elapsed = time.perf_counter() - start
        return IngestRun(
            None, elapsed, stored_at[0], _stored(db), "", peaks[0] / 1024, peaks[1] / 1024
        )
    output = child.stdout.read()
    if child.returncode != 0:
        raise SystemExit(f"error: ingest of {corpus} failed (exit {child.returncode})")
    result = json.loads(output.strip().splitlines()[-1])
    return IngestRun(
        result["seconds"],
        time.perf_counter() - start,
        stored_at[0],
        result["documents"],
        result["summary"],
        peaks[0] / 1024,
        peaks[1] / 1024,
    )


def _ingest_child(db: Path, corpus: Path, workers: int) -> None:
    from ingest.pipeline import ingest_paths
    from ingest.storage import open_db

    database = open_db(db)
    print("started", flush=True)
    start = time.perf_counter()
    summary = ingest_paths(database, [corpus], workers=workers)
    seconds = time.perf_counter() - start
    documents = database["documents"].count
    database.close()
    print(json.dumps({"seconds": seconds, "summary": summary.line(), "documents": documents}))


def _memory_cell(run: IngestRun) -> str:
    return f"{run.peak_rss_mib:,.0f} MiB RSS ({run.peak_pss_mib:,.0f} MiB PSS)"


def ingest(corpus: Path, workers: list[int], keep: Path | None, limit_s: float) -> None:
    """First ingest with each number of workers into a fresh database (the first kept), then a
    re-ingest of the unchanged archive into the first one's database."""
    files = len(corpus_files(corpus))
    runs = {}
    with tempfile.TemporaryDirectory(dir=DEFAULT_ROOT) as folder:
        for count in workers:
            db = keep if keep and count == workers[0] else Path(folder) / f"w{count}.db"
            runs[count] = run_ingest(db, corpus, count, files, limit_s)
            row(
                f"first ingest, {files:,} files, {count} worker(s)",
                runs[count].result(files),
                target="< 600 s with 2",
            )
        if len(workers) > 1:
            row(
                f"first ingest, {workers[0]} against {workers[-1]} worker(s): documents stored "
                "a second, until all were stored (or the stop)",
                *_rates(runs[workers[0]], runs[workers[-1]]),
            )
        peak = max(runs.values(), key=lambda run: run.peak_pss_mib)
        row(
            "peak memory of these ingests, process and workers",
            _memory_cell(peak),
            target="< 1 GiB",
        )
        first = runs[workers[0]]
        if first.seconds is None:
            row("re-ingest of the unchanged archive", "not measured: the first ingest did not end")
            return
        again = run_ingest(
            keep or Path(folder) / f"w{workers[0]}.db", corpus, workers[0], files, limit_s
        )
        row(
            f"re-ingest of the unchanged archive, {workers[0]} worker(s)",
            again.result(files),
            f"first ingest {first.seconds:,.1f} s",
            f"**{first.seconds / again.seconds:,.0f}x** faster" if again.seconds else "",
            "≥ 50x",
        )


def _rates(run: IngestRun, baseline: IngestRun) -> tuple[str, str, str]:
    """(result, baseline, ratio) of two runs by documents stored a second, until all were
    stored or until the stop (the cross-document stage excluded)."""

    def rate(one: IngestRun) -> float:
        seconds = one.stored_seconds or one.seconds or one.elapsed
        return one.stored / seconds

    mine, theirs = rate(run), rate(baseline)
    ratio = f"**{mine / theirs:.2f}x**" if theirs else ""
    return f"{mine:.1f} documents/s", f"{theirs:.1f} documents/s", ratio


def build(corpus: Path, db: Path, workers: int, limit_s: float) -> None:
    run = run_ingest(db, corpus, workers, len(corpus_files(corpus)), limit_s)
    row(
        f"first ingest into {db.name}, {workers} worker(s)",
        run.result(run.stored),
        target="peak < 1 GiB",
    )


# ---------------------------------------------------------------------------------------------
# Search latency through the site


def site_for(db: Path):
    """A Datasette instance with the options ``vanban serve`` passes (metadata, templates,
    plugins, limits), the file opened immutable as a published database is."""
    from datasette.app import Datasette

    from ingest.cli import datasette_arguments

    arguments = datasette_arguments(str(db))

    def values(flag: str) -> list[str]:
        return [arguments[i + 1] for i, value in enumerate(arguments) if value == flag]

    settings = {
        arguments[i + 1]: int(arguments[i + 2])
        for i, value in enumerate(arguments)
        if value == "--setting"
    }
    return Datasette(
        files=[],
        immutables=[str(db)],
        metadata=json.loads(Path(values("--metadata")[0]).read_text(encoding="utf-8")),
        template_dir=values("--template-dir")[0],
        plugins_dir=values("--plugins-dir")[0],
        static_mounts=[tuple(mount.split(":", 1)) for mount in values("--static")],
        settings=settings,
    )


@dataclass
class Latencies:
    documents: int
    samples: list[float]  # milliseconds
    slowest: tuple[float, str]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


async def _latencies(db: Path, rounds: int) -> Latencies:
    datasette = site_for(db)
    documents = (await datasette.get_database().execute("select count(*) from documents")).rows[0][
        0
    ]
    paths = ["/-/tim-kiem?" + urlencode({"q": q, **filters}) for q, filters in QUERIES]
    for path in paths:  # warm the page cache and the templates
        response = await datasette.client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"error: {path} answered {response.status_code}")
    samples, slowest = [], (0.0, "")
    for _ in range(rounds):
        for path in paths:
            start = time.perf_counter()
            await datasette.client.get(path)
            elapsed = (time.perf_counter() - start) * 1000
            samples.append(elapsed)
            slowest = max(slowest, (elapsed, path))
    return Latencies(documents, samples, slowest)


def _published(db: Path) -> None:
    """An immutable database is read without its write-ahead log: refuse one that has one."""
    wal = Path(f"{db}-wal")
    if wal.exists() and wal.stat().st_size:
        raise SystemExit(f"error: {db} has a -wal file; checkpoint it (journal_mode=delete) first")


def search(db: Path, baseline_db: Path | None, rounds: int) -> None:
    for path in (db, baseline_db):
        if path:
            _published(path)
    big = asyncio.run(_latencies(db, rounds))
    baseline, ratio = "", ""
    if baseline_db:
        small = asyncio.run(_latencies(baseline_db, rounds))
        baseline = (
            f"{small.documents:,} documents: median {small.median:.1f} ms, p95 {small.p95:.1f} ms"
        )
        ratio = f"p95 {big.p95 / small.p95:.1f}x"
    row(
        f"search page, {big.documents:,} documents, {len(QUERIES)} queries x {rounds}, immutable",
        f"median {big.median:.1f} ms, p95 **{big.p95:.1f} ms** "
        f"(slowest {big.slowest[0]:.0f} ms: `{big.slowest[1]}`)",
        baseline,
        ratio,
        "p95 < 50 ms",
    )


# ---------------------------------------------------------------------------------------------
# A large database from a pipeline-built one, when the pipeline cannot build it in the time


def replicate(source: Path, copies: int, out: Path) -> None:
    """``out``: the documents and citations of ``source`` (a database the pipeline built) stored
    ``copies`` times, each copy under new document ids, through the same tables and triggers, so
    that the search indexes hold ``copies`` times as many rows with doclists as long as a real
    archive of that size would give them (the vocabulary, though, is the source's)."""
    import sqlite3

    if out.exists():
        raise SystemExit(f"error: {out} exists; remove it or choose another --out")
    from ingest.storage import open_db

    from extract.link import ensure_link_shape

    shaped = open_db(out)  # the shape, the indexes and the search triggers of the code now
    ensure_link_shape(shaped)
    shaped.close()
    target = sqlite3.connect(out)
    target.execute("attach database ? as source", (f"file:{source}?mode=ro",))
    for table, key in (("documents", "id"), ("citations", "document_id")):
        present = {row[1] for row in target.execute(f"pragma main.table_info({table})")}
        columns = [
            row[1]
            for row in target.execute(f"pragma source.table_info({table})")
            if row[1] in present
        ]
        selected = ", ".join(
            f"substr({key}, 1, 10) || printf('%06d', :copy)" if name == key else name
            for name in columns
        )
        for copy in range(copies):
            target.execute(
                f"insert into main.{table} ({', '.join(columns)}) "
                f"select {selected} from source.{table}",
                {"copy": copy},
            )
            target.commit()
    # The numbers cited: one row per number whatever the copies, as the linker writes them.
    target.execute("insert into main.cited_documents select * from source.cited_documents")
    target.commit()
    documents = target.execute("select count(*) from documents").fetchone()[0]
    target.execute("detach database source")
    target.execute("pragma journal_mode = delete")  # one file, as it is published
    target.close()
    row(f"replicated {source.name} {copies} times into {out.name}", f"{documents:,} documents")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("throughput", help="pipeline against underthesea ner")
    one.add_argument("--corpus", type=Path, default=DEFAULT_ROOT / "corpus-1000-seed1")
    one.add_argument("--sample", type=int, default=30, help="documents timed")
    two = commands.add_parser("ingest", help="1 and 2 workers, re-ingest, peak memory")
    two.add_argument("--corpus", type=Path, default=DEFAULT_ROOT / "corpus-10000-seed1")
    two.add_argument("--workers", type=int, nargs="+", default=[2, 1])
    two.add_argument("--keep", type=Path, help="keep the first run's database here")
    two.add_argument("--limit", type=float, default=1800, help="seconds before a run is stopped")
    three = commands.add_parser("build", help="ingest a corpus into a kept database")
    three.add_argument("--corpus", type=Path, default=DEFAULT_ROOT / "corpus-100000-seed1")
    three.add_argument("--db", type=Path, default=DEFAULT_ROOT / "corpus-100000-seed1.db")
    three.add_argument("--workers", type=int, default=2)
    three.add_argument("--limit", type=float, default=7200, help="seconds before it is stopped")
    four = commands.add_parser("search", help="search latency through the site")
    four.add_argument("--db", type=Path, default=DEFAULT_ROOT / "corpus-100000-seed1.db")
    four.add_argument("--baseline-db", type=Path)
    four.add_argument("--rounds", type=int, default=5)
    five = commands.add_parser("replicate", help="a large database from a pipeline-built one")
    five.add_argument("--db", type=Path, required=True, help="built by the pipeline")
    five.add_argument("--copies", type=int, default=10)
    five.add_argument("--out", type=Path, required=True)
    child = commands.add_parser("_ingest")
    child.add_argument("--db", type=Path, required=True)
    child.add_argument("--corpus", type=Path, required=True)
    child.add_argument("--workers", type=int, required=True)
    args = parser.parse_args()
    for path in [getattr(args, name, None) for name in ("corpus", "db", "baseline_db")]:
        if path is not None and args.command != "_ingest" and not path.exists():
            if not (args.command == "build" and path == args.db):
                raise SystemExit(
                    f"error: {path} does not exist (make it with bench/make_corpus.py)"
                )
    if args.command != "_ingest":
        print(TABLE_HEAD)
    if args.command == "throughput":
        throughput(args.corpus, args.sample)
    elif args.command == "ingest":
        ingest(args.corpus, args.workers, args.keep, args.limit)
    elif args.command == "build":
        build(args.corpus, args.db, args.workers, args.limit)
    elif args.command == "replicate":
        replicate(args.db, args.copies, args.out)
    elif args.command == "search":
        search(args.db, args.baseline_db, args.rounds)
    else:
        _ingest_child(args.db, args.corpus, args.workers)


if __name__ == "__main__":
    main()
