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
