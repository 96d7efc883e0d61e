"""Văn bản: the list of the corpus's documents with filters (type, issuing authority, local authority, status on a
date, year) and sorting, and its JSON twin (/documents.json, the same rows)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, request

from review.dates import as_iso
from review.web.respond import respond
from review.web.runner import current_runner

bp = Blueprint("documents", __name__)

SORTS = {
    "issued": ("issued", True),  # newest first
    "number": ("number", False),
    "type": ("type", False),
    "issuer": ("issuer", False),
    "status": ("status", False),
}


def _rows(c, at: str, authority: str | None) -> list[dict]:
    frame = c.documents_frame(authority=authority)
    rows = []
    for r in frame.to_dict("records"):
        st = c.status(r["id"], at)
        rows.append(
            {
                "id": r["id"],
                "number": r["number"],
                "type": r["type"],
                "issuer": r["issuer"],
                "authority": r["authority"],
                "title": r["title"],
                "issued": r["issued"],
                "effective": r["effective"],
                "articles": int(r["articles"] or 0),
                "status": st.status,
            }
        )
    return rows


@bp.get("/documents.json", endpoint="documents_json")
@bp.get("/documents")
def documents_page():
    args = request.args
    try:
        at = as_iso(args.get("at")) if args.get("at") else date.today().isoformat()
        year = int(args["year"]) if args.get("year") else None
    except (ValueError, TypeError):
        abort(400, description="Ngày hoặc năm không hợp lệ (date or year is not valid).")
    authority = args.get("authority") or None
    sort = args.get("sort") or "issued"
    if sort not in SORTS:
        abort(400, description="Cách sắp xếp không hợp lệ (sort by: " + ", ".join(SORTS) + ").")
    every = current_runner().cached(("documents", at, authority), lambda c: _rows(c, at, authority))
    rows = [
        r
        for r in every
        if (not args.get("type") or r["type"] == args["type"])
        and (not args.get("issuer") or r["issuer"] == args["issuer"])
        and (not args.get("status") or r["status"] == args["status"])
        and (year is None or (r["issued"] or "")[:4] == str(year))
    ]
    key, newest_first = SORTS[sort]
    rows.sort(key=lambda r: (r[key] is None, str(r[key] or "")), reverse=False)
    if newest_first:
        rows = [r for r in rows if r[key]][::-1] + [r for r in rows if not r[key]]
    choices = {
        "type": sorted({r["type"] for r in every if r["type"]}),
        "issuer": sorted({r["issuer"] for r in every if r["issuer"]}),
        "status": sorted({r["status"] for r in every}),
        "year": sorted({(r["issued"] or "")[:4] for r in every if r["issued"]}, reverse=True),
    }
    return respond(
        "documents.html",
        lambda: rows,
        lambda: {"rows": rows, "at": at, "sort": sort, "choices": choices, "args": args, "total": len(every)},
    )
