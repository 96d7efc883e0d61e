"""The citation and amendment graph, and status on any date (networkx lives here only).

Everything here is a function of a ``CorpusSnapshot`` (review.store): the timelines (dated facts), the status
engine, and — built on first use — the networkx MultiDiGraph, each computed once per snapshot and kept in it.
``CorpusGraph`` bundles them for the API. See ``timeline``, ``status``, ``build``, ``queries``, ``consolidate``,
``analytics`` and ``export``.
"""

from __future__ import annotations

from datetime import date as Date
from typing import TYPE_CHECKING

from review.graph.status import StatusEngine, as_iso
from review.graph.timeline import Timelines, load_timelines
from review.models import Status
from review.store import CorpusSnapshot

if TYPE_CHECKING:
    import networkx as nx

    from review.graph.consolidate import Consolidated, UnitAt
    from review.graph.queries import HistoryEntry, Link

__all__ = [
    "CorpusGraph",
    "StatusEngine",
    "Timelines",
    "as_iso",
    "graph_of",
    "load_timelines",
    "status_engine",
]


def status_engine(snapshot: CorpusSnapshot) -> StatusEngine:
    """The status engine of a snapshot (its timelines are read once per snapshot)."""
    return snapshot.derived("graph.status_engine", lambda s: StatusEngine(load_timelines(s)))


def graph_of(snapshot: CorpusSnapshot) -> nx.MultiDiGraph:
    """The networkx graph of a snapshot, built once."""
    from review.graph.build import build_graph

    return snapshot.derived("graph.graph", lambda s: build_graph(s, status_engine(s).tl))


class CorpusGraph:
    """The graph questions of one snapshot: status, dependencies, impact, history, consolidation, stats."""

    def __init__(self, snapshot: CorpusSnapshot):
        self.snapshot = snapshot
        self.engine = status_engine(snapshot)
        self.timelines = self.engine.tl

    @property
    def graph(self) -> nx.MultiDiGraph:
        return graph_of(self.snapshot)

    def status(self, node: str, at: str | Date | None = None) -> Status:
        return self.engine.of(node, at)

    def statuses(self, at: str | Date | None = None) -> dict[str, Status]:
        return self.engine.documents(at)

    def in_force(self, at: str | Date | None = None) -> set[str]:
        """Documents in force (wholly or partly) on ``at``."""
        return {d for d, s in self.engine.documents(at).items() if s.status in ("in_force", "partly_expired")}

    def deps(self, node: str, depth: int = 1, relations: list[str] | None = None) -> list[Link]:
        from review.graph.queries import deps

        return deps(self.graph, node, depth, relations)

    def impact(self, node: str, depth: int = 1, relations: list[str] | None = None) -> list[Link]:
        from review.graph.queries import impact

        return impact(self.graph, node, depth, relations)

    def history(self, node: str) -> list[HistoryEntry]:
        from review.graph.queries import history

        return history(self.timelines, self.snapshot, node)

    def text_at(self, node: str, at: str | Date | None = None) -> Consolidated:
        from review.graph.consolidate import text_at

        return text_at(self.snapshot, self.timelines, node, as_iso(at))

    def units_at(self, doc: str, at: str | Date | None = None) -> list[UnitAt]:
        from review.graph.consolidate import units_at

        return units_at(self.snapshot, self.timelines, doc, as_iso(at))

    def stats(self, at: str | Date | None = None, limit: int = 10) -> dict:
        from review.graph.analytics import stats

        return stats(self.snapshot, self.graph, self.engine, as_iso(at), limit)

    def export(self, path, fmt: str | None = None):
        from review.graph.export import export

        return export(self.graph, path, fmt)
