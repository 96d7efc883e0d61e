"""Build speed: documents per CPU-second of ``review build`` with each engine and without an index, and the
speed-up of ``--jobs``.

CPU time counts this process and its (joined) worker processes, so it is the same measure whatever ``--jobs``
is. The index overhead is (CPU of a build with the index) / (CPU of a build without it) − 1.

    python -m benchmarks.build_bench --sources corpus --out bench-results/build.json
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def one_build(sources: list[Path], engines: tuple[str, ...], jobs: int) -> dict:
    from review import build

    target = Path(tempfile.mkdtemp(prefix="review-bench-build-"))
    try:
        cpu, wall = _cpu(), time.perf_counter()
        report = build(sources, target, jobs=jobs, engines=engines)
        cpu, wall = _cpu() - cpu, time.perf_counter() - wall
        docs = report.summary["documents"]
        index_bytes = sum(f.stat().st_size for f in target.glob("search-*/**/*") if f.is_file())
        return {
            "engines": list(engines),
            "jobs": jobs,
            "documents": docs,
            "units": report.summary["units"],
            "wall_seconds": round(wall, 2),
            "cpu_seconds": round(cpu, 2),
            "documents_per_cpu_second": round(docs / cpu, 2) if cpu else None,
            "index_mb": round(index_bytes / 1e6, 2),
        }
    finally:
        shutil.rmtree(target, ignore_errors=True)


def measure(sources: list[Path], jobs_list: tuple[int, ...] = (1, 2), say=print) -> dict:
    out: dict = {"sources": [str(s) for s in sources]}
    for label, engines in (("no_index", ()), ("tantivy", ("tantivy",)), ("whoosh", ("whoosh",))):
        say(f"  build {label} (jobs 1) …")
        out[label] = one_build(sources, engines, 1)
    base = out["no_index"]["cpu_seconds"]
    for label in ("tantivy", "whoosh"):
        out[label]["index_overhead"] = round(out[label]["cpu_seconds"] / base - 1, 2)
    out["whoosh_over_tantivy_cpu"] = round(out["whoosh"]["cpu_seconds"] / out["tantivy"]["cpu_seconds"], 2)
    from review import defaults

    jobs_out = {}
    for jobs in jobs_list:
        say(f"  build {defaults.SEARCH_ENGINE} (jobs {jobs}) …")
        jobs_out[str(jobs)] = one_build(sources, (defaults.SEARCH_ENGINE,), jobs)
    first = jobs_out[str(jobs_list[0])]["wall_seconds"]
    for r in jobs_out.values():
        r["speedup_wall"] = round(first / r["wall_seconds"], 2)
    out["jobs"] = jobs_out
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", nargs="+", default=["corpus"])
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    result = measure([Path(s) for s in args.sources], say=lambda m: print(m, file=sys.stderr))
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
