"""Rà soát: the findings on a date (filtered, a page at a time) with their JSON twin, a reviewer's decision on
one of them, and the HTML and XLSX reports to download."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, jsonify, redirect, request, url_for

from review import defaults
from review.vocab import Decision
from review.web.auth import current_user
from review.web.respond import at_param, date_value, int_param, respond, wants_json
from review.web.runner import current_runner
from review.web.safety import can_write, check_write
from review.web.worklist import STATE_LABELS, Worklist, read_worklist

PER_PAGE = defaults.WEB_PER_PAGE
REPORT_TYPES = {
    "html": "text/html",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

bp = Blueprint("findings", __name__)


@bp.get("/findings.json", endpoint="findings_json")
@bp.get("/findings")
def findings_page():
    at = at_param()
    found = current_runner().findings(at)
    work = read_worklist(found)
    if not isinstance(work, Worklist):
        return work  # the choice between documents sharing a number
    shown = work.shown
    user = work.user

    def context() -> dict:
        page = int_param("page", 1, 1, 100_000) or 1
        listed = shown[(page - 1) * PER_PAGE : page * PER_PAGE]
        return {
            "at": at,
            "findings": listed,
            "standing": {f.id: work.standing(f) for f in listed},
            "to_review": [f for f in listed if work.standing(f)["state"] == "pending"],
            "total": len(shown),
            "page": page,
            "per_page": PER_PAGE,
            "codes": sorted({f.code for f in found}),
            "filters": work.filters,
            "doc_id": work.doc,
            "reviewers": work.reviewers,
            "STATE_LABELS": STATE_LABELS,
            "can_write": can_write(),
            "is_lead": user is not None and user.role == "lead",
            "assignments": work.assignments,
            "today": date.today().isoformat(),
            # How many findings the last bulk decision changed (its undo banner); only a number is shown.
            "undo": request.args["undo"][:6] if (request.args.get("undo") or "").isdigit() else None,
            "reviewed": request.args["reviewed"][:6]
            if (request.args.get("reviewed") or "").isdigit()
            else None,
        }

    return respond("findings.html", lambda: [work.to_dict(f) for f in shown], context)


@bp.post("/findings/<finding_id>/decision")
def decision(finding_id: str):
    check_write()
    choice = request.form.get("decision") or None
    note = (request.form.get("note") or "").strip() or None
    if choice not in (None, *Decision) or (choice is None and note is None):
        abort(400, description="decision phải là accept hoặc reject (or give a note).")
    at = date_value(request.form.get("at") or "") if request.form.get("at") else at_param()
    runner = current_runner()
    user = current_user()
    among = runner.findings(at)
    f = runner.run(
        lambda c: c.decide(finding_id, choice, note, at, by=user.name if user else None, among=among)
    )
    runner.patch_decision(f.id, choice, note)  # decisions show in every cached list
    if wants_json():
        return jsonify({"id": f.id, "decision": choice, "note": note})
    back = request.form.get("next") or url_for(".findings_page", at=at)
    if not back.startswith("/") or back.startswith("//"):
        back = url_for(".findings_page")
    return redirect(back + f"#f-{f.id}")


@bp.get("/findings/report.<fmt>")
def report_download(fmt: str):
    if fmt not in REPORT_TYPES:
        abort(404)
    at = at_param()
    folder = Path(current_app.config["CORPUS"]) / "report"
    paths = current_runner().run(lambda c: c.report(folder, at))
    return Response(
        Path(paths[fmt]).read_bytes(),
        mimetype=REPORT_TYPES[fmt],
        headers={"Content-Disposition": f"attachment; filename=bao-cao-ra-soat.{fmt}"},
    )
