"""The HTML and XLSX renderings of findings, read back the way a reviewer's tools would read them.

The findings are built on real provisions quoted from the vbpl pages in corpus/vbpl/ (the obsolete agency name
"Tổng cục Hải quan" in Thông tư 13/2015/TT-BTC, the certified-copy requirement "bản sao có chứng thực" in Nghị
định 14/2026/NĐ-CP), plus one hostile finding: documents are untrusted input and must render as text.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from openpyxl import load_workbook

from review.errors import UsageError
from review.models import Evidence, Finding
from review.report import read_xlsx_decisions, write_html, write_xlsx
from review.report.summary import anchor_id

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "vbpl"

# Real provisions, quoted from corpus/vbpl/ (file, document, unit, sentence).
TT13_D7_K4 = (
    "Trong thời hạn 20 ngày kể từ ngày tiếp nhận đủ bộ hồ sơ đề nghị theo quy định tại khoản 1 Điều 6 Thông tư "
    "này, Tổng cục Hải quan (Cục Giám sát quản lý về hải quan) kiểm tra và thông báo bằng văn bản cho người nộp "
    "đơn về việc chấp nhận hoặc không chấp nhận đơn đề nghị."
)  # doc_000101.html, 13/2015/TT-BTC, dieu_7__khoan_4
TT13_D6 = (
    "Chủ thể quyền sở hữu trí tuệ hoặc người được ủy quyền nộp bộ hồ sơ gửi Tổng cục Hải quan (Cục Giám sát "
    "quản lý về hải quan) gồm:"
)  # doc_000101.html, 13/2015/TT-BTC, dieu_6
TT06_D2_K3 = (
    "Thay thế cụm từ “Tổng cục Hải quan (Cục Giám sát quản lý về hải quan)” bằng cụm từ “Cục Hải quan” tại "
    "khoản 3, khoản 4 Điều 7 Thông tư số 13/2015/TT-BTC khoản 4, khoản 6, khoản 7, khoản 9, khoản 10 Điều 1 "
    "Thông tư số 13/2020/TT-BTC."
)  # doc_000009.html, 06/2026/TT-BTC, dieu_2__khoan_3
ND14_D81 = (
    "Giấy phép môi trường của chủ cơ sở phá dỡ tàu biển được cơ quan nhà nước có thẩm quyền cấp (bản sao có "
    "chứng thực hoặc bản sao kèm bản chính để đối chiếu hoặc bản sao điện tử hoặc bản sao điện tử từ sổ gốc "
    "hoặc bản sao điện tử có chứng thực từ bản chính);"
)  # doc_000385.html, 14/2026/NĐ-CP, dieu_81__khoan_2__diem_b
ND280_D1_K3 = (
    "Trường hợp pháp luật quy định nộp bản sao thì cơ quan, tổ chức có trách nhiệm tiếp nhận bản sao không được "
    "yêu cầu xuất trình bản sao có chứng thực, chỉ có quyền yêu cầu xuất trình bản chính hoặc bản sao từ sổ gốc "
    "để đối chiếu hoặc tiến hành xác minh khi có căn cứ về việc bản sao giả mạo, bất hợp pháp."
)  # doc_000599.html, 280/2025/NĐ-CP, dieu_1__khoan_3

QUOTED = {
    "doc_000101.html": (TT13_D7_K4, TT13_D6),
    "doc_000009.html": (TT06_D2_K3,),
    "doc_000385.html": (ND14_D81,),
    "doc_000599.html": (ND280_D1_K3,),
}

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
HOSTILE_DOC = f"99/2025/QĐ-UBND{BREAKOUT}"
FORMULA = '=HYPERLINK("http://example.invalid","bấm vào đây")'


def _findings() -> list[Finding]:
    return [
        Finding(
            id="OUT-OBSOLETE-AGENCY:13/2015/TT-BTC#dieu_7__khoan_4:1",
            code="OUT-OBSOLETE-AGENCY",
            kind="outdated",
            severity="high",
            doc="13/2015/TT-BTC",
            unit="dieu_7__khoan_4",
            text="Tổng cục Hải quan (Cục Giám sát quản lý về hải quan)",
            start=137,
            end=189,
            message="Tên cơ quan không còn tồn tại: Tổng cục Hải quan đã được tổ chức lại thành Cục Hải quan.",
            message_en="The agency no longer exists: the General Department of Customs became the Customs Department.",
            evidence=(Evidence("06/2026/TT-BTC", "dieu_2__khoan_3", "amends", "2026-03-01"),),
            score=0.87,
            score_parts={"severity": 0.5, "evidence": 0.3, "in_force": 0.07},
            action="amend",
            ground="Điều 2 khoản 3 Thông tư số 06/2026/TT-BTC",
            ground_en="Article 2(3) of Circular 06/2026/TT-BTC",
            context=TT13_D7_K4,
        ),
        Finding(
            id="OUT-OBSOLETE-AGENCY:13/2015/TT-BTC#dieu_6:1",
            code="OUT-OBSOLETE-AGENCY",
            kind="outdated",
            severity="medium",
            doc="13/2015/TT-BTC",
            unit="dieu_6",
            text="Tổng cục Hải quan",
            start=63,
            end=80,
            message="Tên cơ quan không còn tồn tại.",
            message_en="The agency no longer exists.",
            evidence=(Evidence("06/2026/TT-BTC", "dieu_2__khoan_3", "amends", "2026-03-01"),),
            score=0.6,
            score_parts={"severity": 0.3, "evidence": 0.3},
            action="amend",
            context=TT13_D6,
        ),
        Finding(
            id="QUA-LIST-SEPARATOR:06/2026/TT-BTC#dieu_2__khoan_3:1",
            code="QUA-LIST-SEPARATOR",
            kind="quality",
            severity="low",
            doc="06/2026/TT-BTC",
            unit="dieu_2__khoan_3",
            text="Thông tư số 13/2015/TT-BTC khoản 4",
            start=120,
            end=154,
            message="Thiếu dấu phân cách giữa hai văn bản được dẫn chiếu.",
            message_en="A separator is missing between the two documents cited.",
            evidence=(Evidence("13/2020/TT-BTC", None, "amends", None),),
            score=0.2,
            score_parts={"style": 0.2},
            action="review",
            context=TT06_D2_K3,
        ),
        Finding(
            id="BUR-CERTIFIED-COPY:14/2026/NĐ-CP#dieu_81__khoan_2__diem_b:1",
            code="BUR-CERTIFIED-COPY",
            kind="burden",
            severity="medium",
            doc="14/2026/NĐ-CP",
            unit="dieu_81__khoan_2__diem_b",
            text="bản sao có chứng thực",
            start=86,
            end=107,
            message="Yêu cầu nộp bản sao có chứng thực trong khi có thể khai thác dữ liệu điện tử.",
            message_en="Requires a certified copy where electronic data could be used.",
            evidence=(
                Evidence("280/2025/NĐ-CP", "dieu_1__khoan_3", "amends", "2025-11-01", note="Điều 6 mới"),
            ),
            score=0.55,
            score_parts={"burden": 0.4, "frequency": 0.15},
            action="amend",
            decision="accept",
            note="Đề nghị đưa vào kế hoạch sửa đổi năm 2026.",
            context=ND14_D81,
        ),
        Finding(
            id="BUR-CERTIFIED-COPY:280/2025/NĐ-CP#dieu_1__khoan_3:1",
            code="BUR-CERTIFIED-COPY",
            kind="burden",
            severity="low",
            doc="280/2025/NĐ-CP",
            unit="dieu_1__khoan_3",
            text="xuất trình bản sao có chứng thực (không có trong ngữ cảnh)",
            start=0,
            end=10,
            message="Quy định về bản sao có chứng thực.",
            message_en="A rule on certified copies.",
            score=0.1,
            action="review",
            decision="reject",
            stale=True,
            context=ND280_D1_K3,
        ),
        Finding(
            id=f"QUA-HOSTILE:{HOSTILE_DOC}#dieu_1:{SCRIPT}",
            code="QUA-HOSTILE",
            kind="quality",
            severity="high",
            doc=HOSTILE_DOC,
            unit="dieu_1",
            text=SCRIPT,
            start=0,
            end=len(SCRIPT),
            message=f"Thông điệp {BREAKOUT}",
            message_en=FORMULA,
            evidence=(Evidence(f"{BREAKOUT}{SCRIPT}", None, "cites", None, note=SCRIPT),),
            score=0.5,
            action="repeal",
            ground=BREAKOUT,
            note=f"ghi chú {SCRIPT}",
            context=f"Điều 1. {BREAKOUT} {SCRIPT} hết.",
        ),
    ]


_STEP = re.compile(r"([a-z0-9]*)((?:[.#][\w-]+|\[[\w-]+(?:=\"?[^\]\"]*\"?)?\])*)")
_PART = re.compile(r"([.#])([\w-]+)|\[([\w-]+)(?:=\"?([^\]\"]*)\"?)?\]")


def _xpath(selector: str) -> str:
    """The few CSS selectors these tests use (tag, .class, #id, [attr], [attr=value], descendants, lists) as
    XPath, so the tests need lxml only."""
    paths = []
    for alternative in selector.split(","):
        steps = []
        for step in alternative.split():
            match = _STEP.fullmatch(step)
            assert match, step
            tests = []
            for kind, name, attr, value in _PART.findall(match.group(2)):
                if kind == ".":
                    tests.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')")
                elif kind == "#":
                    tests.append(f"@id='{name}'")
                elif value:
                    tests.append(f"@{attr}='{value}'")
                else:
                    tests.append(f"@{attr}")
            steps.append((match.group(1) or "*") + "".join(f"[{t}]" for t in tests))
        paths.append(".//" + "//".join(steps))
    return " | ".join(paths)


def _css(element: lxml.html.HtmlElement, selector: str) -> list[lxml.html.HtmlElement]:
    return element.xpath(_xpath(selector))


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", sorted(QUOTED))
def test_fixture_sentences_are_quoted_from_the_corpus(name: str) -> None:
    page = CORPUS / name
    if not page.exists():
        pytest.skip(f"{page} not present")
    text = _squash(lxml.html.parse(str(page)).getroot().text_content())
    for sentence in QUOTED[name]:
        assert _squash(sentence) in text


# --- HTML ---------------------------------------------------------------------------------------------------


@pytest.fixture
def html_report(tmp_path: Path) -> tuple[Path, lxml.html.HtmlElement]:
    path = write_html(
        _findings(),
        tmp_path / "out" / "report.html",
        at="2026-03-15",
        corpus_summary={"Số văn bản (documents)": 56},
        doc_titles={"13/2015/TT-BTC": "Quy định về kiểm tra, giám sát, tạm dừng làm thủ tục hải quan"},
    )
    return path, lxml.html.fromstring(path.read_text(encoding="utf-8"))


def _finding_article(root: lxml.html.HtmlElement, finding_id: str) -> lxml.html.HtmlElement:
    [article] = [a for a in _css(root, "article.finding") if a.get("data-id") == finding_id]
    return article


def test_html_header_and_summaries(html_report: tuple[Path, lxml.html.HtmlElement]) -> None:
    path, root = html_report
    assert path.name == "report.html"
    assert root.get("lang") == "vi"
    assert _css(root, "time")[0].get("datetime") == "2026-03-15"
    assert "15/03/2026" in _css(root, "header#top")[0].text_content()
    assert _css(root, "#total-findings")[0].text_content() == "6"
    assert _css(root, "#total-documents")[0].text_content() == "5"
    counts = {
        li.get("data-kind"): _css(li, "strong")[0].text_content()
        for li in _css(root, "#counts li[data-kind]")
    }
    assert counts == {"outdated": "2", "burden": "2", "quality": "2"}
    assert "Phát hiện (findings)" in _squash(_css(root, "main#findings h2")[0].text_content())
    assert "Số văn bản (documents)" in _css(root, "#corpus-summary")[0].text_content()

    by_rule = {tr.get("data-code"): _css(tr, "td") for tr in _css(root, "#by-rule tbody tr")}
    assert {code: cells[-1].text_content() for code, cells in by_rule.items()} == {
        "OUT-OBSOLETE-AGENCY": "2",
        "BUR-CERTIFIED-COPY": "2",
        "QUA-LIST-SEPARATOR": "1",
        "QUA-HOSTILE": "1",
    }
    assert by_rule["OUT-OBSOLETE-AGENCY"][1].text_content() == "lỗi thời"
    assert by_rule["BUR-CERTIFIED-COPY"][1].text_content() == "gánh nặng"
    assert "cao" in by_rule["OUT-OBSOLETE-AGENCY"][2].text_content()
    assert "trung bình" in by_rule["OUT-OBSOLETE-AGENCY"][2].text_content()

    by_doc = {tr.get("data-doc"): tr for tr in _css(root, "#by-doc tbody tr")}
    assert set(by_doc) == {"13/2015/TT-BTC", "06/2026/TT-BTC", "14/2026/NĐ-CP", "280/2025/NĐ-CP", HOSTILE_DOC}
    row = {td.get("data-kind"): td.text_content() for td in _css(by_doc["13/2015/TT-BTC"], "td[data-kind]")}
    assert row == {"outdated": "2", "burden": "0", "quality": "0"}
    assert "tạm dừng làm thủ tục hải quan" in by_doc["13/2015/TT-BTC"].text_content()


def test_html_finding_details_and_highlight(html_report: tuple[Path, lxml.html.HtmlElement]) -> None:
    _, root = html_report
    findings = {f.id: f for f in _findings()}
    first = _finding_article(root, "OUT-OBSOLETE-AGENCY:13/2015/TT-BTC#dieu_7__khoan_4:1")
    [mark] = _css(first, "blockquote.provision mark.hit")
    assert mark.text_content() == "Tổng cục Hải quan (Cục Giám sát quản lý về hải quan)"
    assert _css(first, "blockquote.provision")[0].text_content() == TT13_D7_K4
    text = _squash(first.text_content())
    for expected in ("OUT-OBSOLETE-AGENCY", "lỗi thời", "mức độ cao", "sửa đổi, bổ sung", "khoản 4 Điều 7"):
        assert expected in text
    assert findings[first.get("data-id")].message in text
    assert findings[first.get("data-id")].message_en in text
    assert "Article 2(3) of Circular 06/2026/TT-BTC" in text
    parts = {p.get("data-part"): p.text_content() for p in _css(first, ".score-parts .part")}
    assert parts == {"severity": "severity 0.50", "evidence": "evidence 0.30", "in_force": "in_force 0.07"}
    assert "0.87" in _css(first, ".score-parts")[0].text_content()

    # Matched words not in the context: shown on their own, not highlighted.
    missing = _finding_article(root, "BUR-CERTIFIED-COPY:280/2025/NĐ-CP#dieu_1__khoan_3:1")
    assert not _css(missing, "mark.hit")
    assert _css(missing, "blockquote.provision .match")[0].text_content().startswith("xuất trình bản sao")
    assert _css(missing, ".decision strong")[0].text_content() == "bác bỏ"
    assert _css(missing, ".stale")

    decided = _finding_article(root, "BUR-CERTIFIED-COPY:14/2026/NĐ-CP#dieu_81__khoan_2__diem_b:1")
    assert _css(decided, ".decision strong")[0].text_content() == "chấp nhận"
    assert _css(decided, ".note")[0].text_content() == "Đề nghị đưa vào kế hoạch sửa đổi năm 2026."
    assert _css(decided, "mark.hit")[0].text_content() == "bản sao có chứng thực"


def test_html_links_between_documents(html_report: tuple[Path, lxml.html.HtmlElement]) -> None:
    _, root = html_report
    sections = {s.get("data-doc"): s.get("id") for s in _css(root, "section.doc")}
    assert len(sections) == 5
    for doc, anchor in sections.items():
        assert re.fullmatch(r"[a-z0-9-]+", anchor), anchor
        assert anchor == anchor_id(doc)
    assert len(set(sections.values())) == 5
    ids = {el.get("id") for el in root.iter() if el.get("id")}

    first = _finding_article(root, "OUT-OBSOLETE-AGENCY:13/2015/TT-BTC#dieu_7__khoan_4:1")
    [link] = _css(first, "ul.evidence a.doc-link")
    assert link.text_content() == "06/2026/TT-BTC"
    assert link.get("href") == "#" + sections["06/2026/TT-BTC"]
    assert "sửa đổi (amends)" in _squash(_css(first, "ul.evidence li")[0].text_content())

    burden = _finding_article(root, "BUR-CERTIFIED-COPY:14/2026/NĐ-CP#dieu_81__khoan_2__diem_b:1")
    assert _css(burden, "ul.evidence a.doc-link")[0].get("href") == "#" + sections["280/2025/NĐ-CP"]

    # 13/2020/TT-BTC has no finding in the report: plain text, no link.
    quality = _finding_article(root, "QUA-LIST-SEPARATOR:06/2026/TT-BTC#dieu_2__khoan_3:1")
    assert not _css(quality, "ul.evidence a")
    assert _css(quality, "ul.evidence .doc-ref")[0].text_content() == "13/2020/TT-BTC"

    # Every link stays inside the page and lands on an element.
    for a in _css(root, "a[href]"):
        href = a.get("href")
        assert href.startswith("#") and href[1:] in ids, href
    assert _css(root, "#by-doc a")[0].get("href")[1:] in sections.values()


def test_html_escapes_document_text(html_report: tuple[Path, lxml.html.HtmlElement]) -> None:
    path, root = html_report
    raw = path.read_text(encoding="utf-8")
    assert SCRIPT not in raw
    assert BREAKOUT not in raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw

    # Exactly one script element (the shipped filter), no injected image, no event handler anywhere.
    [script] = _css(root, "script")
    assert "alert" not in (script.text or "")
    assert not _css(root, "img")
    assert not [el for el in root.iter() if any(name.startswith("on") for name in el.attrib)]

    hostile = _finding_article(root, f"QUA-HOSTILE:{HOSTILE_DOC}#dieu_1:{SCRIPT}")
    assert _css(hostile, "mark.hit")[0].text_content() == SCRIPT
    text = hostile.text_content()
    assert BREAKOUT in text and SCRIPT in text
    assert _css(hostile, ".message")[0].text_content() == f"Thông điệp {BREAKOUT}"
    assert _css(hostile, ".ground")[0].text_content() == BREAKOUT
    assert _css(hostile, ".note")[0].text_content() == f"ghi chú {SCRIPT}"
    assert _css(hostile, "ul.evidence .doc-ref")[0].text_content() == f"{BREAKOUT}{SCRIPT}"
    section = hostile.getparent()
    assert section.get("data-doc") == HOSTILE_DOC
    assert re.fullmatch(r"[a-z0-9-]+", section.get("id"))
    assert _css(root, "title")[0].text_content()


def test_html_is_self_contained(html_report: tuple[Path, lxml.html.HtmlElement]) -> None:
    path, root = html_report
    assert not _css(root, "link, img, iframe, object, embed, [src]")
    raw = path.read_text(encoding="utf-8")
    assert "@import" not in raw and "url(" not in raw
    # The policy forbids loading anything; the one inline script is allowed by its hash.
    [csp] = _css(root, 'meta[http-equiv="Content-Security-Policy"]')
    policy = csp.get("content")
    assert "default-src 'none'" in policy
    script = _css(root, "script")[0].text
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"'sha256-{digest}'" in policy
    # Atomic write: nothing left beside the report.
    assert [p.name for p in path.parent.iterdir()] == ["report.html"]


def test_html_overwrites_and_handles_no_findings(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text("old", encoding="utf-8")
    write_html([], path, title="Không có gì")
    root = lxml.html.fromstring(path.read_text(encoding="utf-8"))
    assert _css(root, "#total-findings")[0].text_content() == "0"
    assert _css(root, "#no-findings")
    assert _css(root, "h1")[0].text_content() == "Không có gì"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


# --- XLSX ---------------------------------------------------------------------------------------------------

HEADERS = [
    ("Mã phát hiện", "id"),
    ("Mã quy tắc", "code"),
    ("Loại", "kind"),
    ("Mức độ", "severity"),
    ("Điểm", "score"),
    ("Văn bản", "doc"),
    ("Đơn vị", "unit"),
    ("Nội dung", "text"),
    ("Ngữ cảnh", "context"),
    ("Giải thích", "message"),
    ("Giải thích tiếng Anh", "message_en"),
    ("Căn cứ pháp lý", "ground"),
    ("Đề xuất", "action"),
    ("Bằng chứng", "evidence"),
    ("Quyết định", "decision"),
    ("Ghi chú", "note"),
]


@pytest.fixture
def workbook_path(tmp_path: Path) -> Path:
    return write_xlsx(_findings(), tmp_path / "findings.xlsx", at="2026-03-15")


def test_xlsx_layout(workbook_path: Path) -> None:
    assert [p.name for p in workbook_path.parent.iterdir()] == ["findings.xlsx"]
    wb = load_workbook(workbook_path)
    assert wb.sheetnames == ["Phát hiện", "Tổng hợp"]
    ws = wb["Phát hiện"]
    assert [c.value for c in ws[1]] == [f"{vi}\n({en})" for vi, en in HEADERS]
    assert ws.max_row == 1 + 6
    assert ws.auto_filter.ref == "A1:P7"
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["I"].width >= 40  # context
    assert ws["I2"].alignment.wrap_text

    [validation] = ws.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"chấp nhận,bác bỏ"'
    assert str(validation.sqref) == "O2:O7"

    rows = {row[0].value: row for row in ws.iter_rows(min_row=2)}
    first = rows["OUT-OBSOLETE-AGENCY:13/2015/TT-BTC#dieu_7__khoan_4:1"]
    values = [c.value for c in first]
    assert values[1:6] == ["OUT-OBSOLETE-AGENCY", "lỗi thời", "cao", 0.87, "13/2015/TT-BTC"]
    assert values[6] == "khoản 4 Điều 7 (dieu_7__khoan_4)"
    assert values[8] == TT13_D7_K4
    assert values[12] == "sửa đổi, bổ sung"
    evidence = "06/2026/TT-BTC, khoản 3 Điều 2 (dieu_2__khoan_3) · sửa đổi (amends) · 01/03/2026"
    assert values[13] == evidence
    assert values[14] is None and values[15] is None
    decided = rows["BUR-CERTIFIED-COPY:14/2026/NĐ-CP#dieu_81__khoan_2__diem_b:1"]
    assert decided[14].value == "chấp nhận"
    assert decided[15].value == "Đề nghị đưa vào kế hoạch sửa đổi năm 2026."

    # Document text is never a formula.
    hostile = rows[f"QUA-HOSTILE:{HOSTILE_DOC}#dieu_1:{SCRIPT}"]
    assert hostile[10].value == FORMULA
    assert hostile[10].data_type == "s"
    assert hostile[7].value == SCRIPT

    summary = wb["Tổng hợp"]
    cells = {(c.row, c.column): c.value for row in summary.iter_rows() for c in row if c.value is not None}
    assert cells[(2, 2)] == "15/03/2026"
    assert cells[(3, 2)] == 6
    by_label = {
        summary.cell(r, 1).value: [summary.cell(r, c).value for c in range(2, 7)]
        for r in range(1, summary.max_row + 1)
    }
    assert by_label["OUT-OBSOLETE-AGENCY"][2] == 2
    assert by_label["13/2015/TT-BTC"][1:5] == [2, 0, 0, 2]
    assert by_label["14/2026/NĐ-CP"][1:5] == [0, 1, 0, 1]


def test_xlsx_decisions_round_trip(workbook_path: Path, tmp_path: Path) -> None:
    # What was already decided comes back unchanged.
    assert read_xlsx_decisions(workbook_path) == {
        "BUR-CERTIFIED-COPY:14/2026/NĐ-CP#dieu_81__khoan_2__diem_b:1": (
            "accept",
            "Đề nghị đưa vào kế hoạch sửa đổi năm 2026.",
        ),
        "BUR-CERTIFIED-COPY:280/2025/NĐ-CP#dieu_1__khoan_3:1": ("reject", None),
        f"QUA-HOSTILE:{HOSTILE_DOC}#dieu_1:{SCRIPT}": (None, f"ghi chú {SCRIPT}"),
    }

    # A reviewer fills in a copy.
    copy = tmp_path / "reviewed.xlsx"
    shutil.copy(workbook_path, copy)
    wb = load_workbook(copy)
    ws = wb["Phát hiện"]
    rows = {row[0].value: row[0].row for row in ws.iter_rows(min_row=2)}
    ws.cell(rows["OUT-OBSOLETE-AGENCY:13/2015/TT-BTC#dieu_7__khoan_4:1"], 15, "chấp nhận")
    ws.cell(rows["OUT-OBSOLETE-AGENCY:13/2015/TT-BTC#dieu_7__khoan_4:1"], 16, "Sửa thành “Cục Hải quan”.")
    ws.cell(rows["OUT-OBSOLETE-AGENCY:13/2015/TT-BTC#dieu_6:1"], 15, "Bác bỏ ")
    ws.cell(rows["QUA-LIST-SEPARATOR:06/2026/TT-BTC#dieu_2__khoan_3:1"], 15, "REJECT")
    ws.cell(rows[f"QUA-HOSTILE:{HOSTILE_DOC}#dieu_1:{SCRIPT}"], 16, "Chỉ ghi chú, chưa quyết định")
    # Clearing a cell is not a decision: the row is simply not returned.
    ws.cell(rows["BUR-CERTIFIED-COPY:14/2026/NĐ-CP#dieu_81__khoan_2__diem_b:1"], 15).value = None
    ws.cell(rows["BUR-CERTIFIED-COPY:14/2026/NĐ-CP#dieu_81__khoan_2__diem_b:1"], 16).value = None
    wb.save(copy)

    assert read_xlsx_decisions(copy) == {
        "OUT-OBSOLETE-AGENCY:13/2015/TT-BTC#dieu_7__khoan_4:1": ("accept", "Sửa thành “Cục Hải quan”."),
        "OUT-OBSOLETE-AGENCY:13/2015/TT-BTC#dieu_6:1": ("reject", None),
        "QUA-LIST-SEPARATOR:06/2026/TT-BTC#dieu_2__khoan_3:1": ("reject", None),
        f"QUA-HOSTILE:{HOSTILE_DOC}#dieu_1:{SCRIPT}": (None, "Chỉ ghi chú, chưa quyết định"),
        "BUR-CERTIFIED-COPY:280/2025/NĐ-CP#dieu_1__khoan_3:1": ("reject", None),
    }


def test_xlsx_unknown_decision_is_an_error(workbook_path: Path) -> None:
    wb = load_workbook(workbook_path)
    ws = wb["Phát hiện"]
    ws.cell(2, 15, "có lẽ")
    wb.save(workbook_path)
    with pytest.raises(UsageError, match=r"O2"):
        read_xlsx_decisions(workbook_path)


def test_xlsx_not_a_workbook(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(UsageError):
        read_xlsx_decisions(bad)
