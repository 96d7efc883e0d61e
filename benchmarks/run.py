"""`make bench`: speed figures, written as JSON.

- parse throughput (MB/s of input, documents/s), single process, over the vbpl.vn pages and the Bộ pháp điển
  dataset in ../shared (the sample set when --quick);
- PDF ingest time as a ratio to pdfplumber's own ``extract_text`` on the same files (the baseline, same run);
- the time to build the store from corpus/ (what `make demo` does), with 1 and 2 processes.

Each figure says which files it used; a data set missing from ../shared is reported as skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.shared import PDF_TEXT, PHAPDIEN_ALL, PHAPDIEN_SAMPLE, require, vbpl_pages

ROOT = Path(__file__).resolve().parents[1]


def _parse_all(paths: list[Path]) -> dict:
    from review import parse
    from review.errors import ReviewError

    size = sum(p.stat().st_size for p in paths)
    documents = failed = 0
    started = time.perf_counter()
    for path in paths:
        try:
            documents += len(parse(path))
        except ReviewError:
            failed += 1
    seconds = time.perf_counter() - started
    return {
        "files": len(paths),
        "documents": documents,
        "failed_files": failed,
        "input_mb": round(size / 1e6, 2),
        "seconds": round(seconds, 2),
        "mb_per_s": round(size / 1e6 / seconds, 2),
        "documents_per_s": round(documents / seconds, 1),
    }


def bench_vbpl(limit: int | None) -> dict | None:
    folder = vbpl_pages()
    if folder is None:
        return None
    paths = sorted(folder.glob("*.html"))[:limit]
    return {"set": "vbpl-vn-2026/html_all.tar.gz (saved vbpl.vn pages)", **_parse_all(paths)}


def bench_phapdien(quick: bool) -> dict | None:
    path = require(PHAPDIEN_SAMPLE if quick else PHAPDIEN_ALL)
    if path is None:
        return None
    from review import parse

    started = time.perf_counter()
    documents = parse(path)
    seconds = time.perf_counter() - started
    size = path.stat().st_size
    raw_size = size
    if path.suffix == ".gz":
        import gzip

        with gzip.open(path, "rb") as f:
            raw_size = sum(len(chunk) for chunk in iter(lambda: f.read(1 << 20), b""))
    articles = sum(len(d.articles()) for d in documents)
    return {
        "set": f"phapdien-2023/{path.name}",
        "documents": len(documents),
        "articles": articles,
        "input_mb_uncompressed": round(raw_size / 1e6, 2),
        "seconds": round(seconds, 2),
        "mb_per_s": round(raw_size / 1e6 / seconds, 2),
        "articles_per_s": round(articles / seconds, 1),
    }


def bench_extraction(quick: bool) -> dict | None:
    """Reference extraction over the Bộ pháp điển article texts, one process; the baseline is a plain scan for
    document numbers with the same regular-expression engine over the same texts."""
    path = require(PHAPDIEN_SAMPLE if quick else PHAPDIEN_ALL)
    if path is None:
        return None
    import gzip

    from review.annotate import extract_references
    from review.text.numbers import NUMBER_RE

    opener = gzip.open if path.suffix == ".gz" else open
    texts = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["noidung"])
    size = sum(len(t.encode("utf-8")) for t in texts)
    started = time.perf_counter()
    baseline_hits = sum(1 for t in texts for _ in NUMBER_RE.finditer(t))
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    refs = sum(len(extract_references(t)) for t in texts)
    seconds = time.perf_counter() - started
    return {
        "set": f"phapdien-2023/{path.name} (article texts)",
        "texts": len(texts),
        "mb": round(size / 1e6, 2),
        "references": refs,
        "seconds": round(seconds, 2),
        "mb_per_s": round(size / 1e6 / seconds, 2),
        "baseline": "NUMBER_RE.finditer (document numbers only) on the same texts",
        "baseline_matches": baseline_hits,
        "baseline_mb_per_s": round(size / 1e6 / baseline, 2),
        "ratio_to_baseline": round(seconds / baseline, 2),
    }


def bench_pdf() -> dict | None:
    folder = require(PDF_TEXT)
    # Text-layer PDFs only: the ratio compares text extraction, not OCR.
    paths = sorted(folder.glob("*.pdf")) if folder else [ROOT / "corpus" / "pdf" / "luat_lao_dong.pdf"]
    if not paths:
        return None
    from benchmarks.pdf_ratio import measure

    return {"baseline": "pdfplumber page.extract_text() on the same pages", **measure(paths)}


def bench_build() -> dict:
    from review import build

    corpus = ROOT / "corpus"
    out: dict = {"sources": "corpus/"}
    for jobs in (1, 2):
        target = Path(tempfile.mkdtemp(prefix="review-bench-build-"))
        try:
            started = time.perf_counter()
            report = build([corpus], target, jobs=jobs)
            out[f"jobs_{jobs}_seconds"] = round(time.perf_counter() - started, 2)
            out["documents"] = report.summary["documents"]
            out["units"] = report.summary["units"]
            started = time.perf_counter()
            again = build([corpus], target, jobs=jobs)
            out[f"jobs_{jobs}_unchanged_rebuild_seconds"] = round(time.perf_counter() - started, 3)
            assert not again.parsed
        finally:
            shutil.rmtree(target, ignore_errors=True)
    return out


def _refs_speed(quick: bool) -> dict:
    """benchmarks/refs_speed.py: 1 KB … 1 MB documents and the full vbpl text, against a regex scan."""
    from benchmarks.refs_speed import run

    return run(quick)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="bench-results/bench.json")
    ap.add_argument(
        "--quick", action="store_true", help="small sets only (the pháp điển sample, 100 vbpl pages)"
    )
    args = ap.parse_args(argv)
    results: dict = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
    }
    for name, run in (
        ("parse_vbpl_html", lambda: bench_vbpl(100 if args.quick else None)),
        ("parse_phapdien_jsonl", lambda: bench_phapdien(args.quick)),
        ("extract_references_phapdien", lambda: bench_extraction(args.quick)),
        ("extract_references_sizes", lambda: _refs_speed(args.quick)),
        ("pdf_ingest", bench_pdf),
        ("build_demo_corpus", bench_build),
    ):
        print(f"running {name} …", file=sys.stderr)
        results[name] = run() or {"skipped": "data not present in ../shared"}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
