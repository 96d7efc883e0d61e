"""Search quality on the judged query set (tests/data/search_judged.jsonl, judged by reading corpus/): MRR and
recall@10 per engine, overall and by query kind.

A hit matches a judged provision when it is that unit, or its article or one of its clauses (the search keeps
one hit per branch, so a clause and its article stand for each other); "strict" counts the exact unit only. A
judged {"unit": null} means the document itself: any of its units matches.

Run: python -m benchmarks.search_eval [--json out.json]  (builds corpus/ into a temporary folder)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ROOT / "tests" / "data" / "search_judged.jsonl"


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    if not JUDGED.exists():
        print(f"skipped: {JUDGED} is not there", file=sys.stderr)
        return 0
    from review import build

    queries = [json.loads(line) for line in JUDGED.open(encoding="utf-8") if line.strip()]
    corpus = Path(tempfile.mkdtemp(prefix="review-search-eval-"))
    build([ROOT / "corpus"], corpus, jobs=2, engines=("whoosh", "tantivy"))
    out = {engine: evaluate(corpus, engine, queries) for engine in ("whoosh", "tantivy")}
    print(
        json.dumps(
            {e: {"all": r["all"], "by_kind": r["by_kind"]} for e, r in out.items()},
            ensure_ascii=False,
            indent=2,
        )
    )
    for engine, r in out.items():
        for m in r["misses"][:15]:
            print(f"{engine} miss: {m['id']} {m['query']!r} top={m['top']}", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
