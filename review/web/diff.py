"""So sánh: two versions of a provision (a unit on two dates of its history), or two documents or units, aligned
provision by provision with the changed words marked; and Sắp xếp ĐVHC: a merged province's documents and its
predecessors' by subject, with the decision on each (keep applying / replace / repeal). Each with its JSON twin."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, redirect, request, url_for

from review.web.respond import at_param, respond, wants_json
from review.web.runner import current_runner
from review.web.safety import can_write, check_write

bp = Blueprint("compare", __name__)


@bp.get("/diff.json", endpoint="diff_json")
@bp.get("/diff")
def diff_page():
    doc = (request.args.get("doc") or "").strip()
    unit = (request.args.get("unit") or "").strip()
    other = (request.args.get("other") or "").strip() or None
    start, end = request.args.get("from") or None, request.args.get("to") or at_param()
    node = f"{doc}#{unit}" if doc and unit else doc
    result, history, defaulted = None, [], False
    if node:
        runner = current_runner()
        history = [dict(h, before=_day_before(h["date"])) for h in
                   runner.cached(("history", node), lambda c: [h.to_dict() for h in c.history(node)]) if h.get("date")]  # fmt: skip
        if not other and not start and history:
            # One click shows a real comparison: the version before the unit's last change up to ``to``.
            start, defaulted = _previous_version(history, end), True
        if other or start:  # without a second date or node: the history's dates to choose from
            key = ("diff", node, other, start, end)
            result = runner.cached(key, lambda c: c.diff(node, other, from_=start, to=end))
    return respond(
        "diff.html",
        lambda: result.to_dict() if result else {},
        lambda: {"doc": doc, "unit": unit, "other": other or "", "start": start or "", "end": end,
                 "result": result, "history": history, "defaulted": defaulted},
    )  # fmt: skip


def _previous_version(history: list[dict], end: str) -> str:
    """The day before the last change that took effect by ``end`` (the first change when all are later): the
    date on which the previous version was in force."""
    dates = sorted(h["date"][:10] for h in history)
    done = [d for d in dates if d <= end] or dates[:1]
    return _day_before(done[-1])


def _day_before(day: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day[:10]) - timedelta(days=1)).isoformat()


@bp.get("/merger.json", endpoint="merger_json")
@bp.get("/merger")
def merger_page():
    authority = (request.args.get("authority") or "").strip()
    at = at_param()
    groups = (
        current_runner().cached(("merger", authority, at), lambda c: c.merger(authority, at))
        if authority
        else []
    )
    return respond(
        "merger.html",
        lambda: [g.to_dict() for g in groups],
        lambda: {"authority": authority, "at": at, "groups": groups, "can_write": can_write()},
    )


@bp.post("/merger/decision")
def merger_decision():
    check_write()
    authority, doc = request.form.get("authority") or "", request.form.get("doc") or ""
    choice = request.form.get("decision") or None
    if choice not in (None, "keep", "replace", "repeal"):
        abort(400, description="decision: keep, replace hoặc repeal.")
    note = (request.form.get("note") or "").strip() or None
    runner = current_runner()
    done = runner.run(lambda c: c.merger_decide(authority, doc, choice, note))
    runner.forget()
    if wants_json():
        return jsonify(done)
    return redirect(url_for(".merger_page", authority=authority, at=request.form.get("at") or None))
