"""Vietnamese text in pre-Unicode encodings (TCVN3/ABC, VNI, VISCII), and text damaged beyond repair.

Before Unicode, office documents were typed in ``.VnTime`` fonts (TCVN3) or ``VNI-Times`` fonts
(VNI): one byte per glyph, so a PDF's text layer or a saved .txt holds "Céng hoµ x· héi chñ
nghÜa" for "Cộng hoà xã hội chủ nghĩa".  The conversion tables and the content detector come
from viparse, which built them from real government documents; this module decides when to use
them and keeps them away from good text.

Detection on content alone must never fire on normal Unicode Vietnamese or English: it runs
only on text that has legacy surface characters and few real Vietnamese letters, and viparse's
own guard (trial conversion must read as Vietnamese) comes on top.

Some text cannot be repaired: a legacy document OCR'd or converted with the wrong table comes
out as "TONG LIEN DOAN LAO IX)NG", "Dc 1p - Ti do - H3nh phüc".  :func:`damage_warning` notices
Vietnamese that has lost its tone marks, so it is flagged instead of silently mis-extracted.
"""

from __future__ import annotations

import re
import unicodedata

from viparse.normalize.detector import detect_encoding_by_content
from viparse.normalize.encodings import AUTO_DETECT_CHARMAPS, get_charmap
from viparse.normalize.tables import convert as convert_with

from ingest.diacritics import VOWELS, WORD
from ingest.normalize import fold

TCVN3 = "tcvn3"
VNI = "vni"

# PDF subset fonts carry a six-letter tag: "ABCDEF+.VnTime".
_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")

# TCVN3 has no upper-case accented letters: headings are typed with the lower-case bytes in a
# font whose name ends in "H" (.VnTimeH, .VnArialH) that draws them upper case.
_UPPER_CASE_FONT = re.compile(r"^\.Vn\w*H$", re.IGNORECASE)

# Letters only Vietnamese uses (precomposed, after NFC) that no legacy byte shows as: their
# presence means real Unicode.  "â", "ê", "ô" are left out, for they are Latin-1 characters too:
# VNI text read as Windows-1252 is full of them ("Coâng", "hôn").
_VIETNAMESE_ONLY = re.compile(r"[ăđơưĂĐƠƯ\u1EA0-\u1EF9]")

# Surface characters legacy bytes turn into when read as Latin-1 / Windows-1252.
_LEGACY_SURFACE = re.compile(r"[\u00a1-\u00ff\u2212\u2219\u0152\u0153\u0178\u2018-\u201e]")

# A Vietnamese syllable written without marks: optional initial consonant(s), vowels, optional
# final consonant(s).  Most English words do not have this shape ("and", "of", "report").
_PLAIN_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
    r"[aeiouy]{1,3}"
    r"(?:ng|nh|ch|[cmnpt])?",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"\S+")
_ASCII_LOWER = re.compile(r"[a-z]")

# Thresholds of :func:`damage_warning`, over words of at least two letters.  Real Vietnamese
# marks about half of its syllables; damaged text keeps almost none, while still being made
# of Vietnamese-shaped syllables (English has many words of other shapes).
_MIN_WORDS = 20
_MAX_MARKED_SHARE = 0.08
_MIN_SYLLABLE_SHARE = 0.7
# A text whose accented letters were dropped is full of words without a vowel ("TNH PH TH",
# "Ngh quyt s"); clean texts have at most 4% (abbreviations, units).
_MIN_FRAGMENT_SHARE = 0.25


def encoding_of_font(font: str) -> str | None:
    """The legacy encoding a font name implies: ``.Vn*`` fonts are TCVN3, ``VNI*`` fonts VNI."""
    name = _SUBSET_TAG.sub("", font or "")
    upper = name.upper()
    if upper.startswith(".VN"):
        return TCVN3
    if upper.startswith("VNI"):
        return VNI
    return None


def convert(text: str, encoding: str, font: str | None = None) -> str:
    """``text`` in a legacy encoding, as Unicode (NFC); upper case when its font draws upper case,
    and, with no font named, TCVN3 headings found by their case (:func:`_upper_case_headings`)."""
    charmap = get_charmap(encoding)
    if charmap is None:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    converted = convert_with(text, charmap)
    if font is None:
        return _upper_case_headings(converted) if encoding == TCVN3 else converted
    if _UPPER_CASE_FONT.match(_SUBSET_TAG.sub("", font)):
        converted = converted.upper()
    return converted


def _upper_case_headings(text: str) -> str:
    """TCVN3 text whose fonts are unknown, with the headings typed in an upper-case font restored.

    A .txt file keeps no font names, so a heading typed in .VnTimeH comes out as "CộNG HOà" and
    "ủY BAN": its accented letters, typed with lower-case bytes, stay lower case between the
    upper-case plain letters.  A word like that, with upper case after its first letter, gives
    the heading away; a line whose plain letters are all upper case is upper case throughout
    ("Đà" in "THÀNH PHỐ Đà NẴNG").
    """
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not any(_typed_in_heading_font(word) for word in WORD.findall(line)):
            continue
        if not _ASCII_LOWER.search(line):
            lines[index] = line.upper()
        else:
            lines[index] = WORD.sub(
                lambda word: word[0].upper() if _typed_in_heading_font(word[0]) else word[0], line
            )
    return "\n".join(lines)


def _typed_in_heading_font(word: str) -> bool:
    """No plain lower-case letter, an accented lower-case one, and upper case after the first."""
    return (
        not _ASCII_LOWER.search(word)
        and any(char.islower() for char in word)
        and any(char.isupper() for char in word[1:])
    )


def detect(text: str) -> str | None:
    """The legacy encoding ``text`` is in, or None for Unicode text (the usual case).

    Only text with many legacy surface characters and hardly any Vietnamese-only letters is
    put to viparse's content detector.
    """
    sample = text[:20000]
    letters = sum(char.isalpha() for char in sample)
    if letters < 20:
        return None
    if len(_VIETNAMESE_ONLY.findall(sample)) > 0.02 * letters:
        return None
    if len(_LEGACY_SURFACE.findall(sample)) < 0.03 * letters:
        return None
    return detect_encoding_by_content(sample, AUTO_DETECT_CHARMAPS).encoding


def damage_warning(text: str) -> str | None:
    """A warning when ``text`` is Vietnamese that has lost its tone marks, or its accented
    letters, beyond repair."""
    words = [word for word in _TOKEN.findall(unicodedata.normalize("NFC", text)) if len(word) > 1]
    words = [word for word in words if WORD.search(word)]
    if len(words) < _MIN_WORDS:
        return None
    marked = sum(1 for word in words if word.lower() != fold(word))
    if marked / len(words) > _MAX_MARKED_SHARE:
        return None
    vowelless = sum(1 for word in words if VOWELS.isdisjoint(fold(word)))
    if vowelless / len(words) >= _MIN_FRAGMENT_SHARE:
        return (
            "text looks like Vietnamese that lost its accented letters ('C NG HOÀ', 'Ngh quyt'; "
            "a PDF font without Vietnamese tables?): names, dates and numbers may be misread"
        )
    syllables = sum(1 for word in words if _PLAIN_SYLLABLE.fullmatch(word.strip(".,;:()\"'")))
    if syllables / len(words) < _MIN_SYLLABLE_SHARE:
        return None
    return (
        "text looks like Vietnamese without its tone marks (a legacy font mis-decoded?): "
        "names and dates may be misread"
    )
