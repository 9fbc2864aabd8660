"""vanban's Datasette plugin: what metadata.json and templates alone cannot do.

- SQL functions (``prepare_connection``) so that canned queries can fold diacritics, group the
  spellings of one agency, compute a task's status and match a document number typed in any
  spelling ("1102/CĐ-TTg", "1102 CD TTg", "công điện 1102").
- Facet types: ``year`` and ``month`` group an ISO date column by its prefix; ``task_status``
  counts tasks per status (the task ledger's, or what the deadline says).
- Custom pages (``register_routes``): one search box, a document page (header card, highlighted
  text with page numbers, cites / cited by, citation graph as inline SVG, implementation
  documents, tasks with their status and report sentences, figures), agency pages and a chart of
  one indicator over time.
- ``canned_queries``: the overdue-tasks query reads the task ledger when there is one.
- ``get_metadata``: the ``vanban`` database block of metadata.json applies to whatever name the
  database file has, so that ``vanban serve --db other.db`` keeps its descriptions and queries.

Every page degrades gracefully: a table that a later stage adds (citation links, the task
ledger) is used when it exists and skipped when it does not.  All document text goes through
:func:`markupsafe.escape` before any markup is added around it.
"""

# No `from __future__ import annotations`: Datasette loads this file without registering it in
# sys.modules, and dataclasses cannot resolve string annotations of such a module.
import json
import math
import mimetypes
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import quote, urlencode

from datasette import hookimpl
from datasette.facets import Facet
from datasette.utils import (
    escape_sqlite,
    path_with_added_args,
    path_with_removed_args,
    tilde_encode,
)
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from extract.agencies import agency_key
from extract.lexicon import load
from ingest.normalize import fold, normalize_text
from ingest.storage import EXACT_FTS_TABLE, TITLE_FTS_TABLE

METADATA_DATABASE = "vanban"
PAGE_BREAK = "\f"
DOCUMENT_ID = r"[0-9A-Za-z_-]{1,64}"

# Document types whose page lists the documents that carry them out.
DIRECTING_TYPES = ("chỉ thị", "công điện", "nghị quyết", "quyết định", "kế hoạch", "thông báo")

# Status words of the Government's task-tracking system, as the ledger (extract/ledger.py) writes
# them; without a ledger the deadline alone decides between the last two.
STATUS_LABELS = {
    "done": "hoàn thành",
    "open": "chưa đến hạn",
    "overdue": "quá hạn",
}
LEDGER_TABLE = "task_ledger"
EVIDENCE_TABLE = "task_evidence"


# ---------------------------------------------------------------------------------------------
# Document numbers typed in any spelling


@cache
def _type_names_to_abbr() -> tuple[tuple[str, str], ...]:
    """(folded upper-case type name, folded abbreviation), longest name first."""
    pairs = {
        fold(entry["name"]).upper(): fold(entry["abbr"][0]).upper()
        for entry in load("doc_types")["types"]
        if entry["abbr"]  # a type that numbers carry no code of ("định hướng")
    }
    return tuple(sorted(pairs.items(), key=lambda pair: len(pair[0]), reverse=True))


# The word "số" (number) that people type before a number: "công điện số 1102".
_NUMBER_WORD = re.compile(r"\bSO\b")
# A citation pasted whole goes on after the number: "… 1102/CĐ-TTg ngày 23/8/2021 của …".
_AFTER_THE_NUMBER = re.compile(r"\b(?:NGAY|CUA|VE|V/V)\b")
_DIGITS = re.compile(r"\d+")
_LETTERS = re.compile(r"[A-Z]+")


@dataclass(frozen=True)
class NumberKey:
    """A document number reduced to its digits and its letters, so that separators and
    diacritics do not matter: "1102/CĐ-TTg" and "1102 CD TTG" are both ("1102", "CDTTG")."""

    digits: str
    letters: str

    def matches(self, other: "NumberKey") -> bool:
        """``other`` (a stored number) is this (a typed) number, possibly typed shorter."""
        return (
            bool(self.digits)
            and self.digits == other.digits
            and other.letters.startswith(self.letters)
        )


def number_pieces(text: str | None) -> tuple[list[str], list[str]]:
    """The digit groups and letter groups of a number as typed or stored, folded and upper-case;
    a type name typed in words becomes its abbreviation ("công điện 1102": ["1102"], ["CD"])."""
    if not text:
        return [], []
    folded = fold(text).upper()
    type_abbr = ""
    for name, abbr in _type_names_to_abbr():
        pattern = rf"\b{re.escape(name)}\b"
        if re.search(pattern, folded):
            folded = re.sub(pattern, " ", folded, count=1)
            type_abbr = abbr
            break
    folded = _NUMBER_WORD.sub(" ", _AFTER_THE_NUMBER.split(folded, maxsplit=1)[0])
    letters = _LETTERS.findall(folded)
    if type_abbr and (not letters or letters[0] != type_abbr):
        letters.insert(0, type_abbr)
    return _DIGITS.findall(folded), letters


@lru_cache(maxsize=1 << 16)
def number_key(text: str | None) -> NumberKey | None:
    """The key of a number; None when it has no digits.  Cached: a much-cited number is read
    back from thousands of citations by one search."""
    digits, letters = number_pieces(text)
    return NumberKey("".join(digits), "".join(letters)) if digits else None


@cache
def _type_abbreviations() -> frozenset[str]:
    return frozenset(abbr for _, abbr in _type_names_to_abbr())


# A number starts with its digits ("1102/CĐ-TTg", "215-QĐ/TU", "23/2021/QĐ-TTg"), maybe after
# "số"; "COVID-19" does not.
_LEADING_DIGITS = re.compile(r"\s*(?:s[ốo]\s*:?\s*)?\d", re.IGNORECASE)
# Digits joined to a slash or dash, or followed after a space by letters: "1102 CĐ TTg".
_NUMBER_SEPARATOR = re.compile(r"\d\s*[/-]\s*[\w]")
_DIGITS_THEN_WORD = re.compile(r"\d+\s+(\w+)")


def looks_like_number(query: str) -> bool:
    """Whether ``query`` names a document by its number rather than by words: digits first,
    then letters after a slash or dash or a type abbreviation; or a type name and digits."""
    query = query.strip()
    if len(query) > 60:
        return False
    digits, letters = number_pieces(query)
    if not digits or not letters:
        return False
    folded = fold(query).upper()
    if any(re.search(rf"\b{re.escape(name)}\b", folded) for name, _ in _type_names_to_abbr()):
        return True
    if not _LEADING_DIGITS.match(query):
        return False
    if _NUMBER_SEPARATOR.search(query):
        return True
    after = _DIGITS_THEN_WORD.search(query)
    return bool(after) and fold(after.group(1)).upper() in _type_abbreviations()


def number_matches(stored: str | None, typed: str | None) -> int:
    """SQL function: 1 when the stored number is the number typed, in any spelling."""
    stored_key, typed_key = number_key(stored), number_key(typed)
    return int(bool(stored_key and typed_key and typed_key.matches(stored_key)))


def sql_fold(text: str | None) -> str | None:
    """SQL function: text without diacritics, đ as d, lower-case."""
    return fold(text) if text is not None else None


def sql_number_key(text: str | None) -> str | None:
    """SQL function: a number as ``DIGITS/LETTERS``, for grouping citations of one number."""
    key = number_key(text)
    return f"{key.digits}/{key.letters}" if key else None


def sql_agency_key(name: str | None) -> str | None:
    """SQL function: one key per body however it is spelled ("UBND tỉnh" = "Ủy ban nhân dân tỉnh")."""
    return agency_key(name) if name else None


def sql_names_include(names_json: str | None, name: str | None) -> int:
    """SQL function: 1 when a JSON list of names (co_assignees) names the body ``name``."""
    wanted = agency_key(name) if name else None
    return int(bool(wanted) and any(agency_key(str(n)) == wanted for n in _loads(names_json) if n))


@hookimpl
def prepare_connection(conn):
    conn.create_function("vanban_fold", 1, sql_fold, deterministic=True)
    conn.create_function("vanban_agency_key", 1, sql_agency_key, deterministic=True)
    # Not deterministic: "quá hạn" depends on today's date.
    conn.create_function("vanban_task_status", 3, sql_task_status)
    conn.create_function("vanban_names_include", 2, sql_names_include, deterministic=True)
    conn.create_function("vanban_number_key", 1, sql_number_key, deterministic=True)
    conn.create_function("vanban_number_matches", 2, number_matches, deterministic=True)


# ---------------------------------------------------------------------------------------------
# Metadata for any database file name


@hookimpl
def get_metadata(datasette, key, database, table):
    """The ``vanban`` block of metadata.json for every served database, whatever its file name."""
    local = getattr(datasette, "_metadata_local", None) or {}
    block = (local.get("databases") or {}).get(METADATA_DATABASE)
    if not block:
        return {}
    names = [name for name in datasette.databases if name not in (METADATA_DATABASE, "_internal")]
    return {"databases": {name: block for name in names}}


# ---------------------------------------------------------------------------------------------
# Facets on the year or month of an ISO date column


class _DatePrefixFacet(Facet):
    """Counts rows per year (``2021``) or month (``2021-08``) of an ISO date column; selecting a
    value filters with ``column__startswith``, a filter Datasette already has."""

    prefix_length = 4

    async def suggest(self):
        return []

    async def facet_results(self):
        results, timed_out = [], []
        args = dict(self.get_querystring_pairs())
        facet_size = self.get_facet_size()
        for source_and_config in self.get_configs():
            config, source = source_and_config["config"], source_and_config["source"]
            column = config.get("column") or config["simple"]
            # "prefix", not "value": the faceted table may have a column named value.
            sql = f"""
                select substr({escape_sqlite(column)}, 1, {self.prefix_length}) as prefix,
                       count(*) as count
                from ({self.sql})
                where length({escape_sqlite(column)}) >= {self.prefix_length}
                group by prefix order by prefix desc limit {facet_size + 1}
            """
            rows = await self.ds.execute(
                self.database,
                sql,
                self.params,
                truncate=False,
                custom_time_limit=self.ds.setting("facet_time_limit_ms"),
            )
            filter_key = f"{column}__startswith"
            values = []
            for row in rows.rows[:facet_size]:
                selected = args.get(filter_key) == row["prefix"]
                toggle = (
                    path_with_removed_args(self.request, {filter_key: row["prefix"]})
                    if selected
                    else path_with_added_args(self.request, {filter_key: row["prefix"]})
                )
                values.append(
                    {
                        "value": row["prefix"],
                        "label": row["prefix"],
                        "count": row["count"],
                        "toggle_url": self.ds.absolute_url(self.request, toggle),
                        "selected": selected,
                    }
                )
            results.append(
                {
                    "name": column,
                    "type": self.type,
                    "results": values,
                    "hideable": source != "metadata",
                    "toggle_url": path_with_removed_args(
                        self.request, {f"_facet_{self.type}": column}
                    ),
                    "truncated": len(rows.rows) > facet_size,
                }
            )
        return results, timed_out


class YearFacet(_DatePrefixFacet):
    type = "year"
    prefix_length = 4


class MonthFacet(_DatePrefixFacet):
    type = "month"
    prefix_length = 7


def sql_task_status(deadline: str | None, deadline_kind: str | None, status: str | None) -> str:
    """SQL function: a task's status label, as the pages show it (the ledger's when it has one)."""
    task = {"deadline": deadline, "deadline_kind": deadline_kind, "status": status}
    return status or STATUS_LABELS[task_status(task, date.today().isoformat())]


class TaskStatusFacet(Facet):
    """Counts tasks per status ("quá hạn", "đang thực hiện", ...): the ledger's ``status`` column
    when the table has one, else what the deadline says.  Configured as
    ``{"task_status": "deadline"}``; selecting a value adds a ``_where`` clause."""

    type = "task_status"
    label = "trạng thái"

    async def suggest(self):
        return []

    async def _expression(self, column: str) -> str:
        db = self.ds.get_database(self.database)
        columns = set(await db.table_columns(self.table))
        table = escape_sqlite(self.table)
        if "status" in columns:
            status = "status"
        elif self.table == "tasks" and LEDGER_TABLE in await db.table_names():
            # Correlated on the row: works in the facet query (its rows are aliased as the
            # table) and in the table's own query once the value is selected.
            status = (
                f"(select l.status from {LEDGER_TABLE} l where l.document_id = {table}.document_id "
                f"and l.position = {table}.position)"
            )
        else:
            status = "null"
        kind = "deadline_kind" if "deadline_kind" in columns else "null"
        return f"vanban_task_status({escape_sqlite(column)}, {kind}, {status})"

    async def facet_results(self):
        results = []
        args = self.get_querystring_pairs()
        for source_and_config in self.get_configs():
            config, source = source_and_config["config"], source_and_config["source"]
            column = config.get("column") or config["simple"]
            expression = await self._expression(column)
            rows = await self.ds.execute(
                self.database,
                f"select {expression} as label, count(*) as count "
                f"from ({self.sql}) as {escape_sqlite(self.table)} "
                "group by label order by count desc, label",
                self.params,
                truncate=False,
                custom_time_limit=self.ds.setting("facet_time_limit_ms"),
            )
            values = []
            for row in rows.rows:
                clause = f"{expression} = '{row['label'].replace(chr(39), chr(39) * 2)}'"
                selected = ("_where", clause) in args
                toggle = (
                    path_with_removed_args(self.request, {"_where": clause})
                    if selected
                    else path_with_added_args(self.request, {"_where": clause})
                )
                values.append(
                    {
                        "value": row["label"],
                        "label": row["label"],
                        "count": row["count"],
                        "toggle_url": self.ds.absolute_url(self.request, toggle),
                        "selected": selected,
                    }
                )
            results.append(
                {
                    "name": self.label,
                    "type": self.type,
                    "results": values,
                    "hideable": source != "metadata",
                    "toggle_url": path_with_removed_args(
                        self.request, {f"_facet_{self.type}": column}
                    ),
                    "truncated": False,
                }
            )
        return results, []


@hookimpl
def register_facet_classes():
    return [YearFacet, MonthFacet, TaskStatusFacet]


# ---------------------------------------------------------------------------------------------
# Highlighting: entity spans and search matches over escaped text


@dataclass(frozen=True)
class Span:
    """A stretch of the text to wrap in ``<tag attrs>``; spans may nest, not cross."""

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()

    def open(self) -> str:
        attributes = "".join(f' {name}="{escape(value)}"' for name, value in self.attrs)
        return f"<{self.tag}{attributes}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def _nest(spans: list[Span]) -> list[Span]:
    """Spans clipped so that none crosses another: a span that starts inside a longer one ends
    where that one ends."""
    nested: list[Span] = []
    stack: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        while stack and stack[-1].end <= span.start:
            stack.pop()
        end = min(span.end, stack[-1].end) if stack else span.end
        if end <= span.start:
            continue
        clipped = Span(span.start, end, span.tag, span.attrs)
        nested.append(clipped)
        stack.append(clipped)
    return nested


def render_spans(text: str, spans: list[Span], offset: int = 0) -> Markup:
    """``text`` escaped, with each span (offsets relative to ``offset``) wrapped in its tag."""
    events: list[tuple[int, int, int, str]] = []
    for order, span in enumerate(_nest(spans)):
        start, end = max(span.start - offset, 0), min(span.end - offset, len(text))
        if end <= start:
            continue
        events.append((start, 1, order, span.open()))
        events.append((end, 0, -order, span.close()))
    events.sort()
    pieces, cursor = [], 0
    for position, _, _, tag in events:
        pieces.append(str(escape(text[cursor:position])))
        pieces.append(tag)
        cursor = position
    pieces.append(str(escape(text[cursor:])))
    return Markup("".join(pieces))


def paginate(text: str, spans: list[Span]) -> list[dict]:
    """The text split at page breaks, each page rendered with the spans that fall in it
    (a span across a break is cut in two)."""
    pages, offset = [], 0
    for number, page_text in enumerate(text.split(PAGE_BREAK), start=1):
        end = offset + len(page_text)
        inside = [
            Span(max(s.start, offset), min(s.end, end), s.tag, s.attrs)
            for s in spans
            if s.start < end and s.end > offset
        ]
        pages.append({"number": number, "html": render_spans(page_text, inside, offset)})
        offset = end + len(PAGE_BREAK)
    return pages


@cache
def _fold_char(char: str) -> str:
    folded = fold(char)
    return folded if len(folded) == 1 else char.lower()


def aligned_fold(text: str) -> str:
    """``fold`` one character at a time, so that offsets in the result are offsets in ``text``."""
    return "".join(map(_fold_char, text))


def query_terms(query: str) -> list[str]:
    """The folded words of a query, in order, without repeats."""
    seen: dict[str, None] = {}
    for word in re.findall(r"\w+", fold(query)):
        seen.setdefault(word, None)
    return list(seen)


# A snippet is one line: line and page breaks become spaces (same length, offsets unchanged).
_LINE_BREAKS_TO_SPACES = str.maketrans({"\n": " ", PAGE_BREAK: " ", "\r": " "})


# How close the matched words must be to count as meeting in one place of the text.
_CLUSTER_REACH = 100


def _whole_words(
    folded: str, term: str, start: int = 0, stop: int | None = None
) -> Iterator[tuple[int, int, str]]:
    """(start, end, term) of each place ``term`` stands as a whole word in ``folded[start:stop]``,
    found with str.find: many times faster than a regular expression with lookarounds, and a
    page shows twenty snippets of long texts.  A word character is what ``\\w`` matches:
    alphanumeric or "_"."""
    stop = len(folded) if stop is None else stop
    place = folded.find(term, start, stop)
    while place >= 0:
        end = place + len(term)
        before = folded[place - 1] if place else " "
        after = folded[end] if end < len(folded) else " "
        if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
            yield place, end, term
        place = folded.find(term, place + 1, stop)


def _meeting_place(folded: str, terms: list[str]) -> int | None:
    """Where the most of ``terms`` stand within a short reach of each other: the start of the
    first of them there; None when none is in the text.

    The places of the rarest term (by a substring count, which C does fast) are the candidates,
    and around each the other terms are looked for within the reach, so the cost follows the
    rarest term, not the common words that stand hundreds of times in a long text."""
    counts = {term: folded.count(term) for term in dict.fromkeys(terms) if term}
    present = sorted((term for term, count in counts.items() if count), key=counts.__getitem__)
    best_start, best_count = None, 0
    # The rarest term that stands as a whole word somewhere (a count also finds it inside
    # other words) anchors the search.
    for anchor in present:
        others = [term for term in present if term != anchor]
        for anchor_start, anchor_end, _ in _whole_words(folded, anchor):
            low = max(0, anchor_start - _CLUSTER_REACH)
            high = min(len(folded), anchor_end + _CLUSTER_REACH)
            firsts = [anchor_start]
            for term in others:
                near = next(_whole_words(folded, term, low, high), None)
                if near:
                    firsts.append(near[0])
            if len(firsts) > best_count:
                best_start, best_count = min(firsts), len(firsts)
                if best_count == len(present):
                    return best_start  # every term meets here: no place can do better
        if best_start is not None:
            return best_start
    return None


def snippet(text: str, terms: list[str], width: int = 260, folded: str | None = None) -> Markup:
    """A stretch of ``text`` where most of ``terms`` meet, escaped, matches in <mark>.

    ``folded`` is the stored folded text: used when it is aligned with ``text`` (same length,
    as folding Vietnamese is), which saves folding the text again."""
    if not text:
        return Markup("")
    if folded is None or len(folded) != len(text):
        folded = aligned_fold(text)
    place = _meeting_place(folded, terms)
    if place is None:
        shown = text[:width].translate(_LINE_BREAKS_TO_SPACES)
        return Markup(escape(shown)) + ("…" if len(text) > width else "")
    # Some text before the place, from the start of a word.
    window_start = max(0, place - 60)
    space = text.rfind(" ", 0, window_start)
    window_start = (
        0 if window_start == 0 else (space + 1 if space > window_start - 20 else window_start)
    )
    window_end = min(len(text), window_start + width)
    spans = [
        Span(start, end, "mark")
        for term in dict.fromkeys(terms)
        if term
        for start, end, _ in _whole_words(folded, term, window_start, window_end)
        if end <= window_end
    ]
    spans.sort(key=lambda span: span.start)
    shown = text[window_start:window_end].translate(_LINE_BREAKS_TO_SPACES)
    html = render_spans(shown, spans, window_start)
    prefix = "…" if window_start > 0 else ""
    suffix = "…" if window_end < len(text) else ""
    return Markup(prefix) + html + Markup(suffix)


# ---------------------------------------------------------------------------------------------
# Reading the database, tolerant of tables that do not exist yet


async def _tables(db) -> set[str]:
    return set(await db.table_names())


async def _rows(db, sql: str, params: dict | None = None) -> list[dict]:
    result = await db.execute(sql, params or {})
    return [dict(row) for row in result.rows]


async def _columns(db, table: str) -> set[str]:
    return set(await db.table_columns(table))


def _loads(value: str | None) -> list:
    if not value:
        return []
    try:
        parsed = json.loads(value)
    except (TypeError, ValueError):
        return [value]
    return parsed if isinstance(parsed, list) else [parsed]


def task_status(task: dict, today: str) -> str:
    """A task's status key: from the ledger's status when it has one, else from its deadline
    (no report of completion is known, so a passed deadline means overdue)."""
    status = fold(str(task.get("status") or ""))
    if status:
        if "hoan thanh" in status:
            return "done"
        return "overdue" if status == "qua han" else "open"
    deadline = task.get("deadline")
    return "overdue" if deadline and deadline[:10] < today else "open"


async def _tasks(db, where: str, params: dict) -> list[dict]:
    """Tasks joined to their document and, when a ledger table exists, their status/evidence."""
    tables = await _tables(db)
    select = [
        "t.*",
        "d.number as doc_number",
        "d.doc_type as doc_doc_type",
        "d.issued_date as doc_date",
        "d.filename as doc_filename",
    ]
    joins = ["join documents d on d.id = t.document_id"]
    if LEDGER_TABLE in tables:
        columns = await _columns(db, LEDGER_TABLE)
        wanted = ("status", "as_of", "evidence", "progress", "report_document_id", "report_date")
        select.extend(f"l.{c} as {c}" for c in wanted if c in columns)
        joins.append(
            f"left join {LEDGER_TABLE} l on l.document_id = t.document_id and l.position = t.position"
        )
    sql = f"select {', '.join(select)} from tasks t {' '.join(joins)} where {where} order by t.deadline is null, t.deadline, t.position"
    rows = await _rows(db, sql, params)
    today = date.today().isoformat()
    for row in rows:
        row["status_key"] = task_status(row, today)
        row["status_label"] = row.get("status") or STATUS_LABELS[row["status_key"]]
        row["co_assignee_list"] = _loads(row.get("co_assignees"))
    if rows and EVIDENCE_TABLE in tables:
        document_ids = sorted({row["document_id"] for row in rows})
        placeholders = ", ".join(f":d{i}" for i in range(len(document_ids)))
        evidence = await _rows(
            db,
            "select e.*, d.doc_type, d.number, d.filename "
            f"from {EVIDENCE_TABLE} e join documents d on d.id = e.report_document_id "
            f"where e.document_id in ({placeholders}) "
            "order by e.report_date is null, e.report_date, e.start",
            {f"d{i}": value for i, value in enumerate(document_ids)},
        )
        by_task: dict[tuple[str, int], list[dict]] = {}
        for item in evidence:
            by_task.setdefault((item["document_id"], item["position"]), []).append(item)
        for row in rows:
            row["evidence_list"] = by_task.get((row["document_id"], row["position"]), [])
    return rows


# ---------------------------------------------------------------------------------------------
# Search


@dataclass
class SearchResult:
    document: dict
    snippet: Markup
    exact: bool  # holds every word as typed, diacritics included
    rank: int  # its place in the order of _search_rows


@dataclass
class Search:
    query: str
    filters: dict[str, str]
    results: list[SearchResult] = field(default_factory=list)
    number_documents: list[dict] = field(default_factory=list)
    citing: list[dict] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    cited: dict[str, str] = field(default_factory=dict)
    partial: bool = False  # no document holds every word; these hold some
    more_citing: bool = False  # more documents cite the number than ``citing`` lists
    error: str | None = None
    found: int = 0  # candidates found, up to SEARCH_CANDIDATES; ``results`` is one page of them
    capped: bool = False  # SEARCH_CANDIDATES found: more documents may match
    page: int = 1
    pages: int = 1


def fts_query(query: str, any_word: bool = False) -> str:
    """An FTS5 query over the folded words: quoted phrases stay phrases, other words are ANDed
    (ORed with ``any_word``)."""
    parts = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', query):
        terms = query_terms(phrase or word)
        if not terms:
            continue
        parts.append('"' + " ".join(terms) + '"' if phrase else " ".join(f'"{t}"' for t in terms))
    if any_word:
        return " OR ".join(f'"{t}"' for t in query_terms(query))
    return " ".join(parts)


def number_fts_query(query: str) -> str:
    """A phrase of a number's pieces as they sit in folded text: "1102 cd ttg"."""
    digits, letters = number_pieces(query)
    return '"' + " ".join(digits + [piece.lower() for piece in letters]) + '"'


SEARCH_FILTERS = {"loai": "doc_type", "co_quan": "issuer", "nam": "year"}
# Results a page shows, with a snippet each (the cost of a page grows with them).
RESULTS_PER_PAGE = 20
# Documents ranked, faceted and re-ranked by exact spelling, shown RESULTS_PER_PAGE a page.
SEARCH_CANDIDATES = 200
# Citations of a number listed above the results.
CITING_LIMIT = 50
_RESULT_COLUMNS = (
    "d.rowid as rowid, d.id, d.filename, d.doc_type, d.number, d.issuer, d.issued_date, d.year, "
    "d.subject"
)


def _what_citations_say(citations: list[dict]) -> dict[str, str]:
    """What the citing documents say of a cited document (its type, number, date, issuer,
    subject): for each, the value most of them give."""
    fields = {
        "type": "cited_type",
        "number": "number",
        "date": "date",
        "issuer": "cited_issuer",
        "subject": "cited_subject",
    }
    said = {}
    for name, column in fields.items():
        values = Counter(row.get(column) for row in citations if row.get(column))
        if values:
            said[name] = values.most_common(1)[0][0]
    return said


def _matching(index: str, where: list[str]) -> str:
    """FROM and WHERE of the documents whose ``index`` matches ``:match``, with the filters."""
    return (
        f"from {index} "
        + (f"join documents d on d.rowid = {index}.rowid " if where else "")
        + "where "
        + " and ".join([f"{index} match :match", *where])
    )


async def _newest_matching(db, index: str, match: str, where: list[str], params: dict) -> list[int]:
    """Rowids of the newest stored SEARCH_CANDIDATES documents whose ``index`` matches
    ``match``: FTS5 walks its lists backwards and stops there, without scoring anything."""
    rows = await _rows(
        db,
        f"select {index}.rowid as rowid {_matching(index, where)} "
        f"order by {index}.rowid desc limit {SEARCH_CANDIDATES}",
        {**params, "match": match},
    )
    return [row["rowid"] for row in rows]


def title_query(match: str) -> str:
    """``match`` (as :func:`fts_query` writes it) for the index of numbers and subjects, whose
    tokens keep "đ" (unicode61 does not fold it): each folded word with a "d" also asks for its
    spellings with "đ" ("dong" OR "đong", "qd" OR "qđ"); a quoted phrase holding such a word
    becomes its words ANDed."""

    def spellings(word: str) -> str:
        places = [i for i, char in enumerate(word) if char == "d"][:3]
        variants = {word}
        for mask in range(1, 1 << len(places)):
            letters = list(word)
            for bit, place in enumerate(places):
                if mask >> bit & 1:
                    letters[place] = "đ"
            variants.add("".join(letters))
        return " OR ".join(f'"{variant}"' for variant in sorted(variants))

    parts: list[str] = []
    for token in re.findall(r'"[^"]*"|\bOR\b', match):
        if token == "OR":
            parts.append("OR")
            continue
        words = token.strip('"').split()
        if not words:
            continue
        if len(words) > 1 and "d" not in token:
            item = token
        else:
            item = " AND ".join(f"({spellings(word)})" for word in words)
        if parts and parts[-1] != "OR":
            parts.append("AND")
        parts.append(f"({item})")
    return " ".join(parts)


async def _candidates(
    db, match: str, where: list[str], params: dict
) -> tuple[list[int], list[int]]:
    """Rowids of the candidates, in two groups: the documents whose number or subject holds the
    words, and the newest stored documents holding them anywhere; SEARCH_CANDIDATES of each
    at most, newest stored first.

    bm25 is not used: FTS5 computes it with each word's document frequency, found by walking
    the word's whole list, and for the common words of an archive of 100,000 documents that
    costs tens of milliseconds a word.  The index of numbers and subjects has lists of a few
    words a document, so finding the documents about the words is cheap however many hold
    them in their text."""
    about = []
    if TITLE_FTS_TABLE in await _tables(db):  # made by ingest since 27 Nov 2026
        about = await _newest_matching(db, TITLE_FTS_TABLE, title_query(match), where, params)
    return about, await _newest_matching(db, "documents_fts", match, where, params)


async def _search_rows(
    db, search: Search, match: str, where: list[str], params: dict
) -> list[dict]:
    """Documents matching the FTS query ``match`` and the filters, best first: those about the
    words (their number or subject holds them), then the others, each the latest issued first
    (see :func:`_candidates`); without a query, the newest first.  Each row's ``rank`` is its
    place, and ``newest`` tells the newest matches (for :func:`_exact_matches`).  The text is
    read later, for the page's results only (:func:`_texts`)."""
    if not match:
        rows = await _newest_rows(db, where, params)
    else:
        try:
            about, newest = await _candidates(db, match, where, params)
        except Exception as error:  # noqa: BLE001 - a malformed FTS query is the user's, shown as text
            search.error = f"Không tìm được: {error}"
            return []
        rowids = list(dict.fromkeys(about + newest))[:SEARCH_CANDIDATES]
        rows = await _rows(
            db,
            f"select {_RESULT_COLUMNS} from documents d where d.rowid in ({_rowid_list(rowids)})",
        )
        about_words, newest_matches = set(about), set(newest)
        rows.sort(  # an undated document by its year, as if of its first day
            key=lambda row: (row["issued_date"] or str(row["year"] or ""), row["rowid"]),
            reverse=True,
        )
        rows.sort(key=lambda row: row["rowid"] not in about_words)
        for row in rows:
            row["newest"] = row["rowid"] in newest_matches
    for rank, row in enumerate(rows):
        row["rank"] = rank
    return rows


async def _newest_rows(db, where: list[str], params: dict) -> list[dict]:
    """The newest documents: dated ones by date, read backwards along the date index, then the
    undated ones by year."""
    conditions = " and ".join(where)
    dated = await _rows(
        db,
        f"select {_RESULT_COLUMNS} from documents d where d.issued_date is not null "
        + (f"and {conditions} " if conditions else "")
        + f"order by d.issued_date desc, d.year desc limit {SEARCH_CANDIDATES}",
        params,
    )
    if len(dated) == SEARCH_CANDIDATES:
        return dated
    undated = await _rows(
        db,
        f"select {_RESULT_COLUMNS} from documents d where d.issued_date is null "
        + (f"and {conditions} " if conditions else "")
        + f"order by d.year desc limit {SEARCH_CANDIDATES - len(dated)}",
        params,
    )
    return dated + undated


def _rowid_list(rowids: list[int]) -> str:
    """Rowids written into SQL: integers read from the database, never typed by a user."""
    return ", ".join(str(int(rowid)) for rowid in rowids)


async def _texts(db, rowids: list[int]) -> dict[int, dict]:
    """``{rowid: {"text", "text_folded"}}`` of the documents shown, for their snippets."""
    if not rowids:
        return {}
    rows = await _rows(
        db,
        f"select rowid, text, text_folded from documents where rowid in ({_rowid_list(rowids)})",
    )
    return {row["rowid"]: row for row in rows}


async def _exact_matches(db, query: str, rows: list[dict]) -> set[int]:
    """Rowids of the candidate ``rows`` holding every word of ``query`` as it was typed: folding
    merges words that the spelling tells apart (án/an, thể/thế), and the documents spelling
    them as typed rank first.

    The subject of each candidate is read here; the text through the index of the text as
    written, bounded to the rowid range of the newest matches (``row["newest"]``): a range FTS5
    seeks to, holding only SEARCH_CANDIDATES documents that match folded, so the walk stays
    short however common the words (asking for a list of rowids would cost a seek per rowid
    and word)."""
    words = list(dict.fromkeys(re.findall(r"\w+", normalize_text(query).lower())))
    if not rows or not words:
        return set()
    wanted = set(words)
    exact = {  # stored subjects and numbers are normalised already
        row["rowid"]
        for row in rows
        if wanted.issubset(
            re.findall(r"\w+", f"{row['number'] or ''} {row['subject'] or ''}".lower())
        )
    }
    newest = [row["rowid"] for row in rows if row.get("newest")]
    if newest:
        found = await _rows(
            db,
            f"select rowid from {EXACT_FTS_TABLE} where {EXACT_FTS_TABLE} match :words "
            "and rowid between :lowest and :highest",
            {
                "words": " ".join(f'"{word}"' for word in words),
                "lowest": min(newest),
                "highest": max(newest),
            },
        )
        exact.update(row["rowid"] for row in found)
    return exact & {row["rowid"] for row in rows}


def number_prefilter(column: str, query: str) -> tuple[str, dict]:
    """An SQL condition that an index on ``column`` answers, true of every stored number that
    :func:`number_matches` could find for ``query``, with its parameters.

    A stored number matches when its digit groups, joined, are the typed digits; it starts with
    its first group, so it starts with a prefix of the typed digits followed by a non-digit:
    for each prefix ``p``, the ranges [p, p"0") and [p":", next(p)) (the separators sort below
    "0", letters above "9").  The extractors read a number from its first digit, so a stored
    number that does not start with one has no digits at all and never matches."""
    digits = "".join(number_pieces(query)[0])
    ranges = ["0"] if not digits else []
    params = {}
    for length in range(1, len(digits) + 1):
        prefix = digits[:length]
        params[f"p{length}"] = prefix
        params[f"p{length}_0"] = prefix + "0"
        params[f"p{length}_colon"] = prefix + ":"
        params[f"p{length}_next"] = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        ranges.append(f"({column} >= :p{length} and {column} < :p{length}_0)")
        ranges.append(f"({column} >= :p{length}_colon and {column} < :p{length}_next)")
    return "(" + " or ".join(ranges) + ")", params


async def _citing(db, query: str) -> list[dict]:
    """The first SEARCH_CANDIDATES + 1 citations of the number typed as ``query``, earliest
    citing document first.

    The linker's ``cited_documents`` (one row per number cited) narrows the keys, through an
    index and then the Python matcher; an index on ``citations (cited_key, citing_date)`` gives
    their citations in date order, and only the citations listed are joined to their documents,
    however many thousands cite the number."""
    numbers, params = number_prefilter("number", query)
    keys = [
        row["key"]
        for row in await _rows(
            db,
            f"select key from cited_documents where {numbers} "
            "and vanban_number_matches(number, :q)",
            {"q": query, **params},
        )
    ]
    if not keys:
        return []
    columns = await _columns(db, "citations")
    cited_subject = "c.subject as cited_subject, " if "subject" in columns else ""
    dated = "c.citing_date, " if "citing_date" in columns else ""  # linked since 27 Nov 2026
    key_params = {f"k{i}": key for i, key in enumerate(keys)}
    return await _rows(
        db,
        "with listed as (select c.rowid as citation from citations c "
        f"where c.cited_key in ({', '.join(':' + name for name in key_params)}) "
        f"order by {dated}c.rowid limit {SEARCH_CANDIDATES + 1}) "
        "select c.document_id, c.position, c.text, c.number, c.relation, c.date, "
        "c.type as cited_type, c.issuer as cited_issuer, "
        + cited_subject
        + "d.doc_type, d.number as doc_number, d.filename as doc_filename, d.issuer, "
        "d.issued_date, d.subject from listed join citations c on c.rowid = listed.citation "
        f"join documents d on d.id = c.document_id order by {dated}c.rowid",
        key_params,
    )


async def run_search(db, query: str, filters: dict[str, str], page: int = 1) -> Search:
    search = Search(query=query, filters=filters)
    query = query.strip()
    where, params = [], {}
    for argument, column in SEARCH_FILTERS.items():
        if filters.get(argument):
            where.append(f"cast(d.{column} as text) = :{argument}")
            params[argument] = filters[argument]
    by_number = looks_like_number(query)
    if by_number:
        tables = await _tables(db)
        # An index narrows the numbers before the Python matcher reads them.
        numbers, numbers_params = number_prefilter("number_key", query)
        search.number_documents = await _rows(
            db,
            "select id, doc_type, number, issuer, issued_date, subject from documents "
            f"where {numbers} and vanban_number_matches(number, :q) order by +issued_date",
            {"q": query, **numbers_params},
        )
        if "cited_documents" in tables:
            search.citing = await _citing(db, query)
            search.cited = _what_citations_say(search.citing)
            # A much-cited number (a Prime Minister's công điện) is cited by thousands of
            # documents: the page lists the first ones and says there are more.
            search.more_citing = len(search.citing) > CITING_LIMIT
            search.citing = search.citing[:CITING_LIMIT]
    match = number_fts_query(query) if by_number else fts_query(query)
    rows = await _search_rows(db, search, match, where, params)
    if by_number and not rows and not search.error:
        # A number that the text never spells in one piece: search its words instead.
        by_number, match = False, fts_query(query)
        rows = await _search_rows(db, search, match, where, params)
    if not rows and not search.error and len(query_terms(query)) > 1:
        # No document holds every word: rank those holding some of them.
        search.partial = True
        match = fts_query(query, any_word=True)
        rows = await _search_rows(db, search, match, where, params)
    terms = query_terms(match) if by_number else query_terms(query)
    # A number is matched in any spelling by design: its spelling ranks nothing.
    exact = set() if by_number else await _exact_matches(db, query, rows)
    for row in rows:
        search.results.append(SearchResult(row, Markup(""), row["rowid"] in exact, row["rank"]))
    search.results.sort(key=lambda result: (not result.exact, result.rank))
    for argument, column in SEARCH_FILTERS.items():
        counts: dict[str, int] = {}
        for result in search.results:
            value = result.document.get(column)
            if value is not None and value != "":
                counts[str(value)] = counts.get(str(value), 0) + 1
        search.facets[argument] = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    search.found = len(search.results)
    search.capped = search.found >= SEARCH_CANDIDATES
    search.pages = max(1, math.ceil(search.found / RESULTS_PER_PAGE))
    search.page = min(max(page, 1), search.pages)
    first = (search.page - 1) * RESULTS_PER_PAGE
    search.results = search.results[first : first + RESULTS_PER_PAGE]
    texts = await _texts(db, [result.document["rowid"] for result in search.results])
    for result in search.results:
        text = texts.get(result.document["rowid"], {})
        result.snippet = snippet(text.get("text") or "", terms, folded=text.get("text_folded"))
    return search


# ---------------------------------------------------------------------------------------------
# The citation graph as inline SVG


def citation_graph_svg(center: dict, cites: list[dict], cited_by: list[dict], href) -> Markup:
    """A small left-to-right graph: documents citing this one, this one, documents it cites.

    Built server-side so that it needs no script and no CDN; each node links to its page."""
    width, row_height, node_width = 760, 34, 220
    rows = max(len(cites), len(cited_by), 1)
    height = rows * row_height + 20
    cy = height / 2

    def node(x: float, y: float, label: str, url: str | None, css: str) -> str:
        text = escape(label if len(label) <= 34 else label[:33] + "…")
        box = (
            f'<rect x="{x:.0f}" y="{y - 12:.0f}" width="{node_width}" height="24" rx="5" class="{css}"/>'
            f'<text x="{x + node_width / 2:.0f}" y="{y + 4:.0f}" text-anchor="middle">{text}</text>'
        )
        return f'<a href="{escape(url)}">{box}</a>' if url else box

    def label(row: dict, number_field: str, type_field: str) -> str:
        parts = [row.get(type_field) or "", row.get(number_field) or ""]
        return " ".join(p for p in parts if p).strip() or "(không số)"

    pieces = []
    left_x, mid_x, right_x = 10, (width - node_width) / 2, width - node_width - 10
    for i, row in enumerate(cited_by):
        y = 10 + row_height * i + row_height / 2
        pieces.append(
            f'<line x1="{left_x + node_width}" y1="{y:.0f}" x2="{mid_x}" y2="{cy:.0f}" class="edge"/>'
        )
        pieces.append(
            node(
                left_x, y, label(row, "doc_number", "doc_type"), href(row["document_id"]), "citing"
            )
        )
    for i, row in enumerate(cites):
        y = 10 + row_height * i + row_height / 2
        pieces.append(
            f'<line x1="{mid_x + node_width}" y1="{cy:.0f}" x2="{right_x}" y2="{y:.0f}" class="edge"/>'
        )
        target = row.get("target")
        pieces.append(
            node(
                right_x,
                y,
                label(row, "number", "type"),
                href(target["id"]) if target else None,
                "cited linked" if target else "cited",
            )
        )
    pieces.append(node(mid_x, cy, label(center, "number", "doc_type"), None, "center"))
    svg = (
        f'<svg class="graph" role="img" aria-label="Đồ thị dẫn chiếu" viewBox="0 0 {width} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg">{"".join(pieces)}</svg>'
    )
    return Markup(svg)


# ---------------------------------------------------------------------------------------------
# Pages


def _document_href(datasette, document_id: str) -> str:
    return datasette.urls.path(f"/van-ban/{quote(document_id)}")


def _row_href(datasette, db, table: str, *pks) -> str:
    return datasette.urls.row(db.name, table, ",".join(tilde_encode(str(pk)) for pk in pks))


def _agency_href(datasette, name: str) -> str:
    # A query string, not a path: Datasette rewrites %-encoded paths to its ~ encoding.
    return datasette.urls.path("/co-quan?" + urlencode({"ten": name}))


async def _render(datasette, request, template: str, context: dict) -> Response:
    context = {"vanban_db": datasette.get_database().name, **context}
    return Response.html(await datasette.render_template(template, context, request=request))


async def search_page(datasette, request):
    db = datasette.get_database()
    query = request.args.get("q", "")
    filters = {name: request.args.get(name, "") for name in SEARCH_FILTERS}
    page = request.args.get("trang", "1")
    # Without a query the page lists the newest documents, with the filters beside them.
    search = await run_search(db, query, filters, int(page) if page.isdigit() else 1)

    def filter_url(argument: str, value: str | None) -> str:
        args = {"q": query, **filters, argument: value or ""}
        return datasette.urls.path("/-/tim-kiem?" + urlencode({k: v for k, v in args.items() if v}))

    def page_url(number: int) -> str:
        args = {"q": query, **filters, "trang": str(number) if number > 1 else ""}
        return datasette.urls.path("/-/tim-kiem?" + urlencode({k: v for k, v in args.items() if v}))

    return await _render(
        datasette,
        request,
        "vanban_search.html",
        {
            "query": query,
            "filters": filters,
            "search": search,
            "filter_url": filter_url,
            "page_url": page_url,
            "results_per_page": RESULTS_PER_PAGE,
            "document_href": lambda doc_id: _document_href(datasette, doc_id),
            "filter_labels": {"loai": "Loại văn bản", "co_quan": "Cơ quan ban hành", "nam": "Năm"},
        },
    )


def _entity_spans(
    datasette, db, document: dict, citations, statistics, officials, tasks
) -> list[Span]:
    spans = []
    for task in tasks:
        spans.append(
            Span(
                task["start"],
                task["end"],
                "span",
                (
                    ("class", "e-task"),
                    ("id", f"nv-{task['position']}"),
                    ("title", f"Nhiệm vụ: {task['assignee']}"),
                ),
            )
        )
    for citation in citations:
        target = citation.get("target")
        url = (
            _document_href(datasette, target["id"])
            if target
            else datasette.urls.path(
                "/-/tim-kiem?" + urlencode({"q": citation["number"] or citation["text"]})
            )
        )
        spans.append(
            Span(
                citation["start"],
                citation["end"],
                "a",
                (
                    ("class", "e-cit" + (" linked" if target else "")),
                    ("id", f"dc-{citation['position']}"),
                    ("href", url),
                    ("title", f"Dẫn chiếu: {citation['number']} ({citation['relation']})"),
                ),
            )
        )
    for figure in statistics:
        spans.append(
            Span(
                figure["start"],
                figure["end"],
                "a",
                (
                    ("class", "e-stat"),
                    ("id", f"tk-{figure['position']}"),
                    (
                        "href",
                        _row_href(datasette, db, "statistics", document["id"], figure["position"]),
                    ),
                    (
                        "title",
                        f"Số liệu: {figure['indicator'] or ''} {figure['value']} {figure['unit'] or ''}",
                    ),
                ),
            )
        )
    for official in officials:
        spans.append(
            Span(
                official["start"],
                official["end"],
                "span",
                (
                    ("class", "e-off"),
                    ("title", "Cán bộ: " + ", ".join(_loads(official.get("titles")))),
                ),
            )
        )
    return [
        s
        for s in spans
        if isinstance(s.start, int) and isinstance(s.end, int) and 0 <= s.start < s.end
    ]


_CITED_BY_SELECT = (
    "select c.*, d.doc_type, d.number as doc_number, d.filename as doc_filename, "
    "d.issuer as doc_issuer, d.issued_date as doc_date, d.subject as doc_subject "
    "from citations c join documents d on d.id = c.document_id "
)


async def _cited_by(db, document: dict, linked: bool) -> list[dict]:
    """Citations of ``document`` in other documents, as the linker resolved them, oldest citing
    document first."""
    if not linked:
        return []
    return await _rows(
        db,
        _CITED_BY_SELECT
        + "where c.target_id = :id and c.document_id != :id"
        + " order by d.issued_date is null, d.issued_date, c.document_id, c.start",
        {"id": document["id"]},
    )


async def _implementations(db, document: dict) -> list[dict]:
    """Documents carrying ``document`` out, in date order: the linker's ``implementations``
    view (none before the first link)."""
    if "implementations" not in await db.view_names():
        return []
    return await _rows(
        db,
        "select i.*, i.document_type as doc_type, i.document_number as doc_number, "
        "i.document_date as doc_date, i.document_issuer as doc_issuer, "
        "i.document_subject as doc_subject, d.filename as doc_filename "
        "from implementations i join documents d on d.id = i.document_id "
        "where i.directive_id = :id "
        "order by i.document_date is null, i.document_date, i.document_id",
        {"id": document["id"]},
    )


async def document_page(datasette, request):
    db = datasette.get_database()
    document_id = request.url_vars["id"]
    found = await _rows(db, "select * from documents where id = :id", {"id": document_id})
    if not found:
        raise NotFound("Không có văn bản này")
    document = found[0]
    tables = await _tables(db)

    def entity_rows(table: str) -> str:
        return f"select * from {table} where document_id = :id order by start, position"

    citations = (
        await _rows(db, entity_rows("citations"), {"id": document_id})
        if "citations" in tables
        else []
    )
    statistics = (
        await _rows(db, entity_rows("statistics"), {"id": document_id})
        if "statistics" in tables
        else []
    )
    officials = (
        await _rows(db, entity_rows("officials"), {"id": document_id})
        if "officials" in tables
        else []
    )
    tasks = (
        await _tasks(db, "t.document_id = :id", {"id": document_id}) if "tasks" in tables else []
    )
    linked = "citations" in tables and "target_id" in await _columns(db, "citations")
    # The linker's answer (it also catches numbers OCR garbled in the cited header).
    target_ids = sorted(
        {
            c["target_id"]
            for c in citations
            if linked and c.get("target_id") and c["target_id"] != document_id
        }
    )
    targets = {
        row["id"]: row
        for row in await _rows(
            db,
            "select id, doc_type, number, issuer, issued_date, year, subject from documents "
            "where id in (select value from json_each(:ids))",
            {"ids": json.dumps(target_ids)},
        )
    }
    for citation in citations:
        citation["target"] = targets.get(citation.get("target_id")) if linked else None

    cited_by = await _cited_by(db, document, linked)
    implementations = await _implementations(db, document)
    reported: list[dict] = []
    if implementations and "statistics" in tables:
        ids = list(dict.fromkeys(row["document_id"] for row in implementations))
        placeholders = ", ".join(f":d{i}" for i in range(len(ids)))
        reported = await _rows(
            db,
            "select s.*, d.number as doc_number, d.doc_type as doc_doc_type, d.filename as doc_filename, "
            "d.issued_date as doc_date "
            f"from statistics s join documents d on d.id = s.document_id where s.document_id in ({placeholders}) "
            "order by d.issued_date, s.document_id, s.start",
            {f"d{i}": value for i, value in enumerate(ids)},
        )

    graph_cites, seen = [], set()
    for citation in citations:
        key = number_key(citation["number"])
        if key in seen:
            continue
        seen.add(key)
        graph_cites.append(citation)
    graph_cited_by, seen_docs = [], set()
    for row in cited_by:
        if row["document_id"] not in seen_docs:
            seen_docs.add(row["document_id"])
            graph_cited_by.append(row)

    spans = _entity_spans(datasette, db, document, citations, statistics, officials, tasks)
    text = document["text"] or ""
    graph_center = dict(document)
    if not graph_center.get("number") and cited_by:
        graph_center["number"] = cited_by[0]["number"]
    graph = (
        citation_graph_svg(
            graph_center,
            graph_cites[:24],
            graph_cited_by[:24],
            lambda i: _document_href(datasette, i),
        )
        if graph_cites or graph_cited_by
        else None
    )
    recipients = (
        [
            r["name"]
            for r in await _rows(
                db,
                "select name from recipients where document_id = :id order by position",
                {"id": document_id},
            )
        ]
        if "recipients" in tables
        else []
    )
    return await _render(
        datasette,
        request,
        "vanban_document.html",
        {
            "document": document,
            "warnings": _loads(document.get("warnings")),
            "pages": paginate(text, spans),
            "citations": citations,
            "cited_by": cited_by,
            "implementations": implementations,
            "cited_as": list(dict.fromkeys(row["number"] for row in cited_by if row.get("number"))),
            "cited_otherwise": list(
                dict.fromkeys(
                    row["number"]
                    for row in cited_by
                    if row.get("number")
                    and number_key(row["number"]) != number_key(document.get("number"))
                )
            ),
            "is_directing": (document.get("doc_type") or "") in DIRECTING_TYPES,
            "statistics": statistics,
            "reported": reported,
            "officials": officials,
            "tasks": tasks,
            "recipients": recipients,
            "graph": graph,
            "document_href": lambda doc_id: _document_href(datasette, doc_id),
            "agency_href": lambda name: _agency_href(datasette, name),
            "row_href": lambda table, *pks: _row_href(datasette, db, table, *pks),
            "original_href": datasette.urls.path(f"/van-ban/{quote(document_id)}/goc"),
            "loads": _loads,
        },
    )


async def original_page(datasette, request):
    """The original file when it is still where it was read from, else the text as read."""
    db = datasette.get_database()
    rows = await _rows(
        db,
        "select path, filename, format, original_text from documents where id = :id",
        {"id": request.url_vars["id"]},
    )
    if not rows:
        raise NotFound("Không có văn bản này")
    row = rows[0]
    headers = {"X-Content-Type-Options": "nosniff"}
    path = Path(row["path"] or "")
    if row["format"] not in ("txt", "md", "text", None) and path.is_file():
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        # A PDF opens in the browser's own viewer; anything else (an HTML page, a .docx) is
        # downloaded, never rendered as part of the site.
        disposition = "inline" if content_type == "application/pdf" else "attachment"
        headers["Content-Disposition"] = (
            f"{disposition}; filename*=UTF-8''{quote(row['filename'] or path.name)}"
        )
        return Response(path.read_bytes(), content_type=content_type, headers=headers)
    headers["Content-Security-Policy"] = "sandbox"
    return Response.text(row["original_text"] or "", headers=headers)


async def agency_page(datasette, request):
    """One agency (``?ten=``): documents it issued, tasks it received; without a name, the list."""
    name = request.args.get("ten", "").strip()
    if not name:
        return await agencies_page(datasette, request)
    db = datasette.get_database()
    tables = await _tables(db)
    documents = await _rows(
        db,
        "select id, filename, doc_type, number, issued_date, subject, issuer from documents "
        "where vanban_agency_key(issuer) = vanban_agency_key(:name) "
        "or vanban_agency_key(parent_issuer) = vanban_agency_key(:name) "
        "order by issued_date is null, issued_date desc",
        {"name": name},
    )
    tasks = (
        await _tasks(
            db,
            "vanban_agency_key(t.assignee) = vanban_agency_key(:name) "
            "or vanban_names_include(t.co_assignees, :name)",
            {"name": name},
        )
        if "tasks" in tables
        else []
    )
    counts: dict[str, int] = {}
    for task in tasks:
        counts[task["status_label"]] = counts.get(task["status_label"], 0) + 1
    if not documents and not tasks:
        raise NotFound("Không có văn bản hay nhiệm vụ nào của cơ quan này")
    # The ledger stage's agency table, when there is one, knows every spelling seen.
    agency = (
        await _rows(db, "select * from agencies where key = :key", {"key": agency_key(name)})
        if "agencies" in tables
        else []
    )
    return await _render(
        datasette,
        request,
        "vanban_agency.html",
        {
            "name": name,
            "agency": agency[0] if agency else None,
            "variants": [v for v in _loads(agency[0].get("variants")) if v != name]
            if agency
            else [],
            "documents": documents,
            "tasks": tasks,
            "status_counts": sorted(counts.items()),
            "document_href": lambda doc_id: _document_href(datasette, doc_id),
        },
    )


def _group_by_agency(rows: list[dict]) -> list[dict]:
    """Names counted per body (one agency key), each body shown by its commonest spelling."""
    spellings: dict[str, dict[str, int]] = {}
    for row in rows:
        key = agency_key(row["name"]) or row["name"]
        names = spellings.setdefault(key, {})
        names[row["name"]] = names.get(row["name"], 0) + 1
    grouped = [
        {"name": max(names, key=lambda n: (names[n], n)), "count": sum(names.values())}
        for names in spellings.values()
    ]
    return sorted(grouped, key=lambda g: (-g["count"], g["name"]))


async def agencies_page(datasette, request):
    db = datasette.get_database()
    tables = await _tables(db)
    issuers = _group_by_agency(
        await _rows(
            db, "select issuer as name from documents where issuer is not null and issuer != ''"
        )
    )
    assignees = (
        _group_by_agency(
            await _rows(
                db,
                "select assignee as name from tasks where assignee is not null and assignee != ''",
            )
        )
        if "tasks" in tables
        else []
    )
    return await _render(
        datasette,
        request,
        "vanban_agencies.html",
        {
            "issuers": issuers,
            "assignees": assignees,
            "agency_href": lambda n: _agency_href(datasette, n),
        },
    )


async def chart_page(datasette, request):
    """One indicator over time: every figure reported for it, dated by its as-of date or by its
    document's date, each point linking to the sentence it was read from."""
    db = datasette.get_database()
    tables = await _tables(db)
    indicators = (
        await _rows(
            db,
            "select s.indicator, count(*) as count, "
            "count(coalesce(s.as_of, d.issued_date)) as dated "
            "from statistics s join documents d on d.id = s.document_id "
            "where s.indicator is not null and s.indicator != '' "
            "group by s.indicator order by dated desc, count desc, s.indicator",
        )
        if "statistics" in tables
        else []
    )
    chosen = request.args.get("chi_tieu") or (indicators[0]["indicator"] if indicators else "")
    points = []
    if chosen:
        rows = await _rows(
            db,
            "select s.document_id, s.position, s.value, s.unit, s.area, s.text, s.sentence, s.as_of, "
            "d.issued_date, d.number, d.doc_type, d.filename, coalesce(s.as_of, d.issued_date) as day "
            "from statistics s join documents d on d.id = s.document_id "
            "where s.indicator = :indicator order by day is null, day, s.document_id, s.position",
            {"indicator": chosen},
        )
        # A figure restated in several places (a summary, then a table) is drawn once.
        grouped = "group_key" in await _columns(db, "statistics")
        keys = (
            await _rows(
                db,
                "select document_id, position, group_key from statistics where indicator = :i",
                {"i": chosen},
            )
            if grouped
            else []
        )
        group_of = {(k["document_id"], k["position"]): k["group_key"] for k in keys}
        seen_groups: set[str] = set()
        for row in rows:
            group = group_of.get((row["document_id"], row["position"]))
            if group:
                if group in seen_groups:
                    continue
                seen_groups.add(group)
            href = _document_href(datasette, row["document_id"]) + f"#tk-{row['position']}"
            points.append({**row, "href": href})
    series: dict[str, list[dict]] = {}
    for point in points:
        if point["day"] and point["value"] is not None and math.isfinite(point["value"]):
            label = " · ".join(p for p in (point["unit"], point["area"]) if p) or "giá trị"
            series.setdefault(label, []).append(
                {
                    "x": point["day"][:10],
                    "y": point["value"],
                    "href": point["href"],
                    "text": (point["sentence"] or point["text"] or "")[:200],
                }
            )
    chart_data = json.dumps(
        [{"label": label, "points": values} for label, values in series.items()], ensure_ascii=False
    )
    # No "<", ">" or "&" in the JSON: nothing in a sentence can close or confuse the <script>
    # element that holds the data ("</script>", "<!--"); JSON.parse reads the escapes back.
    chart_data = chart_data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return await _render(
        datasette,
        request,
        "vanban_chart.html",
        {
            "indicators": indicators,
            "chosen": chosen,
            "points": points,
            "chart_data": Markup(chart_data),
            "document_href": lambda doc_id: _document_href(datasette, doc_id),
        },
    )


@hookimpl
def register_routes():
    return [
        (r"^/-/tim-kiem$", search_page),
        (rf"^/van-ban/(?P<id>{DOCUMENT_ID})$", document_page),
        (rf"^/van-ban/(?P<id>{DOCUMENT_ID})/goc$", original_page),
        (r"^/co-quan$", agency_page),
        (r"^/-/bieu-do$", chart_page),
    ]


def document_label(doc_type: str | None, number: str | None, filename: str | None = None) -> str:
    """How a document is named in lists: its type and number, else its file name."""
    label = " ".join(part for part in (doc_type, number) if part)
    if number:
        return label[:1].upper() + label[1:]
    return filename or label or "văn bản không số"


# Columns of canned queries' results that hold a document id.
QUERY_DOCUMENT_COLUMNS = {"id", "document_id", "report_document_id", "van_ban"}


@hookimpl
def render_cell(value, column, table, datasette):
    """In a canned query's results, a document id links to that document's page."""
    if table is not None or column not in QUERY_DOCUMENT_COLUMNS:
        return None
    if not isinstance(value, str) or not re.fullmatch(DOCUMENT_ID, value):
        return None
    href = _document_href(datasette, value)
    return Markup(f'<a href="{escape(href)}">{escape(value)}</a>')


# With a task ledger, an overdue task is one not reported done; the parameters stay those of the
# metadata.json query that it replaces, so that links and forms keep working.
OVERDUE_FROM_LEDGER = f"""select l.assignee, l.action, l.deadline, l.status, d.doc_type, d.number, d.issued_date,
  l.document_id, l.position, l.report_document_id
from {LEDGER_TABLE} l join documents d on d.id = l.document_id
where l.deadline is not null and l.deadline != ''
  and substr(l.deadline, 1, 10) < coalesce(nullif(:truoc_ngay, ''), date('now'))
  and coalesce(l.status, '') not like 'hoàn thành%'
order by l.deadline, l.assignee"""


# With the linker's table of cited documents, one number reused in another year ("68/NQ-CP" of
# 2020 and of 2021) counts as two documents.
MOST_CITED_FROM_LINKS = """select number as so_hieu, type as loai, year as nam, issuer as co_quan,
  citing_documents as so_van_ban_dan_chieu, citation_count as so_lan_dan_chieu, document_id as van_ban
from cited_documents
order by citing_documents desc, citation_count desc, number
limit 100"""

# Canned queries of metadata.json that read a later stage's table when the database has it:
# {query name: (table, sql)}.  The parameters stay those of the query replaced.
QUERIES_FROM_LATER_STAGES = {
    "nhiem_vu_qua_han": (LEDGER_TABLE, OVERDUE_FROM_LEDGER),
    "van_ban_duoc_dan_chieu_nhieu_nhat": ("cited_documents", MOST_CITED_FROM_LINKS),
}


@hookimpl
def canned_queries(datasette, database):
    """The overdue-tasks and most-cited queries read the task ledger and the linker's cited
    documents when the database has them."""

    async def queries():
        if database == "_internal":
            return {}
        tables = set(await datasette.get_database(database).table_names())
        configured = datasette.metadata("queries", database=database) or {}
        replaced = {}
        for name, (table, sql) in QUERIES_FROM_LATER_STAGES.items():
            if table in tables and name in configured:
                replaced[name] = {**configured[name], "sql": sql}
        return replaced

    return queries


# The tables and views the home page lists, with their Vietnamese names, when they exist.
HOME_TABLES = (
    ("documents", "Văn bản"),
    ("citations", "Dẫn chiếu"),
    ("cited_documents", "Văn bản được dẫn chiếu"),
    ("implementations", "Văn bản triển khai"),
    ("statistics", "Số liệu"),
    ("tasks", "Nhiệm vụ"),
    ("officials", "Cán bộ"),
    ("recipients", "Nơi nhận"),
    ("errors", "Lỗi khi nạp"),
)


async def _home_tables(datasette) -> list[dict]:
    db = datasette.get_database()
    present = set(await db.table_names()) | set(await db.view_names())
    listed = []
    for name, label in HOME_TABLES:
        if name not in present:
            continue
        count = (await db.execute(f"select count(*) from [{name}]")).rows[0][0]
        listed.append(
            {
                "name": name,
                "label": label,
                "count": count,
                "href": (
                    _documents_table_href(datasette, db.name)
                    if name == "documents"
                    else datasette.urls.table(db.name, name)
                ),
                "description": datasette.metadata("description", database=db.name, table=name),
            }
        )
    return listed


# The documents table without its full texts: the page stays light; the texts are one click away.
DOCUMENT_LIST_COLUMNS = (
    "doc_type",
    "number",
    "issuer",
    "issued_date",
    "year",
    "subject",
    "urgency",
    "signer_name",
    "filename",
)


def _documents_table_href(datasette, database: str) -> str:
    return (
        datasette.urls.table(database, "documents")
        + "?"
        + urlencode([("_col", column) for column in DOCUMENT_LIST_COLUMNS])
    )


@hookimpl
def extra_template_vars(datasette, view_name):
    async def template_vars():
        name = datasette.get_database().name
        variables = {
            "doc_label": document_label,
            "vanban_nav": [
                ("Tìm kiếm", datasette.urls.path("/-/tim-kiem")),
                ("Văn bản", _documents_table_href(datasette, name)),
                ("Dẫn chiếu", datasette.urls.table(name, "citations")),
                ("Số liệu", datasette.urls.table(name, "statistics")),
                ("Biểu đồ", datasette.urls.path("/-/bieu-do")),
                ("Nhiệm vụ", datasette.urls.table(name, "tasks")),
                ("Cơ quan", datasette.urls.path("/co-quan")),
            ],
        }
        if view_name == "index":
            variables["vanban_tables"] = await _home_tables(datasette)
        return variables

    return template_vars
