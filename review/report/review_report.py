"""The review report (báo cáo kết quả rà soát) an office sends up: a letterhead, the date written the Vietnamese
way ("ngày … tháng … năm …"), a summary table by proposed action, then one row per accepted proposal with its
grounds — not a page per finding. Written as DOCX (python-docx) and as one printable HTML page (A4, no external
asset). The decisions on merged provinces' documents (keep applying / replace / repeal) form a last section when
given.

The letterhead's fields come from the caller (CLI options or a JSON file): the body above (cơ quan chủ quản), the
office issuing the report, the report's number, the place, the signer and the recipients."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from review.models import Finding, unit_citation
from review.report.atomic import write_atomic
from review.report.labels import action_label, as_date, relation_label

ACTIONS = ("amend", "replace", "repeal", "review")


@dataclass(frozen=True)
class Letterhead:
    """What the top and the foot of the report say; empty fields print as dotted blanks to fill in by hand."""

    parent: str = ""  # cơ quan chủ quản, e.g. "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"
    office: str = ""  # the reporting office, e.g. "SỞ TƯ PHÁP"
    number: str = ""  # "…/BC-STP"
    place: str = ""  # "Hà Nội"
    signer: str = ""
    signer_title: str = ""  # "GIÁM ĐỐC"
    recipients: tuple[str, ...] = ()
    subject: str = "Kết quả rà soát văn bản quy phạm pháp luật"

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Letterhead:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__ and v is not None}
        if "recipients" in known:
            known["recipients"] = tuple(known["recipients"])
        return cls(**known)


def vi_long_date(d: date, place: str = "") -> str:
    """``Hà Nội, ngày 05 tháng 3 năm 2026`` — day on two digits, month 1 and 2 on two as well (tháng 01, 02)."""
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    text = f"ngày {d.day:02d} tháng {month} năm {d.year}"
    return f"{place}, {text}" if place else text


@dataclass(frozen=True)
class ProposalRow:
    stt: int
    document: str  # number and title
    provision: str
    content: str
    action: str
    grounds: str
    note: str


@dataclass(frozen=True)
class MergerRow:
    doc: str
    title: str
    authority: str
    decision: str
    note: str


@dataclass
class ReviewReport:
    letterhead: Letterhead
    on: date
    summary: list[tuple[str, int, int]]  # (action label, proposed, accepted)
    totals: dict[str, int]
    rows: list[ProposalRow]
    mergers: list[MergerRow] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.on.isoformat(),
            "letterhead": self.letterhead.__dict__,
            "summary": [{"action": a, "proposed": p, "accepted": n} for a, p, n in self.summary],
            "totals": self.totals,
            "rows": [r.__dict__ for r in self.rows],
            "mergers": [m.__dict__ for m in self.mergers],
        }


def build_review_report(
    findings: Iterable[Finding],
    *,
    letterhead: Letterhead | None = None,
    at: date | str | None = None,
    doc_titles: Mapping[str, str] | None = None,
    mergers: Sequence[MergerRow] = (),
) -> ReviewReport:
    """The report's content: every finding counts in the summary; only accepted ones become rows."""
    found = list(findings)
    titles = doc_titles or {}
    proposed = Counter(f.action for f in found)
    accepted = [f for f in found if f.decision == "accept"]
    taken = Counter(f.action for f in accepted)
    summary = [(action_label(a), proposed[a], taken[a]) for a in ACTIONS if proposed[a] or taken[a]]
    totals = {
        "findings": len(found),
        "accepted": len(accepted),
        "rejected": sum(1 for f in found if f.decision == "reject"),
        "undecided": sum(1 for f in found if not f.decision),
        "documents": len({f.doc for f in accepted}),
    }
    accepted.sort(key=lambda f: (f.doc, f.unit or "", f.code))
    rows = []
    for i, f in enumerate(accepted, start=1):
        number = f.doc.partition("@")[0]
        evidence = "; ".join(
            " ".join(
                p
                for p in (
                    relation_label(e.relation) if e.relation else "",
                    e.doc or "",
                    unit_citation(e.unit),
                    e.date or "",
                )
                if p
            )
            for e in f.evidence[:4]
        )
        grounds = " ".join(p for p in (f.message, f"Căn cứ: {f.ground}." if f.ground else "", evidence) if p)
        rows.append(
            ProposalRow(
                i,
                f"{number} {titles.get(f.doc, '')}".strip(),
                unit_citation(f.unit) or "Toàn văn bản",
                f.text,
                action_label(f.action),
                grounds,
                f.note or "",
            )
        )
    return ReviewReport(letterhead or Letterhead(), as_date(at), summary, totals, rows, list(mergers))


_BLANK = "…………"
SUMMARY_HEADS = (
    "Hình thức xử lý (action)",
    "Số quy định đề xuất (proposed)",
    "Số đề xuất được chấp nhận (accepted)",
)
ROW_HEADS = ("STT", "Văn bản", "Quy định", "Nội dung", "Kiến nghị xử lý", "Căn cứ, lý do", "Ghi chú")
MERGER_HEADS = ("STT", "Văn bản", "Tỉnh, thành phố ban hành", "Quyết định", "Ghi chú")


def write_review_docx(report: ReviewReport, path: str | Path) -> Path:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    lh = report.letterhead
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.text = f"{(lh.parent or _BLANK).upper()}\n{(lh.office or _BLANK).upper()}\nSố: {lh.number or _BLANK}"
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n" + vi_long_date(
        report.on, lh.place or _BLANK
    )
    for cell in (left, right):
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("BÁO CÁO").bold = True
    sub = doc.add_paragraph(lh.subject)
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    t = report.totals
    doc.add_paragraph(
        f"Tổng số phát hiện (findings): {t['findings']}; chấp nhận: {t['accepted']}; bác bỏ: {t['rejected']}; "
        f"chưa quyết định: {t['undecided']}; số văn bản có kiến nghị: {t['documents']}."
    )
    doc.add_paragraph().add_run("I. TỔNG HỢP THEO HÌNH THỨC XỬ LÝ").bold = True
    _table(doc, SUMMARY_HEADS, [list(s) for s in report.summary], Pt)
    doc.add_paragraph().add_run("II. DANH MỤC KIẾN NGHỊ XỬ LÝ").bold = True
    _table(doc, ROW_HEADS, [[r.stt, r.document, r.provision, r.content, r.action, r.grounds, r.note]
                            for r in report.rows], Pt)  # fmt: skip
    if report.mergers:
        doc.add_paragraph().add_run("III. VĂN BẢN CỦA ĐƠN VỊ HÀNH CHÍNH TRƯỚC SẮP XẾP").bold = True
        _table(doc, MERGER_HEADS, [[i, f"{m.doc} {m.title}", m.authority, m.decision, m.note]
                                   for i, m in enumerate(report.mergers, start=1)], Pt)  # fmt: skip
    foot = doc.add_table(rows=1, cols=2)
    foot.rows[0].cells[0].text = "Nơi nhận:\n" + "\n".join(f"- {r};" for r in lh.recipients or ("…",))
    foot.rows[0].cells[1].text = f"{(lh.signer_title or _BLANK).upper()}\n\n\n{lh.signer or _BLANK}"
    foot.rows[0].cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    return write_atomic(path, lambda tmp: doc.save(str(tmp)))


def _table(doc: Any, heads: Sequence[str], rows: Sequence[Sequence[Any]], pt: Any) -> None:
    table = doc.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, heads, strict=True):
        cell.text = head
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.size = pt(10)
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = str(value)
    if not rows:
        doc.add_paragraph("(Không có — none)")


def render_review_html(report: ReviewReport) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("review.report", "templates"), autoescape=select_autoescape())
    return env.get_template("review_report.html").render(
        r=report, lh=report.letterhead, blank=_BLANK, long_date=vi_long_date(report.on, report.letterhead.place
                                                                              or _BLANK),
        SUMMARY_HEADS=SUMMARY_HEADS, ROW_HEADS=ROW_HEADS, MERGER_HEADS=MERGER_HEADS,
    )  # fmt: skip


def write_review_html(report: ReviewReport, path: str | Path) -> Path:
    html = render_review_html(report)

    def write(tmp: Path) -> None:
        tmp.write_text(html, encoding="utf-8")

    return write_atomic(path, write)


def write_review_outputs(
    findings: Iterable[Finding],
    folder: str | Path,
    *,
    at: date | str | None = None,
    letterhead: Mapping[str, Any] | None = None,
    titles: Mapping[str, str] | None = None,
    mergers: Iterable[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """Both files of the report into ``folder``; ``mergers`` are stored merger decisions (doc, authority_name,
    label, note). Returns their paths, the number of rows and the totals."""
    titles = titles or {}
    rows = [MergerRow(m["doc"], titles.get(m["doc"], ""), m["authority_name"], m["label"], m.get("note") or "")
            for m in mergers]  # fmt: skip
    report = build_review_report(
        findings, letterhead=Letterhead.from_mapping(letterhead or {}), at=at, doc_titles=titles, mergers=rows
    )
    folder = Path(folder)
    docx = write_review_docx(report, folder / "bao-cao-ra-soat.docx")
    html = write_review_html(report, folder / "bao-cao-ra-soat.html")
    return {"docx": str(docx), "html": str(html), "rows": len(report.rows), **report.totals}
