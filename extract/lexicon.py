"""Loading the word lists and tables kept as data in ``extract/data``.

Rules live in code, vocabularies live in JSON files beside it, each loaded once.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"


@cache
def load(name: str) -> Any:
    """The parsed JSON file ``extract/data/<name>.json``."""
    with open(DATA_DIR / f"{name}.json", encoding="utf-8") as handle:
        return json.load(handle)


@cache
def doc_type_by_abbr() -> dict[str, str]:
    """``{"QĐ": "quyết định", "QD": "quyết định", ...}`` from ``doc_types.json``."""
    return {abbr: entry["name"] for entry in load("doc_types")["types"] for abbr in entry["abbr"]}


@cache
def doc_type_names() -> tuple[str, ...]:
    """Every type name, longest first, so that a regex alternation prefers "thông tư liên tịch"."""
    names = {entry["name"] for entry in load("doc_types")["types"]}
    return tuple(sorted(names, key=len, reverse=True))
