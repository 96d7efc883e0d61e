"""The command line: argument parsing and output formatting only; each command calls one library function.

The commands live by subject (``build``: the corpus itself; ``search``: text; ``graph``: status and relations;
``review``: findings and what reviewers do with them); the options several commands share are in ``options``,
and everything written to the terminal goes through ``output`` (JSON, rows of a list, one-line errors).
"""

from __future__ import annotations

import click

from review.cli import (
    build,
    diff,
    expired,
    export,
    feedback,
    graph,
    merger,
    procedures,
    review,
    search,
    users,
)
from review.cli.output import handle_errors

__all__ = ["handle_errors", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.option("--traceback", is_flag=True, help="Show the Python traceback of an error.")
@click.version_option(package_name="norm-review", prog_name="review")
def main(traceback: bool) -> None:
    """Regulatory review of Vietnamese legal normative documents (văn bản quy phạm pháp luật).

    Parse Luật, Nghị định, Thông tư ... from PDF, DOCX, HTML, text and JSONL datasets into a structured,
    stored corpus (Phần, Chương, Mục, Điều, Khoản, Điểm).
    """


for command in (
    build.parse,
    build.build,
    build.remove,
    build.docs,
    build.show,
    search.search_command,
    search.refs,
    graph.status,
    graph.graph,
    review.findings_command,
    review.decide,
    review.report,
    procedures.procedures,
    feedback.feedback,
    review.serve,
    expired.expired,
    diff.diff,
    export.export,
    merger.merger,
    merger.merger_decide,
    users.users,
):
    main.add_command(command)


if __name__ == "__main__":
    main()
