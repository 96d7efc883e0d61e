"""National scale: a synthetic corpus of N documents made from the real ones in corpus/, and what every stage
costs at each size, with the growth from one size to the next (per document: 1.0 is linear).

The synthetic corpus is renumbered copies ("replicas") of the text sources of corpus/ (the vbpl.vn pages and
the local Markdown exports; PDF and DOCX are left out because their numbers cannot be rewritten in place). In
replica k every number of a corpus document (``45/2019/QH14``) becomes ``45+1000k`` with the same year and
symbol (``1045/2019/QH14``) wherever it is written, in the document itself and in every document citing it, so
each replica is a corpus of central and local documents citing and amending each other as the real one does;
numbers of documents outside the corpus are left as they are (each replica cites the same outside laws).

For each size it measures, in CPU seconds of this process and its (joined) workers:

- ``review build`` with tantivy (jobs 1): per document, documents per CPU-second, store and index size;
- the Whoosh index of the same store, from scratch;
- the graph (``Corpus.graph``), the status of every node of it on one date, the findings (computed, then
  from the findings cache);
- search p50/p95 of both engines (benchmarks.build_bench.search_latency);
- peak memory (ru_maxrss) after each step; each size runs in its own process, so peaks do not carry over.

With ``--dask`` the smallest size is also built on a Dask ``LocalCluster`` of 2 worker processes, and compared
(wall clock, and the stored documents and units) with the serial build.

    python -m benchmarks.scale_bench --sizes 1000 10000 --out bench-results/scale.json [--dask]
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_GLOBS = ("vbpl/*.html", "local/*.md")
AT = "2026-11-27"


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, kids) / 1024, 1)  # kilobytes on Linux


def _size_mb(paths) -> float:
    return round(sum(f.stat().st_size for f in paths if f.is_file()) / 1e6, 2)


def seed_files(corpus: Path) -> list[Path]:
    return sorted(p for g in SEED_GLOBS for p in corpus.glob(g))


def corpus_numbers(seeds: list[Path]) -> set[str]:
    """The normalised numbers of the seed documents (what a replica renumbers)."""
    from review import parse

    numbers = set()
    for path in seeds:
        for doc in parse(path):
            if doc.number:
                numbers.add(doc.number)
    return numbers


def renumber(text: str, numbers: set[str], k: int) -> str:
    """``text`` with every corpus document number moved to replica ``k``."""
    from review.text.numbers import NUMBER_RE, normalize_number

    def sub(m: re.Match[str]) -> str:
        raw = m.group(0)
        if normalize_number(raw) not in numbers:
            return raw
        return re.sub(r"^\d+", lambda d: str(int(d.group(0)) + 1000 * k), raw, count=1)

    return NUMBER_RE.sub(sub, text)


def generate(size: int, out: Path, seeds: list[Path], numbers: set[str]) -> int:
    """Write ``size`` synthetic source files under ``out`` (replica 0 is the seeds as they are)."""
    texts = [(p, p.read_text(encoding="utf-8")) for p in seeds]
    written = 0
    k = 0
    while written < size:
        folder = out / f"r{k:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        for path, text in texts:
            if written >= size:
                break
            (folder / path.name).write_text(text if k == 0 else renumber(text, numbers, k), encoding="utf-8")
            written += 1
        k += 1
    return written


def _timed(fn):
    cpu, wall = _cpu(), time.perf_counter()
    value = fn()
    return value, round(_cpu() - cpu, 2), round(time.perf_counter() - wall, 2)


def measure_size(size: int, seeds_corpus: Path, dask: bool = False, say=print) -> dict:
    """Everything at one size (run in its own process by ``main``)."""
    import review
    from benchmarks.build_bench import search_latency
    from review import build
    from review.search import update_index
    from review.store import Store

    work = Path(tempfile.mkdtemp(prefix=f"review-scale-{size}-"))
    try:
        seeds = seed_files(seeds_corpus)
        say(f"[{size}] generating from {len(seeds)} seed files …")
        numbers = corpus_numbers(seeds)
        sources = work / "sources"
        files = generate(size, sources, seeds, numbers)
        out: dict = {"size": size, "source_files": files, "source_mb": _size_mb(sources.rglob("*"))}
        target = work / "corpus"
        say(f"[{size}] build (tantivy, jobs 1) …")
        report, cpu, wall = _timed(lambda: build([sources], target, jobs=1, engines=("tantivy",)))
        docs = report.summary["documents"]
        out["documents"] = docs
        out["units"] = report.summary["units"]
        out["build_tantivy"] = {
            "cpu_seconds": cpu,
            "wall_seconds": wall,
            "ms_per_document": round(1000 * cpu / docs, 1),
            "documents_per_cpu_second": round(docs / cpu, 2),
            "peak_mb": _peak_mb(),
        }
        out["store_mb"] = _size_mb(target.glob("review.sqlite*"))
        out["tantivy_index_mb"] = _size_mb(target.glob("search-tantivy*/**/*"))
        say(f"[{size}] whoosh index …")
        store = Store.create(target)
        try:
            snapshot = store.snapshot()
            _, cpu, wall = _timed(lambda: update_index(target, "whoosh", snapshot, rebuild=True))
        finally:
            store.close()
        out["index_whoosh"] = {
            "cpu_seconds": cpu,
            "wall_seconds": wall,
            "ms_per_document": round(1000 * cpu / docs, 1),
            "peak_mb": _peak_mb(),
        }
        out["whoosh_index_mb"] = _size_mb(target.glob("search-whoosh*/**/*"))
        with review.open_corpus(target) as c:
            say(f"[{size}] graph, statuses, findings …")
            graph, cpu, wall = _timed(lambda: c.graph)
            out["graph"] = {
                "nodes": graph.number_of_nodes(),
                "edges": graph.number_of_edges(),
                "cpu_seconds": cpu,
                "peak_mb": _peak_mb(),
            }
            view = c.graph_view

            def statuses() -> int:
                for node in graph.nodes:
                    view.status(node, AT)
                return graph.number_of_nodes()

            _, cpu, wall = _timed(statuses)
            out["status_every_node"] = {
                "nodes": graph.number_of_nodes(),
                "cpu_seconds": cpu,
                "us_per_node": round(1e6 * cpu / max(1, graph.number_of_nodes()), 1),
                "peak_mb": _peak_mb(),
            }
            found, cpu, wall = _timed(lambda: c.findings(AT))
            _, cached, _ = _timed(lambda: c.findings(AT))
            out["findings"] = {
                "findings": len(found),
                "cpu_seconds": cpu,
                "cached_cpu_seconds": cached,
                "peak_mb": _peak_mb(),
            }
        say(f"[{size}] search latency …")
        for engine in ("tantivy", "whoosh"):
            out[f"search_{engine}"] = search_latency(target, engine)
        if dask:
            out["dask"] = dask_vs_serial(
                sources, work, wall_serial=out["build_tantivy"]["wall_seconds"], say=say
            )
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def dask_vs_serial(sources: Path, work: Path, wall_serial: float, say=print) -> dict:
    """The same build on a LocalCluster of 2 worker processes (one thread each), against the serial build."""
    from dask.distributed import LocalCluster

    from review import build
    from review.store import Store

    say("  dask build (LocalCluster, 2 workers) …")
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        target = work / "corpus-dask"
        _, _cpu_here, wall = _timed(
            lambda: build([sources], target, engines=(), dask=cluster.scheduler_address)
        )
    finally:
        cluster.close()

    def rows(folder: Path) -> tuple[int, int]:
        store = Store.create(folder)
        try:
            summary = store.summary()
        finally:
            store.close()
        return summary["documents"], summary["units"]

    return {
        "workers": 2,
        "wall_seconds": wall,
        "serial_wall_seconds": wall_serial,
        "speedup_wall": round(wall_serial / wall, 2) if wall else None,
        "note": "the serial wall time includes the tantivy index; the Dask build writes no index",
        "same_documents_and_units": rows(target) == rows(work / "corpus"),
    }


def growth(results: list[dict]) -> list[dict]:
    """Per-document cost at each size over the previous size's (1.0: linear; above 1: super-linear)."""
    keys = {
        "build": ("build_tantivy", "cpu_seconds"),
        "whoosh_index": ("index_whoosh", "cpu_seconds"),
        "graph": ("graph", "cpu_seconds"),
        "status_every_node": ("status_every_node", "cpu_seconds"),
        "findings": ("findings", "cpu_seconds"),
        "store_mb": ("store_mb", None),
        "tantivy_index_mb": ("tantivy_index_mb", None),
        "whoosh_index_mb": ("whoosh_index_mb", None),
    }
    rows = []
    for a, b in itertools.pairwise(results):
        row: dict = {
            "from": a["size"],
            "to": b["size"],
            "size_ratio": round(b["documents"] / a["documents"], 2),
        }
        for name, (k, sub) in keys.items():
            va = a[k][sub] if sub else a[k]
            vb = b[k][sub] if sub else b[k]
            per_a, per_b = va / a["documents"], vb / b["documents"]
            row[f"{name}_per_document_ratio"] = round(per_b / per_a, 2) if per_a else None
        for engine in ("tantivy", "whoosh"):
            row[f"search_{engine}_p95_ratio"] = round(
                b[f"search_{engine}"]["p95_ms"] / max(a[f"search_{engine}"]["p95_ms"], 0.01), 2
            )
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000])
    ap.add_argument("--seeds", default=str(ROOT / "corpus"), help="the real corpus the copies are made from")
    ap.add_argument("--dask", action="store_true", help="also build the smallest size on a LocalCluster")
    ap.add_argument("--out", default=None)
    ap.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)  # one size, in this process
    args = ap.parse_args(argv)
    say = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    if args.one is not None:
        print(json.dumps(measure_size(args.one, Path(args.seeds), args.dask, say), ensure_ascii=False))
        return 0
    results: list[dict] = []
    text = ""
    for i, size in enumerate(sorted(args.sizes)):
        cmd = [sys.executable, "-m", "benchmarks.scale_bench", "--one", str(size), "--seeds", args.seeds]
        if args.dask and i == 0:
            cmd.append("--dask")
        done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        say(f"[{size}] done: {json.dumps(results[-1]['build_tantivy'])}")
        # Written after every size, so a run stopped at a large size keeps the smaller ones.
        text = json.dumps({"sizes": results, "growth": growth(results)}, ensure_ascii=False, indent=2)
        if args.out:
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
