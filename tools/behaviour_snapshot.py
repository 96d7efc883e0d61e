"""Write what a built corpus answers into one folder, so that two builds (before and after a refactor) can be
compared byte for byte: ``diff -r A B``.

    python -m tools.behaviour_snapshot --corpus indexes --out /tmp/snap-before [--at 2026-11-27]

It writes the findings (JSON, as `review findings` prints them), the status of every node of the graph, the hits
of every judged search query (tests/data/search_judged.jsonl) with both engines when their index exists, the
GraphML export and the document list. Only the public API is used, so the snapshot does not depend on how the
inside is arranged.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import review
from review.graph.export import export

JUDGED = Path(__file__).resolve().parent.parent / "tests" / "data" / "search_judged.jsonl"


def _write(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")


def snapshot(corpus: str, out: Path, at: str, engines: tuple[str, ...]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with review.open_corpus(corpus) as c:
        _write(out / "documents.json", c.documents_frame().to_dict(orient="records"))
        _write(out / "findings.json", [f.to_dict() for f in c.findings(at)])
        graph = c.graph
        statuses = []
        for node in sorted(graph.nodes):
            try:
                statuses.append(c.status(node, at).to_dict())
            except review.ReviewError as exc:  # a node the graph names but the resolver refuses is kept too
                statuses.append({"node": node, "error": str(exc)})
        _write(out / "statuses.json", statuses)
        export(graph, out / "graph.graphml")
        queries = [
            json.loads(line) for line in JUDGED.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
        for engine in engines:
            results = []
            for q in queries:
                try:
                    res = c.search(q["query"], engine=engine, per_page=20, **q.get("filters", {}))
                except review.ReviewError as exc:
                    results.append({"id": q["id"], "error": str(exc)})
                    continue
                results.append({"id": q["id"], "total": res.total, "hits": [h.to_dict() for h in res.hits]})
            _write(out / f"search_{engine}.json", results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="indexes")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--at", default="2026-11-27")
    parser.add_argument("--engine", action="append", dest="engines")
    args = parser.parse_args()
    snapshot(args.corpus, args.out, args.at, tuple(args.engines or ("whoosh",)))


if __name__ == "__main__":
    main()
