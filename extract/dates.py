"""Dates and times as Vietnamese documents write them.

``ngày 25 tháng 8 năm 2021``, ``25/8/2021``, ``25-8-2021``, ``25.09.2020``; inside a document
``ngày 10/12`` takes its year from context (the document's own date).  Times: ``17h``,
``17 giờ 30``, ``17h30``.  A ratio such as ``62/63`` is *not* a date: a short ``d/m`` form
is only read as a date after ``ngày`` or when both parts are in range and a year follows.

Every extractor that needs a date (header, citations, statistics, tasks) uses these patterns,
so a new spelling is taught once here.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

# "ngày 25 tháng 8 năm 2021"; OCR sometimes drops the spaces or a digit, so each number is optional
# and the caller decides whether a partial date is usable.
DATE_WORDS = r"ng[aà]y\s*(?P<wd>\d{1,2})?\s*th[aá]ng\s*(?P<wm>\d{1,2})?\s*n[aă]m\s*(?P<wy>\d{4})"
# "25/8/2021", "25-8-2021", "25.09.2020" (also with spaces around the separators).
DATE_NUMERIC = r"(?<![\d/.-])(?P<nd>\d{1,2})\s?(?P<sep>[/.-])\s?(?P<nm>\d{1,2})\s?(?P=sep)\s?(?P<ny>\d{4})(?!\d)"
# "ngày 10/12" with no year: read only after the word ngày.
# A full stop right after it ends the sentence ("trước ngày 12/9."), it does not start a year.
DATE_SHORT = r"ng[aà]y\s+(?P<sd>\d{1,2})\s?[/.-]\s?(?P<sm>\d{1,2})(?![\d/-]|\.\d|\s?[/.-]\s?\d)"
# "tháng 9/2021", "tháng 9 năm 2021": a month-level date (a deadline "trong tháng 9/2021").
MONTH_YEAR = r"th[aá]ng\s+(?P<mm>\d{1,2})\s*(?:/|-|\s+n[aă]m\s+)(?P<my>\d{4})"

ANY_DATE = re.compile(f"{DATE_WORDS}|{DATE_NUMERIC}|{DATE_SHORT}", re.IGNORECASE)
_MONTH_YEAR = re.compile(MONTH_YEAR, re.IGNORECASE)
# "17h", "17h30", "17 giờ", "17 giờ 30", "17:30"
TIME = re.compile(
    r"(?<!\d)(?P<h>[01]?\d|2[0-3])\s*(?:h|giờ|:)\s*(?P<m>[0-5]\d)?(?:\s*phút)?(?![\w/])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: date | None  # None when the text leaves the day, month or year blank


def _safe_date(year: int | None, month: int | None, day: int | None) -> date | None:
    if not (year and month and day):
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _from_match(match: re.Match[str], default_year: int | None) -> date | None:
    groups = match.groupdict()
    if groups.get("wy"):
        return _safe_date(_int(groups["wy"]), _int(groups["wm"]), _int(groups["wd"]))
    if groups.get("ny"):
        return _safe_date(_int(groups["ny"]), _int(groups["nm"]), _int(groups["nd"]))
    return _safe_date(default_year, _int(groups["sm"]), _int(groups["sd"]))


def find_dates(text: str, default_year: int | None = None) -> list[DateMention]:
    """Every date written in ``text``; a short ``ngày d/m`` takes ``default_year``."""
    return [
        DateMention(m.start(), m.end(), m.group(0), _from_match(m, default_year))
        for m in ANY_DATE.finditer(text)
    ]


def parse_date(text: str, default_year: int | None = None) -> date | None:
    """The first complete date in ``text``, or None."""
    for mention in find_dates(text, default_year):
        if mention.value:
            return mention.value
    return None


def parse_month(text: str) -> tuple[int, int] | None:
    """``(year, month)`` of the first "tháng 9/2021" or "tháng 9 năm 2021" in ``text``."""
    match = _MONTH_YEAR.search(text)
    if not match:
        return None
    year, month = int(match.group("my")), int(match.group("mm"))
    return (year, month) if 1 <= month <= 12 else None


def parse_time(text: str) -> tuple[int, int] | None:
    """``(hour, minute)`` of the first time of day ("17h", "17 giờ 30") in ``text``."""
    match = TIME.search(text)
    if not match:
        return None
    return int(match.group("h")), int(match.group("m") or 0)


def last_day(year: int, month: int) -> date:
    """The last day of a month: what "trong tháng 3" and "đến hết năm 2019" run to."""
    return date(year, month, calendar.monthrange(year, month)[1])


def iso(value: date | datetime | None) -> str | None:
    """ISO text, minutes precision for a date-time (``2021-12-10T17:00``)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()
