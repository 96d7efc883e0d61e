"""The annual list of expired documents (review expired): which documents of an authority land in part A (whole)
or part B (in part) of a year, with their grounds; the CSV (BOM), XLSX and DOCX read back; the CLI and the page."""

from __future__ import annotations

import csv
import re

import pytest
from click.testing import CliRunner

from review.errors import UnknownAuthority
from review.findings.authority import authority_filter
from review.graph import status_engine
from review.report.expired import expired_in_year, write_expired_csv, write_expired_docx, write_expired_xlsx
from tests.factories import doc, ref, snapshot, units


def _snap():
    docs = [
        doc("10/2020/NĐ-CP", issuer="Chính phủ", title="Quy định về thử nghiệm", issued="2020-01-10"),
        doc("20/2025/NĐ-CP", issuer="Chính phủ", title="Thay thế Nghị định 10", issued="2025-03-01"),
        doc("11/2021/NĐ-CP", issuer="Chính phủ", title="Nghị định được sửa một phần", issued="2021-05-01"),
        doc("05/2019/TT-BTC", type="Thông tư", issuer="Bộ Tài chính", title="Thông tư cũ", issued="2019-01-01"),
        doc("30/2023/QĐ-UBND@HCM", type="Quyết định", issuer="Ủy ban nhân dân Thành phố Hồ Chí Minh",
            title="Quy định phí", issued="2023-01-01", authority="HCM"),
        doc("12/2020/QĐ-UBND@BD", type="Quyết định", issuer="Ủy ban nhân dân tỉnh Bình Dương",
            title="Quy định phí Bình Dương", issued="2020-01-01", authority="BD"),
        doc("40/2025/QĐ-UBND@HCM", type="Quyết định", issuer="Ủy ban nhân dân Thành phố Hồ Chí Minh",
            title="Bãi bỏ", issued="2025-09-01", authority="HCM"),
    ]  # fmt: skip
    us = units("20/2025/NĐ-CP", [("dieu_9", "Nghị định này thay thế Nghị định số 10/2020/NĐ-CP."),
                                 ("dieu_10", "Bãi bỏ Điều 3 Nghị định số 11/2021/NĐ-CP.")])  # fmt: skip
    us += units("11/2021/NĐ-CP", [("dieu_3", "Điều cũ."), ("dieu_4", "Điều khác.")])
    us += units(
        "40/2025/QĐ-UBND@HCM", [("dieu_2", "Bãi bỏ Quyết định số 12/2020/QĐ-UBND của UBND tỉnh Bình Dương.")]
    )
    refs = [
        ref("20/2025/NĐ-CP", "dieu_9", "replaces", "10/2020/NĐ-CP", text="Nghị định số 10/2020/NĐ-CP"),
        ref("20/2025/NĐ-CP", "dieu_10", "repeals", "11/2021/NĐ-CP", ["dieu_3"], text="Điều 3 Nghị định số 11/2021"),
        ref("40/2025/QĐ-UBND@HCM", "dieu_2", "repeals", "12/2020/QĐ-UBND@BD", text="Quyết định số 12/2020/QĐ-UBND"),
    ]  # fmt: skip
    return snapshot(docs, us, refs)


def _list(authority: str, year: int):
    snap = _snap()
    engine = status_engine(snap)
    _, wanted = authority_filter(authority, engine.tl.docs | snap.documents)
    return expired_in_year(engine, year, wanted)


@pytest.mark.parametrize(
    ("authority", "year", "expected"),
    [
        ("Chính phủ", 2025, [("whole", "10/2020/NĐ-CP"), ("partial", "11/2021/NĐ-CP")]),
        ("Chính phủ", 2024, []),  # nothing ended before the replacing decree took effect
        ("Chính phủ", 2026, []),  # already gone: not listed again
        ("Bộ Tài chính", 2025, []),  # another issuer's documents are not the government's
        ("HCM", 2025, [("whole", "12/2020/QĐ-UBND@BD")]),  # a merged predecessor's document
        ("BD", 2025, [("whole", "12/2020/QĐ-UBND@BD")]),
        ("HN", 2025, []),
    ],
)
def test_which_documents_are_listed(authority, year, expected):
    assert [(e.scope, e.doc) for e in _list(authority, year)] == expected


def test_rows_in_the_form_columns():
    whole, partial = _list("Chính phủ", 2025)
    a = whole.row(1)
    assert a["number_date"] == "10/2020/NĐ-CP ngày 10/01/2020" and a["expired_on"] == "01/03/2025"
    assert a["ground"] == "Được thay thế bởi Nghị định số 20/2025/NĐ-CP ngày 01/03/2025 (Điều 9)"
    b = partial.row(1)
    assert b["provisions"] == "Điều 3" and b["ground"].startswith("Bị bãi bỏ bởi Nghị định số 20/2025/NĐ-CP")


def test_an_unknown_authority_is_an_error():
    with pytest.raises(UnknownAuthority):
        _list("Bộ Không Tồn Tại", 2025)


def test_files_read_back(tmp_path):
    from docx import Document
    from openpyxl import load_workbook

    entries = _list("Chính phủ", 2025)
    raw = write_expired_csv(entries, tmp_path / "l.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][0] == "Phần (part)" and "Lý do hết hiệu lực, ngưng hiệu lực" in rows[0]
    assert [r[0] for r in rows[1:]] == ["A", "B"]

    wb = load_workbook(write_expired_xlsx(entries, tmp_path / "l.xlsx", caption="Chính phủ — năm 2025"))
    a, b = wb.worksheets
    assert a.cell(3, 3).value == "Số, ký hiệu; ngày, tháng, năm ban hành văn bản"
    assert a.cell(4, 3).value == "10/2020/NĐ-CP ngày 10/01/2020" and a.max_row == 4
    assert (
        b.cell(3, 5).value == "Nội dung, quy định hết hiệu lực, ngưng hiệu lực"
        and b.cell(4, 5).value == "Điều 3"
    )

    d = Document(str(write_expired_docx(entries, tmp_path / "l.docx", caption="Chính phủ — năm 2025")))
    assert len(d.tables) == 2
    assert d.tables[0].rows[1].cells[2].text == "10/2020/NĐ-CP ngày 10/01/2020"
    assert d.tables[1].rows[1].cells[4].text == "Điều 3"
    assert any("chưa kiểm chứng" in p.text for p in d.paragraphs)


def test_cli_and_page_on_the_demo_corpus(demo_corpus, tmp_path):
    from docx import Document

    from review.cli import main
    from review.web import create_app

    run = CliRunner().invoke(
        main, ["expired", "--authority", "HN", "--year", "2025", "--corpus", str(demo_corpus)]
    )
    assert run.exit_code == 0, run.output
    assert "28/2015/QĐ-UBND@HN" in run.output
    out = tmp_path / "hn.docx"
    run = CliRunner().invoke(main, ["expired", "--authority", "HN", "--year", "2025", "--format", "docx",
                                    "--out", str(out), "--corpus", str(demo_corpus)])  # fmt: skip
    cells = [r.cells[2].text for r in Document(str(out)).tables[0].rows]
    # a document only cited: its date as the citing text gives it, marked as taken from the citation
    assert run.exit_code == 0 and any(
        c.startswith("28/2015/QĐ-UBND ngày") and c.endswith("(theo văn bản dẫn chiếu)") for c in cells
    ), cells
    bad = CliRunner().invoke(
        main, ["expired", "--authority", "XX", "--year", "2025", "--corpus", str(demo_corpus)]
    )
    assert bad.exit_code == 1 and "E403" in bad.output

    import time

    client = create_app(demo_corpus).test_client()
    for _ in range(60):  # the app warms up today's findings first; the page waits for the one worker
        r = client.get("/expired?authority=HN&year=2025")
        if r.status_code != 503:
            break
        time.sleep(1)
    page = r.get_data(as_text=True)
    assert "Ngày hết hiệu lực, ngưng hiệu lực" in page
    assert re.search(r"28/2015/QĐ-UBND ngày [^<]*2015 \(theo văn bản dẫn chiếu\)", page)
    data = client.get("/expired.json?authority=HN&year=2025").get_json()
    assert data["authority"] == "Thành phố Hà Nội" and len(data["entries"]) >= 3
    xlsx = client.get("/expired/list.xlsx?authority=HN&year=2025")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    assert client.get("/expired.json?authority=XX&year=2025").status_code == 400


# --- the review report (review report --form review) -----------------------------------------------------------


def _finding(i: int, action: str, decision: str | None, doc_id: str = "10/2020/NĐ-CP"):
    from review.models import Evidence, Finding

    return Finding(f"f{i}", "OUT-TEST", "outdated", "high", doc_id, f"dieu_{i}", f"cụm từ {i}", 0, 5,
                   f"Thông điệp {i}", f"Message {i}", (Evidence("20/2025/NĐ-CP", "dieu_9", "replaces", "2025-03-01"),),
                   action=action, decision=decision, ground="Luật 64/2025/QH15", note="ghi chú" if decision else None)  # fmt: skip


@pytest.mark.parametrize(
    ("day", "text"),
    [("2026-03-05", "Hà Nội, ngày 05 tháng 3 năm 2026"), ("2026-02-15", "Hà Nội, ngày 15 tháng 02 năm 2026"),
     ("2025-12-01", "Hà Nội, ngày 01 tháng 12 năm 2025")],
)  # fmt: skip
def test_vietnamese_long_dates(day, text):
    from datetime import date

    from review.report.review_report import vi_long_date

    assert vi_long_date(date.fromisoformat(day), "Hà Nội") == text


def test_review_report_docx_and_html(tmp_path):
    from docx import Document

    from review.report.review_report import (
        Letterhead,
        build_review_report,
        write_review_docx,
        write_review_html,
    )

    findings = [_finding(1, "amend", "accept"), _finding(2, "repeal", "accept"), _finding(3, "repeal", "reject"),
                _finding(4, "amend", None)]  # fmt: skip
    lh = Letterhead(parent="Ủy ban nhân dân thành phố Hà Nội", office="Sở Tư pháp", number="12/BC-STP",
                    place="Hà Nội", signer="Nguyễn Văn A", signer_title="Giám đốc", recipients=("UBND Thành phố",))  # fmt: skip
    report = build_review_report(
        findings, letterhead=lh, at="2026-03-05", doc_titles={"10/2020/NĐ-CP": "Về thử"}
    )
    assert report.summary == [("sửa đổi, bổ sung", 2, 1), ("bãi bỏ", 2, 1)]
    assert [r.provision for r in report.rows] == ["Điều 1", "Điều 2"]  # accepted only, one row each
    assert report.totals == {"findings": 4, "accepted": 2, "rejected": 1, "undecided": 1, "documents": 1}

    d = Document(str(write_review_docx(report, tmp_path / "r.docx")))
    head = d.tables[0].rows[0].cells
    assert "SỞ TƯ PHÁP" in head[0].text and "Số: 12/BC-STP" in head[0].text
    assert "Hà Nội, ngày 05 tháng 3 năm 2026" in head[1].text
    summary, rows = d.tables[1], d.tables[2]
    assert [c.text for c in summary.rows[1].cells] == ["sửa đổi, bổ sung", "2", "1"]
    assert len(rows.rows) == 3 and rows.rows[1].cells[1].text == "10/2020/NĐ-CP Về thử"
    assert "Luật 64/2025/QH15" in rows.rows[1].cells[5].text and "20/2025/NĐ-CP" in rows.rows[1].cells[5].text
    assert "GIÁM ĐỐC" in d.tables[-1].rows[0].cells[1].text

    html = write_review_html(report, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "@page" in html and "ngày 05 tháng 3 năm 2026" in html and html.count("<tr><td>") == 2 + 2
    assert "Thông điệp 3" not in html  # a rejected finding is no proposal


def test_review_report_cli(demo_copy, tmp_path):
    import json

    from review.cli import main

    run = CliRunner().invoke(main, ["report", "--form", "review", "--out", str(tmp_path), "--field", "office=Sở Tư pháp",
                                    "--field", "place=Hà Nội", "--corpus", str(demo_copy)])  # fmt: skip
    assert run.exit_code == 0, run.output
    out = json.loads(run.output)
    assert out["findings"] > 0 and out["rows"] == out["accepted"]
    assert (tmp_path / "bao-cao-ra-soat.docx").exists() and (tmp_path / "bao-cao-ra-soat.html").exists()
    bad = CliRunner().invoke(
        main, ["report", "--form", "review", "--field", "colour=red", "--corpus", str(demo_copy)]
    )
    assert bad.exit_code == 1 and "unknown letterhead fields" in bad.output


# --- documents only cited: the issue date the citing text gives, or "chưa rõ" ---------------------------------


def _cited_snap():
    from dataclasses import replace

    docs = [doc("20/2025/NĐ-CP", issuer="Chính phủ", title="Bãi bỏ", issued="2025-03-01")]
    us = units("20/2025/NĐ-CP", [("dieu_9", "Bãi bỏ các Nghị định.")])
    dated = ref("20/2025/NĐ-CP", "dieu_9", "repeals", "15/2019/NĐ-CP", status="external",
                text="Nghị định số 15/2019/NĐ-CP ngày 15 tháng 5 năm 2019")  # fmt: skip
    refs = [
        replace(dated, target=replace(dated.target, date="2019-05-15")),
        ref("20/2025/NĐ-CP", "dieu_9", "repeals", "16/2019/NĐ-CP", status="external",
            text="Nghị định số 16/2019/NĐ-CP"),
    ]  # fmt: skip
    return snapshot(docs, us, refs)


@pytest.mark.parametrize(
    ("doc_id", "issued_from", "number_date"),
    [
        ("15/2019/NĐ-CP", "citation", "15/2019/NĐ-CP ngày 15 tháng 5 năm 2019 (theo văn bản dẫn chiếu)"),
        ("16/2019/NĐ-CP", None, "16/2019/NĐ-CP, ngày ban hành chưa rõ"),  # nothing known: said, not blank
    ],
)
def test_a_document_only_cited_shows_the_citations_date(doc_id, issued_from, number_date):
    from review.report.expired import cited_dates

    snap = _cited_snap()
    engine = status_engine(snap)
    _, wanted = authority_filter("Chính phủ", engine.tl.docs | snap.documents)
    entries = expired_in_year(engine, 2025, wanted, cited_dates(snap.references, snap.documents))
    entry = next(e for e in entries if e.doc == doc_id)
    row = entry.row(1)
    assert (entry.issued_from, row["number_date"]) == (issued_from, number_date)
    assert row["title"].startswith("chưa rõ") and row["type"]
