"""Build a benchmark corpus by recombining the real documents in corpus/, reproducibly from a seed.

Every figure of the scale benchmark must be measured on text that looks like the archive it
stands for, so each generated document is a real document's body under a new header: the
header (issuer, number, date, type, subject, urgency, recipients, signature) follows the layout
of Nghị định 30/2020/NĐ-CP with values drawn from the seeds and from the list of provinces; the
body is a window of real paragraphs from one seed, some swapped for paragraphs of the others,
with the figures of its statistics rescaled, and sometimes a statistics table (one line a row,
cells separated by tabs, as the readers turn a Word table into text) or a citation of an earlier
generated document, so that the linker has work to do.  Sizes follow the seeds.

Document ``i`` depends only on ``(seed, i)``, so the corpus is written one document at a time
(memory stays flat at any count) and the same seed gives a byte-identical corpus.  It is
benchmark material, never a quality test.

    .venv/bin/python bench/make_corpus.py --count 10000 [--seed 1] [--out /tmp/vanban-bench/corpus-10000]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extract.header import extract_header
from ingest.files import expand_paths
from ingest.normalize import fold, normalize_text
from ingest.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpus"
PLACES = ROOT / "extract" / "data" / "agencies_places.json"
DEFAULT_ROOT = Path("/tmp/vanban-bench")

# Share of documents written as Markdown (heading marks, a pipe table) rather than plain text.
MARKDOWN_SHARE = 0.03
# Chances, per document, of a citation of an earlier document, a statistics table, an urgency
# mark, a number left blank (a draft taken before registration), a legal-normative number.
CITATION_SHARE = 0.35
TABLE_SHARE = 0.2
URGENCY_SHARE = 0.06
BLANK_NUMBER_SHARE = 0.02
NORMATIVE_SHARE = 0.15
# A body is a window of the donor seed's paragraphs, this fraction of its length ...
BODY_SCALE = (0.3, 1.2)
# ... in which each paragraph may come from another seed instead.
FOREIGN_PARAGRAPH_SHARE = 0.15
YEARS = range(2019, 2024)

# Document types (Phụ lục III) with their weight in an archive and their code in numbers.
TYPES = (
    ("công văn", None, 30),
    ("quyết định", "QĐ", 18),
    ("kế hoạch", "KH", 10),
    ("báo cáo", "BC", 10),
    ("thông báo", "TB", 8),
    ("nghị quyết", "NQ", 4),
    ("hướng dẫn", "HD", 4),
    ("tờ trình", "TTr", 4),
    ("chỉ thị", "CT", 3),
    ("công điện", "CĐ", 3),
    ("chương trình", "CTr", 2),
    ("giấy mời", "GM", 2),
)
NORMATIVE_TYPES = {"quyết định", "nghị quyết", "chỉ thị"}

# Issuing bodies: ``{P}`` is the province as a header writes it (TỈNH CÀ MAU), ``{p}`` as running
# text does (tỉnh Cà Mau), ``{D}``/``{d}`` one of its districts.  ``units`` are the drafting
# units a công văn number ends with; ``signs`` the signature lines above the name.
ISSUERS = (
    {
        "weight": 30,
        "parent": None,
        "name": "ỦY BAN NHÂN DÂN\n{P}",
        "prose": "Ủy ban nhân dân {p}",
        "code": "UBND",
        "units": ("KGVX", "VX", "KT", "NC", "TH", "XD"),
        "signs": (
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        ),
    },
    {
        "weight": 14,
        "parent": None,
        "name": "ỦY BAN NHÂN DÂN\n{D}",
        "prose": "Ủy ban nhân dân {d}",
        "code": "UBND",
        "units": ("VP", "YT", "VHTT", "TCKH"),
        "signs": ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"),
    },
    {
        "weight": 10,
        "parent": "UBND {P}",
        "name": "SỞ Y TẾ",
        "prose": "Sở Y tế {p}",
        "code": "SYT",
        "units": ("NVY", "KHTC", "VP", "NVD"),
        "signs": ("GIÁM ĐỐC", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"),
    },
    {
        "weight": 6,
        "parent": "UBND {P}",
        "name": "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "prose": "Sở Giáo dục và Đào tạo {p}",
        "code": "SGDĐT",
        "units": ("GDTrH", "GDTH", "VP"),
        "signs": ("GIÁM ĐỐC", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"),
    },
    {
        "weight": 5,
        "parent": "UBND {P}",
        "name": "SỞ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI",
        "prose": "Sở Lao động - Thương binh và Xã hội {p}",
        "code": "SLĐTBXH",
        "units": ("LĐVL", "BTXH", "VP"),
        "signs": ("GIÁM ĐỐC", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"),
    },
    {
        "weight": 6,
        "parent": "UBND {P}",
        "name": "BAN CHỈ ĐẠO PHÒNG, CHỐNG\nDỊCH COVID-19",
        "prose": "Ban Chỉ đạo phòng, chống dịch COVID-19 {p}",
        "code": "BCĐ",
        "units": ("VP", "YT"),
        "signs": ("TRƯỞNG BAN", "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN"),
    },
    {
        "weight": 4,
        "parent": "ĐẢNG BỘ {P}",
        "name": "TỈNH ỦY {S}\n*",
        "prose": "Tỉnh ủy {s}",
        "code": "TU",
        "units": (),
        "party": True,
        "signs": ("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ", "T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG"),
    },
    {
        "weight": 4,
        "parent": None,
        "name": "THỦ TƯỚNG CHÍNH PHỦ",
        "prose": "Thủ tướng Chính phủ",
        "code": "TTg",
        "units": ("KGVX", "KTTH", "QHQT"),
        "central": True,
        "signs": ("THỦ TƯỚNG", "KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG"),
    },
    {
        "weight": 3,
        "parent": None,
        "name": "CHÍNH PHỦ",
        "prose": "Chính phủ",
        "code": "CP",
        "units": ("KGVX", "KTTH"),
        "central": True,
        "signs": ("TM. CHÍNH PHỦ\nTHỦ TƯỚNG",),
    },
    {
        "weight": 4,
        "parent": None,
        "name": "BỘ Y TẾ",
        "prose": "Bộ Y tế",
        "code": "BYT",
        "units": ("DP", "KCB", "KH-TC"),
        "central": True,
        "signs": ("BỘ TRƯỞNG", "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG"),
    },
    {
        "weight": 3,
        "parent": "BỘ TÀI CHÍNH",
        "name": "TỔNG CỤC THUẾ",
        "prose": "Tổng cục Thuế",
        "code": "TCT",
        "units": ("QLN", "CS", "DNL"),
        "central": True,
        "signs": ("KT. TỔNG CỤC TRƯỞNG\nPHÓ TỔNG CỤC TRƯỞNG",),
    },
    {
        "weight": 2,
        "parent": None,
        "name": "VĂN PHÒNG CHÍNH PHỦ",
        "prose": "Văn phòng Chính phủ",
        "code": "VPCP",
        "units": ("QHQT", "KGVX", "V.I"),
        "central": True,
        "signs": ("KT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM",),
    },
)

# Columns of a statistics table, and the magnitude of their figures.
TABLE_COLUMNS = (
    ("Số ca mắc", 5000),
    ("Số ca khỏi bệnh", 4000),
    ("Số mũi vắc xin đã tiêm", 200000),
    ("Số hộ được hỗ trợ", 3000),
    ("Kinh phí hỗ trợ (triệu đồng)", 9000),
    ("Số doanh nghiệp được gia hạn", 800),
    ("Số lao động bị ảnh hưởng", 12000),
)
RECIPIENT_LEADS = ("Sở, ban, ngành {p};", "Ủy ban nhân dân {d};", "Trung tâm Y tế {d};")

# A body starts at a line that opens with one of these words, or at the first long line.
_BODY_OPENERS = re.compile(r"^(Căn cứ|Thực hiện|Theo|Trước|Ngày|Để|Nhằm|Trong|Tại|Từ)\b")
_BODY_MIN_LINE = 100
# A new paragraph starts at a blank line or at a line opening with a section or list marker.
_PARAGRAPH_START = re.compile(
    r"^(\d+(\.\d+)*\.\s|[IVX]+\.\s|[a-zđ]\)\s|[-+•]\s|Điều \d+|Chương [IVX\d]+|Căn cứ|Mục \d+)"
)
_TAIL = re.compile(r"^(Nơi nhận|KT\.|TM\.|T/M|TL\.|T/L)", re.MULTILINE)
_SEED_NOISE = ("--- PAGE BREAK ---",)
# A figure in running text: not part of a date or a document number (no slash or dash beside
# it), not a year, not a heading or article number.
_FIGURE = re.compile(r"(?<![\w/.,-])(\d{1,3}(?:\.\d{3})+|\d{2,})(?![\w/-]|[.,]\d)")
_NOT_SCALED_AFTER = re.compile(
    r"(ngày|tháng|năm|Điều|khoản|điểm|Chương|Mục|số|Khóa|lần thứ)\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class Seed:
    name: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Province:
    name: str  # "Tỉnh Cà Mau"
    short: str  # "Cà Mau"
    districts: tuple[str, ...]


@dataclass(frozen=True)
class Material:
    """What the seeds and the list of provinces offer; read once, a few hundred kilobytes."""

    seeds: tuple[Seed, ...]
    subjects: tuple[str, ...]
    surnames: tuple[str, ...]
    middle_names: tuple[str, ...]
    given_names: tuple[str, ...]
    provinces: tuple[Province, ...]


@dataclass(frozen=True)
class Plan:
    """The header of generated document ``index``: a pure function of ``(seed, index)``."""

    index: int
    doc_type: str
    type_code: str | None
    issuer: dict
    province: Province
    district: str
    number: str  # as the header writes it; blank digits for a draft
    day: int
    month: int
    year: int
    subject: str
    signer: str


def _lines_to_paragraphs(lines: list[str]) -> list[str]:
    paragraphs: list[list[str]] = []
    for line in lines:
        if not line.strip() or line.strip() in _SEED_NOISE:
            paragraphs.append([])
        elif not paragraphs or _PARAGRAPH_START.match(line.strip()):
            paragraphs.append([line.rstrip()])
        else:
            paragraphs[-1].append(line.rstrip())
    return ["\n".join(p) for p in paragraphs if p]


def body_of(text: str) -> list[str]:
    """The body paragraphs of a seed: from its first body line to its signature block."""
    header = extract_header(text)
    if header.signer and header.signer.start > len(text) // 2:
        text = text[: header.signer.start]
    tail = [m.start() for m in _TAIL.finditer(text) if m.start() > len(text) // 2]
    if tail:
        text = text[: tail[0]]
    lines = text.split("\n")
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if _BODY_OPENERS.match(line.strip())
            or (len(line) >= _BODY_MIN_LINE and not line.lstrip().startswith("Kính gửi"))
        ),
        0,
    )
    return _lines_to_paragraphs(lines[start:])


def _name_parts(name: str) -> list[str]:
    return [part for part in name.split() if part[:1].isupper()]


@cache
def load_material(seeds_folder: Path = SEEDS) -> Material:
    seeds, subjects, names = [], [], []
    for path in sorted(p for p in expand_paths([seeds_folder]) if isinstance(p, Path)):
        text = normalize_text(read_document(path).text)
        header = extract_header(text)
        paragraphs = body_of(text)
        if len(paragraphs) >= 3:
            seeds.append(Seed(path.name, tuple(paragraphs)))
        if header.subject:
            subjects.append(re.sub(r"^(V/v|Về việc|Về)\s+", "", header.subject.replace("\n", " ")))
        if header.signer and header.signer.name and len(_name_parts(header.signer.name)) >= 3:
            names.append(_name_parts(header.signer.name))
    if not seeds:
        raise SystemExit(f"error: no seed document with a body under {seeds_folder}")
    places = json.loads(PLACES.read_text(encoding="utf-8"))["provinces"]
    return Material(
        seeds=tuple(seeds),
        subjects=tuple(dict.fromkeys(subjects)),
        surnames=tuple(sorted({parts[0] for parts in names})),
        middle_names=tuple(sorted({" ".join(parts[1:-1]) for parts in names})),
        given_names=tuple(sorted({parts[-1] for parts in names})),
        provinces=tuple(
            Province(p["name"], p["short"], tuple(p["districts"])) for p in places if p["districts"]
        ),
    )


def _weighted(rng: random.Random, items, weight) -> object:
    return rng.choices(items, weights=[weight(item) for item in items])[0]


def plan(material: Material, seed: int, index: int) -> Plan:
    """The header of document ``index``; its own random stream, so a citing document can
    recompute it without keeping it."""
    rng = random.Random(f"{seed}/header/{index}")
    doc_type, type_code, _ = _weighted(rng, TYPES, lambda t: t[2])
    issuer = _weighted(rng, ISSUERS, lambda i: i["weight"])
    if issuer.get("party") and type_code is None:
        type_code = "CV"
    province = rng.choice(material.provinces)
    district = rng.choice(province.districts)
    year = rng.choice(YEARS)
    digits = str(rng.randint(1, rng.choice((99, 999, 4999))))
    if rng.random() < BLANK_NUMBER_SHARE:
        digits = "     "
    if issuer.get("party"):
        number = f"{digits}-{type_code}/{issuer['code']}"
    elif type_code is None:
        number = f"{digits}/{issuer['code']}-{rng.choice(issuer['units'])}"
    elif doc_type in NORMATIVE_TYPES and rng.random() < NORMATIVE_SHARE:
        number = f"{digits}/{year}/{type_code}-{issuer['code']}"
    else:
        number = f"{digits}/{type_code}-{issuer['code']}"
    subject = rng.choice(material.subjects)
    if rng.random() < 0.5 and not re.search(r"địa bàn|tỉnh|thành phố", subject, re.IGNORECASE):
        subject = f"{subject} {rng.choice(('trên địa bàn', 'tại'))} {_prose_place(province)}"
    signer = " ".join(
        (
            rng.choice(material.surnames),
            rng.choice(material.middle_names),
            rng.choice(material.given_names),
        )
    )
    return Plan(
        index=index,
        doc_type=doc_type,
        type_code=type_code,
        issuer=issuer,
        province=province,
        district=district,
        number=number,
        day=rng.randint(1, 28),
        month=rng.randint(1, 12),
        year=year,
        subject=subject,
        signer=signer,
    )


def _prose_place(province: Province) -> str:
    kind, _, _ = province.name.partition(" " + province.short)
    return f"{kind.lower()} {province.short}"


def _fill(template: str, plan_: Plan) -> str:
    district_kind, _, district_name = plan_.district.partition(" ")
    return template.format(
        P=plan_.province.name.upper(),
        p=_prose_place(plan_.province),
        S=plan_.province.short.upper(),
        s=plan_.province.short,
        D=plan_.district.upper(),
        d=f"{district_kind.lower()} {district_name}",
    )


def issuer_prose(plan_: Plan) -> str:
    return _fill(plan_.issuer["prose"], plan_)


def place_of(plan_: Plan) -> str:
    return "Hà Nội" if plan_.issuer.get("central") else plan_.province.short


def _date_line(plan_: Plan, rng: random.Random) -> str:
    day = f"{plan_.day:02d}" if rng.random() < 0.5 else str(plan_.day)
    month = f"{plan_.month:02d}" if plan_.month < 3 or rng.random() < 0.3 else str(plan_.month)
    return f"{place_of(plan_)}, ngày {day} tháng {month} năm {plan_.year}"


def header_text(plan_: Plan, rng: random.Random, markdown: bool) -> str:
    """The header block, its two columns flattened one way or the other, as text extraction
    leaves them."""
    left = [_fill(plan_.issuer["parent"], plan_)] if plan_.issuer["parent"] else []
    left += _fill(plan_.issuer["name"], plan_).split("\n")
    right = [
        "ĐẢNG CỘNG SẢN VIỆT NAM"
        if plan_.issuer.get("party")
        else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ]
    if not plan_.issuer.get("party"):
        right.append("Độc lập - Tự do - Hạnh phúc")
    number = f"Số: {plan_.number}"
    date = _date_line(plan_, rng)
    if rng.random() < 0.5:  # columns side by side, one line each
        gap = rng.choice(("    ", "\t", "  "))
        lines = [f"{a}{gap}{b}".strip() for a, b in _zip_longest(left, right)]
        lines.append(f"{number}{gap}{date}")
    else:  # left column, then right column
        lines = [*left, number, *right, date]
    if plan_.type_code is None or plan_.type_code == "CV":
        lines.insert(
            lines.index(number) + 1 if number in lines else len(lines), f"V/v {plan_.subject}"
        )
    if rng.random() < URGENCY_SHARE:
        lines.append(rng.choice(("KHẨN", "HỎA TỐC", "THƯỢNG KHẨN")))
    lines.append("")
    if plan_.type_code not in (None, "CV"):
        heading = plan_.doc_type.upper()
        lines += [f"# {heading}" if markdown else heading]
        lines += [f"{rng.choice(('Về việc', 'Về', ''))} {plan_.subject}".strip(), ""]
    if plan_.doc_type in ("công văn", "tờ trình", "báo cáo") and rng.random() < 0.7:
        count = rng.randint(1, 4)
        leads = [_fill(rng.choice(RECIPIENT_LEADS), plan_) for _ in range(count)]
        lines += ["Kính gửi:"] + [f"- {lead}" for lead in dict.fromkeys(leads)] + [""]
    return "\n".join(lines)


def _zip_longest(left: list[str], right: list[str]) -> Iterator[tuple[str, str]]:
    for i in range(max(len(left), len(right))):
        yield (left[i] if i < len(left) else "", right[i] if i < len(right) else "")


def _rescale(paragraph: str, factor: float) -> str:
    """Figures scaled by ``factor``, written back with the same thousands dots."""

    def scaled(match: re.Match[str]) -> str:
        if _NOT_SCALED_AFTER.search(paragraph[max(0, match.start() - 12) : match.start()]):
            return match.group(0)
        raw = match.group(0)
        value = int(raw.replace(".", ""))
        if 1900 <= value <= 2100 and "." not in raw:
            return raw  # a year
        new = max(1, round(value * factor))
        return f"{new:,}".replace(",", ".") if "." in raw else str(new)

    return _FIGURE.sub(scaled, paragraph)


def table_text(plan_: Plan, rng: random.Random, markdown: bool) -> str:
    """A statistics table over the districts of the issuer's province."""
    columns = rng.sample(TABLE_COLUMNS, rng.randint(2, 4))
    districts = rng.sample(
        plan_.province.districts, min(len(plan_.province.districts), rng.randint(3, 9))
    )
    heads = ["TT", "Đơn vị", *(name for name, _ in columns)]
    rows = [
        [
            str(i),
            district,
            *(f"{rng.randint(0, scale):,}".replace(",", ".") for _, scale in columns),
        ]
        for i, district in enumerate(districts, 1)
    ]
    if markdown:
        lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
    else:
        lines = ["\t".join(heads)] + ["\t".join(row) for row in rows]
    return "\n".join(lines)


def citation_text(cited: Plan, rng: random.Random) -> str:
    """A 'Thực hiện …' paragraph citing an earlier generated document, written as officials do."""
    number = cited.number
    if rng.random() < 0.2:
        number = number.replace("Đ", "D")  # typed without the đ, as often seen
    lead = rng.choice(("Thực hiện", "Căn cứ", "Triển khai", "Theo chỉ đạo tại"))
    return (
        f"{lead} {cited.doc_type.capitalize()} số {number} ngày {cited.day}/{cited.month}/{cited.year} "
        f"của {issuer_prose(cited)} về {cited.subject}, {rng.choice(('đề nghị', 'yêu cầu'))} các cơ quan, "
        "đơn vị triển khai thực hiện nghiêm túc các nội dung sau:"
    )


def body_text(material: Material, seed: int, index: int, plan_: Plan, markdown: bool) -> str:
    rng = random.Random(f"{seed}/body/{index}")
    donor = rng.choice(material.seeds).paragraphs
    size = max(3, round(len(donor) * rng.uniform(*BODY_SCALE)))
    start = rng.randrange(0, max(1, len(donor) - size + 1))
    factor = rng.uniform(0.5, 1.5)
    paragraphs = []
    for paragraph in donor[start : start + size]:
        if rng.random() < FOREIGN_PARAGRAPH_SHARE:
            paragraph = rng.choice(rng.choice(material.seeds).paragraphs)
        paragraphs.append(_rescale(paragraph, factor))
    if index > 0 and rng.random() < CITATION_SHARE:
        paragraphs.insert(0, citation_text(plan(material, seed, rng.randrange(index)), rng))
    if rng.random() < TABLE_SHARE:
        paragraphs.insert(rng.randint(1, len(paragraphs)), table_text(plan_, rng, markdown))
    return "\n\n".join(paragraphs)


def signature_text(plan_: Plan, rng: random.Random) -> str:
    unit = rng.choice(plan_.issuer["units"]) if plan_.issuer["units"] else "VPTU"
    return "\n".join(
        (
            "Nơi nhận:",
            "- Như trên;",
            f"- {rng.choice(('Thường trực HĐND', 'Chủ tịch, các PCT UBND', 'Ban Thường vụ'))} {_prose_place(plan_.province)};",
            f"- Lưu: VT, {unit}.",
            "",
            rng.choice(plan_.issuer["signs"]),
            "",
            "",
            plan_.signer,
        )
    )


def document(material: Material, seed: int, index: int) -> tuple[Path, str]:
    """Document ``index``: its path relative to the corpus folder and its text."""
    plan_ = plan(material, seed, index)
    rng = random.Random(f"{seed}/layout/{index}")
    markdown = rng.random() < MARKDOWN_SHARE
    text = "\n".join(
        (
            header_text(plan_, rng, markdown),
            body_text(material, seed, index, plan_, markdown),
            "",
            signature_text(plan_, rng),
            "",
        )
    )
    slug = re.sub(r"[^a-z0-9]+", "-", fold(issuer_prose(plan_))).strip("-")
    code = fold(plan_.type_code or "cv")
    path = Path(str(plan_.year), slug, f"{code}_{index:06d}{'.md' if markdown else '.txt'}")
    return path, text


def write_corpus(out: Path, count: int, seed: int, material: Material | None = None) -> int:
    """Write ``count`` documents under ``out`` (which must be empty); returns bytes written."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"error: {out} is not empty; choose another --out or remove it")
    material = material or load_material()
    written = 0
    for index in range(count):
        relative, text = document(material, seed, index)
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        written += len(data)
    return written


def default_out(count: int, seed: int) -> Path:
    return DEFAULT_ROOT / f"corpus-{count}-seed{seed}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="default: /tmp/vanban-bench/corpus-COUNT-seedSEED")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    out = args.out or default_out(args.count, args.seed)
    written = write_corpus(out, args.count, args.seed)
    print(f"{args.count} documents, {written:,} bytes under {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
