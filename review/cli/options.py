"""Options more than one command takes, declared once so that their names, defaults and help stay the same."""

from __future__ import annotations

import click

from review import defaults


def corpus_option(help: str | None = None):
    """--corpus: the folder of the built store (``review build`` writes it, every other command reads it)."""
    return click.option("--corpus", default=defaults.CORPUS_DIR, show_default=True, help=help)


def format_option(*choices: str, default: str | None, help: str | None = None):
    """--format (as ``fmt``): one of ``choices``. JSON is the default wherever a program reads the output."""
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default=default, show_default=True, help=help
    )


# Every list command: JSON for programs, CSV for spreadsheets, a table for reading (review.cli.output.write_rows).
list_format_option = format_option("json", "csv", "table", default="json")

at_option = click.option("--at", metavar="DATE", help="The date (dd/mm/yyyy or YYYY-MM-DD); default today.")

ocr_option = click.option(
    "--ocr",
    type=click.Choice(["auto", "always", "never"]),
    default=defaults.OCR_POLICY,
    show_default=True,
    help="OCR for scanned PDFs (needs tesseract-ocr and tesseract-ocr-vie).",
)
map_option = click.option(
    "--map",
    "field_map",
    metavar="SPEC",
    help="JSONL field mapping: a preset (vbpl, phapdien) or text=KEY[,title=KEY,number=KEY,...].",
)
