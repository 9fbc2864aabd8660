"""Numbers as Vietnamese documents write them, and the numbers that are not figures.

Vietnamese notation groups thousands with a dot and marks decimals with a comma: ``4.923`` is
four thousand nine hundred and twenty-three, ``74,8`` is 74.8, ``17.045,4`` is 17045.4.  A scale
word multiplies: ``259,5 tỷ`` is 259 500 000 000 (nghìn/ngàn 10³, triệu 10⁶, tỷ/tỉ 10⁹, and
``nghìn tỷ`` 10¹²).  ``62/63`` is a count out of a total; ``từ 15 đến 17`` and ``12-17`` are
ranges; small counts may be written in words (``hai ca``).

Much of what looks like a number in an official document is not a figure: dates
(``25/8/2021``, ``ngày 10/12``), document numbers (``1102/CĐ-TTg``, ``23/2021/QĐ-TTg``),
article and clause numbers (``Điều 5``, ``khoản 2``), years (``năm 2021``), times (``17h30``),
phone numbers (``0290.3831.456``), section numbers at the start of a line (``1.``, ``3.1.``)
and codes glued to letters (``COVID-19``, ``F0``).  :func:`find_numbers` leaves them out, so
that every extractor that reads figures starts from the same clean list.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate

from extract.dates import ANY_DATE, TIME
from extract.lexicon import load

_UNITS = load("units")
# Units written glued to the number ("500.000đ", "12km", "970con", "30tạ/ha"): one-word forms.
_GLUED_UNITS = sorted(
    {f for forms in _UNITS["units"].values() for f in forms if " " not in f} | set(_UNITS["money"]),
    key=len,
    reverse=True,
)
_GLUED = "(?:" + "|".join(map(re.escape, _GLUED_UNITS)) + r")(?!\w)"
# A run of digits and separators; validated as a whole by ``parse_number`` so that a phone number
# or a version string is rejected rather than read in part.  Not glued to a letter, a dash or a
# colon before it (``COVID-19``, ``Ktr59``, ``20:12``), nor after a slash that follows a digit
# (``KL141/8``); after a word and a slash it is the next figure (``16.740 hộ/64.941 khẩu``).
_NUMERAL = re.compile(
    r"(?<![\w:\-.,])(?<!\d/)(?<![\dA-Z] /)\d+(?:[.,]\d+)*"
    rf"(?:(?!\w)|(?={_GLUED}))",
    re.IGNORECASE,
)
# A measure glued to the name before it, as a breakdown by place is typed in a hurry
# ("Hòa Bình116ha"): the name ends in two lower-case letters, so a code ("QL1A", "F0") is not one.
_MEASURES = "(?:" + "|".join(map(re.escape, _UNITS["measures"])) + r")(?!\w)"
_NUMERAL_AFTER_WORD = re.compile(rf"(?<=[a-zđà-ỹ]{{2}})\d+(?:[.,]\d+)*(?=[ \t]?{_MEASURES})")
# Thousands grouped by dots, optional decimal comma: 1.045.397 / 17.045,4
_VN_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
# Plain integer or decimal comma: 218 / 74,8 / 130,292
_VN_PLAIN = re.compile(r"\d+(?:,\d+)?")
# A decimal point (English notation, common in news and OCR): 1.5 triệu
_POINT_DECIMAL = re.compile(r"\d+\.\d{1,2}")

# An ungrouped four-digit number in this range is a year: counts of thousands are written with a
# dot ("2.021"), so "2021" in "năm 2020, 2021" or "2020-2021" is no figure.
_YEAR = re.compile(r"(?:19[5-9]|20\d)\d")
# Vietnamese phone numbers: "0290.3831.456", "0913 123 456", "+84 913 123 456", "(0290) 3831456".
_PHONE = re.compile(r"(?<!\d)(?:\+84|\(?0\d{2,3}\)?)[ .]?\d{3,4}[ .]?\d{3,4}(?!\d)")
# Words that make the next number a label, not a figure: "Điều 5", "khoản 2", "năm 2021",
# "lần thứ 2", "tầng 3", "mũi 2", "Tổ 3".
_LABEL_WORDS = frozenset(load("statistics_lexicon")["label_words"])
# Roman or arabic section number at the start of a line: "1.", "3.1.", "2)", "a)".
_LINE_START = re.compile(r"(?:^|\n)[ \t*#]*$")
# The scale words and their factor; "nghìn tỷ" is read as two words.
_SCALES: dict[str, float] = {word: float(f) for word, f in _UNITS["scales"].items()}
_SCALE_WORDS = "|".join(sorted(_SCALES, key=len, reverse=True))
_SCALE = re.compile(
    rf"[ \t]*(?P<scale>(?:{_SCALE_WORDS})(?:[ \t]+(?:{_SCALE_WORDS}))?)(?!\w)", re.IGNORECASE
)
_WORD_VALUES: dict[str, int] = load("statistics_lexicon")["number_words"]
_YEAR_BEFORE = frozenset(load("statistics_lexicon")["year_before"])
_NUMBER_WORDS = "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
# The smaller part of an amount after its scale: " 503 triệu", ", năm trăm linh ba triệu".
_SMALLER_PART = re.compile(
    r"(?:[ \t]+|[ \t]*,[ \t]*(?=[^\W\d]))"
    rf"(?:(?P<digits>\d{{1,3}})|(?P<words>(?:{_NUMBER_WORDS})(?:[ \t]+(?:{_NUMBER_WORDS}))*))"
    rf"[ \t]+(?P<scale>{_SCALE_WORDS})(?!\w)",
    re.IGNORECASE,
)
# "62/63": count out of a total (the second part is not a year and no third part follows);
# "33/ 31,5 ha", "40/38ha": what was achieved out of the plan, a unit perhaps glued on.
_RATIO_TAIL = re.compile(
    r"[ \t]?/[ \t]?(?P<total>\d+(?:\.\d{3})*(?:,\d+)?)"
    rf"(?:(?![\w/]|[.,]\d)|(?={_GLUED}))"
)
# "12-17", "từ 15 đến 17", "15 - 20"
_RANGE_TAIL = re.compile(r"[ \t]*(?:-|–|đến|tới)[ \t]*(?P<upper>\d+(?:[.,]\d+)*)(?![\w/])")
# Anything that makes the numeral part of a code: a slash and letters or a year after it.
_CODE_TAIL = re.compile(r"[ \t]?[/-][ \t]?(?:\d{4}[ \t]?/|[A-ZĐa-zđ])")

# Only the digit words open a number ("hai mươi lăm", not "lăm" or "tư" alone: "đầu tư");
# a capital only at the start of a sentence, so that "Năm Căn" (a place) stays a name.
_OPENING_WORDS = [
    w for w, v in _WORD_VALUES.items() if 1 <= v <= 10 and w not in ("mốt", "lăm", "tư", "mươi")
]
_WORD_NUMBER = re.compile(
    r"(?<![\w])(?:"
    + "|".join(sorted(_OPENING_WORDS, key=len, reverse=True))
    + rf")(?:[ \t]+(?:{_NUMBER_WORDS}))*(?!\w)(?![ \t]*\d)",  # "năm 2021" is a year, not five
    re.IGNORECASE,
)


def _unit_or_scale(gap: str, units: Iterable[str]) -> re.Pattern[str]:
    """Any form of ``units`` or a scale word right after a number, ``gap`` the space between."""
    forms = {form for unit in units for form in _UNITS["units"][unit]} | set(_SCALES)
    alternatives = "|".join(sorted(forms, key=len, reverse=True))
    return re.compile(rf"{gap}(?:{alternatives})(?!\w)", re.IGNORECASE)


# What may follow a number written in words: a counted noun of the unit lexicon or a scale;
# "một bộ phận", "một nhà máy" are no counts.
_COUNTED = _unit_or_scale(
    r"[ \t]+", [unit for unit in _UNITS["units"] if unit not in _UNITS["digits_only"]]
)
# Any unit or scale right after a number, glued or spaced.
_UNIT_NEXT = _unit_or_scale(r"[ \t]*", _UNITS["units"])


@dataclass(frozen=True)
class NumberMention:
    """A figure in the text: its value (scale applied), and the parts it was read from."""

    start: int
    end: int
    text: str
    value: float
    scale: float = 1.0
    total: float | None = None  # "62/63": the 63
    upper: float | None = None  # "từ 15 đến 17": the 17
    in_words: bool = False


def scaled(value: float, scale: float) -> float:
    """``value * scale`` without binary noise: 17045,4 triệu is 17 045 400 000, not …000.002."""
    return float(Decimal(repr(value)) * Decimal(repr(scale)))


def parse_number(text: str) -> float | None:
    """The value of one numeral in Vietnamese notation, or None when it is not one.

    ``"4.923"`` → 4923, ``"74,8"`` → 74.8, ``"17.045,4"`` → 17045.4.  A dot followed by one or
    two digits is read as an English decimal point (``"1.5"``), as news sites write it; a run
    such as ``"0290.3831.456"`` is no number (a phone number).
    """
    text = text.strip()
    if _VN_GROUPED.fullmatch(text) or _VN_PLAIN.fullmatch(text):
        return float(text.replace(".", "").replace(",", "."))
    if _POINT_DECIMAL.fullmatch(text):
        return float(text)
    return None


def parse_words(text: str) -> float | None:
    """The value of a number written in words: ``"hai"`` 2, ``"mười lăm"`` 15, ``"ba trăm"`` 300."""
    words = text.lower().split()
    if not words or any(word not in _WORD_VALUES for word in words):
        return None
    total, current = 0, 0
    for word in words:
        value = _WORD_VALUES[word]
        if value == 10 and word in ("mười", "mươi"):
            current = current * 10 if current else 10
        elif value == 100:
            total, current = total + (current or 1) * 100, 0
        else:
            current += value
    return float(total + current)


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"(\w+)[ \t]*$", text[max(0, start - 30) : start])
    return match.group(1).lower() if match else ""


def covering(spans: Iterable[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether a position falls inside one of ``spans`` (which may overlap): one bisection per
    question, so that a text of many dates and many numbers costs no more than their count."""
    ordered = sorted(spans)
    starts = [start for start, _ in ordered]
    # The furthest end of the spans that start at or before each one.
    reach = list(accumulate((end for _, end in ordered), max))

    def inside(position: int) -> bool:
        index = bisect_right(starts, position) - 1
        return index >= 0 and position < reach[index]

    return inside


# "đứng thứ", "xếp hạng thứ": what comes after is a rank.
RANK_LEAD = r"(?:xếp hạng|xếp|đứng)\s+thứ"
_RANK = re.compile(rf"{RANK_LEAD}\s*$", re.IGNORECASE)


def _is_label(text: str, start: int, end: int) -> bool:
    """A number named by the word before it ("Điều 5", "năm 2021", "Tổ 3") is a label; a
    percentage is not ("cùng kỳ 6,64%")."""
    before = text[max(0, start - 20) : start]
    # "tổng số 12", "kỷ luật 12 đồng chí": the word before names what is counted, not a label.
    if re.search(r"(?:tổng\s+số|kỷ\s+luật)\s*$", before, re.IGNORECASE):
        return False
    if text.startswith(("%", " %"), end):
        return False
    # "đứng thứ 13/63 tỉnh, thành phố": a rank out of a count is a figure.
    if text.startswith("/", end) and _RANK.search(before):
        return False
    return _previous_word(text, start) in _LABEL_WORDS


def _is_section_number(text: str, start: int, end: int) -> bool:
    """A number opening a line and followed by "." or ")" or a capital, as in "3.1. Công tác"."""
    if not _LINE_START.search(text[max(0, start - 10) : start]):
        return False
    return bool(re.match(r"\.?[.)]|\s+[A-ZĐÀ-Ỹ]", text[end : end + 3]))


def _is_time(text: str, start: int) -> bool:
    match = TIME.match(text, start)
    return bool(match and re.search(r"h|giờ|:", match.group(0), re.IGNORECASE))


def find_numbers(text: str) -> list[NumberMention]:
    """Every figure written in digits or words in ``text``, in order, leaving out non-figures."""
    excluded = covering(
        [(m.start(), m.end()) for m in ANY_DATE.finditer(text)]
        + [(m.start(), m.end()) for m in _PHONE.finditer(text)]
    )
    mentions: list[NumberMention] = []
    skip_until = 0
    numerals = sorted(
        [*_NUMERAL.finditer(text), *_NUMERAL_AFTER_WORD.finditer(text)], key=lambda m: m.start()
    )
    for match in numerals:
        start, end = match.span()
        if start < skip_until or excluded(start):
            continue
        if _CODE_TAIL.match(text, end) or _is_time(text, start):
            skip_until = end + 1
            continue
        if _is_label(text, start, end) or _is_section_number(text, start, end):
            continue
        value = parse_number(match.group(0))
        if value is None or _YEAR.fullmatch(match.group(0)):
            continue
        mention = _with_tails(text, start, end, value)
        if mention is None:
            # The rest of a date-like pair ("25/12"), not the figure after it ("971/876 = 110,8%")
            tail = _RATIO_TAIL.match(text, end)
            skip_until = tail.end() + 1 if tail else end + 12
            continue
        skip_until = mention.end
        mentions.append(mention)
    mentions.extend(_word_numbers(text))
    return sorted(mentions, key=lambda m: m.start)


def _with_tails(text: str, start: int, end: int, value: float) -> NumberMention | None:
    """Read what follows the numeral: a total ("/63"), a range ("-17"), a scale ("tỷ")."""
    total = upper = None
    ratio = _RATIO_TAIL.match(text, end)
    if ratio:
        total = parse_number(ratio.group("total"))
        # "27/4" with no "ngày" is still a date when the first part cannot be a count of the
        # second, and "Sáng 7/12," is a date too: a ratio counts something ("09/9 huyện").
        if total is None or 1900 <= total <= 2100:
            return None
        counted = _UNIT_NEXT.match(text, ratio.end())
        if total <= 12 and 1 <= value <= 31 and not counted:
            return None
        if total < value and not counted:
            # "40/38ha" is more than the plan; "25/12" with nothing counted after is a date.
            return None
        end = ratio.end()
    else:
        span = _RANGE_TAIL.match(text, end)
        if span and (bound := parse_number(span.group("upper"))) is not None and bound > value:
            if not (1900 <= value <= 2100 and 1900 <= bound <= 2100):
                upper, end = bound, span.end()
    amount, scale, end = _amount(text, end, value)
    return NumberMention(
        start=start,
        end=end,
        text=text[start:end],
        value=amount,
        scale=scale,
        total=total,
        upper=scaled(upper, scale) if upper is not None else None,
    )


def _word_numbers(text: str) -> list[NumberMention]:
    """Numbers in words, read only before a counted noun or a scale: "hai ca", "ba tỷ đồng";
    "năm" alone is far more often the year than five."""
    found: list[NumberMention] = []
    consumed = 0  # the end of the last amount, whose smaller parts are no numbers of their own
    for match in _WORD_NUMBER.finditer(text):
        previous = _previous_word(text, match.start())
        if previous in _LABEL_WORDS:
            continue
        if match.group(0).lower() == "năm" and previous in _YEAR_BEFORE:
            continue  # "là năm tổ chức đại hội": the year
        counted = _COUNTED.match(text, match.end())
        if not counted or counted.group(0).lstrip()[:1].isupper():
            continue  # "6 tháng cuối năm Nhiệm vụ …": a capital opens what follows
        before = text[: match.start()].rstrip(" \t")
        if match.group(0)[0].isupper() and before and before[-1] not in ".!?\n-+*(":
            continue
        value = parse_words(match.group(0))
        if value is None or match.start() < consumed:
            continue
        amount, scale, end = _amount(text, match.end(), value)
        consumed = end
        found.append(
            NumberMention(
                match.start(), end, text[match.start() : end], amount, scale, in_words=True
            )
        )
    return found


def _amount(text: str, end: int, value: float) -> tuple[float, float, int]:
    """``(value, scale, end)`` of a number and the scale words after it, with the smaller parts
    that follow: "13 tỷ 503 triệu", "Mười ba tỷ, năm trăm linh ba triệu" (13 503 000 000)."""
    scale_match = _SCALE.match(text, end)
    if not scale_match:
        return value, 1.0, end
    scale = 1.0
    for word in scale_match.group("scale").lower().split():
        scale *= _SCALES[word]
    amount, smallest, end = scaled(value, scale), scale, scale_match.end()
    while part := _SMALLER_PART.match(text, end):
        factor = _SCALES[part.group("scale").lower()]
        digits = part.group("digits")
        count = parse_number(digits) if digits else parse_words(part.group("words"))
        if factor >= smallest or count is None or count >= 1000:
            break
        amount, smallest, end = amount + scaled(count, factor), factor, part.end()
    return amount, scale, end
