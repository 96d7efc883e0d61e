"""The citation graph: a networkx MultiDiGraph built from the store.

Nodes are documents (``doc_id``; in the corpus, or external with what the citations say about them) and units
(``doc_id#eid``). Edges are ``contains`` (document → its top units → their children) and one edge per
resolved reference, from the citing unit (or the document, for a reference in its title) to each unit
addressed (or the document), keyed by the relation, with the evidence: the acting document and unit, the
offsets and words, the rule, and the date the acting document takes effect.

A reference to a unit that the target document (in the corpus) does not have makes a node marked
``dangling``; "Luật này" and other whole-document references to the citing document itself are left out.
"""

from __future__ import annotations

from collections.abc import Collection

import networkx as nx

from review.graph.timeline import Timelines
from review.store import CorpusSnapshot

CONTAINS = "contains"


def unit_node(doc: str, eid: str) -> str:
    return f"{doc}#{eid}"


def build_graph(snapshot: CorpusSnapshot, timelines: Timelines) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    tl = timelines
    g.add_nodes_from(
        (
            d.id,
            {
                "node_type": "document",
                "in_corpus": d.in_corpus,
                "type": d.type,
                "issuer": d.issuer,
                "title": d.title,
                "issued": d.issued,
                "effective": d.effective,
                "stated_status": d.stated_label,
            },
        )
        for d in tl.docs.values()
    )
    units = list(snapshot.all_units())
    g.add_nodes_from(
        (
            f"{u.doc}#{u.eid}",
            {"node_type": "unit", "doc": u.doc, "kind": u.kind, "num": u.num, "in_corpus": True},
        )
        for u in units
    )
    g.add_edges_from(
        (
            u.doc if u.parent is None else f"{u.doc}#{u.parent}",
            f"{u.doc}#{u.eid}",
            CONTAINS,
            {"relation": CONTAINS},
        )
        for u in units
    )

    edges = []
    for stored in snapshot.stored:
        r = stored.reference
        if r.target.doc is None:
            continue
        units_addressed = r.target.units
        if r.target.self and not units_addressed:
            continue
        source_doc, target_doc = r.doc or "", r.target.doc
        # The title and the preamble (căn cứ) speak for the document as a whole.
        source = unit_node(source_doc, r.unit) if r.unit and r.unit != "preamble" else source_doc
        if target_doc not in g:
            g.add_node(
                target_doc,
                node_type="document",
                in_corpus=False,
                type=r.target.type,
                title=r.target.title,
                issued=r.target.date if r.target.date and len(r.target.date) == 10 else None,
            )
        missing = set(r.target.missing_units)
        attrs = {
            "relation": r.relation,
            "doc": source_doc,
            "unit": r.unit,
            "part": r.part,
            "start": r.start,
            "end": r.end,
            "text": r.text,
            "rule": r.rule,
            "effective": tl.start_of(source_doc, r.unit),
            "ref": stored.row,
        }
        for eid in units_addressed or [None]:
            target = target_doc if eid is None else unit_node(target_doc, eid)
            if target not in g:
                g.add_node(
                    target,
                    node_type="unit",
                    doc=target_doc,
                    kind=eid.rpartition("__")[2].split("_")[0] if eid else None,
                    in_corpus=False,
                    dangling=eid in missing,
                )
            edges.append((source, target, r.relation, attrs))
    g.add_edges_from(edges)
    return g


def document_graph(g: nx.MultiDiGraph, relations: Collection[str] | None = None) -> nx.DiGraph:
    """Documents only: one weighted edge per (citing document, cited document), counting references, with the
    relations seen. Self-references are left out."""
    d = nx.DiGraph()
    d.add_nodes_from((n, a) for n, a in g.nodes(data=True) if a.get("node_type") == "document")
    for u, v, rel in g.edges(keys=True):
        if rel == CONTAINS or (relations and rel not in relations):
            continue
        a, b = u.partition("#")[0], v.partition("#")[0]
        if a == b:
            continue
        if d.has_edge(a, b):
            d[a][b]["weight"] += 1
            d[a][b]["relations"].add(rel)
        else:
            d.add_edge(a, b, weight=1, relations={rel})
    return d
