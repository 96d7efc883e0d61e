"""Commands that make and read the corpus itself: build, parse, docs, show (and their text renderings)."""

from __future__ import annotations

import sys

import click

from review import defaults
from review.cli.options import corpus_option, format_option, map_option, ocr_option
from review.cli.output import dumps, handle_errors, write_rows
from review.models import Document, Unit
from review.vocab import UnitKind


@click.command()
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=False))
@format_option(
    "json",
    "text",
    default="json",
    help="json: a JSON array of documents (CONTRACT.md); text: an outline for reading.",
)
@ocr_option
@map_option
@handle_errors
def parse(path: str, fmt: str, ocr: str, field_map: str | None) -> None:
    """Parse PATH into documents: metadata and the unit tree, with data-quality notes."""
    from review.api import parse as parse_documents
    from review.ingest import IngestOptions

    documents = parse_documents(path, options=IngestOptions(ocr=ocr, field_map=field_map))
    if fmt == "json":
        click.echo(dumps([d.to_dict() for d in documents]))
    else:
        for doc in documents:
            click.echo(outline(doc))


def _kind_label(kind: str) -> str:
    return UnitKind(kind).vi if kind in list(UnitKind) else kind


def outline(doc: Document) -> str:
    """A readable outline of a document: header, then one line per unit, indented."""
    lines = [
        f"{doc.type or '?'} {doc.number or ''} — {doc.title or ''}".strip(),
        f"  id: {doc.id}   issuer: {doc.issuer or '?'}   issued: {doc.issued or '?'}   effective: "
        f"{doc.effective or '?'}   language: {doc.language}",
    ]
    if doc.stated_status:
        lines.append(f"  stated status (source): {doc.stated_status}")

    def walk(unit: Unit, depth: int) -> None:
        label = _kind_label(unit.kind)
        head = f" {unit.heading}" if unit.heading else ""
        first = unit.text.split("\n", 1)[0][:70] if unit.kind in ("khoan", "diem") else ""
        lines.append(
            f"{'  ' * (depth + 1)}{label} {unit.num or ''}{head}{(' ' + first) if first else ''}  [{unit.eid}]"
        )
        for child in unit.children:
            walk(child, depth + 1)

    for unit in doc.units:
        walk(unit, 0)
    for note in doc.notes:
        lines.append(f"  note {note.code}: {note.message}" + (f" (line {note.line})" if note.line else ""))
    return "\n".join(lines)


class _Progress:
    """A one-line progress bar on stderr (only when stderr is a terminal, or forced)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __call__(self, path: str, done: int, total: int) -> None:
        if not self.enabled or not total:
            return
        width = 30
        filled = int(width * done / total)
        name = path if len(path) <= 50 else "…" + path[-49:]
        click.echo(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name:<50}", err=True, nl=False
        )
        if done == total:
            click.echo("", err=True)


@click.command()
@click.argument("sources", nargs=-1, type=click.Path())
@corpus_option("Where the store is written.")
@click.option(
    "--jobs", "-j", type=int, default=defaults.JOBS, show_default=True, help="Parallel parse processes."
)
@click.option("--force", is_flag=True, help="Re-parse every file, changed or not.")
@click.option(
    "--prune",
    is_flag=True,
    help="Remove stored sources under the given folders that no longer exist (never done without it).",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0),
    metavar="SECONDS",
    help="Time budget of each file (0: none). Default: by size, "
    f"{defaults.FILE_SECONDS:g} s + {defaults.FILE_SECONDS_PER_MB:g} s per MB.",
)
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar on stderr (default: when a terminal)."
)
@format_option("text", "json", default="text")
@click.option(
    "--engine",
    "engines",
    type=click.Choice(["whoosh", "tantivy"]),
    multiple=True,
    help="Search engine(s) whose index to keep in step (repeatable; default tantivy; whoosh is pure Python).",
)
@click.option(
    "--dask",
    metavar="SCHEDULER",
    default=None,
    help="Run ingest, structure and annotate on a Dask cluster: a scheduler address (tcp://host:8786) or "
    "'local' for a LocalCluster here. The store and the index are written on this machine. Needs review[dask].",
)
@ocr_option
@map_option
@handle_errors
def build(
    sources: tuple[str, ...],
    corpus: str,
    jobs: int,
    force: bool,
    prune: bool,
    time_limit: float | None,
    progress: bool | None,
    fmt: str,
    engines: tuple[str, ...],
    ocr: str,
    field_map: str | None,
    dask: str | None,
) -> None:
    """Build the corpus store from SOURCES (files or folders; default corpus/), incrementally.

        New and changed files are parsed and files that failed before are tried again; unchanged ones are skipped.
        Nothing stored is removed unless asked: files that vanished are listed, and removed with --prune (or `review
        remove`). A file that cannot be read, or runs over its time budget, is reported (one line each) and the rest
        of the batch goes on; the exit code is 1 when any file failed. A scan that needs Tesseract, on a machine without
    it, waits (reported as "waiting", tried again by the next build) and does not fail the batch. A source path that does not exist is an error
        and nothing is changed.
    """
    from review.build import build as run_build
    from review.ingest import IngestOptions

    show = sys.stderr.isatty() if progress is None else progress
    report = run_build(
        sources or (defaults.SOURCES_DIR,),
        corpus,
        jobs=jobs,
        options=IngestOptions(ocr=ocr, field_map=field_map),
        progress=_Progress(show),
        force=force,
        engines=engines or (defaults.SEARCH_ENGINE,),
        prune=prune,
        time_limit=time_limit,
        dask=dask,
    )
    failed, deferred = set(report.failed), set(report.deferred)
    for problem in report.problems:
        # A file that could not be read is an error; one that needs a program this machine lacks waits for it
        # (tried again by the next build); a record or a copy refused inside a file that was read, a warning
        # (the file's other documents are stored).
        path = problem.get("path")
        level = "error" if path in failed else "waiting" if path in deferred else "warning"
        click.echo(
            f"{level}: {problem['code']} {problem['path']}: {problem['message']}"
            + (f" ({problem['hint']})" if problem.get("hint") else ""),
            err=True,
        )
    if report.stale:
        click.echo(
            f"note: {len(report.stale)} stored source(s) no longer exist and were kept; "
            "build with --prune (or review remove PATH) to remove them",
            err=True,
        )
    if fmt == "json":
        click.echo(dumps(report.to_dict()))
    else:
        click.echo(summary_text(report.to_dict()))
    if report.failed:
        sys.exit(1)


def summary_text(r: dict) -> str:
    """What a build did, for reading."""
    lines = [
        f"Built {r['corpus']}: {r['documents']} documents, {r['units']} units ({r['articles']} articles) "
        f"from {r['sources']} files in {r['seconds']} s",
        f"  this run: {r['parsed']} parsed, {r['skipped_unchanged']} unchanged, {r['removed']} removed, "
        f"{r['failed']} failed, {len(r['stale'])} kept though gone"
        + (
            f", {r['waiting_for_tools']} waiting for a program to install"
            if r.get("waiting_for_tools")
            else ""
        ),
        "  by type: " + ", ".join(f"{k} {v}" for k, v in r["documents_by_type"].items()),
        "  units: " + ", ".join(f"{_kind_label(k)} {v}" for k, v in r["units_by_kind"].items()),
    ]
    if r["stated_status"]:
        lines.append("  stated status: " + ", ".join(f"{k} {v}" for k, v in r["stated_status"].items()))
    if r.get("references"):
        lines.append(
            f"  references: {r['references']} ("
            + ", ".join(f"{k} {v}" for k, v in r["references_by_relation"].items())
            + "); targets: "
            + ", ".join(f"{k} {v}" for k, v in r["references_by_target"].items())
            + f"; effectiveness facts: {r['facts']}"
        )
    if r["notes_by_code"]:
        lines.append("  data-quality notes: " + ", ".join(f"{k} {v}" for k, v in r["notes_by_code"].items()))
    problems = r["problems"]
    lines.append(f"  problems: {len(problems)}" + (" (listed above)" if problems else ""))
    return "\n".join(lines)


_DOCUMENT_COLUMNS = ("id", "type", "issued", "articles", "title")


@click.command()
@click.option(
    "--authority",
    metavar="CODE",
    help="Only the documents a province or city is now responsible for, its merged predecessors' included "
    "(a code such as HCM, or a name: 'TP.HCM').",
)
@corpus_option()
@format_option("json", "table", default="table")
@handle_errors
def docs(authority: str | None, corpus: str, fmt: str) -> None:
    """List the documents of a built corpus."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        frame = c.documents_frame(authority=authority)
    write_rows(frame.to_dict(orient="records"), fmt, _DOCUMENT_COLUMNS)


@click.command()
@click.argument("doc_id")
@corpus_option()
@format_option("json", "text", default="json")
@handle_errors
def show(doc_id: str, corpus: str, fmt: str) -> None:
    """Show one stored document (JSON per CONTRACT.md, or an outline)."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        doc = c.document(doc_id)
    click.echo(dumps(doc.to_dict()) if fmt == "json" else outline(doc))


@click.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path())
@corpus_option()
@handle_errors
def remove(sources: tuple[str, ...], corpus: str) -> None:
    """Remove stored SOURCES (files as stored, or folders: every source under them) from the corpus, and their
    documents from the search index. Naming a source the corpus does not hold is an error; nothing is removed
    then. Reviewers' decisions are kept."""
    from review.build import remove as run_remove

    for path in run_remove(sources, corpus):
        click.echo(f"removed {path}", err=True)
