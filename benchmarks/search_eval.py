"""Search quality on the judged query sets, judged by reading corpus/: per engine, overall and by query kind.

- tests/data/search_judged.jsonl (known-item and operator queries, binary): MRR and recall@10;
- tests/data/search_judged_topical.jsonl (topical queries, graded 0–3 at article level, the part ranking is tuned
  on) and tests/data/search_judged_topical_heldout.jsonl (the held-back third, never used while tuning): nDCG@10,
  MRR (first article graded 2 or more) and recall@10 (of the articles graded 2 or more).

A hit matches a judged provision when it is that unit, or its article or one of its clauses (the search keeps
one hit per branch, so a clause and its article stand for each other); "strict" counts the exact unit only. A
judged {"unit": null} means the document itself: any of its units matches.

Run: python -m benchmarks.search_eval [--json out.json]  (builds corpus/ into a temporary folder)
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ROOT / "tests" / "data" / "search_judged.jsonl"
TOPICAL = ROOT / "tests" / "data" / "search_judged_topical.jsonl"
HELDOUT = ROOT / "tests" / "data" / "search_judged_topical_heldout.jsonl"


def _related(a: str, b: str) -> bool:
    return a == b or a.startswith(b + "__") or b.startswith(a + "__")


def evaluate(corpus: Path, engine: str, queries: list[dict], k: int = 10) -> dict:
    from review import open_corpus
    from review.search.query import QueryError

    c = open_corpus(corpus)

    per_kind: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    misses = []
    for q in queries:
        filters = q.get("filters") or {}
        try:
            res = c.search(q["query"], engine=engine, per_page=k, **filters)
            hits = [(h.doc, h.unit or "") for h in res.hits]
        except QueryError:
            hits = []
        rr = rr_strict = 0.0
        found = set()
        for rank, (doc, unit) in enumerate(hits, start=1):
            for i, rel in enumerate(q["relevant"]):
                if rel["doc"] != doc:
                    continue
                if rel.get("unit") is None or _related(unit, rel["unit"]):
                    found.add(i)
                    rr = rr or 1 / rank
                if rel.get("unit") is None or unit == rel["unit"]:
                    rr_strict = rr_strict or 1 / rank
        recall = len(found) / len(q["relevant"]) if q["relevant"] else 1.0
        per_kind[q.get("kind", "?")].append((rr, rr_strict, recall))
        if rr == 0:
            misses.append({"id": q["id"], "query": q["query"], "top": hits[:3]})
    all_scores = [s for v in per_kind.values() for s in v]

    def summary(scores):
        n = len(scores)
        return {
            "queries": n,
            "mrr": round(sum(s[0] for s in scores) / n, 4),
            "mrr_strict": round(sum(s[1] for s in scores) / n, 4),
            "recall_at_10": round(sum(s[2] for s in scores) / n, 4),
        }

    return {
        "all": summary(all_scores),
        "by_kind": {k: summary(v) for k, v in sorted(per_kind.items())},
        "misses": misses,
    }


def _dcg(gains: list[float]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def evaluate_graded(corpus: Path, engine: str, queries: list[dict], k: int = 10) -> dict:
    """nDCG@k, MRR and recall@k on graded article-level judgments: a hit counts as its article (``dieu_5`` for
    ``dieu_5__khoan_2``), an article already counted higher up gains nothing, and unjudged articles grade 0."""
    from review import open_corpus
    from review.search.query import QueryError

    c = open_corpus(corpus)
    per_kind: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    worst = []
    for q in queries:
        judged: dict[str, int] = q["judged"]
        try:
            res = c.search(q["query"], engine=engine, per_page=k, **(q.get("filters") or {}))
            keys = [f"{h.doc}#{(h.unit or '').split('__')[0]}" for h in res.hits]
        except QueryError:
            keys = []
        seen: set[str] = set()
        gains = []
        for key in keys:
            gains.append(0 if key in seen else judged.get(key, 0))
            seen.add(key)
        ideal = _dcg(sorted(judged.values(), reverse=True)[:k])
        ndcg = _dcg(gains) / ideal if ideal else 0.0
        rr = next((1 / (i + 1) for i, g in enumerate(gains) if g >= 2), 0.0)
        wanted = {key for key, g in judged.items() if g >= 2}
        recall = len(wanted & set(keys)) / len(wanted) if wanted else 1.0
        per_kind[q.get("kind", "?")].append((ndcg, rr, recall))
        worst.append((round(ndcg, 3), q["id"], q["query"], keys[:5]))
    every = [s for v in per_kind.values() for s in v]

    def summary(scores):
        n = len(scores)
        return {
            "queries": n,
            "ndcg_at_10": round(sum(s[0] for s in scores) / n, 4),
            "mrr": round(sum(s[1] for s in scores) / n, 4),
            "recall_at_10": round(sum(s[2] for s in scores) / n, 4),
        }

    return {
        "all": summary(every),
        "by_kind": {kind: summary(v) for kind, v in sorted(per_kind.items())},
        "worst": sorted(worst)[:8],
    }


def _table(out: dict) -> str:
    """One line per engine, part and query kind (and "all"): the figures `make eval` reports."""
    lines = [f"{'engine':8} {'part':8} {'kind':13} {'n':>4} {'nDCG@10':>8} {'MRR':>6} {'R@10':>6}"]
    for engine, parts_ in out.items():
        for part, r in parts_.items():
            for kind, v in [("all", r["all"]), *r["by_kind"].items()]:
                ndcg = f"{v['ndcg_at_10']:.3f}" if "ndcg_at_10" in v else "-"
                lines.append(
                    f"{engine:8} {part:8} {kind:13} {v['queries']:>4} {ndcg:>8} {v['mrr']:>6.3f} "
                    f"{v['recall_at_10']:>6.3f}"
                )
    return "\n".join(lines)


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()] if path.exists() else []


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json")
    ap.add_argument(
        "--corpus", help="a corpus already built from corpus/ with both engines (else one is built)"
    )
    ap.add_argument("--only", choices=("known", "topical", "heldout"), action="append")
    args = ap.parse_args(argv)
    if not JUDGED.exists():
        print(f"skipped: {JUDGED} is not there", file=sys.stderr)
        return 0
    from review import build

    parts = args.only or ["known", "topical", "heldout"]
    if args.corpus:
        corpus = Path(args.corpus)
    else:
        corpus = Path(tempfile.mkdtemp(prefix="review-search-eval-"))
        build([ROOT / "corpus"], corpus, jobs=2, engines=("whoosh", "tantivy"))
    out: dict = {}
    for engine in ("whoosh", "tantivy"):
        out[engine] = {}
        if "known" in parts:
            out[engine]["known"] = evaluate(corpus, engine, _read(JUDGED))
        if "topical" in parts and TOPICAL.exists():
            out[engine]["topical"] = evaluate_graded(corpus, engine, _read(TOPICAL))
        if "heldout" in parts and HELDOUT.exists():
            held = evaluate_graded(corpus, engine, _read(HELDOUT))
            held.pop("worst")  # the held-back part is reported in totals only, never query by query
            out[engine]["heldout"] = held
    brief = {
        e: {part: {"all": r["all"], "by_kind": r["by_kind"]} for part, r in parts_.items()}
        for e, parts_ in out.items()
    }
    print(json.dumps(brief, ensure_ascii=False, indent=2))
    print(_table(out))
    for engine, parts_ in out.items():
        for m in parts_.get("known", {}).get("misses", [])[:15]:
            print(f"{engine} miss: {m['id']} {m['query']!r} top={m['top']}", file=sys.stderr)
        for part in ("topical",):
            for w in parts_.get(part, {}).get("worst", []):
                print(f"{engine} {part} low: {w}", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
