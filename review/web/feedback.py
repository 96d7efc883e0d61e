"""Phản ánh, kiến nghị: citizens' feedback linked to provisions (issue 16) — the list (``/feedback``, filtered by
document, unit or unlinked, with its JSON twin), and what the document and findings pages show of it through the
templates ``_feedback.html`` and ``_feedback_count.html`` (``feedback_on`` and ``feedback_url`` below).

The sender is personal data: it is shown only when a signed-in lead asks for it (``?show_sender=1``); anyone else
asking gets the records with the sender hidden and is told why."""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, request, url_for

from review.web.auth import current_user
from review.web.respond import respond
from review.web.runner import current_runner

bp = Blueprint("feedback", __name__)


def sender_asked() -> bool:
    return request.args.get("show_sender") == "1"


def sender_shown() -> bool:
    """Whether this request may see senders: asked for, by a signed-in lead."""
    user = current_user()
    return sender_asked() and user is not None and user.role == "lead"


def _item(record, links, show: bool) -> dict[str, Any]:
    return {**record.to_dict(show), "links": [x.to_dict() for x in links]}


def document_feedback(doc_id: str) -> list[dict[str, Any]]:
    """The feedback on a document by the unit it is linked to (``None``: the whole document), in the units'
    order, as the document page and its JSON twin give it: per unit its count and records (id, title, date
    received, status, the sender hidden unless shown, the link's confidence, reason and method)."""
    show = sender_shown()
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for item in current_runner().run(lambda c: c.feedback(doc_id)):
        for x in item.links:
            if x.doc == doc_id:
                groups.setdefault(x.unit, []).append({**item.record.to_dict(show), "link": x.to_dict()})
    return [
        {"unit": unit, "count": len(rows), "records": rows}
        for unit, rows in sorted(groups.items(), key=lambda kv: (kv[0] is None, _eid_order(kv[0] or "")))
    ]


def _eid_order(eid: str) -> list[tuple[int, str]]:
    return [(int(n) if n.isdigit() else 0, n) for n in re.findall(r"\d+|[a-z]+", eid)]


@bp.get("/feedback.json", endpoint="feedback_json")
@bp.get("/feedback")
def feedback_page():
    doc = request.args.get("doc") or None
    unit = request.args.get("unit") or None
    unlinked = request.args.get("unlinked") == "1"
    show = sender_shown()
    runner = current_runner()
    items = runner.run(lambda c: c.feedback(doc, unit, unlinked=unlinked))
    rows = [_item(i.record, i.links, show) for i in items]
    return respond(
        "feedback.html",
        lambda: rows,
        lambda: {
            "rows": rows,
            "doc": doc,
            "unit": unit,
            "unlinked": unlinked,
            "sender_shown": show,
            "sender_refused": sender_asked() and not show,
        },
    )


@bp.app_context_processor
def feedback_links() -> dict:
    def feedback_url(doc_id: str, eid: str | None = None, **params) -> str:
        """The list of the feedback on a document, or on one of its units."""
        return url_for("feedback.feedback_page", doc=doc_id, unit=eid or None, **params)

    return {
        "feedback_on": document_feedback,
        "feedback_url": feedback_url,
        "feedback_sender_shown": sender_shown,
        "feedback_sender_asked": sender_asked,
    }
