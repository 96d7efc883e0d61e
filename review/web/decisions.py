"""A finding's own page (Phát hiện): its decision history (who, when, what it replaced), its assignment, and a
lead's approval or sending back; with the JSON twin. Bulk decisions over a filtered list, with a confirmation
step and an undo."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, redirect, request, session, url_for

from review.web.auth import current_user, require_role
from review.web.respond import at_param, date_value, respond, wants_json
from review.web.runner import current_runner
from review.web.safety import can_write, check_csrf, check_write

ACTION_LABELS = {
    "decide": "Quyết định",
    "approve": "Trưởng nhóm duyệt",
    "send_back": "Trả lại để xem lại",
    "bulk": "Quyết định hàng loạt",
    "undo": "Hoàn tác",
}
BULK_MAX = 500

bp = Blueprint("decisions", __name__)


def _finding(finding_id: str, at: str):
    for f in current_runner().findings(at):
        if f.id == finding_id:
            return f
    abort(404, description=f"Không có phát hiện {finding_id!r} vào ngày {at} (no such finding).")


@bp.get("/finding/<finding_id>.json", endpoint="finding_json")
@bp.get("/finding/<finding_id>")
def finding_page(finding_id: str):
    at = at_param()
    f = _finding(finding_id, at)
    runner = current_runner()
    history = runner.run(lambda c: c.decision_history(finding_id))
    assignment = runner.run(lambda c: c.assignments().get(finding_id))
    review = runner.run(lambda c: c.review_states()).get(finding_id)
    rule = runner.run(lambda c: c.rule_info(f.code))
    user = current_user()
    # The list the reviewer came from (a path of this site only): the decide buttons go back there.
    back = _local_path(request.args.get("back")) or url_for("findings.findings_page", at=at)
    return respond(
        "finding.html",
        lambda: {
            "finding": f.to_dict(),
            "history": history,
            "assignment": assignment,
            "review": review,
            "rule": rule,
        },
        lambda: {
            "f": f,
            "at": at,
            "history": history,
            "assignment": assignment,
            "review": review,
            "rule": rule,
            "back": back,
            "can_write": can_write(),
            "is_lead": user is not None and user.role == "lead",
            "reviewers": [u["name"] for u in runner.run(lambda c: c.users()) if u["active"]],
            "HISTORY_LABELS": ACTION_LABELS,
        },
    )


def _lead_step():
    """The signed-in lead, the action (approve or send back) and the note of a lead's form (400 otherwise)."""
    check_csrf()
    lead = require_role("lead")
    action = request.form.get("action") or ""
    if action not in ("approve", "send_back"):
        abort(400, description="action phải là approve hoặc send_back.")
    note = (request.form.get("note") or "").strip()[:2000] or None
    return lead, action, note


@bp.post("/finding/<finding_id>/review")
def review_step(finding_id: str):
    """A lead approves a decision or sends it back (with a note)."""
    lead, action, note = _lead_step()
    current_runner().run(lambda c: c.review_step(finding_id, action, note, by=lead.name))
    back = _local_path(request.form.get("next"))
    if back and not wants_json():
        return redirect(back + f"#f-{finding_id}")
    return _back(finding_id, {"id": finding_id, "action": action, "by": lead.name})


@bp.post("/findings/bulk/review")
def bulk_review():
    """A lead approves or sends back every decision listed (the ids of the approval queue's page), with one note;
    findings without a decision are left as they are. Back to the list, which says how many."""
    lead, action, note = _lead_step()
    ids = [i for i in request.form.getlist("id") if i][:BULK_MAX]
    runner = current_runner()
    decided = runner.run(lambda c: c.review_states())
    chosen = [i for i in ids if i in decided]
    if not chosen:
        abort(400, description="Không có quyết định nào để duyệt (no decided finding chosen).")
    for fid in chosen:
        runner.run(lambda c, fid=fid: c.review_step(fid, action, note, by=lead.name))
    if wants_json():
        return jsonify({"reviewed": chosen, "action": action, "by": lead.name})
    back = _local_path(request.form.get("next")) or url_for("findings.findings_page", state="pending")
    return redirect(_with_param(back, "reviewed", str(len(chosen))))


@bp.post("/finding/<finding_id>/assign")
def assign(finding_id: str):
    """A lead gives the finding to a reviewer, with a due date (empty: take it back)."""
    check_csrf()
    lead = require_role("lead")
    assignee = (request.form.get("assignee") or "").strip() or None
    due = date_value(request.form["due"]) if request.form.get("due") else None
    current_runner().run(lambda c: c.assign(finding_id, assignee, due, by=lead.name))
    return _back(finding_id, {"id": finding_id, "assignee": assignee, "due": due})


@bp.post("/findings/bulk")
def bulk():
    """A decision on every finding listed (the ids of a filtered list). Without ``confirm=1`` it answers what
    it would do (the confirmation page); with it, records each decision and keeps an undo in the session."""
    check_write()
    choice = request.form.get("decision") or ""
    if choice not in ("accept", "reject"):
        abort(400, description="decision phải là accept hoặc reject.")
    at = date_value(request.form.get("at") or "") if request.form.get("at") else at_param()
    ids = [i for i in request.form.getlist("id") if i][:BULK_MAX]
    runner = current_runner()
    found = {f.id: f for f in runner.findings(at)}
    chosen = [found[i] for i in ids if i in found]
    if not chosen:
        abort(400, description="Không có phát hiện nào được chọn (no finding chosen).")
    note = (request.form.get("note") or "").strip()[:2000] or None
    # Back to the filtered list the reviewer came from (a path of this site only), not the whole list.
    back = _local_path(request.form.get("next")) or url_for("findings.findings_page", at=at)
    if request.form.get("confirm") != "1":
        return respond(
            "bulk_confirm.html",
            lambda: {"would_decide": [f.id for f in chosen], "decision": choice},
            lambda: {"chosen": chosen, "decision": choice, "note": note, "at": at, "back": back},
        )
    user = current_user()
    by = user.name if user else None
    before = {f.id: (f.decision, f.note) for f in chosen}
    among = list(found.values())
    for f in chosen:
        runner.run(lambda c, f=f: c.decide(f.id, choice, note, at, by=by, among=among, action="bulk"))
        runner.patch_decision(f.id, choice, note)
    session["undo"] = {"at": at, "before": before, "back": back}
    if wants_json():
        return jsonify({"decided": list(before), "decision": choice})
    return redirect(_with_param(back, "undo", str(len(before))))


@bp.post("/findings/bulk/undo")
def undo():
    """Put back the decisions the last bulk decision of this session replaced."""
    check_write()
    saved = session.pop("undo", None)
    if not saved:
        abort(400, description="Không có gì để hoàn tác (nothing to undo).")
    user = current_user()
    by = user.name if user else None
    runner = current_runner()
    at = saved["at"]
    for fid, (decision, note) in saved["before"].items():
        runner.run(lambda c, fid=fid, d=decision, n=note: c.restore_decision(fid, d, n, by=by))
    runner.forget()  # restoring "no decision" is not a patch: the lists are computed again
    if wants_json():
        return jsonify({"restored": list(saved["before"])})
    return redirect(_local_path(saved.get("back")) or url_for("findings.findings_page", at=at))


def _local_path(value: str | None) -> str | None:
    """``value`` when it is a path of this site (never another host: no open redirect), else None."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return None
    return value


def _with_param(path: str, key: str, value: str) -> str:
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != key] + [(key, value)]
    return urlunsplit(("", "", parts.path, urlencode(query), ""))


def _back(finding_id: str, data: dict):
    if wants_json():
        return jsonify(data)
    return redirect(url_for(".finding_page", finding_id=finding_id, at=request.form.get("at") or None))
