"""Throughput of the whole pipeline on corpus/, against a naive baseline in the same run.

The pipeline (read, normalise, extract every entity kind, store, link) is timed on a fresh
database; the baseline runs underthesea's ``ner`` over the full text of the same documents,
which is what a pipeline without candidate selection would pay.  Both are reported as characters
per second and as a ratio, so the figure means the same on a slow or a fast machine.  Peak Python
allocations are measured with tracemalloc on a separate pass, and the peak resident memory of
the whole process (models included) is reported at the end.

    .venv/bin/python bench/bench_pipeline.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from ingest.files import expand_paths
from ingest.normalize import normalize_text
from ingest.pipeline import ingest_paths
from ingest.readers import read_document
from ingest.storage import open_db

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def time_pipeline(files: list[Path]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        db = open_db(Path(folder) / "bench.db")
        start = time.perf_counter()
        summary = ingest_paths(db, files)
        elapsed = time.perf_counter() - start
        db.close()
    assert summary.failed == 0, summary.errors
    return elapsed


def time_baseline(texts: list[str]) -> float:
    from underthesea import ner

    ner("khởi động")  # load the model outside the timing
    start = time.perf_counter()
    for text in texts:
        for line in text.splitlines():
            if line.strip():
                ner(line)
    return time.perf_counter() - start


def peak_memory_mib(files: list[Path]) -> float:
    """Peak of Python allocations during one pipeline run (models already loaded)."""
    tracemalloc.start()
    time_pipeline(files)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / (1024 * 1024)


def max_rss_mib() -> float:
    """The process's peak resident memory, everything loaded (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = [path for path in expand_paths([CORPUS]) if isinstance(path, Path)]
    texts = [normalize_text(read_document(f).text) for f in files]
    characters = sum(len(t) for t in texts)
    time_pipeline(files)  # warm imports and lexicons
    pipeline = statistics.median(time_pipeline(files) for _ in range(args.repeat))
    baseline = statistics.median(time_baseline(texts) for _ in range(args.repeat))
    memory = peak_memory_mib(files)
    print(f"corpus: {len(files)} documents, {characters:,} characters")
    print(
        f"pipeline (read+extract+store+link): {characters / pipeline:,.0f} chars/s ({pipeline:.2f} s)"
    )
    print(
        f"baseline (underthesea ner, full text): {characters / baseline:,.0f} chars/s ({baseline:.2f} s)"
    )
    print(f"ratio pipeline/baseline: {baseline / pipeline:.2f}x")
    print(f"peak Python allocations of one pipeline run: {memory:.1f} MiB")
    print(f"peak resident memory of this process: {max_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
