"""The findings report as one HTML file legal staff can open, read, mail and archive.

Why one self-contained file: reviewers open reports from e-mail, shared folders and offline machines, and
ministries' networks often block CDNs. So the page carries its own CSS and a few lines of JavaScript
(filtering), loads nothing, and a Content-Security-Policy forbids loading anything (only the shipped script,
by hash, may run).

Everything that comes from a document (text, context, ids, notes) is untrusted: the template is rendered by
Jinja2 with autoescaping on, values are passed as plain strings, and the only markup built in Python is the
static script, so a document containing ``<script>`` shows those characters rather than running them.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from review.models import Finding
from review.report.atomic import write_atomic
from review.report.labels import (
    action_label,
    as_date,
    decision_label,
    kind_label,
    relation_label,
    severity_label,
    unit_label,
    vi_date,
)
from review.report.summary import anchor_id, group_by_doc, highlight, summarize
from review.text.display import for_reader

DEFAULT_TITLE = "Báo cáo rà soát văn bản quy phạm pháp luật"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("review.report", "templates"),
        autoescape=True,  # every template here is HTML; never rely on the file suffix
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def _script() -> tuple[Markup, str]:
    """The shipped filter script and its CSP hash. It is our own package file, never document text, which is
    why it alone is marked safe."""
    source = files("review.report").joinpath("templates", "filter.js").read_text(encoding="utf-8").strip()
    if "</" in source:  # would end the <script> element early
        raise ValueError("filter.js must not contain '</'")
    digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return Markup(source), f"'sha256-{digest}'"


def _score(value: float | None) -> str:
    return f"{float(value or 0.0):.2f}"


def _finding_view(f: Finding, in_report: set[str]) -> dict[str, Any]:
    parts = highlight(f.text, f.context)
    return {
        "id": f.id,
        "html_id": "f-" + hashlib.sha1(f.id.encode("utf-8")).hexdigest()[:12],
        "code": f.code,
        "kind": f.kind,
        "kind_label": kind_label(f.kind),
        "severity": f.severity,
        "severity_label": severity_label(f.severity),
        "score": _score(f.score),
        "score_parts": [(name, _score(value)) for name, value in f.score_parts.items()],
        "action": f.action,
        "action_label": action_label(f.action),
        "unit": f.unit,
        "unit_label": unit_label(f.unit),
        "text": f.text,
        "highlight": parts,  # (before, match, after) or None
        "message": f.message,
        "message_en": for_reader(f.message_en),
        "ground": f.ground,
        "ground_en": f.ground_en,
        "evidence": [
            {
                "doc": e.doc,
                "anchor": anchor_id(e.doc) if e.doc and e.doc in in_report else None,
                "unit": e.unit,
                "unit_label": unit_label(e.unit),
                "relation": e.relation,
                "relation_label": relation_label(e.relation),
                "date": e.date,
                "note": for_reader(e.note),
            }
            for e in f.evidence
        ],
        "decision": f.decision,
        "decision_label": decision_label(f.decision),
        "note": f.note,
        "stale": f.stale,
    }


def render_html(
    findings: Iterable[Finding],
    *,
    title: str | None = None,
    at: date | datetime | str | None = None,
    corpus_summary: Mapping[str, Any] | None = None,
    doc_titles: Mapping[str, str] | None = None,
) -> str:
    """The report page as a string (``write_html`` writes it); see ``write_html``."""
    items = list(findings)
    doc_titles = doc_titles or {}
    summary = summarize(items)
    in_report = {f.doc for f in items}
    day = as_date(at)
    script, script_hash = _script()
    docs = [
        {
            "id": doc,
            "anchor": anchor_id(doc),
            "title": doc_titles.get(doc),
            "findings": [_finding_view(f, in_report) for f in group],
        }
        for doc, group in group_by_doc(items)
    ]
    return (
        _environment()
        .get_template("findings.html")
        .render(
            title=title or DEFAULT_TITLE,
            at_iso=day.isoformat(),
            at_vi=vi_date(day),
            s=summary,
            kind_label=kind_label,
            severity_label=severity_label,
            action_label=action_label,
            rules=summary.rules,
            doc_rows=[{"row": r, "title": doc_titles.get(r.doc)} for r in summary.docs],
            docs=docs,
            corpus_summary=list((corpus_summary or {}).items()),
            script=script,
            script_hash=script_hash,
        )
    )


def write_html(
    findings: Iterable[Finding],
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
    at: date | datetime | str | None = None,
    corpus_summary: Mapping[str, Any] | None = None,
    doc_titles: Mapping[str, str] | None = None,
) -> Path:
    """Write the findings report to ``path`` as one self-contained HTML file (Vietnamese, English terms beside
    the key labels) and return the path.

    ``at`` is the date the findings were computed for (default today); ``corpus_summary`` is shown as a list
    of label → value lines in the header (e.g. ``{"Số văn bản (documents)": 120}``); ``doc_titles`` maps a
    document id to its title (trích yếu) shown beside it. The file is written atomically."""
    page = render_html(findings, title=title, at=at, corpus_summary=corpus_summary, doc_titles=doc_titles)
    data = page.encode("utf-8")

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    return write_atomic(path, write)
