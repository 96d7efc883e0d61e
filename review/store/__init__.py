"""The store: one SQLite file, the single source of truth for documents, units, references, facts and reviewers'
decisions. SQL lives in this package only (``schema``, ``write``, ``read``); every other stage reads the models
it returns, mostly through one frozen ``CorpusSnapshot`` per store version.

Writes happen in one transaction per build, so a crash mid-build leaves the previous store as it was (SQLite's
journal is the "write aside, then swap"); WAL mode lets readers keep reading the previous state meanwhile.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from review import defaults
from review.errors import StoreError, StoreNotFound
from review.models import (
    DecisionRecord,
    Document,
    DocumentRecord,
    Fact,
    Reference,
    Resolution,
    StoredReference,
    UnitRecord,
)
from review.store import mergers, read, write
from review.store.read import SourceState
from review.store.schema import SCHEMA_VERSION, check_readable, ensure_schema
from review.store.snapshot import CorpusSnapshot, MemoryUnits, UnitSource

__all__ = ["SCHEMA_VERSION", "CorpusSnapshot", "MemoryUnits", "SourceState", "Store", "UnitSource"]

BUILD_VERSION = "build_version"  # meta key: incremented by every build, so readers know to reload


class _StoreUnits:
    """A snapshot's units read from the store on demand (one document at a time, or all at once)."""

    def __init__(self, store: Store):
        self._store = store

    def units_of(self, doc_id: str) -> tuple[UnitRecord, ...]:
        with self._store.lock:
            return read.unit_records(self._store.conn, doc_id)

    def all_units(self) -> Iterator[UnitRecord]:
        with self._store.lock:
            rows = list(read.all_unit_records(self._store.conn))
        return iter(rows)


class Store:
    """Open with ``Store.open(corpus_dir)`` to read, ``Store.create(corpus_dir)`` to build."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        # One connection, used by one thread at a time (the web app reads from several).
        self.lock = threading.RLock()
        self._snapshot: CorpusSnapshot | None = None

    # --- opening -------------------------------------------------------------------------------------------

    @staticmethod
    def file_in(corpus_dir: str | Path) -> Path:
        return Path(corpus_dir) / defaults.STORE_FILE

    @classmethod
    def create(cls, corpus_dir: str | Path) -> Store:
        path = cls.file_in(corpus_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = cls._connect(path)
        ensure_schema(conn, str(path))
        return cls(path, conn)

    @classmethod
    def open(cls, corpus_dir: str | Path) -> Store:
        path = cls.file_in(corpus_dir)
        if not path.exists():
            raise StoreNotFound("no built corpus here", path=str(corpus_dir))
        conn = cls._connect(path)
        check_readable(conn, str(path))
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

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: an exception (or a crash) rolls the store back to where it was."""
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def source_states(self) -> dict[str, SourceState]:
        return read.source_states(self.conn)

    def remove_source(self, path: str) -> None:
        write.remove_source(self.conn, path)

    def put_source(
        self,
        path: str,
        sha256: str,
        size: int,
        media_type: str | None,
        documents: Iterable[write.StoredDocument],
        error: tuple[str, str] | None = None,
    ) -> int:
        """Replace everything stored from ``path`` by ``documents``. Returns how many were stored."""
        return write.put_source(self.conn, path, sha256, size, media_type, documents, error)

    def set_resolutions(self, updates: Iterable[Resolution]) -> None:
        write.set_resolutions(self.conn, updates)

    def bump_version(self) -> int:
        """Mark the corpus as changed (inside the build's transaction): readers reload their snapshot."""
        version = int(str(read.meta(self.conn, BUILD_VERSION, 0))) + 1
        write.set_meta(self.conn, BUILD_VERSION, version)
        return version

    def set_decision(
        self,
        finding_id: str,
        decision: str | None,
        note: str | None,
        evidence_hash: str,
        code: str,
        doc: str,
        by: str | None = None,
        action: str = "decide",
    ) -> None:
        """Record a decision, and in the append-only history who took it, when, and what it replaced."""
        with self.transaction():
            write.set_decision(self.conn, finding_id, decision, note, evidence_hash, code, doc, by, action)

    def add_history(self, finding_id: str, action: str, note: str | None, by: str | None) -> None:
        """A history row that changes no decision (a lead's approval or sending back)."""
        with self.transaction():
            old = self.decisions().get(finding_id)
            prev = (old.decision, old.note) if old else (None, None)
            write.add_history(self.conn, finding_id, action, prev[0], note, prev[0], prev[1], by)

    def restore_decision(
        self, finding_id: str, decision: str | None, note: str | None, by: str | None
    ) -> None:
        with self.transaction():
            write.restore_decision(self.conn, finding_id, decision, note, by)

    def put_user(self, name: str, role: str, password_hash: str) -> None:
        with self.transaction():
            write.put_user(self.conn, name, role, password_hash)

    def deactivate_user(self, name: str) -> int:
        with self.transaction():
            return write.deactivate_user(self.conn, name)

    def users(self) -> list[dict[str, object]]:
        with self.lock:
            return read.users(self.conn)

    def user_secret(self, name: str) -> tuple[str, str] | None:
        with self.lock:
            return read.user_secret(self.conn, name)

    def decision_history(self, finding_id: str | None = None) -> list[dict[str, object]]:
        with self.lock:
            return read.decision_history(self.conn, finding_id)

    def set_assignment(self, finding_id: str, assignee: str | None, due: str | None, by: str | None) -> None:
        with self.transaction():
            write.set_assignment(self.conn, finding_id, assignee, due, by)

    def assignments(self) -> dict[str, dict[str, object]]:
        with self.lock:
            return read.assignments(self.conn)

    def keep_findings(self, key: str, build: int, payload: bytes, keep: int = 8) -> bool:
        """Keep a computed list of findings (review.findings.cache); False when another process holds the store
        (a build running): the list is then only kept in memory, nothing waits."""
        with self.lock:
            self.conn.execute("PRAGMA busy_timeout = 200")
            try:
                with self.transaction():
                    write.keep_findings(self.conn, key, build, payload, keep)
            except sqlite3.OperationalError:  # locked by a build, or a read-only store
                return False
            finally:
                self.conn.execute("PRAGMA busy_timeout = 5000")
        return True

    def cached_findings(self, key: str) -> bytes | None:
        with self.lock:
            return read.cached_findings(self.conn, key)

    def build_version(self) -> int:
        """The number of the last build that changed the corpus (0 before any)."""
        return int(str(self.meta(BUILD_VERSION, 0)))

    def set_merger_decision(self, authority: str, doc: str, decision: str | None, note: str | None) -> None:
        with self.transaction():
            mergers.set_merger_decision(self.conn, authority, doc, decision, note)

    def merger_decisions(self, authority: str) -> list[dict]:
        with self.lock:
            return mergers.merger_decisions(self.conn, authority)

    def set_meta(self, key: str, value: object) -> None:
        write.set_meta(self.conn, key, value)

    # --- reading -------------------------------------------------------------------------------------------

    def meta(self, key: str, default: object = None) -> object:
        with self.lock:
            return read.meta(self.conn, key, default)

    def version(self) -> str:
        """Changes whenever a build changed the corpus."""
        return f"{self.path}:{self.meta(BUILD_VERSION, 0)}"

    def snapshot(self) -> CorpusSnapshot:
        """The corpus as data, read once per store version (see ``review.store.snapshot``)."""
        version = self.version()
        with self.lock:
            if self._snapshot is None or self._snapshot.version != version:
                self._snapshot = CorpusSnapshot(
                    version,
                    read.document_records(self.conn),
                    tuple(read.stored_references(self.conn)),
                    tuple(read.facts(self.conn)),
                    _StoreUnits(self),
                )
            return self._snapshot

    def document_ids(self) -> list[str]:
        with self.lock:
            return read.document_ids(self.conn)

    def document(self, doc_id: str) -> Document | None:
        with self.lock:
            return read.document(self.conn, doc_id)

    def documents(self) -> Iterator[Document]:
        for doc_id in self.document_ids():
            doc = self.document(doc_id)
            if doc is not None:
                yield doc

    def document_records(self) -> dict[str, DocumentRecord]:
        with self.lock:
            return read.document_records(self.conn)

    def document_record(self, doc_id: str) -> DocumentRecord | None:
        with self.lock:
            return read.document_record(self.conn, doc_id)

    def index_engines(self) -> tuple[str, ...]:
        """The search engines whose index this corpus keeps (as the last build recorded them)."""
        engines = self.meta("index_engines", [])
        return tuple(str(e) for e in engines) if isinstance(engines, list) else ()

    def number_keys(self) -> list[tuple[str, str]]:
        with self.lock:
            return read.number_keys(self.conn)

    def unit_eids(self, doc_id: str) -> frozenset[str]:
        with self.lock:
            return read.unit_eids(self.conn, doc_id)

    def stored_references(self) -> list[StoredReference]:
        with self.lock:
            return read.stored_references(self.conn)

    def references(self, doc_id: str | None = None) -> list[Reference]:
        with self.lock:
            return read.references(self.conn, doc_id)

    def facts(self, doc_id: str | None = None) -> list[Fact]:
        with self.lock:
            return read.facts(self.conn, doc_id)

    def decisions(self) -> dict[str, DecisionRecord]:
        with self.lock:
            return read.decisions(self.conn)

    def summary(self) -> dict[str, object]:
        with self.lock:
            return read.summary(self.conn)

    def article_counts(self) -> dict[str, int]:
        with self.lock:
            return read.article_counts(self.conn)
