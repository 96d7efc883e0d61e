"""Feedback records and their provision links in the store. Feedback is state not derived from the sources (like
``decisions``): it survives rebuilds. Its links are derived from the corpus and carry the store version they were
computed on, so a reader re-links when the corpus changed."""

from __future__ import annotations

from collections.abc import Iterable

from review.models.feedback import FEEDBACK_KEYS, FeedbackLink, FeedbackRecord

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id TEXT PRIMARY KEY, received TEXT, sender TEXT, title TEXT, content TEXT NOT NULL, agency TEXT, status TEXT,
    reply TEXT, replied TEXT, imported_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE IF NOT EXISTS feedback_links (
    feedback_id TEXT NOT NULL, doc TEXT NOT NULL, unit TEXT, confidence REAL NOT NULL, reason TEXT NOT NULL,
    method TEXT NOT NULL, version TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_links_doc ON feedback_links(doc, unit);
"""


def _ensure(store) -> None:
    # executescript commits: never inside a transaction. A store made before these tables gets them here.
    with store.lock:
        store.conn.executescript(SCHEMA)


def _present(store) -> bool:
    """Whether the feedback tables exist: a reader does not create them (a write may be under way in another
    process, holding the database: creating a table would wait for it and fail)."""
    row = store.conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('feedback', 'feedback_links')"
    ).fetchone()
    return row[0] == 2


def put_feedback(store, records: Iterable[FeedbackRecord]) -> int:
    """Insert or replace records by id; returns how many were written."""
    n = 0
    _ensure(store)
    with store.transaction():
        for r in records:
            store.conn.execute(
                "INSERT OR REPLACE INTO feedback(id, received, sender, title, content, agency, status, reply, replied)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (r.id, r.received, r.sender, r.title, r.content, r.agency, r.status, r.reply, r.replied),
            )
            n += 1
    return n


def feedback(store) -> list[FeedbackRecord]:
    with store.lock:
        if not _present(store):
            return []
        rows = store.conn.execute(f"SELECT {', '.join(FEEDBACK_KEYS)} FROM feedback ORDER BY id").fetchall()
    return [FeedbackRecord(**{k: row[i] for i, k in enumerate(FEEDBACK_KEYS)}) for row in rows]


def set_links(store, version: str, links: Iterable[FeedbackLink]) -> None:
    """Replace every stored link by ``links``, computed on the store version ``version``."""
    _ensure(store)
    with store.transaction():
        store.conn.execute("DELETE FROM feedback_links")
        store.conn.executemany(
            "INSERT INTO feedback_links(feedback_id, doc, unit, confidence, reason, method, version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(x.feedback, x.doc, x.unit, x.confidence, x.reason, x.method, version) for x in links],
        )


def links(store) -> tuple[str | None, list[FeedbackLink]]:
    """The stored links and the store version they were computed on (None when there are none)."""
    with store.lock:
        if not _present(store):
            return None, []
        rows = store.conn.execute(
            "SELECT feedback_id, doc, unit, confidence, reason, method, version FROM feedback_links"
            " ORDER BY feedback_id, confidence DESC"
        ).fetchall()
    version = rows[0][6] if rows else None
    return version, [FeedbackLink(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]
