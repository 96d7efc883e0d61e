"""Dates as the toolkit takes and gives them: ISO ``YYYY-MM-DD`` inside, one parser for what users type."""

from __future__ import annotations

from datetime import date as Date

from review.errors import UsageError


def as_iso(at: str | Date | None) -> str:
    """A date given by a user or a caller, as ISO ``YYYY-MM-DD``; None is today."""
    if at is None:
        return Date.today().isoformat()
    if isinstance(at, Date):
        return at.isoformat()
    try:
        return Date.fromisoformat(str(at)).isoformat()
    except ValueError as exc:
        raise UsageError(f"a date must be YYYY-MM-DD, not {at!r}") from exc
