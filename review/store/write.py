"""Writing the store: sources with their documents, units, notes, references and facts; resolution results;
reviewers' decisions; build metadata. Callers hold a transaction (``Store.transaction``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime

from review.models import Document, Fact, Reference, Resolution, Unit
from review.store.schema import FINDINGS_CACHE
from review.text.numbers import number_key

StoredDocument = Document | tuple[Document, list[Reference], list[Fact]]


def remove_source(conn: sqlite3.Connection, path: str) -> None:
    conn.execute("DELETE FROM documents WHERE source_path = ?", (path,))
    conn.execute("DELETE FROM sources WHERE path = ?", (path,))


def put_source(
    conn: sqlite3.Connection,
    path: str,
    sha256: str,
    size: int,
    media_type: str | None,
    documents: Iterable[StoredDocument],
    error: tuple[str, str] | None = None,
) -> int:
    """Replace everything stored from ``path`` by ``documents``. Returns how many were stored."""
    remove_source(conn, path)
    conn.execute(
        "INSERT INTO sources(path, sha256, media_type, size, error_code, error) VALUES (?,?,?,?,?,?)",
        (path, sha256, media_type, size, error[0] if error else None, error[1] if error else None),
    )
    count = 0
    for item in documents:
        doc, refs, facts = item if isinstance(item, tuple) else (item, [], [])
        _put_document(conn, doc, path)
        _put_annotations(conn, doc.id, refs, facts)
        count += 1
    conn.execute("UPDATE sources SET documents = ? WHERE path = ?", (count, path))
    return count


def _put_document(conn: sqlite3.Connection, doc: Document, path: str) -> None:
    # A later source that holds the same document (same id) replaces the earlier one.
    conn.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
    conn.execute(
        "INSERT INTO documents(id, source_path, source_record, source_sha256, media_type, number, type, issuer,"
        " title, issued, effective, language, place, stated_status, stated_effective, preamble, body, number_key,"
        " authority) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            doc.id,
            path,
            doc.source.record,
            doc.source.sha256,
            doc.source.media_type,
            doc.number,
            doc.type,
            doc.issuer,
            doc.title,
            doc.issued,
            doc.effective,
            doc.language,
            doc.place,
            doc.stated_status,
            doc.stated_effective,
            doc.preamble,
            doc.body,
            number_key(doc.number) if doc.number else None,
            doc.authority,
        ),
    )
    rows: list[tuple] = []

    def collect(units: tuple[Unit, ...], parent: str | None) -> None:
        for unit in units:
            rows.append(
                (doc.id, unit.eid, parent, len(rows), unit.kind, unit.num, unit.heading, unit.text, unit.page,
                 unit.note)
            )  # fmt: skip
            collect(unit.children, unit.eid)

    collect(doc.units, None)
    conn.executemany(
        "INSERT INTO units(doc_id, eid, parent_eid, ord, kind, num, heading, text, page, note)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    conn.executemany(
        "INSERT INTO notes(doc_id, code, message, eid, line) VALUES (?,?,?,?,?)",
        [(doc.id, n.code, n.message, n.eid, n.line) for n in doc.notes],
    )


def _put_annotations(conn: sqlite3.Connection, doc_id: str, refs: list[Reference], facts: list[Fact]) -> None:
    conn.executemany(
        "INSERT INTO refs(doc_id, unit, part, start, end, text, relation, rule, target_doc, target_key,"
        " target_type, target_title, target_date, target_units, target_self, status, missing_units)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                doc_id,
                r.unit,
                r.part,
                r.start,
                r.end,
                r.text,
                r.relation,
                r.rule,
                r.target.doc,
                number_key(r.target.doc) if r.target.doc else None,
                r.target.type,
                r.target.title,
                r.target.date,
                json.dumps(list(r.target.units)),
                int(r.target.self),
                r.target.status,
                json.dumps(list(r.target.missing_units)),
            )
            for r in refs
        ],
    )
    conn.executemany(
        "INSERT INTO facts(doc_id, unit, start, end, text, kind, date, target_doc, units, except_units)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        [
            (
                doc_id,
                f.unit,
                f.start,
                f.end,
                f.text,
                f.kind,
                f.date,
                f.target_doc,
                json.dumps(list(f.units)),
                json.dumps(list(f.except_units)),
            )
            for f in facts
        ],
    )


def set_resolutions(conn: sqlite3.Connection, updates: Iterable[Resolution]) -> None:
    """Write how each reference resolved against the corpus (review.annotate.resolve.resolve_corpus)."""
    conn.executemany(
        "UPDATE refs SET status = ?, missing_units = ?, target_doc = ?, target_key = ? WHERE rowid = ?",
        [(u.status, json.dumps(list(u.missing_units)), u.doc, u.key, u.row) for u in updates],
    )


def set_decision(
    conn: sqlite3.Connection,
    finding_id: str,
    decision: str | None,
    note: str | None,
    evidence_hash: str,
    code: str,
    doc: str,
    by: str | None = None,
    action: str = "decide",
) -> None:
    old = conn.execute("SELECT decision, note FROM decisions WHERE finding_id = ?", (finding_id,)).fetchone()
    add_history(
        conn,
        finding_id,
        action,
        decision if decision is not None or old is None else old["decision"],
        note if note is not None or old is None else old["note"],
        old["decision"] if old is not None else None,
        old["note"] if old is not None else None,
        by,
    )
    if old is not None and decision is None:
        decision = old["decision"]  # a note alone keeps the decision taken before
    if old is not None and note is None:
        note = old["note"]
    conn.execute(
        "INSERT OR REPLACE INTO decisions(finding_id, decision, note, evidence_hash, code, doc, decided_at)"
        " VALUES (?,?,?,?,?,?,?)",
        (
            finding_id,
            decision,
            note,
            evidence_hash,
            code,
            doc,
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )


def set_meta(conn: sqlite3.Connection, key: str, value: object) -> None:
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, json.dumps(value)))


def keep_findings(conn: sqlite3.Connection, key: str, build: int, payload: bytes, keep: int) -> None:
    """Store one computed list of findings; lists of older builds go, and of this build only the ``keep`` most
    recent dates stay (a reviewer looks at a few dates, not hundreds)."""
    conn.execute(FINDINGS_CACHE)
    conn.execute("DELETE FROM findings_cache WHERE build != ?", (build,))
    conn.execute(
        "INSERT OR REPLACE INTO findings_cache (key, build, payload, made_at) VALUES (?, ?, ?, datetime('now'))",
        (key, build, payload),
    )
    conn.execute(
        "DELETE FROM findings_cache WHERE key NOT IN "
        "(SELECT key FROM findings_cache ORDER BY made_at DESC, rowid DESC LIMIT ?)",
        (keep,),
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def add_history(
    conn: sqlite3.Connection,
    finding_id: str,
    action: str,
    decision: str | None,
    note: str | None,
    previous_decision: str | None,
    previous_note: str | None,
    by: str | None,
) -> None:
    conn.execute(
        "INSERT INTO decision_history(finding_id, action, decision, note, previous_decision, previous_note,"
        " by_user, at) VALUES (?,?,?,?,?,?,?,?)",
        (finding_id, action, decision, note, previous_decision, previous_note, by, _now()),
    )


def put_user(conn: sqlite3.Connection, name: str, role: str, password_hash: str) -> None:
    conn.execute(
        "INSERT INTO users(name, role, password_hash, created_at) VALUES (?,?,?,?)"
        " ON CONFLICT(name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash,"
        " active = 1",
        (name, role, password_hash, _now()),
    )


def deactivate_user(conn: sqlite3.Connection, name: str) -> int:
    return conn.execute("UPDATE users SET active = 0 WHERE name = ?", (name,)).rowcount


def set_assignment(
    conn: sqlite3.Connection, finding_id: str, assignee: str | None, due: str | None, by: str | None
) -> None:
    if assignee is None:
        conn.execute("DELETE FROM assignments WHERE finding_id = ?", (finding_id,))
        return
    conn.execute(
        "INSERT OR REPLACE INTO assignments(finding_id, assignee, due, by_user, at) VALUES (?,?,?,?,?)",
        (finding_id, assignee, due, by, _now()),
    )


def restore_decision(
    conn: sqlite3.Connection, finding_id: str, decision: str | None, note: str | None, by: str | None
) -> None:
    """Put a decision back as it was (an undo): no decision and no note removes it; the history keeps both."""
    old = conn.execute("SELECT decision, note FROM decisions WHERE finding_id = ?", (finding_id,)).fetchone()
    if old is None:
        return
    add_history(conn, finding_id, "undo", decision, note, old["decision"], old["note"], by)
    if decision is None and note is None:
        conn.execute("DELETE FROM decisions WHERE finding_id = ?", (finding_id,))
    else:
        conn.execute(
            "UPDATE decisions SET decision = ?, note = ?, decided_at = ? WHERE finding_id = ?",
            (decision, note, _now(), finding_id),
        )
