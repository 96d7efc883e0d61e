"""Commands on the citation and amendment graph: status on a date, dependencies, impact, history, text as
amended, statistics, exports."""

from __future__ import annotations

import click

from review import defaults
from review.cli.options import at_option, corpus_option, format_option, list_format_option
from review.cli.output import dumps, handle_errors, write_rows
from review.dates import vi_date
from review.vocab import event_label, status_label

_LINK_COLUMNS = ["depth", "relation", "source", "target", "effective", "text"]
_HISTORY_COLUMNS = ["date", "kind", "node", "doc", "unit", "text"]
_AGREEMENT = {True: "khớp (agrees)", False: "KHÔNG khớp (disagrees)", None: "không so sánh được"}


@click.command()
@click.argument("node", metavar="ID")
@at_option
@corpus_option()
@format_option("json", "table", default="json")
@handle_errors
def status(node: str, at: str | None, corpus: str, fmt: str) -> None:
    """Status of a document (ID) or a unit (DOC#EID) on a date, with the facts that decided it."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        st = c.status(node, at)
    if fmt == "json":
        click.echo(dumps(st.to_dict()))
        return
    click.echo(f"{st.id} — {status_label(st.status)} ({st.status}) ngày {vi_date(st.at)}")
    if st.stated_label:
        click.echo(f"  nguồn ghi (stated): {st.stated_label} — {_AGREEMENT[st.agrees]}")
    for r in st.because:
        click.echo(
            f"  vì (because): {event_label(r.kind)} ({r.kind}) {r.doc or ''} {r.unit or ''} {vi_date(r.date)}"
            f"  {(r.text or '')[:90]}"
        )


@click.group()
def graph() -> None:
    """The citation and amendment graph: dependencies, impact, history, statistics, exports."""


_relations_option = click.option(
    "--relation", "relations", multiple=True, help="Only these relations (repeatable: legal_basis, cites …)."
)
_depth_option = click.option(
    "--depth", type=click.IntRange(1, 10), default=defaults.GRAPH_DEPTH, show_default=True, help="How far."
)


@graph.command("deps")
@click.argument("node", metavar="ID")
@_depth_option
@_relations_option
@corpus_option()
@list_format_option
@handle_errors
def graph_deps(node: str, depth: int, relations: tuple[str, ...], corpus: str, fmt: str) -> None:
    """What a document or unit rests on (legal basis, cited and amended provisions), to DEPTH."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        c.require_node(node)
        rows = [link.to_dict() for link in c.deps(node, depth, relations or None)]
    write_rows(rows, fmt, _LINK_COLUMNS)


@graph.command("impact")
@click.argument("node", metavar="ID")
@_depth_option
@_relations_option
@corpus_option()
@list_format_option
@handle_errors
def graph_impact(node: str, depth: int, relations: tuple[str, ...], corpus: str, fmt: str) -> None:
    """What rests on a document or unit: the citing units, then what rests on their documents."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        c.require_node(node)
        rows = [link.to_dict() for link in c.impact(node, depth, relations or None)]
    write_rows(rows, fmt, _LINK_COLUMNS)


@graph.command("history")
@click.argument("node", metavar="ID")
@corpus_option()
@list_format_option
@handle_errors
def graph_history(node: str, corpus: str, fmt: str) -> None:
    """The amendment history of a unit (DOC#EID) or a document: dated acts with the amending text."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        c.require_node(node)
        rows = [h.to_dict() for h in c.history(node)]
    write_rows(rows, fmt, _HISTORY_COLUMNS)


@graph.command("text")
@click.argument("node", metavar="DOC#EID")
@at_option
@corpus_option()
@format_option("json", "text", default="text")
@handle_errors
def graph_text(node: str, at: str | None, corpus: str, fmt: str) -> None:
    """A unit's text as amended on a date (computed, not an official consolidation)."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        c.require_node(node)
        result = c.text_at(node, at)
    if fmt == "json":
        click.echo(dumps(result.to_dict()))
        return
    click.echo(f"[computed consolidation / văn bản hợp nhất do công cụ tính, {result.at}]")
    click.echo(result.text)
    for op in result.operations:
        mark = "✓" if op.applied else "✗ not applied"
        click.echo(f"  {mark} {op.date} {op.kind} by {op.doc} {op.unit or ''}: {op.detail[:80]}", err=True)


@graph.command("stats")
@at_option
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@corpus_option()
@handle_errors
def graph_stats(at: str | None, limit: int, corpus: str) -> None:
    """Counts, document statuses, most relied-on documents, dangling references, cycles, communities (JSON)."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        click.echo(dumps(c.graph_stats(at, limit)))


@graph.command("export")
@click.argument("path", type=click.Path(dir_okay=False))
@format_option("graphml", "gexf", "json", "csv", default=None, help="Default: from the suffix.")
@corpus_option()
@handle_errors
def graph_export(path: str, fmt: str | None, corpus: str) -> None:
    """Write the graph as GraphML, GEXF, node-link JSON or a CSV edge list."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        out = c.graph_view.export(path, fmt)
        g = c.graph
        click.echo(f"wrote {out} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)", err=True)
