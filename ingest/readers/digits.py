"""Single handwritten digits, recognised by their nearest neighbours among samples of handwriting.

tesseract's models read print: on the digits written into a scanned header it returns nothing,
or digits that change with every pixel of the crop.  A vote among the nearest of a few hundred
handwritten samples per digit reads most of them (on the four real scans: 9 of 13 digits right,
2 refused as unlike every sample, and the 2 wrong ones gave a day that cannot be, so were
refused).  The samples are the test part
of the UCI "Optical Recognition of Handwritten Digits" data (E. Alpaydin and C. Kaynak, 1998;
CC BY 4.0) as scikit-learn ships it (``sklearn/datasets/data/digits.csv.gz``, copied unchanged
to ``data/handwritten_digits.csv.gz``): 1,797 digits written on forms by 13 people, many with a
flagged 1, a crossed 7 and an open 4, as in these headers; the looped 2 of some Vietnamese hands
is not among them.  Each sample is a 32×32 bitmap of the digit scaled to fill it, counted in 4×4
blocks: 64 values from 0 to 16, one CSV row with the digit last.  A mark is brought to the same
form before it is compared.
"""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from functools import cache
from pathlib import Path

from PIL import Image, ImageFilter

SAMPLES = Path(__file__).parent / "data" / "handwritten_digits.csv.gz"

# The samples' bitmaps: SIDE pixels square, counted in BLOCK × BLOCK squares.
SIDE = 32
BLOCK = 4
# The samples were written with a broader pen than a 300 dpi scan of a fountain-pen digit
# shows once scaled to SIDE: strokes are widened by a square of this many pixels.
PEN = 3
# A digit is read when at least AGREEING of its NEIGHBOURS nearest samples are that digit.
NEIGHBOURS = 5
AGREEING = 3
# No sample lies farther than SAMPLE_GAP (squared distance of block counts) from its nearest
# other sample.  A mark more than twice that far from every sample is unlike all of them (a
# bold or ornate hand, two digits in one cut): its neighbours' vote means nothing, and is
# refused rather than read as whichever digit happens to be least unlike it.
SAMPLE_GAP = 1031
FARTHEST = 2 * SAMPLE_GAP


@cache
def _samples() -> tuple[tuple[tuple[int, ...], str], ...]:
    with gzip.open(SAMPLES, "rt", newline="") as rows:
        return tuple(
            (tuple(int(float(value)) for value in row[:-1]), str(int(float(row[-1]))))
            for row in csv.reader(rows)
        )


def features(mark: Image.Image) -> tuple[int, ...]:
    """A mark (ink white on black) in the samples' form: scaled, keeping its proportions, to fill
    SIDE pixels, centred, strokes widened, counted in blocks row by row."""
    box = mark.getbbox()
    if box is None:
        return (0,) * (SIDE // BLOCK) ** 2
    mark = mark.crop(box)
    scale = SIDE / max(mark.size)
    size = (max(1, round(mark.width * scale)), max(1, round(mark.height * scale)))
    mark = mark.convert("L").resize(size, Image.BILINEAR).point(lambda v: 255 if v >= 96 else 0)
    square = Image.new("L", (SIDE, SIDE), 0)
    square.paste(mark, ((SIDE - mark.width) // 2, (SIDE - mark.height) // 2))
    pixels = square.filter(ImageFilter.MaxFilter(PEN)).load()
    blocks = range(0, SIDE, BLOCK)
    return tuple(
        sum(1 for y in range(top, top + BLOCK) for x in range(left, left + BLOCK) if pixels[x, y])
        for top in blocks
        for left in blocks
    )


def recognise_digit(mark: Image.Image) -> str | None:
    """The digit a mark (ink white on black) shows, or None when its nearest samples disagree
    or it is unlike every sample."""
    wanted = features(mark)
    nearest = sorted(
        (sum((a - b) ** 2 for a, b in zip(wanted, sample, strict=True)), digit)
        for sample, digit in _samples()
    )[:NEIGHBOURS]
    if nearest[0][0] > FARTHEST:
        return None
    digit, votes = Counter(digit for _, digit in nearest).most_common(1)[0]
    return digit if votes >= AGREEING else None
