"""Golden statuses of the real documents in corpus/vbpl and corpus/docx on 2026-04-26 (the day the vbpl pages
were saved): each document's computed status, the status vbpl states, and the facts that decided it.

`python -m tests.golden_status --update` rewrites tests/golden/status_2026-04-26.json from the current code;
review the diff like code (is the new status right, by the documents?). tests/golden/REVIEW.md notes the
reading of the disagreements with vbpl.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "status_2026-04-26.json"
AT = "2026-04-26"
SOURCES = [ROOT / "corpus" / "vbpl", ROOT / "corpus" / "docx"]


def compute(corpus_dir: Path) -> dict:
    from review.api import open_corpus
    from review.build import build

    build(SOURCES, corpus_dir, jobs=1, engines=())
    out = {}
    with open_corpus(corpus_dir) as c:
        for doc_id, info in sorted(c.graph_view.timelines.docs.items()):
            if not info.in_corpus:
                continue
            st = c.status(doc_id, AT)
            out[doc_id] = {
                "status": st.status,
                "stated": st.stated_label,
                "because": [
                    f"{r.kind} {r.doc or ''} {r.target or ''} {r.date or ''}".split() for r in st.because
                ],
            }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--update", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = compute(Path(tmp))
    if args.update:
        GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v["status"] for k, v in data.items()}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
