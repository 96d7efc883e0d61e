"""The review team's side of a corpus (issue 17.1): approvals and sending back, the append-only history of
decisions, assignments with due dates, and the reviewers' accounts. A mixin of ``review.api.Corpus``: the same
object a notebook or the web app holds, kept in its own module so each job stays small."""

from __future__ import annotations

from review.errors import UsageError
from review.store import Store

ROLES = ("reviewer", "lead", "viewer")
REVIEW_STEPS = ("approve", "send_back")


class TeamMixin:
    store: Store

    def review_step(
        self, finding_id: str, action: str, note: str | None = None, *, by: str | None = None
    ) -> None:
        """A lead's ``approve`` or ``send_back`` of a decision, recorded in the history (the decision stays)."""
        if action not in REVIEW_STEPS:
            raise UsageError(f"a review step is approve or send_back, not {action!r}")
        if finding_id not in self.store.decisions():
            raise UsageError(f"no decision on {finding_id!r} to {action}")
        self.store.add_history(finding_id, action, note, by)

    def restore_decision(
        self, finding_id: str, decision: str | None, note: str | None, *, by: str | None = None
    ):
        """Put a finding's decision back as it was before (an undo), recorded in the history."""
        self.store.restore_decision(finding_id, decision, note, by)

    def decision_history(self, finding_id: str | None = None) -> list[dict]:
        """Every decision, note, approval and sending back (of one finding), oldest first: who, when, what it
        replaced."""
        return self.store.decision_history(finding_id)

    def assign(
        self, finding_id: str, assignee: str | None, due: str | None = None, *, by: str | None = None
    ) -> None:
        """Give a finding to a reviewer, with a due date (None: take it back)."""
        if assignee is not None and assignee not in {u["name"] for u in self.store.users()}:
            raise UsageError(f"no reviewer named {assignee!r}")
        self.store.set_assignment(finding_id, assignee, due, by)

    def assignments(self) -> dict[str, dict]:
        return self.store.assignments()

    def review_states(self) -> dict[str, dict]:
        """Per finding with a decision, where it stands in the cycle (``review_states`` below): pending the
        lead's approval, approved or sent back, by whom and with what note."""
        decided = {fid: d.decision for fid, d in self.store.decisions().items()}
        return review_states(self.store.decision_history(), decided)

    # --- reviewers' accounts -----------------------------------------------------------------------------------

    def users(self) -> list[dict]:
        """The accounts (name, role, created_at, active), without their password hashes."""
        return self.store.users()

    def add_user(self, name: str, role: str, password_hash: str) -> None:
        """Add or update an account; the caller hashes the password (review.web.auth.hash_password)."""
        if role not in ROLES:
            raise UsageError(f"a role is reviewer, lead or viewer, not {role!r}")
        if not name or len(name) > 64 or any(ch.isspace() for ch in name):
            raise UsageError(f"a user name is 1-64 characters without spaces, not {name!r}")
        self.store.put_user(name, role, password_hash)

    def remove_user(self, name: str) -> None:
        """Deactivate an account (its name stays in the history)."""
        if not self.store.deactivate_user(name):
            raise UsageError(f"no user named {name!r}")

    def user_secret(self, name: str) -> tuple[str, str] | None:
        """An active account's (role, password hash), for signing in."""
        return self.store.user_secret(name)


# --- where each decision stands in the review cycle ----------------------------------------------------------

# A finding's state in the review cycle: no decision; a decision awaiting the lead; approved; sent back.
STATES = ("undecided", "accept", "reject", "pending", "approved", "sent_back")
_DECIDING = ("decide", "bulk", "undo")


def review_states(history: list[dict], decided: dict[str, str | None]) -> dict[str, dict]:
    """Per finding with a decision (``decided``: finding id → its decision), where it stands: ``state``
    (``pending`` — awaiting the lead, ``approved``, ``sent_back``), the reviewer who took the decision
    (``decided_by``), and the lead's step (``by``, ``note``, ``at``). ``history`` is the decision history, oldest
    first. A new decision after an approval or a sending back is pending again."""
    out: dict[str, dict] = {}
    for row in history:
        fid = str(row["finding_id"])
        entry = out.setdefault(
            fid, {"state": "pending", "decided_by": None, "by": None, "note": None, "at": None}
        )
        action = row["action"]
        if action in _DECIDING:
            entry.update(state="pending", by=None, note=None, at=None)
            if action != "undo":
                entry["decided_by"] = row["by_user"]
        elif action in ("approve", "send_back"):
            state = "approved" if action == "approve" else "sent_back"
            entry.update(state=state, by=row["by_user"], note=row["note"], at=row["at"])
    return {fid: dict(out.get(fid) or {"state": "pending", "decided_by": None, "by": None, "note": None,
                                        "at": None}, decision=d) for fid, d in decided.items()}  # fmt: skip


def state_of(finding_id: str, decision: str | None, states: dict[str, dict]) -> str:
    """``undecided`` when the finding has no decision, else its cycle state (``pending``, ``approved``,
    ``sent_back``)."""
    if decision is None:
        return "undecided"
    return str((states.get(finding_id) or {}).get("state") or "pending")


def matches_state(wanted: str, finding_id: str, decision: str | None, states: dict[str, dict]) -> bool:
    """Whether a finding is in the ``wanted`` state of ``STATES`` (``accept``/``reject``: its decision)."""
    if wanted not in STATES:
        raise UsageError(f"a decision state is one of {', '.join(STATES)}, not {wanted!r}")
    if wanted in ("accept", "reject"):
        return decision == wanted
    return state_of(finding_id, decision, states) == wanted


def sent_back_to(finding_id: str, states: dict[str, dict], assignments: dict[str, dict]) -> str | None:
    """Whom a sent-back finding goes back to: its assignee, else the reviewer who took the decision."""
    entry = states.get(finding_id) or {}
    if entry.get("state") != "sent_back":
        return None
    assigned = (assignments.get(finding_id) or {}).get("assignee")
    return str(assigned) if assigned else (str(entry["decided_by"]) if entry.get("decided_by") else None)
