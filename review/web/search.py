"""Tìm kiếm: the search page (also the home page) and its JSON twin, the hits of one page."""

from __future__ import annotations

from flask import Blueprint, abort, request

from review import defaults
from review.web.respond import date_value, int_param, respond
from review.web.runner import current_runner

PER_PAGE = defaults.WEB_PER_PAGE
MAX_QUERY = 1000
FILTERS = ("type", "issuer", "authority", "in_force_on")

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
        lambda: [h.to_dict() for h in results.hits] if results else [],
        lambda: {
            "q": q,
            "results": results,
            "filters": filters,
            "year": year,
            "page": page,
            "per_page": PER_PAGE,
        },
    )
