"""The procedure catalogue as a workbook in the shape of the annex of a "Quyết định công bố thủ tục hành chính":
sheet "Danh mục" lists the procedures (STT, tên thủ tục, văn bản, điều khoản, cơ quan thực hiện, thiếu thành phần),
then one sheet per procedure with each component, its value, the provision and the words it was read from.

It reads the plain dicts of ``ProcedureRecord.to_dict()`` and the labels of ``review.procedures.FIELDS``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

LIST_HEADERS = (
    "STT",
    "Mã thủ tục",
    "Tên thủ tục hành chính",
    "Văn bản",
    "Điều khoản",
    "Cơ quan thực hiện",
    "Thiếu thành phần",
)


def cell_text(value: Any) -> str:
    """A field's value in one readable cell."""
    if value is None:
        return "(không có — thiếu)"
    if isinstance(value, dict) and "items" in value:
        lines = [
            f"{i}. {it['name']}"
            + (f" ({it['form']})" if it.get("form") else "")
            + (f" — {it['count']} bản" if it.get("count") else "")
            for i, it in enumerate(value["items"], 1)
        ]
        if value.get("sets"):
            lines.append(f"Số lượng: {value['sets']} bộ")
        return "\n".join(lines)
    if isinstance(value, dict) and "days" in value:
        if value["days"] == 0:  # "ngay trong ngày", "ngay sau khi nhận đủ hồ sơ"
            return "Ngay trong ngày" + (f", {value['start']}" if value.get("start") else "")
        kind = "ngày làm việc" if value["working"] else "ngày"
        return f"{value['days']} {kind}" + (f", {value['start']}" if value.get("start") else "")
    if isinstance(value, dict) and "agencies" in value:
        text = "; ".join(value["agencies"])
        return text + (f"\nCơ quan quyết định: {value['deciding']}" if value.get("deciding") else "")
    if isinstance(value, list):
        return "\n".join(v["text"] if isinstance(v, dict) and "text" in v else str(v) for v in value)
    if isinstance(value, (int, float)) and value == 0:
        return "Không thu"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def write_catalogue(records: Sequence[dict], labels: Sequence[tuple[str, str]], path: str | Path) -> Path:
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Danh mục"
    ws.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH (phụ lục kèm theo Quyết định công bố)"])
    ws.append(list(LIST_HEADERS))
    for c in ws[2]:
        c.font = Font(bold=True)
    for i, r in enumerate(records, 1):
        agency = (r["fields"].get("agency") or {}).get("value") or {}
        ws.append(
            [
                i,
                r.get("code") or "",
                r["name"],
                r["doc"],
                ", ".join(p.split("#", 1)[1] for p in r["provisions"]),
                "; ".join(agency.get("agencies", [])[:3]),
                ", ".join(r["missing"]),
            ]
        )
    for i, r in enumerate(records, 1):
        sheet = wb.create_sheet(f"TT {i}")
        sheet.append([f"{i}. {r['name']}"])
        sheet["A1"].font = Font(bold=True)
        sheet.append(["Thành phần", "Nội dung", "Điều khoản", "Trích dẫn"])
        for key, label in labels:
            f = r["fields"].get(key)
            sheet.append(
                [
                    label,
                    cell_text(None if f is None else f["value"]),
                    (f or {}).get("provision") or "",
                    (f or {}).get("words") or "",
                ]
            )
        for row in sheet.iter_rows(min_row=3):
            for c in row:
                c.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions["A"].width = 28
        sheet.column_dimensions["B"].width = 80
        sheet.column_dimensions["C"].width = 30
        sheet.column_dimensions["D"].width = 60
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
