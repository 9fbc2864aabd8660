"""Annotate: a document's text and its extracted entities as a spaCy ``Doc``, and as HTML.

The last step of eyecite's clean → find → resolve → annotate, for people who want to see or
reuse what vanban found.  The ``Doc`` is built over underthesea's word segmentation, so a
Vietnamese word of several syllables ("Ủy ban", "phòng chống") is one token; every entity is a
``Span`` in ``doc.spans["vanban"]``, labelled by kind, so the Doc can be saved in a ``DocBin``
to train or check a model, or drawn by displaCy, which escapes the text it draws.
"""

from __future__ import annotations

import html
import re
from functools import cache

import spacy
from spacy import displacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.model import Extraction

SPANS_KEY = "vanban"

# Labels as the site names each kind, and displaCy's colour for each.
LABELS = {
    "citations": "VĂN BẢN",
    "statistics": "SỐ LIỆU",
    "officials": "NGƯỜI",
    "tasks": "NHIỆM VỤ",
}
COLOURS = {"VĂN BẢN": "#9ecbff", "SỐ LIỆU": "#ffd58a", "NGƯỜI": "#c6f0c2", "NHIỆM VỤ": "#f3c4e4"}

# What lies between two words: a run of non-space (a word underthesea skipped) or of space.
_GAP_PIECE = re.compile(r"\S+|\s+")
_LINE = re.compile(r"[^\n]+")


@cache
def blank_vietnamese() -> Language:
    """spaCy's Vietnamese language without its pyvi tokenizer: tokens come from underthesea."""
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


def _word_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of underthesea's words, and of every piece of text between them.

    underthesea may respell a word (quotes, spacing); a word not found as written is left to
    the gap pieces, so offsets never drift.
    """
    from underthesea import word_tokenize  # loaded on first use: it reads its model

    ranges: list[tuple[int, int]] = []
    cursor = 0
    for line in _LINE.finditer(text):
        for word in word_tokenize(line.group(0)):
            found = text.find(word, cursor, line.end())
            if found < 0:
                continue
            ranges.extend(m.span() for m in _GAP_PIECE.finditer(text, cursor, found))
            ranges.append((found, found + len(word)))
            cursor = found + len(word)
    ranges.extend(m.span() for m in _GAP_PIECE.finditer(text, cursor, len(text)))
    return ranges


def segment(text: str) -> Doc:
    """A Doc whose text is exactly ``text`` and whose tokens are underthesea's words."""
    words: list[str] = []
    spaces: list[bool] = []
    for start, end in _word_ranges(text):
        piece = text[start:end]
        if piece.startswith(" ") and words and not spaces[-1] and not words[-1].isspace():
            spaces[-1] = True  # one space after a word is that word's trailing space
            piece = piece[1:]
        if piece:
            words.append(piece)
            spaces.append(False)
    return Doc(blank_vietnamese().vocab, words=words, spaces=spaces)


def annotate(text: str, extraction: Extraction) -> Doc:
    """The segmented Doc with every extracted entity in ``doc.spans["vanban"]``."""
    doc = segment(text)
    spans: list[Span] = []
    for kind, label in LABELS.items():
        for entity in getattr(extraction, kind):
            span = doc.char_span(entity.start, entity.end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    doc.spans[SPANS_KEY] = sorted(spans, key=lambda s: (s.start, -s.end))
    return doc


def render_html(doc: Doc, title: str) -> str:
    """A standalone HTML page drawing the Doc's spans with displaCy.

    Drawn from displaCy's manual format, whose renderer escapes every token (its Doc path for
    spans does not), so a document quoting ``<script>`` shows it as text.
    """
    data = {
        "text": doc.text,
        "tokens": [token.text for token in doc],
        "spans": [
            {"start_token": span.start, "end_token": span.end, "label": span.label_}
            for span in doc.spans[SPANS_KEY]
        ],
    }
    page = displacy.render(data, style="span", manual=True, page=True, options={"colors": COLOURS})
    return page.replace("<title>displaCy</title>", f"<title>{html.escape(title)}</title>", 1)
