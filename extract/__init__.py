"""Extraction: pure functions from normalised text to dataclasses.

``extract_all(text)`` runs every extractor in order: the header first, because the others need
the document's own number (not a citation), its date (the year of "ngày 10/12", the as-of date
of a figure) and its issuer.
"""

from __future__ import annotations

from extract.citations import extract_citations
from extract.header import extract_header
from extract.model import Extraction
from extract.officials import extract_officials
from extract.statistics import extract_statistics
from extract.tasks import extract_tasks

__all__ = ["extract_all"]


def extract_all(text: str) -> Extraction:
    """Every entity of one document's normalised text."""
    header = extract_header(text)
    return Extraction(
        header=header,
        citations=tuple(extract_citations(text, header)),
        statistics=tuple(extract_statistics(text, header)),
        officials=tuple(extract_officials(text, header)),
        tasks=tuple(extract_tasks(text, header)),
    )
