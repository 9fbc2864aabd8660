"""Finding the files to ingest: the paths named on the command line, folders searched.

Discovery is lazy (a national archive is not a list in memory) and refuses, with a reason, what
must not be read: files over the size limit.  The pipeline records each refusal as an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.readers import SUPPORTED_SUFFIXES

# Files larger than this are refused unless the operator raises the limit (--max-size).
DEFAULT_MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Refused:
    """A file discovery will not hand to a reader, and why."""

    path: Path
    message: str


def expand_paths(
    paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Path | Refused]:
    """Files named directly, plus every supported file under a named directory, in sorted order;
    a file over ``max_bytes`` comes as :class:`Refused`."""
    for path in map(Path, paths):
        candidates = (
            (
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
            if path.is_dir()
            else [path]
        )
        for candidate in candidates:
            yield _check_size(candidate, max_bytes)


def _check_size(path: Path, max_bytes: int) -> Path | Refused:
    try:
        size = path.stat().st_size
    except OSError:
        return path  # the pipeline reports why it cannot be opened
    if size > max_bytes:
        return Refused(
            path, f"file too large: {size:,} bytes (limit {max_bytes:,}; see --max-size)"
        )
    return path
