"""Tone marks that a PDF text layer set apart from their letters, put back.

Some fonts' text layers give a line's tone marks after its words, each alone after a space:
"tinh hình bị thiêt hai ̀ ̣ ̣ do lũ lụt" was "tình hình bị thiệt hại".  The marks come in the
order of the letters that lost them, so each group belongs, in order, to some of the unmarked
words before it.  Which ones is chosen with underthesea's Vietnamese dictionary (Viet74K, a word
list the installed package ships): every mark goes to a word that is a syllable with it, and
of the ways to spread the group over the words, the one wins whose syllables are most often
Vietnamese words and whose neighbours most often make the dictionary's two-syllable words
("tình hình", "thiệt hại").  A group that cannot be spread (more marks than unmarked words, a
mark that is not a tone) is left for :func:`ingest.normalize.normalize_unicode` to drop.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib.util import find_spec
from itertools import pairwise
from pathlib import Path

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_COMBINING = "\u0300-\u036f"
# Found without importing underthesea (seconds, and its models) where only its word list is read.
DICTIONARY = Path(find_spec("underthesea").origin).parent / "corpus" / "data" / "Viet74K.txt"

# A group of marks standing alone (after a blank or at a line start), each after a blank.
ORPHAN_GROUP = re.compile(rf"(?:(?<=\s)|^)[{_COMBINING}](?:[ \t]+[{_COMBINING}])*", re.MULTILINE)
_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = set("aăâeêioôơuưy")
# The words a group may belong to: the text line of a PDF, at most this many words back.
REACH_WORDS = 30
# Scores: a word that is a dictionary syllable, two neighbours that make a dictionary word, and
# a word that is not a syllable at all (as "thiêt" without its mark).
SYLLABLE = 1.0
PAIR = 2.0
NOT_A_SYLLABLE = -3.0


@cache
def _dictionary() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    syllables: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for entry in DICTIONARY.read_text(encoding="utf-8").splitlines():
        words = unicodedata.normalize("NFC", entry.strip().lower()).split()
        syllables.update(words)
        pairs.update(pairwise(words))
    return frozenset(syllables), frozenset(pairs)


def _toned(word: str) -> bool:
    return any(mark in TONE_MARKS for mark in unicodedata.normalize("NFD", word))


def _with_mark(word: str, mark: str) -> str | None:
    """``word`` with ``mark`` on the vowel that makes it a dictionary syllable, or None."""
    syllables, _ = _dictionary()
    base = unicodedata.normalize("NFD", word)
    letters = [
        index for index, character in enumerate(base) if not unicodedata.combining(character)
    ]
    for position, index in enumerate(letters):
        if base[index].lower() not in "aeiouy":
            continue
        # The mark goes after the letter's own marks (the circumflex of ê, the horn of ơ).
        end = letters[position + 1] if position + 1 < len(letters) else len(base)
        candidate = unicodedata.normalize("NFC", base[:end] + mark + base[end:])
        if candidate.lower() in syllables:
            return candidate
    return None


def _score(previous: str | None, word: str) -> float:
    syllables, pairs = _dictionary()
    lower = word.lower()
    score = SYLLABLE if lower in syllables else NOT_A_SYLLABLE
    if previous is not None and (previous.lower(), lower) in pairs:
        score += PAIR
    return score


def _spread(words: list[str], marks: str) -> list[str] | None:
    """The words with the marks given, in order, to some of the unmarked ones: the best-scored
    way, or None when there is none."""
    # best[j][took] = (score, words so far) after the current word, j marks given, the current
    # word having taken a mark or not.
    best: dict[tuple[int, bool], tuple[float, list[str]]] = {(0, False): (0.0, [])}
    for word in words:
        word_options = [(word, False)]
        if not _toned(word) and any(letter.lower() in _VOWELS for letter in word):
            word_options.append((word, True))
        following: dict[tuple[int, bool], tuple[float, list[str]]] = {}
        for (given, _), (score, forms) in best.items():
            previous = forms[-1] if forms else None
            for form, takes in word_options:
                if takes:
                    if given == len(marks):
                        continue
                    marked = _with_mark(form, marks[given])
                    if marked is None:
                        continue
                    form, count = marked, given + 1
                else:
                    count = given
                total = score + _score(previous, form)
                key = (count, takes)
                if key not in following or total > following[key][0]:
                    following[key] = (total, [*forms, form])
        best = following
    finished = [state for (given, _), state in best.items() if given == len(marks)]
    return max(finished, key=lambda state: state[0])[1] if finished else None


def restore_orphan_marks(text: str) -> str:
    """``text`` (NFC) with each group of orphan tone marks put back on the words before it
    where the dictionary says where they go; other groups are left as they are."""
    pieces: list[str] = []
    done = 0  # text before this is final
    since = 0  # the end of the group before: its words are not this group's
    for group in ORPHAN_GROUP.finditer(text):
        marks = "".join(group.group().split())
        words = list(_WORD.finditer(text, since, group.start()))[-REACH_WORDS:]
        since = group.end()
        unmarked = sum(1 for word in words if not _toned(word.group()))
        if len(marks) > unmarked or any(mark not in TONE_MARKS for mark in marks):
            continue
        spread = _spread([word.group() for word in words], marks)
        if spread is None:
            continue
        position = done
        for word, form in zip(words, spread, strict=True):
            pieces.append(text[position : word.start()] + form)
            position = word.end()
        pieces.append(text[position : group.start()])
        done = group.end()
        if done < len(text) and text[done] in " \t":
            done += 1  # the blank after the group goes with it
    pieces.append(text[done:])
    return "".join(pieces)
