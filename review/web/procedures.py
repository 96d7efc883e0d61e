"""Thủ tục hành chính: the procedure catalogue (a list, and one page per procedure with each component, the
provision and the words it came from, or "thiếu"), each with its JSON twin; the document page links a provision to
the procedures it is a source of (``procedures_at`` in the templates)."""

from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, abort, url_for

from review.web.respond import at_param, respond
from review.web.runner import current_runner

bp = Blueprint("procedures", __name__)


def _catalogue() -> list[dict]:
    """The catalogue on the page's date (``?at=``, default today)."""
    at = at_param()
    return current_runner().cached(("procedures", at), lambda c: c.catalogue_rows(at=at))


def _fields() -> list[tuple[str, str]]:
    from review.api import procedure_fields

    return procedure_fields()


def procedure_url(record_id: str, suffix: str = "") -> str:
    doc, _, eid = record_id.partition("#")
    return url_for("procedures.procedure_page", ident=f"{doc}/{eid}{suffix}", at=at_param())


@bp.get("/procedures.json", endpoint="procedures_json")
@bp.get("/procedures")
def procedures_page():
    records = _catalogue()
    return respond("procedures.html", lambda: records, lambda: {"records": records, "at": at_param()})


@bp.get("/procedure/<path:ident>")
def procedure_page(ident: str):
    ident = ident.removesuffix(".json")
    doc, _, eid = ident.rpartition("/")
    record = next((r for r in _catalogue() if r["id"] == f"{doc}#{eid}"), None)
    if record is None:
        abort(404, description=f"Không có thủ tục {doc}#{eid} (no such procedure).")
    comparison = _comparison(record)
    return respond(
        "procedure.html",
        lambda: {**record, "comparison": comparison} if comparison else record,
        lambda: {"r": record, "fields": _fields(), "at": at_param(), "comparison": comparison},
    )


def _comparison(record: dict) -> dict | None:
    """A local procedure's comparison with the central one it cites (None for a central procedure)."""
    if not record.get("local"):
        return None
    at = at_param()
    found = current_runner().cached(("procedure-comparisons", at), lambda c: c.procedure_comparisons(at))
    return next((x for x in found if x["procedure"] == record["id"]), None)


@bp.app_context_processor
def procedure_links() -> dict:
    def procedures_at(doc_id: str, eid: str) -> list[tuple[str, str]]:
        """(name, url) of the procedures whose source provisions include this article or unit."""
        node = f"{doc_id}#{eid.split('__', 1)[0]}"
        return [(r["name"], procedure_url(r["id"])) for r in _catalogue() if node in r["provisions"]]

    return {"procedures_at": procedures_at, "procedure_url": procedure_url, "quote": quote}
