"""Agency names: one key for one body however it is spelled.

"Sở TT&TT", "Sở Thông tin và Truyền thông" and "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" are one body;
"UBND tỉnh Cà Mau" and "Ủy ban nhân dân tỉnh Cà Mau" too.  :func:`agency_key` expands the
abbreviations kept in ``data/agencies.json``, then folds case and diacritics, so that tasks,
issuers and recipients of one body group together.  The 63 provinces and their districts (as
they were before the 2025 merger, the period of most archived documents) come from
underthesea's administrative data, copied into ``data/agencies_places.json``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from extract.lexicon import load
from ingest.normalize import fold, normalize_text

# An abbreviation stands alone: not inside a word, nor inside a document number
# ("4806/UBND-KGVX" keeps its "UBND"); "TT&TT", "LĐ-TB&XH" carry their own "&" and "-".
_ABBR_EDGE_BEFORE = r"(?<![\w&/\-])"
_ABBR_EDGE_AFTER = r"(?![\w&/\-])"
# Honorifics and plural markers that say nothing about which body is meant.
_LEADING_NOISE = re.compile(r"^(?:đồng chí|đ/c|các|những)\s+", re.IGNORECASE)
# Everything but letters, digits and spaces is dropped from a key ("Sở Y tế;" = "Sở Y tế").
_NOT_KEY_CHARACTER = re.compile(r"[^0-9a-z ]+")


@cache
def _abbreviation_pattern() -> re.Pattern[str]:
    abbreviations = load("agencies")["abbreviations"]
    alternatives = "|".join(re.escape(a) for a in sorted(abbreviations, key=len, reverse=True))
    return re.compile(f"{_ABBR_EDGE_BEFORE}(?:{alternatives}){_ABBR_EDGE_AFTER}")


def expand_abbreviations(name: str) -> str:
    """``"UBND tỉnh"`` → ``"Ủy ban nhân dân tỉnh"``; ``"Sở TT&TT"`` → ``"Sở Thông tin và Truyền thông"``."""
    abbreviations = load("agencies")["abbreviations"]
    expanded = _abbreviation_pattern().sub(lambda m: abbreviations[m.group(0)], name)
    return " ".join(expanded.split())


@lru_cache(maxsize=1 << 16)
def agency_key(name: str | None) -> str | None:
    """The grouping key of a body's name: abbreviations expanded, no case, no diacritics.

    Cached: an archive names the same bodies over and over (the ledger's builds and the site's
    SQL functions key every row), and the key's regular expressions are most of their cost.

    >>> agency_key("Sở TT&TT") == agency_key("SỞ THÔNG TIN VÀ TRUYỀN THÔNG")
    True
    """
    if not name or not name.strip():
        return None
    text = expand_abbreviations(normalize_text(name).strip())
    text = _LEADING_NOISE.sub("", text)
    key = _NOT_KEY_CHARACTER.sub(" ", fold(text))
    return " ".join(key.split()) or None


@cache
def agency_heads() -> tuple[str, ...]:
    """Head words a body's name starts with, longest first ("ủy ban nhân dân" before "ủy ban")."""
    return tuple(sorted(load("agencies")["heads"], key=len, reverse=True))


@cache
def _heads_pattern() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(h) for h in agency_heads())
    return re.compile(rf"(?:{alternatives})(?!\w)", re.IGNORECASE)


@cache
def _not_heads_pattern() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(h) for h in load("agencies")["not_heads"])
    return re.compile(rf"(?:{alternatives})(?!\w)", re.IGNORECASE)


# "các", "những", "mọi" before a body's name ("các địa phương", "mọi cấp").
_PLURAL = re.compile(r"(?:các|những|mọi|toàn thể|tất cả các)\s+", re.IGNORECASE)


def head_words(phrase: str) -> int:
    """How many words of ``phrase`` the body's head that opens it spans ("Ủy ban kiểm tra Huyện
    ủy …" → 4), 0 when none opens it; "các", "những" before it count."""
    phrase = phrase.strip()
    plural = _PLURAL.match(phrase)
    start = plural.end() if plural else 0
    head = _heads_pattern().match(phrase, start)
    if not head or _not_heads_pattern().match(phrase, start):
        return 0
    return len(phrase[: head.end()].split())


def starts_with_agency(phrase: str) -> bool:
    """Whether ``phrase`` opens the way a body's name does ("Sở …", "các địa phương", "UBND …")."""
    return head_words(phrase) > 0


@cache
def provinces() -> tuple[dict, ...]:
    """The 63 provinces: ``{"name", "short", "code", "districts"}`` each."""
    return tuple(load("agencies_places")["provinces"])


@cache
def _province_pattern() -> re.Pattern[str]:
    names = sorted((p["short"] for p in provinces()), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def find_province(text: str | None) -> str | None:
    """The short name of the first province named in ``text`` ("Cà Mau"), or None."""
    if not text:
        return None
    match = _province_pattern().search(normalize_text(text))
    return match.group(0) if match else None


@cache
def place_names() -> frozenset[str]:
    """Folded short names of every province and district, to tell a place from a person."""
    names = set()
    for province in provinces():
        names.add(fold(province["short"]))
        for district in province["districts"]:
            names.add(fold(re.sub(r"^(?:Huyện|Quận|Thị xã|Thành phố)\s+", "", district)))
    return frozenset(names)
