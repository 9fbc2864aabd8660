"""Citations read from real wording: the seeds, the OCR'd documents of corpus/ and the conventions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import extract_all
from extract.citations import clean_number, extract_citations, fold_number, number_parts
from extract.evaluate import Report, score_document
from extract.model import Header
from ingest.normalize import normalize_text

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
GOLD = REPO.parent / "shared" / "gold"


def cite(text: str, header: Header | None = None) -> list[tuple]:
    found = extract_citations(normalize_text(text), header or Header())
    return [(c.number, c.type, c.date, c.issuer) for c in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Full form: type, số, number, date, issuer, subject (seed 002).
        (
            "Thực hiện Công điện số 1102/CĐ-TTg ngày 23/8/2021 của Thủ tướng Chính phủ về tăng cường",
            [("1102/CĐ-TTg", "công điện", "2021-08-23", "Thủ tướng Chính phủ")],
        ),
        # No "số"; a number with its year (seed 003).
        (
            "theo quy định tại Nghị quyết 42/NQ-CP ngày 09/4/2020 của Chính phủ, Quyết định 15/2020/QĐ-TTg của Thủ tướng Chính phủ, đến",
            [
                ("42/NQ-CP", "nghị quyết", "2020-04-09", "Chính phủ"),
                ("15/2020/QĐ-TTg", "quyết định", None, "Thủ tướng Chính phủ"),
            ],
        ),
        # Party numbers; the issuer ends at the comma before the next clause (seed 002).
        (
            "Thông báo số 77-TB/TU ngày 24/8/2021 của Ban Thường vụ Tỉnh ủy về một số nhiệm vụ cấp bách và Công văn số 365-CV/TU ngày 25/8/2021 của Tỉnh ủy Cà Mau, Chủ tịch",
            [
                ("77-TB/TU", "thông báo", "2021-08-24", "Ban Thường vụ Tỉnh ủy"),
                ("365-CV/TU", "công văn", "2021-08-25", "Tỉnh ủy Cà Mau"),
            ],
        ),
        # A list sharing one type name, dates per item, one issuer after the list (nq_84).
        (
            "các Chỉ thị số: 20/CT-TTg\nngày 17 tháng 5 năm 2017, 11/CT-TTg ngày 04 tháng 3 năm 2020 của Thủ\ntướng Chính phủ, rà soát",
            [
                ("20/CT-TTg", "chỉ thị", "2017-05-17", "Thủ tướng Chính phủ"),
                ("11/CT-TTg", "chỉ thị", "2020-03-04", "Thủ tướng Chính phủ"),
            ],
        ),
        # A list without dates (seed 000).
        (
            "theo tinh thần các Chỉ thị 15/CT-TTg, 16/CT-TTg, 19/CT-TTg của Thủ tướng Chính phủ. Kết hợp",
            [
                ("15/CT-TTg", "chỉ thị", None, "Thủ tướng Chính phủ"),
                ("16/CT-TTg", "chỉ thị", None, "Thủ tướng Chính phủ"),
                ("19/CT-TTg", "chỉ thị", None, "Thủ tướng Chính phủ"),
            ],
        ),
        # The conventions' list form; "và số" continues a list (nq_84).
        (
            "các Quyết định số 1401/QĐ-UBND, 2222/QĐ-UBND",
            [
                ("1401/QĐ-UBND", "quyết định", None, None),
                ("2222/QĐ-UBND", "quyết định", None, None),
            ],
        ),
        (
            "theo các Quyết định số 2085/QĐ-TTg ngày 31 tháng 12\nnăm 2016 và số 2086/QĐ-TTg ngày 31 tháng 12 năm 2016 của Thủ tướng\nChính phủ;",
            [
                ("2085/QĐ-TTg", "quyết định", "2016-12-31", "Thủ tướng Chính phủ"),
                ("2086/QĐ-TTg", "quyết định", "2016-12-31", "Thủ tướng Chính phủ"),
            ],
        ),
        # A comma inside a body's name ("phòng, chống"), date after a comma (seed 001).
        (
            "(theo Quyết định số 48/QĐ-BCĐ, ngày 24/7/2021 của Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh).",
            [
                (
                    "48/QĐ-BCĐ",
                    "quyết định",
                    "2021-07-24",
                    "Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh",
                )
            ],
        ),
        # The type from the number's code when the text names none ("văn bản"); issuer after.
        (
            "tại văn bản số 1789-CV/VPTW\nngày 11 tháng 9 năm 2021 và văn bản số 1911-CV/VPTW ngày 23 tháng 9 năm\n2021 của Văn phòng Trung ương Đảng;",
            [
                ("1789-CV/VPTW", "công văn", "2021-09-11", "Văn phòng Trung ương Đảng"),
                ("1911-CV/VPTW", "công văn", "2021-09-23", "Văn phòng Trung ương Đảng"),
            ],
        ),
        # A công văn number has no type code; the text names the type (seed 003).
        (
            "Thực hiện Công văn số 3851/UBND-VX, ngày 19/11/2021 của Ủy ban nhân dân tỉnh Lai Châu về việc báo cáo",
            [("3851/UBND-VX", "công văn", "2021-11-19", "Ủy ban nhân dân tỉnh Lai Châu")],
        ),
        # The issuer named before: "chỉ đạo của … tại Chỉ thị số …" (ct_11), OCR "so".
        (
            "chỉ đạo của Thủ tướng\nChính phủ tại Chỉ thị số 05/CT-TTg ngày 28 tháng 01 năm 2020, Chỉ thị so 10/CT-TTg ngày 25 tháng\n02 năm 2020 và các công điện",
            [
                ("05/CT-TTg", "chỉ thị", "2020-01-28", "Thủ tướng Chính phủ"),
                ("10/CT-TTg", "chỉ thị", "2020-02-25", "Thủ tướng Chính phủ"),
            ],
        ),
        # The issuer as the subject of "đã ban hành" / "đã kiện toàn" (seed 000).
        (
            "Tỉnh ủy đã kiện toàn Ban Chỉ đạo phòng, chống dịch COVID-19 lần thứ 2 do đồng chí Bí thư Tỉnh ủy làm Trưởng ban (Quyết định số 215-QĐ/TU ngày 15/8/2021) với",
            [("215-QĐ/TU", "quyết định", "2021-08-15", "Tỉnh ủy")],
        ),
        # …whose name a PDF may wrap onto the next line.
        (
            "Trước diễn biến của dịch, Ủy ban nhân\ndân huyện đã kiện toàn Ban Chỉ đạo\n"
            "(Quyết định số 77/QĐ-UBND ngày 2/8/2021).",
            [("77/QĐ-UBND", "quyết định", "2021-08-02", "Ủy ban nhân dân huyện")],
        ),
        # …but not the body that merely acts on a rule ("đã chỉ đạo … theo Nghị định", seed 003).
        (
            "UBND huyện đã chỉ đạo các cơ quan, ban ngành kiểm tra, rà soát và thực hiện nghiêm công tác phòng, chống dịch theo Nghị định 117/NĐ-CP, kết quả",
            [("117/NĐ-CP", "nghị định", None, None)],
        ),
        # Typing and OCR variants: CD for CĐ, a space after the dash, "I5" for "15", a split year.
        ("kèm theo Công điện số 1102/CD-TTg", [("1102/CD-TTg", "công điện", None, None)]),
        (
            "Căn cứ Điều 2, Điều 3 Nghị định số 41/2020/NĐ- CP ngày 08/4/2020 của\nChính phủ về việc gia hạn",
            [("41/2020/NĐ-CP", "nghị định", "2020-04-08", "Chính phủ")],
        ),
        (
            "Căn cứ Nghị quyết số 03/2021/UBTVQHI5 ngày 24 tháng 9 năm 2021\ncủa Ủy ban Thường vụ Quốc hội về ban hành",
            [("03/2021/UBTVQH15", "nghị quyết", "2021-09-24", "Ủy ban Thường vụ Quốc hội")],
        ),
        (
            "Căn cứ Nghị quyết số 03/202 1/UBTVQH15 ngày 24 tháng 9 năm 2021",
            [("03/2021/UBTVQH15", "nghị quyết", "2021-09-24", None)],
        ),
        (
            "nghiêm Chi thị sô 20/CT-TTg ngày 17 tháng 5 năm 2017 của Thủ tướng Chính\nphủ về",
            [("20/CT-TTg", "chỉ thị", "2017-05-17", "Thủ tướng Chính phủ")],
        ),
        # A law: its name between the type and "số" (cv_cthp, cv_18037).
        (
            "Căn cứ Điểm a Khoản 1 Điều 12 Luật Kế toán số 88/2015/QH13 ngày",
            [("88/2015/QH13", "luật", None, None)],
        ),
        (
            "- Căn cứ Luật Quản lý thuế số 38/2019/QH14 ngày 13/6/2019 của Quốc\nhội.",
            [("38/2019/QH14", "luật", "2019-06-13", "Quốc hội")],
        ),
        # Abbreviated type names (cv_18037 subject line).
        (
            "V/v gia hạn nộp thuế TNDN theo ND 52/2021/NĐ-CP",
            [("52/2021/NĐ-CP", "nghị định", None, None)],
        ),
        # "đề ngày" between number and date (cv_cthp).
        (
            "nhận được công văn số\n04/2020/KT-TBHP để ngày 15/4/2020 của Công ty TNHH Toyota Boshoku Hải\nPhòng, dé nghị",
            [
                (
                    "04/2020/KT-TBHP",
                    "công văn",
                    "2020-04-15",
                    "Công ty TNHH Toyota Boshoku Hải Phòng",
                )
            ],
        ),
        # A citation nested in the subject of another.
        (
            "Kế hoạch số 12/KH-UBND ngày 05/01/2022 của Ủy ban nhân dân tỉnh thực hiện Nghị quyết số 128/NQ-CP",
            [
                ("12/KH-UBND", "kế hoạch", "2022-01-05", "Ủy ban nhân dân tỉnh"),
                ("128/NQ-CP", "nghị quyết", None, None),
            ],
        ),
        (
            "Kết luận số 14-KL/TU của Ban Thường vụ Tỉnh ủy",
            [("14-KL/TU", "kết luận", None, "Ban Thường vụ Tỉnh ủy")],
        ),
        # Two units sharing one code with "&".
        (
            "Thực hiện Công văn số\n2210/BVHTT-PTTH&TTĐT của Bộ Văn hóa về việc",
            [("2210/BVHTT-PTTH&TTĐT", "công văn", None, "Bộ Văn hóa")],
        ),
        # A dot between the codes of an older number.
        (
            "thay thế Quyết định số 07/2001/QĐ.UB ngày 02/3/2001 của Ủy ban nhân\ndân tỉnh Bến Tre về",
            [("07/2001/QĐ.UB", "quyết định", "2001-03-02", "Ủy ban nhân dân tỉnh Bến Tre")],
        ),
        (
            "thay thế Quyết định số 245/QĐ/UB ngày 3/4/1998 của UBND tỉnh",
            [("245/QĐ/UB", "quyết định", "1998-04-03", "UBND tỉnh")],
        ),
        # A letter after the serial of a number inserted in a series; hyphen lost in PDF text.
        (
            "Căn cứ Nghị quyết số 12b/NQCP ngày 05 tháng 3 năm 2015 của Chính phủ ban hành",
            [("12b/NQCP", "nghị quyết", "2015-03-05", "Chính phủ")],
        ),
        # Party numbers with Ư in the issuer code; en dash; spaces around the slash.
        (
            "Thực hiện Nghị quyết số 21–NQ/TƯ ngày 16/6/2022 và Chỉ thị số 08 / CT-TTg",
            [("21-NQ/TƯ", "nghị quyết", "2022-06-16", None), ("08/CT-TTg", "chỉ thị", None, None)],
        ),
        # A party list sharing its type and the issuer after it.
        (
            "theo các Công văn số 412-CV/HU, 415-CV/HU của Ban Thường vụ Huyện ủy về",
            [
                ("412-CV/HU", "công văn", None, "Ban Thường vụ Huyện ủy"),
                ("415-CV/HU", "công văn", None, "Ban Thường vụ Huyện ủy"),
            ],
        ),
        # The issuer ends before the subject mark "V/v" and before capitalised stops.
        (
            "nhận được Công văn số 315/UBND-VX ngày 04/5/2012 của UBND tỉnh Bình Định V/v tham gia",
            [("315/UBND-VX", "công văn", "2012-05-04", "UBND tỉnh Bình Định")],
        ),
        (
            "THEO THÔNG TƯ SỐ 05/2023/TT-BYT NGÀY 10 THÁNG 3 NĂM 2023 CỦA BỘ TRƯỞNG BỘ Y TẾ QUY ĐỊNH VỀ",
            [("05/2023/TT-BYT", "thông tư", "2023-03-10", "BỘ TRƯỞNG BỘ Y TẾ")],
        ),
        (
            "theo Quyết định số 18/QĐ-UBND của UBND huyện Điều 2. Chánh Văn phòng",
            [("18/QĐ-UBND", "quyết định", None, "UBND huyện")],
        ),
        # "Ban chỉ đạo" in lower case is a body's name; a verb after the issuer ends it.
        (
            "theo Quyết định số 51/QĐ-BCĐ ngày 2/8/2021 của Ban chỉ đạo phòng, chống dịch tỉnh về việc",
            [("51/QĐ-BCĐ", "quyết định", "2021-08-02", "Ban chỉ đạo phòng, chống dịch tỉnh")],
        ),
        (
            "Thực hiện Công văn số 2345/UBND-KGVX ngày 12/5/2021 của UBND tỉnh Huyện ủy thông báo",
            [("2345/UBND-KGVX", "công văn", "2021-05-12", "UBND tỉnh Huyện ủy")],
        ),
        # "văn bản" names no kind: a number without a type code stays a văn bản.
        (
            "Ngày 12-3, UBND huyện có văn bản số 702/UBND-VP về việc",
            [("702/UBND-VP", "văn bản", None, "UBND huyện")],
        ),
        # A news item: the day its sentence opens with is the day the body issued the document.
        (
            "Ngày 05/4/2019, Chủ tịch UBND tỉnh đã ký ban hành văn bản số 1220/UBND-KT, V/v",
            [("1220/UBND-KT", "văn bản", "2019-04-05", "Chủ tịch UBND tỉnh")],
        ),
        # The eth of PDF fonts and OCR for đ.
        (
            "Căn cứ Quyết định số 52/QÐ-UBND ngày 3/4/2020 của UBND tỉnh;",
            [("52/QĐ-UBND", "quyết định", "2020-04-03", "UBND tỉnh")],
        ),
        # A type code needs its issuer's: a dash spaced on both sides does not end it there.
        (
            "Căn cứ Quyết định số 1234/QĐ - UBND ngày 5/6/2020 của UBND tỉnh; Quyết định số "
            "15/2020/QĐ – TTg",
            [
                ("1234/QĐ-UBND", "quyết định", "2020-06-05", "UBND tỉnh"),
                ("15/2020/QĐ-TTg", "quyết định", None, None),
            ],
        ),
        # A dash at a line's end joins the code on the next line.
        (
            "tại Tờ trình số 473/TTr -\nNN&PTNT ngày 21/5/2007 và",
            [("473/TTr-NN&PTNT", "tờ trình", "2007-05-21", None)],
        ),
        # "giữa" names the bodies of a joint document; "tạiTờ trình" glued in a web copy.
        (
            "Căn cứ Thông tư liên tịch số: 24/2012/TTLT/BTC-BYT, ngày 5/3/2012 giữa Bộ Tài chính "
            "và Bộ Y tế hướng dẫn",
            [
                (
                    "24/2012/TTLT/BTC-BYT",
                    "thông tư liên tịch",
                    "2012-03-05",
                    "Bộ Tài chính và Bộ Y tế",
                )
            ],
        ),
        (
            "Theo đề nghị của Sở Công Thương tạiTờ trình số 81/TTr-SCT ngày 2/3/2016 về việc",
            [("81/TTr-SCT", "tờ trình", "2016-03-02", "Sở Công Thương")],
        ),
        # Accents that text extraction set loose of their letters, some lost (the one hook left
        # for "của" and "tỉnh" goes back on the commoner "của").
        (
            "Thưc hiên Công văn sô ́ 125/UBND-VX ngay 5/6/2010 cua UBND tinh ̉ vê viêc",
            [("125/UBND-VX", "công văn", "2010-06-05", "UBND tinh")],
        ),
        # Serials that share the code written after the last one.
        (
            "Thực hiện Chỉ thị 05, 08 và 12/CT-UBND của Chủ tịch UBND tỉnh, các",
            [
                ("05/CT-UBND", "chỉ thị", None, "Chủ tịch UBND tỉnh"),
                ("08/CT-UBND", "chỉ thị", None, "Chủ tịch UBND tỉnh"),
                ("12/CT-UBND", "chỉ thị", None, "Chủ tịch UBND tỉnh"),
            ],
        ),
        (
            "Chiều 23/11/2020, UBND huyện vừa ban hành Kế hoạch số 56/KH-UBND về triển khai",
            [("56/KH-UBND", "kế hoạch", "2020-11-23", "UBND huyện")],
        ),
        (
            "Dịch diễn biến phức tạp. Thủ tướng Chính phủ vừa ký Quyết định số 1234/QĐ-TTg phê",
            [("1234/QĐ-TTg", "quyết định", None, "Thủ tướng Chính phủ")],
        ),
        (
            "(Chinhphu.vn) - Văn phòng Chính phủ vừa có công văn 5783/VPCP-HC đề nghị UBND",
            [("5783/VPCP-HC", "công văn", None, "Văn phòng Chính phủ")],
        ),
        # …even where the page's lines were run together after its title.
        (
            "Ý kiến về đề xuất của Sở Xây dựng Ngày 12/10/2019, UBND huyện đã có văn bản số "
            "845/UBND-KT, V/v",
            [("845/UBND-KT", "văn bản", "2019-10-12", "UBND huyện")],
        ),
        # The body a signer acts for ("thay mặt", "thừa lệnh") is the issuer.
        (
            "Chiều nay ngày 26/3/2020, thay mặt Ban Thường vụ Tỉnh ủy, Phó Bí thư Thường trực "
            "Tỉnh ủy Bùi Thanh Hà đã ký Công văn số 12-CV/TU gửi",
            [("12-CV/TU", "công văn", "2020-03-26", "Ban Thường vụ Tỉnh ủy")],
        ),
        # …but a sentence's opening words are no body.
        (
            "Nhiều văn bản được ban hành. Trong đó có Quyết định số 12/QĐ-UBND ngày 3/4/2021 về",
            [("12/QĐ-UBND", "quyết định", "2021-04-03", None)],
        ),
        # …and the day a body received a document is not the day it was issued.
        (
            "Ngày 5/3/2021, Sở Y tế nhận được Công văn số 12/BYT-MT của Bộ Y tế",
            [("12/BYT-MT", "công văn", None, "Bộ Y tế")],
        ),
        # The body named before a chain of documents issued each of them.
        (
            "Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 41/TTr-STC ngày 02/3/2021 "
            "và Báo cáo số 57/BC-STC ngày 09/3/2021;",
            [
                ("41/TTr-STC", "tờ trình", "2021-03-02", "Giám đốc Sở Tài chính"),
                ("57/BC-STC", "báo cáo", "2021-03-09", "Giám đốc Sở Tài chính"),
            ],
        ),
        # The body as the subject of a verb of directing before "tại"; across a semicolon the
        # chain goes on only to numbers of the same body (UBND), not to the Bộ's circular.
        (
            "Rà soát các việc Sở Nội vụ đã hướng dẫn tại Văn bản số 210/SNV-TCBC ngày 4/5/2022, "
            "Văn bản số 233/SNV-TCBC ngày 9/5/2022; Quyết định số 8/QĐ-SNV ngày 1/6/2022; "
            "Thông tư số 3/2022/TT-BNV ngày 2/2/2022 và",
            [
                ("210/SNV-TCBC", "văn bản", "2022-05-04", "Sở Nội vụ"),
                ("233/SNV-TCBC", "văn bản", "2022-05-09", "Sở Nội vụ"),
                ("8/QĐ-SNV", "quyết định", "2022-06-01", "Sở Nội vụ"),
                ("3/2022/TT-BNV", "thông tư", "2022-02-02", None),
            ],
        ),
        # Of two bodies named before a document, the one right before "tại" issued it.
        (
            "theo Quyết định số 7/QĐ-TTg ngày 2/1/2020 của Thủ tướng Chính phủ và ý kiến của "
            "Bộ Tài chính tại Công văn số 95/BTC-NSNN ngày 6/1/2020,",
            [
                ("7/QĐ-TTg", "quyết định", "2020-01-02", "Thủ tướng Chính phủ"),
                ("95/BTC-NSNN", "công văn", "2020-01-06", "Bộ Tài chính"),
            ],
        ),
        # An unmarked "tai" in a marked name is "thiên tai", not the stop word "tại"; where
        # OCR lost every mark, "tai" still ends the name.
        (
            "Công văn số 31/PCTT ngày 2/6/2020 của Ban Chỉ huy phòng, chống thiên tai và Tìm kiếm "
            "cứu nạn huyện và các văn bản khác",
            [
                (
                    "31/PCTT",
                    "công văn",
                    "2020-06-02",
                    "Ban Chỉ huy phòng, chống thiên tai và Tìm kiếm cứu nạn huyện",
                )
            ],
        ),
        (
            "Cong van so 31/PCTT ngay 2/6/2020 cua Ban Chi huy huyen tai Hoi nghi",
            [("31/PCTT", "công văn", "2020-06-02", "Ban Chi huy huyen")],
        ),
        # A kind, "số" and a serial without its symbol: a citation by its bare number; the
        # date from the news sentence "…, ngày 18.5, <body> có …", the year from the article.
        (
            "Hà Nội, 2/6/2022 - Do mưa lớn kéo dài, ngày 1.6, Chủ tịch UBND thành phố có Công "
            "điện số 812, về việc ứng phó mưa lớn. Sở Xây dựng triển khai Kế hoạch số 44 ngày "
            "3/5/2022 của UBND thành phố.",
            [
                ("812", "công điện", "2022-06-01", "Chủ tịch UBND thành phố"),
                ("44", "kế hoạch", "2022-05-03", "UBND thành phố"),
            ],
        ),
        # …but not where the text gives the same number in full.
        (
            "Thực hiện Công điện số 812/CĐ-UBND ngày 1/6/2022 của UBND thành phố, theo Công "
            "điện số 812 về ứng phó",
            [("812/CĐ-UBND", "công điện", "2022-06-01", "UBND thành phố")],
        ),
        # A body's term is no part of its name; tone marks scrambled by a legacy font are put
        # back where the name folds to a known body's.
        (
            "quán triệt Nghị quyết số 19-NQ/TW củá Bạn Chấp hành Trúng ương Đảng khỏá XÍĨ, "
            "Nghị quyết số 7/NQ-HĐND của Hội đồng nhân dân tỉnh khóa X về",
            [
                ("19-NQ/TW", "nghị quyết", None, "Ban Chấp hành Trung ương Đảng"),
                ("7/NQ-HĐND", "nghị quyết", None, "Hội đồng nhân dân tỉnh"),
            ],
        ),
        # Bodies listed before the subject issued the document jointly; a comma before anything
        # else still ends the name.
        (
            "Quy định số 205-QĐ/TW ngày 23/9/2019 của Bộ Chính trị, Ban Bí thư về việc kiểm "
            "soát; Công văn số 12/BYT-DP ngày 2/3/2020 của Bộ Y tế, Sở Y tế đã triển khai",
            [
                ("205-QĐ/TW", "quy định", "2019-09-23", "Bộ Chính trị, Ban Bí thư"),
                ("12/BYT-DP", "công văn", "2020-03-02", "Bộ Y tế"),
            ],
        ),
        # A body named earlier in the sentence whose initials spell the number's issuer code
        # (TW for "Trung ương", KHĐT for "Kế hoạch và Đầu tư")…
        (
            "Sau khi nghe Ban Tuyên giáo Trung ương trình bày đề án (Văn bản số 95-CV/BTGTW, "
            "ngày 3/3/2024) và Sở Kế hoạch và Đầu tư góp ý (văn bản số 7/SKHĐT-TH), Ban Bí thư",
            [
                ("95-CV/BTGTW", "công văn", "2024-03-03", "Ban Tuyên giáo Trung ương"),
                ("7/SKHĐT-TH", "văn bản", None, "Sở Kế hoạch và Đầu tư"),
            ],
        ),
        # …an abbreviation written in the name spells itself.
        (
            "Theo báo cáo của Sở GD&ĐT và các huyện (văn bản số 9/SGDĐT-VP ngày 4/1/2021), tỉnh",
            [("9/SGDĐT-VP", "văn bản", "2021-01-04", "Sở GD&ĐT")],
        ),
        # …but not a mere kind of body, which names none without its place.
        (
            "Ủy ban nhân dân tỉnh đã có ý kiến (Văn bản số 88/UBND-KT) về",
            [("88/UBND-KT", "văn bản", None, None)],
        ),
        # A body opening a paragraph issued the document; a date before it without a comma is
        # no part of its name but the day it issued it; its name ends before "đã".
        (
            "Các xã đã họp.\n\nHuyện ủy vừa ban hành công văn số 31-CV/HU về việc phòng dịch.\n"
            "Ngày 2/3/2021 Sở Y tế ban hành Kế hoạch số 40/KH-SYT về tiêm chủng. "
            "BCĐ tỉnh đã khẩn trương ban hành Công điện số 5/CĐ-BCĐ ngày 4/3/2021.",
            [
                ("31-CV/HU", "công văn", None, "Huyện ủy"),
                ("40/KH-SYT", "kế hoạch", "2021-03-02", "Sở Y tế"),
                ("5/CĐ-BCĐ", "công điện", "2021-03-04", "BCĐ tỉnh"),
            ],
        ),
        # The bodies addressed stand between "của <issuer>" and "tại".
        (
            "Đó là yêu cầu của Sở Y tế đối với các bệnh viện, trung tâm y tế huyện, thị xã tại "
            "Công văn số 77/SYT-NVY ngày 3/8/2021 về",
            [("77/SYT-NVY", "công văn", "2021-08-03", "Sở Y tế")],
        ),
        # A number in brackets restates the document the body issued, whatever its subject says.
        (
            "UBND huyện vừa ban hành công văn chỉ đạo thực hiện Nghị quyết Đại hội Đảng bộ huyện "
            "(Công văn số 610/UBND-VP, ngày 2/12/2020).",
            [("610/UBND-VP", "công văn", "2020-12-02", "UBND huyện")],
        ),
        # An urgency mark between the kind and "số"; a comma inside the acting body's name
        # ("phòng, chống"); the day part "Chiều" before a short date.
        (
            "Hải Phòng, 3/10/2022 - Chiều 2/10, Ban Chỉ huy phòng, chống thiên tai thành phố "
            "đã có công điện hỏa tốc số 21 gửi các quận.",
            [("21", "công điện", "2022-10-02", "Ban Chỉ huy phòng, chống thiên tai thành phố")],
        ),
        # The subject of the verb of directing is what follows the clause's last stop word; a
        # clause with none before the verb names no body.
        (
            "Sở Y tế tập huấn cho các đơn vị về các nội dung Bộ Y tế đã hướng dẫn tại Công văn "
            "số 5/BYT-KCB. Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện các nội dung theo "
            "quy định tại Quyết định số 12/QĐ-TTg ngày 2/3/2020.",
            [
                ("5/BYT-KCB", "công văn", None, "Bộ Y tế"),
                ("12/QĐ-TTg", "quyết định", "2020-03-02", None),
            ],
        ),
        # "tại" before a compound type name ("Thông báo kết luận").
        (
            "Thực hiện ý kiến chỉ đạo của Thường trực Huyện ủy tại Thông báo kết luận số "
            "118-TB/HU ngày 9/2/2021, Phòng Y tế",
            [("118-TB/HU", "thông báo", "2021-02-09", "Thường trực Huyện ủy")],
        ),
        # A công văn's unit after a dash spaced on both sides; "và các" continues a list, whose
        # issuer after the last number is every number's.
        (
            "theo Công văn số 2468/ UBND - VX ngày 23/7/2021 và các Công văn số 2530/UBND - VX "
            "ngày 28/7/2021 của UBND thành phố. Cho phép",
            [
                ("2468/UBND-VX", "công văn", "2021-07-23", "UBND thành phố"),
                ("2530/UBND-VX", "công văn", "2021-07-28", "UBND thành phố"),
            ],
        ),
        # "do <body> ban hành / ký": the agent of an issuing verb; "do" without one is a cause.
        (
            "Thực hiện Kế hoạch số 07/KH-UBND ngày 5/3/2020 do UBND tỉnh ban hành về phòng dịch, "
            "Thông báo số 12/TB-VP do Văn phòng UBND tỉnh ký ngày 3/4/2021 và Công văn số "
            "9/SYT-NV do Covid-19 diễn biến phức tạp",
            [
                ("07/KH-UBND", "kế hoạch", "2020-03-05", "UBND tỉnh"),
                ("12/TB-VP", "thông báo", "2021-04-03", "Văn phòng UBND tỉnh"),
                ("9/SYT-NV", "công văn", None, None),
            ],
        ),
    ],
)
def test_citation_forms(text: str, expected: list[tuple]) -> None:
    assert cite(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "đạt 62/63 tỉnh, thành phố",  # a ratio
        "phân công ứng trực Chỉ huy 24/24 giờ để kịp thời tiếp nhận",  # round the clock
        "Cà Mau, ngày 25/8/2021 và ngày 25-8-2021",  # dates
        "Van bản dé nghị gia hạn nộp thuế của người nộp thuế theo mẫu số\n01/GHAN ban hành kèm theo Thông tư này;",  # a form
        "Số:416 /NQ-CP\n7 Q Hà Nội, ngày 2#tháng 9 năm 2021",  # the document's own number field
        "| CONG THONG TIN BIEN TỦ CHÍNH PHÙ 41 /CT-TTs Ha Nội, ngàyháng 3 năm 2020",  # own, OCR'd
        "tỷ lệ 4.923/5.000 người",  # figures
        "giao lô đất số 12/KDC cho hộ gia đình",  # a plot, not a document: no type, no unit
        # Serials without a symbol: not after a kind and "số", nor followed by other words.
        "Trụ sở tại nhà số 5, đường Lê Lợi; kho số 12 của công ty",
        "thực hiện Quyết định số 1 năm 2020 về giao dự toán",
        "tỷ lệ hoàn thành Kế hoạch số 2,5 lần",
        "Văn bản số 4, ngày 3/2/2021 của Sở Y tế",  # "văn bản" names no kind
    ],
)
def test_not_citations(text: str) -> None:
    assert cite(text) == []


@pytest.mark.parametrize(
    ("text", "own"),
    [
        # A flattened header: "Số :" mid-line, a hyphenated place before the date.
        (
            "Độc lập - Tự do - Hạnh phúc Số : 1530 /SNV-TCCC Phan Rang-Tháp Chàm, ngày 05 tháng 11",
            None,
        ),
        (
            "SỞ Y TẾ Độc lập - Tự do - Hạnh phúc Số: 418/SYT-NV V/v tăng cường phòng, chống",
            None,
        ),
        # A page run together into one line, the header unread: the "Số:" field names the
        # document, and so does its copy in the page title, year taken from the date after it.
        (
            "Quyết định số 872/2020/QĐ-UBND tỉnh Hậu Giang Xem thêm ỦY BAN NHÂN DÂN TỈNH HẬU "
            "GIANG Số: 872/QĐUBND CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Hậu Giang, ngày 5 tháng 3 năm "
            "2020 QUYẾT ĐỊNH",
            None,
        ),
        # The header's number without its hyphen, repeated with its year in a page title.
        ("Quyết định số 872/2020/QĐ-UBND tỉnh Hậu Giang\nSố: 872/QĐUBND", "872/QĐUBND"),
    ],
)
def test_own_number_in_damaged_headers(text: str, own: str | None) -> None:
    assert cite(text, Header(number=own, year=2020 if own else None)) == []


def test_annex_caption_names_the_document_itself() -> None:
    """The caption under a plan issued by a quyết định, with an OCR-spoilt number."""
    text = (
        "KẾ HOẠCH\nPhòng, chống thiên tai năm 2026\n"
        "(Kèm theo Quyết định số #12/QĐ-UB, ngày 2 tháng 4 năm 2026 của UBND tỉnh)\n"
        "Căn cứ Quyết định số 45/QĐ-UBND ngày 3/1/2026 của UBND tỉnh"
    )
    header = Header(doc_type="quyết định", number=None)
    assert [c[0] for c in cite(text, header)] == ["45/QĐ-UBND"]
    assert [c[0] for c in cite(text, Header(doc_type="kế hoạch"))] == ["12/QĐ-UB", "45/QĐ-UBND"]
    amending = "Sửa đổi Điều 3 Quy định (ban hành kèm theo Quyết định số 05/2015/QĐ-UBND)"
    assert [c[0] for c in cite(amending, header)] == ["05/2015/QĐ-UBND"]


def test_a_typed_number_is_never_taken_for_the_own_field() -> None:
    text = "Căn cứ Quyết định\nSố 12/QĐ-UBND ngày 2/3/2021; thực hiện Quyết định số 12/QĐ-UBND"
    assert [c[0] for c in cite(text)] == ["12/QĐ-UBND"]


def test_own_number_cut_short_by_ocr_is_not_a_citation() -> None:
    text = "Kết luận số 97-KL/TƯ của Ban Thường vụ về Nghị quyết số 13-NQ/TƯ"
    assert [c[0] for c in cite(text, Header(number="97-KL/T", year=2022))] == ["13-NQ/TƯ"]


def test_own_number_is_not_a_citation() -> None:
    text = "HỖ TRỢ THEO QUYẾT ĐỊNH SO 28/2021/QD- -TTg và Thực hiện Nghị quyết số 116/NQ-CP"
    header = Header(number="28/2021/QĐ-TTg")
    assert [c[0] for c in cite(text, header)] == ["116/NQ-CP"]


def test_number_in_a_portal_title_is_the_documents_own() -> None:
    """A page that gives a document without its page 1 names it in its first line: the header
    reads that number as the document's, and the citations leave it out."""
    text = normalize_text(
        "THÔNG BÁO 45-TB/TW CỦA BAN BÍ THƯ VỀ CÔNG TÁC PHÒNG, CHỐNG DỊCH\n"
        "Ngày 3/4/2024, thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị, "
        "Ban Bí thư kết luận như sau:\n"
    )
    extraction = extract_all(text)
    assert extraction.header.number == "45-TB/TW"
    assert [(c.number, c.issuer) for c in extraction.citations] == [("05-CT/TW", "Bộ Chính trị")]


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("Căn cứ Nghị định số 138/2016/NĐ-CP ngày 01 tháng 10 năm 2016 của Chính phủ", "căn cứ"),
        ("Thực hiện Nghị quyết số 116/NQ-CP ngày 24 tháng 9 năm 2021 của Chính phủ", "thực hiện"),
        ("V/v triển khai Công điện số\n1102/CĐ-TTg ngày 23/8/2021", "thực hiện"),
        (
            "các giải pháp tiền tệ, tín dụng theo tinh thần Chỉ\nthị số 11/CT-TTg ngày 04 tháng 3 năm 2020",
            "thực hiện",
        ),
        ("Quyết định này thay thế Quyết định số 1401/QĐ-UBND ngày 24/7/2021", "thay thế"),
        ("Sửa đổi, bổ sung một số điều của Nghị định số 41/2020/NĐ-CP", "sửa đổi, bổ sung"),
        ("Bãi bỏ Quyết định số 23/2021/QĐ-TTg", "bãi bỏ"),
        ("Đính chính Quyết định số 2222/QĐ-UBND ngày 16/10/2021", "đính chính"),
        ("hướng dẫn thực hiện Nghị quyết số 68/NQ-CP", "hướng dẫn"),
        ("hỗ trợ các đối tượng theo Nghị quyết số 68/NQ-CP", "dẫn chiếu"),
        # The cue before the first citation of a clause holds for the others in it.
        (
            "Căn cứ Thông tư số 80/2021/TT-BTC hướng dẫn thi hành Nghị định số 126/2020/NĐ-CP",
            "căn cứ",
        ),
    ],
)
def test_relation_from_the_wording(text: str, relation: str) -> None:
    found = extract_citations(normalize_text(text), Header())
    assert found and {c.relation for c in found} == {relation}


def test_one_record_per_document_with_merged_fields() -> None:
    """Seed 002 names 1102/CĐ-TTg three times (subject, body, CD-typed enclosure)."""
    text = normalize_text((CORPUS / "002_46a42970c31daf42.txt").read_text(encoding="utf-8"))
    found = extract_citations(text, Header(number="4806/UBND-KGVX"))
    assert [c.number for c in found] == ["1102/CĐ-TTg", "77-TB/TU", "365-CV/TU"]
    first = found[0]
    assert (first.date, first.issuer, first.relation) == (
        "2021-08-23",
        "Thủ tướng Chính phủ",
        "thực hiện",
    )
    assert first.subject and first.subject.startswith("tăng cường các biện pháp")


def test_same_number_in_two_years_is_two_documents() -> None:
    text = (
        "Tập trung triển khai Nghị quyết số 68/NQ-CP ngày 12 tháng 5 năm 2020 của Chính phủ. "
        "Hỗ trợ theo Nghị quyết số 68/NQ-CP ngày 01/7/2021 của Chính phủ."
    )
    assert [c[2] for c in cite(text)] == ["2020-05-12", "2021-07-01"]


def test_number_parts_and_folding() -> None:
    assert number_parts("1102/CĐ-TTg").type == "công điện"
    assert number_parts("23/2021/QĐ-TTg") == number_parts("23/2021/QD-TTg")
    assert number_parts("23/2021/QĐ-TTg").year == 2021
    assert number_parts("215-QĐ/TU").issuer_code == "TU"
    assert number_parts("3851/UBND-VX").type is None
    assert number_parts("245/QĐ/UB") == number_parts("245/QĐ.UB") == number_parts("245/QĐ-UB")
    assert number_parts("01/1999/QĐ.UB").year == 1999
    assert number_parts("01/1999/QĐ.UB").issuer_code == "UB"
    assert fold_number("1102/CĐ–TTg") == fold_number("1102 / CD-TTg") == "1102/CD-TTG"
    assert clean_number("28/2021/QD- -TTg") == "28/2021/QD-TTg"


def _gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.json")) if GOLD.exists() else []


@pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold is not beside the repository")
def test_gold_seed_citations() -> None:
    """Every seed's citations against its gold file: the issue's bar is F1 ≥ 0.9, fields ≥ 0.85."""
    report = Report()
    for gold_path in _gold_files():
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = normalize_text((CORPUS / gold["file"]).read_text(encoding="utf-8"))
        predicted = extract_all(text).to_gold(gold["file"])
        score_document(report, {"citations": gold["citations"]}, predicted)
    assert report.counts("citations").f1 >= 0.9
    for field in ("type", "date", "issuer"):
        assert report.counts(f"citations.{field}").f1 >= 0.85


def test_a_party_number_spaced_around_its_dash_keeps_its_date_and_an_issuer_ends_at_cung() -> None:
    text = normalize_text(
        "Thực hiện Kết luận số 100 - KL/TW ngày 18/8/2014 của Ban Bí thư và Quyết định số "
        "284-QĐ/TW của Bộ Chính trị cùng các đồng chí Ủy viên Ban Thường vụ."
    )
    found = [(c.number, c.date, c.issuer) for c in extract_citations(text, Header())]
    assert found == [
        ("100-KL/TW", "2014-08-18", "Ban Bí thư"),
        ("284-QĐ/TW", None, "Bộ Chính trị"),
    ]


def test_an_issuer_typed_in_lower_case_by_a_legacy_font_is_read() -> None:
    """TCVN3 fonts have no "Ủ": typists write "ủy ban", even at the head of a body's name."""
    text = normalize_text(
        "Thực hiện Công văn số 3851/UBND-VX ngày 19/11/2021 của ủy ban nhân dân tỉnh Lai Châu về "
        "tăng cường phòng, chống dịch, và Kế hoạch số 12/KH-SYT của các đơn vị về tiêm chủng."
    )
    found = [(c.number, c.issuer) for c in extract_citations(text, Header())]
    assert found == [("3851/UBND-VX", "ủy ban nhân dân tỉnh Lai Châu"), ("12/KH-SYT", None)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # The body advised ("tham mưu", "trình") issues the document, not the adviser.
        (
            "Năm qua, Sở Tư pháp đã tham mưu UBND tỉnh ban hành Quyết định số 45/QĐ-UBND ngày "
            "3/3/2022 về kiện toàn Hội đồng phối hợp phổ biến pháp luật.",
            [("45/QĐ-UBND", "UBND tỉnh")],
        ),
        # The meeting that passed it is named before the body that issued it.
        (
            "Căn cứ Nghị quyết số 19-NQ/TW ngày 25/10/2017 của Hội nghị lần thứ sáu Ban Chấp hành "
            "Trung ương khóa XII về tiếp tục đổi mới hệ thống tổ chức.",
            [("19-NQ/TW", "Ban Chấp hành Trung ương")],
        ),
        # "thi hành" ends the issuer: what follows is what the document does.
        (
            "Căn cứ Quy định số 22-QĐ/TW ngày 28/7/2021 của Ban Chấp hành Trung ương thi hành "
            "Điều lệ Đảng về công tác kiểm tra.",
            [("22-QĐ/TW", "Ban Chấp hành Trung ương")],
        ),
    ],
)
def test_who_issued_a_cited_document(text: str, found: list) -> None:
    citations = extract_citations(normalize_text(text), Header())
    assert [(c.number, c.issuer) for c in citations] == found
