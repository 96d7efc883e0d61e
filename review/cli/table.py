"""Tables for reading in a terminal: a header of Vietnamese column names (the English key beside in the JSON
form), vocabulary values in Vietnamese with the English term, dates as dd/mm/yyyy, lists joined, long cells cut.
An empty list says that the command looked and found nothing."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from review.dates import vi_date
from review.vocab import (
    Action,
    Decision,
    FindingKind,
    Relation,
    Severity,
    StatusValue,
    event_label,
    vocabulary,
)

# Column key → what the header says (one table for every command, so the same field reads the same everywhere).
HEADERS = {
    "id": "Số hiệu (id)",
    "doc": "Văn bản (doc)",
    "source": "Văn bản nguồn (source)",
    "target": "Văn bản đích (target)",
    "node": "Đối tượng (node)",
    "unit": "Đơn vị (unit)",
    "eid": "Đơn vị (unit)",
    "type": "Loại (type)",
    "issuer": "Cơ quan ban hành (issuer)",
    "authority": "Địa phương (authority)",
    "title": "Trích yếu (title)",
    "name": "Tên (name)",
    "issued": "Ngày ban hành (issued)",
    "effective": "Ngày hiệu lực (effective)",
    "date": "Ngày (date)",
    "at": "Ngày (at)",
    "status": "Trạng thái (status)",
    "stated_status": "Trạng thái ghi nhận (stated)",
    "relation": "Quan hệ (relation)",
    "kind": "Loại (kind)",
    "depth": "Bậc (depth)",
    "text": "Nội dung (text)",
    "articles": "Số điều (articles)",
    "severity": "Mức độ (severity)",
    "action": "Đề xuất (action)",
    "score": "Điểm (score)",
    "code": "Mã (code)",
    "message": "Nhận xét (message)",
    "decision": "Quyết định (decision)",
    "count": "Số lượng (count)",
}

_VOCABULARIES: dict[str, tuple[type, ...]] = {
    "status": (StatusValue,),
    "stated_status": (StatusValue,),
    "relation": (Relation,),
    "action": (Action,),
    "severity": (Severity,),
    "kind": (FindingKind, Relation),
    "decision": (Decision,),
}
_DATE_KEYS = {"issued", "effective", "date", "at", "decided_at", "received", "replied", "due", "expired"}
MAX_CELL = 60
NONE_FOUND = "(không có kết quả — none found)"


def label(key: str, value: Any) -> str:
    """One cell: vocabulary values in Vietnamese with the English term, dates dd/mm/yyyy, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list | tuple | set):
        return "; ".join(label(key, v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {label(k, v)}" for k, v in value.items())
    text = str(value)
    for table in _VOCABULARIES.get(key, ()):
        try:
            member = table(text)
        except ValueError:
            continue
        return f"{member.vi} ({text})"
    if key == "kind" and text in vocabulary().get("event_kinds", {}):
        return f"{event_label(text)} ({text})"
    if key in _DATE_KEYS:
        return vi_date(text[:10]) + text[10:]
    return text


def _width(text: str) -> int:
    # Combining marks take no column (a decomposed "ệ" is one character wide on screen).
    return sum(0 if unicodedata.combining(ch) else 1 for ch in text)


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if _width(text) <= limit else text[: limit - 1] + "…"


def render(
    rows: Sequence[dict],
    columns: Sequence[str],
    headers: dict[str, str] | None = None,
    cell: Callable[[str, Any], str] = label,
    max_cell: int = MAX_CELL,
) -> str:
    """``rows`` as an aligned table of ``columns`` under their headers; an empty list as NONE_FOUND."""
    if not rows:
        return NONE_FOUND
    names = {**HEADERS, **(headers or {})}
    head = [names.get(c, c) for c in columns]
    body = [[_cut(cell(c, r.get(c)), max_cell) for c in columns] for r in rows]
    widths = [max(_width(h), *(_width(line[i]) for line in body)) for i, h in enumerate(head)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(head), line(["─" * w for w in widths])]
    out.extend(line(cells) for cells in body)
    out.append(f"({len(rows)} dòng — rows)")
    return "\n".join(out)
