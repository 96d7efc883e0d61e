"""``review merger``: after a merger, an authority's and its predecessors' documents grouped by subject, with the
conflicting provisions side by side; ``review merger-decide`` records keep / replace / repeal per document."""

from __future__ import annotations

import click

from review.cli.options import at_option, corpus_option, format_option
from review.cli.output import dumps, handle_errors


@click.command("merger")
@click.option(
    "--authority", required=True, metavar="CODE", help="The province or city after the merger (HCM)."
)
@at_option
@format_option("json", "table", default="table")
@corpus_option()
@handle_errors
def merger(authority: str, at: str | None, fmt: str, corpus: str) -> None:
    """Documents of an authority and of the provinces merged into it in force on a date, by subject, with the
    provisions that disagree (time limits, fees, dossier sets) and the decision taken on each document."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        groups = c.merger(authority, at)
    if fmt == "json":
        click.echo(dumps([g.to_dict() for g in groups]))
        return
    for g in groups:
        click.echo(f"■ {g.subject}" + (f"  [căn cứ: {', '.join(g.bases[:3])}]" if g.bases else ""))
        for d in g.docs:
            decided = f"  → {d.decision}" if d.decision else ""
            click.echo(f"    {d.authority:<5} {d.doc:<26} {(d.title or '')[:70]}{decided}")
        for k in g.conflicts:
            click.echo(f"    ≠ {k.label}: {k.left_doc} {k.left_unit} {', '.join(k.left_values)}  |  "
                       f"{k.right_doc} {k.right_unit} {', '.join(k.right_values)}")  # fmt: skip
    click.echo(f"{len(groups)} nhóm (groups), {sum(len(g.docs) for g in groups)} văn bản", err=True)


@click.command("merger-decide")
@click.option("--authority", required=True, metavar="CODE", help="The province or city after the merger.")
@click.argument("doc")
@click.argument("decision", type=click.Choice(["keep", "replace", "repeal", "none"]))
@click.option("--note", help="Why (kept with the decision).")
@corpus_option()
@handle_errors
def merger_decide(authority: str, doc: str, decision: str, note: str | None, corpus: str) -> None:
    """Record what the authority decides for DOC: keep (tiếp tục áp dụng), replace (thay thế), repeal (bãi bỏ);
    none withdraws the decision."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        done = c.merger_decide(authority, doc, None if decision == "none" else decision, note)
    click.echo(dumps(done))
