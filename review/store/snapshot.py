"""One frozen view of a corpus: what every stage after the store reads.

A ``CorpusSnapshot`` holds the documents' metadata, every reference and fact, and (loaded on first use, because
they are the bulk) the units. It is a plain value: the graph, the status engine, the rules and search are
functions of it, and tests build small snapshots from records (``CorpusSnapshot.of``) instead of running a
build. ``Store.snapshot()`` gives one per store version, so everything derived from it (timelines, the status
engine, the graph) is computed once per version and kept in the snapshot's ``memo``.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol, TypeVar

from review.models import Document, DocumentRecord, Fact, Reference, StoredReference, UnitRecord
from review.store.read import assemble, tree

T = TypeVar("T")


class UnitSource(Protocol):
    """Where a snapshot gets its units: the store, or records in memory."""

    def units_of(self, doc_id: str) -> tuple[UnitRecord, ...]: ...

    def all_units(self) -> Iterator[UnitRecord]: ...


class MemoryUnits:
    """Units given as records (tests, small corpora built in memory)."""

    def __init__(self, units: Iterable[UnitRecord]):
        self._by_doc: dict[str, list[UnitRecord]] = defaultdict(list)
        for u in units:
            self._by_doc[u.doc].append(u)
        for rows in self._by_doc.values():
            rows.sort(key=lambda u: u.ord)

    def units_of(self, doc_id: str) -> tuple[UnitRecord, ...]:
        return tuple(self._by_doc.get(doc_id, ()))

    def all_units(self) -> Iterator[UnitRecord]:
        for doc in sorted(self._by_doc):
            yield from self._by_doc[doc]


@dataclass(frozen=True, eq=False)
class CorpusSnapshot:
    """A corpus as data (see the module docstring). ``stored`` holds the references with their store rows, in
    the order they were stored; ``facts`` are by document, then in order."""

    version: str
    documents: Mapping[str, DocumentRecord]
    stored: tuple[StoredReference, ...]
    facts: tuple[Fact, ...]
    units: UnitSource
    memo: dict[str, Any] = field(default_factory=dict, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    @classmethod
    def of(
        cls,
        documents: Iterable[DocumentRecord],
        units: Iterable[UnitRecord] = (),
        references: Iterable[Reference] = (),
        facts: Iterable[Fact] = (),
        version: str = "memory",
    ) -> CorpusSnapshot:
        """A snapshot from records, for tests and in-memory corpora."""
        return cls(
            version,
            {d.id: d for d in documents},
            tuple(StoredReference(i, r, None) for i, r in enumerate(references, start=1)),
            tuple(sorted(facts, key=lambda f: f.doc or "")),
            MemoryUnits(units),
        )

    @property
    def version_number(self) -> int | None:
        """The store's build number this snapshot was read at (None for a snapshot made in memory)."""
        tail = self.version.rpartition(":")[2]
        return int(tail) if tail.isdigit() else None

    # --- derived values, computed once per snapshot ----------------------------------------------------------

    def derived(self, key: str, compute: Callable[[CorpusSnapshot], T]) -> T:
        """``compute(self)``, once: later stages keep what they derive from this snapshot (timelines, the status
        engine, the graph) here, so that nothing is recomputed while the store is unchanged."""
        with self._lock:
            if key not in self.memo:
                self.memo[key] = compute(self)
            return self.memo[key]  # type: ignore[no-any-return]

    # --- units -------------------------------------------------------------------------------------------

    def units_of(self, doc_id: str) -> tuple[UnitRecord, ...]:
        """A document's units in reading order (``()`` for a document without units or not in the corpus)."""
        with self._lock:
            cache = self._unit_cache
            if doc_id not in cache:
                cache[doc_id] = self.units.units_of(doc_id) if doc_id in self.documents else ()
            return cache[doc_id]

    def all_units(self) -> Iterator[UnitRecord]:
        """Every unit, by document id, then in reading order."""
        with self._lock:
            if not self._all_loaded:
                cache = self._unit_cache
                grouped: dict[str, list[UnitRecord]] = {}
                for u in self.units.all_units():
                    grouped.setdefault(u.doc, []).append(u)
                for doc in self.documents:
                    cache[doc] = tuple(grouped.get(doc, ()))
                object.__setattr__(self, "_all_loaded_flag", True)
        for doc in sorted(self.documents):
            yield from self._unit_cache.get(doc, ())

    @cached_property
    def _unit_cache(self) -> dict[str, tuple[UnitRecord, ...]]:
        return {}

    @property
    def _all_loaded(self) -> bool:
        return bool(getattr(self, "_all_loaded_flag", False))

    def unit(self, doc_id: str, eid: str) -> UnitRecord | None:
        return self._unit_index(doc_id).get(eid)

    def unit_text(self, doc_id: str, eid: str) -> str:
        """A unit's own text ('' when there is no such unit)."""
        u = self.unit(doc_id, eid)
        return u.text if u else ""

    def unit_parents(self, doc_id: str) -> dict[str, str | None]:
        return {u.eid: u.parent for u in self.units_of(doc_id)}

    def _unit_index(self, doc_id: str) -> dict[str, UnitRecord]:
        with self._lock:
            index = self._unit_indexes
            if doc_id not in index:
                index[doc_id] = {u.eid: u for u in self.units_of(doc_id)}
            return index[doc_id]

    @cached_property
    def _unit_indexes(self) -> dict[str, dict[str, UnitRecord]]:
        return {}

    def document(self, doc_id: str) -> Document | None:
        """The document with its unit tree (notes are not part of a snapshot)."""
        record = self.documents.get(doc_id)
        return assemble(record, tree(self.units_of(doc_id))) if record else None

    # --- references and facts ----------------------------------------------------------------------------

    @cached_property
    def references(self) -> tuple[Reference, ...]:
        """Every reference, in the order they were stored."""
        return tuple(s.reference for s in self.stored)

    @cached_property
    def references_by_doc(self) -> dict[str, tuple[Reference, ...]]:
        grouped: dict[str, list[Reference]] = defaultdict(list)
        for r in self.references:
            grouped[r.doc or ""].append(r)
        return {d: tuple(rs) for d, rs in grouped.items()}

    def references_of(self, doc_id: str) -> tuple[Reference, ...]:
        return self.references_by_doc.get(doc_id, ())

    @cached_property
    def facts_by_doc(self) -> dict[str, tuple[Fact, ...]]:
        grouped: dict[str, list[Fact]] = defaultdict(list)
        for f in self.facts:
            grouped[f.doc or ""].append(f)
        return {d: tuple(fs) for d, fs in grouped.items()}
