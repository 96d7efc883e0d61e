"""Questions reviewers ask of the graph: what a node rests on, what rests on it, and how a unit changed.

``deps`` follows relation edges forward from a document (all its units) or a unit (and the units under it);
``impact`` follows them backward ("what rests on this decree if it is replaced?"), down to the citing units,
then from the citing documents on, to the given depth. ``history`` lists the acts on a unit (or its document)
as a dated timeline with the amending words.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from review.graph.build import CONTAINS
from review.graph.timeline import Timelines
from review.models import Reason
from review.store import CorpusSnapshot


@dataclass(frozen=True)
class Link:
    """One relation edge met on a walk: ``source`` (citing node) → ``target`` (cited node), at ``depth``."""

    source: str
    target: str
    relation: str
    depth: int
    text: str
    doc: str
    unit: str | None
    effective: str | None

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "target": self.target,
            "relation": self.relation,
            "depth": self.depth,
            "text": self.text,
            "doc": self.doc,
            "unit": self.unit,
            "effective": self.effective,
        }


_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _edges_by_doc(g: nx.MultiDiGraph, forward: bool) -> dict[str, list[tuple]]:
    """Relation edges grouped by the document of their source (forward) or target (backward), built once per
    graph: a walk from a document then reads one list instead of visiting each of its units."""
    per_graph = _INDEXES.setdefault(g, {})
    if forward not in per_graph:
        index: dict[str, list[tuple]] = defaultdict(list)
        for u, v, rel, a in g.edges(keys=True, data=True):
            if rel != CONTAINS:
                index[(u if forward else v).partition("#")[0]].append((u, v, rel, a))
        per_graph[forward] = index
    return per_graph[forward]


def _walk(
    g: nx.MultiDiGraph, node: str, depth: int, relations: Iterable[str] | None, forward: bool
) -> list[Link]:
    if node not in g:
        return []
    wanted = set(relations) if relations else None
    index = _edges_by_doc(g, forward)
    links: list[Link] = []
    seen_nodes = {node}
    frontier = [node]
    for level in range(1, depth + 1):
        nxt: list[str] = []
        for start in frontier:
            doc, sep, _ = start.partition("#")
            for u, v, rel, a in index.get(doc, ()):
                if wanted and rel not in wanted:
                    continue
                near, other = (u, v) if forward else (v, u)
                if sep and near != start and not near.startswith(start + "__"):
                    continue  # from a unit: only edges at it or at a unit under it
                if other.partition("#")[0] == node.partition("#")[0]:
                    continue  # a document's references to itself are not dependencies
                links.append(
                    Link(u, v, rel, level, a.get("text", ""), a.get("doc"), a.get("unit"), a.get("effective"))
                )
                # Go on from the cited node (forward) or the citing document (backward: what rests on the
                # citing document rests, through it, on the start).
                step = other if forward else other.partition("#")[0]
                if step not in seen_nodes:
                    seen_nodes.add(step)
                    nxt.append(step)
        frontier = nxt
        if not frontier:
            break
    return links


def deps(g: nx.MultiDiGraph, node: str, depth: int = 1, relations: Iterable[str] | None = None) -> list[Link]:
    """What ``node`` rests on: legal basis, cited and amended provisions …, transitively to ``depth``."""
    return _walk(g, node, depth, relations, forward=True)


def impact(
    g: nx.MultiDiGraph, node: str, depth: int = 1, relations: Iterable[str] | None = None
) -> list[Link]:
    """What rests on ``node`` (or on a unit under it): the citing units, then what rests on their documents."""
    return _walk(g, node, depth, relations, forward=False)


@dataclass(frozen=True)
class HistoryEntry:
    date: str | None
    node: str  # the unit (or document) acted on
    kind: str  # amended, unit_amended, unit_repealed, replaced, repealed, suspended, expiry_clause, effective
    relation: str | None
    doc: str | None  # the acting document
    unit: str | None  # the acting unit
    text: str | None  # the reference's words
    amending_text: str | None  # the acting unit's text: the instruction and the new wording it quotes
    estimated: bool = False

    def to_dict(self) -> dict:
        return {
            "date": self.date,
            "node": self.node,
            "kind": self.kind,
            "relation": self.relation,
            "doc": self.doc,
            "unit": self.unit,
            "text": self.text,
            "amending_text": self.amending_text,
            "estimated": self.estimated,
        }


def history(tl: Timelines, snapshot: CorpusSnapshot, node: str) -> list[HistoryEntry]:
    """Every act on ``node`` and on the units under it, oldest first, with the amending unit's text."""
    doc, sep, eid = node.partition("#")
    entries: list[tuple[str, Reason]] = []
    info = tl.docs.get(doc)
    if info and info.effective_reason and not sep:
        entries.append((doc, info.effective_reason))
    for table in (tl.ends, tl.amended, tl.suspensions):
        for n, reasons in list(table.items()):
            d, s, e = n.partition("#")
            if d != doc:
                continue
            if sep and not (s and (e == eid or e.startswith(eid + "__") or eid in tl.ancestors(doc, e)[1:])):
                continue
            entries.extend((n, r) for r in reasons)
    out = []
    for n, r in entries:
        amending = None
        if r.doc and r.unit and r.kind != "effective":
            amending = snapshot.unit_text(r.doc, r.unit) or None
        out.append(HistoryEntry(r.date, n, r.kind, r.relation, r.doc, r.unit, r.text, amending, r.estimated))
    out.sort(key=lambda h: (h.date or "9999", h.node, h.doc or ""))
    return out
