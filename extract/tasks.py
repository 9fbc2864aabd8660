"""Tasks: work assigned to a named body or person, with its deadline.

Directives assign work in a few fixed shapes, and each has a rule:

* a numbered heading naming a body, with the work in the items under it
  (``2. Sở Y tế`` then ``- Thực hiện …``), or inline (``4. Sở Tài chính: tham mưu …``);
* an assigning verb before the body (``giao / yêu cầu / đề nghị / chỉ đạo / phân công X …``),
  in any document, a report's account of what was ordered included;
* a clause that opens with a body and a verb (``Sở Y tế chịu trách nhiệm …``,
  ``các địa phương bố trí …``), in directives, conclusion notices and news articles, but not in
  reports (``báo cáo``), where such a clause tells what was done.

The body's name ends where the action begins: the first lower-case verb or modal of
``data/tasks_verbs.json`` after the head of the name ("Sở Công Thương | chủ trì, phối hợp …").
Line wrapping, page numbers and page-break markers of OCR'd files are flattened first, keeping
every offset.  A deadline is read from the action ("trước 17h ngày 10/12" → ``2021-12-10T17:00``,
"trong tháng 3 năm 2020" → the month's last day), the year of a short date taken from the
document; with no date, the kind of limit (``data/deadline_kinds.json``: thường xuyên, ngay, …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache

from rapidfuzz import fuzz

from extract.agencies import agency_key, head_words, starts_with_agency
from extract.dates import TIME, find_dates, iso, last_day
from extract.lexicon import doc_type_names, load
from extract.model import Header, Task

# ---------------------------------------------------------------------------------------------
# Layout: list markers and wrapped lines
# ---------------------------------------------------------------------------------------------

# List markers at the start of a line, outermost level first.  OCR leaves stray underscores.
_MARKERS: tuple[tuple[str, str], ...] = (
    ("roman", r"[IVX]{1,5}\s*[.\-–)]\s+"),  # "II. CÁC NHIỆM VỤ", "I- ĐÁNH GIÁ CHUNG"
    ("dotted", r"\d{1,2}(?:\.\d{1,2})+\.?\s+"),  # "2.1. Về xét nghiệm"
    # "1. Sở Y tế", "1) …", "2- Các huyện"; not "4.923 ca"
    ("number", r"\d{1,2}\s*(?:[.)](?!\d)\s*|[-–]\s+)"),
    ("letter", r"[a-zđ]\s*\)\s*"),  # "a) Ngân hàng Nhà nước Việt Nam:"
    ("dash", r"[-–—•]\s+"),  # "- Thực hiện …"
    ("plus", r"[+*]\s+"),  # "+ Cách ly tại nhà"
)
_MARKER = re.compile(
    r"[ \t_]*(?:" + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _MARKERS) + ")"
)
# Nesting depth of each marker ("2.1." sits under "2.", which the regex must try second).
_LEVEL = {"roman": 0, "number": 1, "dotted": 2, "letter": 3, "dash": 4, "plus": 5}
# A wrapped line as long as this that stops mid-sentence continues on the next line, even when
# that one opens with a dash ("chương trình “Festival Thăng Long" / "- Hà Nội, lần thứ II").
_FULL_LINE = 60
# Words a line cannot end a sentence on when a number follows them: a wrapped "tháng 10 và\n11."
# is no list item "11.".
_NUMBER_LEADS = {"và", "hoặc", "tháng", "ngày", "năm", "số", "đến", "từ", "là", "khoảng"}
# A section title under a Roman numeral ("I. Nhiệm vụ chung") has at most this many words.
_SECTION_TITLE_WORDS = 8
# Lines that are page furniture, not text: page numbers, "--- PAGE BREAK ---", rules, a
# portal's attachment line ("Tệp đính kèm: Kế hoạch 42.pdf").
_NOISE_LINE = re.compile(
    r"^[ \t]*(?:\d{1,3}|-{2,}\s*PAGE BREAK\s*-{2,}|_{3,}|(?:Tệp|File) đính kèm\b[^\n]*)[ \t]*$",
    re.MULTILINE,
)
# A run of line ends (with blank or noise lines between) that may be a wrap inside a sentence.
# Possessive, and starting only where a run of blanks starts, so that a long run of spaces
# without a line end is scanned once, not once per space.
_LINE_BREAKS = re.compile(r"(?<![ \t])[ \t]*+\n\s*+")
# Sentence ends: ". " or "! " before a letter (kept only before a capital, see sentences); an
# ellipsis before lower case is not an end.
# A run of stops is tried once, from its first stop (a page of dots is not a page of attempts).
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]++(?=\s+[\"“(]?[^\W\d_])")
_WORD = re.compile(r"[^\W_]+(?:/[^\W_]+)?")
# A page number glued to the end of a line; tried only where a run of blanks starts.
_GLUED_PAGE_NUMBER = re.compile(r"(?<!\s)\s++\d++$")
# A count before a body ("09/9 huyện, thành phố", "101 xã") is part of the assignee.
_COUNT_PREFIX = re.compile(r"\d+(?:/\d+)?\s+")
# "Đối với …" and "Về …" open a topic, not a subject.
_TOPIC_OPENING = re.compile(r"(?:đối với|về|theo|trong|tại|sau|trước|khi|nếu|để)\s", re.IGNORECASE)
# Verbs that are also a body's name or its leaders in a list of bodies ("các cấp ủy, tổ chức
# đảng", "các sở, lãnh đạo các huyện").
_BODY_VERBS = frozenset({"tổ chức", "lãnh đạo"})
# Words after which a verb is a noun: "các tổ chức", "những đơn vị".
_NOUN_MARKERS = {"các", "những", "mọi", "của", "cho", "việc", "công", "tác", "và", "là"}
# The fields of one activity in a plan (kế hoạch): "- Đơn vị chủ trì: Sở Văn hóa và Thể thao",
# "- Đơn vị phối hợp: …", "- Thời gian dự kiến: ngày 11/9/2026"; the activity above is the task.
_FIELD = re.compile(
    r"(?:(?P<lead>(?:đơn vị|cơ quan)\s+(?:chủ trì|thực hiện|chịu trách nhiệm)(?:\s+thực hiện)?)"
    r"|(?P<partners>(?:đơn vị|cơ quan)\s+phối hợp(?:\s+thực hiện)?)"
    r"|(?P<time>thời gian(?:\s+[^\W\d_]+){0,3}))\s*:\s*",
    re.IGNORECASE,
)
# Any other field of an activity ("- Địa điểm: …", "- Kinh phí: …"): a short label and a colon.
_LABEL = re.compile(r"[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,4}\s*:\s")
# "Thời gian: từ ngày 11/9/2026 …": the day after "từ" is when the work starts, not its limit.
_FROM = re.compile(r"(?:từ|kể từ)\s*$", re.IGNORECASE)
# "Nơi nhận:" opens the list of copies at the foot of a document: bodies, never tasks.
_RECIPIENTS = re.compile(r"[*_]*\s*Nơi nhận\b", re.IGNORECASE)  # bold in Markdown: "**Nơi nhận:**"
# The national title, motto or party title: a paragraph holding one is the header block (whose
# columns a reader may flatten into "SỞ Y TẾ Độc lập - Tự do - Hạnh phúc"), never a task.
_HEADER_BLOCK = re.compile(
    r"Độc lập\W*Tự do|CỘNG HÒA X\w* HỘI CHỦ NGHĨA|ĐẢNG CỘNG SẢN VIỆT NAM", re.IGNORECASE
)
MAX_ASSIGNEE_WORDS = 60
# A headline stands within this many first characters of a page.
HEADLINE_REACH = 2000
MAX_HEADING_WORDS = 25


@dataclass(frozen=True)
class _Block:
    """One line of the flattened text: a list item, a heading or a paragraph."""

    start: int
    end: int
    body_start: int
    level: int | None  # list level of its marker, None for a paragraph


def flatten(text: str) -> str:
    """The text with wrapped lines joined by spaces; same length, so offsets still hold.

    A line break stays where the next line starts a list item, or where a blank line separates a
    finished sentence (or a heading) from the next; page numbers and page-break lines between two
    halves of a sentence are blanked.
    """
    original = text
    text = _NOISE_LINE.sub(lambda m: " " * len(m.group(0)), text).replace("\f", "\n")
    chars = list(text)
    for match in _LINE_BREAKS.finditer(text):
        before = text[text.rfind("\n", 0, match.start()) + 1 : match.start()].rstrip()
        after = text[match.end() : match.end() + 40]
        if not before or not after:
            continue
        blank_line = match.group(0).count("\n") > 1
        finished = before[-1] in ".;:!?"
        kind = _marker_kind(after)
        wrapped_dash = kind == "dash" and not (blank_line or finished or _marker_kind(before))
        # "… vào tháng 10 và\n11. Để chủ động …": a number the line before goes on to.
        wrapped_number = (
            kind == "number" and not blank_line and before.split()[-1].lower() in _NUMBER_LEADS
        )
        if kind and not wrapped_number and not (wrapped_dash and len(before) >= _FULL_LINE):
            continue
        if _RECIPIENTS.match(after):
            continue  # the copies list below the last paragraph, even with no blank line between
        page_turn = re.search(r"[^\s]|\f", original[match.start() : match.end()]) is not None
        if blank_line and (finished or not (after[0].islower() or page_turn)):
            continue
        if is_caps_line(before):
            continue  # a heading in capitals ("CHÍNH PHỦ", "NGHỊ QUYẾT") stays on its own line
        if _is_section_heading(before) and after[:1].isupper():
            continue  # "I. Nhiệm vụ chung" above "Ban Chỉ huy … tập trung …"
        chars[match.start() : match.end()] = " " * (match.end() - match.start())
    return "".join(chars)


def _is_section_heading(line: str) -> bool:
    """A short line under a Roman numeral: a section's title, never wrapped into a sentence."""
    marker = _MARKER.match(line)
    return bool(marker and marker.group("roman")) and len(line.split()) <= _SECTION_TITLE_WORDS


def is_caps_line(line: str) -> bool:
    """Whether a line is written in capitals (a heading, a signature title): four letters at least."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _marker_kind(line: str) -> str | None:
    match = _MARKER.match(line)
    if not match:
        return None
    return next(kind for kind, _ in _MARKERS if match.group(kind) is not None)


def _blocks(flat: str) -> list[_Block]:
    blocks = []
    for line in re.finditer(r"[^\n]+", flat):
        if not line.group(0).strip():
            continue
        kind = _marker_kind(line.group(0))
        marker = _MARKER.match(line.group(0)) if kind else None
        body_start = line.start() + (marker.end() if marker else 0)
        body_start += len(flat[body_start : line.end()]) - len(
            flat[body_start : line.end()].lstrip()
        )
        blocks.append(_Block(line.start(), line.end(), body_start, _LEVEL[kind] if kind else None))
    return blocks


def sentences(flat: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``flat[start:end]``: a stop before a capital ends one."""
    spans, position = [], start
    for match in _SENTENCE_END.finditer(flat, start, end):
        following = flat[match.end() : match.end() + 4].lstrip(' "“(')
        if not following[:1].isupper():
            continue
        spans.append((position, match.end()))
        position = match.end()
        while position < end and flat[position].isspace():
            position += 1
    if position < end:
        spans.append((position, end))
    return spans


# ---------------------------------------------------------------------------------------------
# Where a body's name ends and its action begins
# ---------------------------------------------------------------------------------------------


@cache
def _lexicon() -> dict:
    return load("tasks_verbs")


@cache
def _phrases(kind: str) -> dict[tuple[str, ...], str]:
    return {tuple(p.split()): p for p in _lexicon()[kind]}


@dataclass(frozen=True)
class _Split:
    assignee_end: int
    action_start: int
    opener: str  # the verb or modal that opens the action


def _phrase_at(
    words: list[re.Match[str]], index: int, phrases: dict[tuple[str, ...], str]
) -> str | None:
    """The lexicon phrase (longest first) that the words from ``index`` spell, if any."""
    for size in (4, 3, 2, 1):
        sequence = tuple(w.group(0) for w in words[index : index + size])
        if len(sequence) == size and sequence in phrases:
            return phrases[sequence]
    return None


def _split_subject(flat: str, start: int, end: int, asked: bool = False) -> _Split | None:
    """Where the body's name starting at ``start`` ends: before its first lower-case verb
    (``asked``: the name follows an assigning verb, and is a list of bodies).

    A verb counts from the third word of a comma-separated piece ("Sở Y tế | chủ trì"), a modal
    from the second ("Các huyện | phải"), so that "Ban chỉ đạo" stays a name; a verb after "các"
    is a noun ("các tổ chức").  The search stops at a sentence or clause end.
    """
    # A note in brackets after a body's name is part of it: "Sở NN&PTNT (Thường trực Ban Chỉ
    # huy …) chủ trì, …".
    # Only the clause read is masked: the whole text before it would be scanned at every call.
    masked = _BRACKETED.sub(lambda note: " " * len(note.group(0)), flat[start:end])
    flat = f"{flat[:start]}{masked}{flat[end:]}"
    words = list(_WORD.finditer(flat, start, end))
    verbs, modals = _phrases("verbs"), _phrases("modals")
    piece_index = 0
    # The words of a body's head are no verbs: "Ủy ban kiểm tra Huyện ủy theo dõi …"
    named_until = head_words(flat[start : start + 80])
    for index, word in enumerate(words[:MAX_ASSIGNEE_WORDS]):
        if index:
            gap = flat[words[index - 1].end() : word.start()].replace("...", "").replace("…", "")
            # A ";" parts the groups of one list of bodies ("Chánh Văn phòng …, Thủ trưởng các
            # sở; Chủ tịch UBND các huyện chịu trách nhiệm thi hành …"), else it ends a clause.
            if re.search(r"[.:()\n]", gap) or (";" in gap and not _agency_at(flat, word.start())):
                return None
            piece_index = 0 if "," in gap or ";" in gap else piece_index + 1
            # A piece opening with a verb: "…, tăng cường lực lượng" lists actions, not bodies;
            # but the bodies an assigning verb asks ("yêu cầu Giám đốc các sở, …, các chủ đầu
            # tư, triển khai …") end where it opens the action ("tổ chức" is a body there).
            verb = _phrase_at(words, index, verbs) if piece_index == 0 else None
            if verb and asked and verb in _BODY_VERBS:
                verb = None  # "yêu cầu các cấp ủy, tổ chức đảng tập trung …"
            if verb and asked and word.group(0).islower():
                return _Split(words[index - 1].end(), word.start(), verb)
            if verb:
                return None
        if word.group(0) in _lexicon()["not_in_assignee"]:
            return None
        if not word.group(0).islower() or (
            index and words[index - 1].group(0).lower() in _NOUN_MARKERS
        ):
            continue
        if index and f"{words[index - 1].group(0)} {word.group(0)}" in _lexicon()["name_compounds"]:
            continue
        if index < named_until:
            continue
        modal, verb = _phrase_at(words, index, modals), _phrase_at(words, index, verbs)
        opener = (modal if piece_index >= 1 else None) or (verb if piece_index >= 2 else None)
        if opener:
            assignee_end = words[index - 1].end() if index else start
            return _Split(assignee_end, word.start(), opener)
    return None


def _agency_at(flat: str, position: int) -> bool:
    rest = flat[position : position + 80]
    rest = rest[_COUNT_PREFIX.match(rest).end() :] if _COUNT_PREFIX.match(rest) else rest
    return starts_with_agency(rest) and not _TOPIC_OPENING.match(rest)


@cache
def _trigger_pattern() -> re.Pattern[str]:
    """The assigning verbs; "giao" not in a compound ("giao ban", "giao thông"), nor in the name
    "Bộ Ngoại giao"; "Ban" of a body's name is capitalised, so compounds are matched by case."""
    compounds = "|".join(re.escape(w) for w in _lexicon()["not_after_giao"])
    triggers = sorted(set(_lexicon()["triggers"]), key=len, reverse=True)
    alternatives = "|".join(
        rf"giao(?!\s(?-i:{compounds})\b)" if t == "giao" else re.escape(t) for t in triggers
    )
    return re.compile(rf"(?<!\w)(?<!ngoại )(?:{alternatives})(?!\w)[\s:]*", re.IGNORECASE)


@cache
def _connector_pattern() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(c) for c in _lexicon()["connectors"])
    return re.compile(rf"(?:{alternatives})\s*,?\s*", re.IGNORECASE)


# ---------------------------------------------------------------------------------------------
# Deadlines
# ---------------------------------------------------------------------------------------------

# "trước 17h ngày 10/12", "đến ngày 15/12", "chậm nhất ngày 20/10/2021": a limit before a date.
_DEADLINE_LEAD = re.compile(
    r"(?<!\w)(?:trước|đến|chậm nhất(?: là)?|hạn chót|không quá|muộn nhất|xong trong|hoàn thành trong|trong)"
    r"(?:\s+(?:là|hết|thời điểm))?\s+",
    re.IGNORECASE,
)
# "trong tháng 3 năm 2020", "trước tháng 9/2021", "hết tháng 5": a month-level limit.
_DEADLINE_MONTH = re.compile(
    r"(?<!\w)(?P<lead>trong|trước|hết|cuối|đến hết|chậm nhất trong)\s+tháng\s+(?P<m>\d{1,2})"
    r"(?:\s*(?:/|-|\s+năm\s+)(?P<y>\d{4}))?(?![\d/])",
    re.IGNORECASE,
)
# "trong Quý I năm 2021", "trong quý 3 năm 2020"; the year is required, so that a period
# ("trong Quý I và Quý II năm 2020") is not read as a limit.
_DEADLINE_QUARTER = re.compile(
    r"(?<!\w)(?P<lead>trong|trước|hết)\s+quý\s+(?P<q>IV|I{1,3}|[1-4])\s*(?:/|năm)\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_SENTENCE_STOP = re.compile(r"\.(?=\s|$)")
# A short date more than this before the document's own date belongs to the next year.
_YEAR_ROLLOVER = timedelta(days=60)


@dataclass(frozen=True)
class Deadline:
    value: str | None  # ISO date or date-time
    kind: str | None
    start: int = -1  # offset of the deadline phrase in the text it was read from


def _roll(value: date, document_date: date | None) -> date:
    if document_date and value < document_date - _YEAR_ROLLOVER:
        try:
            return value.replace(year=value.year + 1)
        except ValueError:
            return value
    return value


def _date_deadlines(text: str, year: int | None, document_date: date | None) -> list[Deadline]:
    found = []
    for lead in _DEADLINE_LEAD.finditer(text):
        # A full stop after a short date ends the sentence ("ngày 12/9."): blanked, so that the
        # shared pattern, which refuses "12/9.2021"-like runs, reads the date.
        tail = _SENTENCE_STOP.sub(" ", text[lead.end() : lead.end() + 60])
        time_match = TIME.match(tail)
        offset = time_match.end() if time_match else 0
        dates = find_dates(tail[offset:], year)
        if not dates or dates[0].start > 6 or dates[0].value is None:
            continue
        value = dates[0].value
        explicit_year = re.search(r"\d{4}", dates[0].text) is not None
        if not explicit_year:
            value = _roll(value, document_date)
        if time_match:
            hour, minute = int(time_match.group("h")), int(time_match.group("m") or 0)
            found.append(
                Deadline(
                    iso(datetime(value.year, value.month, value.day, hour, minute)),
                    None,
                    lead.start(),
                )
            )
        else:
            found.append(Deadline(iso(value), None, lead.start()))
    return found


def _period_deadlines(text: str, year: int | None) -> list[Deadline]:
    found = []
    for match in _DEADLINE_MONTH.finditer(text):
        month, in_year = int(match.group("m")), int(match.group("y")) if match.group("y") else year
        if not in_year or not 1 <= month <= 12:
            continue
        if match.group("lead").lower() == "trước":
            month, in_year = (month - 1, in_year) if month > 1 else (12, in_year - 1)
        found.append(Deadline(iso(last_day(in_year, month)), "trong tháng", match.start()))
    for match in _DEADLINE_QUARTER.finditer(text):
        quarter, in_year = _QUARTERS[match.group("q").upper()], int(match.group("y"))
        if match.group("lead").lower() == "trước":
            quarter, in_year = (quarter - 1, in_year) if quarter > 1 else (4, in_year - 1)
        found.append(Deadline(iso(last_day(in_year, quarter * 3)), "trong quý", match.start()))
    return found


@cache
def _kind_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (k["kind"], re.compile(k["pattern"], re.IGNORECASE))
        for k in load("deadline_kinds")["kinds"]
    )


def find_deadlines(
    text: str, year: int | None, document_date: date | None = None
) -> list[Deadline]:
    """Every deadline with a date in ``text``, in order of appearance."""
    found = _date_deadlines(text, year, document_date) + _period_deadlines(text, year)
    if document_date:  # "đã nộp … trước ngày 01 tháng 3 năm 2020": a condition in the past
        found = [d for d in found if d.value and d.value[:10] >= document_date.isoformat()]
    return sorted(found, key=lambda d: d.start)


def deadline_of(text: str, year: int | None, document_date: date | None = None) -> Deadline:
    """The deadline of one task's action: its first dated limit, else the kind of limit it names."""
    dated = find_deadlines(text, year, document_date)
    if dated:
        return dated[0]
    for kind, pattern in _kind_patterns():
        if pattern.search(text):
            return Deadline(None, kind)
    return Deadline(None, None)


# ---------------------------------------------------------------------------------------------
# The document's own date and kind
# ---------------------------------------------------------------------------------------------

# The date of a document is on page 1; a news article's date line comes under its title.
_DATE_SEARCH_WINDOW = 1500
_REPORT_TITLE = re.compile(r"^\s*BÁO CÁO\s*$", re.MULTILINE)


def document_date(text: str, header: Header) -> tuple[int | None, date | None]:
    """``(year, date)`` the short dates of ``text`` are read against.

    The header's date when it has one; else the first date on page 1 of the header's year (a
    news article's date line, a report whose day was left blank).
    """
    if header.issued_date:
        issued = date.fromisoformat(header.issued_date)
        return issued.year, issued
    for mention in find_dates(text[:_DATE_SEARCH_WINDOW]):
        if mention.value and mention.value.year == (header.year or mention.value.year):
            return mention.value.year, mention.value
    return header.year, None


def _is_report(text: str, header: Header) -> bool:
    if header.doc_type:
        return header.doc_type == "báo cáo"
    return bool(_REPORT_TITLE.search(text[:_DATE_SEARCH_WINDOW]))


# ---------------------------------------------------------------------------------------------
# Assembling tasks
# ---------------------------------------------------------------------------------------------


# Keys of an assignee and the issuer this alike name one body (an OCR slip or two apart).
SAME_ISSUER = 90
# "./." closes the body of a document: what follows is the signature block or the copies.
_END_OF_BODY = "./."


def _clean(text: str) -> str:
    text = text.split(_END_OF_BODY)[0]
    return " ".join(text.split()).strip(" ,;:-").removesuffix("/.").removesuffix("./").strip()


# A task assigned to a named person: "đồng chí Trương Đăng Khoa", "ông …".
PERSON_HONORIFIC = re.compile(r"(?:đồng chí|đ/c|ông|bà)\s+", re.IGNORECASE)


def _person_assignee(assignee: str) -> str:
    """ "đồng chí Trương Đăng Khoa, Ủy viên …" → "đồng chí Trương Đăng Khoa" (titles dropped)."""
    if PERSON_HONORIFIC.match(assignee):
        return assignee.split(",")[0].strip()
    return assignee


# "phối hợp với Bộ Tài chính và các cơ quan liên quan", "phối hợp với các Bộ: Xây dựng, Tư pháp".
_CO_OPERATORS = re.compile(
    r"phối hợp (?:chặt chẽ )?với\s+(?P<ministries>các Bộ\s*:\s*)?(?P<list>[^;.()]+)"
)


def _co_assignees(action: str) -> tuple[str, ...]:
    """Bodies named after "phối hợp với", up to the verb of the action."""
    match = _CO_OPERATORS.search(action)
    if not match:
        return ()
    listing = match.group("list")
    split = _split_subject(listing, 0, len(listing))
    listing = listing[: split.assignee_end] if split else listing
    return split_bodies(listing, ministries=bool(match.group("ministries")))


def split_bodies(listing: str, ministries: bool = False) -> tuple[str, ...]:
    """The bodies of a list: "Bộ Tài chính, Bộ Tư pháp và các cơ quan liên quan" → three.

    Commas, ";" and "và" separate bodies, except inside a name ("Bộ Văn hóa, Thể thao và Du
    lịch"): a capitalised part that does not open like a body's name continues the one before.
    After "các Bộ:" each comma-separated part is a ministry's name without its "Bộ".
    """
    parts = re.split(r"(\s*[,;]\s*|\s+và\s+)", _clean(listing).rstrip("."))
    bodies: list[str] = []
    for separator, part in zip(["", *parts[1::2]], parts[::2], strict=True):
        part, joint = part.strip(), separator.strip()
        if not part:
            continue
        if ministries and joint in ("", ",") and not starts_with_agency(part):
            bodies.append(f"Bộ {part}")
        elif bodies and part[0].isupper() and not starts_with_agency(part):
            bodies[-1] += f"{joint} {part}" if joint in ",;" else f" {joint} {part}"
        else:
            bodies.append(part)
    return tuple(b for b in bodies if len(b.split()) <= 12)


@dataclass
class _Activity:
    """An activity heading of a plan and the fields listed under it."""

    start: int
    end: int
    level: int
    lead: str | None = None
    partners: tuple[str, ...] = ()
    when: str | None = None


class _Collector:
    """The tasks of one document, built from spans of its flattened text."""

    def __init__(self, flat: str, year: int | None, issued: date | None) -> None:
        self.flat, self.year, self.issued = flat, year, issued
        self.tasks: list[Task] = []

    def add(self, assignee: str, action_start: int, action_end: int) -> None:
        """One task, or one per part when the action sets several dated limits."""
        action_text = self.flat[action_start:action_end]
        parts = [(action_start, action_end)]
        if len({d.value for d in find_deadlines(action_text, self.year, self.issued)}) >= 2:
            parts, position = [], action_start
            for separator in re.finditer(r"[;:]", action_text):
                parts.append((position, action_start + separator.start()))
                position = action_start + separator.end()
            parts.append((position, action_end))
        for start, end in parts:
            raw = self.flat[start:end]
            connector = _connector_pattern().match(raw.lstrip())
            if connector:
                start += len(raw) - len(raw.lstrip()) + connector.end()
            action = _clean(self.flat[start:end])
            if len(action.split()) < 2:
                continue
            deadline = deadline_of(action, self.year, self.issued)
            self.tasks.append(
                Task(
                    start=start,
                    end=end,
                    assignee=_person_assignee(_clean(assignee)),
                    action=action,
                    deadline=deadline.value,
                    deadline_kind=deadline.kind,
                    co_assignees=_co_assignees(action),
                )
            )

    def add_activity(self, activity: _Activity) -> None:
        """A plan's activity: its lead body, partners and the date its "Thời gian" field gives."""
        deadline = deadline_of(activity.when or "", self.year, self.issued)
        if activity.when and deadline.value is None:
            dates = [
                d
                for d in find_dates(activity.when, self.year)
                if d.value and not _FROM.search(activity.when[: d.start])
            ]
            if len(dates) == 1:
                deadline = Deadline(iso(dates[0].value), None)
        self.tasks.append(
            Task(
                start=activity.start,
                end=activity.end,
                assignee=_clean(activity.lead or ""),
                action=_clean(self.flat[activity.start : activity.end]),
                deadline=deadline.value,
                deadline_kind=deadline.kind,
                co_assignees=activity.partners,
            )
        )


def _clause_end(flat: str, start: int, end: int) -> int:
    """The end of an action: its sentence, cut before a ";" that opens another body's clause."""
    for separator in re.finditer(r";\s*", flat[start:end]):
        position = start + separator.end()
        if _agency_at(flat, position) and _split_subject(flat, position, end):
            return start + separator.start()
    return end


@dataclass(frozen=True)
class _Found:
    """A task found in a sentence, before it is stored."""

    clause_start: int  # where the assigning verb or the subject opens the clause
    assignee_start: int
    split: _Split
    action_end: int


def _assigning_verbs(flat: str, start: int, end: int) -> list[re.Match[str]]:
    """Assigning verbs in ``flat[start:end]``, not the same words inside a name ("Ban Chỉ đạo")."""
    verbs = []
    for trigger in _trigger_pattern().finditer(flat, start, end):
        before = flat[start : trigger.start()].rstrip()
        at_clause_start = not before or before[-1] in ".;:,"
        if trigger.group(0)[0].isupper() and not at_clause_start:
            continue
        if flat[max(0, trigger.start() - 4) : trigger.start()].lower().endswith("ban "):
            continue
        verbs.append(trigger)
    return verbs


@cache
def _adverb_pattern() -> re.Pattern[str]:
    adverbs = sorted(_lexicon()["adverbs_after_trigger"], key=len, reverse=True)
    return re.compile(
        rf"\s*(?:{'|'.join(re.escape(a) for a in adverbs)})(?!\w)[\s,]*", re.IGNORECASE
    )


def _trigger_candidates(flat: str, start: int, end: int) -> list[_Found]:
    """Tasks after an assigning verb ("giao / yêu cầu / đề nghị / chỉ đạo X …") in one sentence."""
    found = []
    for trigger in _assigning_verbs(flat, start, end):
        assignee_start = _bodies_start(flat, trigger)
        if assignee_start >= end or not _agency_at(flat, assignee_start):
            continue
        split = _split_subject(flat, assignee_start, end, asked=True)
        if split is None or _reports_a_fact(flat, split):
            continue
        found.append(
            _Found(
                trigger.start(), assignee_start, split, _clause_end(flat, split.action_start, end)
            )
        )
    return found


def _assigns_onward(flat: str, split: _Split) -> bool:
    """Whether a modal that puts no duty on the body before it ("cũng", "đã") opens the action
    and an assigning verb with its bodies follows it."""
    lexicon = _lexicon()
    if split.opener not in lexicon["modals"] or split.opener in lexicon["obliging_modals"]:
        return False
    trigger = _trigger_pattern().match(flat, _after_opener(flat, split))
    return trigger is not None and _agency_at(flat, _bodies_start(flat, trigger))


def _bodies_start(flat: str, trigger: re.Match[str]) -> int:
    """Where the bodies an assigning verb asks begin, past a word of time or "cho" before them
    ("yêu cầu trước mắt các cấp ủy …", "giao nhiệm vụ cho Ban Tuyên giáo …")."""
    adverb = _adverb_pattern().match(flat, trigger.end())
    return adverb.end() if adverb else trigger.end()


def _after_opener(flat: str, split: _Split) -> int:
    """Where the word after the action's opening modal begins ("cũng | giao", "cũng | đã")."""
    return _BLANKS.match(flat, split.action_start + len(split.opener)).end()


def _reports_a_fact(flat: str, split: _Split) -> bool:
    """Whether the verb after the body tells what was done or is so ("đã", "đang", "có"), also
    after "cũng" ("Tỉnh cũng đã khởi công …"), rather than what is to be done."""
    statement = _lexicon()["statement_markers"]
    if split.opener in statement:
        return True
    following = _WORD.match(flat, _after_opener(flat, split))
    return split.opener == "cũng" and bool(following) and following.group(0).lower() in statement


def _clause_starts(flat: str, start: int, end: int) -> list[tuple[int, bool]]:
    """Where a clause may open in a sentence, and whether it follows a comma only."""
    starts = [(start, False)]
    for separator in re.finditer(r"[;:]\s*|,\s+", flat[start:end]):
        starts.append((start + separator.end(), separator.group(0).startswith(",")))
    result = []
    for position, after_comma in starts:
        connector = _connector_pattern().match(flat, position)
        if connector and connector.end() < end:
            result.append((connector.end(), False))
        else:
            result.append((position, after_comma))
    return result


def _subject_candidates(flat: str, start: int, end: int, taken: list[_Found]) -> list[_Found]:
    """Clauses "body + verb …" in one sentence of a directive.

    A clause after a bare comma counts only with "cần" or "phải" ("Khi có dịch, các nhà trường
    cần …"); a clause opening inside an assignee already found is part of it.  A subject whose
    verb is an assigning verb with no body after it ("Các huyện ủy chỉ đạo rà soát …") is a task.
    """
    found: list[_Found] = []
    covered = [(f.assignee_start, f.split.action_start) for f in taken]
    for position, after_comma in _clause_starts(flat, start, end):
        if topic := _TOPIC_BODY.match(flat, position):
            # "Đối với các chi bộ … sẽ tiến hành đại hội …": with no comma after the bodies,
            # the topic is the subject of the modal that follows.
            split = _split_subject(flat, topic.end(), end)
            named = split and "," not in flat[topic.end() : split.assignee_end]
            if named and split.opener in _lexicon()["modals"] and _agency_at(flat, topic.end()):
                position = topic.end()
        if any(a <= position < b for a, b in covered) or not _agency_at(flat, position):
            continue
        if flat.startswith(tuple(_BODY_VERBS), position):
            continue  # "…; lãnh đạo triển khai …": in lower case, the verb going on with the task
        split = _split_subject(flat, position, end)
        if split is None or _reports_a_fact(flat, split):
            continue
        if split.opener in _lexicon()["requesting"]:
            continue  # "Ban Thường vụ Tỉnh ủy yêu cầu tạm dừng …": who asks, not who is asked
        if split.opener in _lexicon()["triggers"]:
            after = _trigger_pattern().match(flat, split.action_start)
            if after is None or _agency_at(flat, after.end()):
                continue
        elif _assigns_onward(flat, split):
            continue  # "Đồng chí … cũng giao nhiệm vụ cho Ban Tuyên giáo …": who assigns
        if after_comma and split.opener not in ("cần", "phải"):
            continue
        action_end = _clause_end(flat, split.action_start, end)
        if flat[:position].rstrip().endswith(";"):  # a clause between two ";" ends at the next
            semicolon = flat.find(";", split.action_start, action_end)
            action_end = semicolon if semicolon >= 0 else action_end
        found.append(_Found(position, position, split, action_end))
        covered.append((position, split.action_start))
    return found


def _sentence_tasks(
    collector: _Collector, flat: str, start: int, end: int, report: bool, owned: bool
) -> bool:
    """Store the tasks of one sentence; returns whether one opens the sentence itself.

    An assigning verb inside another task's action ("Ngành giáo dục cần chỉ đạo các cơ sở …",
    "giao Ban cán sự đảng chỉ đạo các sở …") is that task's own business, not a second task; so is
    one opening an item under a body's
    heading (``owned``: "b) Bộ Tài chính" then "- Chỉ đạo cơ quan thuế …").
    """
    triggers = [
        t for t in _trigger_candidates(flat, start, end) if not (owned and t.clause_start == start)
    ]
    subjects = [] if report else _subject_candidates(flat, start, end, triggers)
    kept: list[_Found] = []
    for found in sorted(subjects + triggers, key=lambda f: f.clause_start):
        if not any(k.split.action_start <= found.clause_start < k.action_end for k in kept):
            kept.append(found)
    for found in kept:
        assignee = flat[found.assignee_start : found.split.assignee_end]
        collector.add(assignee, found.split.action_start, found.action_end)
    return any(f.clause_start == start for f in kept)


def _heading(flat: str, block: _Block) -> tuple[str, int | None] | None:
    """A body named by a list heading: ``(assignee, start of an inline action or None)``."""
    body = flat[block.body_start : block.end]
    head, colon, rest = body.partition(":")
    if not colon:
        head = _GLUED_PAGE_NUMBER.sub("", body.rstrip(" ."))
    if not 2 <= len(head.split()) <= MAX_HEADING_WORDS or not _agency_at(flat, block.body_start):
        return None
    if is_caps_line(head):  # "III. CƠ QUAN CHỈ ĐẠO VÀ TỔ CHỨC THỰC HIỆN": a section title
        return None
    if _split_subject(flat, block.body_start, block.body_start + len(head)):
        return None
    if colon and _continues_name(rest):  # "UBND các phường: Ba Đình, Hoàn Kiếm, …"
        return body.strip().rstrip("."), None
    inline = block.body_start + len(head) + 1 if colon and rest.strip() else None
    return head.strip(), inline


def _umbrella(flat: str, block: _Block) -> str | None:
    """The body a paragraph assigns the list below it to: "… đề nghị các Sở, ban, ngành:"."""
    text = flat[block.body_start : block.end].rstrip()
    if not text.endswith(":"):
        return None
    for trigger in _assigning_verbs(flat, block.body_start, block.end):
        assignee = flat[trigger.end() : block.body_start + len(text) - 1].strip()
        if (
            assignee
            and len(assignee.split()) <= MAX_HEADING_WORDS
            and "(" not in assignee
            and _agency_at(flat, trigger.end())
            and not _split_subject(flat, trigger.end(), block.body_start + len(text))
        ):
            return assignee
    return None


# An action whose only object is the list below: "… thực hiện một số công việc sau:", "tập trung
# triển khai đồng bộ, có hiệu quả một số nhiệm vụ:" (not "… việc lập kế hoạch, với các nội dung
# sau:", whose object comes first), in at most _INTRODUCTION_WORDS words.
_LIST_INTRODUCTION = re.compile(
    r"(?<!với )(?<!theo )(?<!gồm )(?:một số|các|những) (?:công việc|nội dung|nhiệm vụ|việc|biện"
    r" pháp|giải pháp)(?: (?:chủ yếu|trọng tâm|cụ thể|chính))?(?: (?:như )?sau(?: đây)?)?:?$",
    re.IGNORECASE,
)
_INTRODUCTION_WORDS = 16


def _introduces_list(
    tasks: list[Task], first: int, flat: str, block: _Block, header: Header
) -> str | None:
    """The body of a paragraph's last task when the paragraph ends with a colon, so that the
    items below are its tasks ("Ban Chỉ huy …, Chủ tịch UBND các huyện tập trung thực hiện một
    số công việc sau:" then "- Khẩn trương …"); a task whose action only announces the items is
    dropped, one with work of its own ("chủ động ứng phó với cơn bão:") stays.  Only the items
    that open with work to do are its tasks (:func:`_opens_with_verb`)."""
    if not flat[block.body_start : block.end].rstrip().endswith(":") or len(tasks) == first:
        return None
    last = tasks[-1]
    if last.end < block.end - 2 or _issues_itself(last, header):
        return None
    if len(last.action.split()) <= _INTRODUCTION_WORDS and _LIST_INTRODUCTION.search(last.action):
        tasks.pop()
    return last.assignee


def _opens_with_verb(flat: str, block: _Block) -> bool:
    """Whether a list item opens with work to do ("Khẩn trương …", "Theo dõi …"), not with a
    topic ("Về xét nghiệm: …", "Việc triển khai …")."""
    words = [
        re.match(r"\S+", w.group(0).lower())
        for w in _WORD.finditer(flat, block.body_start, block.end)
    ]
    return bool(words) and _phrase_at(words, 0, _phrases("verbs")) is not None


def _is_label(flat: str, position: int) -> bool:
    """A "Label: value" field line whose label is not a body's name ("Địa điểm: …")."""
    return bool(_LABEL.match(flat, position)) and not _agency_at(flat, position)


def _continues_name(rest: str) -> bool:
    """Whether the text after a heading's colon lists names rather than opening an action."""
    words = list(_WORD.finditer(rest))
    if not words or not words[0].group(0)[0].isupper():
        return False
    return (
        _phrase_at([re.match(r"\S+", w.group(0).lower()) for w in words], 0, _phrases("verbs"))
        is None
    )


def _headline_apart(flat: str, text: str, headline: str | None) -> str:
    """``flat`` with the line break after a headline put back: a headline has no full stop, so
    a line under it ("Lượt xem: 911", the lead) reads as its wrapped end."""
    at = text.find(headline, 0, HEADLINE_REACH) if headline else -1
    end = at + len(headline) if at >= 0 else -1
    if end < 0 or text[end : end + 1] != "\n":
        return flat
    return f"{flat[:end]}\n{flat[end + 1 :]}"


def extract_tasks(text: str, header: Header) -> list[Task]:
    """Every task assigned to a named body or person in ``text``."""
    flat = _headline_apart(flatten(text), text, header.subject)
    year, issued = document_date(text, header)
    report = _is_report(text, header)
    collector = _Collector(flat, year, issued)
    # (list level, body it assigns to, whether only items opening with a verb are its tasks)
    scopes: list[tuple[int, str | None, bool]] = []
    in_recipients = False
    activity: _Activity | None = None
    title = _clean(header.subject) if header.subject else None
    blocks = _blocks(flat)
    for index, block in enumerate(blocks):
        if _RECIPIENTS.match(flat, block.body_start):
            in_recipients = True
        elif block.level is None:
            in_recipients = False
        if in_recipients or _HEADER_BLOCK.search(flat, block.body_start, block.end):
            continue
        if title and _letters_of(_clean(flat[block.body_start : block.end])) == _letters_of(title):
            continue  # a headline ("UBND tỉnh có ý kiến về …") names the news, it assigns nothing
        level = block.level if block.level is not None else -1
        field = _FIELD.match(flat, block.body_start)
        if activity and level > activity.level and (field or _is_label(flat, block.body_start)):
            value = _clean(flat[field.end() : block.end]) if field else ""
            if field and field.group("lead") and not activity.lead:
                activity.lead = value.rstrip(".")
            elif field and field.group("partners"):
                activity.partners = split_bodies(value)
            elif field and field.group("time"):
                activity.when = value
            continue
        if field:
            continue  # a plan's field with no activity above it ("3. Đơn vị chủ trì: …")
        if activity and activity.lead:
            collector.add_activity(activity)
        activity = None
        if block.level is not None and not is_caps_line(flat[block.body_start : block.end]):
            activity = _Activity(block.body_start, block.end, level)
        while scopes and scopes[-1][0] >= level:
            scopes.pop()
        heading = None if report else _heading(flat, block)
        if heading and block.level is not None:
            assignee, inline = heading
            if inline is not None:
                collector.add(assignee, inline, block.end)
            scopes.append((level, assignee, False))
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        leaf = following is None or following.level is None or following.level <= level
        leaf = leaf and not is_caps_line(flat[block.body_start : block.end])
        scope = next((s for s in reversed(scopes) if s[1]), None)
        owner = (
            scope[1]
            if scope
            and block.level is not None
            and leaf
            and not (scope[2] and not _opens_with_verb(flat, block))
            else None
        )
        opened_at_start = False
        found_before = len(collector.tasks)
        for sentence_start, sentence_end in sentences(flat, block.body_start, block.end):
            owned = owner is not None and sentence_start == block.body_start
            opened = _sentence_tasks(collector, flat, sentence_start, sentence_end, report, owned)
            opened_at_start = opened_at_start or (opened and sentence_start == block.body_start)
        if owner and not opened_at_start:
            collector.add(owner, block.body_start, block.end)
        if block.level is not None:
            scopes.append((level, None, False))
        elif umbrella := _umbrella(flat, block):
            scopes.append((level, umbrella, False))
        elif introduced := _introduces_list(collector.tasks, found_before, flat, block, header):
            scopes.append((level, introduced, True))
    if activity and activity.lead:
        collector.add_activity(activity)
    tasks = [
        task
        for task in collector.tasks
        if not (
            _issues_itself(task, header)
            or _presides(task.action)
            or _tells_an_issuing(task)
            or _LISTED_BELOW.search(task.assignee)
            or _CITES_IN_NAME.search(task.assignee)
        )
    ]
    return _report_deadlines(sorted(tasks, key=lambda t: t.start), flat, year)


# "Báo cáo gửi về Bộ Giáo dục và Đào tạo trước ngày 03/06/2010": when the reports asked above it,
# within this many characters, are due, said on a line of its own.
REPORT_DUE_REACH = 1500
_REPORTS_DUE = re.compile(
    r"(?:^|\n)[ \t]*(?:Báo cáo|Văn bản báo cáo|Kết quả)[^.\n]{0,120}?"
    r"(?:trước|chậm nhất|không quá)(?: ngày)?\s+(?P<date>[^\n]{4,40})",
    re.IGNORECASE,
)


def _report_deadlines(tasks: list[Task], flat: str, year: int | None) -> list[Task]:
    """Tasks to report with no date of their own take the date their reports are due by, when
    a line below them says it."""
    for due in _REPORTS_DUE.finditer(flat):
        dated = next((m.value for m in find_dates(due.group("date"), year) if m.value), None)
        if dated is None:
            continue
        tasks = [
            replace(task, deadline=iso(dated))
            if 0 < due.start() - task.start <= REPORT_DUE_REACH
            and task.deadline is None
            and "báo cáo" in task.action.lower()
            else task
            for task in tasks
        ]
    return tasks


_BLANKS = re.compile(r"\s*")
_TOPIC_BODY = re.compile(r"Đối với\s+", re.IGNORECASE)
_BRACKETED = re.compile(r"\([^().\n]{1,120}\)")
# "Tổng cục Thuế có công văn số 3909/TCT-DNL ngày 31/10/2011 hướng dẫn …": a body's name holds
# no document number; the sentence tells what the body did.
_CITES_IN_NAME = re.compile(r"\bsố\s+\d+\s*/")
# "Các cơ quan, đơn vị sau đây chịu trách nhiệm …": the bodies are the items listed below.
_LISTED_BELOW = re.compile(r"\bsau đây$", re.IGNORECASE)


def _letters_of(text: str) -> str:
    """A headline's letters and digits, whatever spaces and dashes a caption repeating it has
    ("kinh tế - xã hội", "kinh tế-xã hội")."""
    return re.sub(r"[\W_]+", "", text.lower())


@cache
def _issuing_numbered() -> re.Pattern[str]:
    types = "|".join(re.escape(name) for name in sorted(doc_type_names(), key=len, reverse=True))
    return re.compile(rf"(?:(?:đã|vừa|mới)\s+)?ban hành\s+(?:{types})\s+số\b", re.IGNORECASE)


def _tells_an_issuing(task: Task) -> bool:
    """Whether an action tells that a body issued a numbered document ("Chính phủ ban hành
    Nghị quyết số 86/NQ-CP ngày 4/11/2025 về …"): news of the document, not a task."""
    return _issuing_numbered().match(task.action) is not None


def _presides(action: str) -> bool:
    """Whether an action is chairing a meeting ("chủ trì cuộc họp đã thông qua …"): told by a
    news item, assigned to nobody."""
    return action.lower().startswith(tuple(_lexicon()["presiding"]))


# The issuer introducing what the document itself says: "… với các nội dung cụ thể như sau:".
_INTRODUCES_ITSELF = re.compile(r"\bnhư sau\s*:?$")


def _issues_itself(task: Task, header: Header) -> bool:
    """Whether a task is the document saying that its issuer issues it ("Ủy ban nhân dân tỉnh
    ban hành Kế hoạch triển khai thực hiện như sau": the issuer, "ban hành" and the document's
    own type; "Ủy ban Kiểm tra Trung ương hướng dẫn …" in a Hướng dẫn), acts by it ("Bộ Giáo
    dục và Đào tạo hướng dẫn các Sở …" in its công văn) or introduces its own content ("Ủy ban
    nhân dân tỉnh xây dựng kịch bản tăng trưởng … với các nội dung cụ thể như sau:")."""
    if not (header.doc_type and header.issuer):
        return False
    action = task.action.lower()
    if not (
        action.startswith((f"ban hành {header.doc_type}", f"{header.doc_type} "))
        or action.startswith(tuple(f"{act} " for act in _lexicon()["own_acts"]))
        or _INTRODUCES_ITSELF.search(action)
    ):
        return False
    assignee, issuer = agency_key(task.assignee), agency_key(header.issuer)
    if not (assignee and issuer):
        return False
    # "UBND tỉnh" for "Ủy ban nhân dân tỉnh Quảng Nam"; "Thủ tướng Chính phi" as OCR read it;
    # "Ủy ban Kiểm tra Trung ương" for "Ủy ban Kiểm tra Ban Chấp hành Trung ương".
    return (
        issuer.startswith(assignee)
        or fuzz.ratio(assignee, issuer) >= SAME_ISSUER
        or set(assignee.split()) <= set(issuer.split())
    )
