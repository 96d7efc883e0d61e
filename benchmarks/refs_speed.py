"""Reference extraction speed, in process, against a plain regex scan of the same text in the same run.

- whole documents of about 1 KB, 10 KB, 100 KB and 1 MB, built by concatenating real texts (the Markdown of
  corpus/local, and the vbpl records of ../shared when present) and cut at a line end;
- the full vbpl text set of ../shared (every record's text, one call per record) when present.

For each: MB/s of ``extract_references``, MB/s of the regex scan (document numbers and unit words, the cheapest
scan that sees every candidate), their ratio, and the time per MB at each size (the linearity figure: flat when
the cost grows linearly with the length). The slowest single input of the full set is reported too.

Run: python -m benchmarks.refs_speed [--out refs_speed.json] [--quick]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks.shared import VBPL_JSONL, require

ROOT = Path(__file__).resolve().parents[1]
SIZES = (1_000, 10_000, 100_000, 1_000_000)
_SCAN = re.compile(
    r"\d{1,5}[a-zA-Z]?/(?:\d{4}/)?[A-ZĐa-z]{1,8}(?:-[A-ZĐa-z0-9]{1,10}){0,3}"
    r"|(?:Điều|khoản|điểm|Chương|Phụ lục|Luật|Nghị định|Thông tư)\s+\w+"
)


def _vbpl_texts() -> Iterator[str]:
    path = require(VBPL_JSONL)
    if path is None:
        return
    with path.open(encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text") or ""
            if text.strip():
                yield text


def _corpus_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "local").glob("*.md"))]
    texts += list(_vbpl_texts())
    return texts


def _document_of(texts: list[str], size: int) -> str:
    """About ``size`` bytes of real text, cut at a line end."""
    out: list[str] = []
    n = 0
    for text in texts * (1 + size // max(1, sum(len(t.encode()) for t in texts))):
        out.append(text)
        n += len(text.encode())
        if n >= size:
            break
    doc = "\n".join(out)
    encoded = doc.encode()[:size].decode("utf-8", "ignore")
    cut = encoded.rfind("\n")
    return encoded[:cut] if cut > size // 2 else encoded


def _time(fn, text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        fn(text)
        best = min(best, time.process_time() - started)
    return best


def _regex_scan(text: str) -> int:
    return sum(1 for _ in _SCAN.finditer(text))


def bench_sizes(texts: list[str]) -> list[dict]:
    from review.annotate import extract_references

    rows = []
    for size in SIZES:
        doc = _document_of(texts, size)
        mb = len(doc.encode()) / 1e6
        repeat = 5 if size <= 100_000 else 1
        ours = _time(extract_references, doc, repeat)
        regex = _time(_regex_scan, doc, repeat)
        rows.append(
            {
                "bytes": len(doc.encode()),
                "references": len(extract_references(doc)),
                "seconds": round(ours, 4),
                "mb_per_s": round(mb / ours, 2),
                "regex_mb_per_s": round(mb / regex, 2),
                "ratio_to_regex": round(ours / regex, 1),
                "seconds_per_mb": round(ours / mb, 3),
            }
        )
    return rows


def bench_full_set() -> dict | None:
    from review.annotate import extract_references

    texts = list(_vbpl_texts())
    if not texts:
        return None
    total = sum(len(t.encode()) for t in texts) / 1e6
    ours = regex = worst = 0.0
    worst_len = 0
    for text in texts:
        started = time.process_time()
        extract_references(text)
        took = time.process_time() - started
        ours += took
        if took > worst:
            worst, worst_len = took, len(text.encode())
        started = time.process_time()
        _regex_scan(text)
        regex += time.process_time() - started
    return {
        "set": "vbpl-vn-2026/vbpl_docs.jsonl (text of every record, one call each)",
        "records": len(texts),
        "mb": round(total, 2),
        "seconds": round(ours, 2),
        "mb_per_s": round(total / ours, 2),
        "regex_mb_per_s": round(total / regex, 2),
        "ratio_to_regex": round(ours / regex, 1),
        "slowest_input_seconds": round(worst, 3),
        "slowest_input_bytes": worst_len,
    }


def run(quick: bool = False) -> dict:
    texts = _corpus_texts()
    sizes = bench_sizes(texts)
    per_mb = [r["seconds_per_mb"] for r in sizes if r["bytes"] >= 10_000]
    return {
        "sizes": sizes,
        # Time per MB of the largest document over that of the 10 KB one: 1.0 is linear.
        "linearity_1mb_over_10kb": round(per_mb[-1] / per_mb[0], 2) if len(per_mb) >= 2 else None,
        "full_vbpl": None if quick else bench_full_set(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", help="write the figures here as JSON")
    ap.add_argument("--quick", action="store_true", help="sizes only, not the full vbpl set")
    args = ap.parse_args(argv)
    out = run(args.quick)
    print(json.dumps(out, ensure_ascii=False, indent=2))
    if args.out:
        Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
