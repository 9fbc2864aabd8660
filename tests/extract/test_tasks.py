"""Tasks on real wording: headings, assigning verbs, body + verb clauses, deadlines."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from extract.evaluate import _match, _same_task
from extract.header import extract_header
from extract.model import Header
from extract.tasks import deadline_of, extract_tasks, flatten
from ingest.normalize import normalize_text

DIRECTIVE = Header(doc_type="công văn", issued_date="2021-08-25", year=2021)
NEWS = Header(doc_type="bài báo", issued_date="2021-12-07", year=2021)
REPORT = Header(doc_type="báo cáo", year=2021)


def _tasks(text: str, header: Header = DIRECTIVE) -> list[tuple[str, str, str | None]]:
    return [(t.assignee, t.action, t.deadline) for t in extract_tasks(normalize_text(text), header)]


@pytest.mark.parametrize(
    ("text", "header", "expected"),
    [
        # A numbered heading names the body; every dash item under it is one task (002).
        (
            "## 2. Sở Y tế\n\n- Thực hiện nghiêm túc, kịp thời việc cách ly nguồn lây nhiễm.\n\n"
            "- Chủ động trong việc bảo đảm trang thiết bị, vật tư, thuốc.\n\n"
            "4. Sở Tài chính: tham mưu ưu tiên nguồn ngân sách cho hoạt động phòng, chống dịch.\n\n"
            "6. Sở Công Thương chủ trì, phối hợp với các đơn vị có liên quan tham mưu đánh giá.",
            DIRECTIVE,
            [
                ("Sở Y tế", "Thực hiện nghiêm túc, kịp thời việc cách ly nguồn lây nhiễm.", None),
                ("Sở Y tế", "Chủ động trong việc bảo đảm trang thiết bị, vật tư, thuốc.", None),
                (
                    "Sở Tài chính",
                    "tham mưu ưu tiên nguồn ngân sách cho hoạt động phòng, chống dịch.",
                    None,
                ),
                (
                    "Sở Công Thương",
                    "chủ trì, phối hợp với các đơn vị có liên quan tham mưu đánh giá.",
                    None,
                ),
            ],
        ),
        # An assigning verb before the body, in a report's account of what was ordered (000).
        (
            "Chủ tịch Ủy ban nhân dân tỉnh đã ban hành Quyết định số 2222/QĐ-UBND; và giao Sở Y "
            "tế cập nhật, đánh giá cấp độ dịch hàng ngày.",
            REPORT,
            [("Sở Y tế", "cập nhật, đánh giá cấp độ dịch hàng ngày.", None)],
        ),
        # A count before the bodies belongs to the assignee (000).
        (
            "Tỉnh ủy, Ủy ban nhân dân tỉnh chỉ đạo 09/9 huyện, thành phố và 101 xã, phường, thị "
            "trấn kiện toàn, tổ chức lại Ban Chỉ đạo.",
            REPORT,
            [
                (
                    "09/9 huyện, thành phố và 101 xã, phường, thị trấn",
                    "kiện toàn, tổ chức lại Ban Chỉ đạo.",
                    None,
                )
            ],
        ),
        # A report's own "body + verb" sentences tell what was done, not what is assigned (003).
        (
            "Các doanh nghiệp thực hiện tốt công tác phòng, chống dịch. Các huyện, thành phố Cà "
            "Mau triển khai thành lập các đội y tế lưu động.",
            REPORT,
            [],
        ),
        # A named person: titles dropped from the assignee (001).
        (
            "Phân công đồng chí Trương Đăng Khoa, Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Đảng ủy Dân "
            "chính đảng tham gia chỉ đạo, thực hiện nhiệm vụ Tổ 3.",
            DIRECTIVE,
            [("đồng chí Trương Đăng Khoa", "tham gia chỉ đạo, thực hiện nhiệm vụ Tổ 3.", None)],
        ),
        # Clauses after ";" with their own body, and "Ban chỉ đạo" kept as a name (001, 004).
        (
            "Tiếp tục chỉ đạo thực hiện theo phương châm thật nhanh; các địa phương bố trí địa điểm "
            "tiêm vắc-xin phù hợp; trong công tác điều trị phải nhanh. Ban Thường vụ, Ban chỉ đạo "
            "các cấp, các ngành phải tiếp tục tăng cường hoạt động.",
            NEWS,
            [
                ("các địa phương", "bố trí địa điểm tiêm vắc-xin phù hợp", None),
                (
                    "Ban Thường vụ, Ban chỉ đạo các cấp, các ngành",
                    "phải tiếp tục tăng cường hoạt động.",
                    None,
                ),
            ],
        ),
        # Several dated limits in one instruction: one task each, year from the document (004).
        (
            "đồng chí Bí thư Tỉnh ủy yêu cầu các địa phương cần tổng rà soát người từ 18 tuổi trở "
            "lên, báo cáo Ban Chỉ đạo của tỉnh trước 17h ngày 10/12; đồng thời, tuyên truyền cho "
            "người dân: đẩy nhanh tiến độ tiêm vắc xin, phấn đấu đến ngày 15/12, 75% dân số tiêm "
            "đủ 2 mũi; trước ngày 31/12, cơ bản hoàn thành tiêm mũi 2.",
            NEWS,
            [
                (
                    "các địa phương",
                    "cần tổng rà soát người từ 18 tuổi trở lên, báo cáo Ban Chỉ đạo của tỉnh trước 17h ngày 10/12",
                    "2021-12-10T17:00",
                ),
                ("các địa phương", "tuyên truyền cho người dân", None),
                (
                    "các địa phương",
                    "đẩy nhanh tiến độ tiêm vắc xin, phấn đấu đến ngày 15/12, 75% dân số tiêm đủ 2 mũi",
                    "2021-12-15",
                ),
                ("các địa phương", "trước ngày 31/12, cơ bản hoàn thành tiêm mũi 2.", "2021-12-31"),
            ],
        ),
        # An assigning verb inside another task's action is that task's business (004).
        (
            "Ngành giáo dục cần chỉ đạo các cơ sở giáo dục đảm bảo an toàn cho hoạt động dạy và học.",
            NEWS,
            [
                (
                    "Ngành giáo dục",
                    "cần chỉ đạo các cơ sở giáo dục đảm bảo an toàn cho hoạt động dạy và học.",
                    None,
                )
            ],
        ),
        # "giao ban" is a meeting, "Nơi nhận" lists copies: neither assigns anything.
        (
            "Các đại biểu dự giao ban đã tập trung thảo luận.\n\nNơi nhận:\n\n- Sở Y tế tỉnh;\n"
            "- Các huyện ủy, thành ủy,\n- Lưu: VT.",
            NEWS,
            [],
        ),
    ],
)
def test_tasks_in_real_wording(text: str, header: Header, expected: list) -> None:
    assert _tasks(text, header) == expected


def test_copies_below_a_list_of_tasks_are_no_items_of_it() -> None:
    """A web copy keeps no blank line before "Nơi nhận", which may be in bold."""
    text = (
        "2. Giám đốc các bệnh viện tuyến tỉnh\n- Rà soát phương án thu dung người bệnh.\n"
        "Giám đốc Sở đề nghị các đơn vị triển khai thực hiện./.\n**Nơi nhận:**\n"
        "- Như trên;\n- Các Phó Giám đốc Sở;\n- Lưu: VT."
    )
    tasks = _tasks(text, NEWS)
    assert ("các đơn vị", "triển khai thực hiện", None) in tasks
    assert not any("Như trên" in action or "Lưu" in action for _, action, _ in tasks)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("báo cáo Thủ tướng Chính phủ trong tháng 3 năm 2020.", "2020-03-31", "trong tháng"),
        ("gửi về Bộ Tài chính trước ngày 15 tháng 3 năm 2020 để tổng hợp", "2020-03-15", None),
        ("hoàn thành trong tháng 9/2021", "2021-09-30", "trong tháng"),
        ("báo cáo kết quả trước 17 giờ 30 ngày 10/12/2021", "2021-12-10T17:30", None),
        ("báo cáo Thủ tướng Chính phủ trong Quý I năm 2021", "2021-03-31", "trong quý"),
        ("Định kỳ trước ngày 25 hằng tháng báo cáo Thủ tướng Chính phủ", None, "hằng tháng"),
        ("thường xuyên kiểm tra, giám sát", None, "thường xuyên"),
        # A period, not a limit; a date before the document's own date is a past condition.
        ("Chưa điều chỉnh tăng giá trong Quý I và Quý II năm 2020", None, None),
        ("đã nộp đủ số tiền thuế bị ấn định trước ngày 01 tháng 3 năm 2020", None, None),
    ],
)
def test_deadlines(text: str, value: str | None, kind: str | None) -> None:
    deadline = deadline_of(text, 2020, date(2020, 5, 29) if "ấn định" in text else None)
    assert (deadline.value, deadline.kind) == (value, kind)


def test_short_date_after_the_turn_of_the_year_takes_the_next_year() -> None:
    assert (
        deadline_of("hoàn thành trước ngày 15/01", 2021, date(2021, 12, 20)).value == "2022-01-15"
    )


NOTICE = Header(doc_type="thông báo", issued_date="2022-05-20", year=2022)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An assigning verb inside an assigned action: the outer body gets the task.
        (
            "Ban Thường vụ Tỉnh ủy giao Ban cán sự đảng UBND tỉnh chỉ đạo các sở, ngành liên quan "
            "khẩn trương hoàn thành trước ngày 30/6/2022.",
            [
                (
                    "Ban cán sự đảng UBND tỉnh",
                    "chỉ đạo các sở, ngành liên quan khẩn trương hoàn thành trước ngày 30/6/2022.",
                    "2022-06-30",
                )
            ],
        ),
        # A short date closing the sentence, with an hour; a heading naming the body.
        (
            "1. Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương:\n\n"
            "a) Tổ chức sơ tán người dân đến nơi an toàn trước 18 giờ ngày 12/9.\n\n"
            "2. Bộ Ngoại giao chủ trì, phối hợp với Bộ Công an thông báo cho các cơ quan đại diện.",
            [
                (
                    "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
                    "Tổ chức sơ tán người dân đến nơi an toàn trước 18 giờ ngày 12/9.",
                    "2022-09-12T18:00",
                ),
                (
                    "Bộ Ngoại giao",
                    "chủ trì, phối hợp với Bộ Công an thông báo cho các cơ quan đại diện.",
                    None,
                ),
            ],
        ),
    ],
)
def test_notice_wording(text: str, expected: list) -> None:
    assert _tasks(text, NOTICE) == expected


PLAN = Header(doc_type="kế hoạch", year=2026)


def test_plan_activities_take_their_lead_body_partners_and_date() -> None:
    """Kế hoạch 173/KH-UBND (Hà Nội, 2026): activities with "Đơn vị chủ trì" fields."""
    text = (
        "2. Các hoạt động chính\n"
        "2.1. Chương trình nghệ thuật đặc biệt Khai mạc Festival Thăng Long\n"
        "Hà Nội lần thứ II năm 2026\n"
        "- Thời gian dự kiến: ngày 11/9/2026 (thứ Sáu).\n"
        "- Địa điểm: Hoàng Thành Thăng Long.\n"
        "- Đơn vị chủ trì: Sở Văn hóa và Thể thao.\n"
        "- Đơn vị phối hợp: Các Đại sứ quán, tổ chức quốc tế, các tỉnh, thành phố.\n"
        "- Kinh phí: Ngân sách Thành phố và các nguồn kinh phí hợp pháp khác.\n"
        "3.1. Hoạt động triển lãm, trưng bày, trải nghiệm kết nối di sản\n"
        "- Thời gian dự kiến: từ ngày 11/9/2026 đến ngày 20/9/2026.\n"
        "- Đơn vị chủ trì: Sở Văn hóa và Thể thao.\n"
    )
    tasks = extract_tasks(normalize_text(text), PLAN)
    assert [(t.assignee, t.action, t.deadline) for t in tasks] == [
        (
            "Sở Văn hóa và Thể thao",
            "Chương trình nghệ thuật đặc biệt Khai mạc Festival Thăng Long Hà Nội lần thứ II năm 2026",
            "2026-09-11",
        ),
        (
            "Sở Văn hóa và Thể thao",
            "Hoạt động triển lãm, trưng bày, trải nghiệm kết nối di sản",
            "2026-09-20",
        ),
    ]
    assert tasks[0].co_assignees == ("Các Đại sứ quán", "tổ chức quốc tế", "các tỉnh", "thành phố")


def test_a_dash_inside_a_name_wrapped_to_the_line_start_is_not_an_item() -> None:
    text = (
        "5. Công an thành phố Hà Nội\n"
        "- Chủ trì, phối hợp với các lực lượng, xây dựng kế hoạch đảm bảo an ninh, trật tự, phòng cháy chữa\n"
        "cháy cho đại biểu, khách mời tham gia các hoạt động trong chương trình “Festival Thăng Long\n"
        "- Hà Nội, lần thứ II năm 2026”.\n"
        "- Chủ trì, phối hợp với Sở Xây dựng thực hiện phân luồng bảo đảm trật tự an toàn giao thông.\n"
    )
    tasks = extract_tasks(normalize_text(text), PLAN)
    assert [t.assignee for t in tasks] == ["Công an thành phố Hà Nội"] * 2
    assert tasks[0].action.endswith("Festival Thăng Long - Hà Nội, lần thứ II năm 2026”.")
    assert tasks[1].co_assignees == ("Sở Xây dựng",)


def test_an_assigning_paragraph_ending_in_a_colon_owns_the_items_below() -> None:
    """The công văn shape "… đề nghị <bodies>:" then numbered items; a section title is no task."""
    text = (
        "Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố:\n\n"
        "1. Tăng cường kiểm tra, giám sát các cơ sở sản xuất kinh doanh.\n\n"
        "2. Về tiêm vắc xin\n\n"
        "- Rà soát, lập danh sách người chưa tiêm, báo cáo trước ngày 15/9/2021.\n\n"
        "Giao Sở Y tế theo dõi, tổng hợp.\n\n"
        "3. Các nội dung khác thực hiện theo quy định."
    )
    bodies = "các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố"
    assert _tasks(text) == [
        (bodies, "Tăng cường kiểm tra, giám sát các cơ sở sản xuất kinh doanh.", None),
        (
            bodies,
            "Rà soát, lập danh sách người chưa tiêm, báo cáo trước ngày 15/9/2021.",
            "2021-09-15",
        ),
        ("Sở Y tế", "theo dõi, tổng hợp.", None),
    ]


def test_flatten_joins_wrapped_ocr_lines_and_keeps_offsets() -> None:
    text = "- Chủ trì, phối hợp với Bộ Tài chính đề xuất, báo cáo Thủ tướng\n\n2\n\n\n--- PAGE BREAK ---\n\nChính phủ trong tháng 3 năm 2020.\n- Trình ngay"
    flat = flatten(text)
    assert len(flat) == len(text)
    assert "Thủ tướng" in flat and "\n" not in flat[: flat.index("Chính phủ")]
    assert flat.count("\n") == 1


def _seed_pairs(shared_dir: Path, corpus_dir: Path):
    for gold_path in sorted((shared_dir / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = normalize_text((corpus_dir / gold["file"]).read_text(encoding="utf-8"))
        predicted = [t.to_gold() for t in extract_tasks(text, extract_header(text))]
        yield gold["tasks"], predicted


def test_tasks_match_the_gold_tasks_of_the_seeds(shared_dir: Path, corpus_dir: Path) -> None:
    tp = fp = fn = deadlines = 0
    for gold, predicted in _seed_pairs(shared_dir, corpus_dir):
        pairs = _match(gold, predicted, _same_task)
        tp, fp, fn = tp + len(pairs), fp + len(predicted) - len(pairs), fn + len(gold) - len(pairs)
        deadlines += sum(g["deadline"] == p["deadline"] for g, p in pairs)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert 2 * precision * recall / (precision + recall) >= 0.8
    assert deadlines == tp


def test_ocr_directive_assigns_ministries_with_month_deadlines(corpus_dir: Path) -> None:
    text = normalize_text((corpus_dir / "ct_11_ttg_2020.txt").read_text(encoding="utf-8"))
    tasks = extract_tasks(text, extract_header(text))
    by_assignee = {t.assignee for t in tasks}
    assert {
        "Ngân hàng Nhà nước Việt Nam",
        "Bộ Tài chính",
        "Bộ Công Thương",
        "Bộ Ngoại giao",
    } <= by_assignee
    deadlines = {t.deadline for t in tasks if t.deadline}
    assert {"2020-03-31", "2020-03-15", "2020-03-20"} <= deadlines
    # The page break inside "báo cáo Thủ tướng / Chính phủ trong tháng 3" does not cut the task.
    assert any(t.action.endswith("trong tháng 3 năm 2019.") for t in tasks)


def test_resolution_sections_by_ministry(corpus_dir: Path) -> None:
    text = normalize_text((corpus_dir / "nq_84_cp_2020.txt").read_text(encoding="utf-8"))
    tasks = extract_tasks(text, extract_header(text))
    finance = [t for t in tasks if t.assignee == "Bộ Tài chính"]
    assert len(finance) >= 10
    assert any(t.deadline == "2020-05-31" for t in finance)
    monthly = [t for t in tasks if t.deadline_kind == "hằng tháng"]
    assert monthly
    assert all(not t.assignee.isupper() for t in tasks)
    assert any("Bộ Tư pháp" in t.co_assignees for t in finance)


def test_a_flattened_header_block_is_never_a_task() -> None:
    text = normalize_text(
        "UBND TỈNH ĐỒNG NAI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "SỞ Y TẾ Độc lập - Tự do - Hạnh phúc\n"
        "Số: 5969/SYT-NVY Đồng Nai, ngày 12 tháng 10 năm 2021\n"
        "V/v triển khai Quyết định số 4800/QĐ-BYT ngày 12/10/2021 của Bộ Y tế\n\n"
        "Kính gửi: Giám đốc các bệnh viện trên địa bàn tỉnh.\n\n"
        "Sở Y tế đề nghị các đơn vị báo cáo kết quả trước 16h ngày 15/10/2021.\n"
    )
    tasks = extract_tasks(text, extract_header(text))
    assert [(t.assignee, t.deadline) for t in tasks] == [("các đơn vị", "2021-10-15T16:00")]


def test_a_headline_is_not_a_task() -> None:
    # A news item's headline names what happened; the same words in its body are no task either
    # when told as done ("đã có ý kiến").
    text = "UBND tỉnh có ý kiến về đề xuất của Sở Tài nguyên & Môi trường\n\nNgày 23/11/2018, …"
    headline = Header(doc_type="bài báo", subject=text.split("\n")[0], year=2018)
    assert _tasks(text, headline) == []


@pytest.mark.parametrize(
    ("issuer", "sentence"),
    [
        (
            "Ủy ban nhân dân tỉnh Lạng Sơn",
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai như sau:",
        ),
        (
            "Ủy ban nhân dân tỉnh Quảng Nam",
            "UBND tỉnh ban hành Kế hoạch giám sát năm 2023 như sau:",
        ),
    ],
)
def test_the_issuer_issuing_this_very_document_is_not_a_task(issuer: str, sentence: str) -> None:
    plan = Header(doc_type="kế hoạch", issuer=issuer, year=2023)
    assert _tasks(sentence, plan) == []
    # Another body told to issue its own plan is one.
    other = "UBND các huyện ban hành Kế hoạch thực hiện trước ngày 15/3/2023."
    assert _tasks(other, plan) == [
        ("UBND các huyện", "ban hành Kế hoạch thực hiện trước ngày 15/3/2023.", "2023-03-15")
    ]


def test_who_requests_is_not_who_is_asked() -> None:
    text = (
        "Ban Thường vụ Tỉnh ủy yêu cầu tạm dừng tổ chức đại hội đảng các cấp. "
        "Ban Thường vụ các huyện ủy, thị ủy tạm dừng tổ chức đại hội đảng các cấp."
    )
    assert [assignee for assignee, _, _ in _tasks(text)] == ["Ban Thường vụ các huyện ủy, thị ủy"]


def test_the_bodies_that_execute_a_decision_are_one_list_across_semicolons() -> None:
    # The closing article of a decision, and the signature block after its "./.".
    text = (
        "Điều 4. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Thông tin và Truyền thông, "
        "Thủ trưởng các sở, ban ngành tỉnh; Chủ tịch Ủy ban nhân dân các huyện và các tổ chức, "
        "cá nhân liên quan có trách nhiệm thi hành Quyết định này./. | TM. ỦY BAN NHÂN DÂN"
    )
    decision = Header(doc_type="quyết định", year=2009)
    assert _tasks(text, decision) == [
        (
            "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Thông tin và Truyền thông, Thủ "
            "trưởng các sở, ban ngành tỉnh; Chủ tịch Ủy ban nhân dân các huyện và các tổ chức, "
            "cá nhân liên quan",
            "có trách nhiệm thi hành Quyết định này",
            None,
        )
    ]


def test_the_bodies_an_assigning_verb_asks_end_where_the_action_opens_after_a_comma() -> None:
    text = (
        "Chủ tịch UBND tỉnh yêu cầu Giám đốc các sở, Trưởng các ban, ngành cấp tỉnh, Chủ tịch "
        "UBND các huyện, các chủ đầu tư, triển khai lập kế hoạch đầu tư công trung hạn."
    )
    assert _tasks(text) == [
        (
            "Giám đốc các sở, Trưởng các ban, ngành cấp tỉnh, Chủ tịch UBND các huyện, các chủ "
            "đầu tư",
            "triển khai lập kế hoạch đầu tư công trung hạn.",
            None,
        )
    ]
    # "tổ chức" in such a list is a body ("tổ chức đại diện …"), never the opening action.
    listed = (
        "Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh, Liên đoàn Lao động tỉnh, tổ chức đại diện người "
        "lao động giám sát việc thực hiện."
    )
    assert not any(action.startswith("tổ chức") for _, action, _ in _tasks(listed))


def test_a_paragraph_ending_in_a_colon_lends_its_body_to_the_work_listed_below() -> None:
    # The section title stays apart from the paragraph; the paragraph only announces the list,
    # and is no task of its own; the item with its deadline is the body's task.
    text = (
        "I. Nhiệm vụ chung\nBan Chỉ huy Phòng, chống thiên tai các cấp, Chủ tịch UBND các "
        "huyện tập trung thực hiện một số công việc sau:\n- Khẩn trương hoàn thành tổng kết "
        "công tác năm 2014 trước ngày 20/4/2015.\n"
    )
    directive = Header(doc_type="chỉ thị", issued_date="2015-04-01", year=2015)
    assert _tasks(text, directive) == [
        (
            "Ban Chỉ huy Phòng, chống thiên tai các cấp, Chủ tịch UBND các huyện",
            "Khẩn trương hoàn thành tổng kết công tác năm 2014 trước ngày 20/4/2015.",
            "2015-04-20",
        )
    ]


def test_work_of_its_own_before_the_colon_stays_and_topics_below_are_not_lent() -> None:
    text = (
        "UBND tỉnh yêu cầu các sở, ngành, UBND các huyện chủ động ứng phó với cơn bão số 6:\n\n"
        "1. Theo dõi chặt chẽ diễn biến của bão.\n\n"
        "2. Về xét nghiệm: ngành Y tế bảo đảm đủ sinh phẩm.\n"
    )
    assert [(assignee, action) for assignee, action, _ in _tasks(text)] == [
        ("các sở, ngành, UBND các huyện", "chủ động ứng phó với cơn bão số 6"),
        ("các sở, ngành, UBND các huyện", "Theo dõi chặt chẽ diễn biến của bão."),
        ("ngành Y tế", "bảo đảm đủ sinh phẩm."),
    ]


def test_a_news_item_telling_who_spoke_or_chaired_assigns_nothing() -> None:
    text = (
        "Đồng chí Nguyễn Văn Bình phát biểu tại buổi làm việc.\n\n"
        "Đồng chí Trần Minh Hải, Phó Trưởng Ban Tổ chức Huyện ủy chủ trì cuộc họp đã thông qua "
        "15 hồ sơ đề nghị kết nạp đảng viên mới.\n\n"
        "Chủ tịch UBND tỉnh giao các Phó Chủ tịch UBND tỉnh phụ trách từng lĩnh vực có chỉ đạo "
        "sát sao các sở, ngành; các sở, ngành, địa phương không được lơ là, chủ quan.\n"
    )
    assert [(assignee, action) for assignee, action, _ in _tasks(text, NEWS)] == [
        (
            "các Phó Chủ tịch UBND tỉnh phụ trách từng lĩnh vực",
            "có chỉ đạo sát sao các sở, ngành",
        ),
        ("các sở, ngành, địa phương", "không được lơ là, chủ quan."),
    ]


def test_the_enacting_formula_read_with_an_ocr_slip_is_no_task() -> None:
    decision = Header(doc_type="quyết định", issuer="Thủ tướng Chính phủ", year=2021)
    text = "Theo đề nghị của Bộ trưởng Bộ Tài chính; Thủ tướng Chính phi ban hành Quyết định quy định về việc thực hiện chính sách."
    assert _tasks(text, decision) == []


def test_a_number_wrapped_to_the_line_start_is_no_list_item() -> None:
    # "… vào tháng 10 và\n11." ends a sentence; the paragraph goes on to assign the list.
    text = (
        "Mưa lũ tập trung vào tháng 10 và\n11. Để chủ động ứng phó, Chủ tịch UBND tỉnh yêu cầu "
        "Thủ trưởng các sở, Chủ tịch UBND các huyện quán triệt và tổ chức thực hiện tốt các nội "
        "dung sau:\n1. Tiếp tục bố trí nguồn lực cho công tác phòng, chống thiên tai.\n"
    )
    assert _tasks(text) == [
        (
            "Thủ trưởng các sở, Chủ tịch UBND các huyện",
            "Tiếp tục bố trí nguồn lực cho công tác phòng, chống thiên tai.",
            None,
        )
    ]


def test_praise_is_no_task_and_a_standing_committee_is_a_body() -> None:
    text = (
        "Đồng chí Trần Văn Nam đánh giá cao công tác chuẩn bị đại hội. Đồng chí Phó Bí thư chỉ "
        "đạo: BTV Đảng ủy Khối cần tiếp tục rà soát các nội dung phục vụ đại hội; các địa "
        "phương chú trọng hỗ trợ lực lượng phục vụ trong suốt quá trình diễn ra đại hội.\n"
    )
    assert [(assignee, action[:22]) for assignee, action, _ in _tasks(text, NEWS)] == [
        ("BTV Đảng ủy Khối", "cần tiếp tục rà soát c"),
        ("các địa phương", "chú trọng hỗ trợ lực l"),
    ]


def test_the_issuer_introducing_its_own_content_is_no_task() -> None:
    plan = Header(doc_type="kế hoạch", issuer="Ủy ban nhân dân tỉnh Quảng Ninh", year=2020)
    text = (
        "Ủy ban nhân dân tỉnh Quảng Ninh xây dựng kịch bản tăng trưởng kinh tế năm 2020 của "
        "tỉnh với các nội dung cụ thể như sau:\n"
    )
    assert _tasks(text, plan) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "cũng đã" tells what was done, as "đã" does; "cũng cần" still asks.
        ("Huyện cũng đã hoàn thành việc sửa chữa 12 phòng học trước mùa mưa.", []),
        (
            "Các xã cũng cần rà soát lại các hộ có nhà ở xuống cấp.",
            [("Các xã", "cũng cần rà soát lại các hộ có nhà ở xuống cấp.")],
        ),
        # A word of time between the assigning verb and the bodies it asks.
        (
            "Ban Thường vụ Huyện ủy yêu cầu trước mắt các chi bộ, tổ chức đoàn thể tập trung "
            "kiện toàn ban chi ủy.",
            [("các chi bộ, tổ chức đoàn thể", "tập trung kiện toàn ban chi ủy.")],
        ),
        # "lãnh đạo, chỉ đạo" opens the action after the bodies; "lãnh đạo các …" in the list
        # is a body's leaders.
        (
            "Thành ủy yêu cầu các cấp ủy, tổ chức đảng lãnh đạo, chỉ đạo tốt công tác bầu cử.",
            [("các cấp ủy, tổ chức đảng", "lãnh đạo, chỉ đạo tốt công tác bầu cử.")],
        ),
        (
            "UBND tỉnh yêu cầu các sở, lãnh đạo các huyện khẩn trương khắc phục hậu quả bão.",
            [("các sở, lãnh đạo các huyện", "khẩn trương khắc phục hậu quả bão.")],
        ),
    ],
)
def test_what_was_done_and_who_is_asked(text: str, expected: list) -> None:
    assert [(assignee, action) for assignee, action, _ in _tasks(text, NEWS)] == expected


def test_a_headline_is_no_task_when_the_line_under_it_runs_on() -> None:
    text = (
        "Các huyện thực hiện tốt cuộc vận động xây dựng nông thôn mới\nLượt xem: 120\n"
        "Ngày 3/4, Huyện ủy tổ chức hội nghị sơ kết."
    )
    header = Header(
        doc_type="bài báo", subject="Các huyện thực hiện tốt cuộc vận động xây dựng nông thôn mới"
    )
    assert _tasks(text, header) == []


@pytest.mark.parametrize(
    ("text", "header"),
    [
        # The issuer answering in its own name ("xin trả lời") assigns nothing.
        (
            "Bộ Tài chính xin trả lời đối với từng kiến nghị liên quan đến lĩnh vực quản lý của "
            "ngành như sau:",
            Header(doc_type="công văn", issuer="Bộ Tài chính"),
        ),
        # A Hướng dẫn saying that its issuer guides: the type as the verb, the issuer's name
        # shortened ("Ban Tổ chức Trung ương" for "Ban Tổ chức Ban Chấp hành Trung ương").
        (
            "Ban Tổ chức Trung ương hướng dẫn thực hiện một số điều của Quy định số 29-QĐ/TW.",
            Header(doc_type="hướng dẫn", issuer="Ban Tổ chức Ban Chấp hành Trung ương"),
        ),
        # A header whose PDF lost its dashes and read "Xà" for "XÃ" is no task.
        (
            "ỦY BAN NHÂN DÂN CỘNG HÒA Xà HỘI CHỦ NGHĨA VIỆT NAM TỈNH BẾN TRE Độc lập Tự do Hạnh "
            "phúc Số: 12/2020/QĐUBND Bến Tre, ngày 3 tháng 3 năm 2020",
            Header(doc_type="quyết định", issuer="Ủy ban nhân dân tỉnh Bến Tre"),
        ),
    ],
)
def test_no_task_in_what_the_issuer_says_of_itself(text: str, header: Header) -> None:
    assert _tasks(text, header) == []


def test_companies_and_a_programme_s_board() -> None:
    text = (
        "Các Cty TNHH một thành viên khai thác công trình thủy lợi theo dõi chặt chẽ diễn biến "
        "thời tiết. Ban điều hành Chương trình nước sạch tỉnh xây dựng kế hoạch năm 2015."
    )
    assert [assignee for assignee, _, _ in _tasks(text, NEWS)] == [
        "Các Cty TNHH một thành viên khai thác công trình thủy lợi",
        "Ban điều hành Chương trình nước sạch tỉnh",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Who assigns with "cũng giao nhiệm vụ cho" is no assignee; "cần chỉ đạo" still tasks.
        (
            "Đồng chí Phó Chủ tịch UBND huyện cũng giao nhiệm vụ cho Phòng Y tế kiểm tra các cơ "
            "sở khám bệnh tư nhân.",
            [("Phòng Y tế", "kiểm tra các cơ sở khám bệnh tư nhân.")],
        ),
        # The head of a body's name holds no verb ("Ủy ban kiểm tra"); in lower case after ";"
        # "lãnh đạo" is a verb of the task before, not a body.
        (
            "Huyện ủy yêu cầu các chi bộ chuẩn bị tốt đại hội; lãnh đạo thực hiện nghị quyết sau "
            "đại hội; Ủy ban kiểm tra Huyện ủy theo dõi việc giải quyết đơn thư.",
            [
                ("các chi bộ", "chuẩn bị tốt đại hội"),
                ("Ủy ban kiểm tra Huyện ủy", "theo dõi việc giải quyết đơn thư."),
            ],
        ),
        # News that a body issued a numbered document, and its headline repeated as a caption
        # with other spaces, assign nothing; bodies "sau đây" are the items below.
        (
            "Chính phủ ban hành Nghị quyết số 86/NQ-CP ngày 4/11/2025 về triển khai nhiệm vụ.\n\n"
            "Các cơ quan, đơn vị sau đây chịu trách nhiệm tổ chức thực hiện kế hoạch:",
            [],
        ),
    ],
)
def test_who_assigns_and_who_is_assigned(text: str, expected: list) -> None:
    assert [(assignee, action) for assignee, action, _ in _tasks(text, NEWS)] == expected


def test_a_headline_repeated_as_a_caption_is_no_task() -> None:
    header = Header(
        doc_type="bài báo", subject="Tỉnh triển khai nhiệm vụ phát triển kinh tế - xã hội"
    )
    text = "Tỉnh triển khai nhiệm vụ phát triển kinh tế-xã hội\n\nNgày 3/4, UBND tỉnh họp."
    assert _tasks(text, header) == []


def test_bodies_named_with_a_note_in_brackets_stations_and_members() -> None:
    text = (
        "UBND tỉnh giao Sở NN&PTNT (cơ quan thường trực Ban Chỉ huy phòng chống thiên tai) chủ "
        "trì triển khai các biện pháp chống hạn. Chủ tịch UBND thành phố giao Trạm Khuyến nông "
        "thành phố kiểm tra nguyên nhân lúa lép. Đồng chí Bí thư đề nghị các thành viên Tiểu ban "
        "cần nêu cao tinh thần trách nhiệm."
    )
    assert [assignee for assignee, _, _ in _tasks(text, NEWS)] == [
        "Sở NN&PTNT",
        "Trạm Khuyến nông thành phố",
        "các thành viên Tiểu ban",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Tổng cục Thuế có công văn số 3909/TCT-DNL ngày 31/10/2011 hướng dẫn Tập đoàn thực hiện.",
        "Bộ Giáo dục và Đào tạo (GDĐT) hướng dẫn các Sở GDĐT tổ chức kỳ thi năm 2024 như sau.",
    ],
)
def test_the_issuer_s_own_acts_and_a_body_with_a_number_in_its_name(text: str) -> None:
    header = Header(doc_type="công văn", issuer="Bộ Giáo dục và Đào tạo")
    assert _tasks(text, header) == []


def test_bodies_in_a_topic_with_no_comma_are_the_subject() -> None:
    text = (
        "Đối với các chi bộ trực thuộc Đảng bộ xã sẽ tiến hành đại hội trước ngày 31-12-2019. "
        "Đối với các huyện có dưới 100 nghìn dân, cơ sở điều trị cần đảm bảo đủ giường.\n"
        "Tệp đính kèm: Kế hoạch đại hội.doc"
    )
    assert _tasks(text, Header(doc_type="bài báo")) == [
        (
            "các chi bộ trực thuộc Đảng bộ xã",
            "sẽ tiến hành đại hội trước ngày 31-12-2019.",
            "2019-12-31",
        )
    ]


def test_a_steering_committee_s_members_and_duties() -> None:
    """ "ban chỉ đạo" in lower case is still the committee; "là lãnh đạo các sở" names who its
    members are; "có nhiệm vụ" puts a duty on the committee; a closing article's "căn cứ
    quyết định thi hành" is its action."""
    text = (
        "Phó Trưởng ban chỉ đạo gồm các ông Trần Văn A và Lê Văn B. Ban Chỉ đạo tỉnh còn có 20 "
        "ủy viên là lãnh đạo các sở, ngành. Ban Chỉ đạo tỉnh có nhiệm vụ xây dựng kế hoạch "
        "phòng chống dịch.\n\nChánh Văn phòng UBND tỉnh, Giám đốc Sở Y tế căn cứ quyết định thi "
        "hành."
    )
    assert [(assignee, action) for assignee, action, _ in _tasks(text, NEWS)] == [
        ("Ban Chỉ đạo tỉnh", "có nhiệm vụ xây dựng kế hoạch phòng chống dịch."),
        ("Chánh Văn phòng UBND tỉnh, Giám đốc Sở Y tế", "căn cứ quyết định thi hành."),
    ]


def test_reports_due_by_a_line_of_their_own() -> None:
    text = (
        "Bộ Giáo dục và Đào tạo đề nghị các Sở Giáo dục và Đào tạo khẩn trương báo cáo số liệu về "
        "thiết bị dạy học.\n\n"
        "Báo cáo gửi về Bộ Giáo dục và Đào tạo trước ngày 03/06/2010:\n\n- Bằng fax;\n"
    )
    assert _tasks(text, Header(doc_type="công văn")) == [
        (
            "các Sở Giáo dục và Đào tạo",
            "khẩn trương báo cáo số liệu về thiết bị dạy học.",
            "2010-06-03",
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        # "cũng vì" gives a reason, not an action.
        "Cục Hải quan tỉnh; Chi nhánh Ngân hàng Nhà nước tỉnh cũng vì bỏ phiên bế mạc kỳ họp.",
        # "Ban quản lý" in lower case is the board, not the verb.
        "Các thành viên Ban quản lý dự án tỉnh dự họp đầy đủ.",
    ],
)
def test_reasons_and_boards_are_no_tasks(text: str) -> None:
    assert _tasks(text, NEWS) == []
