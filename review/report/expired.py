"""The annual list of documents that expired or were suspended, in whole or in part, during a year (danh mục văn
bản hết hiệu lực, ngưng hiệu lực toàn bộ hoặc một phần), in the columns of the official list form.

The form's columns and the words of each ground are data (``data/report/expired_form.json``, which says where the
form comes from and that it is not verified against the annex text). The list is read from the status engine
(``review.graph.StatusEngine``, passed in by the API): a document is in part A when it is expired at the end of the
year and was not at the end of the year before; in part B when, without ending, one of its units was repealed,
amended or suspended by an act taking effect during the year. ``write_expired_csv`` / ``_xlsx`` / ``_docx`` write
it; each file is written atomically.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from review.models import Reason, unit_citation
from review.report.atomic import write_atomic


@cache
def form() -> dict[str, Any]:
    """The list form: title, parts with their (key, Vietnamese header) columns, the source and ground words."""
    text = resources.files("review").joinpath("data/report/expired_form.json").read_text(encoding="utf-8")
    return json.loads(text)


@dataclass(frozen=True)
class Ground:
    """Why a document or unit expired: the act (document, unit), what it did, from when."""

    kind: str
    doc: str | None
    doc_type: str | None
    doc_issued: str | None
    unit: str | None
    date: str | None
    estimated: bool = False

    def text(self) -> str:
        words = form()["grounds"]
        lead = words.get(self.kind, words["_other"])
        where = f" ({unit_citation(self.unit)})" if self.unit and self.unit != "preamble" else ""
        number = (self.doc or "").partition("@")[0]
        what = " ".join(p for p in (self.doc_type, "số" if self.doc_type else "", number) if p)
        issued = f" ngày {dmy(self.doc_issued)}" if self.doc_issued else ""
        estimated = " (ngày ước tính — estimated)" if self.estimated else ""
        return f"{lead} {what}{issued}{where}{estimated}".strip()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "doc": self.doc,
            "doc_type": self.doc_type,
            "doc_issued": self.doc_issued,
            "unit": self.unit,
            "date": self.date,
            "estimated": self.estimated,
            "text": self.text(),
        }


@dataclass(frozen=True)
class ExpiredEntry:
    """One row of the list: a document, whole (part A) or in part (part B, with its provisions)."""

    doc: str
    scope: str  # "whole" | "partial"
    type: str | None
    number: str | None
    issued: str | None
    title: str | None
    expired_on: str | None
    provisions: tuple[str, ...] = ()
    grounds: tuple[Ground, ...] = field(default_factory=tuple)
    # Where the issue date comes from: "store" (the document is in the corpus), "citation" (a document only cited:
    # the date the citing text gives next to its number, in those words), or None (not known).
    issued_from: str | None = None
    issued_words: str | None = None

    def number_date(self) -> str:
        number = self.number or self.doc
        if not self.issued:
            return f"{number}, ngày ban hành {UNKNOWN}"
        if self.issued_from == "citation":
            return f"{number} {self.issued_words or 'ngày ' + dmy(self.issued)} {FROM_CITATION}"
        return f"{number} ngày {dmy(self.issued)}"

    def row(self, stt: int) -> dict[str, Any]:
        """The row in the form's columns (keys of data/report/expired_form.json)."""
        return {
            "stt": stt,
            "type": self.type or UNKNOWN,
            "number_date": self.number_date(),
            "title": self.title or "",
            "provisions": "; ".join(unit_citation(p) or p for p in self.provisions) or "",
            "ground": grounds_text(self.grounds),
            "expired_on": dmy(self.expired_on) if self.expired_on else "",
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "scope": self.scope,
            "type": self.type,
            "number": self.number,
            "issued": self.issued,
            "issued_from": self.issued_from,
            "title": self.title,
            "expired_on": self.expired_on,
            "provisions": list(self.provisions),
            "grounds": [g.to_dict() for g in self.grounds],
        }


def grounds_text(grounds: Iterable[Ground]) -> str:
    """The grounds of one row, one phrase per act (kind and acting document), its units listed together."""
    acts: dict[tuple[str, str | None], list[Ground]] = {}
    for g in grounds:
        acts.setdefault((form()["grounds"].get(g.kind, g.kind), g.doc), []).append(g)
    out = []
    for same in acts.values():
        units = [unit_citation(g.unit) for g in same if g.unit and g.unit != "preamble"]
        head = Ground(same[0].kind, same[0].doc, same[0].doc_type, same[0].doc_issued, None, same[0].date,
                      same[0].estimated).text()  # fmt: skip
        out.append(head + (f" ({'; '.join(dict.fromkeys(units))})" if units else ""))
    return "; ".join(out)


def dmy(iso: str | None) -> str:
    """``2025-07-01`` → ``01/07/2025`` (the form's dates)."""
    if not iso or len(iso) < 10:
        return iso or ""
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


_ENDING = ("replaced", "repealed", "expiry_clause", "parent_expired", "suspended")
_PARTIAL = ("unit_repealed", "unit_amended", "amended", "suspended")


def expired_in_year(
    engine: Any,
    year: int,
    wanted: Callable[[str], bool],
    cited: Mapping[str, tuple[str, str | None]] | None = None,
) -> list[ExpiredEntry]:
    """The documents ``wanted(doc_id)`` keeps that expired (or were suspended) in whole or in part during
    ``year``, part A first, each part in order of issue date. ``engine`` is the corpus's status engine;
    ``cited`` gives, for documents only cited, the issue date a citing text gives (ISO, and its words)."""
    tl = engine.tl
    cited = cited or {}

    def _entry(info: Any, scope: str, on: str | None, provisions: tuple[str, ...], grounds: list[Ground]):
        return _make_entry(info, scope, on, provisions, grounds, cited.get(info.id))

    start, end, before = f"{year}-01-01", f"{year}-12-31", f"{year - 1}-12-31"

    def ground(r: Reason) -> Ground:
        info = tl.docs.get(r.doc) if r.doc else None
        return Ground(r.kind, r.doc, info.type if info else None, info.issued if info else None, r.unit,
                      r.date, r.estimated)  # fmt: skip

    whole: list[ExpiredEntry] = []
    partial: list[ExpiredEntry] = []
    for doc, info in tl.docs.items():
        if not wanted(doc):
            continue
        now, then = engine.document(doc, end), engine.document(doc, before)
        if now.status in ("expired", "suspended") and then.status != now.status:
            reasons = [r for r in now.because if r.kind in _ENDING and r.date and start <= r.date <= end]
            reasons = reasons or [r for r in now.because if r.kind in _ENDING]
            on = min((r.date for r in reasons if r.date), default=None)
            first = [r for r in reasons if r.date == on] or reasons  # the act that ended it, not later ones
            first = list({r.doc: r for r in reversed(first)}.values())[::-1]  # one ground per acting document
            whole.append(_entry(info, "whole", on, (), [ground(r) for r in first]))
            continue
        if now.status not in ("in_force", "partly_expired", "suspended"):
            continue
        found: list[tuple[str, Reason]] = []
        for table in (tl.ends, tl.amended, tl.suspensions):
            for node in tl.unit_nodes(doc, table):
                found.extend(
                    (node.partition("#")[2], r)
                    for r in table[node]
                    if r.kind in _PARTIAL and r.date and start <= r.date <= end
                )
        found.extend(
            ("", r)
            for r in tl.amended.get(doc, ())
            if r.kind in _PARTIAL and r.date and start <= r.date <= end
        )
        if found:
            found.sort(key=lambda x: (x[1].date or "", x[0]))
            provisions = tuple(dict.fromkeys(eid for eid, _ in found if eid))
            on = found[0][1].date
            partial.append(_entry(info, "partial", on, provisions, [ground(r) for _, r in found]))
    key: Callable[[ExpiredEntry], tuple[str, str]] = lambda e: (e.issued or "", e.doc)  # noqa: E731
    return sorted(whole, key=key) + sorted(partial, key=key)


UNKNOWN = "chưa rõ"
FROM_CITATION = "(theo văn bản dẫn chiếu)"
NOT_IN_CORPUS = "chưa rõ (văn bản không có trong kho, chỉ được dẫn chiếu)"
_DATE_WORDS = re.compile(r"ngày\s+\d{1,2}\s*(?:tháng\s+\d{1,2}\s*năm\s+\d{4}|/\s*\d{1,2}\s*/\s*\d{4})", re.I)


def date_words(text: str | None) -> str | None:
    """The words of an issue date in a citation ("ngày 15 tháng 5 năm 2020", "ngày 15/5/2020"), if any."""
    m = _DATE_WORDS.search(text or "")
    return " ".join(m.group(0).split()) if m else None


def cited_dates(references: Iterable[Any], documents: Mapping[str, Any]) -> dict[str, tuple[str, str | None]]:
    """For each document the corpus only cites: the issue date the first citing text that gives one states next
    to its number (ISO), and those words."""
    out: dict[str, tuple[str, str | None]] = {}
    for r in references:
        doc, day = r.target.doc, (r.target.date or "")[:10]
        if doc and len(day) == 10 and day[4] == "-" and doc not in documents and doc not in out:
            out[doc] = (day, date_words(r.text))
    return out


def _make_entry(info: Any, scope: str, on: str | None, provisions: tuple[str, ...], grounds: list[Ground],
                cited: tuple[str, str | None] | None) -> ExpiredEntry:  # fmt: skip
    # A document the corpus only cites (repealed by one of the authority's decisions) has no title here, and its
    # issue date is what a citing text gives: say so rather than leave the cell empty.
    title = info.title or (None if info.in_corpus else NOT_IN_CORPUS)
    issued, source, words = info.issued, ("store" if info.issued else None), None
    if not info.in_corpus:
        issued, words = (cited[0], cited[1]) if cited else (info.issued, None)
        source = "citation" if issued else None
    return ExpiredEntry(
        info.id, scope, info.type, (info.number or info.id).partition("@")[0], issued, title, on,
        provisions, tuple(dict.fromkeys(grounds)), source, words,
    )  # fmt: skip


def parts(entries: Iterable[ExpiredEntry]) -> list[tuple[str, list[tuple[str, str]], list[dict[str, Any]]]]:
    """(heading, columns, rows) of part A and part B, rows numbered from 1 in each part."""
    entries = list(entries)
    out = []
    for scope in ("whole", "partial"):
        spec = form()["parts"][scope]
        rows = [e.row(i) for i, e in enumerate((e for e in entries if e.scope == scope), start=1)]
        out.append((spec["heading"], [tuple(c) for c in spec["columns"]], rows))
    return out


CSV_COLUMNS = ("part", "stt", "type", "number_date", "title", "provisions", "ground", "expired_on")


def write_expired_csv(entries: Iterable[ExpiredEntry], path: str | Path) -> Path:
    """Both parts in one CSV (UTF-8 with a BOM, so that Excel reads the Vietnamese), Vietnamese headers."""
    heads = dict(form()["parts"]["partial"]["columns"])
    header = ["Phần (part)", *(heads[c] for c in CSV_COLUMNS[1:])]

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            for heading, _, rows in parts(entries):
                for r in rows:
                    w.writerow([heading[:1], *(r[c] for c in CSV_COLUMNS[1:])])

    return write_atomic(path, write)


def write_expired_xlsx(entries: Iterable[ExpiredEntry], path: str | Path, *, caption: str = "") -> Path:
    """One sheet per part, the form's headers, wrapped text, frozen header row."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for heading, columns, rows in parts(entries):
        ws = wb.create_sheet(heading[:1] + (" - Toàn bộ" if heading.startswith("A") else " - Một phần"))
        ws.append([form()["title"] + (f" — {caption}" if caption else "")])
        ws.append([heading])
        ws.append([label for _, label in columns])
        for cell in ws[3]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for r in rows:
            ws.append([r[key] for key, _ in columns])
        widths = {"stt": 6, "type": 14, "number_date": 24, "title": 50, "provisions": 30, "ground": 50}
        for i, (key, _) in enumerate(columns):
            ws.column_dimensions[chr(ord("A") + i)].width = widths.get(key, 16)
        for row in ws.iter_rows(min_row=4):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A4"
    return write_atomic(path, wb.save)


def write_expired_docx(
    entries: Iterable[ExpiredEntry], path: str | Path, *, caption: str = "", ground: str | None = None
) -> Path:
    """The list as a Word document: title, the authority and year, then each part as a table."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(form()["title"])
    run.bold = True
    if caption:
        p = doc.add_paragraph(caption)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for heading, columns, rows in parts(entries):
        doc.add_paragraph().add_run(heading).bold = True
        table = doc.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        for cell, (_, label) in zip(table.rows[0].cells, columns, strict=True):
            cell.text = label
            for r in cell.paragraphs[0].runs:
                r.bold = True
                r.font.size = Pt(10)
        for row in rows:
            cells = table.add_row().cells
            for cell, (key, _) in zip(cells, columns, strict=True):
                cell.text = str(row[key])
        if not rows:
            doc.add_paragraph("(Không có văn bản — none)")
    doc.add_paragraph(f"Mẫu (form): {ground or form()['ground']}").runs[0].italic = True
    return write_atomic(path, lambda tmp: doc.save(str(tmp)))


def write_expired_file(
    entries: Iterable[ExpiredEntry], path: str | Path, fmt: str, *, caption: str = ""
) -> Path:
    """The list as ``fmt`` (csv, xlsx or docx)."""
    if fmt == "csv":
        return write_expired_csv(entries, path)
    if fmt == "xlsx":
        return write_expired_xlsx(entries, path, caption=caption)
    if fmt == "docx":
        return write_expired_docx(entries, path, caption=caption)
    raise ValueError(f"no expired-list format {fmt!r}")
