"""Search engines side by side on the full Bộ pháp điển (74k articles) in ../shared.

Both engines index the same pre-analysed rows (review.search.analysis), so the figures compare engines, not
analysers. Reported per engine: indexing MB/s (text MB over engine time; the shared analysis is reported apart),
index size, and query latency p50/p95 by query type over 250 queries drawn deterministically from the texts
(word, two words, phrase, boolean OR/NOT, document number), top 10, one warm-up pass and three timed passes;
plus the ratio between engines. Every query's hit count must agree between engines.

Run: python -m benchmarks.search_bench [--limit N] [--out bench-results/search.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.shared import PHAPDIEN_ALL, require
from review.search.analysis import analyse
from review.search.engine import Filters, IndexRow
from review.search.query import parse_query
from review.text.numbers import NUMBER_RE


def load_rows(path: Path, limit: int | None) -> tuple[list[IndexRow], list[str], float, float]:
    rows, texts = [], []
    started = time.perf_counter()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit and i >= limit:
                break
            r = json.loads(line)
            text = f"{r['dieu']}\n{r['noidung']}"
            folded, exact = analyse(text)
            meta_f = analyse(r.get("demuc") or "")[0]
            rows.append(
                IndexRow(
                    key=f"{r['demuc_id']}#{r['mapc']}#{i}",
                    doc=r["demuc_id"],
                    unit=r["mapc"],
                    type="de_muc",
                    issuer="",
                    year=0,
                    effective=0,
                    body_folded=" ".join(folded),
                    body_exact=" ".join(exact),
                    meta_folded=" ".join(meta_f),
                )
            )
            texts.append(text)
    analysis_seconds = time.perf_counter() - started
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return rows, texts, analysis_seconds, mb


_STOP = {"và", "của", "các", "được", "có", "cho", "trong", "theo", "quy", "định", "này", "là", "với", "tại", "về",
         "người", "không", "thì", "để", "đến", "từ", "khi", "một", "những", "đã", "do", "bị", "điều", "khoản"}  # fmt: skip


def make_queries(texts: list[str], n_per_kind: int = 50, seed: int = 42) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    words = Counter()
    for t in texts[:: max(1, len(texts) // 5000)]:
        words.update(w for w in re.findall(r"[^\W\d_]{2,}", t.lower()) if w not in _STOP)
    common = [w for w, c in words.most_common(3000)[100:]]
    queries: list[tuple[str, str]] = []
    queries += [("word", rng.choice(common)) for _ in range(n_per_kind)]
    queries += [("two_words", f"{rng.choice(common)} {rng.choice(common)}") for _ in range(n_per_kind)]
    phrases = []
    while len(phrases) < n_per_kind:
        t = rng.choice(texts)
        ws = re.findall(r"[^\W\d_]+", t)
        if len(ws) > 5:
            i = rng.randrange(len(ws) - 3)
            phrases.append(("phrase", '"' + " ".join(ws[i : i + rng.choice((2, 3))]) + '"'))
    queries += phrases
    queries += [("boolean", f"{rng.choice(common)} OR {rng.choice(common)}") for _ in range(n_per_kind // 2)]
    queries += [("boolean", f"{rng.choice(common)} NOT {rng.choice(common)}") for _ in range(n_per_kind // 2)]
    numbers = sorted(
        {m.group(0) for t in texts[:: max(1, len(texts) // 3000)] for m in NUMBER_RE.finditer(t)}
    )
    queries += [("number", rng.choice(numbers)) for _ in range(n_per_kind)]
    return queries


def bench_engine(name: str, rows: list[IndexRow], mb: float, queries: list[tuple[str, str]]) -> dict:
    folder = Path(tempfile.mkdtemp(prefix=f"review-bench-{name}-"))
    try:
        if name == "whoosh":
            from review.search.whoosh_engine import WhooshEngine

            engine = WhooshEngine(folder, procs=2, limitmb=512)
        else:
            from review.search.tantivy_engine import TantivyEngine

            engine = TantivyEngine(folder, heap_mb=256)
        started = time.perf_counter()
        engine.add(rows)
        engine.commit()
        index_seconds = time.perf_counter() - started
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        parsed = [(kind, parse_query(q)) for kind, q in queries]
        counts = []
        for _kind, p in parsed:  # warm-up, and the hit counts the engines must agree on
            counts.append(len(engine.search(p, Filters(), limit=100000)))
        times: dict[str, list[float]] = {}
        for _ in range(3):
            for kind, p in parsed:
                t0 = time.perf_counter()
                engine.search(p, Filters(), limit=10)
                times.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
        engine.close()
        all_times = [t for ts in times.values() for t in ts]

        def pct(values: list[float], q: float) -> float:
            return round(statistics.quantiles(values, n=100)[int(q) - 1], 2) if len(values) > 1 else values[0]

        return {
            "index_seconds": round(index_seconds, 2),
            "index_mb_per_s": round(mb / index_seconds, 2),
            "index_size_mb": round(size / 1e6, 1),
            "query_ms": {k: {"p50": pct(v, 50), "p95": pct(v, 95), "n": len(v)} for k, v in times.items()},
            "query_ms_all": {"p50": pct(all_times, 50), "p95": pct(all_times, 95)},
            "hit_counts": counts,
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--out", default="bench-results/search.json")
    args = ap.parse_args(argv)
    path = require(PHAPDIEN_ALL)
    if path is None:
        return 0
    rows, texts, analysis_seconds, mb = load_rows(path, args.limit)
    queries = make_queries(texts)
    out: dict = {
        "set": f"phapdien-2023/{path.name}",
        "articles": len(rows),
        "text_mb": round(mb, 2),
        "analysis_seconds": round(analysis_seconds, 2),
        "queries": len(queries),
    }
    for name in ("tantivy", "whoosh"):
        print(f"indexing with {name} …", file=sys.stderr)
        out[name] = bench_engine(name, rows, mb, queries)
    agree = sum(
        a == b for a, b in zip(out["whoosh"].pop("hit_counts"), out["tantivy"].pop("hit_counts"), strict=True)
    )
    out["hit_counts_agree"] = f"{agree}/{len(queries)}"
    w, t = out["whoosh"], out["tantivy"]
    out["ratio_whoosh_to_tantivy"] = {
        "index_time": round(w["index_seconds"] / t["index_seconds"], 1),
        "query_p50": round(w["query_ms_all"]["p50"] / max(t["query_ms_all"]["p50"], 1e-6), 1),
        "query_p95": round(w["query_ms_all"]["p95"] / max(t["query_ms_all"]["p95"], 1e-6), 1),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
