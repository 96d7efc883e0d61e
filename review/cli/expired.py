"""``review expired``: the annual list of documents that expired or were suspended, in whole or in part."""

from __future__ import annotations

from pathlib import Path

import click

from review.cli.options import corpus_option, format_option
from review.cli.output import dumps, handle_errors

TABLE_HEADS = (
    "Phần",
    "STT",
    "Số, ký hiệu; ngày ban hành",
    "Nội dung hết hiệu lực",
    "Lý do",
    "Ngày hết hiệu lực",
)


@click.command("expired")
@click.option(
    "--authority", required=True, metavar="A", help='An issuing body ("Chính phủ") or a province code (HN).'
)
@click.option(
    "--year", required=True, type=click.IntRange(1945, 2100), help="The year the documents expired in."
)
@format_option("json", "table", "csv", "xlsx", "docx", default="json")
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    help="The file for csv, xlsx and docx (default: stdout for csv).",
)
@corpus_option()
@handle_errors
def expired(authority: str, year: int, fmt: str, out: str | None, corpus: str) -> None:
    """Documents of an authority that expired in whole or in part during a year (danh mục văn bản hết hiệu lực,
    ngưng hiệu lực toàn bộ hoặc một phần), in the columns of the official list form."""
    from review.api import open_corpus
    from review.errors import UsageError
    from review.report.expired import parts, write_expired_csv, write_expired_docx, write_expired_xlsx

    with open_corpus(corpus) as c:
        name, entries = c.expired(authority, year)
    caption = f"{name} — năm {year}"
    if fmt == "json":
        click.echo(dumps({"authority": name, "year": year, "entries": [e.to_dict() for e in entries]}))
    elif fmt == "table":
        click.echo(caption)
        click.echo(" | ".join(TABLE_HEADS))
        for heading, _, rows in parts(entries):
            for r in rows:
                what = r["provisions"] or "Toàn bộ"
                click.echo(f"{heading[:1]} | {r['stt']} | {r['number_date']} | {what[:60]} | {r['ground'][:90]} | "
                           f"{r['expired_on']}")  # fmt: skip
        click.echo(f"{len(entries)} văn bản (documents)", err=True)
    elif fmt == "csv" and not out:
        import sys
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = write_expired_csv(entries, Path(tmp) / "list.csv")
            sys.stdout.buffer.write(path.read_bytes())
    else:
        if not out:
            raise UsageError(f"--format {fmt} writes a file: give --out FILE")
        if fmt == "csv":
            path = write_expired_csv(entries, out)
        elif fmt == "xlsx":
            path = write_expired_xlsx(entries, out, caption=caption)
        else:
            path = write_expired_docx(entries, out, caption=caption)
        click.echo(dumps({"path": str(path), "entries": len(entries)}))
