"""Reading the store: typed readers that return the models (``review.models``), never raw rows."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from review.models import (
    DecisionRecord,
    Document,
    DocumentRecord,
    Fact,
    Note,
    Reference,
    Source,
    StoredReference,
    Target,
    Unit,
    UnitRecord,
)


@dataclass(frozen=True)
class SourceState:
    """What the store knows of a source file: enough to tell whether it changed."""

    path: str
    sha256: str
    size: int
    error_code: str | None = None


def source_states(conn: sqlite3.Connection) -> dict[str, SourceState]:
    rows = conn.execute("SELECT path, sha256, size, error_code FROM sources")
    return {r["path"]: SourceState(r["path"], r["sha256"], r["size"], r["error_code"]) for r in rows}


def meta(conn: sqlite3.Connection, key: str, default: object = None) -> object:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return json.loads(row["value"]) if row else default


def document_ids(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]


def _record(row: sqlite3.Row) -> DocumentRecord:
    return DocumentRecord(
        id=row["id"],
        number=row["number"],
        type=row["type"],
        issuer=row["issuer"],
        title=row["title"],
        issued=row["issued"],
        effective=row["effective"],
        language=row["language"],
        source=Source(row["source_path"], row["source_sha256"], row["media_type"], row["source_record"]),
        place=row["place"],
        preamble=row["preamble"],
        stated_status=row["stated_status"],
        stated_effective=row["stated_effective"],
        body=row["body"],
        authority=row["authority"],
    )


def document_records(conn: sqlite3.Connection) -> dict[str, DocumentRecord]:
    """Every document's metadata, in the order the documents were stored."""
    return {r["id"]: _record(r) for r in conn.execute("SELECT * FROM documents ORDER BY rowid")}


def document_record(conn: sqlite3.Connection, doc_id: str) -> DocumentRecord | None:
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return _record(row) if row else None


def number_keys(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(number key, document id) of every numbered document, for resolving references by number."""
    return [
        (r["number_key"], r["id"])
        for r in conn.execute("SELECT id, number_key FROM documents WHERE number_key IS NOT NULL")
    ]


def _unit_record(doc_id: str, r: sqlite3.Row) -> UnitRecord:
    return UnitRecord(
        doc=doc_id,
        eid=r["eid"],
        parent=r["parent_eid"],
        ord=r["ord"],
        kind=r["kind"],
        num=r["num"],
        heading=r["heading"],
        text=r["text"],
        page=r["page"],
        note=r["note"],
    )


def unit_records(conn: sqlite3.Connection, doc_id: str) -> tuple[UnitRecord, ...]:
    """One document's units in reading order."""
    rows = conn.execute("SELECT * FROM units WHERE doc_id = ? ORDER BY ord", (doc_id,)).fetchall()
    return tuple(_unit_record(doc_id, r) for r in rows)


def all_unit_records(conn: sqlite3.Connection) -> Iterator[UnitRecord]:
    """Every unit, by document id, then in reading order."""
    for r in conn.execute("SELECT * FROM units ORDER BY doc_id, ord"):
        yield _unit_record(r["doc_id"], r)


def unit_eids(conn: sqlite3.Connection, doc_id: str) -> frozenset[str]:
    return frozenset(r[0] for r in conn.execute("SELECT eid FROM units WHERE doc_id = ?", (doc_id,)))


def tree(records: tuple[UnitRecord, ...]) -> tuple[Unit, ...]:
    """The unit tree of one document from its flat records."""
    children: dict[str | None, list[UnitRecord]] = {}
    for r in records:
        children.setdefault(r.parent, []).append(r)

    def build(parent: str | None) -> tuple[Unit, ...]:
        return tuple(
            Unit(r.eid, r.kind, r.num, r.heading, r.text, build(r.eid), r.page, r.note)
            for r in children.get(parent, [])
        )

    return build(None)


def document(conn: sqlite3.Connection, doc_id: str) -> Document | None:
    """A stored document with its unit tree and notes."""
    record = document_record(conn, doc_id)
    if record is None:
        return None
    notes = tuple(
        Note(r["code"], r["message"], r["eid"], r["line"])
        for r in conn.execute("SELECT * FROM notes WHERE doc_id = ? ORDER BY rowid", (doc_id,))
    )
    return assemble(record, tree(unit_records(conn, doc_id)), notes)


def assemble(record: DocumentRecord, units: tuple[Unit, ...], notes: tuple[Note, ...] = ()) -> Document:
    return Document(
        id=record.id,
        number=record.number,
        type=record.type,
        issuer=record.issuer,
        title=record.title,
        issued=record.issued,
        effective=record.effective,
        language=record.language,
        source=record.source,
        units=units,
        place=record.place,
        preamble=record.preamble,
        stated_status=record.stated_status,
        stated_effective=record.stated_effective,
        notes=notes,
        body=record.body,
        authority=record.authority,
    )


def _reference(r: sqlite3.Row) -> Reference:
    return Reference(
        doc=r["doc_id"],
        unit=r["unit"],
        start=r["start"],
        end=r["end"],
        text=r["text"],
        relation=r["relation"],
        rule=r["rule"],
        part=r["part"],
        target=Target(
            doc=r["target_doc"],
            type=r["target_type"],
            title=r["target_title"],
            date=r["target_date"],
            units=tuple(json.loads(r["target_units"])),
            self=bool(r["target_self"]),
            status=r["status"],
            missing_units=tuple(json.loads(r["missing_units"] or "[]")),
        ),
    )


def references(conn: sqlite3.Connection, doc_id: str | None = None) -> list[Reference]:
    """Stored references (of one document), by document, then in the order they were found."""
    sql = "SELECT * FROM refs" + (" WHERE doc_id = ?" if doc_id else "") + " ORDER BY doc_id, rowid"
    return [_reference(r) for r in conn.execute(sql, (doc_id,) if doc_id else ())]


def stored_references(conn: sqlite3.Connection) -> list[StoredReference]:
    """Every reference with its row, in the order they were stored."""
    return [
        StoredReference(r["rowid"], _reference(r), r["target_key"])
        for r in conn.execute("SELECT rowid, * FROM refs ORDER BY rowid")
    ]


def facts(conn: sqlite3.Connection, doc_id: str | None = None) -> list[Fact]:
    sql = "SELECT * FROM facts" + (" WHERE doc_id = ?" if doc_id else "") + " ORDER BY doc_id, rowid"
    return [
        Fact(
            doc=r["doc_id"],
            unit=r["unit"],
            start=r["start"],
            end=r["end"],
            text=r["text"],
            kind=r["kind"],
            date=r["date"],
            target_doc=r["target_doc"],
            units=tuple(json.loads(r["units"])),
            except_units=tuple(json.loads(r["except_units"])),
        )
        for r in conn.execute(sql, (doc_id,) if doc_id else ())
    ]


def decisions(conn: sqlite3.Connection) -> dict[str, DecisionRecord]:
    return {
        r["finding_id"]: DecisionRecord(
            r["finding_id"],
            r["decision"],
            r["note"],
            r["evidence_hash"],
            r["code"],
            r["doc"],
            r["decided_at"],
        )
        for r in conn.execute("SELECT * FROM decisions")
    }


def notes_count(conn: sqlite3.Connection) -> dict[str, int]:
    return {
        r[0]: r[1] for r in conn.execute("SELECT code, COUNT(*) FROM notes GROUP BY code ORDER BY 2 DESC")
    }


def summary(conn: sqlite3.Connection) -> dict[str, object]:
    """Counts for the end-of-build report: documents, units, by type and language, problems."""
    q = conn.execute
    by_type = {
        r[0] or "(unknown)": r[1]
        for r in q("SELECT type, COUNT(*) FROM documents GROUP BY type ORDER BY 2 DESC")
    }
    by_kind = {r[0]: r[1] for r in q("SELECT kind, COUNT(*) FROM units GROUP BY kind ORDER BY 2 DESC")}
    by_status = {
        r[0] or "(none)": r[1]
        for r in q("SELECT stated_status, COUNT(*) FROM documents GROUP BY 1 ORDER BY 2 DESC")
    }
    relations = {
        r[0]: r[1] for r in q("SELECT relation, COUNT(*) FROM refs GROUP BY relation ORDER BY 2 DESC")
    }
    statuses = {
        r[0] or "(unresolved)": r[1]
        for r in q("SELECT status, COUNT(*) FROM refs GROUP BY 1 ORDER BY 2 DESC")
    }
    failed = [
        {"path": r["path"], "code": r["error_code"], "error": r["error"]}
        for r in q("SELECT path, error_code, error FROM sources WHERE error IS NOT NULL ORDER BY path")
    ]
    return {
        "sources": q("SELECT COUNT(*) FROM sources").fetchone()[0],
        "documents": q("SELECT COUNT(*) FROM documents").fetchone()[0],
        "units": q("SELECT COUNT(*) FROM units").fetchone()[0],
        "articles": by_kind.get("dieu", 0),
        "documents_by_type": by_type,
        "units_by_kind": by_kind,
        "stated_status": by_status,
        "notes_by_code": notes_count(conn),
        "references": sum(relations.values()),
        "references_by_relation": relations,
        "references_by_target": statuses,
        "facts": q("SELECT COUNT(*) FROM facts").fetchone()[0],
        "failed_sources": failed,
    }


def article_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many articles (Điều) each document has."""
    return {
        r[0]: r[1]
        for r in conn.execute("SELECT doc_id, COUNT(*) FROM units WHERE kind = 'dieu' GROUP BY doc_id")
    }


def cached_findings(conn: sqlite3.Connection, key: str) -> bytes | None:
    try:
        row = conn.execute("SELECT payload FROM findings_cache WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError:  # a store built before the cache existed: nothing kept yet
        return None
    return bytes(row["payload"]) if row else None


def users(conn: sqlite3.Connection) -> list[dict[str, object]]:
    """Accounts, without their password hashes."""
    return [
        {"name": r["name"], "role": r["role"], "created_at": r["created_at"], "active": bool(r["active"])}
        for r in conn.execute("SELECT name, role, created_at, active FROM users ORDER BY name")
    ]


def user_secret(conn: sqlite3.Connection, name: str) -> tuple[str, str] | None:
    """An active account's (role, password hash)."""
    r = conn.execute(
        "SELECT role, password_hash FROM users WHERE name = ? AND active = 1", (name,)
    ).fetchone()
    return (r["role"], r["password_hash"]) if r is not None else None


def decision_history(conn: sqlite3.Connection, finding_id: str | None = None) -> list[dict[str, object]]:
    sql = "SELECT * FROM decision_history"
    rows = (
        conn.execute(sql + " WHERE finding_id = ? ORDER BY seq", (finding_id,))
        if finding_id
        else conn.execute(sql + " ORDER BY seq")
    )
    return [{k: r[k] for k in r.keys()} for r in rows]


def assignments(conn: sqlite3.Connection) -> dict[str, dict[str, object]]:
    return {r["finding_id"]: {k: r[k] for k in r.keys()} for r in conn.execute("SELECT * FROM assignments")}
