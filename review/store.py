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
from pathlib import Path

from review import defaults
from review.errors import StoreError, StoreNotFound, StoreVersionError
from review.models import Document, Note, Source, Unit

SCHEMA_VERSION = 1

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
    preamble TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source_path);
CREATE INDEX IF NOT EXISTS documents_number ON documents(number);
CREATE TABLE IF NOT EXISTS units (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    eid TEXT NOT NULL,
    parent_eid TEXT,
    ord INTEGER NOT NULL,
    kind TEXT NOT NULL, num TEXT, heading TEXT, text TEXT NOT NULL, page INTEGER, note TEXT,
    PRIMARY KEY (doc_id, eid)
);
CREATE TABLE IF NOT EXISTS notes (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    code TEXT NOT NULL, message TEXT NOT NULL, eid TEXT, line INTEGER
);
CREATE INDEX IF NOT EXISTS notes_doc ON notes(doc_id);
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
        if version not in (0, SCHEMA_VERSION):
            raise StoreVersionError(
                f"store schema version {version}; this toolkit reads {SCHEMA_VERSION}",
                path=str(path),
                hint="rebuild it: delete the file and run review build",
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
        for doc in documents:
            self._put_document(doc, path)
            count += 1
        self.conn.execute("UPDATE sources SET documents = ? WHERE path = ?", (count, path))
        return count

    def _put_document(self, doc: Document, path: str) -> None:
        # A later source that holds the same document (same id) replaces the earlier one.
        self.conn.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
        self.conn.execute(
            "INSERT INTO documents(id, source_path, source_record, source_sha256, media_type, number, type, issuer,"
            " title, issued, effective, language, place, stated_status, stated_effective, preamble, body)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
            "failed_sources": failed,
        }
