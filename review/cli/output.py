"""What every command writes: JSON, rows of a list (JSON, CSV or a table), and errors as one line."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

import click

from review.cli.table import NONE_FOUND, render
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
    """A list command's output: JSON (every field), CSV (``columns``, with a header and a UTF-8 byte-order mark, so
    Excel reads Vietnamese), or a table for reading: ``table(row)`` per row, else the ``columns`` under Vietnamese
    headers (review.cli.table). An empty list reads "none found" in a table, ``[]`` in JSON, a header in CSV."""
    if fmt == "json":
        click.echo(dumps(rows))
    elif fmt == "csv":
        write_csv(rows, columns)
    elif table is not None:
        for r in rows:
            click.echo(table(r))
        if not rows:
            click.echo(NONE_FOUND)
    else:
        click.echo(render(rows, columns))


def write_csv(rows: Sequence[dict], columns: Sequence[str]) -> None:
    """CSV on stdout with a UTF-8 byte-order mark: Excel, which legal staff open CSV files in, otherwise shows
    Vietnamese as mojibake."""
    out = sys.stdout
    out.write("\ufeff")
    w = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    out.flush()


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
