"""Commands that find things in text: search the corpus, and the references in any text or file."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

import click

from review import defaults
from review.cli.options import corpus_option, format_option
from review.cli.output import dumps, handle_errors


@click.command("search")
@click.argument("query")
@click.option("--type", "doc_type", help="Document type (Luật, Nghị định, Thông tư …); accents optional.")
@click.option("--issuer", help="Issuing body (Bộ Tài chính …); accents optional.")
@click.option(
    "--authority",
    metavar="CODE",
    help="Only the documents a province or city is responsible for (HCM, 'Hà Nội').",
)
@click.option("--year", type=int, help="Year of issue.")
@click.option("--in-force-on", metavar="DATE", help="Only documents in effect on DATE (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(1, 200), default=10, show_default=True, help="Hits per page.")
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@click.option(
    "--engine", type=click.Choice(["whoosh", "tantivy"]), default=defaults.SEARCH_ENGINE, show_default=True
)
@corpus_option()
@format_option(
    "json",
    "table",
    default="table",
    help="json: the search hits (CONTRACT.md) with facets; table: for reading.",
)
@handle_errors
def search_command(
    query: str,
    doc_type: str | None,
    issuer: str | None,
    authority: str | None,
    year: int | None,
    in_force_on: str | None,
    limit: int,
    page: int,
    engine: str,
    corpus: str,
    fmt: str,
) -> None:
    """Search provisions: words without accents, "phrases", AND/OR/NOT, document numbers ("NĐ 43/2014")."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        results = c.search(
            query,
            type=doc_type,
            issuer=issuer,
            authority=authority,
            year=year,
            in_force_on=in_force_on,
            page=page,
            per_page=limit,
            engine=engine,
        )
    if fmt == "json":
        click.echo(dumps(results.to_dict()))
        return
    click.echo(
        f"{results.total} kết quả (results) for {query!r} — page {page}, {results.seconds * 1000:.0f} ms"
    )
    for i, hit in enumerate(results.hits, start=(page - 1) * limit + 1):
        snippet = re.sub(r"</?b>", "*", hit.snippet)
        click.echo(
            f"{i:>3}. {hit.doc} {hit.unit or ''}  [{hit.type or '?'}, {hit.status}]  {(hit.title or '')[:70]}"
        )
        click.echo(f"     {snippet[:220]}")
    for name, counts in results.facets.items():
        click.echo(f"  {name}: " + ", ".join(f"{k} {v}" for k, v in list(counts.items())[:8]))


@click.command()
@click.argument("path", required=False, default="-")
@click.option("--doc-id", help="The document the text belongs to (resolves 'Luật này', 'Điều này').")
@click.option("--doc-type", help="Its type (Luật, Nghị định ...).")
@click.option("--unit", help="The eid of the unit the text is (completes 'khoản 2', 'Điều này').")
@click.option("--amended-doc", help="Inside an amending operation: the document being amended.")
@click.option(
    "--input-format",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help='jsonl: one {"id": ..., "text": ..., "doc_id": ...} per line.',
)
@format_option("json", "jsonl", default="json")
@click.option("--facts", is_flag=True, help="Also give effectiveness statements (as a 'facts' list).")
@handle_errors
def refs(
    path: str,
    doc_id: str | None,
    doc_type: str | None,
    unit: str | None,
    amended_doc: str | None,
    input_format: str,
    fmt: str,
    facts: bool,
) -> None:
    """References in a text: citations with their relation and target (CONTRACT.md, Reference).

    PATH is a text file or - for standard input. A PDF, DOCX or HTML file is parsed first and every unit of
    every document in it is annotated. With --input-format jsonl, each output line is {"id": ..., "refs": [...]}.
    """
    from review.refs import references_in_bytes, references_in_file, references_in_jsonl

    if input_format == "jsonl":
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
        with stream:
            # One line out per line in, as each is annotated: a long stream is never held in memory.
            for line in references_in_jsonl(stream, name=path, doc_id=doc_id, facts=facts):
                click.echo(json.dumps(line.to_dict(), ensure_ascii=False))
        return
    context: dict[str, Any] = {
        "doc_id": doc_id,
        "doc_type": doc_type,
        "unit": unit,
        "amended_doc": amended_doc,
        "facts": facts,
    }
    if path == "-":
        found = references_in_bytes(sys.stdin.buffer.read(), path, **context)
    else:
        found = references_in_file(path, **context)
    if fmt == "jsonl":
        for r in found.refs:
            click.echo(json.dumps(r.to_dict(), ensure_ascii=False))
        return
    payload: list | dict = [r.to_dict() for r in found.refs]
    if facts:
        payload = {"refs": payload, "facts": [f.to_dict() for f in found.facts]}
    click.echo(dumps(payload))
