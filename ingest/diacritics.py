"""Tone marks that a PDF text layer set apart from their letters, put back.

Some fonts' text layers give a line's tone marks after its words, each alone after a space:
"tinh hình bị thiêt hai ̀ ̣ ̣ do lũ lụt" was "tình hình bị thiệt hại".  The marks come in the
order of the letters that lost them, so each group belongs, in order, to some of the unmarked
words before it.  Which ones is chosen with underthesea's Vietnamese dictionary (Viet74K, a word
list the installed package ships): every mark goes where the spelling rules place a tone, on a
word that is a syllable with it, and of the ways to spread the group over the words, the one
wins whose syllables are Vietnamese words, common ones, already written so elsewhere in the same
text, and whose neighbours make the dictionary's two-syllable words ("tình hình", "thiệt
hại").  A group is put back only when that scores better than leaving the words as they are;
one that cannot be spread (more marks than unmarked words, a mark that is not a tone) is left
for :func:`ingest.normalize.normalize_unicode` to drop.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from functools import cache, lru_cache
from importlib.util import find_spec
from itertools import pairwise
from pathlib import Path

# Combining tone marks in NFD: grave, acute, tilde, hook above, dot below; and the range of all
# combining diacritics (as a regex class body).
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
COMBINING = "\u0300-\u036f"
# Found without importing underthesea (seconds, and its models) where only its word list is read.
DICTIONARY = Path(find_spec("underthesea").origin).parent / "corpus" / "data" / "Viet74K.txt"

# A group of marks standing alone after a space, a tab or a line break (after a no-break space a
# mark is a diacritic shown on its own, as in a text about the tones), each after a blank.
ORPHAN_GROUP = re.compile(rf"(?:(?<=[ \t\n])|^)[{COMBINING}](?:[ \t]+[{COMBINING}])*", re.M)
# A word: a run of letters (no digits, no underscore); shared with :mod:`ingest.spacing` and
# :mod:`ingest.normalize`.
WORD = re.compile(r"[^\W\d_]+")
# Vowels as letters (NFD base letters), and those whose own mark (circumflex, breve, horn) draws
# the tone to them.
VOWELS = frozenset("aeiouy")
_SHAPED = frozenset("\u0302\u0306\u031b")
# The longest Vietnamese syllable ("nghiêng") has seven letters: longer words take no mark.
LONGEST_SYLLABLE = 7
# The words a group may belong to: the text line of a PDF, at most this many words back.
REACH_WORDS = 30
# Scores: a word that is a dictionary syllable, two neighbours that make a dictionary word, and
# a word that is not a syllable at all (as "thiêt" without its mark); then, per natural log,
# how common the syllable is (entries of the dictionary holding it) and how often the text
# writes it so elsewhere.
SYLLABLE = 1.0
PAIR = 2.0
NOT_A_SYLLABLE = -3.0
COMMON = 0.3
WRITTEN_ELSEWHERE = 0.5


@cache
def dictionary() -> tuple[Counter[str], frozenset[tuple[str, str]]]:
    """How many entries hold each syllable, and the pairs of syllables that follow each other in
    an entry, spelled as Viet74K spells them ("uỷ ban"): read once, shared with
    :mod:`ingest.spacing`."""
    syllables: Counter[str] = Counter()
    pairs: set[tuple[str, str]] = set()
    for entry in DICTIONARY.read_text(encoding="utf-8").splitlines():
        words = unicodedata.normalize("NFC", entry.strip().lower()).split()
        syllables.update(words)
        pairs.update(pairwise(words))
    return syllables, frozenset(pairs)


def has_marks(word: str) -> bool:
    """Whether a word (NFC) carries any mark: a tone, or the hat, breve or horn of a vowel."""
    return unicodedata.normalize("NFD", word) != word


def _toned(word: str) -> bool:
    return any(mark in TONE_MARKS for mark in unicodedata.normalize("NFD", word))


@cache
def _toneless_letters() -> dict[int, str]:
    """Each precomposed letter with a tone → the same letter without it ("ờ" → "ơ")."""
    table = {}
    for code in range(0xC0, 0x1EFA):
        letter = chr(code)
        bare = "".join(c for c in unicodedata.normalize("NFD", letter) if c not in TONE_MARKS)
        bare = unicodedata.normalize("NFC", bare)
        if bare != letter and len(bare) == 1:
            table[code] = bare
    return table


def without_tones(text: str) -> str:
    """``text`` (NFC) with its tone marks taken off and the hats, breves and horns kept, letter
    for letter ("giường" → "giương"): what OCR leaves of a word whose tone it lost."""
    return text.translate(_toneless_letters())


def _tone_places(base: str) -> list[int]:
    """Where in ``base`` (NFD, no tone) a tone may go, as indices of vowel letters: first the
    one the spelling rules give, then the others."""
    letters = [
        index for index, character in enumerate(base) if not unicodedata.combining(character)
    ]
    lower = "".join(base[index].lower() for index in letters)
    start = 2 if lower[:2] in ("qu", "gi") and len(lower) > 2 and lower[2] in VOWELS else 0
    vowels = [position for position in range(start, len(lower)) if lower[position] in VOWELS]
    if not vowels:
        return []
    first, last = vowels[0], vowels[-1]
    cluster = list(range(first, last + 1))

    def shaped(position: int) -> bool:
        end = letters[position + 1] if position + 1 < len(letters) else len(base)
        return any(mark in _SHAPED for mark in base[letters[position] + 1 : end])

    marked = [position for position in cluster if shaped(position)]
    if marked:
        rule = marked[-1]  # "ươ": on the ơ
    elif len(cluster) == 1 or last + 1 < len(lower):
        rule = last  # one vowel, or a final consonant: "hoàn", "toán"
    else:
        rule = cluster[len(cluster) // 2 - (len(cluster) == 2)]  # "hài", "hòa"; "ngoài"
    return [letters[rule]] + [letters[position] for position in vowels if position != rule]


@lru_cache(maxsize=1 << 16)
def _with_mark(word: str, mark: str) -> str | None:
    """``word`` with ``mark`` where the spelling rules put it, or else on the vowel that makes
    it a dictionary syllable; None when no place does."""
    syllables, _ = dictionary()
    base = unicodedata.normalize("NFD", word)
    for index in _tone_places(base):
        # The tone goes after the letter's own marks (the circumflex of ê, the horn of ơ).
        end = index + 1
        while end < len(base) and unicodedata.combining(base[end]):
            end += 1
        candidate = unicodedata.normalize("NFC", base[:end] + mark + base[end:])
        if candidate.lower() in syllables:
            return candidate
    return None


def _score(previous: str | None, word: str, written: Mapping[str, int]) -> float:
    """How well ``word`` reads after ``previous``: a syllable, a common one, one the text writes
    elsewhere, one that makes a dictionary word with its neighbour."""
    syllables, pairs = dictionary()
    lower = word.lower()
    entries = syllables.get(lower, 0)
    score = SYLLABLE if entries else NOT_A_SYLLABLE
    score += COMMON * math.log1p(entries) + WRITTEN_ELSEWHERE * math.log1p(written.get(lower, 0))
    if previous is not None and (previous.lower(), lower) in pairs:
        score += PAIR
    return score


def _takes_mark(word: str) -> bool:
    letters = unicodedata.normalize("NFD", word)
    return (
        len(word) <= LONGEST_SYLLABLE
        and not _toned(word)
        and any(letter.lower() in VOWELS for letter in letters)
    )


def _spread(words: list[str], marks: str, written: Mapping[str, int]) -> list[str] | None:
    """The words with the marks given, in order, to some of the unmarked ones: the best-scored
    way, when it scores better than the words as they are; None otherwise."""
    # best[given, took] = (score, forms so far): ``given`` marks placed, the last word having
    # taken one or not.
    best: dict[tuple[int, bool], tuple[float, list[str]]] = {(0, False): (0.0, [])}
    for word in words:
        takes_mark = _takes_mark(word)
        following: dict[tuple[int, bool], tuple[float, list[str]]] = {}
        for (given, _), (score, forms) in best.items():
            previous = forms[-1] if forms else None
            options = [(word, given)]
            if given < len(marks) and takes_mark:
                marked = _with_mark(word, marks[given])
                if marked is not None:
                    options.append((marked, given + 1))
            for form, count in options:
                total = score + _score(previous, form, written)
                key = (count, count > given)
                if key not in following or total > following[key][0]:
                    following[key] = (total, [*forms, form])
        best = following
    finished = [state for (given, _), state in best.items() if given == len(marks)]
    if not finished:
        return None
    score, forms = max(finished, key=lambda state: state[0])
    as_they_are = sum(
        _score(previous, word, written)
        for previous, word in zip([None, *words], words, strict=False)
    )
    return forms if score > as_they_are else None


def restore_orphan_marks(text: str) -> str:
    """``text`` (NFC) with each group of orphan tone marks put back on the words before it
    where the dictionary says where they go; other groups are left as they are."""
    written = Counter(word.lower() for word in WORD.findall(text) if _toned(word))
    pieces: list[str] = []
    done = 0  # text before this is final
    since = 0  # the end of the group before: its words are not this group's
    for group in ORPHAN_GROUP.finditer(text):
        marks = "".join(group.group().split())
        words = list(WORD.finditer(text, since, group.start()))[-REACH_WORDS:]
        since = group.end()
        unmarked = sum(1 for word in words if _takes_mark(word.group()))
        if len(marks) > unmarked or any(mark not in TONE_MARKS for mark in marks):
            continue
        spread = _spread([word.group() for word in words], marks, written)
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


# Legacy-font and OCR noise can scatter marks over a word's vowels ("TRỈỂN KHÀÌ NGHĨÊN CỨƯ" for
# "TRIỂN KHAI NGHIÊN CỨU").  In a clean text at most 2% of the lower-case words with marks are
# no Vietnamese syllable (names, loanwords); a text is read as scattered when more than
# SCATTERED_SHARE of at least MIN_SCATTER_WORDS such words are not.
SCATTERED_SHARE = 0.15
MIN_SCATTER_WORDS = 20


def _letters(word: str) -> str:
    """A word's letters without their marks, lower-case ("Đ" stays a letter of its own)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


@cache
def _syllables_by_letters() -> dict[str, list[str]]:
    """Dictionary syllables by their letters ("cua" → của, cửa, cua, …)."""
    syllables, _ = dictionary()
    by_letters: dict[str, list[str]] = {}
    for syllable in syllables:
        by_letters.setdefault(_letters(syllable), []).append(syllable)
    return by_letters


def _marks(word: str) -> Counter[str]:
    return Counter(c for c in unicodedata.normalize("NFD", word) if unicodedata.combining(c))


@lru_cache(maxsize=1 << 14)
def _readings(word: str) -> tuple[str, ...]:
    """The syllables (lower-case) a word with scattered marks may be: its letters with some of
    its marks and at most one tone; the word itself first when it is a syllable."""
    lower = word.lower()
    syllables, _ = dictionary()
    marks = _marks(lower)
    found = [
        syllable
        for syllable in _syllables_by_letters().get(_letters(lower), [])
        if syllable != lower
        and not _marks(syllable) - marks
        and sum(_marks(syllable)[t] for t in TONE_MARKS) <= 1
    ]
    return (lower, *found) if lower in syllables else tuple(found)


def in_case_of(reading: str, word: str) -> str:
    """``reading`` (lower-case) in the case of ``word``: capitals, capitalised or lower-case;
    shared with :mod:`ingest.dropped`."""
    if word.isupper():
        return reading.upper()
    return reading[:1].upper() + reading[1:] if word[0].isupper() else reading


def _best_reading(word: str, previous: str | None, following: tuple[str, ...]) -> str:
    syllables, pairs = dictionary()

    def score(reading: str) -> float:
        paired = (previous, reading) in pairs or any((reading, n) in pairs for n in following)
        kept = reading == word.lower()
        return PAIR * paired + COMMON * math.log1p(syllables[reading]) + SYLLABLE * kept

    return max(_readings(word), key=score)


def untangle_marks(text: str, keep_syllables: bool = False) -> str:
    """``text`` (NFC) with its words read as syllables with some of their marks: a syllable has
    one tone, and scattered marks are mostly added ones.  Of a word's readings the one wins
    that makes a dictionary word with the reading chosen before it or with one of the next
    word's ("Trũng ương" → "Trung ương"; neighbours only across a space), else the commonest;
    a word that is a syllable keeps its marks unless a neighbour says otherwise, one with no
    reading is left as it is.  With ``keep_syllables`` a syllable is never changed: for a line
    of a text that is not scattered as a whole ("CỦÀ BỘ CHÍNH TRỊ" in a portal title)."""
    words = list(WORD.finditer(text))
    pieces, position, previous = [], 0, None
    for index, word in enumerate(words):
        after = words[index + 1] if index + 1 < len(words) else None
        joined = after is not None and not text[word.end() : after.start()].strip()
        following = _readings(after.group()) if joined and after else ()
        readings = _readings(word.group())
        kept = keep_syllables and word.group().lower() in dictionary()[0]
        if not readings or not _marks(word.group()) or kept:
            chosen = word.group().lower()
        else:
            chosen = _best_reading(word.group(), previous, following)
            pieces.append(text[position : word.start()] + in_case_of(chosen, word.group()))
            position = word.end()
        previous = chosen if joined else None
    pieces.append(text[position:])
    return "".join(pieces)


def marks_scattered(text: str) -> bool:
    """Whether so many of the text's marked lower-case words are no syllable that its marks
    were scattered (SCATTERED_SHARE), not just a name or a loanword here and there."""
    syllables, _ = dictionary()
    marked = [
        word
        for word in WORD.findall(text)
        if word.islower() and has_marks(word) and len(word) <= LONGEST_SYLLABLE
    ]
    if len(marked) < MIN_SCATTER_WORDS:
        return False
    return sum(word not in syllables for word in marked) > SCATTERED_SHARE * len(marked)
