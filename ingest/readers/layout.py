"""Positioned words to lines of text in reading order, for PDF text layers and OCR alike.

A Vietnamese official document opens with a two-column header: issuer over number on the left,
national motto over place and date on the right.  Read line by line across the page, the two
columns interleave ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI ..."), which breaks every header rule.  So
words are grouped into lines, each line is cut into segments at wide gaps, and a run of lines
that all fall on either side of one vertical gutter is emitted column by column: the whole left
column, then the whole right column.  The signature block (recipients | signer) is handled the
same way.  Table rows found by a table finder are handed in ready-made (cells joined by TAB)
and placed by their height on the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median

# Two segments of one line are separate columns when the blank between them is wider than this
# many font sizes: word spaces are a quarter of one and justified text rarely stretches a space
# to one, while header gutters measure from about one to three.
COLUMN_GAP_HEIGHTS = 1.2

# Two words share a line when their vertical centres are closer than this fraction of the
# line height (handwritten numbers on scans sit a little above or below their line).
SAME_LINE_HEIGHTS = 0.6

# A single line whose centre is this close (as a fraction of the page width) to the middle of
# the page is a centred title, not a line of either header column.
CENTRED_TOLERANCE = 0.06

# A column block ends at a blank wider than this many line heights.
MAX_BLOCK_GAP_LINES = 3


@dataclass(frozen=True)
class Word:
    """A word and its box; y grows downwards (top < bottom), in any unit (points, pixels)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    # The line the recogniser put the word on, when it says (OCR): words of one recognised
    # line stay together even when their boxes wander with accents, descenders and skew.
    line: tuple[int, ...] | None = None

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1e-6)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Row:
    """A ready-made line (a table row from a table finder) placed at ``top`` on the page."""

    text: str
    top: float


@dataclass
class _Segment:
    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(word.x1 for word in self.words)

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


@dataclass
class _Line:
    top: float
    bottom: float
    segments: list[_Segment]
    row: str | None = None  # set for ready-made table rows


def group_lines(words: Iterable[Word]) -> list[list[Word]]:
    """Words clustered into lines (top to bottom), each sorted left to right.

    Words the recogniser put on one line form one piece; pieces whose vertical centres are
    close join into a visual line (the two header columns are often recognised as separate
    lines at the same height).
    """
    pieces: dict[object, list[Word]] = {}
    for number, word in enumerate(words):
        pieces.setdefault(word.line if word.line is not None else number, []).append(word)
    # Medians, not extremes: one speck or stamp fragment recognised into a line must not
    # stretch it over its neighbours.
    boxes = [
        (median(w.middle for w in piece), median(w.height for w in piece), piece)
        for piece in pieces.values()
    ]
    boxes.sort(key=lambda box: box[:2])
    lines: list[list[Word]] = []
    centre = height = 0.0
    for middle, piece_height, piece in boxes:
        if lines and abs(middle - centre) < SAME_LINE_HEIGHTS * min(height, piece_height):
            lines[-1].extend(piece)
            continue
        lines.append(list(piece))
        centre, height = middle, piece_height
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _segments(line: list[Word], column_gap: float) -> list[_Segment]:
    gap_limit = column_gap * median(word.height for word in line)
    segments = [_Segment([line[0]])]
    for word in line[1:]:
        if word.x0 - segments[-1].x1 > gap_limit:
            segments.append(_Segment([word]))
        else:
            segments[-1].words.append(word)
    return segments


def _side(segment: _Segment, gutter_left: float, gutter_right: float) -> str | None:
    """Which column a segment belongs to, or None when it crosses the gutter."""
    if segment.x0 < gutter_left and segment.x1 > gutter_right:
        return None
    if segment.x1 <= gutter_right and segment.x0 < gutter_left:
        return "left"
    if segment.x0 >= gutter_left and segment.x1 > gutter_right:
        return "right"
    # Wholly inside the gutter: the nearer column takes it.
    gutter_middle = (gutter_left + gutter_right) / 2
    return "left" if (segment.x0 + segment.x1) / 2 < gutter_middle else "right"


def _gutter(line: _Line, page_width: float) -> tuple[float, float]:
    """The blank between the columns of a line cut into segments: of its gaps, the one nearest
    the middle of the page (other gaps are blanks left for a number or a day to be written in).
    """
    gaps = [
        (left.x1, right.x0) for left, right in zip(line.segments, line.segments[1:], strict=False)
    ]
    return min(gaps, key=lambda gap: abs((gap[0] + gap[1]) / 2 - page_width / 2))


def _column_block(
    lines: list[_Line], start: int, page_width: float
) -> tuple[list[str], list[str], int]:
    """Left and right column texts of the block opening at ``lines[start]``, and where it ends.

    ``lines[start]`` is cut into segments; the gap nearest the page middle is the gutter.  Each
    following line joins the block while none of its segments crosses the gutter, it is not a
    title centred on the page (the document type under the header) and it follows closely; the
    gutter narrows to fit every line taken in.
    """
    gutter_left, gutter_right = _gutter(lines[start], page_width)
    left: list[str] = []
    right: list[str] = []
    end = start
    previous_bottom = lines[start].top
    while end < len(lines):
        line = lines[end]
        if line.row is not None or line.top - previous_bottom > MAX_BLOCK_GAP_LINES * (
            line.bottom - line.top
        ):
            break
        if end > start and len(line.segments) == 1:
            segment = line.segments[0]
            if abs((segment.x0 + segment.x1) / 2 - page_width / 2) < CENTRED_TOLERANCE * page_width:
                break
        sides = [_side(segment, gutter_left, gutter_right) for segment in line.segments]
        if None in sides:
            break
        left_text = " ".join(
            seg.text for side, seg in zip(sides, line.segments, strict=True) if side == "left"
        )
        right_text = " ".join(
            seg.text for side, seg in zip(sides, line.segments, strict=True) if side == "right"
        )
        for side, segment in zip(sides, line.segments, strict=True):
            if side == "left":
                gutter_left = max(gutter_left, segment.x1)
            else:
                gutter_right = min(gutter_right, segment.x0)
        if left_text:
            left.append(left_text)
        if right_text:
            right.append(right_text)
        previous_bottom = line.bottom
        end += 1
    return left, right, end


def lay_out(
    words: Iterable[Word],
    page_width: float,
    rows: Sequence[Row] = (),
    column_gap: float = COLUMN_GAP_HEIGHTS,
) -> str:
    """The text of one page: lines top to bottom, two-column blocks column by column.

    ``column_gap`` is the blank, in line heights, that separates two columns (OCR boxes are
    taller than a font size, so OCR passes a smaller figure).
    """
    lines = [
        _Line(min(w.top for w in line), max(w.bottom for w in line), _segments(line, column_gap))
        for line in group_lines(words)
    ]
    lines += [_Line(row.top, row.top, segments=[], row=row.text) for row in rows]
    lines.sort(key=lambda line: line.top)
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.row is not None:
            out.append(line.row)
        elif len(line.segments) >= 2:
            left, right, index = _column_block(lines, index, page_width)
            out.extend(left + right)
            continue
        else:
            out.append(line.segments[0].text)
        index += 1
    return "\n".join(out)
