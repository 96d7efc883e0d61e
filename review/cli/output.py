"""What every command writes: JSON, rows of a list (JSON, CSV or a table), and errors as one line."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

import click

from review.errors import EXIT_ERROR, ReviewError


def dumps(value: Any) -> str:
    # Real Vietnamese characters, not \u escapes (CONTRACT.md).
    return json.dumps(value, ensure_ascii=False, indent=2)


def write_rows(
    rows: list[dict],
    fmt: str,
    columns: Sequence[str] = (),
    table: Callable[[dict], str] | None = None,
) -> None:
    """A list command's output: JSON (every field), CSV (``columns``, with a header), or a table for reading:
    ``table(row)`` per row, else the ``columns`` of each row on one line cut at 200 characters."""
    if fmt == "json":
        click.echo(dumps(rows))
    elif fmt == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    elif table is not None:
        for r in rows:
            click.echo(table(r))
    else:
        for r in rows:
            click.echo("  ".join(str(r.get(c) if r.get(c) is not None else "") for c in columns)[:200])


def handle_errors(func: Callable) -> Callable:
    """ReviewErrors become one line on stderr and exit code 1; --traceback shows the Python traceback."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ReviewError as exc:
            if click.get_current_context().find_root().params.get("traceback"):
                raise
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper
