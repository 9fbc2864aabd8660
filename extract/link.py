"""Placeholder until citation linking lands (replaced by its own change)."""

from __future__ import annotations

import sqlite_utils


def link_citations(db: sqlite_utils.Database) -> None:
    """Resolve stored citations to stored documents."""
