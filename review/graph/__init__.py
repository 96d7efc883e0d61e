"""The citation and amendment graph, and status on any date (networkx lives here only).

``CorpusGraph`` reads a built store once: the timelines (dated facts), the status engine, and — built on first
use — the networkx MultiDiGraph. See ``timeline``, ``status``, ``build``, ``queries``, ``consolidate``,
``analytics`` and ``export``.
"""

from __future__ import annotations

from datetime import date as Date

from review.graph.status import StatusEngine, as_iso
from review.graph.timeline import Timelines, load_timelines
from review.models import Status

__all__ = ["CorpusGraph", "StatusEngine", "Timelines", "as_iso", "load_timelines"]


class CorpusGraph:
    def __init__(self, store):
        self.store = store
        # The same engine search and findings use for this store file: the timelines are read once.
        self.engine = engine_for(store)
        self.timelines = self.engine.tl
        self._graph = None

    @property
    def graph(self):
        if self._graph is None:
            from review.graph.build import build_graph

            self._graph = build_graph(self.store.conn, self.timelines)
        return self._graph

    def status(self, node: str, at: str | Date | None = None) -> Status:
        return self.engine.of(node, at)

    def statuses(self, at: str | Date | None = None) -> dict[str, Status]:
        return self.engine.documents(at)

    def in_force(self, at: str | Date | None = None) -> set[str]:
        """Documents in force (wholly or partly) on ``at``."""
        return {d for d, s in self.engine.documents(at).items() if s.status in ("in_force", "partly_expired")}

    def deps(self, node: str, depth: int = 1, relations=None):
        from review.graph.queries import deps

        return deps(self.graph, node, depth, relations)

    def impact(self, node: str, depth: int = 1, relations=None):
        from review.graph.queries import impact

        return impact(self.graph, node, depth, relations)

    def history(self, node: str):
        from review.graph.queries import history

        return history(self.timelines, self.store.conn, node)

    def text_at(self, node: str, at: str | Date | None = None):
        from review.graph.consolidate import text_at

        return text_at(self.store.conn, self.timelines, node, as_iso(at))

    def stats(self, at: str | Date | None = None, limit: int = 10) -> dict:
        from review.graph.analytics import stats

        return stats(self.store.conn, self.graph, self.engine, as_iso(at), limit)

    def export(self, path, fmt: str | None = None):
        from review.graph.export import export

        return export(self.graph, path, fmt)


_ENGINES: dict[tuple[str, int, int], StatusEngine] = {}


def engine_for(store) -> StatusEngine:
    """A status engine for a store, reused while the store file is unchanged (searches ask for it each time)."""
    import os

    st = os.stat(store.path)
    wal = f"{store.path}-wal"
    wal_m = os.stat(wal).st_mtime_ns if os.path.exists(wal) else 0
    key = (str(store.path), st.st_mtime_ns, wal_m)
    if key not in _ENGINES:
        _ENGINES.clear()
        _ENGINES[key] = StatusEngine(load_timelines(store.conn))
    return _ENGINES[key]
