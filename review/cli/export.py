"""``review export``: a document in an exchange format (Akoma Ntoso 3.0)."""

from __future__ import annotations

import click

from review.cli.options import corpus_option
from review.cli.output import handle_errors


@click.group("export")
def export() -> None:
    """A document in an exchange format."""


@export.command("akn")
@click.argument("doc")
@click.option("--out", type=click.Path(dir_okay=False), help="The file to write (default: stdout).")
@corpus_option()
@handle_errors
def akn(doc: str, out: str | None, corpus: str) -> None:
    """Akoma Ntoso 3.0 XML of DOC: eIds from the unit ids, references as <ref>, lifecycle and passive
    modifications from the graph."""
    from pathlib import Path

    from review.api import open_corpus

    with open_corpus(corpus) as c:
        xml = c.akn(doc)
    if out:
        Path(out).write_bytes(xml)
        click.echo(out, err=True)
    else:
        click.echo(xml.decode("utf-8"))
