"""Fixtures shared by several test modules: the demo corpus (corpus/, what `make demo` builds), built once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def demo_corpus(tmp_path_factory) -> Path:
    """corpus/ built with the default engine; read-only for the tests that use it (copy it to write)."""
    import review

    folder = tmp_path_factory.mktemp("demo-corpus")
    report = review.build([ROOT / "corpus"], folder, jobs=2)
    assert report.summary["documents"] > 0
    return folder


@pytest.fixture
def demo_copy(demo_corpus, tmp_path) -> Path:
    """A copy of the demo corpus a test may write to (decisions, rebuilds)."""
    target = tmp_path / "indexes"
    shutil.copytree(demo_corpus, target, symlinks=True)
    return target


def require_tool(available: bool, what: str, install: str) -> None:
    """Skip a test whose system tool is missing, with the reason — except in CI, where .ci/run installs every tool
    and a missing one is a failure, never a silent skip."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing in CI: .ci/run should have installed it ({install})")
    pytest.skip(f"{what} is not installed ({install}; `make system-deps` or .ci/run installs it)")


def has_ocr() -> bool:
    from review.ingest.pdf import ocr_available

    return ocr_available("vie")


def pdf_needs_ocr(path: Path) -> bool:
    """True when some page of the PDF has no text layer, so reading it takes Tesseract."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return any(len(page.get_textpage().get_text_range().strip()) < 20 for page in pdf)
    finally:
        pdf.close()
