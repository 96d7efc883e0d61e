"""`make bench`: speed figures, written as JSON.

- parse throughput (MB/s of input, documents/s), single process, over the vbpl.vn pages and the Bộ pháp điển
  dataset in ../shared (the sample set when --quick);
- PDF ingest time as a ratio to pdfplumber's own ``extract_text`` on the same files (the baseline, same run);
- ``review build`` in documents per CPU-second without an index, with tantivy and with Whoosh (the index
  overhead), search p50/p95 of each engine, and the wall-clock speed-up of ``--jobs 2`` (benchmarks.build_bench).

``--quick`` (the default, under 3 minutes) uses small sets; ``--full`` every set. Progress goes to stderr; the
JSON holds every figure and, when benchmarks/baselines/MODE.json is there (the same run on the code before issue
15), each figure's ratio to it.

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


def bench_pdf(quick: bool) -> dict | None:
    folder = None if quick else require(PDF_TEXT)
    # Text-layer PDFs only: the ratio compares text extraction, not OCR.
    paths = sorted(folder.glob("*.pdf")) if folder else [ROOT / "corpus" / "pdf" / "luat_lao_dong.pdf"]
    if not paths:
        return None
    from benchmarks.pdf_ratio import measure

    return {
        "baseline": "raw pypdfium2 get_text_range() (and, with --full, pdfplumber extract_text) on the same pages",
        **measure(paths, runs=1 if quick else 3, with_pdfplumber=not quick),
    }


QUICK_VBPL_PAGES = 20


def quick_sources() -> Path:
    """The quick build set, a part of corpus/: the first vbpl pages and every other format (DOCX, pháp điển
    pages, local Markdown and PDFs, the signed PDF), without the 32-page luat_lao_dong.pdf. Copied into a temporary folder
    once per run so the figures name what they read."""
    corpus = ROOT / "corpus"
    target = Path(tempfile.mkdtemp(prefix="review-bench-quick-"))
    chosen = sorted((corpus / "vbpl").glob("*.html"))[:QUICK_VBPL_PAGES]
    for sub in ("docx", "phapdien", "local"):
        chosen += sorted(p for p in (corpus / sub).iterdir() if p.is_file())
    chosen.append(corpus / "pdf" / "06-bct.signed.pdf")
    for p in chosen:
        dest = target / p.parent.name / p.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(p, dest)
    return target


def bench_build(quick: bool) -> dict:
    from benchmarks.build_bench import measure

    sources = quick_sources() if quick else ROOT / "corpus"
    try:
        out = measure([sources], say=_say)
    finally:
        if quick:
            shutil.rmtree(sources, ignore_errors=True)
    out["sources"] = "quick set (benchmarks.run.quick_sources)" if quick else "corpus/"
    return out


def _refs_speed(quick: bool) -> dict:
    """benchmarks/refs_speed.py: 1 KB … 1 MB documents and the full vbpl text, against a regex scan."""
    from benchmarks.refs_speed import run

    return run(quick)


_STARTED = time.perf_counter()


def _say(message: str) -> None:
    print(f"[{time.perf_counter() - _STARTED:6.1f} s] {message}", file=sys.stderr, flush=True)


def _leaves(d: object, prefix: str = "") -> dict[str, float]:
    out: dict[str, float] = {}
    if isinstance(d, dict):
        for k, v in d.items():
            out.update(_leaves(v, f"{prefix}{k}."))
    elif isinstance(d, int | float) and not isinstance(d, bool):
        out[prefix[:-1]] = float(d)
    return out


def ratios(results: dict, baseline: dict) -> dict[str, float]:
    """Every figure present in both runs, as now / baseline (for times lower is better; for rates higher)."""
    now, before = _leaves(results), _leaves(baseline)
    return {k: round(v / before[k], 3) for k, v in now.items() if before.get(k)}


BASELINES = Path(__file__).with_name("baselines")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="bench-results/bench.json")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument(
        "--quick", action="store_true", default=True, help="small sets, under 3 minutes (default)"
    )
    mode.add_argument(
        "--full", action="store_true", help="every set: all vbpl pages, the whole pháp điển, corpus/"
    )
    ap.add_argument(
        "--baseline", default=None, help="a previous bench JSON to compare with (default: baselines/)"
    )
    args = ap.parse_args(argv)
    quick = not args.full
    results: dict = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "mode": "quick" if quick else "full",
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
    }
    sections = (
        ("parse_vbpl_html", lambda: bench_vbpl(QUICK_VBPL_PAGES if quick else None)),
        ("parse_phapdien_jsonl", lambda: bench_phapdien(quick)),
        ("extract_references_phapdien", lambda: bench_extraction(quick)),
        ("extract_references_sizes", lambda: _refs_speed(quick)),
        ("pdf_ingest", lambda: bench_pdf(quick)),
        ("build", lambda: bench_build(quick)),
    )
    for i, (name, run) in enumerate(sections, start=1):
        _say(f"{i}/{len(sections)} {name} …")
        t = time.perf_counter()
        results[name] = run() or {"skipped": "data not present in ../shared"}
        _say(f"{i}/{len(sections)} {name} done in {time.perf_counter() - t:.1f} s")
    base_path = Path(args.baseline) if args.baseline else BASELINES / f"{results['mode']}.json"
    if base_path.exists():
        baseline = json.loads(base_path.read_text(encoding="utf-8"))
        results["baseline"] = {"file": str(base_path), "when": baseline.get("when")}
        results["ratio_to_baseline"] = ratios(results, baseline)
    results["seconds"] = round(time.perf_counter() - _STARTED, 1)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=2))
    _say(f"written {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
