"""Citations: the other documents a text refers to by number.

A citation in running text reads ``Công điện số 1102/CĐ-TTg ngày 23/8/2021 của Thủ tướng Chính
phủ về …``: a type name, ``số``, the number, ``ngày`` + date, ``của`` + issuer, ``về`` + subject;
every part but the number may be missing, and a list shares one type name and one issuer
(``các Chỉ thị số: 20/CT-TTg ngày …, 11/CT-TTg ngày … của Thủ tướng Chính phủ``).

The number is found first (its shape is the most reliable cue), then the words around it are
read.  Matching runs on a copy of the text without diacritics that keeps the case and the offsets
(``_plain``), because OCR drops and swaps accents (``Chi thị sô``, ``Quyết định sé``) while the
number's type code and the issuer's capital letters must stay readable.  Offsets, the number
and the issuer are then taken from the normalised text itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from itertools import islice

from extract.agencies import starts_with_agency
from extract.dates import find_dates, iso
from extract.lexicon import doc_type_by_abbr, doc_type_names, load
from extract.model import Citation, Header
from extract.tasks import document_date
from ingest.normalize import fold

# --- the number -------------------------------------------------------------------------------

# OCR and typists put a space around a separator ("41/2020/NĐ- CP", "116 /NQ-CP").
_SLASH = r"\s?/\s?"
# A dash, en dash or em dash, sometimes doubled by OCR ("QD- -TTg"), spaced on one side only:
# " - " with spaces on both sides separates a number from the words after it, but a dash at the
# end of a line joins the code on the next ("473/TTr -\nNN&PTNT").
# PDF text may carry a soft hyphen or a control character where a dash was ("5969/QĐ\x02UBND").
_DASH = r"(?:[-–—\u00ad\x02](?:\s?[-–—])*\s?|\s[-–—]+(?:[ \t]*\n)?)"
# A type or issuer code: a capital, then letters and digits ("TTg", "UBTVQH15", "LĐTBXH"); two
# units may share one code with "&" ("PTTH&TTĐT").
_CODE = r"[A-Z][A-Za-z0-9]{0,11}(?:&[A-Z][A-Za-z0-9]{0,11})?"
# Between two codes: a dash, or in older numbers a dot or a slash before a code in capitals
# ("01/1999/QĐ.UB", "245/QĐ/UB").
_CODE_JOIN = rf"(?:{_DASH}|\.(?=[A-Z])|/(?=[A-Z][A-Z0-9]+(?![a-z])))"
# The serial number; not glued to a word, a separator or a decimal ("4.923", "62/63/" are not).
# A letter may follow the digits of a number inserted in a series ("30c/NQ-CP").
_SERIAL = r"(?<![\w/–-])(?<!\d[.,])\d{1,5}(?:[a-zA-Z](?=\s?/))?"
# The year of a legal normative document's number; OCR may split it ("03/202 1/UBTVQH15").
_YEAR = r"(?:19|20)\d\s?\d"
# State documents: "số/năm/loại-cơ quan" or "số/loại-cơ quan" (Nghị định 30/2020/NĐ-CP).
_STATE_NUMBER = rf"{_SERIAL}(?:{_SLASH}{_YEAR})?{_SLASH}{_CODE}(?:{_CODE_JOIN}{_CODE})*"
# Party documents: "số-loại/cơ quan" ("215-QĐ/TU", "1789-CV/VPTW"; "100 - KL/TW" spaced).
_PARTY_NUMBER = rf"{_SERIAL}(?:{_DASH}|\s[-–—]\s){_CODE}{_SLASH}{_CODE}(?:{_CODE_JOIN}{_CODE})*"
NUMBER = re.compile(rf"{_PARTY_NUMBER}|{_STATE_NUMBER}")
# A serial written alone in a list whose last number carries the code ("15, 16, 19/CT-TTg").
_SERIAL_ONLY = r"\d{1,5}[a-z]?"
_SERIAL_SEPARATOR = r"(?:\s*,\s*|\s+(?i:va)\s+)"
_LIST_TAIL = re.compile(rf"\d[a-z]?{_SERIAL_SEPARATOR}$")
# An issuer code after a dash spaced on both sides ("1234/QĐ - UBND"): two capitals at least
# ("UBND", "TTg"), so that a word ("Sở") is not taken for one.
_SPACED_ISSUER_CODE = re.compile(r"\s[-–—]\s[A-Z]{2}[A-Za-z0-9]*(?![\w/])")

# OCR reads the "1" of a legislature code as "I" or "l" and "0" as "O" ("UBTVQHI5").
_OCR_DIGIT = re.compile(r"(?<=[A-Z]{2})([IlO|])(?=\d$)")
_DASHES = re.compile(r"[-–—‐\u00ad\x02]+")
# PDF fonts and OCR give the Icelandic eth for the Vietnamese đ ("QÐ-UBND").
_ETH_AS_D = str.maketrans("Ðð", "Đđ")


def clean_number(raw: str) -> str:
    """A number as written, without what typing and OCR add: spaces, doubled dashes, ð for đ."""
    number = _DASHES.sub("-", "".join(raw.split())).translate(_ETH_AS_D)
    return _OCR_DIGIT.sub(lambda m: "0" if m.group(1) == "O" else "1", number)


@cache
def fold_number(number: str) -> str:
    """A number folded for matching: no diacritics (CĐ ≡ CD), upper-case, one kind of dash."""
    return fold(clean_number(number)).upper()


@dataclass(frozen=True)
class NumberParts:
    """What a number says by itself: its type code's type, its year, its issuer code."""

    type: str | None
    year: int | None
    issuer_code: str | None


@cache
def number_parts(number: str) -> NumberParts:
    """Split ``1102/CĐ-TTg``, ``23/2021/QĐ-TTg`` or ``215-QĐ/TU`` into its parts.

    The type code sits after the serial in a party number and first in the code block of a state
    number; a công văn number ("4806/UBND-KGVX") has none, its first code is the issuer.
    """
    folded = fold_number(number)
    types = _type_by_code()
    year = None
    if re.match(r"\d+-", folded):
        code, _, issuer = folded.partition("-")[2].partition("/")
        return NumberParts(types.get(code), None, issuer or None)
    parts = folded.split("/")
    if len(parts) >= 3 and re.fullmatch(r"(?:19|20)\d\d", parts[1]):
        year = int(parts[1])
    codes = re.split(r"[-./]", "/".join(parts[2 if year else 1 :]))
    if codes[0] in types:
        return NumberParts(types[codes[0]], year, "-".join(codes[1:]) or None)
    return NumberParts(None, year, "-".join(codes) or None)


@cache
def _type_by_code() -> dict[str, str]:
    """Type codes folded like numbers ("QĐ" and "QD" → "QD") to their type names."""
    return {fold(abbr).upper(): name for abbr, name in doc_type_by_abbr().items()}


# --- the words around it ----------------------------------------------------------------------


@cache
def _plain_char(char: str) -> str:
    if char in "đĐðÐ":
        return "d" if char in "đð" else "D"
    # An accent that text extraction set loose of its letter ("sô ́ 12/…") is no letter.
    if unicodedata.combining(char):
        return " "
    return unicodedata.normalize("NFD", char)[0]


def _plain(text: str) -> str:
    """``text`` without diacritics, case kept, one character for one, so offsets carry over."""
    return "".join(_plain_char(char) for char in text)


def _words(phrase: str, keep_case: bool = False) -> str:
    """A lexicon phrase as a pattern on plain text: any run of spaces or a line break between words.

    Lower-case unless ``keep_case``: a case-sensitive pattern needs the phrase's own capitals.
    """
    words = (_plain(phrase) if keep_case else fold(phrase)).split()
    return r"\s+".join(re.escape(word) for word in words)


def _alternation(phrases, keep_case: bool = False) -> str:
    return "|".join(_words(p, keep_case) for p in sorted(set(phrases), key=len, reverse=True))


@cache
def _type_names() -> dict[str, str | None]:
    """Type names as they precede a number (plain lower-case) → the scored type name."""
    names: dict[str, str | None] = {fold(name): name for name in doc_type_names()}
    for name, type_name in load("citation_terms")["extra_types"].items():
        names[fold(name)] = type_name
    return names


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    terms = load("citation_terms")
    stops = terms["issuer_stops"]
    auxiliary = rf"(?i:{_alternation(terms['issuing_auxiliaries'])})"
    names = _alternation(_type_names())
    # Abbreviations are upper-case words ("theo ND 52/2021/NĐ-CP", "QĐ số 12"); one letter is too
    # little to trust, and case must match, so that "ct" in a word is not a directive.
    abbrs = "|".join(sorted({fold(a).upper() for a in doc_type_by_abbr() if len(a) > 1}, key=len))
    type_word = rf"(?:(?i:{names})|(?<![\w/-])(?:{abbrs}))(?![\w/])"
    # A comma inside a body's name: "Ban Chỉ đạo quốc gia về phòng, chống thiên tai".
    name_goes_on = rf"\s*(?i:{_alternation(terms['issuer_comma_continuations'])})\b"
    # "số", "số:", "số." and OCR's "sô", "so", "sé", "số #".
    so = r"(?i:s[oe])\s*[:.#]?"
    # A law's or plan's own name may stand between its type and "số": "Luật Kế toán số 88/2015/QH13".
    title = rf"(?:\s+(?!{type_word})[^\W\d_][\w-]*){{1,8}}?"
    return {
        "type_before": re.compile(
            rf"(?P<type>{type_word})(?:(?P<title>{title})\s*{so}|\s*(?:{so})?)\s*$"
        ),
        # "Chỉ thị 15, 16 và 19/CT-TTg": serials that share the code written after the last.
        "shared_serials": re.compile(
            rf"(?P<type>{type_word})\s*(?:{so})?\s*"
            rf"(?P<serials>{_SERIAL_ONLY}(?:{_SERIAL_SEPARATOR}{_SERIAL_ONLY})*){_SERIAL_SEPARATOR}$"
        ),
        "so_before": re.compile(rf"(?:^|\W){so}\s*$"),
        # "Chủ tịch UBND tỉnh có Công điện số 1510, về việc …": a kind and "số" make a serial
        # without its symbol a document's number where what follows ends or dates the mention
        # ("Quyết định số 1 năm …", "nhà số 5 đường …" are not).
        "bare_number": re.compile(
            rf"(?<!\w)(?i:{names})(?:\s+(?i:{_alternation(terms['urgency_marks'])}))?\s+{so}\s*"
            rf"(?P<serial>\d{{1,5}})(?![.,]?\d)"
            rf"(?=\s*(?:[,;)]|\.(?:\s|$)|$)"
            rf"|\s+(?i:{_alternation(terms['bare_number_followers'])})(?!\w))"
        ),
        # On a line of its own: inline, "Quy định … (ban hành kèm theo Quyết định số …)" names
        # another document, the one an amending decision amends.
        "annex_caption": re.compile(r"(?:^|\n)[ \t]*\(\s*(?i:(?:ban\s+hanh\s+)?kem\s+theo)\s+$"),
        "not_document": re.compile(
            rf"(?i:(?:^|\W)(?:{_alternation(terms['not_documents'])}))\s*(?:{so})?\s*$"
        ),
        # The document's own number: the "Số:" field at the start of a header line (a wrapped
        # "Quyết định\nsố 12/…" has a type name before it and is a citation), or anywhere with
        # its capital and colon when the header's columns were flattened into one line.
        "own_field": re.compile(r"(?:(?:^|\n)[\s|*_>#.-]*S[oe]\s*[:.]?|\sS[oe]\s*:)\s*$"),
        # …or a number followed on its line by the place-and-date ("41 /CT-TTs Ha Nội, ngày…").
        # Place names may hold hyphens ("Phan Rang-Tháp Chàm, ngày…").
        "place_date_after": re.compile(
            r"[ \t|]*[A-Z][^\W\d_]*(?:[ \t-]+\w+){0,4},?[ \t]*(?i:ngay)"
        ),
        "chain_separator": re.compile(r"[\s,]*(?:(?i:va)\s+)?(?:(?i:cac)\s+)?"),
        "chain_across_clauses": re.compile(r"[\s,;]*(?:(?i:va)\s+)?(?:(?i:cac)\s+)?"),
        "list_separator": re.compile(rf"^[\s,;]*(?i:va\b)?[\s,]*(?:(?i:cac)\s+)?(?:{so})?\s*$"),
        "date_lead": re.compile(rf"[\s,(]*(?i:(?:{_alternation(terms['date_leads'])})\s+)?"),
        # "chỉ đạo của Thủ tướng Chính phủ tại Chỉ thị số 05/CT-TTg", or with the body as the
        # subject of a verb of directing, "các nội dung UBND tỉnh đã chỉ đạo tại Công văn số …":
        # the issuer named before; web copies may lose the space after "tại" ("tạiTờ trình").
        # The name holds no "của" ("của Thủ tướng … và hướng dẫn của Bộ … tại": the last one).
        # The bodies the document is addressed to may stand between ("chỉ đạo của UBND tỉnh đối
        # với các Sở, ban, ngành, UBND các huyện tại Công văn số …").
        "issuer_before": re.compile(
            rf"(?:(?i:cua)\s+(?P<issuer>{_NAME_BEFORE})"
            rf"(?:\s+(?i:{_alternation(terms['addressee_leads'])})\s+{_ADDRESSEES})?"
            rf"|(?P<subject>{_NAME_BEFORE})\s+(?:{auxiliary}\s+)?"
            rf"(?i:{_alternation(terms['directing_verbs'])}))"
            # A compound name ("tại Thông báo kết luận số …") begins before the type word read.
            rf"\s+(?i:tai)\s*(?:(?i:cac)\s+)?(?:(?i:{names})\s+)?$"
        ),
        # "của Bộ Y tế", or "giữa Bộ Tài chính và Bộ Nội vụ" for a joint document.
        "issuer_lead": re.compile(
            rf"[\s,(]*(?i:{_alternation(terms['issuer_leads'])})\s+"
            rf"(?=[A-Z]|(?:{_alternation(terms['lower_case_bodies'])})\b)"
        ),
        # "Kế hoạch số 07/KH-UBND do UBND tỉnh ban hành": the agent of an issuing verb, which
        # "do" introduces only with the verb ("do Covid-19 diễn biến phức tạp" is a cause).
        "agent_lead": re.compile(rf"[\s,(]*(?i:{_alternation(terms['agent_leads'])})\s+(?=[A-Z])"),
        "agent_verb": re.compile(
            rf"\s+(?:{auxiliary}\s+)?(?i:{_alternation(terms['issuing_verbs'])})(?!\w)"
        ),
        "issuer_stop": re.compile(
            # A stop word, as written or in capitals, but not right after "Ban", whose name may
            # hold one in lower case ("Ban chỉ đạo tỉnh").
            rf"(?<!\bBan)(?<!\bBAN)"
            rf"\s+(?:{_alternation(stops + [w.upper() for w in stops], keep_case=True)})(?!\w)"
            rf"|\s+(?i:{_alternation(terms['issuer_stops_any_case'])})(?!\w)"
            rf"|[;:()\[\]“”\"*.!?]|\n\s*\n|\n\s*[-+•]"
            rf"|,(?!{name_goes_on})"
            rf"|\s+(?i:va)\s+(?=[^A-Z]|{type_word})"
            # The term of a congress or council: "Ban Chấp hành Trung ương Đảng khóa XII".
            rf"|\s+(?i:{_alternation(terms['issuer_terms'])})\s+(?:[IVXLC]+|\d)(?![a-z])"
        ),
        "joint_issuer_follower": re.compile(r"\s+(?i:ve|v/v)(?!\w)"),
        "subject_lead": re.compile(
            rf"[\s,]*(?i:{_alternation(terms['subject_leads'])})(?:\s+|(?<=v/v)\s*)(?=\w)"
        ),
        "subject_stop": re.compile(
            rf"[;:()“”\"]|\.(?:\s|$)|\n\s*\n|\s+(?i:va)\s+(?:cac\s+)?{type_word}"
        ),
        # "<body> đã ban hành …", or with no "đã" right before the type name: "UBND tỉnh có văn
        # bản số …" (searched up to the type name, where "$" matches).  The body opens a clause,
        # a sentence, or follows a news item's dateline ("(Chinhphu.vn) - Văn phòng Chính phủ").
        "actor": re.compile(
            rf"(?:^|(?<=\n)|[,;:(]\s*|\n|(?<=[.!?)])\s+|\s[-–—]\s+)\s*"
            rf"(?P<actor>[A-Z](?:[^,;:()\n]|,(?={name_goes_on})){{0,60}}?)\s+"
            rf"(?:{auxiliary}\s+(?i:{_alternation(terms['issuing_verbs'])})(?!\w)"
            rf"|(?:{auxiliary}\s+)?(?i:{_alternation(terms['issuing_verbs_before_type'])})"
            rf"\s+(?:(?i:cac)\s+)?$)"
        ),
        "auxiliary_word": re.compile(rf"\s+{auxiliary}(?!\w)"),
        "session": re.compile(rf"(?i:{_alternation(terms['sessions'])})\s+\w+\s+(?=[A-Z])"),
        "advising": re.compile(rf"\s(?i:{_alternation(terms['advising_verbs'])})\s+(?=[A-Z])"),
        # "thừa lệnh Chủ tịch UBND tỉnh, Phó Chánh Văn phòng … đã ký": the signer acts for the
        # body named after "thừa lệnh" / "thay mặt", and the document is that body's.
        "on_behalf": re.compile(
            rf"(?<!\w)(?i:{_alternation(terms['on_behalf_leads'])})\s+"
            r"(?P<principal>[A-Z][^,;:()]{0,80}?)\s*,"
        ),
        # A news sentence opening with its day: "Ngày 23/11/2018, …", "Chiều 5/6, …"; the
        # capital says a sentence starts even where a page's lines were run together.
        # Mid-sentence after a comma too: "…, ngày 18.5, Chủ tịch UBND tỉnh có Công điện số …".
        "dateline": re.compile(
            rf"(?:(?<!\w)(?:{_alternation([w.capitalize() for w in terms['day_parts']], keep_case=True)})"
            rf"|(?<=,\s)(?:{_alternation(terms['day_parts'], keep_case=True)}))(?=\s)"
        ),
        "sentence_end": re.compile(r"[!?]|\.(?=\s)|\n\s*\n"),
        "clause_start": re.compile(
            rf"[;:!?]|\.(?=\s)|\n\s*\n|\n\s*[-+•]\s"
            rf"|\n(?=[\W_]{{0,3}}(?i:{_alternation(terms['clause_openers'])})(?!\w))"
        ),
        "cue": re.compile(
            "|".join(
                rf"(?P<r{i}>(?<!\w)(?:{_alternation(entry['cues'])})(?!\w))"
                for i, entry in enumerate(load("citation_relations")["relations"])
            ),
            re.IGNORECASE,
        ),
    }


# A body's name read before its document, up to a clause's punctuation and without "của".
_NAME_BEFORE = r"[A-Z](?:(?!(?i:\bcua\b))[^,;:()]){0,80}?"
_ADDRESSEES = r"(?:(?!(?i:\bcua\b))[^;:()]){1,200}?"
# A single line break inside a paragraph: where PDF text wraps its lines.
_LINE_WRAP = re.compile(r"(?<!\n)\n(?![ \t]*\n)")
# How far back a type name or list head is looked for, in characters.
_LOOKBACK = 160
_SUBJECT_MAX = 220
_OWN_FIELDS_MAX = 5
_ISSUER_MAX_WORDS = 14
# The longest issuing verb with its auxiliary ("vừa mới ký ban hành").
_AGENT_VERB_MAX = 30
# How far back in its sentence a body whose initials spell a number's code is looked for.
_CODE_WINDOW = 300


@dataclass
class _Mention:
    """One number in the text with what was read around it."""

    start: int
    end: int  # end of everything read after the number (date, issuer)
    number: str
    type: str | None
    typed_by_text: bool
    date: str | None
    issuer: str | None
    subject: str | None
    has_so: bool
    group_start: int  # where the type name (or the number) of its list begins
    type_word: str | None  # the type name before it, as written (plain lower-case)


def _date_after(
    text: str, plain: str, pos: int, default_year: int | None
) -> tuple[str | None, int]:
    """The date written right after ``pos`` ("ngày 23/8/2021", ", ngày 04 tháng 3 năm 2020")."""
    start = _patterns()["date_lead"].match(plain, pos).end()
    # "ngày 23/8/2021": the shared numeric pattern starts at the digits, after the word.
    for skip in (0, len(re.match(r"(?i:ngay)?\s*", plain[start : start + 8]).group(0))):
        mentions = find_dates(plain[start + skip : start + skip + 40], default_year)
        if mentions and mentions[0].start == 0 and mentions[0].value:
            return iso(mentions[0].value), start + skip + mentions[0].end
    return None, pos


def _issuer_after(text: str, plain: str, pos: int) -> tuple[str | None, int]:
    """The body named by "của …" (or "do … ban hành") right after ``pos``, cut before its
    subject or the next clause."""
    patterns = _patterns()
    lead = patterns["issuer_lead"].match(plain, pos)
    agent = None if lead else patterns["agent_lead"].match(plain, pos)
    if agent:
        # The verb ends the name: a stop ("ban hành") or not ("ký").
        stop = _issuer_end(text, plain, agent.end())
        verb = patterns["agent_verb"].search(plain, agent.end(), stop + _AGENT_VERB_MAX)
        if not verb or verb.start() > stop:
            return None, pos
        return " ".join(text[agent.end() : verb.start()].split()[:_ISSUER_MAX_WORDS]), verb.end()
    if not lead:
        return None, pos
    start = lead.end()
    if session := patterns["session"].match(plain, start):
        start = session.end()  # "của Hội nghị lần thứ sáu Ban Chấp hành Trung ương …"
    end = _issuer_end(text, plain, start)
    # "của Bộ Chính trị, Ban Bí thư về …": bodies listed before the subject issued it jointly.
    while plain.startswith(",", end):
        joint_end = _issuer_end(text, plain, end + 1)
        if not (
            patterns["joint_issuer_follower"].match(plain, joint_end)
            and _is_body_name(text[end + 1 : joint_end])
        ):
            break
        end = joint_end
    words = text[start:end].split()[:_ISSUER_MAX_WORDS]
    if not words:
        return None, pos
    return " ".join(words), end


def _issuer_end(text: str, plain: str, start: int) -> int:
    """Where a body's name read from ``start`` ends: at the first stop word or punctuation."""
    end = min(len(text), start + 200)
    for stop in _patterns()["issuer_stop"].finditer(plain, start, end):
        if not _unmarked_homograph(text, stop, start):
            return stop.start()
    return end


def _is_body_name(phrase: str) -> bool:
    words = _respelled(" ".join(phrase.split()))
    return words[:1].isupper() and starts_with_agency(words)


def _respelled(name: str) -> str:
    """``name`` with the words of a known body spelt as the body spells them, where OCR or a
    legacy font scrambled their tone marks ("Bạn Chấp hành Trũng ương Đảng" → "Ban Chấp hành
    Trung ương Đảng"); words that match as written keep their case."""
    words = name.split()
    folded = tuple(fold(word.rstrip(",")) for word in words)
    index = 0
    while index < len(words):
        for known, known_folded in _known_bodies():
            size = len(known)
            if folded[index : index + size] == known_folded:
                run = words[index : index + size]
                if [word.rstrip(",").lower() for word in run] != [word.lower() for word in known]:
                    comma = run[-1][len(run[-1].rstrip(",")) :]
                    words[index : index + size] = [*known[:-1], known[-1] + comma]
                index += size - 1
                break
        index += 1
    return " ".join(words)


@cache
def _known_bodies() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Names of bodies as they spell them, longest first, as their words and folded words: the
    central bodies of ``citation_terms.json`` and the names the agencies' abbreviations stand for.
    """
    names = set(load("citation_terms")["known_bodies"])
    names |= set(load("agencies")["abbreviations"].values())
    multiword = sorted(
        {tuple(n.split()) for n in names if len(n.split()) > 1}, key=len, reverse=True
    )
    return tuple((words, tuple(fold(word) for word in words)) for words in multiword)


def _unmarked_homograph(text: str, stop: re.Match[str], start: int) -> bool:
    """A stop word matched without diacritics where the text writes another word: "thiên tai"
    is not "tại".  Only where the name read so far has its marks: OCR that lost them keeps
    every stop."""
    written = text[stop.start() : stop.end()].strip()
    return (
        written.lower() in _marked_stops_folded()
        and written == _plain(written)
        and text[start : stop.start()] != _plain(text[start : stop.start()])
    )


@cache
def _marked_stops_folded() -> frozenset[str]:
    """The issuer stops written with diacritics ("tại", "về"), folded ("tai", "ve")."""
    return frozenset(
        fold(w) for w in load("citation_terms")["issuer_stops"] if fold(w) != w.lower()
    )


def _subject_after(text: str, plain: str, pos: int) -> str | None:
    patterns = _patterns()
    lead = patterns["subject_lead"].match(plain, pos)
    if not lead:
        return None
    start = lead.end()
    stop = patterns["subject_stop"].search(plain, start, start + _SUBJECT_MAX)
    end = stop.start() if stop else min(len(text), start + _SUBJECT_MAX)
    subject = " ".join(text[start:end].split())
    return subject or None


def _type_name(typed: re.Match[str] | None, before: str, parts: NumberParts) -> str | None:
    """The type the text names before a number; the code's type in a compound name.

    "Thông báo kết luận số 147/TB-VPCP" is a thông báo: when the number's code names a type that
    the words just before the nearest type name also name, the code wins.  It wins too over a
    name that says no kind ("văn bản số 1789-CV/VPTW" is a công văn).
    """
    if not typed:
        return None
    word = typed.group("type")
    type_name = _type_names().get(fold(word))
    if type_name is None and word.isupper():
        type_name = _type_by_code().get(word)
    if parts.type and type_name in load("citation_terms")["generic_types"]:
        return parts.type
    if parts.type and type_name and parts.type != type_name:
        if fold(parts.type) in fold(before[max(0, typed.start() - 30) : typed.start()]):
            return parts.type
    return type_name


def _is_own_number(plain: str, start: int, end: int) -> bool:
    """A number in the header's "Số:" field or on the place-and-date line names its own document."""
    patterns = _patterns()
    line_end = plain.find("\n", end)
    rest_of_line = plain[end : line_end if line_end >= 0 else len(plain)]
    return bool(
        patterns["own_field"].search(plain, max(0, start - 40), start)
        or patterns["place_date_after"].match(rest_of_line)
    )


def _is_annex_caption(
    before: str, typed: re.Match[str] | None, type_name: str | None, header: Header
) -> bool:
    """An annex's caption names the document it is attached to: the text's own document.

    "(Kèm theo Quyết định số 707/QĐ-TTg …)" under the plan a quyết định issues is recognised by
    its type even when OCR has spoilt the number in the caption or in the header.
    """
    return bool(
        typed
        and header.doc_type
        and type_name == header.doc_type
        and _patterns()["annex_caption"].search(before, 0, typed.start())
    )


def _own_key(number: str, year: int | None) -> str:
    """A number reduced to what survives its copies in the same document.

    Text extraction loses hyphens ("1961/QĐUBND") and a page title may add the year
    ("Quyết định số 1961/2019/QĐ-UBND"): the document's own number is recognised without its
    separators and without a year part equal to the document's year.
    """
    parts = fold_number(number).split("/")
    if year is not None:
        parts = [parts[0]] + [part for part in parts[1:] if part != str(year)]
    return re.sub(r"[-.&]", "", "/".join(parts))


def _same_own_key(key: str, own_key: str) -> bool:
    """Equal keys, or one cut short by a letter or two that OCR lost ("445-KL/T" for "…/TƯ")."""
    shorter, longer = sorted((key, own_key), key=len)
    return key == own_key or (
        "/" in shorter and longer.startswith(shorter) and len(longer) - len(shorter) <= 2
    )


def _own_numbers(text: str, plain: str, header: Header) -> list[tuple[str, int | None]]:
    """The document's own number as the header gives it and as its "Số:" field writes it, each
    as an own key with the year it was made with.

    Where the header could not be read (its columns run together with the page), the field still
    names the document, and so do the field's copies elsewhere ("Quyết định số 1961/2019/QĐ-UBND"
    in a page title); the year then comes from the date that follows the field.  A file holds
    a few documents at most: the first few fields are kept.
    """
    owns = [(header.number, header.year)] if header.number else []
    type_before = _patterns()["type_before"]
    fields = (
        m
        for m in NUMBER.finditer(plain)
        if _is_own_number(plain, *m.span())
        and not type_before.search(plain, max(0, m.start() - _LOOKBACK), m.start())
    )
    for match in islice(fields, _OWN_FIELDS_MAX):
        dates = [d.value for d in find_dates(plain[match.end() : match.end() + 200]) if d.value]
        year = header.year or (dates[0].year if dates else None)
        owns.append((text[match.start() : match.end()], year))
    return list(dict.fromkeys((_own_key(number, year), year) for number, year in owns))


def _mentions(text: str, plain: str, header: Header, year: int | None) -> list[_Mention]:
    """Every number that names another document, with its type, date, issuer and list head;
    ``plain`` is ``_plain(text)`` and ``year`` the one short dates are read against."""
    patterns = _patterns()
    own_numbers = _own_numbers(text, plain, header)
    mentions: list[_Mention] = []
    bare_serials = [m.span("serial") for m in patterns["bare_number"].finditer(plain)]
    spans = sorted([m.span() for m in NUMBER.finditer(plain)] + bare_serials)
    for start, end in spans:
        bare = (start, end) in bare_serials
        if not bare and _wants_a_code(number_parts(plain[start:end])):
            # "12/QĐ - UBND": a type code needs its issuer's, and a công văn's issuer its unit
            # ("2718/ UBND - VX"), so a spaced dash cannot end them.
            spaced = _SPACED_ISSUER_CODE.match(plain, end)
            end = spaced.end() if spaced else end
        number = clean_number(text[start:end])
        before = plain[max(0, start - _LOOKBACK) : start]
        # Only a number right after a comma or "và" can end a list of bare serials.
        after_separator = _LIST_TAIL.search(before, max(0, len(before) - 8))
        shared = after_separator and patterns["shared_serials"].search(before)
        typed = shared or patterns["type_before"].search(before)
        if patterns["not_document"].search(before) or (
            not typed and _is_own_number(plain, start, end)
        ):
            continue
        if any(_same_own_key(_own_key(number, year), key) for key, year in own_numbers):
            continue
        parts = number_parts(number)
        type_name = _type_name(typed, before, parts)
        if _is_annex_caption(before, typed, type_name, header) or (
            bare and not _names_a_kind(type_name)
        ):
            continue
        has_so = bool(patterns["so_before"].search(before))
        default_year = parts.year or year
        date, pos = _date_after(text, plain, end, default_year)
        issuer, pos = _issuer_after(text, plain, pos)
        if date is None and issuer is not None:
            date, pos = _date_after(text, plain, pos, default_year)
        mention = _Mention(
            start=start,
            end=pos,
            number=number,
            type=type_name or parts.type,
            typed_by_text=type_name is not None,
            date=date,
            issuer=issuer,
            subject=_subject_after(text, plain, pos),
            has_so=has_so,
            group_start=start - len(before) + typed.start() if typed else start,
            type_word=" ".join(typed.group("type").lower().split()) if typed else None,
        )
        if shared:
            mentions.extend(_shared_serial_mentions(mention, shared, start - len(before)))
        mentions.append(mention)
    return _share_within_lists(plain, _without_repeated_serials(mentions, header))


def _wants_a_code(parts: NumberParts) -> bool:
    """A type code without its issuer's, or a công văn's issuer code without its unit's."""
    return parts.issuer_code is None or (parts.type is None and "-" not in parts.issuer_code)


def _names_a_kind(type_name: str | None) -> bool:
    return type_name is not None and type_name not in load("citation_terms")["generic_types"]


def _without_repeated_serials(mentions: list[_Mention], header: Header) -> list[_Mention]:
    """Bare serials ("Công điện số 1510") less those that repeat a full number of the same kind
    in the text ("Công điện số 1510/CĐ-UBND") or the document's own number."""
    full = {(_serial(m.number), m.type) for m in mentions if not m.number.isdigit()}
    if header.number:
        full.add((_serial(header.number), header.doc_type))
    return [m for m in mentions if not (m.number.isdigit() and (m.number, m.type) in full)]


def _serial(number: str) -> str:
    return re.match(r"\d*", number).group()


def _shared_serial_mentions(last: _Mention, shared: re.Match[str], offset: int) -> list[_Mention]:
    """The numbers of "Chỉ thị 15, 16 và 19/CT-TTg" before the last: each serial takes its code."""
    code = last.number[re.match(_SERIAL_ONLY, last.number).end() :]
    serials = re.finditer(_SERIAL_ONLY, shared.group("serials"))
    base = offset + shared.start("serials")
    return [
        replace(
            last,
            start=base + serial.start(),
            end=base + serial.end(),
            number=serial.group() + code,
            date=None,
            issuer=None,
            subject=None,
        )
        for serial in serials
    ]


def _share_within_lists(plain: str, mentions: list[_Mention]) -> list[_Mention]:
    """Numbers listed after one type name take its type and the issuer named after the list.

    "các Công văn số 351-CV/TU, 365-CV/TU của …": the second number has no type name of its own,
    and the issuer after the last number belongs to every number of the list.
    """
    separator = _patterns()["list_separator"]
    groups: list[list[_Mention]] = []
    for mention in mentions:
        previous = groups[-1][-1] if groups else None
        # "Chỉ thị số 05/CT-TTg ngày …, Chỉ thị số 06/CT-TTg ngày … của …" repeats the type name.
        repeated = previous and mention.type_word and mention.type_word == groups[-1][0].type_word
        if (
            previous
            and (mention.group_start == mention.start or repeated)
            and previous.issuer is None
            and separator.match(plain[previous.end : mention.group_start])
        ):
            head = groups[-1][0]
            if head.typed_by_text and (mention.type is None or mention.type == head.type):
                mention.type = head.type
                mention.typed_by_text = True
            mention.group_start, mention.type_word = head.group_start, head.type_word
            mention.has_so = mention.has_so or head.has_so
            groups[-1].append(mention)
        else:
            groups.append([mention])
    for group in groups:
        issuer = None
        for mention in reversed(group):
            issuer = mention.issuer or issuer
            mention.issuer = mention.issuer or issuer
    kept = []
    for mention in mentions:
        if mention.typed_by_text or mention.type:
            kept.append(mention)
        elif mention.type_word or (mention.has_so and _agency_shaped(mention)):
            # "theo số 4806/UBND-KGVX": a number with no type code is a công văn's (NĐ 30).
            if "/" in fold_number(mention.number) and not re.match(r"\d+-", mention.number):
                mention.type = "công văn"
            kept.append(mention)
    return kept


def _agency_shaped(mention: _Mention) -> bool:
    """An untyped "số …" number is a document's only in a document's shape.

    A công văn number names an issuer and its unit ("4806/UBND-KGVX"), a party number has its
    dash before the type ("1789-CV/VPTW"); "lô đất số 12/KDC" has neither.
    """
    folded = fold_number(mention.number)
    return bool(re.match(r"\d+-", folded)) or "-" in folded.rsplit("/", 1)[-1]


def _issuer_before(text: str, plain: str, group_start: int) -> str | None:
    before = _patterns()["issuer_before"].search(plain, max(0, group_start - 320), group_start)
    if not before:
        return None
    group = "issuer" if before.group("issuer") else "subject"
    if "\n\n" in before.group(group):
        return None
    start, end = before.span(group)
    if group == "issuer":
        return " ".join(text[start:end].split())
    # The subject of the verb is what follows the clause's last stop word: "Sở Y tế tập huấn
    # cho các đơn vị về các nội dung Bộ Y tế đã hướng dẫn tại …" is the Bộ's document.
    for stop in _patterns()["issuer_stop"].finditer(plain, start, end):
        if not _unmarked_homograph(text, stop, start):
            start = stop.end()
    return _body_at_end(" ".join(text[start:end].split()))


def _body_at_end(phrase: str) -> str | None:
    """The body's name that ends ``phrase``: from its first capitalised word that opens a body's
    name ("các nội dung UBND tỉnh" → "UBND tỉnh"), or None."""
    words = phrase.split()
    for index, word in enumerate(words):
        if word[:1].isupper() and starts_with_agency(" ".join(words[index:])):
            return " ".join(words[index:])
    return None


def _actor(
    text: str, plain: str, unwrapped: str, mention: _Mention, default_year: int | None
) -> tuple[str | None, str | None]:
    """The body that issued the cited document earlier in its sentence, and the day it did.

    "Tỉnh ủy đã kiện toàn … (Quyết định số 215-QĐ/TU …)" names the issuer; a news item's
    "Ngày 23/11/2018, UBND tỉnh có văn bản số …" names the day the body issued it too.  The body
    is read on ``unwrapped``, the plain text with its wrapped lines joined, since its name may
    run onto the next line ("Ủy ban nhân\ndân tỉnh đã kiện toàn …").
    """
    patterns = _patterns()
    window_start = max(0, mention.group_start - 400)
    segment_start = window_start
    for boundary in patterns["clause_start"].finditer(plain, window_start, mention.group_start):
        if plain[boundary.start()] != ":" and plain[boundary.start()] != ";":
            segment_start = boundary.end()
    actors = [
        actor
        for actor in patterns["actor"].finditer(unwrapped, segment_start, mention.group_start)
        if _names_a_body(text[actor.start("actor") : actor.end("actor")])
    ]
    if not actors:
        return None, None
    actor = actors[-1]
    # The cited document must be what the body issued, not a rule it acted on ("theo Nghị định …"),
    # unless its number only restates, in brackets, the kind of document the body issued: "UBND
    # tỉnh vừa ban hành công văn chỉ đạo thực hiện … (Công văn số 1483/UBND-THNC …)".
    between = plain[actor.end() : mention.group_start]
    restated = (
        mention.type_word
        and re.match(rf"\s*{re.escape(mention.type_word)}\b", between, re.IGNORECASE)
        and re.search(r"\(\s*$", between)
    )
    if not restated and (
        NUMBER.search(between)
        or patterns["cue"].search(between)
        or re.search(r"(?i)\btheo\b", between)
    ):
        return None, None
    principals = list(
        patterns["on_behalf"].finditer(unwrapped, segment_start, actor.start("actor"))
    )
    named = principals[-1].span("principal") if principals else actor.span("actor")
    # "Sở Y tế đã tham mưu UBND tỉnh ban hành …": the body advised issues the document.
    advised = list(patterns["advising"].finditer(plain, *named))
    if advised:
        named = (advised[-1].end(), named[1])
    # "BTV Tỉnh ủy đã kịp thời ban hành …": the name ends before its auxiliary.
    auxiliary = patterns["auxiliary_word"].search(plain, *named)
    if auxiliary and auxiliary.start() > named[0]:
        named = (named[0], auxiliary.start())
    # "Ngày 16/4/2020 UBND tỉnh ban hành …" without a comma: the date opens the body's phrase.
    if dateline := patterns["dateline"].match(plain, named[0]):
        date, date_end = _dateline_date(text, plain, dateline, default_year)
        body_start = re.compile(r"[\s,]*").match(plain, date_end).end()
        if date and body_start < named[1]:
            return " ".join(text[body_start : named[1]].split()), date
    issuer = " ".join(text[named[0] : named[1]].split())
    datelines = list(patterns["dateline"].finditer(plain, segment_start, actor.start("actor")))
    if not datelines:
        return issuer, None
    date, date_end = _dateline_date(text, plain, datelines[-1], default_year)
    opens_sentence = date and re.match(r"\s*,", plain[date_end : actor.start("actor")])
    return issuer, date if opens_sentence else None


def _dateline_date(
    text: str, plain: str, dateline: re.Match[str], default_year: int | None
) -> tuple[str | None, int]:
    """The date a news sentence opens with: "Ngày 18.5", "Chiều ngày 5/6", "Sáng 21/10".

    A short date is read only after "ngày": after another day part it is read as if the word
    stood there, for "Sáng 21/10" is "sáng ngày 21/10".
    """
    date, end = _date_after(text, plain, dateline.start(), default_year)
    if date is None:
        date, end = _date_after(text, plain, dateline.end(), default_year)
    if date is None:
        with_day = "ngay" + plain[dateline.end() : dateline.end() + 40]
        mentions = find_dates(with_day, default_year)
        if mentions and mentions[0].start == 0 and mentions[0].value:
            date, end = iso(mentions[0].value), dateline.end() + mentions[0].end - len("ngay")
    return date, end


def _issuer_by_code(text: str, plain: str, mention: _Mention) -> str | None:
    """The body named earlier in the sentence whose initials spell the number's issuer code:
    "sau khi nghe Ban Tổ chức Trung ương báo cáo … (Công văn số 8011-CV/BTCTW …)".

    Initials are read as the agencies' abbreviations write them ("Trung ương" is TW, "Kế hoạch
    và Đầu tư" KHĐT); a name of two words at least, and a code of three letters at least, so
    that a lone "CP" does not pick any body of the sentence; a kind of body ("Ủy ban nhân dân"
    for UBND) names none without its place, which the code does not spell.
    """
    code = number_parts(mention.number).issuer_code
    initials = re.sub(r"[^A-Z0-9]", "", code.split("-")[0]) if code else ""
    if len(initials) < 3:
        return None
    start = max(0, mention.group_start - _CODE_WINDOW)
    for boundary in _patterns()["sentence_end"].finditer(plain, start, mention.group_start):
        start = boundary.end()
    found = None
    for chunk in re.finditer(r"[^,;:()\[\]]+", text[start : mention.group_start]):
        words = chunk.group().split()
        folded = tuple(fold(word) for word in words)
        for first in range(len(words)):
            if not words[first][:1].isupper():
                continue
            for last in range(first + 2, min(first + _ISSUER_MAX_WORDS, len(words)) + 1):
                name = " ".join(words[first:last])
                if folded[last - 1] != "va" and (
                    _spells(words[first:last], folded[first:last], initials)
                    and _is_body_name(name)
                    and " ".join(folded[first:last]) not in _generic_heads()
                ):
                    found = name
    return found


@cache
def _generic_heads() -> frozenset[str]:
    """Folded head words of bodies' names ("uy ban nhan dan", "ban chi dao"): kinds of bodies."""
    return frozenset(fold(head) for head in load("agencies")["heads"])


def _spells(words: list[str], folded: tuple[str, ...], initials: str) -> bool:
    """Whether ``words`` (and their ``folded`` forms) abbreviate to ``initials``: each word by
    its first letter, a word in capitals by itself ("GD&ĐT"), a run of words by the agencies'
    abbreviation of it ("Trung ương" TW), "và" by nothing."""
    if not folded:
        return not initials
    options = [(1, folded[0][:1].upper())]
    if words[0].isupper() and len(words[0]) > 1:
        options.append((1, re.sub(r"[^A-Z0-9]", "", folded[0].upper())))
    if folded[0] == "va":
        options.append((1, ""))
    options += [
        (len(run), abbreviation)
        for run, abbreviations in _abbreviated_names().get(folded[0], ())
        if folded[: len(run)] == run
        for abbreviation in abbreviations
    ]
    return any(
        initials.startswith(letters)
        and _spells(words[size:], folded[size:], initials[len(letters) :])
        for size, letters in options
    )


@cache
def _abbreviated_names() -> dict[str, list[tuple[tuple[str, ...], frozenset[str]]]]:
    """Folded names of bodies and their parts, by first word, with their abbreviations as number
    codes write them ("trung uong" → TW, "ke hoach va dau tu" → KHDT)."""
    names: dict[tuple[str, ...], set[str]] = {}
    for abbreviation, name in load("agencies")["abbreviations"].items():
        letters = re.sub(r"[^A-Z0-9]", "", fold(abbreviation).upper())
        names.setdefault(tuple(fold(name).split()), set()).add(letters)
    by_first: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = {}
    for run, letters in names.items():
        by_first.setdefault(run[0], []).append((run, frozenset(letters)))
    return by_first


def _names_a_body(phrase: str) -> bool:
    """A body's name opens with a body's head word ("Sở", "UBND") or holds a second capitalised
    word ("Thủ tướng Chính phủ"); a sentence's opening words do neither ("Trong đó có …")."""
    return starts_with_agency(phrase) or any(word[:1].isupper() for word in phrase.split()[1:])


def _relation(plain: str, group_start: int, clause_heads: dict[int, int]) -> str:
    """The relation named by the nearest cue before the first citation of the clause."""
    patterns = _patterns()
    relations = load("citation_relations")
    clause_start = max(0, group_start - 600)
    for boundary in patterns["clause_start"].finditer(
        plain, max(0, group_start - 600), group_start
    ):
        clause_start = boundary.end()
    opener = relations["legal_basis_opener"]
    if re.match(
        rf"[\W_]{{0,3}}(?i:{_words(opener['cue'])})\s+(?:(?i:vao)\s+)?[A-Z]", plain[clause_start:]
    ):
        return opener["relation"]
    head = clause_heads.setdefault(clause_start, group_start)
    best: tuple[int, int, str] | None = None
    for cue in patterns["cue"].finditer(plain, clause_start, head):
        index = int(cue.lastgroup[1:])
        rank = (cue.end(), cue.end() - cue.start())
        if best is None or rank > best[:2]:
            best = (*rank, relations["relations"][index]["relation"])
    return best[2] if best else relations["default"]


def _priority(relation: str) -> int:
    order = [entry["relation"] for entry in load("citation_relations")["relations"]]
    return order.index(relation) if relation in order else len(order)


def extract_citations(text: str, header: Header) -> list[Citation]:
    """One citation per distinct other document the text names by its number.

    A document cited several times keeps its most informative mention (first on ties), with the
    date, issuer and subject that later mentions add, and the strongest relation among them.
    The same number with dates of two different years names two documents (numbering restarts
    every year), so those stay apart.
    """
    plain = _plain(text)
    year = document_date(text, header)[0]
    mentions = _mentions(text, plain, header, year)
    clause_heads: dict[int, int] = {}
    citations: list[Citation] = []
    named_before, previous_end, previous_number = None, 0, ""
    patterns = _patterns()
    unwrapped = _LINE_WRAP.sub(" ", plain)
    for mention in mentions:
        # "của Bộ trưởng … tại Tờ trình số 4017/… ngày … và Báo cáo số 4123/…": the body named
        # before the first document of a chain joined by "và" or a comma issued each of them;
        # across a semicolon, only the documents whose number names the same body
        # ("UBND tỉnh đã chỉ đạo tại Công văn số 4486/UBND-KTN …; Chỉ thị số 06/CT-UBND").
        if mention.issuer:
            named_before = None
        else:
            continues = patterns["chain_separator"].fullmatch(
                plain, previous_end, mention.group_start
            ) or (
                patterns["chain_across_clauses"].fullmatch(plain, previous_end, mention.group_start)
                and _same_issuer_code(previous_number, mention.number)
            )
            named_before = _issuer_before(text, plain, mention.group_start) or (
                named_before if continues else None
            )
        previous_end = max(previous_end, mention.end)
        previous_number = mention.number
        actor, actor_date = None, None
        if not (mention.issuer and mention.date):
            actor, actor_date = _actor(text, plain, unwrapped, mention, year)
        issuer = mention.issuer or named_before or actor or _issuer_by_code(text, plain, mention)
        issuer = _respelled(issuer) if issuer else None
        citations.append(
            Citation(
                start=mention.start,
                end=mention.end,
                text=" ".join(text[mention.group_start : mention.end].split()),
                type=mention.type,
                number=mention.number,
                date=mention.date or actor_date,
                issuer=issuer,
                relation=_relation(plain, mention.group_start, clause_heads),
                subject=mention.subject,
            )
        )
    return _distinct(citations)


def _same_issuer_code(number: str, other: str) -> bool:
    """Whether two numbers name one issuing body: the first part of their issuer codes
    ("4486/UBND-KTN" and "06/CT-UBND" are both of an Ủy ban nhân dân)."""
    codes = [number_parts(n).issuer_code for n in (number, other) if n]
    return len(codes) == 2 and None not in codes and len({c.split("-")[0] for c in codes}) == 1


def _year(citation: Citation) -> int | None:
    if citation.date:
        return int(citation.date[:4])
    return number_parts(citation.number).year


def _distinct(citations: list[Citation]) -> list[Citation]:
    by_document: dict[tuple[str, int | None], list[Citation]] = {}
    years: dict[str, set[int]] = {}
    for citation in citations:
        year = _year(citation)
        if year:
            years.setdefault(fold_number(citation.number), set()).add(year)
    for citation in citations:
        key = fold_number(citation.number)
        year = _year(citation)
        # An undated mention belongs with the dated one when the number has only one year.
        if year is None and len(years.get(key, ())) == 1:
            year = next(iter(years[key]))
        by_document.setdefault((key, year if len(years.get(key, ())) > 1 else None), []).append(
            citation
        )
    merged = []
    for group in by_document.values():
        best = max(group, key=lambda c: (_information(c), -c.start))
        for other in group:
            best = replace(
                best,
                type=best.type or other.type,
                date=best.date or other.date,
                issuer=best.issuer or other.issuer,
                subject=best.subject or other.subject,
            )
        relation = min((c.relation for c in group), key=_priority)
        merged.append(replace(best, relation=relation))
    return sorted(merged, key=lambda c: c.start)


def _information(citation: Citation) -> int:
    return sum(value is not None for value in (citation.type, citation.date, citation.issuer))
