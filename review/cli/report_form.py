"""The letterhead of ``review report --form review``: a JSON file of fields, then ``--field KEY=VALUE`` on top."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from review.errors import UsageError

FIELDS = ("parent", "office", "number", "place", "signer", "signer_title", "recipients", "subject")


def letterhead_fields(path: str | None, pairs: tuple[str, ...]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8")) if path else {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise UsageError(f"--field takes KEY=VALUE, not {pair!r}")
        data[key.strip()] = (
            [v.strip() for v in value.split(";") if v.strip()] if key == "recipients" else value
        )
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise UsageError(
            f"unknown letterhead fields {', '.join(unknown)}", hint="fields: " + ", ".join(FIELDS)
        )
    return data
