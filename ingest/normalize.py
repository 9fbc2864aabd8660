"""Unicode normalisation for Vietnamese text.

Every later stage matches on one spelling: NFC, with the tone mark placed the traditional way
("hòa", "thúy", "khỏe", "Ủy ban"), which is how Nghị định 30/2020/NĐ-CP documents and the
national title ("CỘNG HÒA") are written.  The "new style" ("hoà", "thuý") differs only in open
syllables ending in oa, oe or uy (not after q), so only those are moved.

``fold`` removes every diacritic (and maps đ to d) for search keys that must work when a user
types without accents.
"""

from __future__ import annotations

import re
import unicodedata

from ingest.diacritics import (
    COMBINING,
    ORPHAN_GROUP,
    TONE_MARKS,
    WORD,
    has_marks,
    marks_scattered,
    restore_orphan_marks,
    untangle_marks,
)
from ingest.dropped import restore_lost_letters
from ingest.spacing import split_glued_words

# An open syllable "oa", "oe" or "uy" (not "qu…") whose tone sits on the second vowel,
# in NFD: o + a + tone, then no further letter or mark.
_NEW_STYLE_TONE = re.compile(
    rf"(?<![qQ])([oOuU])([aAeEyY])([{TONE_MARKS}])(?![^\W\d_]|[{COMBINING}])"
)
_VALID_PAIRS = {"oa", "oe", "uy"}

# Marks that lost their letter: PDF text layers of some fonts put a line's diacritics apart,
# after a space ("thiêt hai ̀ ̣ ̣ do lũ lụt").  They are put back where the dictionary can tell
# which words they belong to (:mod:`ingest.diacritics`); the rest are dropped with the space
# after them, leaving words a reader and a search can match.
_ORPHAN_MARKS = re.compile(rf"(?:(?<=\s)|^)[{COMBINING}]+[ \t]*", re.MULTILINE)
# Letters that legacy fonts and OCR put for Vietnamese ones (the Icelandic eth for đ), and the
# look-alikes some web pages write whole articles in to slip past filters: small capitals
# ("ʙộ ʏ ᴛế") for lower-case letters, mathematical digits and letters ("𝟸.𝟶𝟶𝟽") for plain ones.
LOOKALIKES = str.maketrans(
    {
        "\u00d0": "\u0110",
        "\u00f0": "\u0111",
        **dict(zip("ᴀʙᴄᴅᴇғɢʜɪᴊᴋʟᴍɴᴏᴘǫʀꜱᴛᴜᴠᴡʏᴢ", "abcdefghijklmnopqrstuvwyz", strict=True)),
    }
)
_MATH_ALPHANUMERICS = re.compile("[\U0001d400-\U0001d7ff]")

# Markdown emphasis and heading marks that converters leave in text files.
_MARKDOWN_EMPHASIS = re.compile(r"\*\*")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)
# Tried only where a run of blanks starts, so that a long run inside a line is scanned once.
_TRAILING_SPACE = re.compile(r"(?<![ \t\u00a0])[ \t\u00a0]++$", re.MULTILINE)


def _move_tone(match: re.Match[str]) -> str:
    first, second, tone = match.groups()
    if (first + second).lower() not in _VALID_PAIRS:
        return match.group(0)
    return first + tone + second


def normalize_unicode(text: str) -> str:
    """NFC with one tone-mark placement, orphan marks put back or dropped, letters a PDF's font
    lost put back (:mod:`ingest.dropped`), marks scattered over a whole text gathered into
    syllables (:func:`ingest.diacritics.untangle_marks`),
    look-alike letters replaced and glued words set apart (:mod:`ingest.spacing`); the length
    of the text may change."""
    text = _MATH_ALPHANUMERICS.sub(
        lambda match: unicodedata.normalize("NFKC", match.group()), text.translate(LOOKALIKES)
    )
    if ORPHAN_GROUP.search(text):
        text = restore_orphan_marks(unicodedata.normalize("NFC", text))
    composed = restore_lost_letters(unicodedata.normalize("NFC", text))
    if marks_scattered(composed):
        composed = untangle_marks(composed)
    decomposed = unicodedata.normalize("NFD", split_glued_words(composed))
    decomposed = _ORPHAN_MARKS.sub("", decomposed)
    decomposed = _NEW_STYLE_TONE.sub(_move_tone, decomposed)
    return unicodedata.normalize("NFC", decomposed)


def strip_markdown(text: str) -> str:
    """Remove emphasis (``**``) and heading marks, keeping line structure."""
    text = _MARKDOWN_HEADING.sub("", text)
    return _MARKDOWN_EMPHASIS.sub("", text)


def normalize_text(text: str) -> str:
    """The text every extractor works on: NFC, one tone placement, no markup, LF line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = normalize_unicode(strip_markdown(text))
    return _TRAILING_SPACE.sub("", text)


def fold(text: str) -> str:
    """Lower-case text without any diacritic, đ folded to d: a search and matching key."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.lower()


def printed_spelling(value: str, raw: str) -> str:
    """``value`` (a name or a place read from the normalised text) with each word spelled as
    the raw text prints it where the two differ only in tone placement: normalisation puts
    every tone in one place ("Thanh Hoá" → "Thanh Hóa") so that rules and search match, but a
    name or place is reported as the document writes it.  The first printed form counts."""
    wanted = {word for word in WORD.findall(value) if has_marks(word)}
    if not wanted:
        return value
    keys = {fold(word): word for word in wanted}
    printed: dict[str, str] = {}
    for match in WORD.finditer(unicodedata.normalize("NFC", raw)):
        word = match.group()
        target = keys.get(fold(word))
        if target and target not in printed and normalize_unicode(word) == target:
            printed[target] = word
        if len(printed) == len(wanted):
            break
    return WORD.sub(lambda match: printed.get(match.group(), match.group()), value)
