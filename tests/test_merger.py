"""Merged provinces (review merger): the documents of an authority and its predecessors in force on a date,
grouped by subject, conflicting provisions side by side, a stored decision per document that reaches the report."""

from __future__ import annotations

import pytest

from review.findings.merger import merger_groups, quantities, title_words
from tests.factories import doc, ref, snapshot, units

HCM_FEE = "Quy định thời hạn giải quyết thủ tục cấp giấy phép xây dựng"


def _snap():
    docs = [
        doc("10/2022/QĐ-UBND@HCM", type="Quyết định", title=HCM_FEE + " trên địa bàn Thành phố Hồ Chí Minh",
            issued="2022-01-01", authority="HCM"),
        doc("20/2021/QĐ-UBND@BD", type="Quyết định", title=HCM_FEE + " trên địa bàn tỉnh Bình Dương",
            issued="2021-01-01", authority="BD"),
        doc("30/2020/QĐ-UBND@BRVT", type="Quyết định", title="Quy định mức thu học phí", issued="2020-01-01",
            authority="BRVT"),
        doc("40/2019/QĐ-UBND@BD", type="Quyết định", title="Quy định cũ đã hết hiệu lực", issued="2019-01-01",
            authority="BD"),
        doc("50/2021/QĐ-UBND@HN", type="Quyết định", title=HCM_FEE, issued="2021-01-01", authority="HN"),
        doc("15/2021/NĐ-CP", title="Quy định chi tiết một số nội dung về quản lý dự án đầu tư xây dựng"),
    ]  # fmt: skip
    us = units(
        "10/2022/QĐ-UBND@HCM",
        [
            (
                "dieu_3",
                "Thời hạn cấp giấy phép xây dựng là 15 ngày làm việc kể từ ngày "
                "nhận đủ hồ sơ hợp lệ; hồ sơ gồm 01 bộ.",
            )
        ],
    )
    us += units(
        "20/2021/QĐ-UBND@BD",
        [
            (
                "dieu_4",
                "Thời hạn cấp giấy phép xây dựng là 20 ngày làm việc kể từ ngày "
                "nhận đủ hồ sơ hợp lệ; hồ sơ gồm 01 bộ.",
            )
        ],
    )
    us += units("30/2020/QĐ-UBND@BRVT", [("dieu_1", "Mức thu học phí là 300.000 đồng/tháng.")])
    refs = [
        ref("10/2022/QĐ-UBND@HCM", "preamble", "legal_basis", "15/2021/NĐ-CP", part="preamble"),
        ref("20/2021/QĐ-UBND@BD", "preamble", "legal_basis", "15/2021/NĐ-CP", part="preamble"),
        ref("10/2022/QĐ-UBND@HCM", "preamble", "legal_basis", "77/2015/QH13", part="preamble"),  # generic
        ref("30/2020/QĐ-UBND@BRVT", "preamble", "legal_basis", "77/2015/QH13", part="preamble"),
        ref("50/2021/QĐ-UBND@HN", "dieu_1", "repeals", "40/2019/QĐ-UBND@BD"),  # cannot act: another province
    ]  # fmt: skip
    return snapshot(docs, us, refs)


def test_groups_and_conflicts():
    groups = merger_groups(_snap(), "HCM", "2025-08-01")
    got = [sorted(d.doc for d in g.docs) for g in groups]
    assert ["10/2022/QĐ-UBND@HCM", "20/2021/QĐ-UBND@BD"] in got  # one subject: same decree implemented
    assert ["30/2020/QĐ-UBND@BRVT"] in got  # a generic basis (the local government law) does not group
    assert all("50/2021/QĐ-UBND@HN" not in g for g in got)  # another province's document
    first = groups[0]
    assert first.bases == ("15/2021/NĐ-CP",)
    kinds = {(c.kind, c.left_values, c.right_values) for c in first.conflicts}
    assert ("time_limit", ("15 ngày làm việc",), ("20 ngày làm việc",)) in kinds or (
        "time_limit", ("20 ngày làm việc",), ("15 ngày làm việc",)) in kinds  # fmt: skip
    assert all(c.kind != "dossier" for c in first.conflicts)  # 01 bộ on both sides is no conflict


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("trong thời hạn 05 ngày làm việc", {"time_limit": ("05 ngày làm việc",)}),
        ("mức thu 50.000 đồng/hồ sơ", {"fee": ("50.000 đồng",)}),
        ("hồ sơ gồm 02 bộ", {"dossier": ("02 bộ",)}),
        ("không có con số nào", {}),
    ],
)
def test_quantities(text, expected):
    assert quantities(text) == expected


def test_title_words_drop_places_and_form_words():
    assert title_words("Quy định về phí trên địa bàn tỉnh Bình Dương") == frozenset({"phí"})


def test_decisions_are_stored_and_reach_the_report(demo_copy, tmp_path):
    from docx import Document

    from review import open_corpus
    from review.errors import UsageError

    with open_corpus(demo_copy) as c:
        own = next(d for d in c.snapshot.documents.values() if d.authority == "HCM")
        c.merger_decide("HCM", own.id, "keep", "Tiếp tục áp dụng đến khi thay thế")
        with pytest.raises(UsageError):
            c.merger_decide("HCM", own.id, "maybe")
        hn = next(d for d in c.snapshot.documents.values() if d.authority == "HN")
        with pytest.raises(UsageError):
            c.merger_decide("HCM", hn.id, "repeal")  # not HCM's nor a predecessor's
        groups = c.merger("HCM", "2026-01-01")
        decided = [d for g in groups for d in g.docs if d.decision]
        assert [(d.doc, d.decision) for d in decided] == [(own.id, "keep")]
        paths = c.review_report(tmp_path, "2026-01-01", authority="HCM", letterhead={"office": "Sở Tư pháp"})
    docx = Document(paths["docx"])
    last = docx.tables[-2]  # the merger section, before the signature block
    assert last.rows[1].cells[3].text == "tiếp tục áp dụng" and own.id in last.rows[1].cells[1].text


def test_cli_and_web_decisions(demo_copy):
    import re
    import time

    from click.testing import CliRunner

    from review.cli import main
    from review.web import create_app

    run = CliRunner().invoke(
        main, ["merger", "--authority", "HCM", "--at", "2026-01-01", "--corpus", str(demo_copy)]
    )
    assert run.exit_code == 0 and "@HCM" in run.output
    client = create_app(demo_copy).test_client()
    for _ in range(60):  # the app warms up today's findings first; the page waits for the one worker
        r = client.get("/merger?authority=HCM&at=2026-01-01")
        if r.status_code != 503:
            break
        time.sleep(1)
    page = r.get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page)[1]
    doc_id = re.search(r'name="doc" value="([^"]+)"', page)[1]
    assert (
        client.post(
            "/merger/decision", data={"authority": "HCM", "doc": doc_id, "decision": "repeal"}
        ).status_code
        == 403
    )
    r = client.post("/merger/decision", data={"authority": "HCM", "doc": doc_id, "decision": "repeal",
                                              "note": "Đã có văn bản mới", "csrf_token": token})  # fmt: skip
    assert r.status_code == 302
    groups = client.get("/merger.json?authority=HCM&at=2026-01-01").get_json()
    decided = {d["doc"]: d["decision"] for g in groups for d in g["docs"]}
    assert decided[doc_id] == "repeal"
    bad = client.post(
        "/merger/decision", data={"authority": "HCM", "doc": doc_id, "decision": "x", "csrf_token": token}
    )
    assert bad.status_code == 400
    run = CliRunner().invoke(
        main, ["merger-decide", "--authority", "HCM", doc_id, "none", "--corpus", str(demo_copy)]
    )
    assert run.exit_code == 0 and '"decision": null' in run.output
