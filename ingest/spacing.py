"""Words that PDF text extraction and web copies glued together, set apart again.

A text layer often loses the space between two words where a line ended or a font changed:
"PhóThủ tướng", "PHÓ CHỦ NHIỆMVăn Trọng Lý", "Ủyban nhân dân", "Môi trườngchủ trì".  Vietnamese
is written one syllable per word, so a glued token is two syllables of the dictionary
(underthesea's Viet74K, read by :mod:`ingest.diacritics`) with no space between them.  A wrong
split corrupts a clean text, so every rule asks the dictionary for both sides:

- a capital inside a word, after a lower-case letter ("PhóThủ") or after a run of capitals and
  before a lower-case letter ("NHIỆMVăn"), starts a new word when the pieces on both sides are
  syllables; document symbols ("TTg", "QĐ-TTg") and brand names ("VietinBank") are not;
- a lower-case, capitalised or capital word that is no syllable but two ("trườngchủ", "Ủyban",
  "CHỦNHIỆM") is split where the halves are syllables making a dictionary word together or
  with a neighbour ("môi trường", "chủ trì").  Names, loanwords and acronyms not in the
  dictionary could split so by chance, so this is done only in a text that shows glue: at
  least MIN_GLUED words with Vietnamese marks that split so.

Spellings are compared by letters and tone, not by where the tone sits: the dictionary writes
"uỷ ban", a normalised text "ủy ban".
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from typing import NamedTuple

from ingest.diacritics import LONGEST_SYLLABLE, TONE_MARKS, VOWELS, WORD, dictionary, has_marks

# The dictionary lists every letter as an entry: a piece must have at least this many letters.
SHORTEST_PART = 2
# Capitals in a row before a capital that starts a lower-case word: "NHIỆMVăn".  Fewer would
# take symbols ("PTTg") for words; those fail the dictionary anyway.
MIN_CAPITALS = 3
# Glued lower-case words with marks a text must show before its lower-case words are split.
MIN_GLUED = 2
# Scores of a split: each dictionary word it makes, and per natural log how common its halves
# are.
PAIR = 2.0
COMMON = 0.3


class _Lexicon(NamedTuple):
    syllables: Counter[str]
    pairs: frozenset[tuple[str, str]]


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    """A spelling by its letters and tones, lower-case, wherever the tone sits."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = "".join(sorted(character for character in decomposed if character in TONE_MARKS))
    letters = "".join(character for character in decomposed if character not in TONE_MARKS)
    return unicodedata.normalize("NFC", letters) + tones


@cache
def _lexicon() -> _Lexicon:
    entries, pairs = dictionary()
    syllables: Counter[str] = Counter()
    for syllable, count in entries.items():
        syllables[_key(syllable)] += count
    return _Lexicon(syllables, frozenset((_key(a), _key(b)) for a, b in pairs))


def _starts_with_vowel(word: str) -> bool:
    return unicodedata.normalize("NFD", word[:1]).lower()[:1] in VOWELS


def _is_syllable(piece: str) -> bool:
    """A dictionary syllable with a vowel and at least SHORTEST_PART letters."""
    if not SHORTEST_PART <= len(piece) <= LONGEST_SYLLABLE:
        return False
    letters = unicodedata.normalize("NFD", piece.lower())
    return any(letter in VOWELS for letter in letters) and _key(piece) in _lexicon().syllables


def _case_boundaries(word: str) -> list[int]:
    """Where a capital starts a new word inside ``word``: after a lower-case letter, or after
    MIN_CAPITALS capitals and before a lower-case letter."""
    boundaries = []
    for index in range(1, len(word)):
        if not word[index].isupper():
            continue
        after_lower = word[index - 1].islower()
        after_capitals = (
            index >= MIN_CAPITALS
            and index + 1 < len(word)
            and word[index + 1].islower()
            and word[index - MIN_CAPITALS : index].isupper()
        )
        if after_lower or after_capitals:
            boundaries.append(index)
    return boundaries


def _split_at_capitals(word: str) -> str:
    """``word`` with a space at each capital that starts a new word where the pieces on both
    sides are syllables."""
    if word.islower() or word.isupper() or word[1:].islower():
        return word
    boundaries = _case_boundaries(word)
    edges = [0, *boundaries, len(word)]
    pieces = [word[start:end] for start, end in zip(edges, edges[1:], strict=False)]
    out = [pieces[0]]
    for left, right in zip(pieces, pieces[1:], strict=False):
        out.append(" " if _is_syllable(left) and _is_syllable(right) else "")
        out.append(right)
    return "".join(out)


@lru_cache(maxsize=1 << 14)
def _halves(word: str) -> tuple[int, ...]:
    """Where a lower-case word that is no syllable splits into two syllables."""
    if not 2 * SHORTEST_PART <= len(word) <= 2 * LONGEST_SYLLABLE or _is_syllable(word):
        return ()
    return tuple(
        index
        for index in range(SHORTEST_PART, len(word) - SHORTEST_PART + 1)
        if _is_syllable(word[:index]) and _is_syllable(word[index:])
    )


def _best_split(previous: str | None, word: str, following: str | None) -> int | None:
    """Where to split a glued lower-case, capitalised or capital word ("trườngchủ", "Ủyban",
    "CHỦNHIỆM"): the halves must make a dictionary word together or with a neighbour, twice
    when the second half starts with a vowel (a typo as "thưong" splits so too); of several
    places the best-scored wins."""
    if not (word[1:].islower() or word.isupper()):
        return None
    lexicon = _lexicon()
    best, best_score = None, 0.0
    for index in _halves(word.lower()):
        left, right = _key(word[:index]), _key(word[index:])
        words = sum(
            pair in lexicon.pairs
            for pair in (
                (previous and _key(previous), left),
                (left, right),
                (right, following and _key(following)),
            )
        )
        if words < 1 + _starts_with_vowel(right):
            continue
        score = PAIR * words + COMMON * (
            math.log1p(lexicon.syllables[left]) + math.log1p(lexicon.syllables[right])
        )
        if score > best_score:
            best, best_score = index, score
    return best


def _only_blanks_between(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Whether two words in a row are neighbours: a word across a comma or a number makes no
    dictionary word with the other."""
    return text[first.end() : second.start()].isspace()


def _split_glued_syllables(text: str) -> str:
    words = list(WORD.finditer(text))
    splits: list[tuple[re.Match[str], int]] = []
    for index, match in enumerate(words):
        if not _halves(match.group().lower()):
            continue  # nearly every word, told without looking at its neighbours
        before = words[index - 1] if index else None
        after = words[index + 1] if index + 1 < len(words) else None
        previous = before.group() if before and _only_blanks_between(text, before, match) else None
        following = after.group() if after and _only_blanks_between(text, match, after) else None
        split = _best_split(previous, match.group(), following)
        if split is not None:
            splits.append((match, split))
    glued = sum(
        has_marks(match.group()) and not _starts_with_vowel(match.group()[split:])
        for match, split in splits
    )
    if glued < MIN_GLUED:
        return text
    pieces, position = [], 0
    for match, split in splits:
        pieces.append(text[position : match.start() + split] + " ")
        position = match.start() + split
    pieces.append(text[position:])
    return "".join(pieces)


def split_glued_words(text: str) -> str:
    """``text`` (NFC) with the words that lost the space between them set apart: at a capital
    inside a word always, lower-case ones where the text shows glue (see the module)."""
    text = WORD.sub(lambda match: _split_at_capitals(match.group()), text)
    return _split_glued_syllables(text)
