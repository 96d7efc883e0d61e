"""The store's SQLite schema and its upgrades."""

from __future__ import annotations

import sqlite3

from review.errors import StoreVersionError

SCHEMA_VERSION = 3

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    media_type TEXT,
    size INTEGER NOT NULL,
    documents INTEGER NOT NULL DEFAULT 0,
    error_code TEXT,
    error TEXT
);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    source_path TEXT NOT NULL REFERENCES sources(path) ON DELETE CASCADE,
    source_record TEXT,
    source_sha256 TEXT NOT NULL,
    media_type TEXT NOT NULL,
    number TEXT, type TEXT, issuer TEXT, title TEXT, issued TEXT, effective TEXT,
    language TEXT NOT NULL, place TEXT, stated_status TEXT, stated_effective TEXT,
    preamble TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '',
    number_key TEXT, authority TEXT
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source_path);
CREATE INDEX IF NOT EXISTS documents_number ON documents(number);
CREATE INDEX IF NOT EXISTS documents_key ON documents(number_key);
CREATE INDEX IF NOT EXISTS documents_authority ON documents(authority);
CREATE TABLE IF NOT EXISTS units (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    eid TEXT NOT NULL,
    parent_eid TEXT,
    ord INTEGER NOT NULL,
    kind TEXT NOT NULL, num TEXT, heading TEXT, text TEXT NOT NULL, page INTEGER, note TEXT,
    PRIMARY KEY (doc_id, eid)
);
CREATE TABLE IF NOT EXISTS refs (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    unit TEXT, part TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
    relation TEXT NOT NULL, rule TEXT NOT NULL,
    target_doc TEXT, target_key TEXT, target_type TEXT, target_title TEXT, target_date TEXT,
    target_units TEXT NOT NULL, target_self INTEGER NOT NULL,
    status TEXT, missing_units TEXT
);
CREATE INDEX IF NOT EXISTS refs_doc ON refs(doc_id);
CREATE INDEX IF NOT EXISTS refs_target ON refs(target_key);
CREATE TABLE IF NOT EXISTS facts (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    unit TEXT, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL, date TEXT,
    target_doc TEXT, units TEXT NOT NULL, except_units TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS facts_doc ON facts(doc_id);
CREATE TABLE IF NOT EXISTS notes (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    code TEXT NOT NULL, message TEXT NOT NULL, eid TEXT, line INTEGER
);
CREATE INDEX IF NOT EXISTS notes_doc ON notes(doc_id);
-- The reviewer's decisions: the only state not derived from the sources. Keyed by the finding's stable id, never
-- dropped by a rebuild or a schema upgrade.
CREATE TABLE IF NOT EXISTS decisions (
    finding_id TEXT PRIMARY KEY,
    decision TEXT, note TEXT, evidence_hash TEXT NOT NULL, code TEXT, doc TEXT, decided_at TEXT NOT NULL
);
-- Citizens' feedback (phản ánh, kiến nghị): state, kept across rebuilds; its links carry the version they were
-- computed on (review/store/feedback.py).
CREATE TABLE IF NOT EXISTS feedback (
    id TEXT PRIMARY KEY, received TEXT, sender TEXT, title TEXT, content TEXT NOT NULL, agency TEXT, status TEXT,
    reply TEXT, replied TEXT, imported_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE IF NOT EXISTS feedback_links (
    feedback_id TEXT NOT NULL, doc TEXT NOT NULL, unit TEXT, confidence REAL NOT NULL, reason TEXT NOT NULL,
    method TEXT NOT NULL, version TEXT NOT NULL
);
-- What a merged province decided for each predecessor's document (keep applying / replace / repeal): state, not
-- derived, kept like the decisions.
"""

# Created on first use too: a store built before the cache existed has the same schema version otherwise.
FINDINGS_CACHE = """
-- Findings computed for one build of the corpus, one date and one version of the rules (review.findings.cache):
-- derived, so dropped by a schema upgrade and replaced when a build changes the corpus.
CREATE TABLE IF NOT EXISTS findings_cache (
    key TEXT PRIMARY KEY, build INTEGER NOT NULL, payload BLOB NOT NULL, made_at TEXT NOT NULL
);
"""


# State tables added since v3 (reviewers, history, assignments): created on open as well, so a store built
# before them gains them without a rebuild.
STATE_SCHEMA = """
-- Reviewers' accounts (review users) and what each decision replaced: state, not derived, kept by rebuilds.
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);
-- Append-only: one row per decision, note, approval or sending back, with what it replaced.
CREATE TABLE IF NOT EXISTS decision_history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    finding_id TEXT NOT NULL, action TEXT NOT NULL, decision TEXT, note TEXT,
    previous_decision TEXT, previous_note TEXT, by_user TEXT, at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decision_history_finding ON decision_history(finding_id);
CREATE TRIGGER IF NOT EXISTS decision_history_append_only BEFORE UPDATE ON decision_history
BEGIN SELECT RAISE(ABORT, 'decision_history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS decision_history_no_delete BEFORE DELETE ON decision_history
BEGIN SELECT RAISE(ABORT, 'decision_history is append-only'); END;
-- Who reviews a finding, by when.
CREATE TABLE IF NOT EXISTS assignments (
    finding_id TEXT PRIMARY KEY, assignee TEXT NOT NULL, due TEXT, by_user TEXT, at TEXT NOT NULL
);
"""
SCHEMA += STATE_SCHEMA

# Created by every build and, for a store built before it existed, on the first merger decision.
MERGER_DECISIONS = """CREATE TABLE IF NOT EXISTS merger_decisions (
    authority TEXT NOT NULL, doc TEXT NOT NULL, decision TEXT NOT NULL, note TEXT, decided_at TEXT NOT NULL,
    PRIMARY KEY (authority, doc)
);
"""
SCHEMA += MERGER_DECISIONS

# Every table derived from the sources: an older schema drops and rebuilds these, never ``decisions``.
DERIVED_TABLES = ("findings_cache", "refs", "facts", "notes", "units", "documents", "sources")


def version_of(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def ensure_schema(conn: sqlite3.Connection, path: str) -> None:
    """Create the tables, upgrading an older store (its derived tables are rebuilt from the sources)."""
    version = version_of(conn)
    if version > SCHEMA_VERSION:
        raise StoreVersionError(
            f"store schema version {version} is newer than this toolkit's ({SCHEMA_VERSION})",
            path=path,
            hint="upgrade the toolkit",
        )
    if 0 < version < SCHEMA_VERSION:
        conn.executescript("".join(f"DROP TABLE IF EXISTS {t};" for t in DERIVED_TABLES))
    conn.executescript(SCHEMA + FINDINGS_CACHE)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def check_readable(conn: sqlite3.Connection, path: str) -> None:
    version = version_of(conn)
    if version != SCHEMA_VERSION:
        raise StoreVersionError(
            f"store schema version {version}; this toolkit reads {SCHEMA_VERSION}",
            path=path,
            hint="rebuild it with review build",
        )
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'assignments'").fetchone()
    if has is None:
        conn.executescript(STATE_SCHEMA)
