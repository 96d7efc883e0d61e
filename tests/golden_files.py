"""Golden structure files for real documents: what the parser must keep giving, reviewed by reading.

Each golden file holds a document's metadata, its full list of articles (eid and heading), its unit counts by
kind and its data-quality note codes. `python -m tests.golden_files --update` rewrites them from the current
parser; the diff is then reviewed like code (is the new output right, by the source document?).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"

# (golden name, source file inside the repository). One of each format; varied types and statuses.
CASES: list[tuple[str, str]] = []
_CASES_FILE = GOLDEN / "cases.json"
if _CASES_FILE.exists():
    CASES = [tuple(c) for c in json.loads(_CASES_FILE.read_text(encoding="utf-8"))]


def summarise(path: Path) -> list[dict]:
    from review import parse

    out = []
    for doc in parse(path):
        units = list(doc.walk())
        out.append(
            {
                "id": doc.id,
                "number": doc.number,
                "type": doc.type,
                "issuer": doc.issuer,
                "authority": doc.authority,
                "title": doc.title,
                "place": doc.place,
                "issued": doc.issued,
                "effective": doc.effective,
                "language": doc.language,
                "stated_status": doc.stated_status,
                "preamble_first_line": doc.preamble.split("\n", 1)[0] if doc.preamble else None,
                "unit_counts": dict(sorted(Counter(u.kind for u in units).items())),
                "articles": [
                    {"eid": u.eid, "heading": u.heading, **({"page": u.page} if u.page is not None else {})}
                    for u in units
                    if u.kind == "dieu"
                ],
                "headings": [
                    {"eid": u.eid, "heading": u.heading}
                    for u in units
                    if u.kind in ("phan", "chuong", "muc", "phu_luc")
                ],
                "notes": sorted({n.code for n in doc.notes}),
            }
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--update", action="store_true", help="rewrite the golden files from the current parser")
    args = ap.parse_args()
    for name, source in CASES:
        current = summarise(ROOT / source)
        target = GOLDEN / f"{name}.json"
        if args.update:
            target.write_text(json.dumps(current, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")
        else:
            stored = json.loads(target.read_text(encoding="utf-8"))
            print(f"{'ok     ' if stored == current else 'CHANGED'} {name}")


if __name__ == "__main__":
    main()
