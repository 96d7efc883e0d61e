"""What ``read_pdf`` costs over pdfplumber's own ``page.extract_text()`` on text-layer PDFs.

Both sides open the file from bytes and read every page; ``read_pdf`` runs with ``ocr="never"`` so only the text
path is measured. Each side's time is the best of three runs, in CPU seconds. The target is a ratio of at most about 1.3: the
line assembly, header/footer removal and clean-up on top of pdfplumber's word extraction must stay cheap.

Run: python -m benchmarks.pdf_ratio [files …]  (default: ../shared/corpus-sources/fixtures/pdf_text/*.pdf)
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pdfplumber

from benchmarks.shared import PDF_TEXT, require
from review.ingest.pdf import read_pdf
from review.models import Source

RUNS = 3


def _best_of(fn: Callable[[], object], runs: int = RUNS) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def _plumber_all(blobs: Sequence[bytes]) -> int:
    pages = 0
    for data in blobs:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()  # read_pdf closes each page too, so both sides free the same caches
                pages += 1
    return pages


def _pdfium_all(blobs: Sequence[bytes]) -> int:
    """Raw pypdfium2 text extraction of every page: the floor a PDF reader can reach."""
    import pypdfium2

    pages = 0
    for data in blobs:
        pdf = pypdfium2.PdfDocument(data)
        for page in pdf:
            page.get_textpage().get_text_range()
            pages += 1
        pdf.close()
    return pages


def _review_all(blobs: Sequence[bytes], sources: Sequence[Source]) -> None:
    for data, source in zip(blobs, sources, strict=True):
        read_pdf(data, source, ocr="never")


def measure(paths: Sequence[str | Path], runs: int = RUNS, with_pdfplumber: bool = True) -> dict[str, object]:
    """Time read_pdf (text layer only) against pdfplumber's extract_text over all pages of ``paths``."""
    files = [Path(p) for p in paths]
    blobs = [f.read_bytes() for f in files]
    sources = [
        Source(str(f), hashlib.sha256(b).hexdigest(), "application/pdf")
        for f, b in zip(files, blobs, strict=True)
    ]
    pages = _pdfium_all(blobs)  # also warms the OS cache and imports before anything is timed
    plumber = _best_of(lambda: _plumber_all(blobs), runs) if with_pdfplumber else None
    review = _best_of(lambda: _review_all(blobs, sources), runs)
    pdfium = _best_of(lambda: _pdfium_all(blobs), runs)
    return {
        "files": [str(f) for f in files],
        "pages": pages,
        "review_seconds": round(review, 4),
        "pdfplumber_seconds": round(plumber, 4) if plumber else None,
        "ratio": round(review / plumber, 3) if plumber else None,
        "pypdfium2_seconds": round(pdfium, 4),
        "ratio_to_pypdfium2": round(review / pdfium, 2) if pdfium else None,
    }


def main(argv: Sequence[str]) -> int:
    if argv:
        paths = [Path(a) for a in argv]
    else:
        folder = require(PDF_TEXT)
        if folder is None:
            print(json.dumps({"skipped": f"{PDF_TEXT} is absent"}))
            return 0
        paths = sorted(folder.glob("*.pdf"))
        if not paths:
            print(f"skipped: no PDF in {folder}", file=sys.stderr)
            print(json.dumps({"skipped": f"no PDF in {folder}"}))
            return 0
    print(json.dumps(measure(paths), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
