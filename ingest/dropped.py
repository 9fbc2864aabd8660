"""Letters a PDF's font could not map, put back.

Some PDFs of the 2000s were typed in a font whose text layer knows only the letters of
Windows-1258 and Latin-1: every letter of Unicode's "Latin Extended Additional" block, which
holds most toned Vietnamese vowels (ạ ả ấ … ộ … ự ỳ ỵ ỷ ỹ), comes out as a space.  A copy of such
a PDF reads "C NG HOÀ XÃ H I CH NGHĨA VI T NAM", "Đ c l p – T do – H nh phúc", "Hà N i, ngày
08 tháng 11 năm 2006": "ư", "ơ", "đ", "à", "ã", "Ĩ" survive, "ộ", "ệ", "ậ", "ự", "ạ" do not.

A text is read as such when its lines that write Vietnamese marks yet no letter of that block
hold many words, many of them fragments without a vowel.  Each space of such a line may then be
where a letter was lost: inside a syllable ("C NG" → "CỘNG"), at the end of one ("Chính ph quy"
→ "Chính phủ quy") or at its start ("Y BAN" → "ỦY BAN").  A syllable loses one letter at most
(it has one tone).  Of the ways to read the line, the one wins whose words are syllables of
underthesea's dictionary, common ones, written so elsewhere in the text, and often written after
their neighbours ("Độc lập", "Tự do"): "C A" is "CỦA", never "CỔ A".  The counts come from the
tagged Vietnamese text underthesea ships with its part-of-speech model (VLSP 2013, about 66,000
words of legal and news prose), every dictionary syllable counted once more, so that a syllable
the sample lacks still has a chance.
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

from ingest.diacritics import TONE_MARKS, WORD, dictionary, has_marks, in_case_of

# Tagged text shipped with underthesea's part-of-speech model: one word (its syllables spaced)
# and its tags a line, a blank line between sentences.
SAMPLE = (
    Path(find_spec("underthesea").origin).parent
    / "pipeline/pos_tag/models/pos_crf_vlsp2013_20230303/test_output.txt"
)
# How a word that is no syllable scores (its log-probability), how much the sample's word
# before counts against the word's own frequency, and how much more a word the text writes
# elsewhere with its letters is worth.
NOT_A_SYLLABLE = -20.0
BACKOFF = 3.0
WRITTEN_ELSEWHERE = 1.0
# The readings of a line kept at each word, best first: enough for the neighbours that decide.
BEAM = 6
# What every number of the sample is counted as, and a number of the text read as.
NUMBER = "<number>"

# The block a font without Vietnamese tables drops, and its letters in a syllable.
_EXTENDED = re.compile("[\u1ea0-\u1ef9]")
# A text is read as one that lost these letters when its lines without any letter of the block
# hold this many words, this share of them without a vowel ("C NG", "Đ c l p"): a clean
# Vietnamese line writes some letter of the block within a few words, and fragments like these
# are rare (a unit "m", an abbreviation "TP").
MIN_WORDS = 60
MIN_FRAGMENT_SHARE = 0.25
# The vowels outside the block: all a line without its letters can hold.
_VOWEL = re.compile("[aeiouyàáâãèéêìíòóôõùúýăĩũơư]", re.IGNORECASE)
# A token of the line: its letters with the punctuation around them, or anything else.
_TOKEN = re.compile(r"\S+")
_CORE = re.compile(rf"^(?P<lead>[^\w]*)(?P<core>{WORD.pattern})(?P<tail>[^\w]*)$")
# Open syllables whose tone either of two vowels may carry ("hoà"/"hòa", "uỷ"/"ủy"; not "quả").
_OPEN_PAIR = re.compile(
    rf"(?<![qQ])([oO][{TONE_MARKS}]?[aAeE]|[uU][{TONE_MARKS}]?[yY])([{TONE_MARKS}]?)$"
)


def _placements(syllable: str) -> set[str]:
    """A syllable in both tone placements of an open "oa", "oe", "uy"."""
    decomposed = unicodedata.normalize("NFD", syllable)
    pair = _OPEN_PAIR.search(decomposed)
    if pair is None or len(pair.group(0)) != 3:  # no tone on the pair, or none to move
        return {syllable}
    first, second = pair.group(1)[0], pair.group(1)[-1]
    tone = pair.group(2) or pair.group(1)[1]
    moved = first + second + tone if pair.group(2) == "" else first + tone + second
    return {syllable, unicodedata.normalize("NFC", decomposed[: pair.start()] + moved)}


@cache
def _by_context() -> dict[tuple[str, str], tuple[str, ...]]:
    """Dictionary syllables with one letter of the block, by what stands before and after that
    letter: ("c", "ng") → ("cộng", "cống", "cổng", …)."""
    syllables, _ = dictionary()
    found: dict[tuple[str, str], list[str]] = {}
    for syllable in syllables:
        for spelling in _placements(syllable):
            letters = _EXTENDED.findall(spelling)
            if len(letters) != 1:
                continue
            at = spelling.index(letters[0])
            found.setdefault((spelling[:at], spelling[at + 1 :]), []).append(spelling)
    return {context: tuple(dict.fromkeys(words)) for context, words in found.items()}


def _suspect(line: str) -> bool:
    """A line that writes Vietnamese marks but no letter of the block."""
    return not _EXTENDED.search(line) and any(has_marks(word) for word in WORD.findall(line))


def lost_letters(text: str) -> bool:
    """Whether the text reads as one whose font dropped the letters of the block."""
    words = [word for line in text.split("\n") if _suspect(line) for word in WORD.findall(line)]
    fragments = sum(not _VOWEL.search(word) for word in words)
    return len(words) >= MIN_WORDS and fragments >= MIN_FRAGMENT_SHARE * len(words)


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    """One spelling of a lower-case syllable for counting, whichever tone placement it has."""
    return min(_placements(word))


@cache
def _counts() -> tuple[Counter[str], Counter[tuple[str, str]], int]:
    """Syllables and pairs of neighbouring syllables counted in the sample (when the installed
    underthesea has it), every dictionary syllable once more; by :func:`_key`."""
    syllables, _ = dictionary()
    single: Counter[str] = Counter(_key(syllable) for syllable in syllables)
    pairs: Counter[tuple[str, str]] = Counter()
    if SAMPLE.exists():
        sentence: list[str] = []
        for line in [*SAMPLE.read_text(encoding="utf-8").splitlines(), ""]:
            if line.strip():
                words = unicodedata.normalize("NFC", line.split("\t")[0].lower()).split()
                sentence += [NUMBER if word[0].isdigit() else _key(word) for word in words]
                continue
            single.update(sentence)
            pairs.update(pairwise(sentence))
            sentence = []
    return single, pairs, sum(single.values())


def _log_chance(previous: str | None, word: str, written: Mapping[str, int]) -> float:
    """How likely ``word`` follows ``previous`` (natural log; ``previous`` as :func:`_key` spells
    it), with a bonus when the text writes it elsewhere."""
    single, pairs, total = _counts()
    key = _key(word.lower())
    if key not in single:
        return NOT_A_SYLLABLE
    alone = single[key] / total
    if previous is None:
        chance = alone
    else:
        chance = (pairs[(previous, key)] + BACKOFF * alone) / (single[previous] + BACKOFF)
    return math.log(chance) + WRITTEN_ELSEWHERE * math.log1p(written.get(key, 0))


def _in_case(syllable: str, pieces: str, capitals: bool) -> str:
    """``syllable`` (lower-case) in the case of the pieces it was read from (:func:`in_case_of`);
    a one-letter capital is in capitals only when its neighbours are (``capitals``): "B TRƯ NG"
    is "BỘ TRƯỞNG", "Y ban" is "Ủy ban"."""
    if len(pieces) == 1 and pieces.isupper() and not capitals:
        return syllable.capitalize()
    return in_case_of(syllable, pieces)


def _readings(core: str, capitals: bool) -> list[str]:
    """A word as it is, or with a letter lost at its end or its start."""
    lower = core.lower()
    found = [*_by_context().get((lower, ""), ()), *_by_context().get(("", lower), ())]
    return [core, *(_in_case(syllable, core, capitals) for syllable in found)]


def _joined(first: str, second: str) -> list[str]:
    """Two pieces read as one syllable that lost the letter between them."""
    found = _by_context().get((first.lower(), second.lower()), ())
    return [_in_case(syllable, first + second, True) for syllable in found]


def _in_capitals(parts: list[re.Match[str] | None], index: int) -> bool:
    """Whether a word of two letters or more next to the token is in capitals."""
    return any(
        neighbour is not None
        and len(neighbour.group("core")) > 1
        and neighbour.group("core").isupper()
        for neighbour in (parts[index - 1] if index else None, *parts[index + 1 : index + 2])
    )


# The readings of a line's first tokens, as a chain: (the chain before, this token's text).
_Chain = tuple["_Chain", str] | None


def _restore_line(line: str, written: Mapping[str, int]) -> str:
    """The line read the likeliest way, each space a word boundary, a lost letter or both."""
    tokens = list(_TOKEN.finditer(line))
    parts = [_CORE.match(token.group()) for token in tokens]
    # best[i]: the best readings of tokens[:i] by the last word read (None after a non-word),
    # as (score, chain of the tokens' texts); a token merged into the one before reads "".
    best: list[dict[str | None, tuple[float, _Chain]]] = [{} for _ in range(len(tokens) + 1)]
    best[0][None] = (0.0, None)

    def offer(index: int, last: str | None, score: float, chain: _Chain) -> None:
        if last not in best[index] or score > best[index][last][0]:
            best[index][last] = (score, chain)

    for index, part in enumerate(parts):
        kept = sorted(best[index].items(), key=lambda state: state[1][0], reverse=True)[:BEAM]
        if part is None:
            # "Số 291/QĐ-UBDT": a number tells the word before it ("số", "ngày", "năm").
            token = tokens[index].group()
            for previous, (score, chain) in kept:
                if token[0].isdigit():
                    gain, last = _log_chance(previous, NUMBER, written), NUMBER
                else:
                    gain, last = 0.0, None
                offer(index + 1, last, score + gain, (chain, token))
            continue
        # The token's readings do not depend on the reading before: found once, not per state.
        lead, core, tail = part.group("lead", "core", "tail")
        alone = _readings(core, _in_capitals(parts, index))
        following = parts[index + 1] if index + 1 < len(parts) else None
        if following is None or tail or following.group("lead"):
            joined, end = [], ""
        else:
            joined, end = _joined(core, following.group("core")), following.group("tail")
        for previous, (score, chain) in kept:
            for reading in alone:
                last = _key(reading.lower()) if not tail else None
                gain = _log_chance(previous, reading, written)
                offer(index + 1, last, score + gain, (chain, lead + reading + tail))
            for reading in joined:
                last = _key(reading.lower()) if not end else None
                gain = _log_chance(previous, reading, written)
                offer(index + 2, last, score + gain, ((chain, lead + reading + end), ""))
    _, chain = max(best[len(tokens)].values(), key=lambda state: state[0])
    texts = []
    while chain is not None:
        chain, text = chain
        texts.append(text)
    pieces, position = [], 0
    for token, text in zip(tokens, reversed(texts), strict=True):
        if text:
            pieces.append(line[position : token.start()] + text)
        position = token.end()
    pieces.append(line[position:])
    return "".join(pieces)


def restore_lost_letters(text: str) -> str:
    """``text`` (NFC) with the letters put back on the lines that lost them, when the text reads
    as one that did (:func:`lost_letters`)."""
    if not lost_letters(text):
        return text
    written = Counter(_key(word.lower()) for word in WORD.findall(text) if _EXTENDED.search(word))
    lines = text.split("\n")
    return "\n".join(_restore_line(line, written) if _suspect(line) else line for line in lines)
