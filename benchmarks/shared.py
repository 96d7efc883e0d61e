"""Where benchmarks find the larger data sets in ../shared, and how they say so when it is absent."""

from __future__ import annotations

import sys
import tarfile
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus-sources"
VBPL_TAR = SHARED / "vbpl-vn-2026" / "html_all.tar.gz"
VBPL_JSONL = SHARED / "vbpl-vn-2026" / "vbpl_docs.jsonl"
PHAPDIEN_ALL = SHARED / "phapdien-2023" / "phapdien_articles_all.jsonl.gz"
PHAPDIEN_SAMPLE = SHARED / "phapdien-2023" / "phapdien_articles_sample.jsonl"
PDF_TEXT = SHARED / "fixtures" / "pdf_text"


def require(path: Path) -> Path | None:
    """The path when present; otherwise say so on stderr and return None."""
    if path.exists():
        return path
    print(
        f"skipped: {path} is not here (../shared/corpus-sources is needed for this figure)", file=sys.stderr
    )
    return None


def vbpl_pages() -> Path | None:
    """The 974 vbpl pages, unpacked once into a temporary folder."""
    tar = require(VBPL_TAR)
    if tar is None:
        return None
    target = Path(tempfile.gettempdir()) / "review-bench-vbpl"
    folder = target / "vbpl-html"
    if not folder.exists() or len(list(folder.glob("*.html"))) < 974:
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tar) as t:
            t.extractall(target, filter="data")
    return folder
