"""A merged province's decisions on its predecessors' documents (keep applying / replace / repeal): state that is
not derived from the sources, kept across rebuilds like the findings' decisions."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

from review.store.schema import MERGER_DECISIONS


def set_merger_decision(
    conn: sqlite3.Connection, authority: str, doc: str, decision: str | None, note: str | None
) -> None:
    """Record (or, with no decision, remove) the decision of ``authority`` on ``doc``."""
    conn.execute(MERGER_DECISIONS)  # one statement: runs inside the caller's transaction
    if decision is None:
        conn.execute("DELETE FROM merger_decisions WHERE authority = ? AND doc = ?", (authority, doc))
        return
    conn.execute(
        "INSERT OR REPLACE INTO merger_decisions(authority, doc, decision, note, decided_at) VALUES (?,?,?,?,?)",
        (authority, doc, decision, note, datetime.now(UTC).isoformat(timespec="seconds")),
    )


def merger_decisions(conn: sqlite3.Connection, authority: str) -> list[dict[str, Any]]:
    try:
        rows = conn.execute(
            "SELECT doc, decision, note, decided_at FROM merger_decisions WHERE authority = ? ORDER BY doc",
            (authority,),
        ).fetchall()
    except sqlite3.OperationalError:  # a store built before the table existed, with no decision yet
        return []
    return [{"doc": r[0], "decision": r[1], "note": r[2], "decided_at": r[3]} for r in rows]
