"""The dataclasses every extractor returns.

Each entity keeps ``start``/``end`` character offsets into the *normalised* text of its
document (see :func:`ingest.normalize.normalize_text`) and the exact ``text`` it was read
from, so that the site can highlight it and a researcher can trace it back.  ``to_gold()``
turns an entity into the record shape of ``../shared/gold/SCHEMA.md``; ``dataclasses.asdict``
feeds storage.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Signer:
    name: str | None
    title: str | None
    on_behalf: str | None
    start: int = -1
    end: int = -1

    def to_gold(self) -> dict:
        return {"name": self.name, "title": self.title, "on_behalf": self.on_behalf}


@dataclass(frozen=True)
class Header:
    """What page 1 says about the document itself."""

    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    parent_issuer: str | None = None
    place: str | None = None
    issued_date: str | None = None  # ISO yyyy-mm-dd
    year: int | None = None  # the year the header shows, even when day or month is blank
    subject: str | None = None
    urgency: str | None = None
    recipients: tuple[str, ...] = ()
    signer: Signer | None = None

    def to_gold(self) -> dict:
        return {
            "doc_type": self.doc_type,
            "number": self.number,
            "issuer": self.issuer,
            "place": self.place,
            "issued_date": self.issued_date,
            "subject": self.subject,
            "urgency": self.urgency,
            "recipients": list(self.recipients),
            "signer": self.signer.to_gold() if self.signer else None,
        }


@dataclass(frozen=True)
class Citation:
    """A reference to another document by its number."""

    start: int
    end: int
    text: str
    type: str | None
    number: str
    date: str | None = None  # ISO
    issuer: str | None = None
    relation: str = "dẫn chiếu"
    subject: str | None = None  # the "về …" words after it: lets the linker confirm a fuzzy match

    def to_gold(self) -> dict:
        return {"type": self.type, "number": self.number, "date": self.date, "issuer": self.issuer}


@dataclass(frozen=True)
class Statistic:
    """A reported figure: a count, amount or rate."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    indicator: str | None = None
    as_of: str | None = None  # ISO
    area: str | None = None
    qualifier: str | None = None
    sentence: str | None = None
    total: float | None = None  # "62/63 tỉnh": the 63
    upper: float | None = None  # a range "từ 15 đến 20": the 20
    change: str | None = None  # "tăng" / "giảm" when the figure is a change
    group_key: str | None = None  # shared by restatements of one figure, so charts count it once

    def to_gold(self) -> dict:
        value = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "text": self.text,
            "value": value,
            "unit": self.unit,
            "indicator": self.indicator,
            "as_of": self.as_of,
            "area": self.area,
        }


@dataclass(frozen=True)
class Official:
    """A named person with the titles the text gives them."""

    start: int
    end: int
    name: str
    titles: tuple[str, ...] = ()

    def to_gold(self) -> dict:
        return {"name": self.name, "titles": list(self.titles)}


@dataclass(frozen=True)
class Task:
    """Work assigned to a named body or person."""

    start: int
    end: int
    assignee: str
    action: str
    deadline: str | None = None  # ISO date or date-time
    deadline_kind: str | None = None  # "thường xuyên", "ngay", ... when no date is given
    co_assignees: tuple[str, ...] = ()

    def to_gold(self) -> dict:
        return {"assignee": self.assignee, "action": self.action, "deadline": self.deadline}


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document."""

    header: Header = field(default_factory=Header)
    citations: tuple[Citation, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    officials: tuple[Official, ...] = ()
    tasks: tuple[Task, ...] = ()

    def to_gold(self, file: str) -> dict:
        """The record of ``SCHEMA.md``: every field present, null or [] when blank."""
        return {
            "file": file,
            **self.header.to_gold(),
            "citations": [c.to_gold() for c in self.citations],
            "officials": [o.to_gold() for o in self.officials],
            "statistics": [s.to_gold() for s in self.statistics],
            "tasks": [t.to_gold() for t in self.tasks],
        }
