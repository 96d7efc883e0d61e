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


QUERIES = (
    "đất đai",
    "thuế",
    "lao động",
    "hợp đồng lao động",
    "xử phạt vi phạm hành chính",
    '"người lao động"',
    "bảo hiểm xã hội",
    "giấy phép",
    "dat dai",
    "thu tuc hanh chinh",
    "ủy ban nhân dân",
    "45/2019/QH14",
    "phí lệ phí",
    "an toàn vệ sinh",
    "doanh nghiệp",
    "hiệu lực thi hành",
    "quy hoạch",
    "môi trường",
    "tiền lương",
    "kiểm tra",
)


def search_latency(corpus: Path, engine: str, passes: int = 3) -> dict:
    """p50/p95 of engine searches (top 10) over QUERIES on a built corpus, after one warm-up pass."""
    from review.search import open_engine
    from review.search.engine import Filters
    from review.search.query import parse_query

    eng = open_engine(corpus, engine)
    try:
        parsed = [parse_query(q) for q in QUERIES]
        for q in parsed:
            eng.search(q, Filters(), 10)
        times = []
        for _ in range(passes):
            for q in parsed:
                t = time.perf_counter()
                eng.search(q, Filters(), 10)
                times.append((time.perf_counter() - t) * 1000)
    finally:
        eng.close()
    times.sort()
    return {
        "queries": len(QUERIES) * passes,
        "p50_ms": round(times[len(times) // 2], 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
    }


def one_build(sources: list[Path], engines: tuple[str, ...], jobs: int) -> dict:
    from review import build

    target = Path(tempfile.mkdtemp(prefix="review-bench-build-"))
    try:
        cpu, wall = _cpu(), time.perf_counter()
        report = build(sources, target, jobs=jobs, engines=engines)
        cpu, wall = _cpu() - cpu, time.perf_counter() - wall
        docs = report.summary["documents"]
        index_bytes = sum(f.stat().st_size for f in target.glob("search-*/**/*") if f.is_file())
        out = {
            "engines": list(engines),
            "jobs": jobs,
            "documents": docs,
            "units": report.summary["units"],
            "wall_seconds": round(wall, 2),
            "cpu_seconds": round(cpu, 2),
            "documents_per_cpu_second": round(docs / cpu, 2) if cpu else None,
            "index_mb": round(index_bytes / 1e6, 2),
            "store_mb": round(sum(f.stat().st_size for f in target.glob("review.sqlite*")) / 1e6, 2),
        }
        for engine in engines:
            out[f"search_{engine}"] = search_latency(target, engine)
        return out
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
    jobs_out = {"1": out["tantivy"]}
    for jobs in jobs_list:
        if str(jobs) not in jobs_out:
            say(f"  build tantivy (jobs {jobs}) …")
            jobs_out[str(jobs)] = one_build(sources, ("tantivy",), jobs)
    first = jobs_out[str(jobs_list[0])]["wall_seconds"]
    out["jobs"] = {
        k: {"wall_seconds": r["wall_seconds"], "speedup_wall": round(first / r["wall_seconds"], 2)}
        for k, r in jobs_out.items()
    }
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
