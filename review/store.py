"""The store: one SQLite file, the single source of truth for documents, units and their sources.

Writes happen in one transaction per build, so a crash mid-build leaves the previous store as it was (SQLite's
journal is the "write aside, then swap"); WAL mode lets readers keep reading the previous state meanwhile.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

from review import defaults
from review.errors import StoreError, StoreNotFound, StoreVersionError
from review.models import Document, Fact, Note, Reference, Source, Target, Unit
from review.text.numbers import number_key

SCHEMA_VERSION = 2

_SCHEMA = """
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
    number_key TEXT
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source_path);
CREATE INDEX IF NOT EXISTS documents_number ON documents(number);
CREATE INDEX IF NOT EXISTS documents_key ON documents(number_key);
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
"""


@dataclass(frozen=True)
class SourceState:
    path: str
    sha256: str
    size: int


class Store:
    """Open with ``Store.open(corpus_dir)`` to read, ``Store.create(corpus_dir)`` to build."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn

    # --- opening -------------------------------------------------------------------------------------------

    @staticmethod
    def file_in(corpus_dir: str | Path) -> Path:
        return Path(corpus_dir) / defaults.STORE_FILE

    @classmethod
    def create(cls, corpus_dir: str | Path) -> Store:
        path = cls.file_in(corpus_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = cls._connect(path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreVersionError(
                f"store schema version {version} is newer than this toolkit's ({SCHEMA_VERSION})",
                path=str(path),
                hint="upgrade the toolkit",
            )
        if 0 < version < SCHEMA_VERSION:
            # Everything stored so far is derived from the sources: an older schema is rebuilt from them.
            conn.executescript(
                "DROP TABLE IF EXISTS refs; DROP TABLE IF EXISTS facts; DROP TABLE IF EXISTS notes;"
                " DROP TABLE IF EXISTS units; DROP TABLE IF EXISTS documents; DROP TABLE IF EXISTS sources;"
            )
        conn.executescript(_SCHEMA)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return cls(path, conn)

    @classmethod
    def open(cls, corpus_dir: str | Path) -> Store:
        path = cls.file_in(corpus_dir)
        if not path.exists():
            raise StoreNotFound("no built corpus here", path=str(corpus_dir))
        conn = cls._connect(path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise StoreVersionError(
                f"store schema version {version}; this toolkit reads {SCHEMA_VERSION}",
                path=str(path),
                hint="rebuild it with review build",
            )
        return cls(path, conn)

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"not a usable store: {exc}", path=str(path)) from exc
        return conn

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: an exception (or a crash) rolls the store back to where it was."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def source_states(self) -> dict[str, SourceState]:
        rows = self.conn.execute("SELECT path, sha256, size FROM sources")
        return {r["path"]: SourceState(r["path"], r["sha256"], r["size"]) for r in rows}

    def remove_source(self, path: str) -> None:
        self.conn.execute("DELETE FROM documents WHERE source_path = ?", (path,))
        self.conn.execute("DELETE FROM sources WHERE path = ?", (path,))

    def put_source(
        self,
        path: str,
        sha256: str,
        size: int,
        media_type: str | None,
        documents: Iterable[Document],
        error: tuple[str, str] | None = None,
    ) -> int:
        """Replace everything stored from ``path`` by ``documents``. Returns how many were stored."""
        self.remove_source(path)
        self.conn.execute(
            "INSERT INTO sources(path, sha256, media_type, size, error_code, error) VALUES (?,?,?,?,?,?)",
            (path, sha256, media_type, size, error[0] if error else None, error[1] if error else None),
        )
        count = 0
        for item in documents:
            doc, refs, facts = item if isinstance(item, tuple) else (item, [], [])
            self._put_document(doc, path)
            self._put_annotations(doc.id, refs, facts)
            count += 1
        self.conn.execute("UPDATE sources SET documents = ? WHERE path = ?", (count, path))
        return count

    def _put_document(self, doc: Document, path: str) -> None:
        # A later source that holds the same document (same id) replaces the earlier one.
        self.conn.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
        self.conn.execute(
            "INSERT INTO documents(id, source_path, source_record, source_sha256, media_type, number, type, issuer,"
            " title, issued, effective, language, place, stated_status, stated_effective, preamble, body, number_key)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
            ),
        )
        rows = []

        def collect(units: tuple[Unit, ...], parent: str | None) -> None:
            for unit in units:
                rows.append(
                    (
                        doc.id,
                        unit.eid,
                        parent,
                        len(rows),
                        unit.kind,
                        unit.num,
                        unit.heading,
                        unit.text,
                        unit.page,
                        unit.note,
                    )
                )
                collect(unit.children, unit.eid)

        collect(doc.units, None)
        self.conn.executemany(
            "INSERT INTO units(doc_id, eid, parent_eid, ord, kind, num, heading, text, page, note)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        self.conn.executemany(
            "INSERT INTO notes(doc_id, code, message, eid, line) VALUES (?,?,?,?,?)",
            [(doc.id, n.code, n.message, n.eid, n.line) for n in doc.notes],
        )

    def _put_annotations(self, doc_id: str, refs: list[Reference], facts: list[Fact]) -> None:
        self.conn.executemany(
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
        self.conn.executemany(
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

    def resolve_references(self) -> dict[str, int]:
        """Mark every reference's target present / external / unknown in this corpus and list the addressed
        units a present target lacks (dangling). Run after each build: a new document changes others' links."""
        q = self.conn.execute
        ids = {
            r["number_key"]: r["id"]
            for r in q("SELECT id, number_key FROM documents WHERE number_key IS NOT NULL")
        }
        ids.update({r["id"]: r["id"] for r in q("SELECT id FROM documents")})
        units_cache: dict[str, frozenset[str]] = {}

        def units_of(doc_id: str) -> frozenset[str]:
            if doc_id not in units_cache:
                units_cache[doc_id] = frozenset(
                    r[0] for r in q("SELECT eid FROM units WHERE doc_id = ?", (doc_id,))
                )
            return units_cache[doc_id]

        gazetteer = self._corpus_gazetteer()
        counts = {"present": 0, "external": 0, "unknown": 0, "dangling": 0}
        updates = []
        rows = q(
            "SELECT rowid, target_doc, target_key, target_units, target_type, target_title, target_date FROM refs"
        ).fetchall()
        for row in rows:
            target_doc, target_key = row["target_doc"], row["target_key"]
            if target_doc is None and row["target_title"]:
                # Named without a number: the corpus's own laws complete the shipped gazetteer.
                name = row["target_title"].split(" ", 1)[-1] if row["target_type"] else row["target_title"]
                if row["target_type"] == "Bộ luật":
                    name = row["target_title"].removeprefix("Bộ luật ").strip()
                entry = gazetteer.lookup(row["target_type"], name, row["target_date"])
                if entry:
                    target_doc, target_key = entry["number"], number_key(entry["number"])
            if target_doc is None:
                status, doc_id, missing = "unknown", None, []
            else:
                doc_id = ids.get(target_key) or ids.get(target_doc)
                if doc_id is None:
                    status, missing = "external", []
                else:
                    have = units_of(doc_id)
                    missing = [u for u in json.loads(row["target_units"]) if u not in have]
                    status = "present"
                    counts["dangling"] += bool(missing)
            counts[status] += 1
            updates.append((status, json.dumps(missing), doc_id or target_doc, target_key, row["rowid"]))
        self.conn.executemany(
            "UPDATE refs SET status = ?, missing_units = ?, target_doc = ?, target_key = ? WHERE rowid = ?",
            updates,
        )
        return counts

    def _corpus_gazetteer(self):
        from review.annotate.resolve import Gazetteer

        rows = self.conn.execute(
            "SELECT number, type, title, issued FROM documents"
            " WHERE type IN ('Luật', 'Bộ luật', 'Pháp lệnh') AND number IS NOT NULL AND title IS NOT NULL"
        ).fetchall()
        return Gazetteer(
            {"type": r["type"], "name": r["title"], "number": r["number"], "date": r["issued"]} for r in rows
        )

    def references(self, doc_id: str | None = None) -> list[Reference]:
        sql = "SELECT * FROM refs" + (" WHERE doc_id = ?" if doc_id else "") + " ORDER BY doc_id, rowid"
        rows = self.conn.execute(sql, (doc_id,) if doc_id else ()).fetchall()
        return [
            Reference(
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
            for r in rows
        ]

    def facts(self, doc_id: str | None = None) -> list[Fact]:
        sql = "SELECT * FROM facts" + (" WHERE doc_id = ?" if doc_id else "") + " ORDER BY doc_id, rowid"
        rows = self.conn.execute(sql, (doc_id,) if doc_id else ()).fetchall()
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
            for r in rows
        ]

    def decisions(self) -> dict[str, dict]:
        rows = self.conn.execute("SELECT * FROM decisions").fetchall()
        return {r["finding_id"]: dict(r) for r in rows}

    def set_decision(
        self, finding_id: str, decision: str | None, note: str | None, evidence_hash: str, code: str, doc: str
    ) -> None:
        from datetime import datetime

        with self.transaction():
            old = self.conn.execute(
                "SELECT decision, note FROM decisions WHERE finding_id = ?", (finding_id,)
            ).fetchone()
            if old is not None and decision is None:
                decision = old["decision"]  # a note alone keeps the decision taken before
            if old is not None and note is None:
                note = old["note"]
            self.conn.execute(
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

    def set_meta(self, key: str, value: object) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, json.dumps(value)))

    # --- reading -------------------------------------------------------------------------------------------

    def meta(self, key: str, default: object = None) -> object:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return json.loads(row["value"]) if row else default

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY id")]

    def document(self, doc_id: str) -> Document | None:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return self._document_from_row(row) if row else None

    def documents(self) -> Iterator[Document]:
        for row in self.conn.execute("SELECT * FROM documents ORDER BY id").fetchall():
            yield self._document_from_row(row)

    def _document_from_row(self, row: sqlite3.Row) -> Document:
        doc_id = row["id"]
        units = self._units(doc_id)
        notes = tuple(
            Note(r["code"], r["message"], r["eid"], r["line"])
            for r in self.conn.execute("SELECT * FROM notes WHERE doc_id = ? ORDER BY rowid", (doc_id,))
        )
        return Document(
            id=doc_id,
            number=row["number"],
            type=row["type"],
            issuer=row["issuer"],
            title=row["title"],
            issued=row["issued"],
            effective=row["effective"],
            language=row["language"],
            source=Source(row["source_path"], row["source_sha256"], row["media_type"], row["source_record"]),
            units=units,
            place=row["place"],
            preamble=row["preamble"],
            stated_status=row["stated_status"],
            stated_effective=row["stated_effective"],
            notes=notes,
            body=row["body"],
        )

    def _units(self, doc_id: str) -> tuple[Unit, ...]:
        rows = self.conn.execute("SELECT * FROM units WHERE doc_id = ? ORDER BY ord", (doc_id,)).fetchall()
        children: dict[str | None, list[sqlite3.Row]] = {}
        for r in rows:
            children.setdefault(r["parent_eid"], []).append(r)

        def build(parent: str | None) -> tuple[Unit, ...]:
            return tuple(
                Unit(
                    eid=r["eid"],
                    kind=r["kind"],
                    num=r["num"],
                    heading=r["heading"],
                    text=r["text"],
                    children=build(r["eid"]),
                    page=r["page"],
                    note=r["note"],
                )
                for r in children.get(parent, [])
            )

        return build(None)

    def summary(self) -> dict[str, object]:
        """Counts for the end-of-build report: documents, units, by type and language, problems."""
        q = self.conn.execute
        by_type = {
            r[0] or "(unknown)": r[1]
            for r in q("SELECT type, COUNT(*) FROM documents GROUP BY type ORDER BY 2 DESC")
        }
        by_kind = {r[0]: r[1] for r in q("SELECT kind, COUNT(*) FROM units GROUP BY kind ORDER BY 2 DESC")}
        by_status = {
            r[0] or "(none)": r[1]
            for r in q("SELECT stated_status, COUNT(*) FROM documents GROUP BY 1 ORDER BY 2 DESC")
        }
        notes = {r[0]: r[1] for r in q("SELECT code, COUNT(*) FROM notes GROUP BY code ORDER BY 2 DESC")}
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
            "notes_by_code": notes,
            "references": sum(relations.values()),
            "references_by_relation": relations,
            "references_by_target": statuses,
            "facts": q("SELECT COUNT(*) FROM facts").fetchone()[0],
            "failed_sources": failed,
        }
