"""Numbers and dates written by hand into the blanks of a scanned header.

A state document's header (Nghị định 30/2020/NĐ-CP, Phụ lục I) is typed with blanks left in two
template lines, "Số: ___/QĐ-TTg" and "Hà Nội, ngày __ tháng __ năm 2026", which the office fills
in by hand when it registers the document.  tesseract's page model reads print, so handwriting
comes out as garbage ("Số: †0% QĐ-", "ngày82tháng").  The typed words around each blank are read
well, though, and they say where the blank is: after "Số:" up to the symbol ("/NQ-CP",
"/2026/TT-BCT"), and between "ngày", "tháng" and "năm".  A blank whose text is garbage is
cropped from the page image, its ink cut into single digits and each digit recognised among
samples of handwriting (:mod:`ingest.readers.digits`; tesseract, even held to digits, reads
these crops no better than the page); beside such a blank, one whose text came out as clean
digits is read again (the page OCR can read a written 115 as a clean 445).  A reading replaces
the page text only when every digit is read surely and the whole can stand in the blank (a day
from 1 to 31, a month from 1 to 12, a number of up to five digits); otherwise the page text
stays as the page OCR read it, and a blank with no ink in it stays blank.  A header with no
garbage in its blanks is typed, and nothing in it is read again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

import numpy as np
from PIL import Image

from ingest.readers.digits import read_digits
from ingest.readers.layout import Word, group_lines

# The header (both columns, number and date lines included) lies in this top share of page 1.
HEADER_SHARE = 0.35
# A header line is a small share of the page high, and a blank a few of its heights wide: boxes
# outside these bounds are no template line (and would cost a large crop to look at).
TALLEST_LINE = 0.03
WIDEST_BLANK = 10

# "Số:", "Số", "Sô:" (OCR drops the accent); the number follows it.
NUMBER_LABEL = re.compile(r"(?<![^\W\d_])S[ốôóoồổỗộ](?:\s*[:;.])?")
# Where the symbol starts: "/NQ-CP", "/2026/TT-BCT", or the type code with its dash when the
# slash was lost in the handwriting ("QĐ-TTg").
SYMBOL = re.compile(r"/\s*(?:\d{4}\s*/\s*)?[A-ZĐ]|(?<![^\W\d_])[A-ZĐ][A-ZĐa-z]{0,4}\s?[-–]")
DAY_WORD = re.compile(r"ng[aà]y", re.IGNORECASE)
MONTH_WORD = re.compile(r"th[aá]ng", re.IGNORECASE)
YEAR_WORD = re.compile(r"n[aă]m(?=\s*\d{4})", re.IGNORECASE)

# A word of print alone (letters, with a comma or colon after them): its box gives the line's
# width of a typed letter.  The letters at either end of any other box are print too.
TYPED_WORD = re.compile(r"[^\W\d_]+[,.:;]?")
LEADING_LETTERS = re.compile(r"[^\W\d_]*")
TRAILING_LETTERS = re.compile(r"[^\W\d_]*$")

# What each blank may hold: a number of up to five digits, a day, a month.
MOST_DIGITS = {"number": 5, "day": 2, "month": 2}
VALUES = {"number": range(0, 100_000), "day": range(1, 32), "month": range(1, 13)}

# Sizes in heights of the typed line.  The crop reaches this far above and below the line
# (handwriting sits off it) and keeps this far from an anchor with a word box of its own.
CROP_MARGIN = 0.4
# Digits written taller than the line go on above or below the crop: ink joined to the crop's
# is followed this far further up and down (a 7 whose bar is cut off reads as a 1).
TALL_ABOVE = 1.0
TALL_BELOW = 0.6
JOIN_STEPS = 3
ANCHOR_INSET = 0.1
# An anchor glued to the handwriting in one word box ends at an estimate; the true edge is the
# column with least ink this close to it.
GLUED_SEARCH = 0.25
# A symbol found without its slash ("QĐ-TTg") lost it into the blank: a typed "/" is this wide.
SLASH_WIDTH = 0.35
# Ink is darker than this grey level (0-255); a mark lower than MIN_MARK_HEIGHT (in line
# heights) is a dot or a speck.  A handwritten digit is at most WIDEST_DIGIT line heights wide
# and at most about 0.8 of its own height; a mark TOUCHING_ASPECT times as wide as it is high
# is digits that touch, each about DIGIT_ASPECT of the mark's height wide.
INK_LEVEL = 128
MIN_MARK_HEIGHT = 0.3
WIDEST_DIGIT = 1.5
TOUCHING_ASPECT = 1.2
DIGIT_ASPECT = 0.6
# Digits that touch meet where a column holds at most this share of the thickest column's ink.
VALLEY_SHARE = 0.15
# A ruled line (the rule under the header's motto) runs on past the blank: a row inked over
# RULE_SHARE of a strip reaching RULE_REACH line heights beyond the crop on either side is one,
# and is taken out; the base of a written 2 never crosses so much.
RULE_SHARE = 0.6
RULE_REACH = 1.0
# Print in one header is one size: digits the page OCR read cleanly whose box is more than this
# share taller or shorter than the typed year's are handwriting that OCR read as print.
PRINT_SIZE_TOLERANCE = 0.2


@dataclass(frozen=True)
class Blank:
    """A blank of the header template between two typed anchors, in page pixels.

    ``text`` is what the page OCR read there, ``clean`` whether that is digits standing apart
    from the words (typed, or handwriting that OCR read as print), ``text_height`` the height of
    the boxes of the words inside it, ``print_height`` that of the typed year of the header's
    date; ``words`` are the words whose boxes it cuts through, ``letter_width`` the width of a
    typed letter on its line; ``glued_left``/``glued_right`` say that an anchor shares its word
    box with the handwriting ("ngày82tháng"), so that side of the blank is an estimate.
    """

    field: str  # "number", "day" or "month"
    text: str
    line: tuple[int, ...] | None  # the recognised line of the anchor before the blank
    x0: float
    x1: float
    top: float
    bottom: float
    words: tuple[Word, ...]
    glued_left: bool
    glued_right: bool
    slash_lost: bool = False  # the symbol after the number was found without its "/"
    clean: bool = False
    text_height: float | None = None
    print_height: float | None = None
    letter_width: float | None = None

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def print_sized(self) -> bool:
        """Whether the words inside are as high as the header's typed year (or either is not
        known): print, not handwriting."""
        if not self.text_height or not self.print_height:
            return True
        return abs(self.text_height / self.print_height - 1) <= PRINT_SIZE_TOLERANCE


def _character_spans(word: Word, letter_width: float | None) -> list[tuple[float, float]]:
    """Each character's horizontal extent in a word's box: shared evenly, except in a box that
    holds print and handwriting together ("ngày82tháng"), where the letters it starts and ends
    with are print as wide as the line's typed letters (``letter_width``), and the rest shares
    what is left."""
    if TYPED_WORD.fullmatch(word.text):
        letter_width = None  # print alone
    lead = len(LEADING_LETTERS.match(word.text).group())
    trail = len(TRAILING_LETTERS.search(word.text[lead:]).group())
    middle = len(word.text) - lead - trail
    width = word.x1 - word.x0
    if letter_width is None or not middle or (lead + trail) * letter_width >= width:
        edges = [word.x0 + index * width / len(word.text) for index in range(len(word.text) + 1)]
    else:
        start, end = word.x0 + lead * letter_width, word.x1 - trail * letter_width
        edges = [word.x0 + index * letter_width for index in range(lead)]
        edges += [start + index * (end - start) / middle for index in range(middle)]
        edges += [word.x1 - index * letter_width for index in range(trail, -1, -1)]
    return list(pairwise(edges))


@dataclass(frozen=True)
class _LineText:
    """A line's words joined by spaces, with each character's estimated horizontal extent
    (:func:`_character_spans`) and the word it belongs to."""

    text: str
    spans: list[tuple[float, float]]
    owners: list[Word | None]  # None for the spaces between words
    letter_width: float | None  # of the line's typed letters

    @classmethod
    def of(cls, line: Sequence[Word]) -> _LineText:
        text: list[str] = []
        spans: list[tuple[float, float]] = []
        owners: list[Word | None] = []
        typed = [word for word in line if TYPED_WORD.fullmatch(word.text)]
        letter_width = (
            sum(word.x1 - word.x0 for word in typed) / sum(len(word.text) for word in typed)
            if typed
            else None
        )
        for word in line:
            if text:
                text.append(" ")
                spans.append((spans[-1][1], word.x0))
                owners.append(None)
            spans += _character_spans(word, letter_width)
            text.append(word.text)
            owners += [word] * len(word.text)
        return cls("".join(text), spans, owners, letter_width)

    def glued(self, position: int) -> bool:
        """Whether the characters on either side of ``position`` belong to one word box."""
        return 0 < position < len(self.text) and " " not in self.text[position - 1 : position + 1]

    def blank(self, field: str, start: int, end: int, slash_lost: bool = False) -> Blank | None:
        """The blank between an anchor ending at ``start`` and one starting at ``end``."""
        text = self.text[start:end].strip()
        # Typed digits stand a space apart from a word ("ngày 22 tháng"; "4806/UBND" and
        # "Số:4806" are print too); digits glued to a letter ("ngày82tháng") are handwriting
        # that the page OCR ran together with the print.
        glued_to_word = (self.glued(start) and self.text[start - 1].isalpha()) or (
            self.glued(end) and self.text[end].isalpha()
        )
        before, after = self.owners[start - 1], self.owners[end]
        if before is None or after is None:  # anchors end and start on letters, never spaces
            return None
        x0, x1 = self.spans[start - 1][1], self.spans[end][0]
        if x1 <= x0:  # "ngàytháng": no room left between the anchors to look in
            return None
        # The line's height from the anchor with the smaller box: a box glued to handwriting or
        # to a stamp is taller than the typed line.
        typed = min(before, after, key=lambda word: word.height)
        touched = {id(owner): owner for owner in self.owners[start - 1 : end + 1] if owner}
        inside = [word for word in touched.values() if word is not before and word is not after]
        return Blank(
            field,
            text,
            before.line,
            x0,
            x1,
            typed.top,
            typed.bottom,
            tuple(touched.values()),
            self.glued(start),
            self.glued(end),
            slash_lost,
            clean=bool(re.fullmatch(r"\d+", text)) and not glued_to_word,
            text_height=max((word.height for word in inside), default=None),
            letter_width=self.letter_width,
        )

    def word_after(self, position: int) -> Word | None:
        """The word of the first character at or after ``position`` that is not a blank."""
        while position < len(self.text) and self.text[position].isspace():
            position += 1
        return self.owners[position] if position < len(self.text) else None


def find_blanks(words: Sequence[Word], page_height: float) -> list[Blank]:
    """The header blanks of page 1: the number after the first "Số:" up to its symbol, the day
    and month of the first "ngày … tháng … năm YYYY" line."""
    header = [word for word in words if word.bottom <= HEADER_SHARE * page_height]
    number: list[Blank | None] | None = None
    date: list[Blank | None] | None = None
    year_word: Word | None = None
    for line in group_lines(header):
        text = _LineText.of(line)
        if number is None and (label := NUMBER_LABEL.search(text.text)):
            symbol = SYMBOL.search(text.text, label.end())
            if symbol:
                slash_lost = not symbol.group().startswith("/")
                number = [text.blank("number", label.end(), symbol.start(), slash_lost)]
        if date is None and (day := DAY_WORD.search(text.text)):
            month = MONTH_WORD.search(text.text, day.end())
            year = YEAR_WORD.search(text.text, month.end()) if month else None
            if month and year:
                date = [
                    text.blank("day", day.end(), month.start()),
                    text.blank("month", month.end(), year.start()),
                ]
                year_word = text.word_after(year.end())
    print_height = year_word.height if year_word else None
    return [
        replace(blank, print_height=print_height)
        for blank in (number or []) + (date or [])
        if blank is not None
        and 0 < blank.height <= TALLEST_LINE * page_height
        and blank.x1 - blank.x0 <= WIDEST_BLANK * blank.height
    ]


def _ink(image: Image.Image, box: tuple[int, int, int, int], line_height: float) -> Image.Image:
    """The ink of ``box`` on the page, white on black, ruled lines taken out."""
    left, top, right, bottom = box
    reach = round(RULE_REACH * line_height)
    first, last = max(0, left - reach), min(image.width, right + reach)
    inked = np.asarray(image.crop((first, top, last, bottom)).convert("L")) < INK_LEVEL
    inked[inked.sum(axis=1) > RULE_SHARE * inked.shape[1]] = False
    return Image.fromarray(
        np.where(inked[:, left - first : right - first], 255, 0).astype(np.uint8)
    )


def _joined(ink: Image.Image, top: int, bottom: int) -> Image.Image:
    """The ink between rows ``top`` and ``bottom``, with the ink joined to it: grown a pixel a
    step, for JOIN_STEPS times as many steps as there are rows beyond the band on either side
    (a stroke that winds further, as a maze of speckle might, is not followed to its end)."""
    inked = np.asarray(ink) > 0
    joined = np.zeros_like(inked)
    joined[top:bottom] = inked[top:bottom]
    for _ in range(JOIN_STEPS * max(top, inked.shape[0] - bottom)):
        grown = joined.copy()  # joined, and each pixel's eight neighbours, where there is ink
        grown[1:] |= joined[:-1]
        grown[:-1] |= joined[1:]
        wide = grown.copy()
        grown[:, 1:] |= wide[:, :-1]
        grown[:, :-1] |= wide[:, 1:]
        grown &= inked
        if np.array_equal(grown, joined):
            break
        joined = grown
    return Image.fromarray(np.where(joined, 255, 0).astype(np.uint8))


def _column_ink(ink: Image.Image) -> list[int]:
    return (np.asarray(ink) > 0).sum(axis=0).tolist()


def _edges(image: Image.Image, blank: Blank, top: int, bottom: int) -> tuple[int, int]:
    """The blank's left and right edges on the image.  Beside an anchor with a box of its own
    the crop keeps clear of it; beside a glued one ("ngày82tháng", whose split was estimated
    from its letters) the edge moves to the column with least ink near the estimate, which is
    where the print and the handwriting part."""
    reach = max(1, round(GLUED_SEARCH * blank.height))
    edges = []
    for estimate, glued, inward in (
        (blank.x0, blank.glued_left, 1),
        (blank.x1, blank.glued_right, -1),
    ):
        if not glued:
            edges.append(round(estimate + inward * ANCHOR_INSET * blank.height))
            continue
        first = max(0, round(estimate) - reach)
        ink = _column_ink(_ink(image, (first, top, round(estimate) + reach, bottom), blank.height))
        least = min(range(len(ink)), key=lambda x: (ink[x], abs(first + x - estimate)))
        edges.append(first + least)
    left, right = edges
    if blank.slash_lost:
        right -= round(SLASH_WIDTH * blank.height)
    return left, right


def _split_at_valleys(
    columns: Sequence[int], first: int, end: int, narrowest: int
) -> list[tuple[int, int]]:
    """A run of inked columns cut where digits that touch meet: at its thinnest column when that
    holds at most VALLEY_SHARE of the run's thickest and leaves two parts at least ``narrowest``
    wide; each part cut again the same way."""
    inner = range(first + narrowest, end - narrowest)
    if not inner:
        return [(first, end)]
    valley = min(inner, key=columns.__getitem__)
    if columns[valley] > VALLEY_SHARE * max(columns[first:end]):
        return [(first, end)]
    return _split_at_valleys(columns, first, valley, narrowest) + _split_at_valleys(
        columns, valley, end, narrowest
    )


def _pieces(
    ink: Image.Image, columns: Sequence[int], runs: Sequence[tuple[int, int]], line_height: float
) -> list[tuple[int, int]]:
    """The runs, those too wide for one digit cut first where touching digits meet."""
    pieces = []
    for first, end in runs:
        box = ink.crop((first, 0, end, ink.height)).getbbox()
        height = box[3] - box[1] if box else 0
        if height and end - first >= TOUCHING_ASPECT * height:
            pieces += _split_at_valleys(columns, first, end, round(MIN_MARK_HEIGHT * line_height))
        else:
            pieces.append((first, end))
    return pieces


def _digit_marks(ink: Image.Image, line_height: float) -> list[Image.Image] | None:
    """The handwritten digits in a blank's ink, left to right: runs of inked columns, specks
    left out, a run clearly wider than one digit cut where its ink is thinnest.  None when a
    run is too wide for one digit yet not clearly two (strokes that overlap, as a 7 crossing
    a 3): such a run cannot be cut surely, and a wrong cut reads as wrong digits."""
    columns = _column_ink(ink)
    runs: list[tuple[int, int]] = []
    start = None
    for column, amount in enumerate([*columns, 0]):
        if amount and start is None:
            start = column
        elif not amount and start is not None:
            runs.append((start, column))
            start = None
    digits: list[Image.Image] = []
    for first, end in _pieces(ink, columns, runs, line_height):
        box = ink.crop((first, 0, end, ink.height)).getbbox()
        height = box[3] - box[1] if box else 0
        if height < MIN_MARK_HEIGHT * line_height:
            continue
        width = end - first
        if width >= TOUCHING_ASPECT * height:
            count = max(2, round(width / (DIGIT_ASPECT * height)))
        elif width > WIDEST_DIGIT * line_height:
            return None
        else:
            count = 1
        cuts = [first]
        for part in range(1, count):
            middle = first + width * part // count
            slack = width // (3 * count)
            cuts.append(min(range(middle - slack, middle + slack + 1), key=columns.__getitem__))
        cuts.append(end)
        digits += [ink.crop((left, 0, right, ink.height)) for left, right in pairwise(cuts)]
    return digits


def _blank_marks(image: Image.Image, blank: Blank) -> list[Image.Image] | None:
    """The digits written in a blank, cut apart (ink white on black); None when it is empty or
    holds more marks than its field has digits, or they cannot be cut surely."""
    top = round(blank.top - CROP_MARGIN * blank.height)
    bottom = round(blank.bottom + CROP_MARGIN * blank.height)
    left, right = _edges(image, blank, top, bottom)
    if right - left < 1:
        return None
    above = max(0, round(blank.top - TALL_ABOVE * blank.height))
    below = min(image.height, round(blank.bottom + TALL_BELOW * blank.height))
    ink = _ink(image, (left, above, right, below), blank.height)
    marks = _digit_marks(_joined(ink, top - above, bottom - above), blank.height)
    if not marks or len(marks) > MOST_DIGITS[blank.field]:
        return None  # nothing written (the blank stays blank), or no sure cut into digits
    return marks


def _reading(blank: Blank, digits: Sequence[str | None]) -> str | None:
    """The blank's digits, when each is read and the whole can stand there (not a day of 45,
    a month of 0)."""
    read = [digit for digit in digits if digit is not None]
    if len(read) < len(digits):
        return None
    reading = "".join(read)
    return reading if int(reading) in VALUES[blank.field] else None


def fill_blanks(words: Sequence[Word], readings: Sequence[tuple[Blank, str]]) -> list[Word]:
    """``words`` with the garbage in each blank replaced by the digits read there: words inside
    a blank go, words cut by one keep their characters outside it, as pieces with boxes narrowed
    to match ("ngày82tháng" becomes "ngày", "22", "tháng")."""
    cut = {id(word): (word, blank) for blank, _ in readings for word in blank.words}
    filled = [word for word in words if id(word) not in cut]
    for word, blank in cut.values():
        # The characters' extents as the blank was found from them.
        spans = _character_spans(word, blank.letter_width)
        kept = [
            not any(blank.x0 <= (x0 + x1) / 2 < blank.x1 for blank, _ in readings)
            for x0, x1 in spans
        ]
        position = 0
        while position < len(word.text):
            if not kept[position]:
                position += 1
                continue
            end = position
            while end < len(word.text) and kept[end]:
                end += 1
            x0, x1 = spans[position][0], spans[end - 1][1]
            filled.append(Word(word.text[position:end], x0, x1, word.top, word.bottom, word.line))
            position = end
    for blank, digits in readings:
        # A slash lost into the blank is typed print that the crop left out: it goes back.
        text = f"{digits}/" if blank.slash_lost else digits
        filled.append(Word(text, blank.x0, blank.x1, blank.top, blank.bottom, blank.line))
    return filled


def read_handwriting(words: Sequence[Word], image: Image.Image) -> tuple[list[Word], list[str]]:
    """Page 1's words with the header blanks filled in where the handwriting could be read, and
    the fields so filled ("number", "day", "month").

    Blanks whose OCR text is garbage hold handwriting.  The number and the date are written in
    together when the document is registered, by one hand: where any blank holds garbage,
    digits the page OCR read cleanly in another are read again when their box is not the size
    of the header's print, and replace the page text when handwriting was read in a blank of
    garbage too (a written 115 that OCR read as 445); and the digits of all the blanks are read
    together, so that a digit the samples disagree on may be known by another the same hand
    wrote (:func:`read_digits`)."""
    blanks = find_blanks(words, image.height)
    handwritten = any(blank.text and not blank.clean for blank in blanks)
    marked = [
        (blank, marks)
        for blank in blanks
        if (not blank.clean or (handwritten and not blank.print_sized))
        and (marks := _blank_marks(image, blank))
    ]
    digits = iter(read_digits([mark for _, marks in marked for mark in marks]))
    readings = []
    for blank, marks in marked:
        reading = _reading(blank, [next(digits) for _ in marks])
        if reading is not None and (reading != blank.text or not blank.clean):
            readings.append((blank, reading))
    if all(blank.clean for blank, _ in readings):
        readings = []  # clean digits alone are never replaced
    return fill_blanks(words, readings), [blank.field for blank, _ in readings]
