"""Reported figures: counts, amounts and rates, with what they count, where and when.

A figure in a report is a number followed by what it counts (``4.923 trường hợp``, ``74,8%``,
``259,5 tỷ đồng``); a number with no counted noun after it is a label, a date or a code and is
left out (:mod:`extract.numbers` already drops dates, document numbers, times and phones).
For each figure the extractor reads:

- the unit, from the unit lexicon (``extract/data/units.json``); money always in đồng with the
  scale applied, rates as ``người/ngày``, enumerations as one unit (``tỉnh, thành phố``);
- the indicator, a short lower-case phrase: the counted noun and the words that qualify it
  (``ca tử vong``); when the noun stands alone, the label the clause gives before the number
  (``Số trường hợp cách ly: 15 trường hợp``, ``với sức chứa 2.500 giường``), or the figure it
  is attached to or breaks down (``106 khu với 16.740 hộ``, a per-district footnote);
- ``as_of``, from ``tính đến / lũy kế đến (hết) ngày …`` before the figure in its sentence, or
  from a preamble that gives the status date and no figure ("… tính đến 17 giờ, ngày …. Sở
  báo cáo như sau:"); None when the text gives no date (readers fall back to the document's
  date);
- the area named nearest in the clause, ``cả nước`` → Việt Nam, else the issuing body's area;
- the qualifier (about, more_than …, or ``lũy kế``) and a change (tăng/giảm).

Goals and norms are not results: a figure shortly after ``phấn đấu``, ``dự kiến``, ``cần``,
``phải`` …, in a clause opened by a condition (``Đối với …``) or followed by ``trở lên`` is left
out, and so are numbers inside quotation marks (slogans such as “3 tại chỗ”), the limit of a ban
(``tạm dừng … tập trung trên 20 người``) and the image links of a web page.  A count whose unit
is left out takes it from its label (``Tổng số hộ cận nghèo: 18.160``) or, in a breakdown by
place in brackets, from the total it breaks down (``172 căn nhà (Yên Bái 2, Hòa Bình 7)``).
Table rows (TAB-separated, as the PDF reader writes them, or aligned with runs of spaces) give
one figure per numeric cell, with the row and column headers as indicator.  A figure restated later keeps
every occurrence; they share a ``group_key`` so that charts count it once.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import takewhile

from rapidfuzz.distance import Levenshtein

from extract.dates import ANY_DATE, find_dates, iso, last_day
from extract.lexicon import load
from extract.model import Header, Statistic
from extract.numbers import RANK_LEAD, NumberMention, covering, find_numbers, parse_number, scaled
from ingest.diacritics import without_tones
from ingest.normalize import fold

_UNITS = load("units")
_WORDS = load("statistics_lexicon")


def _alternation(words: list[str]) -> str:
    """A regex alternation of ``words``, longest first, a space matching any blank."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _as_listed(written: str) -> str:
    """A phrase that an ``_alternation`` matched, as its word list spells it: lower case, one
    space between words."""
    return re.sub(r"\s+", " ", written.lower())


def _words_regex(words: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Any of ``words`` as whole words."""
    return re.compile(rf"(?<!\w)(?:{_alternation(words)})(?!\w)", flags)


# The end of a word; a footnote mark may follow it ("46.822 khẩu²").
_WORD_END = r"(?![^\W¹²³⁴⁵⁶⁷⁸⁹⁰])"
# Surface form (lower-case) → canonical unit.
_UNIT_OF = {form: unit for unit, forms in _UNITS["units"].items() for form in forms}
_UNIT_FORM = re.compile(rf"(?:{_alternation(list(_UNIT_OF))}){_WORD_END}", re.IGNORECASE)
# The same forms as OCR leaves them when it loses their tones, for those no other form shares.
_TONELESS_FORMS = Counter(without_tones(form) for form in _UNIT_OF)
_TONELESS_UNIT_OF = {
    without_tones(form): form
    for form in _UNIT_OF
    if without_tones(form) != form and _TONELESS_FORMS[without_tones(form)] == 1
}
_TONELESS_UNIT_FORM = re.compile(
    rf"(?:{_alternation(list(_TONELESS_UNIT_OF))}){_WORD_END}", re.IGNORECASE
)
# How far after a number such a form is looked for: the longest form, with room for the blanks
# that a line break or a doubled space puts between its words.
_TONELESS_REACH = max(map(len, _UNIT_OF)) + 10
# The next noun of an enumeration unit: "xã, phường, thị trấn", "doanh nghiệp và các cá nhân".
_LIST_ITEM = re.compile(
    rf"(?:\s*,\s*|\s+(?:và\s+)?(?:các\s+)?)(?P<item>{_alternation(_UNITS['lists'])}){_WORD_END}",
    re.IGNORECASE,
)
_MONEY = re.compile(rf"(?:{_alternation(_UNITS['money'])}){_WORD_END}", re.IGNORECASE)
_PERCENT = re.compile(rf"[ \t]*(?:{_alternation(_UNITS['percent'])})", re.IGNORECASE)
# "/ngày" after a unit makes a rate: "50 người/ngày", "20 triệu đồng/m2".
# A rate may run on ("45 kg/người/6 tháng") and its period may be counted ("/6 tháng").
_RATE = re.compile(
    rf"\s?/\s?(?P<per>(?:\d+\s*)?(?:{_alternation(_UNITS['rate_per'])})){_WORD_END}", re.I
)
# Words right before the number that bound or move it: "khoảng 30 khu", "tăng gấp 10 lần".
_QUALIFIER = re.compile(rf"(?:^|\s)(?P<q>{_alternation(list(_WORDS['qualifiers']))})\s*$", re.I)
_CHANGE = re.compile(
    rf"(?:^|\s)(?P<c>{_alternation(list(_WORDS['change_words']))})(?:\s+(?:gấp|thêm))?\s*$", re.I
)
# "tăng 8,5% so với cùng kỳ": what a change is measured against.
_COMPARISON = re.compile(rf"\s*(?P<c>{_alternation(_WORDS['comparisons'])})(?!\w)", re.IGNORECASE)
_TARGET = _words_regex(_WORDS["target_words"])
# A numbered heading ("2. Mục tiêu", "II. NHIỆM VỤ", "b) Mục tiêu cụ thể") and whether it
# heads goals.
_HEADING = re.compile(r"^[ \t]*(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])[.)][ \t]+(?=\w)", re.MULTILINE)
_GOAL_HEADING = re.compile(rf"(?:{_alternation(_WORDS['goal_headings'])})(?!\w)", re.IGNORECASE)
_CONDITIONAL = re.compile(rf"^\W*(?:{_alternation(_WORDS['conditional_openers'])})(?!\w)", re.I)
_THRESHOLD = re.compile(
    rf"^(?:\s+\w+){{0,4}}?\s+(?:{_alternation(_WORDS['threshold_tails'])})(?!\w)", re.I
)
# A bound in a clause that bans or limits something is the rule's threshold, not a count.
_PROHIBITION = _words_regex(_WORDS["prohibitions"])
_BOUNDS = frozenset({"more_than", "less_than", "at_most", "at_least"})
_BASE = re.compile(rf"(?:{_alternation(_WORDS['comparison_bases'])})(?!\w)", re.IGNORECASE)
_CUMULATIVE = _words_regex(_WORDS["cumulative"])
_CURRENT = _words_regex(_WORDS["current"])
_NATION = _words_regex(_WORDS["nation"])
_STOP = frozenset(_WORDS["stop_words"])
_CHANGE_WORDS = frozenset(_WORDS["change_words"])
# Linking words trimmed from either end of a label.
# "chỉ" is "only" ("chỉ còn 2 ca"), but not in "chỉ số", "chỉ tiêu" (an index, a target).
_FILLER = re.compile(
    rf"^(?:{_alternation(_WORDS['filler_words'])})(?:[\s,]+|$)(?!(?<=chỉ )(?:số|tiêu)(?!\w))",
    re.IGNORECASE,
)
_FILLER_END = re.compile(rf"(?:^|\s+)(?:{_alternation(_WORDS['filler_words'])})$", re.IGNORECASE)
_MONEY_NOUN = re.compile(rf"(?:{_alternation(_WORDS['money_nouns'])})(?!\w)", re.IGNORECASE)
# Where a label starts inside a longer clause: "…, số lượng ca mắc mới tăng gấp 10 lần"; "số"
# alone only before a word (not "dân số", "chỉ số", not "số 17/NQ-CP").
_LABEL_OPENER = re.compile(
    r"(?<!\w)(?:số lượng|tổng số|tỷ lệ|(?<!dân )(?<!con )(?<!chỉ )số(?= [^\W\d]))(?!\w)",
    re.IGNORECASE,
)
# A verb that makes the words before it the subject of a new clause, not qualifiers of the
# figure before them (a comma left out: "… 62,58 tạ/ha sản lượng đạt 719,67 tấn").
_NEXT_SUBJECT = frozenset({"đạt"})
# A number next, perhaps bounded: what a change word before it moves ("tăng thêm 105 con",
# "giảm gần 2 tấn"), unlike "cơ sở điều trị tăng cường với 1.149 giường".
_NUMBER_NEXT = re.compile(
    rf"(?:\s+(?:thêm|gấp|{_alternation(list(_WORDS['qualifiers']))}))?\s+\d", re.IGNORECASE
)
# Words that are skipped, not ended at, after a counted noun ("03 Tiểu ban để tham mưu …").
_SKIPPED = frozenset({"để"})
# Periods and places inside a label are fields of their own, not part of the indicator.
_PERIOD_WORDS = re.compile(
    r"(?<!\w)(?:tính\s+)?(?:từ\s+đầu\s+năm(?:\s+\d{4})?|đến\s+(?:hết\s+)?(?:nay|thời điểm báo cáo|ngày)"
    r"|trên địa bàn|trên toàn quốc|cả nước|toàn quốc)(?!\w)",
    re.IGNORECASE,
)
_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# "huyện Trần Văn Thời", "tỉnh Cà Mau", "thành phố Cà Mau": an administrative unit by its name.
_AREA = re.compile(
    rf"(?<!\w)(?P<kind>[Tt]ỉnh|[Hh]uyện|[Tt]hành phố|[Tt]hị xã|[Qq]uận|[Xx]ã|[Pp]hường|[Tt]hị trấn)"
    rf"\s+(?P<name>[{_UPPER}]\w*(?:\s+[{_UPPER}]\w*)*)"
)
# "trên địa bàn tỉnh", "toàn tỉnh": the document's own area, unnamed.
_OWN_AREA = re.compile(
    r"(?<!\w)(?:trên địa bàn|toàn)\s+(?:tỉnh|huyện|thành phố|thị xã)(?!\s+[A-ZĐ])"
)
# "đến hết ngày", "tính đến 17h ngày": what comes before the date a count runs to, matched on
# folded text, as a PDF may lose the marks ("tinh đên 17 giơ 00, ngay 04/11/2010").
_AS_OF_LEAD = re.compile(
    r"(?P<reckoned>tinh\s+)?(?:den|toi)\s+(?:het\s+)?"
    r"(?:\d{1,2}\s*(?:h|gio)\s*\d{0,2}\s*(?:phut\s*)?,?\s*)?(?:ngay\s*)?$",
)
# "đến hết năm 2019", "tính đến cuối tháng 9/2022": a count that runs to the end of a year or a
# month, on folded text like _AS_OF_LEAD.
_PERIOD_END = re.compile(
    r"(?P<reckoned>tinh\s+)?(?:den|toi)\s+(?:het|cuoi)\s+(?:nam\s+(?P<year>(?:19|20)\d{2})"
    r"|thang\s+(?P<month>\d{1,2})\s*(?:/|nam)\s*(?P<month_year>(?:19|20)\d{2}))(?!\d)"
)
# A title "… từ ngày 18/6 đến ngày 24/6/2022": the report covers a period.
_PERIOD_TITLE = re.compile(
    r"(?<!\w)từ\s+(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}[^\n]{0,40}?\sđến\s", re.IGNORECASE
)
# Sentence ends: a full stop before a capital or a digit, a blank line, a new list item.
_SENTENCE_END = re.compile(
    rf"(?<=[.!?])\s+(?=[{_UPPER}\d*(\"“\-])|\n\s*\n"
    r"|\n(?=\s*(?:[-+*•]|\d+(?:\.\d+)*[.)]\s|[a-zđ]\)|[IVX]+\.))"
)
# The longest sentence of the corpus has 1,250 characters; a longer run without a full stop is
# a table or junk, read in pieces of this size.
_LONGEST_SENTENCE = 2000
# A bare count in a breakdown takes the indicator of a figure of its unit this close before it.
_BREAKDOWN_REACH = 3000
# Inside a sentence, a label ends at these; a single line break is only PDF wrapping.
_CLAUSE_BREAK = re.compile(r"[;:()]|\n\s*\n")
_CLAUSE_START = re.compile(r"[;(]|\n\s*\n")
# A name in quotes (“Trồng một tỷ cây xanh”), which a PDF may wrap over two lines.
_QUOTED = re.compile(r"“(?:[^”\n]|\n(?!\s*\n)){0,80}”|\"(?:[^\"\n]|\n(?!\s*\n)){0,80}\"")
# "theo Nghị quyết số 37/NQ-CP …" at the end of a label is its legal basis, not what it counts.
_DOC_REFERENCE = re.compile(
    r"\s(?:theo|tại)\s+(?:các\s+)?(?:Nghị|Quyết|Chỉ|Công|Thông|Kế|Luật)\b.*$", re.IGNORECASE
)
# A place name alone before a count in a bracket: "(Yên Bái 2, Hòa Bình 7", "(Hà Giang: 166"
# – the name follows the bracket or a separator and every word of it is capitalised.
_PLACE_BEFORE = re.compile(rf"[(,;]\s*(?:[{_UPPER}]\w*\s*)+:?\s*$")
# Between a total and its breakdown, the rest of its phrase: "36 phương tiện bị lật, chìm (".
_BREAKDOWN_JOINT = re.compile(r"[^\d;:()]{0,60}")
# A count that ends its item: nothing counted is written after it (a breakdown may follow).
_BARE_ITEM_END = re.compile(r"\s*(?:[,;()]|\.(?!\d)|\n|$)")
# "Tổng số hộ cận nghèo:", "số nhà bị sập là", a clause opening "nhà bị tốc mái là": a label
# that names what it counts.
_COUNT_LABEL = re.compile(
    rf"(?:^\W*|(?<!\w)(?:tổng\s+số|số\s+lượng|số)\s+)(?P<noun>{_UNIT_FORM.pattern})[^:;]{{0,60}}"
    r"(?::|\s+là)\s*$",
    re.IGNORECASE,
)
# An image link of the page ("![[Infographic] 5 điểm mới …](/file/….jpg)") runs to the end of
# its line: the title of another article, not this text's figure.
_IMAGE_LINK = re.compile(r"!\[[^\n]*")
_TABLE_CELLS = re.compile(r"\t| {2,}")
# A table cell that is one figure: "218", "2.275,23", "94,3%".
_CELL_FIGURE = re.compile(r"(?P<number>\d[\d.,]*)\s*(?P<percent>%)?")
# Column headers that add nothing to a row label.
_GENERIC_COLUMN = re.compile(r"(?:số lượng|số liệu|kết quả|giá trị|tổng|số|ghi chú)", re.IGNORECASE)


@dataclass
class _Found:
    """A figure while its context is read; becomes a Statistic."""

    number: NumberMention
    start: int
    end: int
    unit: str
    noun: str  # the counted noun as the indicator should say it
    modifiers: str  # the words after the counted noun that qualify it
    phrase_end: int  # where those words end
    label: str  # what the clause says before the number
    label_names: bool  # the label names the figure ("Số ca: 5 ca", "với sức chứa 2.500 giường")
    qualifier: str | None
    change: str | None
    sentence: tuple[int, int]
    indicator: str = ""


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans; one longer than ``_LONGEST_SENTENCE`` is cut at a space before it, so
    that the work done for each figure, which reads its sentence, stays bounded."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.extend(_bounded(text, start, match.start()))
        start = match.end()
    spans.extend(_bounded(text, start, len(text)))
    return spans


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    while end - start > _LONGEST_SENTENCE:
        cut = text.rfind(" ", start + _LONGEST_SENTENCE // 2, start + _LONGEST_SENTENCE)
        cut = cut if cut > start else start + _LONGEST_SENTENCE
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


def _clean(phrase: str) -> str:
    """One line, single spaces, no surrounding punctuation (a closing bracket that closes stays)."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.;:-–+*“”\"'")
    while (
        phrase.startswith("(")
        and ")" not in phrase
        or phrase.endswith("(")
        or (phrase.endswith(")") and phrase.count("(") < phrase.count(")"))
    ):
        phrase = phrase[1:] if phrase.startswith("(") else phrase[:-1]
        phrase = phrase.strip(" ,.;:-–+*“”\"'")
    return phrase


def _strip_fillers(phrase: str) -> str:
    """Drop linking words at either end: "đã thực hiện hỗ trợ cho" → "hỗ trợ"."""
    previous = None
    while phrase != previous:
        previous = phrase
        phrase = _clean(_FILLER_END.sub("", _clean(_FILLER.sub("", phrase))))
    return phrase


def _clause_start(text: str, sentence_start: int, position: int) -> int:
    breaks = list(_CLAUSE_START.finditer(text, sentence_start, position))
    return breaks[-1].end() if breaks else sentence_start


# One letter away from a word shorter than this is another word (ha, nhà), not a slip.
_SHORTEST_SLIP = 5


def _typing_slip(text: str, position: int, surface: str) -> str | None:
    """The noun the paragraph counts ("Lũy tích số trường hợp …") when the noun after a number
    is one letter away from it ("3.452 trường học"): a typing error, not another unit.  A
    paragraph is read at most a sentence's length either side of the figure.  Short words
    and measures are never slips: "28.648ha" in a paragraph about "số nhà" is hectares."""
    if len(surface) < _SHORTEST_SLIP or _UNIT_OF[surface] in _UNITS["measures"]:
        return None
    reach = max(0, position - _LONGEST_SENTENCE)
    start = text.rfind("\n", reach, position) + 1 or reach
    end = text.find("\n", position, position + _LONGEST_SENTENCE)
    paragraph = text[start : end if end >= 0 else position + _LONGEST_SENTENCE]
    written = fold(surface)
    for match in re.finditer(rf"(?<!\w)số\s+({_UNIT_FORM.pattern})", paragraph, re.IGNORECASE):
        form = _as_listed(match.group(1))
        named = fold(form)
        if named != written and len(form.split()) == len(surface.split()):
            if Levenshtein.distance(named, written) <= 1:
                return form
    return None


def _unit_without_tones(text: str, at: int) -> tuple[str, int] | None:
    """``(form, end)`` of a unit whose tone marks OCR lost ("240 giương bênh", "62/63 tinh"),
    when the words read carry no tone at all (so "5 cá" stays fish, not "ca")."""
    window = text[at : at + _TONELESS_REACH]
    match = _TONELESS_UNIT_FORM.match(without_tones(window))
    # without_tones keeps every letter in its place, so what it matched is the text as written
    # exactly when that text carries no tone.
    if match is None or match.group(0) != window[: match.end()]:
        return None
    return _TONELESS_UNIT_OF[_as_listed(match.group(0))], at + match.end()


def _unit_after(text: str, position: int, previous_word: str) -> tuple[str, str, int] | None:
    """``(unit, noun, end)`` of what the number at ``position`` counts, or None."""
    if match := _PERCENT.match(text, position):
        return "%", "%", match.end()
    at = position + len(re.match(r"[ \t]*", text[position:]).group(0))
    match = _UNIT_FORM.match(text, at)
    money = _MONEY.match(text, at)
    if money and not (match and match.end() > money.end()):  # "34 đồng chí" counts people
        unit, end = _rate("đồng", text, money.end())
        return unit, "đồng", end
    if match:
        written, end = _as_listed(match.group(0)), match.end()
    elif lost := _unit_without_tones(text, at):
        written, end = lost
    else:
        return None
    noun = _typing_slip(text, at, written) or written
    unit = _UNIT_OF[noun]
    if unit in _UNITS["after_multiplier"] and previous_word not in _UNITS["after_multiplier"][unit]:
        return None
    if unit in _UNITS["lists"]:
        # "21 xã, phường" lists kinds; "63 tỉnh thành", with no comma nor "và", is one noun
        items, compound = [unit], True
        while item := _LIST_ITEM.match(text, end):
            items.append(item.group("item").lower())
            compound = compound and not text[end : item.start("item")].strip()
            end = item.end()
        unit = noun = (" " if compound else ", ").join(items)
    unit, end = _rate(unit, text, end)
    return unit, noun, end


def _rate(unit: str, text: str, end: int) -> tuple[str, int]:
    """``unit`` with what it is counted per: "người/ngày", "kg/người/6 tháng"."""
    while rate := _RATE.match(text, end):
        per = " ".join(rate.group("per").lower().split())
        unit, end = f"{unit}/{per}", rate.end()
    return unit, end


def _modifiers(
    text: str, position: int, limit: int = 6, stops: frozenset[str] = _STOP, commas: bool = False
) -> tuple[str, int]:
    """The words that qualify a counted noun, up to a preposition, a number or punctuation.

    With ``commas`` a comma does not end the phrase ("100% các bản, khu phố thành lập"): after
    a percentage the phrase is the population it is a share of. What follows the last comma is
    given back when it goes on to a figure or a change of its own ("65% diện tích, huyện B cấy
    được 60%", "tăng 7,24%, tổng mức bán lẻ tăng 11,6%"): it is the next figure's.
    """
    words: list[str] = []
    end = position
    before_comma: tuple[int, int] | None = None  # (words, end) where the last comma was
    for match in re.finditer(r",?[ \t]+([\w\-/“”\"]+)", text[position : position + 200]):
        if match.start() != end - position or (match.group(0).startswith(",") and not commas):
            break
        word = match.group(1).strip('“”"')
        if word.lower() in _NEXT_SUBJECT and not match.group(0).startswith(","):
            # "năng suất đạt 62,58 tạ/ha sản lượng đạt 719 tấn": the next figure's subject
            return "", position
        if word.lower() in _CHANGE_WORDS and _NUMBER_NEXT.match(text, position + match.end()):
            if before_comma:
                # "tăng 7,24%, tổng mức bán lẻ tăng 11,6%": after the comma, the next figure's
                words, end = words[: before_comma[0]], before_comma[1]
            break  # "1.450 con tăng 105 con": the change is a figure of its own
        if match.group(0).startswith(","):
            before_comma = (len(words), end)
        if word[:1].isdigit() and before_comma:
            # "65% diện tích, huyện Mỹ Lộc cấy được 60%": the next figure's, after the comma
            words, end = words[: before_comma[0]], before_comma[1]
            break
        if not word or word.lower() in stops or word[0].isdigit() or len(words) >= limit:
            break
        end = position + match.end()
        if word.lower() in _SKIPPED:
            continue
        if match.group(0).startswith(",") and words:
            words[-1] += ","
        words.append(word)
    return re.sub(r"^(?:các|những)\s+", "", _clean(" ".join(words))), end


def _without_context(phrase: str) -> str:
    """The phrase without dates, areas and period words."""
    for pattern in (ANY_DATE, _AREA, _OWN_AREA, _CUMULATIVE, _PERIOD_WORDS):
        phrase = pattern.sub(" ", phrase)
    return _clean(phrase)


# "chỉ số giá tiêu dùng tăng thấp hơn cùng kỳ 3,4%": how the figure compares, not what it is.
_COMPARED_AT_END = re.compile(
    r"\s+(?:cao|thấp|nhiều|ít)\s+hơn\s+(?:so với\s+)?cùng kỳ\s*$",
    re.IGNORECASE,
)
_CHANGE_AT_END = re.compile(rf"\s(?:{'|'.join(sorted(_CHANGE_WORDS, key=len, reverse=True))})\s*$")


def _label_before(text: str, start: int, floor: int) -> tuple[str, bool]:
    """What the clause says before the number, and whether it names the figure.

    ``"Số trường hợp cách ly: 15 trường hợp"`` → ``("trường hợp cách ly", True)``;
    ``"với sức chứa 2.500 giường"`` → ``("sức chứa", True)``; ``"đã điều trị khỏi cho 2.398
    bệnh nhân"`` → ``("điều trị khỏi", False)``: a verb phrase, said of the counted noun.
    """
    segment = text[floor:start]
    parts = _CLAUSE_BREAK.split(segment)
    raw = parts[-1]
    if len(parts) > 1 and segment.rstrip().endswith(":") and not _strip_fillers(raw):
        raw = parts[-2] + ":"
    elif len(parts) > 1 and not re.search(r"[^\W\d]", raw):
        raw = parts[-2] + ":"  # "Tiêm phòng … là: 971/876 = 110,8%": the label before the sum
    # "Kinh tế tăng trưởng cao hơn cùng kỳ, GRDP tăng 7,07%": after a comma, a subject and its
    # change are a clause of their own.
    raw = _COMPARED_AT_END.sub("", raw)
    _, comma, tail = raw.rpartition(",")
    if comma and _CHANGE_AT_END.search(tail) and len(tail.split()) >= 2:
        raw = tail
    names = bool(re.search(r"(?:\s(?:là|đạt|bằng)|:)\s*$", raw) or re.match(r"\s*với\s", raw))
    if openers := list(_LABEL_OPENER.finditer(raw)):
        raw, names = raw[openers[-1].start() :], True
    elif with_ := list(re.finditer(r"(?<!\w)với\s", raw)):
        raw, names = raw[with_[-1].end() :], True
    label = _DOC_REFERENCE.sub("", " " + _strip_fillers(_without_context(raw))).strip()
    return " ".join(label.split()[-10:]), names


def _is_goal(text: str, sentence_start: int, start: int, unit_end: int) -> bool:
    """A target, a norm or a condition rather than a result.

    "phấn đấu đến ngày 15/12, 75% …", "cần đảm bảo tối thiểu 100 giường", "mức vay dự kiến 40
    triệu đồng": a goal word among the few words before the figure; "Đối với các huyện có dưới
    100 nghìn người": a clause that opens with a condition; "từ 200 giường trở lên": a threshold.
    """
    clause = text[_clause_start(text, sentence_start, start) : start]
    near = " ".join(ANY_DATE.sub(" ", clause).split()[-8:])
    if _TARGET.search(near):
        return True
    if _CONDITIONAL.search(clause) and len(clause.split()) <= 15:
        return True
    return bool(_THRESHOLD.match(text[unit_end : unit_end + 60]))


def _as_of(
    text: str, sentence_start: int, start: int, year: int | None, reckoned: bool = False
) -> str | None:
    """The date the sentence counts to, written before the figure ("Lũy kế đến hết ngày …");
    with ``reckoned``, only a date "tính đến" (the status date of a report's preamble)."""
    best, best_end = None, -1
    window = text[sentence_start:start]
    for mention in find_dates(window, default_year=year):
        lead = _AS_OF_LEAD.search(fold(window[max(0, mention.start - 40) : mention.start]))
        if mention.value and lead and (lead.group("reckoned") or not reckoned):
            best, best_end = mention.value, mention.end
    # "đến hết năm 2019", "tính đến cuối tháng 9/2022": the last day of that year or month.
    for period in _PERIOD_END.finditer(fold(window)):
        month = int(period.group("month") or 12)
        if (
            period.end() > best_end
            and (period.group("reckoned") or not reckoned)
            and 1 <= month <= 12
        ):
            year_ = int(period.group("year") or period.group("month_year"))
            best = last_day(year_, month)
            best_end = period.end()
    return iso(best)


def _area_name(match: re.Match[str]) -> str:
    return f"{match.group('kind').lower()} {match.group('name')}"


@dataclass
class _Read:
    """What the figures of one sentence or clause share, read once for all of them (a sentence
    of hundreds of figures costs no more per figure than one of a few)."""

    sentences: dict[tuple[int, int], str] = field(default_factory=dict)  # each one's text
    areas: dict[tuple[int, int], list[tuple[int, int, str]]] = field(default_factory=dict)
    nation: dict[tuple[int, int], bool] = field(default_factory=dict)


def _area(text: str, found: _Found, default: str | None, read: _Read) -> str | None:
    """The place named nearest the figure in its clause, the nation, or the document's area."""
    sentence_start, sentence_end = found.sentence
    clause_start = _clause_start(text, sentence_start, found.start)
    clause_end = sentence_end
    if stop := _CLAUSE_START.search(text, found.end, sentence_end):
        clause_end = stop.start()
    clause = (clause_start, clause_end)
    if clause not in read.areas:
        read.areas[clause] = [
            (m.start(), m.end(), _area_name(m)) for m in _AREA.finditer(text, *clause)
        ]
    nearest, distance = None, len(text)
    for start, end, name in read.areas[clause]:
        gap = found.start - end if end <= found.start else start - found.end
        if 0 <= gap < distance:
            nearest, distance = name, gap
    if nearest:
        return nearest
    if found.sentence not in read.nation:
        read.nation[found.sentence] = bool(_NATION.search(text, sentence_start, sentence_end))
    return "Việt Nam" if read.nation[found.sentence] else default


def _document_area(text: str, header: Header) -> str | None:
    """The area the document reports on: its issuer's, else the first "trên địa bàn tỉnh X"."""
    for source in (header.issuer, header.parent_issuer):
        # "UBND TỈNH BẮC GIANG", "Ủy ban nhân dân TỈNH BẮC GIANG": capitals as a name is written
        for spelling in (source, source.title()) if source else ():
            if match := _AREA.search(spelling):
                return _area_name(match)
    match = re.search(r"(?:trên địa bàn|toàn)\s+" + _AREA.pattern, text)
    return _area_name(match) if match else None


def _read_figure(
    text: str,
    number: NumberMention,
    sentence: tuple[int, int],
    floor: int,
    given: tuple[str, str, int] | None = None,
) -> _Found | None:
    """The figure ``number`` is, with the unit written after it or, for a count whose unit is
    left out, the unit ``given`` by its context."""
    before = text[max(sentence[0], number.start - 40) : number.start]
    previous_word = (re.findall(r"\w+", before) or [""])[-1].lower()
    unit = given or _unit_after(text, number.end, previous_word)
    if unit is None:
        return None
    unit_name, noun, unit_end = unit
    if number.in_words and unit_name == "%":
        return None
    if number.value < _UNITS["min_value"].get(unit_name.split("/")[0], 0):
        return None
    if unit_name == "đồng" and (number.value == 0 or (number.scale == 1 and number.value < 1000)):
        # "gian hàng 0 đồng" is a name; a bare "5 đồng" is no amount in a report.
        return None
    if _is_goal(text, sentence[0], number.start, unit_end):
        return None
    if unit_name not in ("%", "đồng", *_UNITS["measures"]) and re.fullmatch(
        r"\d{1,3}(?:,\d{3})+", number.text
    ):
        # "1,234 ca": nobody counts a fraction of a case; English thousands (or OCR) it is.
        number = replace(number, value=float(number.text.replace(",", "")))
    if unit_name == "%":
        modifiers, phrase_end = _modifiers(
            text, unit_end, limit=8, stops=(_STOP - {"trên"}) | _CHANGE_WORDS, commas=True
        )
    elif unit_name in _UNITS["after_multiplier"]:
        modifiers, phrase_end = "", unit_end
    else:
        modifiers, phrase_end = _modifiers(text, unit_end)
    start = number.start
    qualifier = change = None
    if match := _QUALIFIER.search(before):
        qualifier = _WORDS["qualifiers"][_as_listed(match.group("q"))]
        start = number.start - (len(before) - match.start("q"))
        clause = text[_clause_start(text, sentence[0], start) : start]
        if qualifier in _BOUNDS and _PROHIBITION.search(clause):
            return None  # "tạm dừng … tập trung trên 20 người": the limit of a ban
    if match := _CHANGE.search(before):
        change = _WORDS["change_words"][_as_listed(match.group("c"))]
    if compared := _COMPARISON.match(text, phrase_end):
        qualifier = qualifier or _as_listed(compared.group("c"))
        phrase_end = compared.end()  # the next label starts after "so với kế hoạch"
    label, label_names = _label_before(text, start, max(floor, sentence[0]))
    return _Found(
        number=number,
        start=start,
        end=unit_end,
        unit=unit_name,
        noun=noun,
        modifiers=modifiers,
        phrase_end=phrase_end,
        label=label,
        label_names=label_names,
        qualifier=qualifier,
        change=change,
        sentence=sentence,
    )


def _indicator(found: _Found, previous: list[_Found], text: str) -> str:
    """A short lower-case phrase for what the figure counts."""
    if previous and _restates(previous[-1], found, text):
        return previous[-1].indicator
    if previous and _SAME_PERIOD_BEFORE.fullmatch(text, previous[-1].phrase_end, found.start):
        # "GRDP tăng 7,07% (cùng kỳ 6,64%)": the same figure a year before
        return f"{previous[-1].indicator} cùng kỳ"
    modifiers, label, noun = found.modifiers.lower(), found.label.lower(), found.noun
    unit_word = found.unit.split("/")[0]
    subject = _subject(found, previous)
    if found.unit == "%":
        if modifiers and subject and _BASE.match(modifiers):
            # "tổng thu … gần 327 tỷ đồng, đạt 107% dự toán năm": a share of the plan
            phrase = f"tỷ lệ {subject.indicator} so với {modifiers}"
        elif modifiers:
            phrase = f"tỷ lệ {modifiers}"
        elif "tỷ lệ" in label:
            phrase = label[label.index("tỷ lệ") :]
        elif label:
            phrase = f"tỷ lệ {label}"
        elif subject:
            # "Tổng thu đạt 12.345 tỷ đồng, tăng 8,5% so với cùng kỳ": a change of that figure
            phrase = f"tỷ lệ {found.change or ''} {subject.indicator}"
        else:
            phrase = "tỷ lệ"
    elif rank := _RANK_AT_END.search(label):
        # "chỉ số PCI tăng 01 bậc, đứng thứ 13/63 tỉnh": the rank of what the clause names
        phrase = f"thứ hạng {_FIGURE_WORDS.sub('', label[: rank.start()])}"
    elif found.change and not (modifiers or label) and subject and subject.unit == found.unit:
        # "Tổng đàn lợn 1.450 con, tăng 105 con so với cùng kỳ": the change of that figure
        phrase = f"mức {found.change} {subject.indicator}"
    elif unit_word == "đồng" or unit_word in _UNITS["measures"]:
        phrase = modifiers or label or ("kinh phí" if unit_word == "đồng" else noun)
    elif unit_word in _UNITS["after_multiplier"]:
        phrase = label or noun
    elif modifiers and noun in _UNITS["classifiers"]:
        phrase = modifiers  # "64 chiếc tàu cá bị chìm": the classifier says nothing
    elif modifiers:
        phrase = f"{noun} {modifiers}"
    elif label and (found.label_names or label.startswith(noun)):
        phrase = label
    elif label:
        phrase = f"{noun} {label}"
    else:
        phrase = _inherited(found, previous, text) or noun
    for written, normal in _WORDS["indicator_nouns"].items():
        if phrase.startswith(written):
            phrase = normal + phrase[len(written) :]
    return _clean(re.sub(r"^(?:tổng số|số lượng|số(?! tiền))\s+", "", phrase))


def _subject(found: _Found, previous: list[_Found]) -> _Found | None:
    """The last figure of the sentence before ``found`` that is not a percentage: what a change
    or a share written after it is of."""
    same_sentence = takewhile(lambda p: p.sentence == found.sentence, reversed(previous))
    return next((p for p in same_sentence if p.unit != "%"), None)


# A rank out of a count ("xếp thứ 21/63 tỉnh thành"), and a change with its figure in a label.
_RANK_AT_END = re.compile(rf"\s*{RANK_LEAD}$")
_FIGURE_WORDS = re.compile(r"\s*(?:tăng|giảm)\s+\d+\s+\w+$")
# What stands between a figure and the same figure a year before, in brackets after it.
_SAME_PERIOD_BEFORE = re.compile(r"[\s.,]*\(\s*cùng kỳ(?: năm trước)?(?: là)?\s*", re.IGNORECASE)


def _restates(earlier: _Found, found: _Found, text: str) -> bool:
    """The figure repeats the one just before it in brackets: "13.503.000.000đ (Mười ba tỷ,
    năm trăm linh ba triệu đồng)", as amounts are written out in words to prevent fraud."""
    joint = text[earlier.phrase_end : found.start]
    return (
        earlier.number.value == found.number.value
        and earlier.unit == found.unit
        and re.fullmatch(r"[\s.,:]*\(\s*", joint) is not None
    )


def _inherited(found: _Found, previous: list[_Found], text: str) -> str | None:
    """A bare count takes its meaning from the figure it is attached to ("106 khu với 16.740
    hộ/64.941 khẩu") or, in a breakdown, from the last figure of the same unit."""
    if previous:
        last = previous[-1]
        joint = text[last.end : found.number.start]
        if re.fullmatch(r"[^.;:\n]{0,40}?(?:với|/|gồm)\s*(?:tổng số\s*)?", joint):
            return f"{found.noun} {last.indicator}"
    for earlier in reversed(previous):
        if found.number.start - earlier.end >= _BREAKDOWN_REACH:
            break
        if earlier.unit == found.unit:
            return earlier.indicator
    return None


def _period(text: str, found: _Found) -> str | None:
    """ "lũy kế" when the sentence counts cumulatively up to this figure."""
    window = text[found.sentence[0] : found.start]
    cumulative = list(_CUMULATIVE.finditer(window))
    if not cumulative or any(m.start() > cumulative[-1].end() for m in _CURRENT.finditer(window)):
        return None
    return "lũy kế"


def _to_statistic(
    text: str,
    found: _Found,
    area: str | None,
    year: int | None,
    period_end: str | None,
    read: _Read,
    preambles: list[tuple[int, str]],
) -> Statistic:
    if found.sentence not in read.sentences:
        read.sentences[found.sentence] = _clean(text[found.sentence[0] : found.sentence[1]])
    period = _period(text, found)
    indicator = found.indicator
    # Only a phrase of some length takes the period word: "tiền mặt lũy kế" says less than
    # "tiền mặt", "ca dương tính lũy kế" more than "ca dương tính".
    if period and period not in indicator and len(indicator.split()) >= 3:
        indicator = f"{indicator} {period}"
    return Statistic(
        start=found.start,
        end=found.end,
        text=text[found.start : found.end],
        value=found.number.value,
        unit=found.unit,
        indicator=indicator,
        as_of=_as_of(text, found.sentence[0], found.number.start, year)
        or _preamble_date(preambles, found.start)
        or period_end,
        area=_area(text, found, area, read),
        qualifier=found.qualifier or period,
        sentence=read.sentences[found.sentence],
        total=found.number.total,
        upper=found.number.upper,
        change=found.change,
    )


def _breakdown_total(
    text: str, number: NumberMention, sentence: tuple[int, int], previous: list[_Found]
) -> _Found | None:
    """The total that a count by place breaks down in brackets: "172 căn nhà bị sập (Yên Bái 2,
    Hòa Bình 7, …)", "36.077ha (Lào Cai 41,5ha, …)": the count is named by a place alone."""
    opening = text.rfind("(", sentence[0], number.start)
    if opening < 0 or ")" in text[opening : number.start]:
        return None
    if not _PLACE_BEFORE.search(text, opening, number.start):
        return None
    for total in reversed(previous):
        if total.end <= opening:
            joint = text[total.phrase_end : opening]
            ends_phrase = _BREAKDOWN_JOINT.fullmatch(joint)
            return total if total.sentence == sentence and ends_phrase else None
    return None


def _unit_named_before(
    text: str, number: NumberMention, sentence: tuple[int, int]
) -> tuple[str, str, int] | None:
    """The unit of a bare count that its label names: "Tổng số hộ cận nghèo: 18.160;", "số nhà
    bị hư hỏng là 108 (…)"."""
    if not _BARE_ITEM_END.match(text, number.end):
        return None
    clause = text[_clause_start(text, sentence[0], number.start - 1) : number.start]
    if match := _COUNT_LABEL.search(clause):
        noun = _as_listed(match.group("noun"))
        return _UNIT_OF[noun], noun, number.end
    return None


def _prose_figures(
    text: str,
    skip: list[tuple[int, int]],
    area: str | None,
    year: int | None,
    period_end: str | None,
) -> list[Statistic]:
    sentences = _sentences(text)
    starts = [start for start, _ in sentences]
    skipped = covering(skip)
    found: list[_Found] = []
    floor = 0
    for number in find_numbers(text):
        if skipped(number.start):
            continue
        sentence = sentences[max(0, bisect.bisect_right(starts, number.start) - 1)]
        figure = _read_figure(text, number, sentence, floor)
        total = _breakdown_total(text, number, sentence, found)
        if figure is None and total and _BARE_ITEM_END.match(text, number.end):
            figure = _read_figure(
                text, number, sentence, floor, (total.unit, total.noun, number.end)
            )
        if figure is None and (named := _unit_named_before(text, number, sentence)):
            figure = _read_figure(text, number, sentence, floor, named)
        if figure is None:
            continue
        if total and total.unit == figure.unit:
            figure.indicator = total.indicator
        else:
            figure.indicator = _indicator(figure, found, text)
        found.append(figure)
        # The next label starts after this figure and the words that qualify it.
        floor = figure.phrase_end
    read = _Read()
    preambles = _preambles(text, sentences, {figure.sentence for figure in found}, year)
    return [
        _to_statistic(text, figure, area, year, period_end, read, preambles) for figure in found
    ]


def _preambles(
    text: str,
    sentences: list[tuple[int, int]],
    with_figures: set[tuple[int, int]],
    year: int | None,
) -> list[tuple[int, str]]:
    """``(end, date)`` of the sentences that date the figures below them and hold none: "Theo
    báo cáo … tính đến 17 giờ 00, ngày 04/11/2010. Sở báo cáo như sau: …"."""
    found = []
    for sentence in sentences:
        if sentence not in with_figures and (date := _as_of(text, *sentence, year, reckoned=True)):
            found.append((sentence[1], date))
    return found


def _preamble_date(preambles: list[tuple[int, str]], position: int) -> str | None:
    """The date of the last preamble before ``position``."""
    index = bisect.bisect_right([end for end, _ in preambles], position) - 1
    return preambles[index][1] if index >= 0 else None


def _table_rows(text: str) -> list[tuple[int, list[str]]]:
    """``(line start, cells)`` of table rows: TAB-separated lines, or lines whose last cell is a
    number after a run of spaces, when at least two such lines follow each other."""
    lines: list[tuple[int, list[str], str]] = []  # (start, cells, kind)
    position = 0
    for line in text.split("\n"):
        cells = [cell.strip() for cell in _TABLE_CELLS.split(line.strip(" "))]
        if "\t" in line:
            kind = "tab"
        elif len(cells) >= 2 and cells[0] and _CELL_FIGURE.fullmatch(cells[-1]):
            kind = "row"
        elif len(cells) >= 3 and all(cells):
            kind = "header"
        else:
            kind = ""
        lines.append((position, cells, kind))
        position += len(line) + 1
    kept = []
    for index, (start, cells, kind) in enumerate(lines):
        before = lines[index - 1][2] if index else ""
        after = lines[index + 1][2] if index + 1 < len(lines) else ""
        if kind == "tab" or (kind == "row" and "row" in (before, after)):
            kept.append((start, cells))
        elif (
            kind == "header"
            and after == "row"
            and index + 2 < len(lines)
            and lines[index + 2][2] == "row"
        ):
            kept.append((start, cells))
    return kept


def _cell_unit(name: str) -> tuple[str | None, float, str]:
    """``(unit, scale, name without the unit)`` from a row or column header:
    "Tổng số kinh phí (triệu đồng)" → ("đồng", 10⁶, "Tổng số kinh phí"), "Số giường" → giường."""
    scale, unit = 1.0, None
    if parenthesis := re.search(r"\(([^)]*)\)\s*$", name):
        inner = parenthesis.group(1).strip().lower()
        for word, factor in _UNITS["scales"].items():
            if inner.startswith(word):
                scale, inner = float(factor), inner[len(word) :].strip()
        if _MONEY.fullmatch(inner):
            unit = "đồng"
        elif inner == "%":
            unit = "%"
        elif inner in _UNIT_OF:
            unit = _UNIT_OF[inner]
        if unit:
            name = name[: parenthesis.start()].strip()
    bare = re.sub(r"^(?:tổng\s+số|số\s+lượng|số)\s+", "", name, flags=re.IGNORECASE)
    if _AREA.match(bare):
        pass  # a row per district: the place is not what is counted
    elif unit is None and (noun := _UNIT_FORM.match(bare)):
        unit = _UNIT_OF[_as_listed(noun.group(0))]
    elif unit is None and _MONEY_NOUN.match(bare):
        unit = "đồng"
    if unit in _UNITS["after_multiplier"]:
        unit = None
    return unit, scale, bare


def _table_figures(
    text: str, rows: list[tuple[int, list[str]]], area: str | None, period_end: str | None
) -> list[Statistic]:
    """One figure per numeric cell; the row label and the column header say what it counts."""
    figures = []
    columns: list[str] = []
    for row_start, cells in rows:
        numeric = [i for i, cell in enumerate(cells) if cell and _CELL_FIGURE.fullmatch(cell)]
        labels = [i for i, cell in enumerate(cells) if cell and i not in numeric]
        if not numeric or not labels:
            if len(labels) >= 2:
                columns = cells
            continue
        label_index = labels[0]
        row_unit, row_scale, row_name = _cell_unit(cells[label_index])
        place = _AREA.match(cells[label_index])
        row_area = _area_name(place) if place else area
        line_end = text.find("\n", row_start)
        line = text[row_start : line_end if line_end >= 0 else len(text)]
        offset = 0
        for index in numeric:
            offset = line.find(cells[index], offset)
            cell_start = row_start + offset
            offset += len(cells[index])
            if index < label_index:
                continue  # the row number (STT)
            column = columns[index] if index < len(columns) else ""
            column_unit, column_scale, column_name = _cell_unit(column)
            figure = _CELL_FIGURE.fullmatch(cells[index])
            value = parse_number(figure.group("number"))
            unit = "%" if figure.group("percent") else row_unit or column_unit
            if value is None or unit is None:
                continue
            scale = row_scale if row_unit else column_scale
            indicator = row_name
            if column_name and not _GENERIC_COLUMN.fullmatch(column.strip()):
                indicator = f"{row_name} {column_name}" if row_unit else f"{column_name} {row_name}"
            figures.append(
                Statistic(
                    start=cell_start,
                    end=cell_start + len(cells[index]),
                    text=cells[index],
                    value=scaled(value, 1 if unit == "%" else scale),
                    unit=unit,
                    indicator=_clean(indicator.lower()),
                    area=row_area,
                    as_of=period_end,
                    sentence=_clean(line),
                )
            )
    return figures


@dataclass
class _Cluster:
    """The restatements of one figure so far: their sentences, and whether one is a table cell
    (set look-ups, so that a long run of equal figures costs no more than a short one)."""

    sentences: set[str] = field(default_factory=set)
    has_cell: bool = False


def _grouped(statistics: list[Statistic], table_cells: set[int]) -> list[Statistic]:
    """Give restatements of one figure a shared ``group_key``: same value, unit, area and date,
    said in another sentence.  Two figures of one sentence, or two cells of the tables, are
    different things that happen to be equal (0 districts and 0 communes), never one figure."""
    groups: dict[str, list[_Cluster]] = {}
    # Where the search for a sentence's next figure resumes: every cluster before the one its
    # last figure joined was closed to it, and stays so (clusters only grow).
    resume: dict[tuple[str, str, bool], int] = {}
    keyed = []
    for statistic in statistics:
        value = f"{statistic.value:.15g}"
        base = f"{value} {statistic.unit} | {statistic.area or ''} | {statistic.as_of or ''}"
        clusters = groups.setdefault(base, [])
        is_cell = statistic.start in table_cells
        first = resume.get((base, statistic.sentence, is_cell), 0)
        number = next(
            (
                index
                for index in range(first, len(clusters))
                if statistic.sentence not in clusters[index].sentences
                and not (is_cell and clusters[index].has_cell)
            ),
            len(clusters),
        )
        if number == len(clusters):
            clusters.append(_Cluster())
        clusters[number].sentences.add(statistic.sentence)
        clusters[number].has_cell |= is_cell
        resume[(base, statistic.sentence, is_cell)] = number + 1
        keyed.append(replace(statistic, group_key=f"{base} | {number + 1}"))
    return keyed


def _goal_sections(text: str) -> list[tuple[int, int]]:
    """The spans of a plan's sections of goals, from a heading "Mục tiêu" to the
    next numbered heading of another kind: their figures are what is to be reached."""
    spans: list[tuple[int, int]] = []
    start = None
    for heading in _HEADING.finditer(text):
        goal = _GOAL_HEADING.match(text, heading.end()) is not None
        if goal and start is None:
            start = heading.start()
        elif not goal and start is not None:
            spans.append((start, heading.start()))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


def extract_statistics(text: str, header: Header) -> list[Statistic]:
    """Every reported figure of ``text``, in reading order."""
    year = header.year or (int(header.issued_date[:4]) if header.issued_date else None)
    area = _document_area(text, header)
    rows = _table_rows(text)
    skip = [(start, text.find("\n", start) % (len(text) + 1)) for start, _ in rows]
    skip += [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    skip += [(m.start(), m.end()) for m in _IMAGE_LINK.finditer(text)]
    skip += _goal_sections(text)
    # A report titled "… tính đến ngày 30/11/2021" counts every figure to that date; one titled
    # "… từ ngày 18/6 đến ngày 24/6/2022" reports on a period, whose figures are flows.
    title = header.subject or ""
    period_end = None if _PERIOD_TITLE.search(title) else _as_of(title, 0, len(title), year)
    statistics = _prose_figures(text, skip, area, year, period_end)
    cells = _table_figures(text, rows, area, period_end)
    statistics = sorted(statistics + cells, key=lambda s: s.start)
    return _grouped(statistics, {cell.start for cell in cells})
