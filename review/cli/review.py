"""The reviewer's commands: findings, decisions on them, the report, administrative procedures, the web app."""

from __future__ import annotations

import click

from review import defaults
from review.cli.options import at_option, corpus_option, list_format_option
from review.cli.output import dumps, handle_errors, write_rows
from review.cli.table import label
from review.models import unit_citation
from review.text.display import for_reader


def _finding_lines(r: dict) -> str:
    decision = "  [" + label("decision", r["decision"]) + "]" if r["decision"] else ""
    return (
        f"{r['score']:.2f} {label('severity', r['severity'])} {r['code']:<28} {r['doc']} "
        f"{unit_citation(r['unit']) if r['unit'] else ''}"
        f"  “{r['text'][:60]}”  → {label('action', r['action'])}{decision}\n"
        f"      {for_reader(r['message'])[:200]}"
    )


@click.command("findings")
@at_option
@click.option("--kind", type=click.Choice(["outdated", "burden", "quality"]))
@click.option("--code", "codes", multiple=True, help="Rule code (repeatable), e.g. OUT-ABOLISHED-BODY.")
@click.option("--doc", help="Only findings on this document.")
@click.option(
    "--authority", metavar="CODE", help="Only on the documents a province or city is responsible for."
)
@click.option("--severity", type=click.Choice(["high", "medium", "low"]))
@click.option("--limit", type=click.IntRange(1), help="Only the N best.")
@corpus_option()
@list_format_option
@handle_errors
def findings_command(at, kind, codes, doc, authority, severity, limit, corpus, fmt) -> None:
    """Outdated and burdensome provisions, ranked, each with its evidence and a suggested action."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        found = c.findings(
            at, kind=kind, code=list(codes) or None, doc=doc, severity=severity, authority=authority
        )[:limit]
    if fmt == "csv":
        from review.report.csv_rows import FINDING_CSV_COLUMNS, finding_csv_row

        write_rows([finding_csv_row(f) for f in found], fmt, FINDING_CSV_COLUMNS)
    else:
        write_rows([f.to_dict() for f in found], fmt, table=_finding_lines)


@click.command()
@click.argument("finding_id", required=False)
@click.argument("decision", required=False, type=click.Choice(["accept", "reject", "note"]))
@click.option("--note", help="The reviewer's note (kept with the decision).")
@click.option(
    "--from-xlsx", "xlsx", type=click.Path(exists=True, dir_okay=False), help="Import a filled-in report."
)
@at_option
@corpus_option()
@handle_errors
def decide(finding_id, decision, note, xlsx, at, corpus) -> None:
    """Record a reviewer's decision on a finding (accept, reject, or a note), or import them from a workbook."""
    from review.api import open_corpus
    from review.errors import UsageError

    with open_corpus(corpus) as c:
        if xlsx:
            done = c.import_decisions(xlsx, at)
            click.echo(
                f"imported {done.imported} decisions"
                + (f"; {done.missing} ids no longer found" if done.missing else ""),
                err=True,
            )
            return
        if not finding_id or not decision:
            raise UsageError("give FINDING_ID and accept|reject|note, or --from-xlsx FILE")
        if decision == "note" and not note:
            raise UsageError("a note needs --note TEXT")
        f = c.decide(finding_id, None if decision == "note" else decision, note, at)
        click.echo(f"{f.id} {f.code} {f.doc} {f.unit or ''}: {decision}", err=True)


@click.command()
@click.option("--out", default=None, help="Folder for report.html and report.xlsx (default: CORPUS/report).")
@at_option
@click.option("--kind", type=click.Choice(["outdated", "burden", "quality"]))
@click.option("--doc", help="Only findings on this document.")
@click.option(
    "--form",
    type=click.Choice(["findings", "review"]),
    default="findings",
    show_default=True,
    help="findings: every finding (HTML + XLSX); review: the báo cáo kết quả rà soát (DOCX + printable HTML).",
)
@click.option(
    "--letterhead", type=click.Path(exists=True, dir_okay=False), help="--form review: a JSON file of fields."
)
@click.option(
    "--field", "fields", multiple=True, metavar="KEY=VALUE", help="--form review: one letterhead field."
)
@click.option(
    "--authority", metavar="CODE", help="--form review: one authority's findings and merger decisions."
)
@corpus_option()
@handle_errors
def report(out, at, kind, doc, form, letterhead, fields, authority, corpus) -> None:
    """Write the review report: a self-contained HTML page (Vietnamese) and an XLSX workbook to fill in; with
    --form review, the report an office sends (letterhead, summary by action, one row per accepted proposal)."""
    from pathlib import Path

    from review.api import open_corpus

    if form == "review":
        from review.cli.report_form import letterhead_fields

        with open_corpus(corpus) as c:
            folder = Path(out) if out else Path(corpus) / "report"
            lh = letterhead_fields(letterhead, fields)
            click.echo(dumps(c.review_report(folder, at, letterhead=lh, authority=authority)))
        return
    with open_corpus(corpus) as c:
        paths = c.report(Path(out) if out else Path(corpus) / "report", at, kind=kind, doc=doc)
    click.echo(dumps(paths))


@click.command()
@corpus_option()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Bind address. Off loopback, writing needs reviewers' accounts (review users add) or a --token.",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--token",
    help="Without accounts, required for decisions off loopback (open pages with ?token=…); drawn when not given.",
)
@click.option(
    "--server",
    type=click.Choice(["waitress", "dev"]),
    default="waitress",
    show_default=True,
    help="waitress: the production WSGI server, several request threads (always the default); "
    "dev: Werkzeug's threaded development server.",
)
@click.option("--threads", type=click.IntRange(1, 64), default=8, show_default=True, help="Request threads.")
@click.option(
    "--query-seconds",
    type=click.FloatRange(0.5, 600),
    default=defaults.WEB_QUERY_SECONDS,
    show_default=True,
    help="A search's time limit (the findings on a new date get 3 times it); past it the query's worker "
    "process is stopped and the page answers 503.",
)
@click.option(
    "--allow-host",
    "hosts",
    multiple=True,
    metavar="NAME",
    help="Another name the Host header may carry (the name users type, behind a proxy); repeatable.",
)
@click.option(
    "--insecure-cookies",
    is_flag=True,
    help="Session cookies without Secure off loopback (only on a trusted network without HTTPS).",
)
@handle_errors
def serve(
    corpus: str,
    host: str,
    port: int,
    token: str | None,
    server: str,
    threads: int,
    hosts: tuple[str, ...],
    insecure_cookies: bool,
    query_seconds: float,
) -> None:
    """The reviewer's web app: search, documents, relation diagrams and findings, in Vietnamese.

    It runs on waitress with --threads request threads; searches and findings are computed in worker processes
    that are stopped after a time limit, so one heavy query does not block the other pages. The Host header must
    be the bound address (or an --allow-host name). Off loopback, sign-in with accounts replaces the write token
    once any account exists; session cookies are then Secure, so serve behind HTTPS (or --insecure-cookies).
    """
    import secrets

    from review import open_corpus
    from review.web import safety
    from review.web import serve as run

    with open_corpus(corpus) as c:
        accounts = bool(c.users())
    if not safety.is_loopback(host) and not token and not accounts:
        token = secrets.token_urlsafe(16)
        click.echo(
            f"write token (mã ghi): {token}  — open http://{host}:{port}/findings?token={token}", err=True
        )
    click.echo(f"review: http://{host}:{port}/  ({server}, {threads} threads; Ctrl+C to stop)", err=True)
    run(
        corpus,
        host=host,
        port=port,
        token=token,
        threads=threads,
        server=server,
        hosts=hosts,
        secure_cookies=False if insecure_cookies else None,
        query_seconds=query_seconds,
    )
