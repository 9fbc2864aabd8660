"""Officials: every named person with the titles the text gives them, the signer included.

Vietnamese documents name a person in a few fixed ways, and the rules follow them:

* an honorific before the name: ``đồng chí Nguyễn Tiến Hải``, ``ông …``, ``bà …`` (dropped);
* a title before the name: ``Bí thư Tỉnh ủy Đỗ Trọng Hưng``, ``Thứ trưởng Trần Xuân Hà``;
* titles after the name, as an apposition: ``Lại Thế Nguyên, Phó Bí thư Thường trực Tỉnh ủy, …``;
* the signature block: the name on its own line under the title line (``PHÓ CHỦ TỊCH``), or the
  e-signature stamp ``Người ký: …``.

A name is two to four capitalised syllables.  Without an honorific it must start with a known
surname (``data/titles.json``); a run that is a province or district is a place.  An anonymised
name (``Trần Thị T``) is nobody.  underthesea's NER may propose a name whose surname is not in the
list, on candidate sentences only (a capitalised run beside a title word), and the same rules
decide; it is slow on whole documents and labels people as places, so it never decides alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from extract.agencies import place_names
from extract.lexicon import load
from extract.model import Header, Official
from extract.tasks import is_caps_line
from ingest.normalize import fold

# A word: letters (with the apostrophe of names like "H'Hen").
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# Punctuation that closes a title phrase or a name's context.
_PHRASE_BREAK = re.compile(r"[,;:.()\[\]\n\f\"“”]")
# "Người ký: Trần Hồng Quân" in an e-signature stamp.
_SIGNED_BY = re.compile(r"Người\s+ký\s*:\s*(?P<name>[^\n,]+)")
# "(Đã ký)", "Đã ký", "(Ký, đóng dấu)" between the title line and the name of a copy.
_SIGNED_MARK = re.compile(r"^\(?\s*(?:đã ký|ký\b|ký tên|signed)[^)]*\)?$", re.IGNORECASE)
# "bà Trần Thị T": a name cut to an initial hides a private person, who is not an official.
_ANONYMISED_TAIL = re.compile(r" [^\W\d_](?![^\W\d_])")
# A comma, a dash (spaced, or glued as news lists write "Hồ Văn Niên-Bí thư Tỉnh ủy") or an
# opening bracket puts titles after a name: "Phạm Minh Đạo, Giám đốc Sở …", "ông Nguyễn Văn
# Bình - Giám đốc Sở …", "đồng chí X (Bí thư Tỉnh ủy)".
_APPOSITION = re.compile(r"\s*,\s*|\s+[-–]\s+|[-–](?=[^\W\d_])|\s*\(\s*")
# After the first title, only a comma opens the next: "…, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh".
_NEXT_TITLE = re.compile(r"\s*,\s*")
# A title runs to the next punctuation; a comma and the word after it may continue it.
_TITLE_PIECE = re.compile(r"[^,;:.()\n\f]*")
_COMMA_WORD = re.compile(r",\s*(\w+)")
# A dash inside a title joins two halves of a body's name ("Sở Nông nghiệp - phát triển nông
# thôn", "Lao động - Thương binh và Xã hội"): the word after it never ends the title.
_JOINING_DASH = re.compile(r"\s[-–]\s*$")
# A name in capitals after an honorific ("Đồng chí HUỲNH CÔNG QUẢNG"): words on single spaces.
_CAPS_WORDS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")
# A Vietnamese syllable ends in a vowel or one of these finals; a word that does not ("TUV",
# "UBND") is an abbreviation, never part of a name, and keeps its capitals in a title.
_SYLLABLE_END = re.compile(r"(?:[aeiouy]|c|ch|m|n|ng|nh|p|t)$")
# A list of people after "các đồng chí:" is read back this many characters from an item.
LIST_REACH = 1200
# A name is at most this many syllables ("Âu Dương Thị Kim Oanh" is rare; four covers the rest).
MAX_NAME_SYLLABLES = 4
# Words that end a title phrase when they follow it: the verb of the sentence.
_TITLE_STOP_WORDS = {
    "đã", "đang", "sẽ", "vừa", "cũng", "chủ", "tham", "yêu", "kết", "phát", "nhấn", "khẳng",
    "cho", "dự", "làm", "đề", "giao", "chỉ", "trao", "thăm", "kiểm", "ký", "tại", "về", "với",
    "khi", "nêu", "đánh", "gửi", "có", "là", "được", "thay", "lưu", "đến", "đi", "để", "cùng",
}  # fmt: skip

Proposer = Callable[[str], list[tuple[int, int]]]


@cache
def _titles() -> tuple[str, ...]:
    return tuple(sorted(load("titles")["titles"], key=len, reverse=True))


@cache
def _title_pattern() -> re.Pattern[str]:
    """A title word where it starts a title phrase: capitalised as written ("Phó Chủ tịch")."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in _titles()) + r")(?!\w)")


# Capitalised words that open a title or a body's name and are never a person's syllable; title
# words that are also given names ("Thanh" of "Chánh Thanh tra", "Tiến" of "Tiến sĩ") are not here.
_NOT_NAME_WORDS = frozenset(
    "Ủy Bí Chủ Phó Trưởng Giám Chánh Thứ Bộ Tổng Cục Vụ Thủ Sở Ban Đảng Tỉnh Huyện Nhà Covid"
    " Người Ngày Theo Thực Căn Các Những Trong Tại Ông Bà Kính Nơi Lưu Tết".split()
)


@cache
def _surnames() -> frozenset[str]:
    return frozenset(load("titles")["surnames"])


@cache
def _honorific_pattern() -> re.Pattern[str]:
    honorifics = sorted(load("titles")["honorifics"], key=len, reverse=True)
    alternatives = "|".join(re.escape(h) for h in honorifics)
    return re.compile(rf"(?<!\w)(?:{alternatives})\s*:?\s*$", re.IGNORECASE)


@cache
def _titles_by_fold() -> dict[str, str]:
    """Folded title → the title as running text writes it ("pho chu tich" → "Phó Chủ tịch")."""
    return {fold(t): t for t in _titles()}


# The authority marks before a signature title: "KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ", "Q. GIÁM ĐỐC".
_AUTHORITY = re.compile(r"^(?:KT|TM|TL|TUQ|Q|K/T|T/M|T/L)\.?\s+")


def _signature_title(line: str) -> str | None:
    """The title of an upper-case signature line ("PHÓ CHỦ TỊCH" → "Phó Chủ tịch"), or None."""
    if not is_caps_line(line):
        return None
    return _titles_by_fold().get(fold(_AUTHORITY.sub("", line)).strip())


def _title_case(word: str) -> str:
    return word[:1] + word[1:].lower()


def _is_name_word(word: str) -> bool:
    """A capitalised syllable that is not a title word: "Hưng" yes, "Chủ" no, "T" no."""
    return (
        len(word) >= 2
        and word[0].isupper()
        and (word[1:].islower() or "'" in word)
        and word not in _NOT_NAME_WORDS
    )


def _capitalised_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Maximal runs of capitalised words separated by single spaces on one line."""
    runs: list[tuple[int, int, list[str]]] = []
    current: list[re.Match[str]] = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        joined = current and text[current[-1].end() : match.start()] == " "
        if _is_name_word(word) and (joined or not current):
            current.append(match)
            continue
        if current:
            runs.append((current[0].start(), current[-1].end(), [m.group(0) for m in current]))
        current = [match] if _is_name_word(word) else []
    if current:
        runs.append((current[0].start(), current[-1].end(), [m.group(0) for m in current]))
    return runs


@cache
def _abbreviation_pattern() -> re.Pattern[str]:
    """A title's abbreviation right before a name ("PTTg Nguyễn Sinh Hùng"), not a code inside a
    document's number ("QĐ-TTg")."""
    abbreviations = sorted(load("titles")["title_abbreviations"], key=len, reverse=True)
    alternatives = "|".join(re.escape(a) for a in abbreviations)
    return re.compile(rf"(?<![\w/-])(?P<abbreviation>{alternatives})\s+$")


def _unglued(text: str) -> str:
    """Words that text extraction ran together split where a capitalised word starts inside a
    word in lower case ("PhóThủ tướng" → "Phó Thủ tướng"); "ThS", "TTg" stay whole."""
    out: list[str] = []
    for index, char in enumerate(text):
        following = text[index + 1 : index + 2]
        if index and text[index - 1].islower() and char.isupper() and following.islower():
            out.append(" ")
        out.append(char)
    return "".join(out)


def _preceding_title(text: str, start: int) -> str | None:
    """The title phrase written right before a name on the same clause ("Thứ trưởng …"), also
    glued to the word before it or abbreviated ("PhóThủ tướng …", "PTTg …")."""
    window = text[max(0, start - 120) : start]
    abbreviated = _abbreviation_pattern().search(window)
    if abbreviated:
        return load("titles")["title_abbreviations"][abbreviated.group("abbreviation")]
    clause = _unglued(_PHRASE_BREAK.split(window)[-1])
    match = _title_pattern().search(clause)
    if not match:
        return None
    phrase = clause[match.start() :].strip()
    if _title_phrase_end(phrase) < len(phrase):
        # The sentence's verb stands between: "Chỉ thị của Ban Bí thư về việc tổ chức Tết …"
        # names no one after "Bí thư".
        return None
    return phrase or None


def _has_honorific(text: str, start: int) -> bool:
    return bool(_honorific_pattern().search(text[max(0, start - 20) : start]))


def _title_phrase_end(segment: str) -> int:
    """Where a title phrase stops: before the sentence's verb ("… Tỉnh ủy đã chủ trì")."""
    for index, match in enumerate(_WORD.finditer(segment)):
        word = match.group(0)
        joined = _JOINING_DASH.search(segment, 0, match.start())
        if index >= 2 and word.islower() and word in _TITLE_STOP_WORDS and not joined:
            return match.start()
    return len(segment)


def _continues_title(before: str, word: str, text: str, position: int) -> bool:
    """Whether a comma inside a title is part of it: "phòng, chống dịch", "Sở Văn hóa, Thể thao".

    After a comma, a title word starts the next title and a known surname starts the next person;
    a lower-case word continues only "phòng, chống".
    """
    if _title_pattern().match(text, position):
        return False
    if word.islower():
        return before.rstrip().endswith("phòng") and word == "chống"
    return word[0].isupper() and word not in _surnames()


def titles_after(text: str, end: int) -> tuple[list[str], int]:
    """Titles in apposition after a name ending at ``end``, and where the last one ends.

    ``", Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Trưởng Ban Chỉ đạo phòng, chống dịch …"``:
    a comma inside a name continues the title ("phòng, chống", see _continues_title); one followed by
    a title word starts the next title; anything else ends the list.
    """
    titles: list[str] = []
    position = end
    while True:
        opening = (_APPOSITION if position == end else _NEXT_TITLE).match(text, position)
        if not opening:
            break
        start = opening.end()
        if not _title_pattern().match(text, start):
            break
        stop = start
        while True:
            stop = _TITLE_PIECE.match(text, stop).end()
            follow = _COMMA_WORD.match(text, stop)
            if follow and _continues_title(
                text[start:stop], follow.group(1), text, follow.start(1)
            ):
                stop = follow.start(1)
                continue
            break
        segment = text[start:stop]
        cut = _title_phrase_end(segment)
        title = " ".join(segment[:cut].split()).rstrip(" -")
        if title:
            titles.append(title)
        position = start + cut
        if cut < len(segment):
            break
    return titles, position


def _name_in_run(words: list[str], need_surname: bool) -> tuple[int, int] | None:
    """Word indexes ``[i, j)`` of the person's name inside a capitalised run, or None."""
    for i, word in enumerate(words):
        if word in _surnames() or (not need_surname and i == 0):
            j = min(len(words), i + MAX_NAME_SYLLABLES)
            if j - i >= 2:
                return i, j
            return None
    return None


def _signature_names(text: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, name, title)`` of each name alone on a line under a signature title line.

    A name in capitals ("NGUYỄN XUÂN PHÚC") is written back in title case when it opens with a
    known surname.
    """
    found = []
    previous: str | None = None
    for line in re.finditer(r"[^\n]*", text):
        content = line.group(0).strip()
        if not content or _SIGNED_MARK.match(content):
            continue
        if previous is not None:
            words = content.split()
            if is_caps_line(content) and _title_case(words[0]) in _surnames():
                words = [_title_case(w) for w in words]
            if 2 <= len(words) <= MAX_NAME_SYLLABLES and all(_is_name_word(w) for w in words):
                start = line.start() + line.group(0).index(content)
                found.append((start, start + len(content), " ".join(words), previous))
        previous = _signature_title(content)
    return found


@cache
def _honorific_before_caps() -> re.Pattern[str]:
    """An honorific in any case followed by a word: where a name in capitals may start."""
    honorifics = sorted(load("titles")["honorifics"], key=len, reverse=True)
    alternatives = "|".join(re.escape(h) for h in honorifics)
    return re.compile(rf"(?<!\w)(?i:{alternatives})\s+(?=[^\W\d_])")


def _is_caps_syllable(word: str) -> bool:
    return (
        len(word) >= 2
        and word.isupper()
        and _SYLLABLE_END.search(fold(word)) is not None
        and _title_case(word) not in _NOT_NAME_WORDS
    )


def _caps_title(piece: str) -> str | None:
    """A title in capitals as running text writes it ("BÍ THƯ HUYỆN ỦY" → "Bí thư Huyện ủy");
    an abbreviation ("TUV", Tỉnh ủy viên) as written; None for anything else."""
    words = piece.split()
    if not words or not all(w.isupper() for w in words if any(c.isalpha() for c in w)):
        return None
    for size in range(len(words), 0, -1):
        title = _titles_by_fold().get(fold(" ".join(words[:size])))
        if title:
            break
    else:
        abbreviation = all(_SYLLABLE_END.search(fold(w)) is None for w in words)
        return piece if abbreviation else None
    rest = [
        word if _SYLLABLE_END.search(fold(word)) is None else word.lower() for word in words[size:]
    ]
    if rest and rest[0].islower():
        rest[0] = rest[0][:1].upper() + rest[0][1:]
    return " ".join([title, *rest])


def _caps_names(text: str) -> list[tuple[int, int, str, list[str]]]:
    """``(start, end, name, titles)`` of each name in capitals after an honorific, as a portal's
    banner or a list of delegates prints it ("Đồng chí HUỲNH CÔNG QUẢNG    TUV, BÍ THƯ HUYỆN
    ỦY"): it must open with a known surname, and it is written back in title case.  Titles in
    capitals on the rest of its line follow it; "NGUYỄN VĂN A" hides a private person."""
    found = []
    for honorific in _honorific_before_caps().finditer(text):
        run = _CAPS_WORDS.match(text, honorific.end())
        assert run is not None  # the pattern looked ahead for a letter
        words = run.group(0).split(" ")
        size = 0
        while size < min(len(words), MAX_NAME_SYLLABLES) and _is_caps_syllable(words[size]):
            size += 1
        anonymised = size < len(words) and len(words[size]) == 1 and words[size].isupper()
        if size < 2 or anonymised or _title_case(words[0]) not in _surnames():
            continue
        name = " ".join(_title_case(word) for word in words[:size])
        if fold(name) in place_names():
            continue
        start, end = run.start(), run.start() + len(" ".join(words[:size]))
        titles = titles_after(text, end)[0]
        if not titles:
            line_end = text.find("\n", end)
            rest = text[end : line_end if line_end >= 0 else len(text)]
            for piece in rest.split(","):
                title = _caps_title(piece.strip())
                if title is None:
                    break
                titles.append(title)
        found.append((start, end, name, titles))
    return found


def _ner_person_spans(sentence: str) -> list[tuple[int, int]]:
    """Person spans underthesea's NER proposes in one sentence (offsets into the sentence)."""
    from underthesea import ner  # imported here: loading the model takes a second

    spans: list[tuple[int, int]] = []
    position = 0
    for token, _pos_tag, _chunk, label in ner(sentence):
        start = sentence.find(token, position)
        if start < 0:
            continue
        position = start + len(token)
        if label == "I-PER" and spans and not sentence[spans[-1][1] : start].strip():
            spans[-1] = (spans[-1][0], position)  # "Mùi" B-PER + "Văn Tâm" I-PER: one name
        elif label.endswith("PER"):
            spans.append((start, position))
    return spans


class _People:
    """Officials in order of first mention, one per name, titles merged."""

    def __init__(self) -> None:
        self.by_name: dict[str, Official] = {}

    def add(self, start: int, end: int, name: str, titles: list[str]) -> None:
        name = " ".join(name.split())
        known = self.by_name.get(name)
        merged = list(known.titles) if known else []
        merged += [t for t in titles if t and t not in merged]
        self.by_name[name] = Official(
            start=known.start if known else start,
            end=known.end if known else end,
            name=name,
            titles=tuple(merged),
        )

    def sorted(self) -> list[Official]:
        return sorted(self.by_name.values(), key=lambda o: o.start)


def _has_context(text: str, start: int, end: int) -> bool:
    """Whether a run stands where people are named: after an honorific or beside a title."""
    return bool(
        _has_honorific(text, start) or _preceding_title(text, start) or titles_after(text, end)[0]
    )


def _accept_run(text: str, words: list[re.Match[str]], people: _People, need_surname: bool) -> bool:
    """Decide whether a capitalised run names a person, and record them with their titles."""
    span = _name_in_run([w.group(0) for w in words], need_surname=need_surname)
    if span is None:
        return False
    name_start, name_end = words[span[0]].start(), words[span[1] - 1].end()
    name = text[name_start:name_end]
    if fold(name) in place_names() or _ANONYMISED_TAIL.match(text, name_end):
        return False
    honorific = span[0] == 0 and _has_honorific(text, name_start)
    before = _preceding_title(text, name_start)
    after, _ = titles_after(text, name_end)
    if not (honorific or before or after):
        return False
    people.add(name_start, name_end, name, ([before] if before else []) + after)
    return True


def _opens_listed_person(text: str, start: int) -> bool:
    """Whether a run opens an item of a list of people that an honorific introduces ("có các
    đồng chí: A-Bí thư Tỉnh ủy; B-Chủ tịch UBND tỉnh; …"): each item after a ";" names a person
    as the first one does, so a name outside the surname list (Rah Lan Chung) is read there."""
    before = text[max(0, start - LIST_REACH) : start]
    if not before.rstrip().endswith(";"):
        return False
    sentence = re.split(r"[.\n]", before)[-1]
    colon = sentence.find(":")
    return colon >= 0 and bool(_honorific_pattern().search(sentence[: colon + 1]))


def extract_officials(
    text: str, header: Header, propose: Proposer | None = _ner_person_spans
) -> list[Official]:
    """Every named person in ``text`` with their titles; ``propose`` suggests extra names.

    ``propose`` (underthesea NER by default, None to switch it off) runs only on sentences that
    hold a capitalised run beside a title word or honorific that the surname list did not accept.
    """
    people = _People()
    signer = header.signer
    for start, end, name, title in _signature_names(text):
        title = signer.title if signer and signer.name == name and signer.title else title
        people.add(start, end, name, [title])
    for match in _SIGNED_BY.finditer(text):
        words = match.group("name").split()
        if 2 <= len(words) <= MAX_NAME_SYLLABLES and all(_is_name_word(w) for w in words):
            people.add(match.start("name"), match.end("name"), " ".join(words), [])
    for start, end, name, titles in _caps_names(text):
        people.add(start, end, name, titles)
    if signer and signer.name:
        position = text.find(signer.name)
        people.add(
            position,
            position + len(signer.name),
            signer.name,
            [signer.title] if signer.title else [],
        )
    unresolved: list[tuple[int, int]] = []
    for start, end, words in _capitalised_runs(text):
        matches = list(_WORD.finditer(text, start, end))
        listed = _opens_listed_person(text, start)
        if not _accept_run(text, matches, people, need_surname=not listed):
            if len(words) >= 2 and _has_context(text, start, end):
                unresolved.append((start, end))
    if propose is not None:
        proposals: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for start, end in unresolved:
            _confirm_with_proposer(text, start, end, people, propose, proposals)
    return people.sorted()


def _confirm_with_proposer(
    text: str,
    start: int,
    end: int,
    people: _People,
    propose: Proposer,
    proposals: dict[tuple[int, int], list[tuple[int, int]]],
) -> None:
    """Ask the proposer about the sentence around one unresolved run; the rules still decide.

    ``proposals`` keeps each sentence's answer, so that a sentence is tagged once.
    """
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    right_candidates = [p for p in (text.find(".", end), text.find("\n", end)) if p >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    if (left, right) not in proposals:
        proposals[left, right] = propose(text[left:right])
    for span_start, span_end in proposals[left, right]:
        absolute_start, absolute_end = left + span_start, left + span_end
        if absolute_start != start or absolute_end > end:
            continue
        words = list(_WORD.finditer(text, absolute_start, absolute_end))
        if 2 <= len(words) <= MAX_NAME_SYLLABLES and all(_is_name_word(w.group(0)) for w in words):
            _accept_run(text, words, people, need_surname=False)
