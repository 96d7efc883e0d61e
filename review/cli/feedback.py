"""`review feedback import FILE` and `review feedback list`: citizens' feedback (phản ánh, kiến nghị) linked to the
provisions it concerns. The sender is personal data: hidden unless --show-sender."""

from __future__ import annotations

import click

from review.cli.options import corpus_option, list_format_option
from review.cli.output import dumps, handle_errors, write_rows


@click.group("feedback")
def feedback() -> None:
    """Feedback on regulations (phản ánh, kiến nghị), linked to provisions."""


@feedback.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--map",
    "mapping",
    metavar="SPEC",
    help="Column mapping key=Column,... (keys: id, received, sender, title, content, agency, status, reply, "
    "replied); default: those keys or the Vietnamese headers Mã, Ngày tiếp nhận, Người gửi, ...",
)
@corpus_option()
@handle_errors
def import_command(file, mapping, corpus) -> None:
    """Import a CSV, XLSX or JSONL feedback file; bad rows are reported with their row number, the rest imported."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        report = c.import_feedback(file, mapping)
    for e in report.errors:
        click.echo(f"row {e.row}: {e.message}", err=True)
    click.echo(dumps(report.to_dict()))


@feedback.command("list")
@click.option("--doc", help="Only feedback linked to this document.")
@click.option("--unit", help="With --doc: only feedback linked to this unit (eid, e.g. dieu_25).")
@click.option("--unlinked", is_flag=True, help="Only the records linked to nothing.")
@click.option("--show-sender", is_flag=True, help="Show the sender (personal data).")
@corpus_option()
@list_format_option
@handle_errors
def list_command(doc, unit, unlinked, show_sender, corpus, fmt) -> None:
    """Feedback records with their links (document, unit, confidence, reason)."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        items = [i.to_dict(show_sender) for i in c.feedback(doc, unit, unlinked=unlinked)]
    if fmt == "json":
        click.echo(dumps(items))
        return
    rows = [
        {
            "Mã": i["id"],
            "Ngày tiếp nhận": i["received"] or "",
            "Người gửi": i["sender"] or "",
            "Tiêu đề": i["title"] or "",
            "Điều khoản": "; ".join(f"{x['doc']}#{x['unit'] or ''} ({x['confidence']})" for x in i["links"])
            or "(chưa liên kết)",
        }
        for i in items
    ]
    columns = ("Mã", "Ngày tiếp nhận", "Người gửi", "Tiêu đề", "Điều khoản")
    if fmt == "table":
        click.echo("  ".join(columns))
    write_rows(rows, fmt, columns)
