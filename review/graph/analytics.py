"""Figures over the whole graph: what is most relied on, what is broken, what is missing.

- ``most_relied``: documents (or units) by how many other documents' references point at them, and PageRank on
  the document graph;
- ``dangling``: references to units the target document (in the corpus) does not have;
- ``expired_targets``: references (other than the acts that ended them) to documents or units not in force on
  the date;
- ``undetailed_delegations``: "Chính phủ quy định chi tiết …" in a law with no corpus document that details the
  law;
- ``cycles`` (relation cycles between documents, amendments and details only) and ``communities``.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import networkx as nx

from review.graph.build import CONTAINS, document_graph
from review.graph.status import StatusEngine
from review.store import CorpusSnapshot
from review.vocab import STRUCTURAL_RELATIONS, DocType

_DELEGATION = re.compile(
    r"(?P<who>Chính\s+phủ|Thủ\s+tướng\s+Chính\s+phủ|Bộ\s+trưởng[^.;,]{0,60}?|Ủy\s+ban\s+thường\s+vụ\s+Quốc\s+hội)"
    r"\s+quy\s+định\s+chi\s+tiết(?P<what>[^.;\n]{0,80})",
)
STRUCTURAL = set(STRUCTURAL_RELATIONS)


def most_relied(g: nx.MultiDiGraph, limit: int = 20, level: str = "document") -> list[dict]:
    """Nodes by the number of distinct citing documents (not counting the node's own document)."""
    citing: dict[str, set[str]] = {}
    refs: Counter[str] = Counter()
    for u, v, rel in g.edges(keys=True):
        if rel == CONTAINS:
            continue
        src, dst_doc = u.partition("#")[0], v.partition("#")[0]
        if src == dst_doc:
            continue
        target = dst_doc if level == "document" else v
        if level == "unit" and "#" not in v:
            continue
        citing.setdefault(target, set()).add(src)
        refs[target] += 1
    dg = document_graph(g)
    rank = pagerank(dg) if level == "document" and dg.number_of_edges() else {}
    rows: list[dict[str, Any]] = [
        {
            "node": n,
            "citing_documents": len(docs),
            "references": refs[n],
            "pagerank": round(rank.get(n, 0.0), 6) if rank else None,
            "in_corpus": bool(g.nodes[n].get("in_corpus")) if n in g else False,
            "type": g.nodes[n].get("type") if n in g else None,
            "title": g.nodes[n].get("title") if n in g else None,
        }
        for n, docs in citing.items()
    ]
    rows.sort(key=lambda r: (-r["citing_documents"], -r["references"], r["node"]))
    return rows[:limit]


def pagerank(g: nx.DiGraph, alpha: float = 0.85, tol: float = 1e-9, max_iter: int = 200) -> dict[str, float]:
    """Weighted PageRank by power iteration (networkx's own needs scipy, which the toolkit does not ship)."""
    nodes = list(g)
    n = len(nodes)
    if not n:
        return {}
    out_weight = {u: sum(a.get("weight", 1) for _, _, a in g.out_edges(u, data=True)) for u in nodes}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        sink = alpha * sum(rank[u] for u in nodes if not out_weight[u]) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + sink)
        for u, v, a in g.edges(data=True):
            new[v] += alpha * rank[u] * a.get("weight", 1) / out_weight[u]
        if sum(abs(new[u] - rank[u]) for u in nodes) < tol * n:
            return new
        rank = new
    return rank


def dangling(snapshot: CorpusSnapshot) -> list[dict]:
    """References to units their (present) target document does not have."""
    return [
        {
            "doc": r.doc,
            "unit": r.unit,
            "text": r.text,
            "relation": r.relation,
            "target": r.target.doc,
            "missing": list(r.target.missing_units),
        }
        for doc in sorted(snapshot.references_by_doc)
        for r in snapshot.references_by_doc[doc]
        if r.target.status == "present" and r.target.missing_units
    ]


def expired_targets(g: nx.MultiDiGraph, engine: StatusEngine, at: str) -> list[dict]:
    """References from documents in force on ``at`` to targets that are not (expired or not yet in force)."""
    out = []
    cache: dict[str, str] = {}

    def status(node: str) -> str:
        if node not in cache:
            cache[node] = engine.of(node, at).status
        return cache[node]

    for u, v, rel, a in g.edges(keys=True, data=True):
        if rel in (CONTAINS, "repeals", "replaces", "amends", "supplements", "corrects", "suspends"):
            continue
        src_doc = u.partition("#")[0]
        if src_doc == v.partition("#")[0] or status(src_doc) not in ("in_force", "partly_expired"):
            continue
        s = status(v)
        if s in ("expired", "not_yet_in_force"):
            out.append({"source": u, "target": v, "relation": rel, "text": a.get("text"), "target_status": s})
    return out


def undetailed_delegations(snapshot: CorpusSnapshot, g: nx.MultiDiGraph) -> list[dict]:
    """Delegations to detail a law ("Chính phủ quy định chi tiết Điều này") whose law no corpus document
    details (no ``guides`` edge into the law or its units from another document)."""
    detailed: set[str] = set()
    for u, v, rel in g.edges(keys=True):
        if rel == "guides" and u.partition("#")[0] != v.partition("#")[0]:
            detailed.add(v.partition("#")[0])
    out = []
    legislative = {
        d.id for d in snapshot.documents.values() if (DocType.parse(d.type) or DocType.CONG_VAN).legislative
    }
    for doc in sorted(legislative - detailed):
        for u in snapshot.units_of(doc):
            if "quy định chi tiết" not in u.text.lower():
                continue
            for m in _DELEGATION.finditer(u.text):
                out.append({"doc": doc, "unit": u.eid, "text": m.group(0).strip(), "delegate": m["who"]})
    return out


def cycles(g: nx.MultiDiGraph, limit: int = 50, max_length: int = 4) -> list[list[str]]:
    dg = document_graph(g, STRUCTURAL)
    out = []
    for c in nx.simple_cycles(dg, length_bound=max_length):
        out.append(c)
        if len(out) >= limit:
            break
    return out


def communities(g: nx.MultiDiGraph, seed: int = 7) -> list[list[str]]:
    dg = document_graph(g).to_undirected()
    dg.remove_nodes_from([n for n in list(dg) if dg.degree(n) == 0])
    if not dg.number_of_nodes():
        return []
    groups = nx.community.louvain_communities(dg, weight="weight", seed=seed)
    return sorted((sorted(c) for c in groups), key=lambda c: (-len(c), c[0]))


def stats(
    snapshot: CorpusSnapshot, g: nx.MultiDiGraph, engine: StatusEngine, at: str, limit: int = 10
) -> dict:
    nodes = Counter(a.get("node_type") for _, a in g.nodes(data=True))
    edges = Counter(k for _, _, k in g.edges(keys=True))
    statuses = Counter(s.status for s in engine.documents(at).values())
    disagreements = [
        s.to_dict()
        for s in engine.documents(at).values()
        if s.agrees is False and g.nodes[s.id].get("in_corpus")
    ]
    groups = communities(g)
    return {
        "at": at,
        "nodes": dict(nodes),
        "documents_in_corpus": sum(
            1 for _, a in g.nodes(data=True) if a.get("node_type") == "document" and a.get("in_corpus")
        ),
        "edges": dict(edges.most_common()),
        "document_status": dict(statuses.most_common()),
        "most_relied": most_relied(g, limit),
        "dangling_references": len(dangling(snapshot)),
        "references_to_expired_targets": len(expired_targets(g, engine, at)),
        "undetailed_delegations": len(undetailed_delegations(snapshot, g)),
        "cycles": cycles(g, limit),
        "communities": {"count": len(groups), "largest": [len(c) for c in groups[:limit]]},
        "stated_status_disagreements": len(disagreements),
    }
