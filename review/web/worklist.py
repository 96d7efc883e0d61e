"""The reviewer's worklist: which findings the Rà soát list keeps for its filters — kind, rule, document (through
the corpus's DocumentResolver: accent-insensitive, short forms, the authority after the number), severity, the
decision state in the review cycle (undecided, accepted, rejected, awaiting the lead, approved, sent back, sent
back to me), the assignee (a reviewer by name, or "me") and overdue assignments — and where each finding stands.

A filter naming something that does not exist is an error (a document no look-up finds, a reviewer with no
account), never an empty list; a number several documents share is a choice between them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import abort, render_template, request, url_for

from review.api import matches_state, sent_back_to, state_of
from review.errors import AmbiguousDocument, DocumentNotFound
from review.web.auth import User, current_user
from review.web.runner import current_runner

FILTERS = ("kind", "code", "doc", "severity", "assignee", "state", "overdue")
# The decision states as the filter form offers them (review.team.STATES, and the reviewer's own sent-back list).
STATE_LABELS = {
    "undecided": "Chưa quyết định",
    "accept": "Đã chấp nhận",
    "reject": "Đã bác bỏ",
    "pending": "Chờ trưởng nhóm duyệt",
    "approved": "Đã duyệt",
    "sent_back": "Bị trả lại",
    "sent_back_to_me": "Bị trả lại cho tôi",
}
ME = "me"


@dataclass
class Worklist:
    """The filters as read from the request, the findings they keep, and where each finding stands."""

    filters: dict[str, str | None]
    doc: str | None  # the resolved id of the document filter
    shown: list[Any]
    states: dict[str, dict]
    assignments: dict[str, dict]
    user: User | None
    reviewers: list[str] = field(default_factory=list)

    def standing(self, f) -> dict[str, Any]:
        """Where a finding stands: its state, the lead's step (by, note, at), who decided, whom it goes back to."""
        entry = dict(self.states.get(f.id) or {})
        entry["state"] = state_of(f.id, f.decision, self.states)
        entry["sent_back_to"] = sent_back_to(f.id, self.states, self.assignments)
        entry.pop("decision", None)
        return entry

    def to_dict(self, f) -> dict[str, Any]:
        return {**f.to_dict(), "review": self.standing(f), "assignment": self.assignments.get(f.id)}


def read_worklist(found: list) -> Worklist | Any:
    """The worklist of this request over ``found``; or the answer to give instead (the choice between documents
    sharing a number)."""
    args = {k: (request.args.get(k) or "").strip() or None for k in FILTERS}
    runner = current_runner()
    user = current_user()
    states = runner.run(lambda c: c.review_states())
    assignments = runner.run(lambda c: c.assignments())
    reviewers = [str(u["name"]) for u in runner.run(lambda c: c.users()) if u["active"]]
    doc = _document(args["doc"]) if args["doc"] else None
    if doc is not None and not isinstance(doc, str):
        return doc
    assignee = args["assignee"]
    state = args["state"]
    if assignee == ME or state == "sent_back_to_me":
        if user is None:
            abort(400, description="Đăng nhập để lọc việc của mình (sign in to filter your own findings).")
    if assignee == ME:
        assignee = user.name if user else None
    elif assignee and assignee not in reviewers:
        abort(400, description=f"Không có người rà soát {assignee!r} (no reviewer with that name).")
    if state and state not in STATE_LABELS:
        abort(
            400,
            description=f"Trạng thái không hợp lệ (invalid state) {state[:30]!r}: " + ", ".join(STATE_LABELS),
        )
    today = date.today().isoformat()

    def keep(f) -> bool:
        given = assignments.get(f.id) or {}
        if args["kind"] and f.kind != args["kind"]:
            return False
        if args["code"] and f.code != args["code"]:
            return False
        if doc and f.doc != doc:
            return False
        if args["severity"] and f.severity != args["severity"]:
            return False
        if assignee and given.get("assignee") != assignee:
            return False
        if state == "sent_back_to_me":
            if user is None or sent_back_to(f.id, states, assignments) != user.name:
                return False
        elif state and not matches_state(state, f.id, f.decision, states):
            return False
        if args["overdue"]:
            due = given.get("due")
            if (
                not due
                or str(due) >= today
                or state_of(f.id, f.decision, states) not in ("undecided", "sent_back")
            ):
                return False
        return True

    shown = [f for f in found if keep(f)]
    return Worklist(args, doc, shown, states, assignments, user, reviewers)


def _document(typed: str):
    """The id the document filter names (the corpus's resolver), a choice page when several documents share the
    number, a 404 naming the closest numbers when none matches."""
    try:
        return current_runner().run(lambda c: c.resolve(typed))
    except AmbiguousDocument as exc:
        from flask import jsonify

        from review.web.respond import wants_json

        query: dict[str, Any] = {k: v for k, v in request.args.items() if k not in ("doc", "page")}
        candidates = [
            dict(c.to_dict(), url=url_for("findings.findings_page", doc=c.id, **query))
            for c in exc.candidates
        ]
        if wants_json():
            return jsonify({"error": str(exc), "status": 300, "candidates": candidates}), 300
        return render_template("choose.html", typed=typed, candidates=candidates, suffix="", at=None), 300
    except DocumentNotFound as exc:
        close = (
            exc.hint.removeprefix("did you mean ") if exc.hint and exc.hint.startswith("did you mean") else ""
        )
        hint = f" Có phải văn bản: {close}? (did you mean)" if close else ""
        abort(404, description=f"Không có văn bản {typed[:80]!r} trong kho (no such document).{hint}")
