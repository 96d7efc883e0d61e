"""Graph figures on the full vbpl + Bộ pháp điển sets in ../shared: build time and memory, status of every
node, impact queries.

- the store is built once into a temporary folder (incremental afterwards; its build time is not a graph figure);
- baseline, same run: reading the rows the graph is made of (units and references) with plain SQL;
- timelines (dated facts) and the networkx graph: seconds, and the growth of the process's peak RSS;
- status on one date of every document and every unit node;
- impact (depth 1 and 2) of the 20 most relied-on documents: p50, p95 and max.

Goals (issue 5): build ≤ 30 s, all statuses ≤ 10 s, one impact query ≤ 200 ms.

Run: python -m benchmarks.graph_bench [--corpus DIR] [--out bench-results/graph.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.shared import PHAPDIEN_ALL, require, vbpl_pages

AT = "2026-04-26"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(Path(tempfile.gettempdir()) / "review-bench-full"))
    ap.add_argument("--out", default="bench-results/graph.json")
    args = ap.parse_args(argv)
    folder, phapdien = vbpl_pages(), require(PHAPDIEN_ALL)
    if folder is None or phapdien is None:
        return 0
    from review.build import build
    from review.graph.build import build_graph
    from review.graph.queries import _edges_by_doc, impact
    from review.graph.status import StatusEngine
    from review.graph.timeline import load_timelines
    from review.store import Store

    t0 = time.perf_counter()
    report = build([folder, phapdien], args.corpus, engines=(), jobs=2)
    store_seconds = time.perf_counter() - t0
    store = Store.open(args.corpus)
    summary = store.summary()

    rss0 = _rss_mb()
    # The baseline: reading the rows the graph is made of (the snapshot with every unit) from the store.
    t0 = time.perf_counter()
    snapshot = store.snapshot()
    n_units = sum(1 for _ in snapshot.all_units())
    n_refs = sum(1 for r in snapshot.references if r.target.doc is not None)
    baseline = time.perf_counter() - t0

    t0 = time.perf_counter()
    tl = load_timelines(snapshot)
    timelines_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    g = build_graph(snapshot, tl)
    graph_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    _edges_by_doc(g, True), _edges_by_doc(g, False)  # the walk indexes, built on a graph's first query
    index_seconds = time.perf_counter() - t0
    rss1 = _rss_mb()

    engine = StatusEngine(tl)
    t0 = time.perf_counter()
    docs = engine.documents(AT)
    unit_nodes = [n for n, a in g.nodes(data=True) if a.get("node_type") == "unit" and a.get("in_corpus")]
    unit_status = [engine.of(n, AT) for n in unit_nodes]
    status_seconds = time.perf_counter() - t0

    from review.graph.analytics import most_relied

    top = [r["node"] for r in most_relied(g, limit=20)]
    timings: dict[int, list[float]] = {1: [], 2: []}
    sizes: dict[int, list[int]] = {1: [], 2: []}
    for depth in (1, 2):
        for node in top:
            t0 = time.perf_counter()
            links = impact(g, node, depth)
            timings[depth].append((time.perf_counter() - t0) * 1000)
            sizes[depth].append(len(links))

    def pct(values: list[float], q: int) -> float:
        return (
            round(statistics.quantiles(values, n=100)[q - 1], 2) if len(values) > 1 else round(values[0], 2)
        )

    out = {
        "sets": ["vbpl-vn-2026/html_all.tar.gz", f"phapdien-2023/{phapdien.name}"],
        "store_build_seconds": round(store_seconds, 1),
        "store_build": {"parsed": len(report.parsed), "skipped_unchanged": len(report.skipped)},
        "documents": summary["documents"],
        "units": n_units,
        "references": n_refs,
        "baseline_sql_read_seconds": round(baseline, 2),
        "timelines_seconds": round(timelines_seconds, 2),
        "graph_seconds": round(graph_seconds, 2),
        "query_index_seconds": round(index_seconds, 2),
        "build_total_seconds": round(timelines_seconds + graph_seconds + index_seconds, 2),
        "build_ratio_to_sql_read": round(
            (timelines_seconds + graph_seconds + index_seconds) / max(baseline, 1e-6), 1
        ),
        "graph_nodes": g.number_of_nodes(),
        "graph_edges": g.number_of_edges(),
        "peak_rss_growth_mb": round(rss1 - rss0, 1),
        "peak_rss_mb": round(rss1, 1),
        "status_at": AT,
        "status_all_nodes_seconds": round(status_seconds, 2),
        "status_nodes": len(docs) + len(unit_status),
        "impact_ms": {
            f"depth_{d}": {
                "p50": pct(timings[d], 50),
                "p95": pct(timings[d], 95),
                "max": round(max(timings[d]), 2),
                "links_median": statistics.median(sizes[d]),
            }
            for d in (1, 2)
        },
        "impact_of": top[:5],
        "goals": {"build_s": 30, "all_statuses_s": 10, "impact_ms": 200},
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
