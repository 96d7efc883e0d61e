"""Review findings: a positive and a negative row for every rule, on real sentences (quoted from the corpus pages
and ../shared sets, source in the comment; the few constructed ones say so), the graph-based rules on the small
timeline documents at chosen dates, decisions that survive rebuilds and go stale when the evidence changes, and
the report read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from review.api import open_corpus
from review.build import build
from review.cli import main
from review.findings import RULES, finding_id
from review.findings.catalogue import catalogue
from review.findings.context import RuleContext
from review.findings.registry import CHECKS, SHAPES
from review.findings.tthc import CostParameters, compliance_cost, profiles
from tests import factories as fx

DATA = Path(__file__).parent / "data"


def run_rule(code, texts, *, at="2026-11-27", issued="2020-01-01", heading=None, parent=None):
    """The hits of one text rule on units holding ``texts`` (one document, issued on ``issued``)."""
    items = [("dieu_1", parent, heading)] if parent else []
    for i, t in enumerate(texts, 1):
        items.append((f"dieu_1__khoan_{i}", t, None) if parent else (f"dieu_{i}", t, heading))
    snap = fx.snapshot([fx.doc("X", issued=issued)], fx.units("X", items))
    ctx = RuleContext.load(snap, at)
    return [h for h in RULES[code].func(ctx) if not parent or h.unit != "dieu_1"]


# (rule, text, expected matched words or None for no finding, options)
TEXT_ROWS = [
    # 84/2015/QH13 Điều 24 khoản 3 (docx)
    ("OUT-ABOLISHED-BODY", "Bộ trưởng Bộ Lao động - Thương binh và Xã hội quy định việc bồi dưỡng bằng hiện vật.",
     "Bộ Lao động - Thương binh và Xã hội", {}),
    # 23/2024/TT-BTTTT Điều 1 khoản 1 (doc_000661): the issuer of a cited old circular
    ("OUT-ABOLISHED-BODY", "Thông tư số 10/2010/TT-BTTTT ngày 26 tháng 3 năm 2010 của Bộ trưởng Bộ Thông tin và Truyền "
     "thông quy định về quản lý và cung cấp dịch vụ", None, {}),
    # 06/2026/TT-BTC Điều 2: the old name inside an amending instruction
    ("OUT-ABOLISHED-BODY", "Thay thế cụm từ “Tổng cục Hải quan” bằng cụm từ “Cục Hải quan” tại Điều 1, khoản 4 Điều 4.",
     None, {}),
    # 145/2020/NĐ-CP Điều 110 khoản 2: the district level, after and before 2025-07-01
    ("OUT-ABOLISHED-BODY", "Trong thời hạn 12 giờ kể từ khi ra quyết định, Chủ tịch Ủy ban nhân dân cấp tỉnh phải thông "
     "báo cho Chủ tịch Ủy ban nhân dân cấp huyện, Chủ tịch Liên đoàn Lao động cấp tỉnh.",
     "Chủ tịch Ủy ban nhân dân cấp huyện", {}),
    ("OUT-ABOLISHED-BODY", "Trong thời hạn 12 giờ kể từ khi ra quyết định, Chủ tịch Ủy ban nhân dân cấp tỉnh phải thông "
     "báo cho Chủ tịch Ủy ban nhân dân cấp huyện, Chủ tịch Liên đoàn Lao động cấp tỉnh.", None, {"at": "2025-06-30"}),
    # 145/2020/NĐ-CP Điều 5 khoản 1
    ("OUT-OBSOLETE-PAPER", "họ tên, ngày tháng năm sinh, số thẻ Căn cước công dân hoặc Chứng minh nhân dân hoặc hộ "
     "chiếu của người đại diện theo pháp luật", "Chứng minh nhân dân", {}),
    # 25/2026/NĐ-CP: the current card
    ("OUT-OBSOLETE-PAPER", "Bản sao có chứng thực hoặc tệp tin bản sao điện tử được chứng thực theo quy định giấy tờ về "
     "cư trú; thẻ Căn cước.", None, {}),
    # 337/2025/NĐ-CP Điều 28 khoản 1: passed on 2026-11-27, not yet on 2026-06-01
    ("OUT-PAST-DEADLINE", "Chậm nhất là ngày 01 tháng 7 năm 2026, Nền tảng hợp đồng lao động điện tử phải được chính "
     "thức đưa vào vận hành.", "Chậm nhất là ngày 01 tháng 7 năm 2026", {}),
    ("OUT-PAST-DEADLINE", "Chậm nhất là ngày 01 tháng 7 năm 2026, Nền tảng hợp đồng lao động điện tử phải được chính "
     "thức đưa vào vận hành.", None, {"at": "2026-06-01"}),
    # 42/2026/NĐ-CP Điều 70 khoản 3: a condition on the past, not a deadline
    ("OUT-PAST-DEADLINE", "Đối với khu rừng đặc dụng, khu rừng phòng hộ đã được cấp có thẩm quyền phê duyệt luận chứng "
     "kinh tế kỹ thuật hoặc dự án xác lập khu rừng trước ngày 01 tháng 01 năm 2019 thì tiếp tục thực hiện.", None, {}),
    # 25/2026/NĐ-CP Điều 22 khoản 1 điểm e
    ("BUR-CERTIFIED-COPY", "Bản sao có chứng thực hoặc tệp tin bản sao điện tử được chứng thực theo quy định giấy tờ về "
     "cư trú hoặc giấy phép lao động tại Việt Nam đối với người nước ngoài.", "Bản sao có chứng thực", {}),
    # 280/2025/NĐ-CP Điều 1 khoản 3: the rule that forbids the burden
    ("BUR-CERTIFIED-COPY", "Trường hợp pháp luật quy định giấy tờ, tài liệu được cấp dưới dạng bản điện tử thì cơ quan, tổ "
     "chức có trách nhiệm tiếp nhận, sử dụng bản điện tử đó, không được yêu cầu nộp bản sao có chứng thực.", None, {}),
    # vbpl_docs.jsonl (Nghị định on electing commune chairs)
    ("BUR-DOSSIER-SETS", "Thường trực Hội đồng nhân dân cấp xã gửi 02 bộ hồ sơ kết quả bầu Chủ tịch, Phó Chủ tịch Ủy "
     "ban nhân dân cùng cấp", "02 bộ", {}),
    # 06/2026/TT-BTC Điều 1 khoản 2
    ("BUR-DOSSIER-SETS", "người nộp Đơn đề nghị nộp 01 bộ hồ sơ giấy gồm các chứng từ quy định tại khoản 1 Điều này", None,
     {}),
    # 01/2026/QĐ-TTg Điều 71 khoản 3
    ("BUR-TIME-LIMIT", "Bộ Nội vụ trong thời hạn 90 ngày làm việc kể từ ngày nhận được hồ sơ, trả kết quả cấp đổi cho bộ, "
     "ban, ngành, tỉnh.", "trong thời hạn 90 ngày làm việc", {}),
    # 06/2026/TT-BTC Điều 1 khoản 3: 20 days is under the portal's 90th percentile
    ("BUR-TIME-LIMIT", "Trong thời hạn 20 ngày làm việc kể từ ngày tiếp nhận đầy đủ bộ hồ sơ đề nghị, Cục Hải quan kiểm "
     "tra các nội dung.", None, {}),
    # 35/2026/NĐ-CP Điều 26: a duty of the state, not the processing time of a dossier
    ("BUR-TIME-LIMIT", "Trong thời hạn tối đa 12 tháng, kể từ ngày Nghị định này có hiệu lực thi hành, Ủy ban nhân dân "
     "cấp tỉnh sau sắp xếp có trách nhiệm lập và phê duyệt chương trình.", None, {}),
    # phapdien_articles_sample.jsonl
    ("BUR-COMMUNE-CONFIRMATION", "Giấy tờ có xác nhận của Ủy ban nhân dân cấp xã về nhà ở, đất ở không có tranh chấp "
     "quyền sở hữu nhà ở", "có xác nhận của Ủy ban nhân dân cấp xã", {}),
    ("BUR-COMMUNE-CONFIRMATION", "Giấy tờ chứng minh nơi cư trú được khai thác từ Cơ sở dữ liệu quốc gia về dân cư.", None,
     {}),  # constructed
    # 116/2025/QH15 Điều 29 khoản 1
    ("BUR-LICENCE", "Doanh nghiệp kinh doanh sản phẩm, dịch vụ an ninh mạng phải có giấy phép kinh doanh sản phẩm, dịch "
     "vụ an ninh mạng.", "phải có giấy phép", {}),
    ("BUR-LICENCE", "Hộ kinh doanh không phải có giấy phép khi bán lẻ sản phẩm này.", None, {}),  # constructed
    # 146/2025/QH15 Điều 12 khoản 36
    ("BUR-BUSINESS-CONDITION", "Cấp, cấp lại, gia hạn Chứng chỉ hành nghề thú y", "Chứng chỉ hành nghề", {}),
    ("BUR-BUSINESS-CONDITION", "Doanh nghiệp được hoàn trả tiền ký quỹ trong thời hạn 05 ngày làm việc.", None, {}),
    # 25/2026/NĐ-CP Điều 34 khoản 7
    ("BUR-FEE", "Chủ đầu tư dự án, tổ chức, cá nhân thực hiện nộp phí thẩm định theo quy định của pháp luật về phí và lệ "
     "phí khi nộp hồ sơ đề nghị thẩm định Kế hoạch phòng ngừa, ứng phó sự cố hóa chất.", "nộp phí", {}),
    ("BUR-FEE", "Miễn lệ phí đối với hồ sơ đề nghị cấp lại do thay đổi địa giới hành chính.", None, {}),  # constructed
    # 145/2020/NĐ-CP Điều 5 khoản 2 (abridged)
    ("BUR-OPEN-DOSSIER", "Hồ sơ gồm văn bản đề nghị; số Giấy phép lao động và các giấy tờ khác theo yêu cầu.",
     "các giấy tờ khác theo yêu cầu", {}),
    ("BUR-OPEN-DOSSIER", "Hồ sơ gồm văn bản đề nghị và bản sao Giấy phép lao động.", None, {}),
    # 25/2026/NĐ-CP Điều 22 khoản 1 điểm a: in person or by post, or online
    ("BUR-IN-PERSON", "Văn bản đề nghị cấp chứng chỉ tư vấn là bản gốc trong trường hợp nộp trực tiếp hoặc thông qua "
     "dịch vụ bưu chính; tệp tin chụp từ bản gốc trong trường hợp nộp trực tuyến;", None, {}),
    ("BUR-IN-PERSON", "Người đề nghị phải nộp trực tiếp hồ sơ tại Sở Tư pháp.", "nộp trực tiếp", {}),  # constructed
    # 145/2020/NĐ-CP Điều 32 khoản 2
    ("BUR-PERIODIC-REPORT", "Định kỳ hằng quý báo cáo về tình hình thực hiện ký quỹ của doanh nghiệp cho thuê lại theo "
     "Mẫu số 11/PLIII Phụ lục III ban hành kèm theo Nghị định này", "Định kỳ hằng quý báo cáo", {}),
    ("BUR-PERIODIC-REPORT", "Báo cáo đột xuất theo yêu cầu của cơ quan có thẩm quyền.", None, {}),  # constructed
    # 26/2026/NĐ-CP Điều 17 khoản 3 điểm d: a yearly licence, applied for again every year
    ("BUR-SHORT-VALIDITY", "Giấy phép sản xuất hóa chất cấm có thời hạn 12 tháng kể từ ngày cấp.",
     "có thời hạn 12 tháng", {}),
    # 26/2026/NĐ-CP Điều 14 khoản 6 điểm đ: a licence for one shipment, not a period to renew (final reading, #46)
    ("BUR-SHORT-VALIDITY", "Giấy phép xuất khẩu, nhập khẩu hóa chất cần kiểm soát đặc biệt có thời hạn 06 tháng kể từ ngày "
     "cấp.", None, {}),
    ("BUR-SHORT-VALIDITY", "Giấy phép xuất khẩu, nhập khẩu hóa chất có thời hạn 05 năm kể từ ngày cấp.", None, {}),
    # 146/2025/QH15 Điều 11 khoản 2
    ("BUR-AGENCY-SEQUENCE", "Việc cấp, gia hạn, sửa đổi, bổ sung quyết định cấp phép nghiên cứu khoa học cho tổ chức, cá "
     "nhân nước ngoài được thực hiện sau khi lấy ý kiến các bộ quản lý ngành, lĩnh vực có liên quan.",
     "lấy ý kiến các bộ quản lý ngành, lĩnh vực có liên quan", {}),
    ("BUR-AGENCY-SEQUENCE", "Bộ Tư pháp lấy ý kiến các bộ, cơ quan ngang bộ có liên quan đối với dự thảo văn bản.", None,
     {}),  # constructed
]  # fmt: skip


@pytest.mark.parametrize(("code", "text", "expected", "options"), TEXT_ROWS)
def test_text_rule_rows(code, text, expected, options):
    hits = run_rule(code, [text], **options)
    if expected is None:
        assert hits == [], [h.text for h in hits]
    else:
        assert [h.text for h in hits] == [expected]
        h = hits[0]
        assert text[h.start : h.end] == expected and h.message and h.message_en


def test_every_rule_has_rows():
    graph_rules = {
        "OUT-LEGAL-BASIS-EXPIRED", "OUT-REF-EXPIRED", "OUT-REF-AMENDED", "OUT-REF-DANGLING",
        "OUT-DETAIL-PARENT-EXPIRED", "OUT-STATUS-DISAGREES", "BUR-RESTRICTION-DENSITY",
        "QUA-TTHC-MISSING-COMPONENT",
    }  # fmt: skip
    covered = {code for code, *_ in TEXT_ROWS}
    assert set(RULES) <= covered | graph_rules
    for code in covered:
        rows = [r for r in TEXT_ROWS if r[0] == code]
        assert any(r[2] for r in rows) and any(r[2] is None for r in rows), code
    # the graph rules' rows: a date where the finding is there and one where it is not
    for code in {code for code, *_ in GRAPH_ROWS}:
        present = {r[4] for r in GRAPH_ROWS if r[0] == code}
        assert present == {True, False}, code
    # every catalogue row names a registered shape (and check of it), and every shape and check serves a rule
    rows = catalogue()
    assert {row["shape"] for row in rows} == set(SHAPES)
    assert {(row["shape"], row["check"]) for row in rows if row["check"]} == set(CHECKS)


def test_name_in_a_document_written_after_the_reorganisation_is_deliberate():
    text = "Chủ tịch Ủy ban nhân dân cấp huyện quyết định."
    assert run_rule("OUT-ABOLISHED-BODY", [text])
    assert run_rule("OUT-ABOLISHED-BODY", [text], issued="2025-09-01") == []


def test_bare_level_words_rank_below_named_bodies():
    (bare,) = run_rule(
        "OUT-ABOLISHED-BODY", ["Thực hiện quản lý hòa giải viên lao động trên địa bàn cấp huyện."]
    )
    (named,) = run_rule("OUT-ABOLISHED-BODY", ["Bộ Giao thông vận tải chịu trách nhiệm quản lý nhà nước."])
    assert bare.confidence < named.confidence


def test_restriction_density():
    dense = "Doanh nghiệp phải có giấy phép và không được chuyển nhượng giấy phép cho tổ chức khác. " * 40
    plain = "Cơ quan có thẩm quyền không phải lấy ý kiến và hướng dẫn doanh nghiệp thực hiện thủ tục. " * 40
    snap = fx.snapshot(
        [fx.doc(d, title=f"Văn bản {d}") for d in "AB"],
        [fx.unit("A", "dieu_1", dense), fx.unit("B", "dieu_1", plain)],
    )
    ctx = RuleContext.load(snap, "2026-11-27")
    hits = list(RULES["BUR-RESTRICTION-DENSITY"].func(ctx))
    assert [h.doc for h in hits] == ["A"]


def test_stated_status_disagrees():
    # constructed: the source saved "Còn hiệu lực" for a decree another decree in the corpus repeals from 2022
    old, new = "1/2020/NĐ-CP", "2/2022/NĐ-CP"
    snap = fx.snapshot(
        [fx.doc(old, stated_status="Còn hiệu lực", title="Nghị định cũ"), fx.doc(new, issued="2022-01-01")],
        fx.units(old, [("dieu_1", "Quy định.")]) + fx.units(new, [("dieu_1", f"Bãi bỏ Nghị định số {old}.")]),
        [fx.ref(new, "dieu_1", "repeals", old, text=f"Nghị định số {old}", start=7)],
    )

    def hits(at):
        return list(RULES["OUT-STATUS-DISAGREES"].func(RuleContext.load(snap, at)))

    assert hits("2021-06-01") == []  # not yet repealed: the source is right
    (h,) = hits("2023-01-01")
    assert h.doc == old and h.text == "Nghị định cũ" and [e.doc for e in h.evidence] == [new]
    assert h.message == (
        "Nguồn ghi “Còn hiệu lực” nhưng tính đến ngày 01/01/2023 văn bản “hết hiệu lực toàn bộ” "
        f"(do {new}, từ ngày 01/01/2022)."
    )
    assert h.message_en == "The source states “Còn hiệu lực”, the computed status on 2023-01-01 is expired."


def test_procedure_profile_and_cost_estimate():
    heading = "Trình tự, thủ tục cấp giấy phép thử nghiệm"
    texts = [
        "Hồ sơ đề nghị cấp giấy phép gồm:",
        "Trong thời hạn 45 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Khoa học và Công nghệ cấp giấy phép. "
        "Giấy phép có giá trị trong thời hạn 02 năm. Lệ phí cấp giấy phép là 500.000 đồng.",
    ]
    items = [("dieu_5", "", heading)] + [(f"dieu_5__khoan_{i}", t) for i, t in enumerate(texts, 1)]
    items.append(("dieu_5__khoan_1__diem_a", "Đơn đề nghị theo Mẫu số 01;"))
    ctx = RuleContext.load(fx.snapshot([fx.doc("X")], fx.units("X", items)), "2026-11-27")
    (p,) = profiles(ctx)
    assert p.time_limit_days == 45 and p.working_days is True
    assert p.validity_months == 24 and p.fees_vnd == (500000,)
    assert p.dossier_items == ("Đơn đề nghị theo Mẫu số 01;",) and not p.missing
    est = compliance_cost(
        p, CostParameters(people_per_year=1000, hourly_cost_vnd=50000, hours_per_application=8)
    )
    assert est.frequency_per_year == 0.5
    assert est.per_application_vnd == 8 * 50000 + 500000
    assert est.per_year_vnd == est.per_application_vnd * 1000 * 0.5
    assert "estimate" in est.label and est.inputs["people_per_year"] == 1000


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("findings")
    build([DATA / "timeline", DATA / "findings"], out, jobs=1, engines=())
    return out


GRAPH_ROWS = [
    # (rule, date, document, unit or None, present?)
    ("OUT-REF-EXPIRED", "2021-08-01", "03/2021/TT-BTC", "dieu_1__khoan_2", True),  # khoản 3 Điều 2 repealed
    ("OUT-REF-EXPIRED", "2021-05-01", "03/2021/TT-BTC", "dieu_1__khoan_2", False),
    ("OUT-REF-AMENDED", "2021-08-01", "03/2021/TT-BTC", "dieu_1__khoan_1", True),  # khoản 1 Điều 2 amended
    ("OUT-REF-AMENDED", "2021-05-01", "03/2021/TT-BTC", "dieu_1__khoan_1", False),
    ("OUT-REF-DANGLING", "2021-05-01", "03/2021/TT-BTC", "dieu_1__khoan_3", True),  # khoản 9 Điều 2: none
    ("OUT-REF-DANGLING", "2021-05-01", "03/2021/TT-BTC", "dieu_1__khoan_1", False),
    ("OUT-LEGAL-BASIS-EXPIRED", "2025-06-01", "20/2021/NĐ-CP", "preamble", True),  # Luật 50/2019 replaced
    ("OUT-LEGAL-BASIS-EXPIRED", "2024-06-01", "20/2021/NĐ-CP", "preamble", False),
    ("OUT-DETAIL-PARENT-EXPIRED", "2025-06-01", "10/2020/NĐ-CP", "dieu_1", True),
    ("OUT-DETAIL-PARENT-EXPIRED", "2024-12-31", "10/2020/NĐ-CP", "dieu_1", False),
    ("QUA-TTHC-MISSING-COMPONENT", "2021-05-01", "10/2020/NĐ-CP", "dieu_2", True),  # time limit is in Điều 3
    ("QUA-TTHC-MISSING-COMPONENT", "2021-05-01", "10/2020/NĐ-CP", "dieu_3", False),
    # a repealed clause is not reviewed any more
    ("BUR-COMMUNE-CONFIRMATION", "2021-05-01", "10/2020/NĐ-CP", "dieu_2__khoan_3", True),
    ("BUR-COMMUNE-CONFIRMATION", "2021-08-01", "10/2020/NĐ-CP", "dieu_2__khoan_3", False),
]


@pytest.mark.parametrize(("code", "at", "doc", "unit", "present"), GRAPH_ROWS)
def test_graph_rule_rows(small, code, at, doc, unit, present):
    with open_corpus(small) as c:
        found = [(f.doc, f.unit) for f in c.findings(at, code=code)]
    assert ((doc, unit) in found) is present, found


def test_finding_shape_and_ranking(small):
    with open_corpus(small) as c:
        found = c.findings("2025-06-01")
    assert found == sorted(found, key=lambda f: -f.score)
    d = found[0].to_dict()
    assert set(d) >= {"id", "code", "kind", "severity", "doc", "unit", "text", "start", "end", "message",
                      "message_en", "evidence", "score", "score_parts", "action", "decision"}  # fmt: skip
    for f in found:
        assert abs(sum(f.score_parts.values()) - f.score) < 1e-3
        assert f.kind in ("outdated", "burden", "quality") and f.action in (
            "amend",
            "replace",
            "repeal",
            "review",
        )
    assert len({f.id for f in found}) == len(found)


def test_decisions_survive_rebuilds_and_go_stale_when_the_evidence_changes(tmp_path):
    build([DATA / "timeline", DATA / "findings"], tmp_path, jobs=1, engines=())
    with open_corpus(tmp_path) as c:
        (f,) = [x for x in c.findings("2021-08-01", code="OUT-REF-AMENDED") if x.doc == "03/2021/TT-BTC"]
        assert f.evidence[-1].doc == "20/2021/NĐ-CP"
        c.decide(f.id, "accept", "cập nhật dẫn chiếu", at="2021-08-01")
    build([DATA / "timeline", DATA / "findings"], tmp_path, jobs=1, engines=(), force=True)
    with open_corpus(tmp_path) as c:
        (same,) = [x for x in c.findings("2021-08-01", code="OUT-REF-AMENDED") if x.id == f.id]
        assert same.decision == "accept" and same.note == "cập nhật dẫn chiếu" and not same.stale
        # By 2023 NĐ 25/2022 amended the clause again: the evidence changed, the decision needs another look.
        (later,) = [x for x in c.findings("2023-06-01", code="OUT-REF-AMENDED") if x.id == f.id]
        assert later.evidence[-1].doc == "25/2022/NĐ-CP"
        assert later.decision == "accept" and later.stale
        # a note alone keeps the decision
        c.decide(f.id, None, "đã rà soát lại", at="2023-06-01")
        (again,) = [x for x in c.findings("2023-06-01", code="OUT-REF-AMENDED") if x.id == f.id]
        assert again.decision == "accept" and again.note == "đã rà soát lại" and not again.stale


def test_stable_id():
    assert finding_id("X", "a", "b", "Tổng  cục  Hải quan") == finding_id("X", "a", "b", "tổng cục hải quan")
    assert finding_id("X", "a", "b", "t") != finding_id("X", "a", "c", "t")


def test_cli_findings_decide_report(small, tmp_path):
    runner = CliRunner()
    where = ["--corpus", str(small)]
    r = runner.invoke(main, ["findings", "--at", "2025-06-01", "--kind", "outdated", *where])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert rows and all(x["kind"] == "outdated" for x in rows)
    r = runner.invoke(main, ["findings", "--at", "2025-06-01", "--format", "csv", *where])
    assert r.output.startswith("\ufeffid,score,severity,code,doc")
    fid = rows[0]["id"]
    r = runner.invoke(main, ["decide", fid, "reject", "--note", "không đồng ý", "--at", "2025-06-01", *where])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["findings", "--at", "2025-06-01", "--doc", rows[0]["doc"], *where])
    assert next(x for x in json.loads(r.output) if x["id"] == fid)["decision"] == "reject"
    r = runner.invoke(main, ["decide", "nope", "accept", *where])
    assert r.exit_code == 1 and "nope" in r.output
    out = tmp_path / "rep"
    r = runner.invoke(main, ["report", "--out", str(out), "--at", "2025-06-01", *where])
    assert r.exit_code == 0, r.output
    paths = json.loads(r.output)
    html = Path(paths["html"]).read_text(encoding="utf-8")
    assert "10/2020/NĐ-CP" in html and "OUT-DETAIL-PARENT-EXPIRED" in html

    # the workbook a reviewer filled in is imported back
    from openpyxl import load_workbook

    from review.report import read_xlsx_decisions

    wb = load_workbook(paths["xlsx"])
    ws = wb.worksheets[0]
    headers = [str(c.value or "") for c in ws[1]]
    col_id = next(i for i, h in enumerate(headers) if "(id)" in h)
    col_decision = next(i for i, h in enumerate(headers) if "(decision)" in h)
    target = None
    for row in ws.iter_rows(min_row=2):
        if row[col_id].value != fid:
            target = row[col_id].value
            row[col_decision].value = "chấp nhận"
            break
    wb.save(tmp_path / "filled.xlsx")
    assert read_xlsx_decisions(tmp_path / "filled.xlsx")[target][0] == "accept"
    r = runner.invoke(
        main, ["decide", "--from-xlsx", str(tmp_path / "filled.xlsx"), "--at", "2025-06-01", *where]
    )
    assert r.exit_code == 0 and "imported" in r.output
    r = runner.invoke(main, ["findings", "--at", "2025-06-01", *where])
    assert next(x for x in json.loads(r.output) if x["id"] == target)["decision"] == "accept"


def test_import_decisions_counts_the_ids_no_longer_found(small, tmp_path):
    from review.findings import DecisionImport, import_decisions

    with open_corpus(small) as c:
        found = c.findings("2025-06-01")
        wanted = {
            found[0].id: ("accept", None),
            found[1].id: (None, "xem lại"),
            "0000000000000000": ("reject", None),
        }
        assert import_decisions(c.store, found, wanted) == DecisionImport(imported=2, missing=1)
        again = {f.id: f for f in c.findings("2025-06-01")}
        assert again[found[0].id].decision == "accept" and again[found[1].id].note == "xem lại"


def test_costed_procedures_and_their_csv_rows(tmp_path):
    from review.findings.tthc import CostParameters
    from review.report.csv_rows import PROCEDURE_COLUMNS, finding_csv_row, procedure_csv_row

    source = tmp_path / "src" / "nd.txt"
    source.parent.mkdir()
    source.write_text(
        "CHÍNH PHỦ\nSố: 99/2024/NĐ-CP\nHà Nội, ngày 10 tháng 01 năm 2024\n\nNGHỊ ĐỊNH\nQuy định về giấy phép\n\n"
        "Điều 1. Trình tự, thủ tục cấp giấy phép thử nghiệm\n1. Hồ sơ đề nghị cấp giấy phép gồm:\n"
        "a) Đơn đề nghị theo Mẫu số 01;\n2. Trong thời hạn 45 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Khoa "
        "học và Công nghệ cấp giấy phép. Giấy phép có giá trị trong thời hạn 02 năm. Lệ phí cấp giấy phép là "
        "500.000 đồng.\n\nĐiều 2. Hiệu lực thi hành\nNghị định này có hiệu lực thi hành từ ngày 01 tháng 3 năm 2024.\n",
        encoding="utf-8",
    )
    build([source.parent], tmp_path / "idx", jobs=1, engines=())
    with open_corpus(tmp_path / "idx") as c:
        (plain,) = c.costed_procedures()
        assert plain.estimate is None and "cost_estimate" not in plain.to_dict()
        assert c.costed_procedures(people=10) == [plain]  # both inputs are needed for an estimate
        (item,) = c.costed_procedures(people=10, hourly_cost=1000.0, hours=2.0)
        assert item.estimate == compliance_cost(item.profile, CostParameters(10, 1000.0, 2.0))
        frame = c.procedures_frame(people=10, hourly_cost=1000.0, hours=2.0)
        assert frame.loc[0, "cost_per_year_vnd"] == item.estimate.per_year_vnd
        finding = next(f for f in c.findings() if f.evidence)
    row = procedure_csv_row(item)
    assert row["fees_vnd"] == "500000" and row["cost_per_year_vnd"] == item.estimate.per_year_vnd
    assert "cost_estimate" not in row and set(PROCEDURE_COLUMNS) <= set(row)
    flat = finding_csv_row(finding)
    assert isinstance(flat["evidence"], str) and json.loads(flat["score_parts"]) == finding.score_parts
