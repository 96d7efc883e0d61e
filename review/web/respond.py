"""How every page answers: HTML or its JSON twin, errors as a status and a message, and the date it is read on.

A page answers JSON when asked with ``Accept: application/json`` or with a ``.json`` suffix on its path, else it
renders its template; an error answers the same way, as ``{"error", "status"}`` or the error page. A
``ReviewError`` from the library becomes an HTTP status here and only here (``ERROR_STATUS``); a page that knows
better words for the reader aborts with its own Vietnamese and English message.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import abort, jsonify, render_template, request

from review import ReviewError
from review.dates import parse_user_date
from review.errors import DocumentNotFound, UsageError

# Most specific first; a ReviewError not named here is the caller's mistake too (400). Anything else is a bug and
# Flask's own 500.
ERROR_STATUS: dict[type[ReviewError], int] = {DocumentNotFound: 404, UsageError: 400, ReviewError: 400}
# The HTTP errors pages abort with; each answers like any other page (HTML or JSON).
HTTP_ERRORS = (400, 401, 403, 404, 405, 413, 503)


def wants_json() -> bool:
    return request.path.endswith(".json") or request.accept_mimetypes.best == "application/json"


def respond(template: str, data: Callable[[], Any], context: Callable[[], dict[str, Any]]):
    """The page: ``data()`` as JSON when JSON is wanted, else ``template`` rendered with ``context()``. Each is
    computed only for the answer that needs it."""
    if wants_json():
        return jsonify(data())
    return render_template(template, **context())


def status_for(error: ReviewError) -> int:
    for kind in type(error).__mro__:
        if kind in ERROR_STATUS:
            return ERROR_STATUS[kind]
    return 400


def error_response(message: str, code: int):
    if wants_json():
        return jsonify({"error": message, "status": code}), code
    return render_template("error.html", message=message, code=code), code


def date_value(value: str) -> str:
    """A date typed as YYYY-MM-DD or dd/mm/yyyy (review.dates), as YYYY-MM-DD; 400 in Vietnamese otherwise."""
    text = value.strip()
    try:
        return parse_user_date(text).isoformat()
    except (UsageError, OverflowError):
        abort(
            400,
            description=f"Ngày không hợp lệ (invalid date): {text[:40]!r}; dùng dd/mm/yyyy hoặc YYYY-MM-DD.",
        )


def at_param() -> str:
    """The ``at`` date of the request (today when not given), as YYYY-MM-DD; 400 when it is not a date."""
    value = request.args.get("at") or date.today().isoformat()
    return date_value(value)


def int_param(name: str, default: int | None, low: int, high: int) -> int | None:
    """A whole-number parameter within [low, high] (``?year=1e20`` or ``?page=-1`` is a 400, not a 500)."""
    raw = (request.args.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or len(raw) > 9 or not low <= int(raw) <= high:
        abort(
            400, description=f"Tham số {name} không hợp lệ (invalid {name}): cần một số từ {low} đến {high}."
        )
    return int(raw)


def install(app) -> None:
    @app.errorhandler(ReviewError)
    def review_error(exc: ReviewError):
        return error_response(str(exc), status_for(exc))

    def http_error(exc):
        return error_response(exc.description, exc.code)

    for code in HTTP_ERRORS:
        app.register_error_handler(code, http_error)
