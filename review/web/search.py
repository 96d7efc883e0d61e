"""Tìm kiếm: the search page (also the home page) and its JSON twin, the hits of one page."""

from __future__ import annotations

from flask import Blueprint, abort, request

from review import defaults
from review.web.respond import respond
from review.web.runner import current_runner

PER_PAGE = defaults.WEB_PER_PAGE
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
    try:
        page = max(1, int(request.args.get("page") or 1))
        year_value = int(year) if year else None
    except ValueError:
        abort(400, description="Trang hoặc năm không hợp lệ (page and year are numbers).")
    results = None
    if q:
        key = ("search", q, tuple(sorted(filters.items())), year_value, page)
        results = current_runner().cached(
            key, lambda c: c.search(q, year=year_value, page=page, per_page=PER_PAGE, **filters)
        )
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
