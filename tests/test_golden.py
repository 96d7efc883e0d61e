"""Golden structure files for real documents of every format (tests/golden/, reviewed by reading)."""

import json

import pytest

from tests.conftest import has_ocr, pdf_needs_ocr, require_tool
from tests.golden_files import CASES, GOLDEN, ROOT, summarise


@pytest.mark.parametrize(("name", "source"), CASES, ids=[c[0] for c in CASES])
def test_golden(name, source, request):
    if source.endswith(".pdf") and pdf_needs_ocr(ROOT / source):
        require_tool(
            has_ocr(), "tesseract with the vie model", "apt-get install tesseract-ocr tesseract-ocr-vie"
        )
    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    assert summarise(ROOT / source) == expected, (
        f"run `python -m tests.golden_files` and review the change of {name}"
    )


def test_golden_set_covers_every_format():
    suffixes = {source.rsplit(".", 1)[-1] for _, source in CASES}
    assert {"html", "docx", "pdf"} <= suffixes
    assert len(CASES) >= 10
