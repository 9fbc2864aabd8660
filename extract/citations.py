"""Placeholder until the citations extractor lands (replaced by its own change)."""

from __future__ import annotations

from extract.model import Header


def extract_citations(text: str, header: Header) -> list:
    return []
