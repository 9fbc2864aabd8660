"""Finding the files to ingest: the paths named on the command line, folders searched.

Discovery is lazy (a national archive is not a list in memory) and refuses, with a reason, what
must not be read: files over the size limit, and symbolic links in a searched folder that lead
outside it (a link must not let a folder hand over files its owner never put there).  Linked
folders are not searched, so a link loop cannot make the search endless.  The pipeline records
each refusal as an error.

Any file name in UTF-8 is accepted (spaces, quotes, newlines, a leading "-"); one in another
encoding is refused, since the database keeps paths as text.  :func:`display_path` writes any
name safely on one line.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.readers import SUPPORTED_SUFFIXES

# Files larger than this are refused unless the operator raises the limit (--max-size).
DEFAULT_MAX_BYTES = 200 * 1024 * 1024

# "200M", "1G", "512k", "1.5G", "1000000": bytes, or kibi-, mebi-, gibibytes.
_SIZE = re.compile(r"(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>[kmgt]?)(?:i?b)?", re.IGNORECASE)
_UNIT_BYTES = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}


@dataclass(frozen=True)
class Refused:
    """A file discovery will not hand to a reader, and why."""

    path: Path
    message: str


def parse_size(text: str) -> int:
    """Bytes in a size as an operator writes it ("200M", "1G", "1.5g", "4096");
    ValueError when it is none."""
    match = _SIZE.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not a size: {text!r} (write e.g. 200M or 1G)")
    return int(float(match.group("number")) * _UNIT_BYTES[match.group("unit").lower()])


def display_path(path: str | Path) -> str:
    """The path on one line whatever its bytes: undecodable bytes as \\xNN, control characters
    (a newline, a tab) escaped, everything else as written."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def expand_paths(
    paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Path | Refused]:
    """Files named directly, plus every supported file under a named directory (folders in
    sorted order, each folder's files first); a file over ``max_bytes``, one that is not a
    regular file, or a link in a folder that leads outside it, comes as :class:`Refused`."""
    for path in map(Path, paths):
        candidates = _folder_files(path) if path.is_dir() else [path]
        for candidate in candidates:
            if isinstance(candidate, Refused):
                yield candidate
            elif not _is_text(candidate):
                # The database keeps paths as text: this one is recorded as it is displayed.
                yield Refused(
                    Path(display_path(candidate)), "file name is not valid UTF-8: rename it"
                )
            else:
                yield _check_file(candidate, max_bytes)


def _is_text(path: Path) -> bool:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes, kept by Python as lone surrogates
        return False
    return True


def _folder_files(folder: Path) -> Iterator[Path | Refused]:
    root = folder.resolve()
    # os.walk does not enter linked folders (followlinks=False) and skips unreadable ones.
    for directory, subdirectories, names in os.walk(folder):
        subdirectories.sort()
        for name in sorted(names):
            path = Path(directory, name)
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            refusal = _link_refusal(path, root) if path.is_symlink() else None
            if refusal:
                yield Refused(path, refusal)
            else:
                yield path  # a broken link is reported by the pipeline when it cannot be opened


def _link_refusal(link: Path, root: Path) -> str | None:
    """Why a link found in the folder ``root`` must not be followed, or None."""
    try:
        target = link.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return "symbolic link loop: not followed"
    if not target.is_relative_to(root):
        return "symbolic link leads outside the folder: not followed"
    return None


def _check_file(path: Path, max_bytes: int) -> Path | Refused:
    try:
        status = path.stat()
    except OSError:
        return path  # the pipeline reports why it cannot be opened
    if not stat.S_ISREG(status.st_mode):
        # Reading a pipe or a device ("/dev/zero", a FIFO named .txt) would never end.
        return Refused(path, "not a regular file (a pipe, device or socket): not read")
    size = status.st_size
    if size > max_bytes:
        return Refused(
            path, f"file too large: {size:,} bytes (limit {max_bytes:,}; see --max-size)"
        )
    return path
