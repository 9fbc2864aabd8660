"""Placeholder until the header extractor lands (replaced by its own change)."""

from __future__ import annotations

from extract.model import Header


def extract_header(text: str) -> Header:
    return Header()
