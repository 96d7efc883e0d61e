"""Reading feedback files (CSV, XLSX, JSONL) into records: default keys or the Vietnamese headers of the national
feedback system, or a column mapping (``--map content=Nội dung phản ánh,id=Số``). A bad row is reported with its
row number and skipped; the rest is read."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path

from review.errors import FeedbackFileError, ReviewError
from review.models.feedback import FEEDBACK_KEYS, FeedbackRecord
from review.text import fold

# Vietnamese headers of the national feedback system, read as the default keys.
VIETNAMESE = {
    "mã": "id",
    "ngày tiếp nhận": "received",
    "người gửi": "sender",
    "tiêu đề": "title",
    "nội dung": "content",
    "cơ quan tiếp nhận": "agency",
    "trạng thái": "status",
    "trả lời": "reply",
    "ngày trả lời": "replied",
}
_HEADERS = {fold(k): v for k, v in VIETNAMESE.items()} | {k: k for k in FEEDBACK_KEYS}


@dataclass(frozen=True)
class RowError:
    row: int  # the row number in the file (the header is row 1 of a CSV or XLSX; line numbers in JSONL)
    message: str

    def to_dict(self) -> dict:
        return {"row": self.row, "message": self.message}


def parse_map(spec: str | None) -> dict[str, str]:
    """``key=Column,key=Column`` → {column (folded): key}."""
    out: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        key, sep, column = part.partition("=")
        key = key.strip()
        if not sep or key not in FEEDBACK_KEYS or not column.strip():
            raise FeedbackFileError(
                f"bad mapping {part!r}", hint="write key=Column with key one of " + ", ".join(FEEDBACK_KEYS)
            )
        out[fold(column.strip())] = key
    return out


def _rows(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        for n, line in enumerate(path.read_text("utf-8-sig").splitlines(), 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, {"__error__": f"not JSON ({exc.msg})"}
                continue
            yield n, value if isinstance(value, dict) else {"__error__": "not a JSON object"}
    elif suffix == ".csv":
        reader = csv.DictReader(io.StringIO(path.read_text("utf-8-sig")))
        for n, row in enumerate(reader, 2):
            if None in row:
                yield n, {"__error__": f"{len(row[None])} more cell(s) than the header has"}  # type: ignore[index]
                continue
            yield n, dict(row)
    elif suffix == ".xlsx":
        from openpyxl import load_workbook

        active = load_workbook(path, read_only=True, data_only=True).active
        if active is None:
            raise FeedbackFileError(f"{path.name}: the workbook has no sheet")
        sheet = [list(r) for r in active.iter_rows(values_only=True)]
        header = [str(c or "").strip() for c in sheet[0]] if sheet else []
        for n, values in enumerate(sheet[1:], 2):
            if all(v in (None, "") for v in values):
                continue
            yield n, dict(zip(header, values, strict=False))
    else:
        raise FeedbackFileError(
            f"{path.name}: not CSV, XLSX or JSONL", hint="name the file .csv, .xlsx or .jsonl"
        )


def read_feedback(
    path: str | Path, mapping: str | None = None
) -> tuple[list[FeedbackRecord], list[RowError]]:
    """The records of a feedback file and the errors of its bad rows."""
    path = Path(path)
    if not path.is_file():
        raise FeedbackFileError(f"no file {str(path)!r}")
    columns = {**_HEADERS, **parse_map(mapping)}
    records: list[FeedbackRecord] = []
    errors: list[RowError] = []
    seen: set[str] = set()
    header_checked = False
    for n, raw in _rows(path):
        if "__error__" in raw:
            errors.append(RowError(n, str(raw["__error__"])))
            continue
        row: dict[str, str] = {}
        for column, value in raw.items():
            key = columns.get(fold(str(column).strip()))
            if key and value not in (None, ""):
                row[key] = str(value).strip()
        if not header_checked:
            header_checked = True
            known = {columns.get(fold(str(c).strip())) for c in raw}
            if "content" not in known:
                raise FeedbackFileError(
                    f"{path.name}: no content column (Nội dung / content)",
                    hint="name it with --map content=COLUMN",
                )
        try:
            records.append(_record(row, n, seen))
        except ReviewError as exc:
            errors.append(RowError(n, str(exc)))
    return records, errors


def parse_date(text: str, key: str = "date") -> str:
    """ISO ``YYYY-MM-DD`` (a spreadsheet's date and time too) or ``dd/mm/yyyy`` as ISO."""
    text = text.strip()
    if re.match(r"\d{4}-\d\d-\d\d[ T]\d", text):  # a spreadsheet's date and time
        text = text[:10]
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    try:
        if m:
            return Date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        return Date.fromisoformat(text).isoformat()
    except ValueError:
        raise FeedbackFileError(f"{key} {text!r} is not a date (YYYY-MM-DD or dd/mm/yyyy)") from None


def _record(row: dict[str, str], n: int, seen: set[str]) -> FeedbackRecord:
    if not row.get("content"):
        raise FeedbackFileError("no content (Nội dung)")
    ident = row.get("id") or f"row-{n}"
    if ident in seen:
        raise FeedbackFileError(f"id {ident!r} repeats an earlier row")
    seen.add(ident)
    dates = {}
    for key in ("received", "replied"):
        if row.get(key):
            dates[key] = parse_date(row[key], key)
    return FeedbackRecord(
        ident,
        row["content"],
        dates.get("received"),
        row.get("sender"),
        row.get("title"),
        row.get("agency"),
        row.get("status"),
        row.get("reply"),
        dates.get("replied"),
    )
