"""Computed status against the status vbpl.vn states, on the saved vbpl pages in ../shared.

The pages were saved on 2026-04-26, so both are read on that date. A page's stated status can only be checked
where the document that decides it is in the set: for "Hết hiệu lực (một phần)" that is an act in the set that
ends, repeals or amends it; for "Còn hiệu lực" and "Chưa có hiệu lực" the page itself (its effective date) and
any act in the set. Pages whose stated expiry rests on a document outside the set are counted apart.

Every disagreement is listed with the computed reasons, for a reader to say whose it is (ours or the source's);
tests/data/status_disagreements.md records that reading.

Run: python -m benchmarks.status_agreement [--corpus DIR] [--json OUT]
(builds the vbpl pages into DIR first when DIR holds no store; incremental otherwise)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from benchmarks.shared import vbpl_pages

SAVED_ON = "2026-04-26"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(Path(tempfile.gettempdir()) / "review-bench-vbpl-store"))
    ap.add_argument("--json", default=None)
    ap.add_argument("--at", default=SAVED_ON)
    args = ap.parse_args(argv)
    from review.api import open_corpus
    from review.build import build
    from review.store import Store

    if not Store.file_in(args.corpus).exists():
        folder = vbpl_pages()
        if folder is None:
            return 0
        print(f"building the vbpl pages into {args.corpus} …", file=sys.stderr)
        build([folder], args.corpus, engines=())
    with open_corpus(args.corpus) as c:
        gv = c.graph_view
        tl = gv.timelines
        acted_on = {n.partition("#")[0] for table in (tl.ends, tl.amended, tl.suspensions) for n in table}
        rows = []
        for doc_id, info in sorted(tl.docs.items()):
            if not info.in_corpus or not info.stated_label:
                continue
            st = gv.status(doc_id, args.at)
            if st.stated is None or st.stated == "unknown":
                continue
            decider_in_set = st.stated in ("in_force", "not_yet_in_force") or doc_id in acted_on
            rows.append(
                {
                    "doc": doc_id,
                    "stated": st.stated,
                    "computed": st.status,
                    "agrees": st.stated == st.status,
                    "decider_in_set": decider_in_set,
                    "because": [
                        f"{r.kind} {r.doc or ''} {r.unit or ''} {r.date or ''} {(r.text or '')[:80]}".strip()
                        for r in st.because[:4]
                    ],
                }
            )
    checkable = [r for r in rows if r["decider_in_set"]]
    out = {
        "at": args.at,
        "documents_with_stated_status": len(rows),
        "agreement_all": round(sum(r["agrees"] for r in rows) / max(len(rows), 1), 4),
        "checkable": len(checkable),
        "agreement_where_decider_in_set": round(
            sum(r["agrees"] for r in checkable) / max(len(checkable), 1), 4
        ),
        "confusion": dict(Counter(f"{r['stated']}→{r['computed']}" for r in rows).most_common()),
        "disagreements": [r for r in checkable if not r["agrees"]],
        "not_checkable": [r["doc"] for r in rows if not r["decider_in_set"]],
    }
    text = json.dumps(out, ensure_ascii=False, indent=2)
    if args.json:
        Path(args.json).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
