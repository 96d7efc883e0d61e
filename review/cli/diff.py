"""``review diff``: two versions of a provision, or two documents or units, compared provision by provision."""

from __future__ import annotations

import click

from review.cli.options import corpus_option, format_option
from review.cli.output import dumps, handle_errors

MARKS = {"same": "=", "changed": "~", "renumbered": "↷", "rewritten": "≠", "removed": "-", "added": "+"}


def _line(p: dict) -> str:
    left = (p["left"] or {}).get("label") or (p["left"] or {}).get("key") or ""
    right = (p["right"] or {}).get("label") or (p["right"] or {}).get("key") or ""
    words = "".join(
        f"[-{t.strip()}-]" if op == "delete" else f"{{+{t.strip()}+}}" for op, t in p["ops"] if op != "equal"
    )
    return (
        f"{MARKS[p['match']]} {p['match']:<10} {left:>10} → {right:<10} {p['similarity']:.2f}  {words[:160]}"
    )


@click.command("diff")
@click.argument("a")
@click.argument("b", required=False)
@click.option("--from", "from_", metavar="DATE", help="One node: the earlier date.")
@click.option(
    "--to", metavar="DATE", help="The later date (default today); with two nodes, the date of both."
)
@format_option("json", "table", default="table")
@corpus_option()
@handle_errors
def diff(a: str, b: str | None, from_: str | None, to: str | None, fmt: str, corpus: str) -> None:
    """Compare versions: DOC#EID --from DATE --to DATE (a provision's history), or A B (two documents or units).

    Provisions are matched by number and by wording (a renumbered article is recognised); the table marks
    deleted words [-so-] and inserted ones {+so+}."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        result = c.diff(a, b, from_=from_, to=to).to_dict()
    if fmt == "json":
        click.echo(dumps(result))
        return
    click.echo(f"{result['left']}  →  {result['right']}")
    for p in result["pairs"]:
        click.echo(_line(p))
    click.echo("; ".join(f"{k}: {v}" for k, v in result["counts"].items()), err=True)
