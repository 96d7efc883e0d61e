"""Golden structure files for real documents of every format (tests/golden/, reviewed by reading)."""

import json

import pytest

from tests.golden_files import CASES, GOLDEN, ROOT, summarise


@pytest.mark.parametrize(("name", "source"), CASES, ids=[c[0] for c in CASES])
def test_golden(name, source, request):
    if "scanned" in source and not _has_ocr():
        pytest.skip("tesseract with the vie model is not installed")
    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    assert summarise(ROOT / source) == expected, (
        f"run `python -m tests.golden_files` and review the change of {name}"
    )


def test_golden_set_covers_every_format():
    suffixes = {source.rsplit(".", 1)[-1] for _, source in CASES}
    assert {"html", "docx", "pdf"} <= suffixes
    assert len(CASES) >= 10


def _has_ocr() -> bool:
    import os

    from review.ingest.pdf import ocr_available

    # CI installs Tesseract (.ci/run): there the scanned golden must run, never skip.
    return os.environ.get("CI") == "true" or ocr_available("vie")
