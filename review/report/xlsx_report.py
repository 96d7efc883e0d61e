"""The findings as a workbook legal staff sort, filter and fill in, and the reading back of their decisions.

Reviewers in ministries work in Excel: they filter by rule or document, add their decision and a note, and
send the file back. So the sheet "Phát hiện" has one finding per row, Vietnamese headers with the English term
on a second line, an autofilter, a frozen header, wrapped long cells, and a dropdown in the decision column
offering "chấp nhận" (accept) and "bác bỏ" (reject). ``read_xlsx_decisions`` maps those Vietnamese values (or
the English ``accept``/``reject`` typed by hand) back to the codes the store keeps, keyed by finding id, so the
decisions can be imported. The sheet "Tổng hợp" gives the same counts as the HTML report.

Document text is untrusted here too: a cell starting with ``=`` is stored as text, never as a formula, and
characters a workbook cannot hold are dropped.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from review.errors import UsageError
from review.models import Evidence, Finding
from review.report.atomic import write_atomic
from review.report.labels import (
    DECISION_LABELS,
    action_label,
    as_date,
    decision_label,
    kind_label,
    parse_decision,
    relation_label,
    severity_label,
    unit_label,
    vi_date,
)
from review.report.summary import group_by_doc, summarize
from review.text.display import for_reader

FINDINGS_SHEET = "Phát hiện"
SUMMARY_SHEET = "Tổng hợp"
MAX_CELL = 32767  # the most characters a cell holds


@dataclass(frozen=True)
class Column:
    key: str  # the English term, shown in brackets on the header's second line and used to find the column
    label: str  # what legal staff read
    width: float
    wrap: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("id", "Mã phát hiện", 24),
    Column("code", "Mã quy tắc", 22),
    Column("kind", "Loại", 12),
    Column("severity", "Mức độ", 11),
    Column("score", "Điểm", 8),
    Column("doc", "Văn bản", 18),
    Column("unit", "Đơn vị", 24, wrap=True),
    Column("text", "Nội dung", 36, wrap=True),
    Column("context", "Ngữ cảnh", 60, wrap=True),
    Column("message", "Giải thích", 50, wrap=True),
    Column("message_en", "Giải thích tiếng Anh", 50, wrap=True),
    Column("ground", "Căn cứ pháp lý", 40, wrap=True),
    Column("action", "Đề xuất", 16, wrap=True),
    Column("evidence", "Bằng chứng", 45, wrap=True),
    Column("decision", "Quyết định", 14),
    Column("note", "Ghi chú", 40, wrap=True),
)
_HEADER_KEY = re.compile(r"\(([a-z_]+)\)\s*$")

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
_INPUT_FILL = PatternFill("solid", fgColor="FFF8D6")  # the cells the reviewer fills in
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


def _header(column: Column) -> str:
    return f"{column.label}\n({column.key})"


def _clean(value: str) -> str:
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value if len(value) <= MAX_CELL else value[: MAX_CELL - 1] + "…"


def _put(ws: Worksheet, row: int, col: int, value: Any) -> Any:
    """Write a value; strings always as text (a document sentence starting with '=' is not a formula)."""
    cell = ws.cell(row=row, column=col)
    if value is None or value == "":
        return cell
    if isinstance(value, str):
        cell.value = _clean(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def _unit(eid: str | None) -> str:
    if not eid:
        return ""
    label = unit_label(eid)
    return eid if label == eid else f"{label} ({eid})"


def _evidence_line(e: Evidence) -> str:
    parts = [e.doc or "—"]
    if e.unit:
        parts[0] += f", {_unit(e.unit)}"
    if e.relation:
        parts.append(f"{relation_label(e.relation)} ({e.relation})")
    if e.date:
        parts.append(vi_date(e.date))
    if e.note:
        parts.append(for_reader(e.note))
    return " · ".join(parts)


def _row(f: Finding) -> dict[str, object]:
    return {
        "id": f.id,
        "code": f.code,
        "kind": kind_label(f.kind),
        "severity": severity_label(f.severity),
        "score": round(float(f.score or 0.0), 4),
        "doc": f.doc,
        "unit": _unit(f.unit),
        "text": f.text,
        "context": f.context,
        "message": f.message,
        "message_en": for_reader(f.message_en),
        "ground": f.ground,
        "action": action_label(f.action),
        "evidence": "\n".join(_evidence_line(e) for e in f.evidence),
        # An existing decision is shown so the reviewer sees it and a re-import keeps it.
        "decision": decision_label(f.decision) if f.decision else None,
        "note": f.note,
    }


def _score_comment(f: Finding) -> Comment | None:
    if not f.score_parts:
        return None
    text = "\n".join(f"{name}: {float(value):.2f}" for name, value in f.score_parts.items())
    return Comment(_clean(f"Thành phần điểm (score parts):\n{text}"), "review")


def _findings_sheet(ws: Worksheet, findings: list[Finding]) -> None:
    for c, column in enumerate(COLUMNS, start=1):
        cell = _put(ws, 1, c, _header(column))
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
        ws.column_dimensions[get_column_letter(c)].width = column.width
    ws.row_dimensions[1].height = 32
    col_of = {column.key: i for i, column in enumerate(COLUMNS, start=1)}
    ws.cell(row=1, column=col_of["decision"]).comment = Comment(
        "Chọn: chấp nhận (accept) hoặc bác bỏ (reject)", "review"
    )

    rows = [f for _, group in group_by_doc(findings) for f in group]
    for r, f in enumerate(rows, start=2):
        values = _row(f)
        for c, column in enumerate(COLUMNS, start=1):
            cell = _put(ws, r, c, values[column.key])
            cell.alignment = _WRAP if column.wrap else _TOP
        ws.cell(row=r, column=col_of["score"]).number_format = "0.00"
        ws.cell(row=r, column=col_of["score"]).comment = _score_comment(f)
        ws.cell(row=r, column=col_of["decision"]).fill = _INPUT_FILL
        ws.cell(row=r, column=col_of["note"]).fill = _INPUT_FILL

    last_row = max(len(rows) + 1, 2)
    last_col = get_column_letter(len(COLUMNS))
    ws.auto_filter.ref = f"A1:{last_col}{last_row}"
    ws.freeze_panes = "A2"
    choices = ",".join(DECISION_LABELS.values())
    validation = DataValidation(
        type="list",
        formula1=f'"{choices}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Quyết định (decision)",
        error="Chọn “chấp nhận” (accept) hoặc “bác bỏ” (reject).",
        promptTitle="Quyết định (decision)",
        prompt="chấp nhận (accept) / bác bỏ (reject)",
    )
    validation.showInputMessage = True
    decision_col = get_column_letter(col_of["decision"])
    validation.add(f"{decision_col}2:{decision_col}{last_row}")
    ws.add_data_validation(validation)
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"


def _summary_sheet(ws: Worksheet, findings: list[Finding], day: date, doc_titles: Mapping[str, str]) -> None:
    s = summarize(findings)
    bold = Font(bold=True)
    _put(ws, 1, 1, "Tổng hợp phát hiện (summary of findings)").font = Font(bold=True, size=13)
    _put(ws, 2, 1, "Ngày (date)")
    _put(ws, 2, 2, vi_date(day))
    _put(ws, 3, 1, "Tổng số phát hiện (findings)")
    _put(ws, 3, 2, s.total)

    row = 5
    _put(ws, row, 1, "Theo quy tắc (by rule)").font = bold
    row += 1
    for c, label in enumerate(
        ("Mã quy tắc (code)", "Loại (kind)", "Mức độ (severity)", "Số phát hiện (count)"), start=1
    ):
        cell = _put(ws, row, c, label)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    for rule in s.rules:
        row += 1
        _put(ws, row, 1, rule.code)
        _put(ws, row, 2, ", ".join(kind_label(k) for k, _ in rule.kinds.most_common()))
        _put(ws, row, 3, ", ".join(f"{severity_label(k)} ({n})" for k, n in rule.severity_items()))
        _put(ws, row, 4, rule.count)

    row += 2
    _put(ws, row, 1, "Theo văn bản (by document)").font = bold
    row += 1
    kinds = s.kinds
    headers = ["Văn bản (document)", "Trích yếu (title)"]
    headers += [f"{kind_label(k)} ({k})" for k in kinds] + ["Tổng (total)"]
    for c, label in enumerate(headers, start=1):
        cell = _put(ws, row, c, label)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    for doc in s.docs:
        row += 1
        _put(ws, row, 1, doc.doc)
        _put(ws, row, 2, doc_titles.get(doc.doc))
        ws.cell(row=row, column=2).alignment = _WRAP
        for c, kind in enumerate(kinds, start=3):
            _put(ws, row, c, doc.kinds[kind])
        _put(ws, row, 3 + len(kinds), doc.count)
    for letter, width in zip("ABCDEFG", (30, 50, 16, 16, 16, 16, 12), strict=False):
        ws.column_dimensions[letter].width = width


def write_xlsx(
    findings: Iterable[Finding],
    path: str | os.PathLike[str],
    *,
    at: date | datetime | str | None = None,
    doc_titles: Mapping[str, str] | None = None,
) -> Path:
    """Write the findings workbook to ``path`` (atomically) and return the path.

    Sheet "Phát hiện": one finding per row, most severe first within each document; the decision column offers
    the Vietnamese values "chấp nhận" (accept) and "bác bỏ" (reject); decisions and notes already recorded are
    filled in. Sheet "Tổng hợp": counts by rule and by document as of ``at`` (default today)."""
    items = list(findings)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = FINDINGS_SHEET
    _findings_sheet(ws, items)
    _summary_sheet(wb.create_sheet(SUMMARY_SHEET), items, as_date(at), doc_titles or {})
    wb.properties.title = "Phát hiện rà soát (review findings)"
    wb.properties.creator = "review"
    return write_atomic(path, lambda tmp: wb.save(tmp))


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def read_xlsx_decisions(path: str | os.PathLike[str]) -> dict[str, tuple[str | None, str | None]]:
    """The decisions and notes a reviewer entered in a workbook written by ``write_xlsx``.

    Returns ``{finding_id: (decision, note)}`` for every row whose decision or note is filled in, with the
    decision as ``accept``/``reject`` (the sheet's "chấp nhận"/"bác bỏ", or the English words, any case) or
    None when only a note was written. Columns are found by their header, so a reviewer may reorder or add
    columns. A decision cell holding anything else is an error naming the cell, rather than a decision lost."""
    target = Path(path)
    try:
        wb = load_workbook(target, data_only=True)
    except (
        OSError,
        ValueError,
        KeyError,
        zipfile.BadZipFile,
    ) as exc:  # missing file, not a workbook, broken zip
        raise UsageError(f"cannot read the workbook: {exc}", path=target) from exc
    try:
        ws = wb[FINDINGS_SHEET] if FINDINGS_SHEET in wb.sheetnames else wb.worksheets[0]
        columns: dict[str, int] = {}
        for cell in ws[1]:
            match = _HEADER_KEY.search(str(cell.value or ""))
            if match and match.group(1) not in columns:
                columns[match.group(1)] = int(cell.column or 0)
        missing = [key for key in ("id", "decision", "note") if key not in columns]
        if missing:
            raise UsageError(
                f"sheet {ws.title!r} has no column {', '.join(missing)}",
                path=target,
                hint="use a workbook written by review.report.write_xlsx",
            )
        out: dict[str, tuple[str | None, str | None]] = {}
        for row in ws.iter_rows(min_row=2):
            finding_id = _text(row[columns["id"] - 1].value)
            if finding_id is None:
                continue
            raw = row[columns["decision"] - 1]
            note = _text(row[columns["note"] - 1].value)
            entered = _text(raw.value)
            decision = parse_decision(entered) if entered else None
            if entered and decision is None:
                raise UsageError(
                    f"cell {ws.title}!{raw.coordinate}: decision {entered!r} is neither "
                    "“chấp nhận” (accept) nor “bác bỏ” (reject)",
                    path=target,
                )
            if decision is None and note is None:
                continue
            if finding_id in out and out[finding_id] != (decision, note):
                raise UsageError(
                    f"finding {finding_id!r} appears twice with different decisions", path=target
                )
            out[finding_id] = (decision, note)
        return out
    finally:
        wb.close()
