"""Exports of the graph: GraphML, GEXF, node-link JSON and CSV edge lists, written aside and then swapped in."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx

from review.errors import UsageError
from review.files import write_atomic

FORMATS = ("graphml", "gexf", "json", "csv")
_EDGE_FIELDS = (
    "source",
    "target",
    "relation",
    "doc",
    "unit",
    "part",
    "start",
    "end",
    "text",
    "rule",
    "effective",
)


def _plain(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML and GEXF take only strings, numbers and booleans: None becomes "" and sets become lists."""
    h = nx.MultiDiGraph()
    for n, a in g.nodes(data=True):
        h.add_node(n, **{k: ("" if v is None else v) for k, v in a.items()})
    for u, v, k, a in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **{x: ("" if y is None else y) for x, y in a.items()})
    return h


def export(g: nx.MultiDiGraph, path: str | Path, fmt: str | None = None) -> Path:
    path = Path(path)
    fmt = fmt or path.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise UsageError(f"unknown graph format {fmt!r}", hint="one of " + ", ".join(FORMATS))

    def write(tmp: Path) -> None:
        if fmt == "graphml":
            nx.write_graphml(_plain(g), tmp)
        elif fmt == "gexf":
            nx.write_gexf(_plain(g), tmp)
        elif fmt == "json":
            data = nx.node_link_data(g, edges="links")
            tmp.write_text(json.dumps(data, ensure_ascii=False, default=list), encoding="utf-8")
        else:
            # A byte-order mark, so Excel shows the Vietnamese texts of the edges.
            with open(tmp, "w", newline="", encoding="utf-8-sig") as fh:
                w = csv.writer(fh)
                w.writerow(_EDGE_FIELDS)
                for u, v, k, a in g.edges(keys=True, data=True):
                    w.writerow([u, v, k, *(a.get(f) for f in _EDGE_FIELDS[3:])])

    # Written aside and moved in, with the user's umask (not tempfile's private 0600).
    return write_atomic(path, write)
