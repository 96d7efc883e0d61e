"""Danh mục hết hiệu lực: the annual list of an authority's documents that expired or were suspended in whole or
in part during a year, with its JSON twin and the XLSX, DOCX and CSV files to download."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from flask import Blueprint, Response, abort, request

from review.web.respond import respond
from review.web.runner import current_runner

bp = Blueprint("expired", __name__)
FILES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv; charset=utf-8",
}


def _query() -> tuple[str, int]:
    authority = (request.args.get("authority") or "").strip()
    try:
        year = int(request.args.get("year") or date.today().year - 1)
    except ValueError:
        abort(400, description="Năm không hợp lệ (the year is a number).")
    return authority, year


def _list(authority: str, year: int):
    return current_runner().cached(("expired", authority, year), lambda c: c.expired(authority, year))


@bp.get("/expired.json", endpoint="expired_json")
@bp.get("/expired")
def expired_page():
    from review.api import expired_view

    authority, year = _query()
    name, entries = _list(authority, year) if authority else (None, [])
    return respond(
        "expired.html",
        lambda: {"authority": name, "year": year, "entries": [e.to_dict() for e in entries]},
        lambda: {
            "authority": authority,
            "name": name,
            "year": year,
            "total": len(entries),
            **expired_view(entries),
        },
    )


@bp.get("/expired/list.<fmt>")
def expired_download(fmt: str):
    from review.api import expired_file

    if fmt not in FILES:
        abort(404)
    authority, year = _query()
    if not authority:
        abort(400, description="Chọn cơ quan (give an authority).")
    name, entries = _list(authority, year)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"list.{fmt}"
        body = expired_file(entries, out, fmt, caption=f"{name} — năm {year}").read_bytes()
    return Response(body, mimetype=FILES[fmt],
                    headers={"Content-Disposition": f"attachment; filename=danh-muc-het-hieu-luc-{year}.{fmt}"})  # fmt: skip
