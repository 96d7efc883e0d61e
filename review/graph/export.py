"""Exports of the graph: GraphML, GEXF, node-link JSON and CSV edge lists, written aside and then swapped in."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from pathlib import Path

import networkx as nx

from review.errors import UsageError

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
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
    os.close(fd)
    try:
        if fmt == "graphml":
            nx.write_graphml(_plain(g), tmp)
        elif fmt == "gexf":
            nx.write_gexf(_plain(g), tmp)
        elif fmt == "json":
            data = nx.node_link_data(g, edges="links")
            Path(tmp).write_text(json.dumps(data, ensure_ascii=False, default=list), encoding="utf-8")
        else:
            with open(tmp, "w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh)
                w.writerow(_EDGE_FIELDS)
                for u, v, k, a in g.edges(keys=True, data=True):
                    w.writerow([u, v, k, *(a.get(f) for f in _EDGE_FIELDS[3:])])
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
