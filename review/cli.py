"""The command line: argument parsing and output formatting only; each command calls one library function."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from review import defaults
from review.errors import EXIT_ERROR, ReviewError
from review.models import Document, Unit
from review.vocab import UnitKind, status_label


def _dumps(value: Any) -> str:
    # Real Vietnamese characters, not \u escapes (CONTRACT.md).
    return json.dumps(value, ensure_ascii=False, indent=2)


def handle_errors(func: Callable) -> Callable:
    """ReviewErrors become one line on stderr and exit code 1; --traceback shows the Python traceback."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ReviewError as exc:
            if click.get_current_context().find_root().params.get("traceback"):
                raise
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.option("--traceback", is_flag=True, help="Show the Python traceback of an error.")
@click.version_option(package_name="norm-review", prog_name="review")
def main(traceback: bool) -> None:
    """Regulatory review of Vietnamese legal normative documents (văn bản quy phạm pháp luật).

    Parse Luật, Nghị định, Thông tư ... from PDF, DOCX, HTML, text and JSONL datasets into a structured,
    stored corpus (Phần, Chương, Mục, Điều, Khoản, Điểm).
    """


_ocr_option = click.option(
    "--ocr",
    type=click.Choice(["auto", "always", "never"]),
    default=defaults.OCR_POLICY,
    show_default=True,
    help="OCR for scanned PDFs (needs tesseract-ocr and tesseract-ocr-vie).",
)
_map_option = click.option(
    "--map",
    "field_map",
    metavar="SPEC",
    help="JSONL field mapping: a preset (vbpl, phapdien) or text=KEY[,title=KEY,number=KEY,...].",
)


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text"]),
    default="json",
    show_default=True,
    help="json: a JSON array of documents (CONTRACT.md); text: an outline for reading.",
)
@_ocr_option
@_map_option
@handle_errors
def parse(path: str, fmt: str, ocr: str, field_map: str | None) -> None:
    """Parse PATH into documents: metadata and the unit tree, with data-quality notes."""
    from review.api import parse as parse_documents
    from review.ingest import IngestOptions

    documents = parse_documents(path, options=IngestOptions(ocr=ocr, field_map=field_map))
    if fmt == "json":
        click.echo(_dumps([d.to_dict() for d in documents]))
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


@main.command()
@click.argument("sources", nargs=-1, type=click.Path())
@click.option("--corpus", default=defaults.CORPUS_DIR, show_default=True, help="Where the store is written.")
@click.option(
    "--jobs", "-j", type=int, default=defaults.JOBS, show_default=True, help="Parallel parse processes."
)
@click.option("--force", is_flag=True, help="Re-parse every file, changed or not.")
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar on stderr (default: when a terminal)."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--engine",
    "engines",
    type=click.Choice(["whoosh", "tantivy"]),
    multiple=True,
    help="Search engine(s) whose index to keep in step (repeatable; default whoosh).",
)
@_ocr_option
@_map_option
@handle_errors
def build(
    sources: tuple[str, ...],
    corpus: str,
    jobs: int,
    force: bool,
    progress: bool | None,
    fmt: str,
    engines: tuple[str, ...],
    ocr: str,
    field_map: str | None,
) -> None:
    """Build the corpus store from SOURCES (files or folders; default corpus/), incrementally.

    Unchanged files are skipped, changed ones re-parsed, vanished ones removed. A file that cannot be read is
    reported (one line each) and the rest of the batch goes on; what is already stored is never lost.
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
    )
    for problem in report.problems:
        click.echo(
            f"error: {problem['code']} {problem['path']}: {problem['message']}"
            + (f" ({problem['hint']})" if problem.get("hint") else ""),
            err=True,
        )
    if fmt == "json":
        click.echo(_dumps(report.to_dict()))
    else:
        click.echo(summary_text(report.to_dict()))


def summary_text(r: dict) -> str:
    lines = [
        f"Built {r['corpus']}: {r['documents']} documents, {r['units']} units ({r['articles']} articles) "
        f"from {r['sources']} files in {r['seconds']} s",
        f"  this run: {r['parsed']} parsed, {r['skipped_unchanged']} unchanged, {r['removed']} removed",
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


@main.command()
@click.option("--corpus", default=defaults.CORPUS_DIR, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True)
@handle_errors
def docs(corpus: str, fmt: str) -> None:
    """List the documents of a built corpus."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        frame = c.documents_frame()
    if fmt == "json":
        click.echo(_dumps(frame.to_dict(orient="records")))
    else:
        for row in frame.itertuples():
            click.echo(
                f"{row.id:<32} {row.type or '?':<18} {row.issued or '?':<10} {row.articles:>4} điều  "
                f"{(row.title or '')[:60]}"
            )


@main.command()
@click.argument("doc_id")
@click.option("--corpus", default=defaults.CORPUS_DIR, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
@handle_errors
def show(doc_id: str, corpus: str, fmt: str) -> None:
    """Show one stored document (JSON per CONTRACT.md, or an outline)."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        doc = c.document(doc_id)
    click.echo(_dumps(doc.to_dict()) if fmt == "json" else outline(doc))


@main.command("search")
@click.argument("query")
@click.option("--type", "doc_type", help="Document type (Luật, Nghị định, Thông tư …); accents optional.")
@click.option("--issuer", help="Issuing body (Bộ Tài chính …); accents optional.")
@click.option("--year", type=int, help="Year of issue.")
@click.option("--in-force-on", metavar="DATE", help="Only documents in effect on DATE (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(1, 200), default=10, show_default=True, help="Hits per page.")
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@click.option(
    "--engine", type=click.Choice(["whoosh", "tantivy"]), default=defaults.SEARCH_ENGINE, show_default=True
)
@click.option("--corpus", default=defaults.CORPUS_DIR, show_default=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "table"]),
    default="table",
    show_default=True,
    help="json: the search hits (CONTRACT.md) with facets; table: for reading.",
)
@handle_errors
def search_command(
    query: str,
    doc_type: str | None,
    issuer: str | None,
    year: int | None,
    in_force_on: str | None,
    limit: int,
    page: int,
    engine: str,
    corpus: str,
    fmt: str,
) -> None:
    """Search provisions: words without accents, "phrases", AND/OR/NOT, document numbers ("NĐ 43/2014")."""
    import re as _re

    from review.api import open_corpus

    with open_corpus(corpus) as c:
        results = c.search(
            query,
            type=doc_type,
            issuer=issuer,
            year=year,
            in_force_on=in_force_on,
            page=page,
            per_page=limit,
            engine=engine,
        )
    if fmt == "json":
        click.echo(_dumps(results.to_dict()))
        return
    click.echo(
        f"{results.total} kết quả (results) for {query!r} — page {page}, {results.seconds * 1000:.0f} ms"
    )
    for i, hit in enumerate(results.hits, start=(page - 1) * limit + 1):
        snippet = _re.sub(r"</?b>", "*", hit.snippet)
        click.echo(
            f"{i:>3}. {hit.doc} {hit.unit or ''}  [{hit.type or '?'}, {hit.status}]  {(hit.title or '')[:70]}"
        )
        click.echo(f"     {snippet[:220]}")
    for name, counts in results.facets.items():
        click.echo(f"  {name}: " + ", ".join(f"{k} {v}" for k, v in list(counts.items())[:8]))


@main.command()
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
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True)
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
    from review.annotate import extract_facts, extract_references

    if input_format == "jsonl":
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
        with stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    text = item["text"]
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise ReviewError(
                        f"line {number} is not a JSON object with a text: {exc}", path=path
                    ) from exc
                found = extract_references(
                    text,
                    doc_id=item.get("doc_id") or doc_id,
                    doc_type=item.get("doc_type"),
                    unit=item.get("unit"),
                    amended_doc=item.get("amended_doc"),
                )
                out = {"id": item.get("id"), "refs": [r.to_dict() for r in found]}
                if facts:
                    out["facts"] = [f.to_dict() for f in extract_facts(text, doc_id=item.get("doc_id"))]
                click.echo(json.dumps(out, ensure_ascii=False))
        return
    data = sys.stdin.buffer.read() if path == "-" else _read(path)
    from review.ingest import sniff

    if sniff(data, path) in ("pdf", "docx", "html", "jsonl"):
        from review.annotate.document import annotate_document
        from review.api import parse as parse_documents

        found, found_facts = [], []
        for doc in parse_documents(data, name=path):
            r, f = annotate_document(doc)
            found.extend(r)
            found_facts.extend(f)
    else:
        from review.ingest.text import decode_text

        text, _ = decode_text(data, path)
        found = extract_references(text, doc_id=doc_id, doc_type=doc_type, unit=unit, amended_doc=amended_doc)
        found_facts = extract_facts(text, doc_id=doc_id, unit=unit) if facts else []
    if fmt == "jsonl":
        for r in found:
            click.echo(json.dumps(r.to_dict(), ensure_ascii=False))
        return
    payload: Any = [r.to_dict() for r in found]
    if facts:
        payload = {"refs": payload, "facts": [f.to_dict() for f in found_facts]}
    click.echo(_dumps(payload))


def _read(path: str) -> bytes:
    from pathlib import Path

    from review.errors import FileNotFound

    p = Path(path)
    if not p.is_file():
        raise FileNotFound("no such file", path=path)
    return p.read_bytes()


# --- status and graph ---------------------------------------------------------------------------------------


def _rows_out(rows: list[dict], fmt: str, columns: list[str]) -> None:
    """Shared list output: JSON (default), CSV, or a table for reading."""
    if fmt == "json":
        click.echo(_dumps(rows))
    elif fmt == "csv":
        import csv

        w = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    else:
        for r in rows:
            click.echo("  ".join(str(r.get(c) if r.get(c) is not None else "") for c in columns)[:200])


_at_option = click.option("--at", metavar="DATE", help="The date (YYYY-MM-DD); default today.")
_list_format = click.option(
    "--format", "fmt", type=click.Choice(["json", "csv", "table"]), default="json", show_default=True
)


@main.command()
@click.argument("node", metavar="ID")
@_at_option
@click.option("--corpus", default=defaults.CORPUS_DIR, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@handle_errors
def status(node: str, at: str | None, corpus: str, fmt: str) -> None:
    """Status of a document (ID) or a unit (DOC#EID) on a date, with the facts that decided it."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        st = c.status(node, at)
    if fmt == "json":
        click.echo(_dumps(st.to_dict()))
        return
    click.echo(f"{st.id} — {status_label(st.status)} ({st.status}) ngày {st.at}")
    if st.stated_label:
        agree = {True: "khớp (agrees)", False: "KHÔNG khớp (disagrees)", None: "không so sánh được"}[
            st.agrees
        ]
        click.echo(f"  nguồn ghi (stated): {st.stated_label} — {agree}")
    for r in st.because:
        click.echo(
            f"  vì (because): {r.kind} {r.doc or ''} {r.unit or ''} {r.date or ''}  {(r.text or '')[:90]}"
        )


@main.group()
def graph() -> None:
    """The citation and amendment graph: dependencies, impact, history, statistics, exports."""


_relations_option = click.option(
    "--relation", "relations", multiple=True, help="Only these relations (repeatable: legal_basis, cites …)."
)
_depth_option = click.option(
    "--depth", type=click.IntRange(1, 10), default=defaults.GRAPH_DEPTH, show_default=True, help="How far."
)
_LINK_COLUMNS = ["depth", "relation", "source", "target", "effective", "text"]


@graph.command("deps")
@click.argument("node", metavar="ID")
@_depth_option
@_relations_option
@click.option("--corpus", default=defaults.CORPUS_DIR, show_default=True)
@_list_format
@handle_errors
def graph_deps(node: str, depth: int, relations: tuple[str, ...], corpus: str, fmt: str) -> None:
    """What a document or unit rests on (legal basis, cited and amended provisions), to DEPTH."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        _require_node(c, node)
        rows = [link.to_dict() for link in c.deps(node, depth, relations or None)]
    _rows_out(rows, fmt, _LINK_COLUMNS)


@graph.command("impact")
@click.argument("node", metavar="ID")
@_depth_option
@_relations_option
@click.option("--corpus", default=defaults.CORPUS_DIR, show_default=True)
@_list_format
@handle_errors
def graph_impact(node: str, depth: int, relations: tuple[str, ...], corpus: str, fmt: str) -> None:
    """What rests on a document or unit: the citing units, then what rests on their documents."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        _require_node(c, node)
        rows = [link.to_dict() for link in c.impact(node, depth, relations or None)]
    _rows_out(rows, fmt, _LINK_COLUMNS)


@graph.command("history")
@click.argument("node", metavar="ID")
@click.option("--corpus", default=defaults.CORPUS_DIR, show_default=True)
@_list_format
@handle_errors
def graph_history(node: str, corpus: str, fmt: str) -> None:
    """The amendment history of a unit (DOC#EID) or a document: dated acts with the amending text."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        _require_node(c, node)
        rows = [h.to_dict() for h in c.history(node)]
    _rows_out(rows, fmt, ["date", "kind", "node", "doc", "unit", "text"])


@graph.command("text")
@click.argument("node", metavar="DOC#EID")
@_at_option
@click.option("--corpus", default=defaults.CORPUS_DIR, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@handle_errors
def graph_text(node: str, at: str | None, corpus: str, fmt: str) -> None:
    """A unit's text as amended on a date (computed, not an official consolidation)."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        _require_node(c, node)
        result = c.text_at(node, at)
    if fmt == "json":
        click.echo(_dumps(result.to_dict()))
        return
    click.echo(f"[computed consolidation / văn bản hợp nhất do công cụ tính, {result.at}]")
    click.echo(result.text)
    for op in result.operations:
        mark = "✓" if op.applied else "✗ not applied"
        click.echo(f"  {mark} {op.date} {op.kind} by {op.doc} {op.unit or ''}: {op.detail[:80]}", err=True)


@graph.command("stats")
@_at_option
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--corpus", default=defaults.CORPUS_DIR, show_default=True)
@handle_errors
def graph_stats(at: str | None, limit: int, corpus: str) -> None:
    """Counts, document statuses, most relied-on documents, dangling references, cycles, communities (JSON)."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        click.echo(_dumps(c.graph_stats(at, limit)))


@graph.command("export")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["graphml", "gexf", "json", "csv"]), help="Default: from the suffix."
)
@click.option("--corpus", default=defaults.CORPUS_DIR, show_default=True)
@handle_errors
def graph_export(path: str, fmt: str | None, corpus: str) -> None:
    """Write the graph as GraphML, GEXF, node-link JSON or a CSV edge list."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        out = c.graph_view.export(path, fmt)
        g = c.graph
        click.echo(f"wrote {out} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)", err=True)


def _require_node(c, node: str) -> None:
    from review.errors import DocumentNotFound

    doc = node.partition("#")[0]
    if doc not in c.graph_view.timelines.docs:
        raise DocumentNotFound(f"no document {doc!r} in the corpus or cited by it", path=str(c.path))


# --- review findings, decisions, reports, procedures --------------------------------------------------------

_FINDING_COLUMNS = ["id", "score", "severity", "code", "doc", "unit", "text", "action", "decision", "message"]


@main.command("findings")
@_at_option
@click.option("--kind", type=click.Choice(["outdated", "burden", "quality"]))
@click.option("--code", "codes", multiple=True, help="Rule code (repeatable), e.g. OUT-ABOLISHED-BODY.")
@click.option("--doc", help="Only findings on this document.")
@click.option("--severity", type=click.Choice(["high", "medium", "low"]))
@click.option("--limit", type=click.IntRange(1), help="Only the N best.")
@click.option("--corpus", default=defaults.CORPUS_DIR, show_default=True)
@_list_format
@handle_errors
def findings_command(at, kind, codes, doc, severity, limit, corpus, fmt) -> None:
    """Outdated and burdensome provisions, ranked, each with its evidence and a suggested action."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        found = c.findings(at, kind=kind, code=list(codes) or None, doc=doc, severity=severity)
    rows = [f.to_dict() for f in found[:limit]]
    if fmt == "csv":
        for r in rows:
            r["evidence"] = "; ".join(
                " ".join(str(e[k]) for k in ("relation", "doc", "unit", "date") if e.get(k))
                for e in r["evidence"]
            )
            r["score_parts"] = json.dumps(r["score_parts"])
        columns = [
            *_FINDING_COLUMNS,
            "message_en",
            "start",
            "end",
            "kind",
            "evidence",
            "ground",
            "score_parts",
        ]
        _rows_out(rows, fmt, columns)
    elif fmt == "table":
        for r in rows:
            click.echo(
                f"{r['score']:.2f} {r['severity']:<6} {r['code']:<28} {r['doc']} {r['unit'] or ''}"
                f"  “{r['text'][:60]}”  → {r['action']}{'  [' + r['decision'] + ']' if r['decision'] else ''}"
            )
            click.echo(f"      {r['message'][:200]}")
    else:
        _rows_out(rows, fmt, _FINDING_COLUMNS)


@main.command()
@click.argument("finding_id", required=False)
@click.argument("decision", required=False, type=click.Choice(["accept", "reject", "note"]))
@click.option("--note", help="The reviewer's note (kept with the decision).")
@click.option(
    "--from-xlsx", "xlsx", type=click.Path(exists=True, dir_okay=False), help="Import a filled-in report."
)
@_at_option
@click.option("--corpus", default=defaults.CORPUS_DIR, show_default=True)
@handle_errors
def decide(finding_id, decision, note, xlsx, at, corpus) -> None:
    """Record a reviewer's decision on a finding (accept, reject, or a note), or import them from a workbook."""
    from review.api import open_corpus
    from review.errors import UsageError

    with open_corpus(corpus) as c:
        if xlsx:
            from review.findings import decide as record
            from review.report import read_xlsx_decisions

            wanted = read_xlsx_decisions(xlsx)
            by_id = {f.id: f for f in c.findings(at)}
            done = missing = 0
            for fid, (d, n) in wanted.items():
                if fid in by_id:
                    record(c.store, by_id[fid], d, n)
                    done += 1
                else:
                    missing += 1
            click.echo(
                f"imported {done} decisions" + (f"; {missing} ids no longer found" if missing else ""),
                err=True,
            )
            return
        if not finding_id or not decision:
            raise UsageError("give FINDING_ID and accept|reject|note, or --from-xlsx FILE")
        if decision == "note" and not note:
            raise UsageError("a note needs --note TEXT")
        f = c.decide(finding_id, None if decision == "note" else decision, note, at)
        click.echo(f"{f.id} {f.code} {f.doc} {f.unit or ''}: {decision}", err=True)


@main.command()
@click.option("--out", default=None, help="Folder for report.html and report.xlsx (default: CORPUS/report).")
@_at_option
@click.option("--kind", type=click.Choice(["outdated", "burden", "quality"]))
@click.option("--doc", help="Only findings on this document.")
@click.option("--corpus", default=defaults.CORPUS_DIR, show_default=True)
@handle_errors
def report(out, at, kind, doc, corpus) -> None:
    """Write the review report: a self-contained HTML page (Vietnamese) and an XLSX workbook to fill in."""
    from pathlib import Path

    from review.api import open_corpus

    with open_corpus(corpus) as c:
        paths = c.report(Path(out) if out else Path(corpus) / "report", at, kind=kind, doc=doc)
    click.echo(_dumps(paths))


@main.command()
@click.option("--doc", help="Only this document's procedures.")
@click.option("--people", type=click.IntRange(1), help="Cost estimate: people or firms doing it each year.")
@click.option("--hourly-cost", type=float, help="Cost estimate: cost of one hour of their time (VND).")
@click.option(
    "--hours", type=float, default=8.0, show_default=True, help="Cost estimate: hours per application."
)
@click.option(
    "--other-costs", type=float, default=0.0, show_default=True, help="Copies, travel, postage (VND)."
)
@click.option("--corpus", default=defaults.CORPUS_DIR, show_default=True)
@_list_format
@handle_errors
def procedures(doc, people, hourly_cost, hours, other_costs, corpus, fmt) -> None:
    """Administrative procedures (TTHC) in force: dossier, time limit, fees, sets, agencies, result, validity;
    with --people and --hourly-cost, a compliance-cost estimate (Standard Cost Model, labelled as such)."""
    from review.api import open_corpus
    from review.findings.tthc import CostParameters, compliance_cost

    with open_corpus(corpus) as c:
        found = c.procedures(doc)
    rows = []
    for p in found:
        row = p.to_dict()
        if people and hourly_cost:
            row["cost_estimate"] = compliance_cost(
                p, CostParameters(people, hourly_cost, hours, other_costs)
            ).to_dict()
        rows.append(row)
    if fmt == "csv":
        for r in rows:
            for k in ("dossier_items", "fees_vnd", "agencies", "methods", "missing"):
                r[k] = "; ".join(map(str, r[k]))
            if "cost_estimate" in r:
                r["cost_per_year_vnd"] = r.pop("cost_estimate")["per_year_vnd"]
    cols = ["doc", "article", "heading", "time_limit_days", "working_days", "sets", "fees_vnd", "agencies",
            "validity_months", "missing", "cost_per_year_vnd"]  # fmt: skip
    _rows_out(rows, fmt, cols)


@main.command()
@click.option("--corpus", default=defaults.CORPUS_DIR, show_default=True)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Bind address (writes need --token elsewhere)."
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--token", help="Required for decisions when bound outside 127.0.0.1 (open pages with ?token=…)."
)
@handle_errors
def serve(corpus: str, host: str, port: int, token: str | None) -> None:
    """The reviewer's web app: search, documents, relation diagrams and findings, in Vietnamese."""
    import secrets

    from review.web import serve as run

    if host not in ("127.0.0.1", "localhost", "::1") and not token:
        token = secrets.token_urlsafe(16)
        click.echo(
            f"write token (mã ghi): {token}  — open http://{host}:{port}/findings?token={token}", err=True
        )
    click.echo(f"review: http://{host}:{port}/  (Ctrl+C to stop)", err=True)
    run(corpus, host=host, port=port, token=token)


if __name__ == "__main__":
    main()
