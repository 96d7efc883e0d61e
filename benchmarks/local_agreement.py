"""Header agreement on real local documents: every file of ../shared/corpus-sources/local-2026 parsed and
compared field by field with the table read by hand (tests/data/local_2026_truth.jsonl).

    python -m benchmarks.local_agreement [--json out.json] [--misses N]

Fields: number, type, issuer, jurisdiction (the authority's code), issue date, effective date, articles (of the
document and of an attached regulation), the id (no ``src:`` id for a printed number) and the look-up of the
printed number through the resolver. Figures are given for the dev part, the held-back part (never read while
fixing rules; its misses are counted, not shown) and both. Files the table marks as not normative count only
for the fields they have.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from benchmarks.shared import SHARED, require

ROOT = Path(__file__).resolve().parents[1]
TRUTH = ROOT / "tests" / "data" / "local_2026_truth.jsonl"
LOCAL = SHARED / "local-2026"
FIELDS = ("number", "type", "issuer", "jurisdiction", "issued", "effective", "articles", "id", "lookup")


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").replace("Uỷ", "Ủy").split()).casefold()


def evaluate(misses_shown: int = 5) -> dict:
    from review import parse
    from review.errors import ReviewError
    from review.identity import DocumentResolver, registry

    rows = [json.loads(line) for line in TRUTH.read_text(encoding="utf-8").splitlines() if line.strip()]
    parsed = {}
    for row in rows:
        path = next((p for p in LOCAL.iterdir() if unicodedata.normalize("NFC", p.name) == row["file"]), None)
        try:
            docs = parse(path) if path else []
        except ReviewError as exc:
            docs = []
            print(f"error: {exc}", file=sys.stderr)
        parsed[row["file"]] = docs[0] if docs else None
    records = {}
    for doc in parsed.values():
        if doc is not None:
            records[doc.id] = doc

    resolver = DocumentResolver({d.id: _record(d) for d in records.values()})
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses: dict[str, list[str]] = defaultdict(list)
    reg = registry()
    for row in rows:
        doc = parsed[row["file"]]
        authority = reg.find(row["authority"])
        expected = {
            "number": row["number"],
            "type": row["type"],
            "issuer": row["issuer"],
            "jurisdiction": authority.code if authority else None,
            "issued": row["issued"],
            "effective": row["effective"],
            "articles": row["articles"] + row["articles_attached"],
        }
        got = {
            "number": doc.number if doc else None,
            "type": doc.type if doc else None,
            "issuer": doc.issuer if doc else None,
            "jurisdiction": getattr(doc, "authority", None) if doc else None,
            "issued": doc.issued if doc else None,
            "effective": doc.effective if doc else None,
            "articles": len(doc.articles()) if doc else None,
        }
        for field in FIELDS[:7]:
            if field == "effective" and row["effective"] is None:
                continue  # nothing stated: the statutory default applies, checked in the status tests
            ok = _norm(str(got[field])) == _norm(str(expected[field]))
            for part in (row["split"], "all"):
                counts[part][field][0] += ok
                counts[part][field][1] += 1
            if not ok and row["split"] == "dev":
                misses[field].append(f"{row['file']}: got {got[field]!r}, expected {expected[field]!r}")
        if row["number"]:
            ok_id = doc is not None and not doc.id.startswith("src:")
            try:
                ok_lookup = (
                    doc is not None and resolver.resolve(row["number"] + " " + row["authority"]) == doc.id
                )
            except ReviewError:
                ok_lookup = False
            for field, ok in (("id", ok_id), ("lookup", ok_lookup)):
                for part in (row["split"], "all"):
                    counts[part][field][0] += ok
                    counts[part][field][1] += 1
                if not ok and row["split"] == "dev":
                    misses[field].append(f"{row['file']}: id {doc.id if doc else None!r}")
    out = {
        part: {
            f: {"agree": a, "of": n, "share": round(a / n, 3) if n else None} for f, (a, n) in fields.items()
        }
        for part, fields in counts.items()
    }
    out["misses_dev"] = {f: m[:misses_shown] for f, m in misses.items()}
    return out


def _record(doc):
    from review.models import DocumentRecord

    return DocumentRecord(
        doc.id,
        doc.number,
        doc.type,
        doc.issuer,
        doc.title,
        doc.issued,
        doc.effective,
        doc.language,
        doc.source,
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path)
    ap.add_argument("--misses", type=int, default=5)
    args = ap.parse_args()
    if require(LOCAL) is None:
        return 0
    result = evaluate(args.misses)
    for part in ("dev", "heldout", "all"):
        figures = result.get(part, {})
        print(f"{part:8}", "  ".join(f"{f} {v['agree']}/{v['of']}" for f, v in figures.items()))
    for field, lines in result["misses_dev"].items():
        print(f"misses ({field}, dev):")
        for line in lines:
            print("   ", line)
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
