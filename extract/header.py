"""Page 1 and the signature block: type, number, issuer, place and date, subject, urgency,
recipients and signer of one document.

The header of a Vietnamese official document is a fixed layout (Nghị định 30/2020/NĐ-CP Phụ lục I;
Hướng dẫn 36-HD/VPTW for Party documents): two columns (issuing body | national title, number |
place and date), the type heading and its subject or a ``V/v`` line, urgency marks, ``Kính gửi``,
and at the end a signature block beside ``Nơi nhận``.  Text extraction flattens or interleaves the
columns and OCR damages letters, so every rule here works on one line (or one segment of a line),
compares folded text (no diacritics) where OCR loses accents, and answers None rather than a guess
when a field is unreadable.  Documents without a header block (press articles, reports converted
without their first table) fall back on what the body says ("Ủy ban nhân dân huyện X báo cáo").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from rapidfuzz import fuzz

from extract.agencies import provinces
from extract.dates import find_dates
from extract.lexicon import doc_type_by_abbr, doc_type_names, load
from extract.model import Header, Signer
from ingest.diacritics import untangle_marks
from ingest.normalize import fold

# How far page 1 reaches: the header never needs more lines than this.
HEAD_MAX_LINES = 60
# A line this long is a body paragraph (unwrapped text), never part of the header.
PROSE_LENGTH = 220
# Double spacing is judged on this many first characters, with at least this many lines, when
# this share of them has a blank line above.
SPACING_SAMPLE, SPACING_MIN_LINES, DOUBLE_SPACED_SHARE = 3000, 6, 0.8
# A news page's widgets above the lead: an audio player's time ("0:00 / 0:00") and the bulleted
# choices of its voices ("• Nữ miền Bắc").
_PAGE_WIDGET = re.compile(r"\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?$|[•·▪]\s")
# What a type heading may go on with that is not its subject: who issues it.
_ISSUED_BY = re.compile(r"(?:CỦA|của)\s")
# A page number a document-sharing site puts before the text of each page: "1. ", "2. ".
_FOLIO = re.compile(r"\s*\d{1,3}\.\s+(?=[^\W\d_])")
# A header flattened into one line has its number and date within this many characters, and
# at most this many lines (a web page's navigation, a document-sharing site's notices) above it.
FLATTENED_HEADER_REACH, FLATTENED_HEADER_LINES = 600, 20
# The signature block sits this many lines around "Nơi nhận" (either column may come first).
SIGNATURE_BEFORE, SIGNATURE_AFTER = 12, 60
# Without "Nơi nhận" the block is looked for in this many last lines of the main text.
SIGNATURE_TAIL = 40
# Fuzzy thresholds on folded text: the national title, motto and titles survive OCR at this score.
TITLE_LINE_MIN = 85
SIGNER_TITLE_MIN = 85

# "Số:", OCR "Sô:", "SỐ", "sốl" (a colon read as l); Party documents write "Số 215-QĐ/TU".
# A lower-case "số" counts only opening a line and with its colon: elsewhere it cites another
# document ("Công điện số 1102", a wrapped line "số 28/2021/QĐ-TTg ngày …").
_SO = "[ốôoóồổỗộỐÔOỒỔ]"
_NUMBER_LABEL = re.compile(
    rf"(?<![^\W\d_])S{_SO}(?:\s*[:;.|]|l(?=\s)|(?=\s*\d))|^[\W_]*s{_SO}(?:\s*[:;.|]|l(?=\s))"
)
# OCR sometimes spaces the digits apart ("4 806").
_DIGITS = r"\d(?:\s?\d)*"
# The Vietnamese capitals a symbol may use: Party codes keep their marks ("445-KL/TƯ").
_CAPITALS = "A-ZÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ" + "".join(
    chr(point) for point in range(0x1EA0, 0x1EFA) if chr(point).isupper()
)
# A symbol part: QĐ, TTg, UBND, KGVX, UBTVQH15 (upper-case first, then letters and digits),
# PTTH&TTĐT (two units joined by "&").
_CODE = rf"[{_CAPITALS}][{_CAPITALS}a-zđ0-9]*(?:&[{_CAPITALS}][{_CAPITALS}a-zđ0-9]*)*"
# State documents: 4806/UBND-KGVX, 28/2021/QĐ-TTg, 116/NQ-CP (spaces around / and - from OCR,
# and a dash OCR'd twice: "QĐ- -TTg"), and the older 01/1999/QĐ.UB with a dot.
_STATE_NUMBER = rf"(?P<state>{_DIGITS})\s?(?:/\s?(?P<year>\d{{4}})\s?)?/\s?(?P<symbol>{_CODE}(?:(?:\s?[-–](?:\s?[-–])?\s?|\.){_CODE})*)"
# Party documents: 215-QĐ/TU, 1789-CV/VPTW (a dash before the type code).
_PARTY_NUMBER = (
    rf"(?P<party>{_DIGITS})\s?[-–]\s?(?P<ptype>{_CODE})\s?/\s?(?P<porg>{_CODE}(?:[-–]{_CODE})*)"
)
NUMBER = re.compile(rf"\s*(?:{_PARTY_NUMBER}|{_STATE_NUMBER})")

# "Cà Mau, ngày 25 tháng 8 năm 2021".  OCR joins or garbles the day and month ("ngàyháng 3",
# "ngày 2#tháng 9", "ngày of tháng §"), so they are any short token, checked afterwards; the
# year must be whole.  Some offices write the date in figures: "Cà Mau, ngày 25/8/2021".
HEADER_DATE = re.compile(
    r",?\s*ng[aà]y\s*(?:(?P<d>\S{0,4}?)\s*t?h[aá]ng\s*(?P<m>\S{0,4}?)\s*n[aă]m\s*(?P<y>(?:19|20)\d{2})"
    r"|(?P<nd>\d{1,2})\s?[/.-]\s?(?P<nm>\d{1,2})\s?[/.-]\s?(?P<ny>(?:19|20)\d{2}))(?!\d)",
    re.IGNORECASE,
)
# A header block under a portal's own text: the number or date within this many lines below
# the national or Party title, the issuer's column within this many lines above it.
HEADER_BLOCK_BELOW, HEADER_BLOCK_ABOVE = 4, 3
# A place-and-date line wrapped by a narrow column spans at most this many lines.
PLACE_DATE_LINES = 3
# A place-and-date line cut before its year: "Lạng Sơn, ngày 13", "Quảng Nam, ngày".
UNFINISHED_DATE = re.compile(r",\s*ng[aà]y\b[^,]{0,16}$", re.IGNORECASE)
# A place word: "Cà", "Mau", "TP.", and the lower-case second word of "Thành phố", "Thị xã".
_PLACE_PREFIXES = {"TP.", "Tp.", "TP", "TX."}
_PLACE_SECOND_WORDS = {"phố": {"Thành"}, "xã": {"Thị"}, "trấn": {"Thị"}}

# Three or more words in capitals (a column line inside a flattened header).
CAPITALS_RUN = re.compile(rf"(?<!\S)(?:[{_CAPITALS}]{{2,}}\s+){{2,}}[{_CAPITALS}]{{2,}}(?!\S)")
# The full stop that ends a recipient list run into the body, not that of "TP." or "TX.".
LIST_END = re.compile(r"(?<!\b[A-Z][A-Za-z])(?<!\b[A-Z])\.(?=\s)")
# Two-word pieces of the national title that no body's name ends in.
TITLE_PAIRS = (("cong", "hoa"), ("chu", "nghia"))
# A capital that OCR split from the rest of its word at the start of a heading ("K ÉT LUẬN").
SPLIT_INITIAL = re.compile(rf"^([{_CAPITALS}]) (?=[{_CAPITALS}]{{2}})")
# The subject line of a công văn: "V/v …", OCR "VW …", "V/V".
VV = re.compile(r"^(?:V\s?[/|]\s?[vV]|VW|Vv)\b[.:]?\s*")
# "V/v" inside a line, after the number: only the exact spelling, which nothing else uses.
VV_INLINE = re.compile(r"(?<!\S)V/[vV]\s")
# A subject in quotes after a type name in a portal headline: ': “V/v …”', ' "…"'.
QUOTED_SUBJECT = re.compile(r"\s*[:\-–]?\s*[“\"«](?P<subject>[^”\"»]+)[”\"»]\s*$")
# The same subject spelled out ("Về việc …") where a công văn has no type heading.
VE_VIEC = re.compile(r"^Về việc\b")
# A byline of a press article: "(TTV) -", "(Chinhphu.vn) –", "TTXVN -", "VOV.VN -" (not a
# Roman section number "II -").
BYLINE = re.compile(
    r"^(?:\((?P<agency>[^()]{2,40})\)|(?P<acronym>(?![IVXLC]+\b)[A-ZĐ]{2,10}|[\w.]+\.(?:vn|VN)))\s*[-–—:]\s"
)
# A portal page's menu, title, byline and date line lie within this many first lines.
NEWS_HEAD_LINES = 12
# An article's prose starts at a line this long; a date line is at most this long; a
# headline has at least this many words.
NEWS_PARAGRAPH, NEWS_DATELINE_LENGTH, HEADLINE_MIN_WORDS = 160, 60, 4
# A date a sentence sets as a limit, never a page's date line: "trước ngày 15-6-2020".
DATE_AS_LIMIT = re.compile(
    r"(?<!\w)(?:trước|sau|đến|từ|chậm nhất|kể từ)(?: ngày)?\s*$", re.IGNORECASE
)
# A photo credit inside a caption: "(Ảnh: Hương Thu/TTXVN)", "Ảnh: TL", "Ảnh minh họa".
PHOTO_CREDIT = re.compile(r"(?<![^\W\d_])Ảnh(?:\s*:|\s+minh\s+họa)", re.IGNORECASE)
# A line of authors' names closed by a bar, or names in capitals joined by dashes or commas
# ("HIỀN THÚY - ĐÌNH HIỆP |"): each name has this many words at most.
BYLINE_NAME_WORDS = 4
_NAMES_SEPARATOR = re.compile(r"\s+[-–&]\s+|\s*,\s*|\s+và\s+")
# The author's name in capitals closing an article's last line: "… tiếp theo... VIẾT LONG".
CLOSING_BYLINE = re.compile(
    rf"[.!?…]\s+(?P<names>[{_CAPITALS}]{{2,}}(?:\s+[{_CAPITALS}]{{2,}}){{1,{BYLINE_NAME_WORDS - 1}}})\s*$"
)
# A report's numbered section line: "I.", "1.", "1.1", "2)", "a.".
SECTION_NUMBER = re.compile(r"^(?:(?:[IVX]+|\d+|[A-ZĐa-zđ])[.)]|\d+(?:\.\d+)+[.)]?)\s+(?=\S)")
# A report needs this many numbered sections and results weighed against a plan or period.
REPORT_MIN_SECTIONS, REPORT_MIN_MEASURES = 2, 2
# A press report narrates a document in its opening: looked for in this many first characters.
NARRATION_REACH = 1500
# A headline may be this long when no sentence punctuation ends it and prose follows.
HEADLINE_MAX_LENGTH = 250
# A portal title that names its own document ("KẾT LUẬN 127-KL/TW CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ
# VỀ …", "Quyết định số 1234/QĐ-UBND ngày 5/6/2020 của UBND tỉnh … về …"), read in folded text so
# that scrambled tone marks ("CỦÀ") still read: "số" before the number, then its date, "của"
# and the issuer, "về" and the subject.
TITLE_NUMBER_LABEL = re.compile(r"\s+so\s*[:.]?(?=\s*\d)")
TITLE_DATE = re.compile(
    r"\s*,?\s*ngay\s+\d{1,2}(?:\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\s+thang\s+\d{1,2}\s+nam\s+\d{4})"
)
TITLE_ISSUER = re.compile(r"\s*,?\s*cua\s+")
TITLE_SUBJECT = re.compile(r"(?<!\w)ve\s")
# The credit line that ends an article without a byline: "Nguồn: Báo Thanh Hóa", "Theo TTXVN".
SOURCE_CREDIT = re.compile(r"^(?:Nguồn|Theo)\s*:?\s+(?P<agency>[^\W\d_][^.;]{1,60})\.?$")
# The e-signature stamp names the signer: "Người ký: Trần Hồng Quân".
STAMP_SIGNER = re.compile(r"^[^\w\n]*+(?:Người ký|Ký bởi)\s*:\s*(?P<name>[^\n]+)$", re.MULTILINE)
# A time and date line of a portal article: "20:12 - 07/12/2021", "07/12/2021 20:12".
NEWS_DATELINE = re.compile(
    r"\d{1,2}:\d{2}\s*[-–|,]?\s*\d{1,2}([/-])\d{1,2}\1\d{4}"
    r"|\d{1,2}([/-])\d{1,2}\2\d{4}\s*[-–|,]?\s*\d{1,2}:\d{2}"
)
# The lead of a news item, dated by its day ("Ngày 2/4, dông, lốc …", "Trưa 21-11, Chủ tịch UBND
# tỉnh …", "Sáng nay, …"): where a page kept no headline, it stands for one.
NEWS_LEAD = re.compile(
    r"(?:(?:Sáng|Trưa|Chiều|Tối|Đêm|Rạng sáng|Chiều tối)\s+(?:ngày\s+)?|Ngày\s+)"
    r"(?:nay|qua|hôm qua|\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?)[^,.]{0,40},"
)
# Prose opening on the source it reports: "Theo ông Đinh Văn A, Phó Chủ tịch …,", "Theo báo
# cáo … tại kỳ họp,", "Tại cuộc họp, đồng chí …"; not "Theo đó" or "Theo đề nghị của …", which
# continue a document.
REPORTED_OPENING = re.compile(
    r"Theo (?:ông|bà|đồng chí|lãnh đạo|đại diện|báo cáo|thống kê|số liệu|ghi nhận)\b[^\n]{0,200},"
    r"|Tại (?:cuộc họp|hội nghị|buổi làm việc|kỳ họp|buổi tiếp)[^\n,]{0,80}, (?:đồng chí|ông|bà) "
)
# "Kính gửi" in folded text (OCR "Kink gửi"; "Kính gởi").
RECIPIENT_INTRO = re.compile(r"(?<![a-z])k[il]n[hk]\s*g[uo][ir]{1,2}\b\s*:?")
# The "THỦ TƯỚNG CHÍNH PHỦ điện:" line of a công điện, folded: its list is the addressees.
CABLE_INTRO = re.compile(r"(?<=\s)dien\s*:$")
# The left-column dash of a list item (OCR reads it as ~ or +).
LIST_DASH = re.compile(r"^[-–—•+~*]\s*")
# "Nơi nhận:" (OCR "Noi nhận").
RECEIVERS = re.compile(r"^\W*n[oơ]i\s*nh[aâậ]n\b", re.IGNORECASE)
# Authority prefixes of the signature block; the dotted marks need their dot (OCR: a comma).  The
# mark opens the line or its right column (after "Nơi nhận:", a quote, or a wide gap), never a
# list ("phòng: KGVX, TH, KT, ĐT").
AUTHORITY = re.compile(
    r"(?:^|[:\"'“”|+~]\s*|\s{2,})(?P<mark>T/M|K/T|T/L|T\.M|K\.T|T\.L|(?:TUQ|TM|KT|TL|Q)(?=\s*[.,]))\s*[.,]?\s*(?P<rest>[^\W\d_].*)$"
)
# An authority mark as a word of its own ("TM.", OCR "KT,", "T/M").
MARK_WORD = re.compile(r"^(?:T/M|K/T|T/L|T\.M|K\.T|T\.L|(?:TUQ|TM|KT|TL|Q)[.,])$")
# Marks a title must follow (a deputy or an acting head signs as a person, not for a body).
TITLE_MARKS = {"KT", "K/T", "K.T", "Q"}
# What a line holds besides letters once junk is gone: punctuation at its edges.
_EDGE_JUNK = re.compile(r"^[\W_]+|[\W_]+$")
_LEADING_JUNK = re.compile(r"^[\W_]+")
# A title in capitals glued to the name after it by text extraction ("PHÓ CHỦ NHIỆMVăn Trọng
# Lý"): where a run of capitals meets a capitalised word in lower case.
GLUED_NAME = re.compile(rf"(?<=[{_CAPITALS}]{{2}})(?=[{_CAPITALS}](?![{_CAPITALS}])[^\W\d_])")
# Signature notes beside or instead of the name: "(Đã ký)", "[daky]", a line "Đã ký".
_SIGNED_NOTE = re.compile(r"\((?:đã ký|ký|signed)[^)]*\)|\[[^\]]*\]|^\s*đã ký\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class _Line:
    """One non-empty, non-noise line of the text, stripped, with its offsets."""

    start: int
    end: int
    text: str
    blank_before: bool  # a blank line, rule or page break separates it from the line above
    folded: str  # the text folded character by character (offsets fit)


# --------------------------------------------------------------------------------------------
# Vocabulary


@cache
def _data() -> dict:
    return load("header")


@cache
def _phrases(key: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """``(lower-case words, canonical spelling)`` of a phrase list, longest first."""
    phrases = [(tuple(_words(p)), p) for p in _data()[key]]
    return tuple(sorted(phrases, key=lambda item: len(item[0]), reverse=True))


@cache
def _title_lookup() -> dict[str, str]:
    return {fold(title): title for title in _data()["titles"]}


@cache
def _folded_types() -> tuple[tuple[tuple[str, ...], str], ...]:
    return tuple((tuple(fold(name).split()), name) for name in doc_type_names())


@cache
def _fold_table() -> dict[int, str]:
    """Latin letters with Vietnamese marks (and capitals) to their folded letter, one for one."""
    points = [*range(ord("A"), ord("Z") + 1), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]
    return str.maketrans({point: (fold(chr(point)) or " ")[0] for point in points})


def _fold_same_length(text: str) -> str:
    """:func:`fold` character by character, so that offsets in the folded text fit the original."""
    return text.translate(_fold_table())


def _tokens(text: str) -> list[str]:
    """Folded words: for headings and titles, which OCR prints without (or with wrong) accents."""
    return [t.strip(",;:") for t in fold(text).replace("-", " ").split() if t.strip(",;:")]


def _words(text: str) -> list[str]:
    """Lower-case words without edge punctuation, one per whitespace-separated word of ``text``."""
    return [t.strip(",;:.") or t for t in text.lower().split()]


@cache
def _fold_word(word: str) -> str:
    return fold(word)


def _same_word(word: str, phrase_word: str) -> bool:
    """Equal, or equal once folded when OCR dropped every accent of ``word`` ("CUC" for "CỤC");
    a word that kept its accents must keep them right ("QUẢN" is not "quận")."""
    return word == phrase_word or (_fold_word(word) == word and _fold_word(phrase_word) == word)


def _match_phrase(words: list[str], key: str) -> tuple[int, str] | None:
    """The longest phrase of ``key`` that ``words`` start with: (its length, canonical form).

    Names of several words ("Tổng cục Thuế") are also recognised folded: OCR that misplaces an
    accent ("TONG CỤC THUÊ") cannot turn one whole name into another."""
    for phrase, canonical in _phrases(key):
        size = len(phrase)
        if len(words) < size:
            continue
        if all(map(_same_word, words, phrase)) or (
            key == "known_names"
            and size > 1
            and list(map(_fold_word, words[:size])) == list(map(_fold_word, phrase))
        ):
            return size, canonical
    return None


def _clean(text: str) -> str:
    return _EDGE_JUNK.sub("", text).strip()


def _is_upper(text: str, share: float = 0.75) -> bool:
    """Mostly capitals: a header column line, a heading or a title (OCR may lower a letter)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= share * len(letters)


def _starts_lower(text: str) -> bool:
    first = next((c for c in text if c.isalnum()), "")
    return first.islower() or first.isdigit()


# --------------------------------------------------------------------------------------------
# Lines


@cache
def _noise_markers() -> tuple[tuple[str, ...], re.Pattern[str]]:
    data = _data()
    markers = re.compile("|".join(re.escape(m) for m in data["portal_markers"]))
    return tuple(data["stamp_prefixes"]), markers


def _noise(text: str, folded: str) -> str | None:
    """What kind of non-document line this is: "stamp" (an e-signature or receipt stamp, printed
    over the page), "marker" (a portal footer, converter page break, bare page number), or None."""
    stamps, markers = _noise_markers()
    if folded.lstrip(" @|").startswith(stamps):
        return "stamp"
    if markers.search(folded) or text.isdigit() or not any(c.isalnum() for c in text):
        return "marker"
    return None


def _lines(text: str) -> list[_Line]:
    """The text's lines without noise; rules, footers and page breaks count as blank lines.  A
    whole header flattened into one line (a web page's copy) is cut back into its lines."""
    folded_text = _fold_same_length(text)
    lines: list[_Line] = []
    blank, previous_end = True, 0
    # Text with a blank line after every paragraph (a web page, some .docx conversions) shows a
    # separation by two blank lines.
    newlines_apart = 2 if _double_spaced(text) else 1
    for match in re.finditer(r"[^\n\f]+", text):
        raw = match.group(0)
        gap = text[previous_end : match.start()]
        blank = blank or gap.count("\n") > newlines_apart or "\f" in gap
        previous_end = match.end()
        cuts = _flattened_header_cuts(raw) if len(lines) < FLATTENED_HEADER_LINES else []
        for piece_start, piece_end in zip([0, *cuts], [*cuts, len(raw)], strict=True):
            piece = raw[piece_start:piece_end]
            stripped = piece.strip()
            if not stripped:
                continue
            start = match.start() + piece_start + piece.index(stripped)
            folded = folded_text[start : start + len(stripped)]
            noise = _noise(stripped, folded)
            if noise:
                # A stamp or a lone stray mark ("-", "*") does not separate; a rule or page
                # break does.
                blank = blank or (noise == "marker" and len(stripped) > 1)
                continue
            lines.append(_Line(start, start + len(stripped), stripped, blank, folded))
            blank = False
    return lines


def _double_spaced(text: str) -> bool:
    """Whether nearly every one of the first lines has a blank line above it."""
    gaps = [
        gap.count("\n")
        # a run of blank lines is read once, from its start
        for gap in re.findall(
            r"(?:^|(?<![ \t\n])[ \t]*+\n)([ \t\n]*+)(?=[^\s])", text[:SPACING_SAMPLE]
        )
    ]
    apart = sum(count >= 1 for count in gaps[1:])
    return len(gaps) > SPACING_MIN_LINES and apart >= DOUBLE_SPACED_SHARE * (len(gaps) - 1)


@cache
def _title_patterns() -> tuple[re.Pattern[str], ...]:
    """The national title, motto and Party title in folded text, any spacing or dashes."""
    data = _data()
    return tuple(
        re.compile(r"[\W_]+".join(re.findall(r"\w+", fold(data[key]))))
        for key in ("national_title", "motto", "party_title")
    )


@cache
def _flattened_pattern(kind: str) -> re.Pattern[str]:
    """Type names ("types") or the openings that end a subject ("subject_stops"), as whole
    words of folded text, for finding them inside a flattened header."""
    words = [fold(name) for name in doc_type_names()] if kind == "types" else _data()[kind]
    alternatives = "|".join(re.escape(w.strip()) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _flattened_header_cuts(line: str) -> list[int]:
    """Where a line that holds a whole header ("UBND TỈNH X CỘNG HÒA … SỞ Y TẾ Độc lập - … Số:
    12/SYT-VP Phan Rang, ngày … V/v … Kính gửi: - A; - B. Vừa qua, …") splits into the lines
    of page 1: around the titles, before the number, the place and date, the V/v line and
    "Kính gửi", around a type heading, before the first sentence after it ("Căn cứ …") and
    after the recipient list.  Empty for any other line: only a line with the
    national (or Party) title, a number and a place-and-date line among its first words is a
    header."""
    if len(line) < PROSE_LENGTH:
        return []
    window = line[:FLATTENED_HEADER_REACH]
    label = _NUMBER_LABEL.search(window)
    number = NUMBER.match(window, label.end()) if label else None
    dated = next(
        (m for m in HEADER_DATE.finditer(window) if _place_before(window[: m.start()])), None
    )
    folded = _fold_same_length(window)
    titles = [title for pattern in _title_patterns() for title in pattern.finditer(folded)]
    if not (label and number and dated and titles):
        return []
    place = _place_before(window[: dated.start()]) or ""  # found above
    words_before = list(re.finditer(r"\S+", window[: dated.start()]))
    place_start = words_before[-min(len(place.split()), len(words_before))].start()
    cuts = {label.start(), number.end(), place_start, dated.end()}
    folio = _FOLIO.match(window)
    if folio and window[folio.end()].isupper():  # a site's page number: "1. ỦY BAN …"
        cuts.add(folio.end())
    for title in titles:
        cuts |= {title.start(), title.end()}
    subject = VV_INLINE.search(window, number.end())
    if subject:
        cuts.add(subject.start())
    after = max(number.end(), dated.end())
    heading = next(
        (
            m
            for m in _flattened_pattern("types").finditer(folded, after)
            if _is_upper(window[m.start() : m.end()], 1.0)
        ),
        None,
    )
    if heading:
        cuts |= {heading.start(), heading.end()}
        after = heading.end()
    body = next(
        (
            m
            for m in _flattened_pattern("subject_stops").finditer(folded, after)
            if window[m.start()].isupper()
        ),
        None,
    )
    if body:  # the legal basis or first sentence after a title: "Căn cứ …", "Thực hiện …"
        cuts.add(body.start())
    # A run of capitals after a word in lower case starts a line of its own: the enacting
    # body restated under a title ("… tỉnh Tiền Giang ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG").
    for run in CAPITALS_RUN.finditer(window, after, body.start() if body else len(window)):
        if window[: run.start()].rstrip()[-1:].islower():
            cuts.add(run.start())
    intro = RECIPIENT_INTRO.search(folded, number.end())
    if intro:
        cuts.add(intro.start())
        listed = LIST_END.search(line, intro.end())
        if listed:
            cuts.add(listed.end())
    return sorted(cut for cut in cuts if 0 < cut < len(line))


def _from_header_block(lines: list[_Line]) -> list[_Line]:
    """The lines from a document's header block on, when a portal printed its own headline and
    lead above it (a headline, a lead paragraph, related-article links, then "BAN CHẤP HÀNH
    TRUNG ƯƠNG" / "ĐẢNG CỘNG SẢN VIỆT NAM" / "Số: …" / "Hà Nội, ngày …"): the type, number,
    issuer, place, date and subject are the header's, not the portal's.  Only a national or
    Party title line with a number or a date under it, below the first paragraph, counts; the
    issuer's column lines in capitals right above it belong to the block.  Above a number
    ("Số: …") or a "V/v" line the block is the header itself, its left column read first."""
    head_end = _head_length(lines)
    for index in range(head_end + 1, min(len(lines), HEAD_MAX_LINES)):
        line = lines[index]
        if not _is_national_title(line):
            continue
        below = lines[index + 1 : index + 1 + HEADER_BLOCK_BELOW]
        if not any(_NUMBER_LABEL.search(b.text) or HEADER_DATE.search(b.text) for b in below):
            continue
        start = index
        while (
            start > head_end + 1
            and index - start < HEADER_BLOCK_ABOVE
            and _is_upper(lines[start - 1].text)
            and len(lines[start - 1].text) < NEWS_DATELINE_LENGTH
        ):
            start -= 1
        above = lines[max(0, start - HEADER_BLOCK_BELOW) : start]
        if any(_NUMBER_LABEL.search(line.text) or VV.match(line.text) for line in above):
            return lines  # the header's own left column, read before the motto's
        return lines[start:]
    return lines


def _head_length(lines: list[_Line]) -> int:
    """How many lines page 1's header can use: up to the legal basis or the first paragraph."""
    starts = tuple(_data()["body_starts"])
    for index, line in enumerate(lines[:HEAD_MAX_LINES]):
        if (
            len(line.text) >= PROSE_LENGTH
            or _opening(line.folded).startswith(starts)
            or RECEIVERS.match(line.text)
            or _authority(line.text)
            or MARK_WORD.match(line.text)
        ):
            return index
    return min(len(lines), HEAD_MAX_LINES)


def _without_titles(text: str) -> str:
    """A header line without the right column's national title, motto or Party title.  The
    titles count in capitals only: a subject may name "Đảng Cộng sản Việt Nam" in its words."""
    data = _data()
    for key in ("national_title", "motto", "party_title"):
        pattern = fold(data[key])
        found = fuzz.partial_ratio_alignment(pattern, _fold_same_length(text).lower())
        if (
            found
            and found.score >= TITLE_LINE_MIN
            and found.dest_end - found.dest_start >= 0.75 * len(pattern)
            and (key == "motto" or _is_upper(text[found.dest_start : found.dest_end]))
        ):
            text = f"{text[: found.dest_start]} {text[found.dest_end :]}"
    return text.strip()


@cache
def _title_words() -> tuple[tuple[str, ...], ...]:
    data = _data()
    return tuple(tuple(fold(data[key]).split()) for key in ("national_title", "party_title"))


def _is_title_fragment(text: str, whole_line: bool = True) -> bool:
    """A line that is part of the national or Party title wrapped in a narrow column ("CỘNG
    HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM").  Two words count only as a whole line and only when
    no body's name ends in them ("XÃ HỘI", "VIỆT NAM", "CỘNG SẢN" do; "CHỦ NGHĨA" does not); a
    piece after other words needs three ("XÃ CỘNG HÒA" is a commune)."""
    words = tuple(_tokens(text))
    pairs = TITLE_PAIRS if whole_line else ()
    if not _is_upper(text) or not (len(words) >= 3 or words in pairs):
        return False
    return any(
        title[start : start + len(words)] == words
        for title in _title_words()
        for start in range(len(title) - len(words) + 1)
    )


def _without_title_tail(text: str) -> str:
    """A left-column line without the piece of the national title printed after it on the same
    line ("TỈNH CÀ MAU CHỦ NGHĨA VIỆT NAM")."""
    words = text.split()
    for size in range(len(words) - 1, 2, -1):
        if _is_title_fragment(" ".join(words[-size:]), whole_line=False):
            return " ".join(words[:-size])
    return text


# --------------------------------------------------------------------------------------------
# Number, place and date


@dataclass(frozen=True)
class _Number:
    line: int
    value: str | None
    type_code: str | None


def _find_number(head: list[_Line], stop: int) -> _Number | None:
    """The first "Số:" of the header; its value is None when left blank or unreadable.  The line
    at ``stop`` (the V/v line, the heading) counts only when it opens with the number, as a
    flattened "Số: 4806/UBND-KGVX V/v triển khai …" does.  A narrow table cell puts the number
    on the line below a bare "Số:".  A line that opens with "Số:" wins over a page title above it
    that names the number ("Công văn Số: 2728/TCT-DNL V/v: …")."""
    labelled = [
        (index, label)
        for index, line in enumerate(head[: stop + 1])
        if (label := _NUMBER_LABEL.search(line.text)) and not (index == stop and label.start() > 0)
    ]
    opening = [(index, label) for index, label in labelled if label.start() == 0]
    for index, label in (opening or labelled)[:1]:
        line = head[index]
        match = NUMBER.match(line.text, label.end())
        if not match and not line.text[label.end() :].strip() and index + 1 < len(head):
            match = NUMBER.match(head[index + 1].text)
        if not match:
            return _Number(index, None, None)
        return _Number(index, *_number_of(match))
    return None


def _number_of(match: re.Match[str]) -> tuple[str, str]:
    """``(number, type code)`` of a :data:`NUMBER` match, OCR spaces and doubled dashes gone."""
    if match.group("party"):
        digits, code = match.group("party"), match.group("ptype")
        value = f"{digits}-{code}/{match.group('porg')}"
    else:
        digits, symbol = match.group("state"), match.group("symbol")
        year = f"/{match.group('year')}" if match.group("year") else ""
        value = f"{digits}{year}/{symbol}"
        code = re.split(r"\s?[-–.]\s?", symbol)[0]
    return re.sub(r"-{2,}", "-", re.sub(r"\s", "", value).replace("–", "-")), code


def _place_before(text: str) -> str | None:
    """The place name that ends ``text``: capitalised words right before ", ngày" ("Cà Mau",
    "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh"); stray single letters of OCR dropped."""
    taken: list[str] = []
    for word in reversed(text.split()):
        # "Phan Rang-Tháp Chàm", "Bà Rịa - Vũng Tàu": a dash joins capitalised words.
        parts = [part for part in re.split("[-–]", word) if part]
        capitalised = bool(parts) and all(
            part[0].isupper() and (part[1:].islower() or len(part) == 1) and part.isalpha()
            for part in parts
        )
        dash = word in {"-", "–"} and bool(taken)
        second = word in _PLACE_SECOND_WORDS  # "phố" of "Thành phố", kept if "Thành" follows
        if not (capitalised or dash or second or word in _PLACE_PREFIXES) or len(taken) == 6:
            break
        taken.insert(0, word)
    # "A Lưới", "Ô Môn", "Ý Yên": a one-letter vowel syllable that opens the line is a name.
    vowel_syllable = (
        len(text.split()) == len(taken) > 1 and len(taken[0]) == 1 and fold(taken[0]) in "aeouy"
    )
    while taken and not vowel_syllable and (len(taken[0]) == 1 or taken[0] in _PLACE_SECOND_WORDS):
        taken.pop(0)
    for index, word in enumerate(taken):
        if word in _PLACE_SECOND_WORDS and (
            index == 0 or taken[index - 1] not in _PLACE_SECOND_WORDS[word]
        ):
            taken = taken[index + 1 :]
            break
    return _restore_place(" ".join(taken)) if taken else None


def _restore_place(place: str) -> str:
    """Accents back on a province-level name that OCR flattened ("Ha Nội" → "Hà Nội")."""
    key = fold(place)
    for canonical in _data()["provinces"]:
        if _fold_word(canonical) == key:
            return canonical
    return place


# What a blank place is written with: dots, ellipses, underscores.
_BLANK_PLACE = " \t.…_,"


@dataclass(frozen=True)
class _PlaceDate:
    line: int
    place: str | None
    issued: date | None  # None when the day or month is blank or unreadable
    year: int


def _find_place_date(head: list[_Line]) -> _PlaceDate | None:
    """The first "Place, ngày … tháng … năm …" line; a date without a place counts only as a
    line of its own (a body sentence "Ngày 17 tháng 8 năm 2021, …" is no header date).  A narrow
    right column wraps the line ("Mỹ" / "Tho, ngày …", "Lạng Sơn, ngày 13" / "tháng 01 năm
    2020", "Cà Mau," / "ngày 25 …"): a line that is only the start of a place, or ends in an
    unfinished date, is read together with the next ones."""
    for index, line in enumerate(head):
        joined = line.text
        for following in head[index + 1 : index + PLACE_DATE_LINES]:
            if not _wraps_place_date(joined):
                break
            joined = f"{joined} {following.text}"
            found = _place_date_of(joined, index)
            if found:
                return found
        found = _place_date_of(line.text, index)
        if found:
            return found
    return None


def _wraps_place_date(text: str) -> bool:
    """Whether a header line is the first part of a wrapped place-and-date line: an unfinished
    date, a place with its comma, or a few words that are all part of a place name."""
    if HEADER_DATE.search(text):
        return False
    text = text.strip()
    if UNFINISHED_DATE.search(text) or (text.endswith(",") and _place_before(text[:-1])):
        return True
    return len(text.split()) <= 4 and _place_before(text) == text


def _place_date_of(text: str, index: int) -> _PlaceDate | None:
    match = HEADER_DATE.search(text)
    if not match:
        return None
    before, after = text[: match.start()], text[match.end() :].strip(" .,;")
    place = _place_before(before)
    # A form's place left for the clerk ("………., ngày 20 tháng 6 năm 2018") is blank, not absent.
    if place is None and (before.strip(_BLANK_PLACE) or after):
        return None
    # "Trước ngày 30 tháng 6 năm 2020, các bộ …" is a sentence: a place has its comma (or is
    # a province OCR left without one) and nothing of the sentence follows the year.
    comma = match.group(0).lstrip().startswith(",")
    if place and (not (comma or place in _data()["provinces"]) or _starts_lower(after)):
        return None
    in_figures = match.group("ny") is not None
    if in_figures and place is None:  # "Ngày 07/12/2021" alone dates a news item, not a header
        return None
    year = int(match.group("ny") if in_figures else match.group("y"))
    day, month = match.group("nd", "nm") if in_figures else match.group("d", "m")
    issued = None
    if day.isdigit() and month.isdigit():
        try:
            issued = date(year, int(month), int(day))
        except ValueError:
            issued = None
    return _PlaceDate(index, place, issued, year)


@dataclass(frozen=True)
class _Titled:
    """What a title line says of its own document."""

    doc_type: str
    number: str
    issuer: str | None
    subject: str | None


def _titled_document(head: list[_Line]) -> _Titled | None:
    """The first of the opening lines that is a title naming its document by type and number
    (a portal page that put the document's title above its text instead of page 1)."""
    for line in head[:NEWS_HEAD_LINES]:
        found = _titled_line(line)
        if found:
            return found
    return None


def _titled_line(line: _Line) -> _Titled | None:
    """A title line: the type, its number (and date), then "của" and the issuer or "về" and the
    subject at once; a sentence that opens with a document ("Quyết định số 165/QĐ-UBND có hiệu
    lực …") is none."""
    text, folded = line.text, line.folded
    if not text[:1].isupper() or text.endswith("."):
        return None
    opened = _type_opening(folded)
    if not opened:
        return None
    length, name = opened
    label = TITLE_NUMBER_LABEL.match(folded, length)
    match = NUMBER.match(text, label.end() if label else length)
    if not match:
        return None
    position = match.end()
    dated = TITLE_DATE.match(folded, position)
    position = dated.end() if dated else position
    issuer = None
    by = TITLE_ISSUER.match(folded, position)
    about = TITLE_SUBJECT.search(folded, by.end() if by else position)
    if not (by or (about and not folded[position : about.start()].strip(" ,"))):
        return None
    if by:
        end = about.start() if about else len(text)
        issuer = (
            _case_name(untangle_marks(text[by.end() : end].strip(" ,;"), keep_syllables=True))
            or None
        )
        position = end
    subject = untangle_marks(text[position:].strip(" ,;:-–"), keep_syllables=True) or None
    return _Titled(name, _number_of(match)[0], issuer, subject)


def _type_opening(folded: str) -> tuple[int, str] | None:
    """``(length, type)`` of the type name that opens a folded line as a word of its own
    ("thong bao …"), the longest name first ("thong tu lien tich" before "thong tu")."""
    for phrase, name in _folded_types():
        opening = " ".join(phrase)
        if folded.startswith(f"{opening} "):
            return len(opening), name
    return None


# --------------------------------------------------------------------------------------------
# Type heading, subject, urgency, recipients


def _heading_type(text: str) -> tuple[str, str] | None:
    """``(type, rest of the line)`` when ``text`` is a type heading in capitals ("QUYẾT ĐỊNH"),
    also with its first letter split off by OCR ("K ÉT LUẬN"), or a whole line of it spaced
    out ("QUY ẾT ĐỊNH", "T H Ô N G  B Á O")."""
    cleaned = _clean(text)
    found = _heading_type_of(cleaned) or _heading_type_of(SPLIT_INITIAL.sub(r"\1", cleaned))
    if found or not _is_upper(cleaned, 1.0):
        return found
    squashed = _squashed_types().get(fold(cleaned).replace(" ", ""))
    return (squashed, "") if squashed else None


@cache
def _squashed_types() -> dict[str, str]:
    return {fold(name).replace(" ", ""): name for name in doc_type_names()}


def _heading_type_of(cleaned: str) -> tuple[str, str] | None:
    words = cleaned.split()
    folded = _tokens(cleaned)
    for phrase, name in _folded_types():
        size = len(phrase)
        if tuple(folded[:size]) == phrase and _is_upper(" ".join(words[:size]), 1.0):
            rest = " ".join(words[size:])
            colon = words[size - 1].endswith(":") or _without_urgency(rest).startswith(":")
            if colon or (name == "luật" and rest):
                return None
            return name, rest
        if (
            len(folded) > size
            and tuple(folded[-size:]) == phrase
            and _is_upper(" ".join(words[-size:]), 1.0)
        ):
            prefix = " ".join(words[:-size])
            # A receipt stamp left before the heading ("ĐẾN: _¬ CHỈ THỊ"): debris, no words.
            words_before = [w for w in prefix.split() if w.isalpha()]
            if (
                re.search(r"[:|¬_]", prefix)
                and not any(w.islower() and len(w) >= 3 for w in words_before)
                and not _match_phrase(_words(prefix), "org_heads")
            ):
                return name, ""
    return None


def _without_urgency(rest: str) -> str:
    """What follows a type name once an urgency mark after it is gone: a news headline that
    reports a document puts a colon there ("CÔNG ĐIỆN KHẨN: Thực hiện …"), a heading never."""
    folded = fold(rest)
    for mark in _urgency_marks():
        if (
            folded.startswith(mark.folded)
            and not folded[len(mark.folded) : len(mark.folded) + 1].isalnum()
        ):
            return rest[len(mark.spelled) :].lstrip()
    return rest


def _find_heading(head: list[_Line], stop: int) -> tuple[int, str, str] | None:
    """The type heading; a type name closed by a colon ("QUYẾT ĐỊNH:") is the enacting formula
    above the articles, which a page that lost its "Căn cứ" openings leaves inside page 1."""
    headings = []
    for index, line in enumerate(head[:stop]):
        found = _heading_type(line.text)
        enacting = found is not None and not found[1] and line.text.rstrip().endswith(":")
        if found and not enacting:
            headings.append((index, *found))
    # A page's own title above the header block ("BÁO CÁO SƠ KẾT …" on a document-sharing
    # site) names the document again: the heading is the one under the national title.
    national = next((i for i, line in enumerate(head[:stop]) if _is_national_title(line)), None)
    if national is not None and len(headings) > 1 and headings[0][0] < national:
        return next((h for h in headings if h[0] > national), headings[0])
    return headings[0] if headings else None


def _is_national_title(line: _Line) -> bool:
    """A line of the national title or the Party's, with its motto: nothing else in capitals."""
    return _is_upper(line.text) and not _clean(_without_titles(line.text))


def _recipient_at(line: _Line) -> re.Match[str] | None:
    """ "Kính gửi:" (OCR "Kink gửi") opening the line, or after the V/v text of a flattened line
    ("… COVID-19 Kính gửi: …"); or the "THỦ TƯỚNG CHÍNH PHỦ điện:" line of a công điện."""
    folded = line.folded
    match = RECIPIENT_INTRO.search(folded)
    if match:
        opening = not any(c.isalnum() for c in folded[: match.start()])
        inline = line.text[match.start()] == "K" and match.group(0).rstrip().endswith(":")
        if opening or inline:
            return match
    return CABLE_INTRO.search(folded)


def _issuer_of_cable(head: list[_Line], recipients_at: int | None) -> str | None:
    """Who sends a cable, from its address line: "CHỦ TỊCH UBND TỈNH NAM ĐỊNH điện:"."""
    if recipients_at is None:
        return None
    line = head[recipients_at]
    cable = CABLE_INTRO.search(line.folded)
    sender = _clean(line.text[: cable.start()]) if cable else ""
    return _tidy_level(sender) if sender and _is_upper(sender) else None


def _find_recipients_line(head: list[_Line]) -> int | None:
    for index, line in enumerate(head):
        if _recipient_at(line):
            return index
    return None


def _drop_stamp_debris(text: str) -> str:
    """Text after a "|" near the start: OCR of a stamp or a table border before the words."""
    bar = text.rfind("|", 0, max(len(text) // 2, 1))
    return text[bar + 1 :].strip() if bar >= 0 else text


def _opening(folded: str) -> str:
    """A folded line without the stray marks OCR leaves before its first word ("` Căn cứ")."""
    return _LEADING_JUNK.sub("", folded)


def _is_debris(text: str) -> bool:
    """A stamp or form line: dot leaders ("Giờ....C... Ngày ..2744") or more marks than letters."""
    visible = [c for c in text if not c.isspace()]
    letters = sum(c.isalpha() for c in visible)
    return "...." in text or "……" in text or letters < 0.3 * len(visible)


def _is_subject_stop(line: _Line) -> bool:
    folded = _opening(line.folded)
    return (
        folded.startswith(tuple(_data()["subject_stops"]))
        or _recipient_at(line) is not None
        or _urgency_of(line.text) is not None
        or (line.text[:1] == "S" and _NUMBER_LABEL.match(line.text) is not None)
        or RECEIVERS.match(line.text) is not None
    )


def _before_place_date(text: str) -> tuple[str, bool]:
    """``text`` without a place-and-date column ("… Cà Mau, ngày 25 tháng 8 năm 2021"), and
    whether it had one; a date cited inside a subject ("Nghị quyết số 128/NQ-CP ngày 11 tháng
    10 năm 2021") has no place before it and stays."""
    match = HEADER_DATE.search(text)
    if not match:
        return text, False
    before = text[: match.start()]
    place = _place_before(before)
    if not before.strip():
        return "", True
    if place is None or not match.group(0).lstrip().startswith(","):
        return text, False
    words = before.split()
    kept = len(words) - len(place.split())
    return " ".join(words[:kept]), True


def _is_authority_restated(text: str) -> bool:
    """The line above "Căn cứ" that names who enacts ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "CHÍNH
    PHỦ"): a title or a body, which an upper-case subject would otherwise swallow."""
    words = text.split()
    return any(_match_title(" ".join(words[:size])) for size in (2, 3)) or _org_start(text)


def _subject_from(head: list[_Line], index: int, first: str) -> str | None:
    """``first`` and the lines that continue it: wrapped title or V/v lines.  A title in
    capitals may go on in lower case ("về xây dựng …"); a line in lower case with a capital
    first letter after it opens the body ("Hội nghị … họp ngày …", "Năm 2021, tỉnh …")."""
    parts = [first] if first else []
    upper = bool(first) and _is_upper(first)
    lower_tail = False  # an upper-case title went on in lower case
    for line in head[index + 1 : index + 9]:
        text = _drop_stamp_debris(line.text)
        if _is_subject_stop(line):
            break
        right_column = _without_titles(text)
        if right_column != text or _is_title_fragment(text):  # the right column came next
            break
        text, place_date = _before_place_date(text)
        if place_date and not text:
            break
        if _is_debris(text):
            continue
        if parts and line.blank_before and not _starts_lower(text):
            break
        if parts and not upper and _is_upper(text, 0.9):
            break
        if parts and upper and line is head[-1] and _is_authority_restated(text):
            break
        if (lower_tail or (parts and upper and not _is_upper(text))) and not _starts_lower(text):
            break
        if not parts:
            upper = _is_upper(text)
        lower_tail = upper and bool(parts) and not _is_upper(text)
        parts.append(text)
    subject = re.sub(r"\s+", " ", " ".join(parts)).strip()
    return subject or None


@dataclass(frozen=True)
class _UrgencyMark:
    spelled: str
    folded: str
    value: str
    # The mark at the end of a flattened line: "Số: 12/UBND-VX    HỎA TỐC".
    line_end: re.Pattern[str]


@cache
def _urgency_marks() -> tuple[_UrgencyMark, ...]:
    """The urgency marks of the data, in its order, folded and compiled once: every header
    line is compared with them."""
    return tuple(
        _UrgencyMark(mark, fold(mark), value, re.compile(rf"\s{{2,}}{re.escape(mark.upper())}$"))
        for mark, value in _data()["urgency"]
    )


def _urgency_of(text: str) -> str | None:
    """The urgency mark that ``text`` is (a whole line, or a column segment of a flattened line)."""
    segments = [_clean(text)] + [_clean(s) for s in re.split(r"\s{2,}|\|", text)]
    for segment in segments:
        folded = fold(segment)
        for mark in _urgency_marks():
            if folded == mark.folded:
                return mark.value
    for mark in _urgency_marks():
        if mark.line_end.search(text):
            return mark.value
    return None


def _find_urgency(head: list[_Line], stop: int) -> str | None:
    for line in head[:stop]:
        urgency = _urgency_of(line.text)
        if urgency:
            return urgency
    return None


def _item(text: str) -> str:
    return LIST_DASH.sub("", text.strip()).strip().rstrip(";,.").strip()


def _find_recipients(head: list[_Line], index: int | None) -> tuple[str, ...]:
    """Items under "Kính gửi:": the rest of its line, or the list below it (dashed, or one item a
    line), wrapped lines joined; an item ending in "." closes the list."""
    if index is None:
        return ()
    line = head[index]
    found = _recipient_at(line)
    assert found is not None
    inline = line.text[found.end() :].strip()
    items = [_item(part) for part in inline.split(";") if _item(part)]
    # A list below an empty or dashed "Kính gửi:", or after a first item ending in ";".
    listed = not items or LIST_DASH.match(inline) is not None or inline.endswith(";")
    ending = inline[-1:]
    for following in head[index + 1 :]:
        text = following.text
        if ending == ".":
            break
        dash = LIST_DASH.match(text) is not None
        # Without a dash an item is a short line: the first one, or one after an item ending ";".
        undashed = len(text) <= 100 and not _starts_lower(text) and not _is_subject_stop(following)
        if listed and len(text) < 160 and (dash or (undashed and (not items or ending == ";"))):
            items.append(_item(text))
        elif (
            items
            and ending not in ";."
            and not following.blank_before
            and (_starts_lower(text) or text.startswith("("))  # "(Cục Quản lý …)"
        ):
            items[-1] = f"{items[-1]} {_item(text)}"
        else:
            break
        ending = text[-1:]
    return tuple(item for item in items if item)


# --------------------------------------------------------------------------------------------
# Issuer


@dataclass(frozen=True)
class _Part:
    """A piece of a body name: a known phrase (``kind`` names its list) or one unknown word."""

    start: int  # index of its first word
    size: int  # how many words
    kind: str  # known_names, org_heads, localities, provinces, continuation or word
    canonical: str | None  # the phrase's spelling, None for an unknown word


def _expand(text: str) -> list[str]:
    """The words of a body name with abbreviations spelled out ("UBND" → "Ủy ban nhân dân")."""
    abbreviations = _data()["abbreviations"]
    words: list[str] = []
    for word in text.split():
        bare = word.rstrip(",;")
        expansion = abbreviations.get(bare) or abbreviations.get(bare.upper().rstrip("."))
        words.extend((expansion + word[len(bare) :]).split() if expansion else [word])
    return words


def _parts(words: list[str]) -> list[_Part]:
    """A body name cut into known phrases (longest first) and single unknown words."""
    parts: list[_Part] = []
    continuations = _data()["continuations"]
    index = 0
    while index < len(words):
        folded = fold(" ".join(words[index : index + 3]))
        joined = next((c for c in continuations if folded.startswith(c)), None)
        if joined:  # "PHÒNG, CHỐNG" is wording, not a body called Phòng
            parts.append(_Part(index, len(joined.split()), "continuation", None))
            index += len(joined.split())
            continue
        tokens = _words(" ".join(words[index : index + 8]))
        for key in ("known_names", "org_heads", "localities", "provinces"):
            found = _match_phrase(tokens, key)
            if found:
                parts.append(_Part(index, found[0], key, found[1]))
                index += found[0]
                break
        else:
            parts.append(_Part(index, 1, "word", None))
            index += 1
    return parts


def _case_name(text: str) -> str:
    """A body name as annotated: abbreviations spelled out, capitals of an all-caps header undone
    ("ỦY BAN NHÂN DÂN TỈNH CÀ MAU" → "Ủy ban nhân dân tỉnh Cà Mau").  After a kind of body the
    next word takes a capital ("Sở Y tế"); after a locality every word does ("tỉnh Cà Mau")."""
    words = _expand(text)
    if not _is_upper(text):
        return " ".join(words)
    out: list[str] = []
    mode = "field"  # field: next word capitalised once; name: every word capitalised
    for part in _parts(words):
        phrase = " ".join(words[part.start : part.start + part.size])
        trailing = phrase[len(phrase.rstrip(",;")) :]
        if part.kind == "continuation":
            lower = phrase.lower()
            out.append(lower[:1].upper() + lower[1:] if mode == "field" else lower)
            mode = "lower"
        elif part.canonical:
            out.append(part.canonical + trailing)
            named = part.kind in ("localities", "provinces") or part.canonical.endswith(" ủy")
            mode = "name" if named else "field"
        elif any(c.isdigit() for c in phrase) or not phrase.isupper():
            out.append(phrase)
        elif fold(phrase) == "va":
            out.append("và")
            mode = "field"
        elif mode in ("field", "name"):
            out.append(phrase[:1] + phrase[1:].lower())
            mode = "name" if mode == "name" else "lower"
        else:
            out.append(phrase.lower())
    return " ".join(out)


def _split_levels(text: str) -> list[str]:
    """One header line holding two levels ("UBND TỈNH CÀ MAU SỞ Y TẾ", a table cell) cut where a
    new kind of body follows a complete name (a place, or a known body)."""
    words = text.split()
    cuts = [0]
    previous: _Part | None = None
    for part in _parts(words):
        complete = previous is not None and (
            previous.kind in ("known_names", "provinces")
            or (previous.kind == "word" and _is_named_after_locality(words, previous))
        )
        if part.kind in ("known_names", "org_heads") and part.start and complete:
            cuts.append(part.start)
        previous = part
    cuts.append(len(words))
    return [" ".join(words[a:b]) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _is_named_after_locality(words: list[str], part: _Part) -> bool:
    """Whether an unknown word belongs to a place name ("TỈNH BẠC LIÊU": "LIÊU")."""
    before = _parts(words[: part.start + 1])
    for earlier in reversed(before[:-1]):
        if earlier.kind == "localities":
            return True
        if earlier.kind != "word":
            return False
    return False


def _org_start(text: str) -> bool:
    """Whether a header line starts a new level of the issuing body (a kind of body)."""
    if any(fold(text).startswith(c) for c in _data()["continuations"]):
        return False
    tokens = _words(" ".join(_expand(text)))  # "UBND" is a body, "TP." a locality
    if _match_phrase(tokens, "localities") and not _match_phrase(tokens, "org_heads"):
        return False
    return _match_phrase(tokens, "org_heads") is not None


def _issuer_levels(head: list[_Line], stop: int) -> list[str]:
    """The left column above the number: one string per level (parent first)."""
    levels: list[list[str]] = []
    closed = False  # the right column came between: nothing below continues the name
    opening = ""  # a name's first word wrapped onto a line of its own: "ỦY" / "BAN NHÂN DÂN"
    for index, line in enumerate(head[: stop + 1]):
        text = _without_titles(line.text)
        for cut in (_NUMBER_LABEL.search(text), HEADER_DATE.search(text)):
            if cut:
                text = text[: cut.start()]
        if _is_title_fragment(_clean(text)):
            closed = True
            continue
        text = _clean(_without_title_tail(text))
        if opening and _org_start(f"{opening} {text}"):
            text = f"{opening} {text}"
        opening = text if len(text.split()) == 1 and _is_upper(text) else ""
        if not _is_upper(text) or len(text) < 2 or _heading_type(text):
            continue
        if _org_start(text):
            levels.extend([level] for level in _split_levels(text))
            closed = False
        elif levels and index < stop and not closed and _continues_name(text, line):
            levels[-1].append(text)
    return [" ".join(level) for level in levels]


def _continues_name(text: str, line: _Line) -> bool:
    """A wrapped second line of a body name: a locality ("TỈNH CÀ MAU") or a line right below."""
    if "/" in text or len(text) > 60:
        return False
    return not line.blank_before or _match_phrase(_words(text), "localities") is not None


def _tidy_level(text: str) -> str:
    """One level of the issuer column, spelled out, with two OCR repairs: words run together
    ("THỦ TƯỚNG CHÍNHPHỦ") and stray letters after a complete known name ("TONG CỤC THUÊ Ồ AM")."""
    squashed = fold(text).replace(" ", "")
    for _, canonical in (*_phrases("known_names"), *_phrases("org_heads")):
        if _fold_word(canonical).replace(" ", "") == squashed:
            return canonical
    words = text.split()
    parts = _parts(words)
    known = next((p for p in parts if p.kind == "known_names" and p.start == 0), None)
    if known and all(len(w) <= 2 for w in words[known.size :]):
        return known.canonical or text
    return _case_name(text)


def _issuer_from_levels(levels: list[str]) -> tuple[str | None, str | None]:
    if not levels:
        return None, None
    issuer = _tidy_level(levels[-1])
    parent = " ".join(_tidy_level(level) for level in levels[:-1]) or None
    if parent and fold(issuer) in {fold(unit) for unit in _data()["bare_units"]}:
        if fold(parent).startswith("dang bo"):
            name = parent.split(" ", 2)[-1]
            found = _match_phrase(_words(name), "localities")
            issuer = f"{issuer} {' '.join(name.split()[found[0] :]) if found else name}"
        else:
            issuer = f"{issuer} {parent}"
    return issuer, parent


@cache
def _body_name_start() -> re.Pattern[str]:
    """Where a body's name starts in running text: a kind of body, capitalised as in prose."""
    heads = [canonical for _, canonical in _phrases("org_heads")] + ["UBND", "HĐND"]
    alternatives = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])")


def _issuer_from_body(text: str, doc_type: str | None) -> str | None:
    """The body that speaks in the first person: "Ủy ban nhân dân huyện X báo cáo …"."""
    speaking = _data()["speaking_verbs"]
    not_in_names = set(_data()["not_in_names"])
    for verb in speaking.get(doc_type or "", speaking["*"]):
        for match in re.finditer(rf"(?<=\s)(?:kính |xin |trân trọng )?{verb}\b", text):
            clause = re.split(r"[.,;:()\n]", text[max(0, match.start() - 120) : match.start()])[-1]
            head = _body_name_start().match(clause.strip())
            if not head:  # the body opens its clause: "…, Ủy ban nhân dân tỉnh X báo cáo"
                continue
            clause = clause.strip()
            words = clause[head.start() :].split()
            if len(words) <= 10 and not not_in_names & {w.lower() for w in words[1:]}:
                return _case_name(" ".join(words))
    return None


# --------------------------------------------------------------------------------------------
# Signer


def _match_title(text: str) -> str | None:
    """The canonical title that ``text`` is ("PHÓ CHỦ TỊCH" → "Phó Chủ tịch"), OCR-tolerant."""
    tokens = _tokens(text)
    if not tokens or len(tokens) > 8:
        return None
    lookup = _title_lookup()
    for size in range(len(tokens), 0, -1):
        key = " ".join(tokens[:size])
        if key in lookup and len(tokens) - size <= 4:
            rest = " ".join(text.replace("-", " ").split()[size:])
            return f"{lookup[key]} {_case_name(rest)}".strip() if rest else lookup[key]
    best = max(lookup, key=lambda key: fuzz.ratio(" ".join(tokens), key))
    return lookup[best] if fuzz.ratio(" ".join(tokens), best) >= SIGNER_TITLE_MIN else None


def _trailing_caps(text: str) -> str:
    """The run of capitalised words that ends a line (a title printed beside "Nơi nhận")."""
    taken: list[str] = []
    for word in reversed(text.split()):
        core = word.strip(",.;:'\"")
        if not (core.replace("-", "").isalpha() and core.isupper()):
            break
        taken.append(core)
        if core != word:  # punctuation closes the run: ",CỤC TRƯỞNG"
            break
    return " ".join(reversed(taken))


def _person_name(text: str) -> str | None:
    """A signer's name line ("Trần Hồng Quân", "NGUYỄN VĂN A"), or None for anything else."""
    words = _clean(_SIGNED_NOTE.sub("", text)).split()
    if not 2 <= len(words) <= 5 or not all(w.isalpha() for w in words):
        return None
    title_case = all(w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words)
    caps = all(w.isupper() for w in words)
    if not (title_case or caps):
        return None
    data = _data()
    surname_known = fold(words[0]) in data["surnames"]
    if caps and not surname_known:
        return None
    if not surname_known and not (len(words) >= 3 and fold(words[1]) in data["middle_names"]):
        return None
    return " ".join(w[:1] + w[1:].lower() for w in words)


def _authority(text: str) -> str | None:
    """An authority line ("TM. ỦY BAN NHÂN DÂN", OCR "KT, TONG CỤC TRƯỞNG") as it should read."""
    match = AUTHORITY.search(text)
    if not match:
        return None
    rest = _clean(match.group("rest"))
    if not _is_upper(rest, 0.8) or len(rest.split()) > 8:
        return None
    mark = match.group("mark")
    title = _match_title(rest)
    if mark in TITLE_MARKS and not title:
        return None
    mark = mark if "/" in mark or "." in mark else f"{mark}."
    if "," in rest:  # two offices held by one head ("BỘ TRƯỞNG, CHỦ NHIỆM"), each repaired
        rest = ", ".join(
            (_match_title(part) or part).upper() for part in (p.strip() for p in rest.split(","))
        )
    elif title:
        rest = title.upper()  # OCR damage ("THU TƯỚNG") repaired from the title list
    return f"{mark} {rest}"


def _signature_window(lines: list[_Line], head_end: int) -> tuple[list[_Line], int | None]:
    """The lines around the signature block, and the index of "Nơi nhận" in them."""
    body = lines[head_end:]
    receivers = next((i for i, line in enumerate(body) if RECEIVERS.match(line.text)), None)
    annex_starts = tuple(_data()["annex_starts"])

    def before_annex(window: list[_Line]) -> list[_Line]:
        for index, line in enumerate(window):
            if index and line.folded.startswith(annex_starts):
                return window[:index]
        return window

    if receivers is None:
        half = len(body) // 2
        annex = next(
            (i for i, line in enumerate(body) if i > half and line.folded.startswith(annex_starts)),
            len(body),
        )
        return body[max(0, annex - SIGNATURE_TAIL) : annex], None
    start = max(0, receivers - SIGNATURE_BEFORE)
    window = body[start:receivers] + before_annex(body[receivers : receivers + SIGNATURE_AFTER])
    return window, receivers - start


def _name_tail(words: list[str]) -> int:
    """How many last words of a run of capitals are a person's name ("… PHÓ CHỦ TỊCH Nguyễn Văn
    A", a table cell whose lines were joined), or 0."""
    for size in (5, 4, 3, 2):
        tail = words[-size:]
        if (
            len(words) > size
            and words[-size - 1].isupper()
            and not any(w.isupper() and len(w) > 1 for w in tail)
            and _person_name(" ".join(tail))
        ):
            return size
    return 0


def _split_marks(words: list[str]) -> list[str]:
    """Cut a run of capitals before each authority mark that starts a column or follows another
    capital word ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"), not inside a list ("TH, KT, ĐT"); then a
    mark's words ending in a title are cut before it ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH")."""
    pieces: list[list[str]] = [[]]
    for index, word in enumerate(words):
        if MARK_WORD.match(word):
            previous = words[index - 1] if index else ""
            opens = not previous or previous.endswith(":") or not any(c.isalnum() for c in previous)
            if opens or (previous.isupper() and previous[-1].isalpha()):
                pieces.append([])
        pieces[-1].append(word)
    out: list[str] = []
    for piece in pieces:
        out.extend(
            _split_title(piece) if piece and MARK_WORD.match(piece[0]) else [" ".join(piece)]
        )
    return [piece for piece in out if piece]


def _split_title(piece: list[str]) -> list[str]:
    """``[mark, *rest]`` as the authority and the title after it, when ``rest`` ends in a whole
    title after a whole title or body ("CHỦ TỊCH | PHÓ CHỦ TỊCH", "CHÍNH PHỦ | THỦ TƯỚNG")."""
    rest = piece[1:]
    titles = _title_lookup()
    for cut in range(1, len(rest)):
        before, after = " ".join(rest[:cut]), " ".join(rest[cut:])
        if before.endswith(","):  # one line naming two offices: "KT. BỘ TRƯỞNG, CHỦ NHIỆM"
            continue
        if " ".join(_tokens(after)) in titles and (
            " ".join(_tokens(before)) in titles or _org_start(before)
        ):
            return [" ".join([piece[0], before]), after]
    return [" ".join(piece)]


def _signature_pieces(line: _Line) -> list[str]:
    """A signature-area line as the parts a reader joined: table cells (tabs), authority lines,
    titles and a name run together."""
    pieces: list[str] = []
    for segment in line.text.split("\t"):
        segment = GLUED_NAME.sub(" ", segment)
        words = _SIGNED_NOTE.sub(" ", segment).split()
        tail = _name_tail(words) if len(words) > 2 and words[0].isupper() else 0
        pieces.extend(_split_marks(words[: len(words) - tail]))
        if tail:
            pieces.append(" ".join(words[-tail:]))
    return pieces


def _find_signer(lines: list[_Line], head_end: int) -> Signer | None:
    """Authority lines, the last title line and the name below them, read in one pass that stops
    at the name (an annex after the signature has titles of its own)."""
    window, receivers = _signature_window(lines, head_end)
    authorities: list[str] = []
    title: str | None = None
    first_line: _Line | None = None
    name, name_line = None, None
    bare_mark = ""  # "TM." on a line of its own: its body is on the next line
    for index, line in enumerate(window):
        for piece in _signature_pieces(line):
            if MARK_WORD.match(piece):
                bare_mark, first_line = piece, first_line or line
                continue
            piece, bare_mark = f"{bare_mark} {piece}".strip(), ""
            authority = _authority(piece)
            caps = _trailing_caps(piece)
            found = _match_title(caps) if len(caps.split()) >= 2 or caps == piece else None
            if authority or found:
                if authority:
                    authorities.append(authority)
                else:
                    title = found
                first_line = first_line or line
                continue
            after_block = first_line is not None or (receivers is not None and index > receivers)
            if after_block and not LIST_DASH.match(piece) and ":" not in piece:
                name = _person_name(piece)
                if name:
                    name_line = line
                    break
        if name:
            break
    if not (authorities or title or name):
        return None
    acting = _data()["acting_mark"] + "."
    if title is None and authorities and authorities[-1].startswith(acting + " "):
        acting_title = _match_title(authorities[-1][len(acting) :]) or ""
        title = f"{_data()['acting_word']} {acting_title}".strip()
    start_line = first_line or name_line
    assert start_line is not None
    return Signer(
        name=name,
        title=title,
        on_behalf=" ".join(authorities) or None,
        start=start_line.start,
        end=(name_line or start_line).end,
    )


# --------------------------------------------------------------------------------------------
# Press articles


def _is_paragraph(text: str) -> bool:
    """A line of an article's prose: long, or a sentence ending in its punctuation."""
    return len(text) >= NEWS_PARAGRAPH or text.endswith((".", ":", ";"))


def _is_lead_title(first: list[_Line], index: int) -> bool:
    """Whether a long line stands in a title's place: no sentence punctuation ends it and a
    paragraph follows (a portal that put the lead sentence where the title goes)."""
    text = first[index].text
    following = first[index + 1 : index + 2]
    return (
        len(text) <= HEADLINE_MAX_LENGTH
        and not text.endswith((".", ":", ";"))
        and bool(following)
        and _is_paragraph(following[0].text)
    )


def _is_dateline(text: str) -> bool:
    """A short line that dates an article ("Ngày cập nhật 27/03/2020", "20:12 - 07/12/2021")."""
    if NEWS_DATELINE.search(text):
        return True
    if len(text) > NEWS_DATELINE_LENGTH:
        return False
    dated = next((mention for mention in find_dates(text) if mention.value), None)
    # A headline may name a date as a limit ("Hoàn thành đại hội cấp cơ sở trước ngày 15-6-2020").
    return dated is not None and not DATE_AS_LIMIT.search(text, 0, dated.start)


def _is_names_byline(text: str) -> bool:
    """An authors' line: names closed by a bar, or two or more names in capitals joined by a
    dash or a comma ("HIỀN THÚY - ĐÌNH HIỆP |").  Pen names need not start with a surname."""
    stripped = text.strip()
    names = [name.split() for name in _NAMES_SEPARATOR.split(stripped.rstrip(" |"))]
    if not all(
        1 <= len(name) <= BYLINE_NAME_WORDS and all(w.isalpha() and w[0].isupper() for w in name)
        for name in names
    ):
        return False
    in_capitals = all(word.isupper() for name in names for word in name)
    return stripped.endswith("|") or (len(names) >= 2 and in_capitals)


def _closing_byline(text: str) -> bool:
    """Whether a line ends with the author's name in capitals after the article's last
    sentence (" … trong các tháng tiếp theo... VIẾT LONG"), as newspapers sign a report; a body,
    a title or a heading in capitals is no author."""
    found = CLOSING_BYLINE.search(text)
    if not found:
        return False
    names = found.group("names")
    return not (
        _org_start(names) or _match_title(names) or _heading_type(names) or _urgency_of(names)
    )


def _is_caption(text: str) -> bool:
    """A photo caption: a line with a photo credit ("(Ảnh: Hương Thu/TTXVN)") or one that
    describes the picture's people or hall ("Các đại biểu tham dự hội nghị")."""
    return bool(PHOTO_CREDIT.search(text)) or _opening(fold(text)).startswith(
        tuple(_data()["photo_captions"])
    )


@cache
def _narration() -> re.Pattern[str]:
    """A sentence telling that a body issued a numbered document, dated ("ngày 18.5, Chủ tịch
    UBND tỉnh có Công điện số 1510", "Đêm 22/9, UBND tỉnh ban hành Công văn số 13417") or told
    as news ("… tỉnh vừa ban hành Công văn số 1246")."""
    data = _data()
    verbs, times, recent = (
        "|".join(re.escape(word) for word in data[key])
        for key in ("issuing_verbs", "narration_times", "recent_marks")
    )
    types = "|".join(re.escape(name) for name in (*doc_type_names(), "văn bản"))
    return re.compile(
        rf"(?:(?<!\w)(?:{times})\s+\d{{1,2}}\s*[/.-]\s*\d{{1,2}}(?!\d)[^.;\n]{{0,120}}?(?<!\w)"
        rf"|(?<!\w)(?:{recent})\s+)(?:{verbs})\s+(?:{types})\s+số(?!\w)",
        re.IGNORECASE,
    )


def _headline(first: list[_Line]) -> str | None:
    """An article's title: the last short line above its date line or its first paragraph, so
    that portal navigation and a category line above the title ("Tìm kiếm tin tức", "ĐẠI HỘI
    ĐẢNG CÁC CẤP") are passed over; a byline, an author's name or a photo caption is never the
    title, nor a button of a few words under it ("Chia sẻ", "Bản in") when a longer line
    stands above, nor a numbered section line, which opens the body.  None when the page kept
    no title (a caption, then the prose)."""
    candidates: list[str] = []
    for index, line in enumerate(first):
        prose = _is_paragraph(line.text) and (candidates or not _is_lead_title(first, index))
        if BYLINE.match(line.text) or prose or SECTION_NUMBER.match(line.text):
            break
        if _is_dateline(line.text) or _is_names_byline(line.text):
            if candidates:
                break
            continue
        if not (_person_name(line.text) or _is_caption(line.text) or _PAGE_WIDGET.match(line.text)):
            candidates.append(line.text)
    worded = [text for text in candidates if len(text.split()) >= HEADLINE_MIN_WORDS]
    return (worded or candidates or [None])[-1]


def _news_signs(first: list[_Line]) -> bool:
    """What no document shows: a time-stamped date line, a byline or a photo caption."""
    return any(
        NEWS_DATELINE.search(line.text)
        or BYLINE.match(line.text)
        or _is_names_byline(line.text)
        or _is_caption(line.text)
        for line in first
    )


def _shows_national_title(lines: list[_Line]) -> bool:
    """Whether the first lines hold the national or the Party's title, flattened or not."""
    return any(
        pattern.search(line.folded)
        for line in lines[:NEWS_HEAD_LINES]
        for pattern in _title_patterns()
    )


@dataclass(frozen=True)
class _NotedNumber:
    """A document's own number and date, noted in brackets by a portal that copied its text."""

    line: int
    note: str
    number: str
    issued: date | None
    doc_type: str | None


# A portal's note of the document it copies: "(Theo Công văn số 6012/UBND-KT, ngày 14/11/2023)",
# "(3585/VP-KTN, ngày 23/10/2017)".
_NUMBER_NOTE = re.compile(
    rf"\((?:Theo\s+)?(?P<type>[^\W\d][^(),]{{0,20}}?\s+)?(?:số\s*)?(?P<number>{NUMBER.pattern})"
    rf"\s*,?\s*(?P<date>ng[aà]y\s*[^()]{{4,30}})\)",
    re.IGNORECASE,
)


def _own_number_noted(lines: list[_Line]) -> _NotedNumber | None:
    """The number and date of a document a portal copied without its header, noted in brackets
    after its title or under its text."""
    for index, line in [*enumerate(lines[:3]), *enumerate(lines[-3:], max(len(lines) - 3, 0))]:
        note = _NUMBER_NOTE.search(line.text)
        dated = note and next((m.value for m in find_dates(note.group("date")) if m.value), None)
        if not dated:
            continue
        opened = _type_opening(fold(note.group("type") or "").lower() + " ")
        number = _number_of(NUMBER.match(note.group("number")))[0]
        return _NotedNumber(index, note.group(0), number, dated, opened[1] if opened else None)
    return None


def _kept_document(lines: list[_Line]) -> bool:
    """Whether a page without a header shows no sign of news: no date line, byline or caption,
    and no sentence telling that a body issued a numbered document ("UBND tỉnh vừa ban hành
    Công điện số 02/CĐ-UBND"), which news of a document does."""
    first = lines[:NEWS_HEAD_LINES]
    return not (
        _news_signs(first)
        or any(_is_dateline(line.text) for line in first)
        or _narrates_issuing(first)
    )


def _narrates_issuing(first: list[_Line]) -> bool:
    """Whether the opening tells that a body issued a numbered document (:func:`_narration`)."""
    return bool(_narration().search("\n".join(line.text for line in first)[:NARRATION_REACH]))


def _press(
    lines: list[_Line], marked: bool = True
) -> tuple[str | None, date | None, str | None] | None:
    """``(title, date, agency)`` of a portal article, or None when the text is not one.

    An article shows what no document has: a byline, a time-stamped date line under its title or
    a photo caption.  With ``marked`` off (a text with no header and no signature), a short
    title line above the prose is enough, and so is an opening that narrates a body issuing a
    numbered document ("ngày 18.5, Chủ tịch UBND tỉnh có Công điện số 1510"), which a
    document's own body also does, but then under its header or above its signature."""
    first = lines[:NEWS_HEAD_LINES]
    byline = next((BYLINE.match(line.text) for line in first if BYLINE.match(line.text)), None)
    if marked and not _news_signs(first):
        return None
    title = _headline(first)
    if (
        title is None
        and first
        and BYLINE.match(first[0].text)
        and _narration().search(first[0].text)
    ):
        # No headline kept, the page opens with the portal's byline: its lead paragraph, which
        # tells the document's issuing, stands for the headline, byline included ("CTTĐT -
        # Ngày 6/8, Ban Thường vụ Tỉnh ủy … đã ban hành Chỉ thị số …").  Without a byline a
        # sentence like it may be any paragraph of the article, and no title is read.
        title = first[0].text
    if title is None and not marked and first and NEWS_LEAD.match(first[0].text):
        # No headline kept, the page opens with the dated lead of a news item.
        title = first[0].text
    closing = bool(lines) and _closing_byline(lines[-1].text)
    # A paragraph of the first lines that opens dated by its day tells an event ("Ngày 03/5/2012,
    # Ban Tổ chức … tiến hành họp …"), as news does, under "Căn cứ" lines copied from a document.
    # So does prose that opens on its source ("Theo ông …, Phó Chủ tịch UBND tỉnh, …", "Theo
    # báo cáo … tại kỳ họp, …"): a page kept from the middle of an article.
    news_prose = any(
        NEWS_LEAD.match(line.text) and _is_paragraph(line.text) for line in first
    ) or bool(first and REPORTED_OPENING.match(first[0].text))
    if not (marked or closing or news_prose or _narrates_issuing(first)) and (
        title is None
        or len(title) > 200
        or (len(lines) < 3 and not _is_paragraph(lines[-1].text))
        or not title[0].isupper()
        or title.endswith((";", ":", ","))
    ):
        return None
    issued = None
    for line in first:
        # The article's date is on its date line, its byline or at its lead's head ("Ngày
        # 6/8/2021, …"); dates further into the prose are those of what it reports.
        reach = len(line.text)
        if _is_paragraph(line.text):
            credit = BYLINE.match(line.text)
            lead = NEWS_LEAD.match(line.text, credit.end() if credit else 0)
            reach = lead.end() if lead else 0
        mention = next(
            (
                m
                for m in find_dates(line.text[:reach])
                if m.value and not DATE_AS_LIMIT.search(line.text, 0, m.start)
            ),
            None,
        )
        if mention:
            issued = mention.value
            break
    agency = (byline.group("agency") or byline.group("acronym")).strip() if byline else None
    if agency is None:
        credit = next(
            (
                SOURCE_CREDIT.match(line.text)
                for line in lines[-3:]
                if SOURCE_CREDIT.match(line.text)
            ),
            None,
        )
        agency = credit.group("agency").strip() if credit else None
    return title, issued, agency


def _reads_as_report(lines: list[_Line]) -> bool:
    """Whether a text without page 1 is the body of a report (a portal page that kept only the
    text): numbered sections, a section heading (numbered, or in capitals) on a field or on
    results ("LĨNH VỰC KINH TẾ", "A. Tình hình kinh tế"), and results weighed against the plan
    or the same period ("đạt 99,13% so với kế hoạch").  A plan or a directive also has numbered
    sections, a press report also weighs results: only all three together make a report."""
    data = _data()
    sections = [line for line in lines if SECTION_NUMBER.match(line.text)]
    headed = any(
        (_is_upper(line.text) or SECTION_NUMBER.match(line.text))
        and _opening(SECTION_NUMBER.sub("", line.folded)).startswith(tuple(data["report_headings"]))
        for line in lines
    )
    measures = sum(line.folded.lower().count(m) for line in lines for m in data["report_measures"])
    return len(sections) >= REPORT_MIN_SECTIONS and headed and measures >= REPORT_MIN_MEASURES


# --------------------------------------------------------------------------------------------


def _subject_line(head: list[_Line], recipients_at: int | None) -> tuple[int, int] | None:
    """Where the "V/v" (or "Về việc") subject above "Kính gửi" begins: (line, offset).  A table
    cell of a .docx file puts it after the number on one line ("Số: 12/UBND-VX V/v …"), and a
    flattened page 1 puts "Kính gửi" after it ("V/v … Kính gửi: …")."""
    last = None if recipients_at is None else recipients_at + 1
    for index, line in enumerate(head[:last]):
        text = _drop_stamp_debris(line.text).lstrip("(“\"'")  # "(V/v …)", "“V/v …”"
        if VV.match(text) or VE_VIEC.match(text):
            return index, len(line.text) - len(text)
        inline = VV_INLINE.search(line.text)
        # Only after the number: in a sentence ("… văn bản số 3653/UBND-TNMT, V/v …") it is a
        # press article quoting a công văn.
        if inline and _NUMBER_LABEL.search(line.text, 0, inline.start()):
            return index, inline.start()
    return None


def _vv_subject(head: list[_Line], where: tuple[int, int]) -> str | None:
    """A công văn's subject: the V/v text (its right column cut off) and its wrapped lines; a
    "Kính gửi" on its line ends it there, and brackets or quotes around it are dropped."""
    index, offset = where
    line = head[index]
    recipients = _recipient_at(line)
    end = recipients.start() if recipients and recipients.start() > offset else len(line.text)
    text = re.split(r"\t| \|", line.text[offset:end])[0]  # a table's next cell
    first, _ = _before_place_date(text)
    first = VV.sub("V/v ", first, count=1).strip()
    if first == "V/v" and end == len(line.text) and index + 1 < len(head):
        # "V/v" alone, its text on the next line after a colon: "V/v" / ": Thực hiện …"
        index, first = index + 1, f"V/v {head[index + 1].text.lstrip(' :.')}"
    subject = first or None if end < len(line.text) else _subject_from(head, index, first)
    if subject and offset and line.text[offset - 1] in "(“\"'":  # "(V/v …)", "“V/v …”"
        subject = subject.rstrip(")”\"'")
    return subject


def _quoted_headline(head: list[_Line]) -> tuple[str, str] | None:
    """``(type, subject)`` of a portal headline that names a reprinted document's type and
    quotes its subject ('Thông báo “V/v phòng chống bão số 10”').  Over a page 1 (a place and
    date, "Kính gửi") it is the document's own heading; over narrative prose the same headline
    reports the document, and the text is a press article (never asked here)."""
    for line in head[:NEWS_HEAD_LINES]:
        opened = _type_opening(line.folded)
        quoted = opened and QUOTED_SUBJECT.match(line.text, opened[0])
        if quoted:
            return opened[1], quoted.group("subject").strip()
    return None


def _title_below(head: list[_Line], above: int) -> str | None:
    """The title in capitals right under the number and date lines of a document whose type
    heading was lost ("Số: 41/2019/QĐ-UBND" / "BAN HÀNH QUY ĐỊNH …"); the body's name restated
    under it (the enacting "ỦY BAN NHÂN DÂN TỈNH …") is not part of it."""
    index = above + 1
    if index >= len(head):
        return None
    line = head[index]
    if (
        not _is_upper(line.text)
        or _org_start(line.text)
        or _is_title_fragment(line.text)
        or _without_titles(line.text) != line.text
        or _is_subject_stop(line)
    ):
        return None
    end = next((i for i in range(index + 1, len(head)) if not _is_upper(head[i].text)), len(head))
    return _subject_from(head[:end], index, line.text)


def _issuer_from_signature(signer: Signer | None) -> str | None:
    """The collective a TM. line signs for ("TM. ỦY BAN NHÂN DÂN" → "Ủy ban nhân dân")."""
    if not (signer and signer.on_behalf):
        return None
    match = re.match(
        r"(?:TM\.|T/M|T\.M)\s+(.+?)(?:\s+(?:KT\.|TL\.|TUQ\.|K/T|T/L)\s.*)?$", signer.on_behalf
    )
    return _case_name(match.group(1)) if match else None


def _with_province(issuer: str | None, place: str | None) -> str | None:
    """A provincial body named without its province ("TM. ỦY BAN NHÂN DÂN TỈNH" signs a page
    that lost its header) completed from the place line, which a provincial body dates with its
    province's name ("Bến Tre, ngày …")."""
    if issuer and place in _data()["provinces"] and issuer.split()[-1] == "tỉnh":
        return f"{issuer} {place}"
    return _council_with_province(issuer, place)


def _council_with_province(issuer: str | None, place: str | None) -> str | None:
    """ "ỦY BAN NHÂN DÂN" alone atop the left column, its province only in the place line."""
    province = next((p["name"] for p in provinces() if p["short"] == place), None)
    if issuer in _data()["councils"] and province:
        return f"{issuer} {province[0].lower()}{province[1:]}"
    return issuer


def _with_stamp_name(signer: Signer | None, text: str) -> Signer | None:
    """The signer's name from an e-signature stamp when the block has none."""
    if signer and signer.name:
        return signer
    stamp = STAMP_SIGNER.search(text)
    name = _person_name(stamp.group("name").strip()) if stamp else None
    if not name:
        return signer
    assert stamp is not None
    if signer is None:
        return Signer(name, None, None, stamp.start("name"), stamp.end("name"))
    return replace(signer, name=name)


def extract_header(text: str) -> Header:
    """What page 1 and the signature block say about the document itself."""
    lines = _from_header_block(_lines(text))
    head_end = _head_length(lines)
    head = lines[:head_end]

    recipients_at = _find_recipients_line(head)
    vv_where = _subject_line(head, recipients_at)
    vv_at = vv_where[0] if vv_where else None
    # The type heading, number and issuer all stand above the V/v line and "Kính gửi".
    bound = min(i for i in (recipients_at, vv_at, 30, len(head)) if i is not None)
    heading = _find_heading(head, bound)
    top = heading[0] if heading else bound
    number = _find_number(head, top)
    place_date = _find_place_date(head)
    stops = [i for i in (number and number.line, place_date and place_date.line) if i is not None]
    levels = _issuer_levels(head, min([*stops, top]))
    if not levels and place_date:
        # The right column read first (a PDF read column by column): the left column stands
        # between the place-and-date line and the number.
        levels = _issuer_levels(head, min(number.line, top) if number else top)
    issuer, parent = _issuer_from_levels(levels)

    doc_type = subject = None
    titled = _titled_document(head) if number is None else None
    if titled:
        # A portal title names the document that follows without page 1.
        number = _Number(0, titled.number, None)
        doc_type, subject = titled.doc_type, titled.subject
        issuer = issuer or titled.issuer
    elif heading:
        # "QUYẾT ĐỊNH CỦA UBND TỈNH HƯNG YÊN": the rest names who issues it, the subject follows.
        rest = "" if _ISSUED_BY.match(heading[2]) else heading[2]
        doc_type, subject = heading[1], _subject_from(head, heading[0], rest)
    elif vv_where is not None:
        doc_type, subject = "công văn", _vv_subject(head, vv_where)
    elif number and number.value:
        # A number without a type code ("4806/UBND-KGVX") is a công văn's.
        doc_type = doc_type_by_abbr().get(number.type_code or "", "công văn")
        if doc_type != "công văn":
            subject = _title_below(head, max(number.line, place_date.line if place_date else 0))
    elif place_date or recipients_at is not None:
        # Page 1 without a heading: a reprint whose portal headline names its type.
        doc_type, subject = _quoted_headline(head) or (None, None)

    issued = place_date.issued if place_date else None
    noted = _own_number_noted(lines) if number is None else None
    if noted:
        # "(Theo Công văn số 6012/UBND-KT, ngày 14/11/2023)" under a portal's copy of its text
        number = _Number(noted.line, noted.number, None)
        issued, doc_type = noted.issued, noted.doc_type or doc_type or "công văn"
        if subject and noted.note in subject:
            subject = subject.replace(noted.note, "").rstrip(" .") or None
    signer = None
    has_header = bool(doc_type or number or issuer or place_date)
    # An issuer read from a line in capitals alone is no header where the page shows a news
    # item's signs (a time-stamped date line, a byline): a caps headline names bodies too.
    press = None if (doc_type or number or place_date) else _press(lines)
    if not press:
        signer = _with_stamp_name(_find_signer(lines, head_end), text)
        if not has_header and _reads_as_report(lines):
            doc_type = "báo cáo"
        elif not (has_header or signer):
            press = _press(lines, marked=False)
            if (
                press is None
                and lines
                and _is_paragraph(lines[0].text)
                and not _shows_national_title(lines)
            ):
                # Prose from its first line, no header, no signature: an article kept from its
                # lead or its middle ("Những năm qua, Đảng bộ huyện …"), whose title was lost.
                doc_type = "bài báo"
    typed = press and press[0] and _kept_document(lines) and _type_opening(fold(press[0]).lower())
    if typed:
        # A page that kept a document without its header, under its title: "Báo cáo tình hình
        # công tác tuần …", "Kế hoạch Chương trình … năm 2014".
        doc_type, subject = typed[1], press[0]
    elif press and noted:
        subject = subject or press[0]  # a portal's copy of a document, its number in a note
        issuer = issuer or _issuer_from_body(text, doc_type)
    elif press:
        doc_type, issuer, signer = "bài báo", press[2], None
        subject, issued = press[0], press[1]
    elif issuer is None:
        issuer = (
            _issuer_of_cable(head, recipients_at)
            or _issuer_from_body(text, doc_type)
            or _issuer_from_signature(signer)
        )
        issuer = _with_province(issuer, place_date.place if place_date else None)
    else:
        issuer = _council_with_province(issuer, place_date.place if place_date else None)

    return Header(
        doc_type=doc_type,
        number=number.value if number else None,
        issuer=issuer,
        parent_issuer=parent,
        place=place_date.place if place_date else None,
        issued_date=issued.isoformat() if issued else None,
        year=place_date.year if place_date else (issued.year if issued else None),
        subject=subject,
        urgency=_find_urgency(head, (recipients_at or bound) + 1),
        recipients=_find_recipients(head, recipients_at),
        signer=signer,
    )
