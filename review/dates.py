"""Dates as the toolkit takes and gives them: ISO ``YYYY-MM-DD`` inside, one parser for what users type (ISO, or
dd/mm/yyyy as Vietnamese users write it), and dd/mm/yyyy when shown to Vietnamese readers."""

from __future__ import annotations

import re
from datetime import date as Date

from review.errors import UsageError

# dd/mm/yyyy, d/m/yyyy, with "/", "-" or "." (10/3/2026, 10-03-2026, 10.03.2026): day first, as in Vietnam.
_DAY_FIRST = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*")
_ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")


def parse_user_date(text: str) -> Date:
    """A date as a user types it: ``YYYY-MM-DD`` or ``dd/mm/yyyy``; anything else, or no such day, is a
    UsageError that says both forms."""
    match = _ISO.fullmatch(text)
    groups = (match.group(1), match.group(2), match.group(3)) if match else None
    if groups is None:
        day_first = _DAY_FIRST.fullmatch(text)
        if day_first:
            groups = (day_first.group(3), day_first.group(2), day_first.group(1))
    if groups is None:
        raise UsageError(f"a date must be dd/mm/yyyy or YYYY-MM-DD, not {text!r}")
    try:
        return Date(int(groups[0]), int(groups[1]), int(groups[2]))
    except ValueError as exc:
        raise UsageError(f"no such day: {text!r} ({exc})") from exc


def as_iso(at: str | Date | None) -> str:
    """A date given by a user or a caller, as ISO ``YYYY-MM-DD``; None is today."""
    if at is None:
        return Date.today().isoformat()
    if isinstance(at, Date):
        return at.isoformat()
    return parse_user_date(str(at)).isoformat()


def vi_date(value: str | Date | None) -> str:
    """An ISO date as Vietnamese readers write it (dd/mm/yyyy); a value that is not a date is returned as given."""
    if value is None:
        return ""
    if isinstance(value, Date):
        return value.strftime("%d/%m/%Y")
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    return f"{match.group(3)}/{match.group(2)}/{match.group(1)}" if match else str(value)
