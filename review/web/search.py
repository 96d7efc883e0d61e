"""Tìm kiếm: the search page (also the home page) and its JSON twin (the hits of one page, the document cards of
a number query, "did you mean" numbers), and /suggest, the JSON the search box asks as the user types."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, request

from review import defaults
from review.web.respond import date_value, int_param, respond
from review.web.runner import current_runner

PER_PAGE = defaults.WEB_PER_PAGE
MAX_QUERY = 1000
FILTERS = ("type", "issuer", "authority", "in_force_on", "doc")
SUGGEST_LIMIT = 8
GROUP_SHOWN = 3  # a document's hits shown on a page before its "more from this document" link

bp = Blueprint("search", __name__)


# The order of the rules is url_for's: url_for("search.search_page") builds /search.
@bp.get("/search.json", endpoint="search_json")
@bp.get("/")
@bp.get("/search")
def search_page():
    q = (request.args.get("q") or "").strip()
    filters = {k: request.args.get(k) or None for k in FILTERS}
    year = request.args.get("year")
    page = int_param("page", 1, 1, 10_000)
    year_value = int_param("year", None, 1900, 2200)
    if filters["in_force_on"]:
        filters["in_force_on"] = date_value(filters["in_force_on"])
    if len(q) > MAX_QUERY:
        abort(400, description=f"Câu tìm kiếm quá dài (query longer than {MAX_QUERY} characters).")
    results = None
    if q:
        results = current_runner().search(q, year=year_value, page=page, per_page=PER_PAGE, **filters)
    return respond(
        "search.html",
        # The list of hits (docs/CONTRACT.md); ?full=1 gives the whole result: hits, facets, document cards of a
        # number query and "did you mean" numbers.
        lambda: (
            (results.to_dict() if results else {"query": q, "hits": [], "documents": [], "did_you_mean": []})
            if request.args.get("full")
            else ([h.to_dict() for h in results.hits] if results else [])
        ),
        lambda: {
            "q": q,
            "results": results,
            "filters": filters,
            "year": year,
            "page": page,
            "per_page": PER_PAGE,
            "groups": _groups(results.hits) if results else [],
        },
    )


def _groups(hits) -> list[dict]:
    """The page's hits by document, in the order of each document's best hit: its first GROUP_SHOWN hits, and how
    many more it has (the "more from this document" link)."""
    groups: dict[str, dict] = {}
    for h in hits:
        g = groups.setdefault(h.doc, {"doc": h.doc, "hits": [], "total": (h.group or {}).get("total", 1)})
        if len(g["hits"]) < GROUP_SHOWN:
            g["hits"].append(h)
    for g in groups.values():
        g["more"] = max(0, g["total"] - len(g["hits"]))
    return list(groups.values())


@bp.get("/suggest")
@bp.get("/suggest.json", endpoint="suggest_json")
def suggest():
    """Numbers and titles for what is typed so far (JSON only: the search box's list)."""
    q = (request.args.get("q") or "").strip()
    if len(q) < 2:
        return jsonify({"q": q, "suggestions": []})
    found = current_runner().cached(("suggest", q), lambda c: c.suggest(q, SUGGEST_LIMIT))
    return jsonify({"q": q, "suggestions": found})
