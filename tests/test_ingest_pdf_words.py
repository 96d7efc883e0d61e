"""The PDF reader's own word grouping (review.ingest.pdf.pdfium.page_words, on tuples) gives exactly the words
of pdfplumber's ``WordExtractor`` with ``page.extract_words()``'s settings, on the same characters (issue 15:
PDF at pdfium speed without changing what is read)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest
from pdfplumber.utils.text import WordExtractor

from review.ingest.pdf.pdfium import page_chars, page_words

ROOT = Path(__file__).resolve().parents[1]
PDFS = [
    "tests/data/pdf/text_luat_lao_dong_p1-3.pdf",  # a law's text layer
    "tests/data/pdf/header_two_column_59_nd.pdf",  # the two-column header
    "corpus/local/hn_qd_04_2025.pdf",  # pdfium's generated hyphens (U+0002)
    "corpus/local/hn_qd_33_2025.pdf",
    "tests/data/pdf/scanned_59_nd_p1.pdf",  # a scan: no characters, no words
]


def _plumber_words(chars):
    dicts = [
        {"text": t, "x0": x0, "x1": x1, "top": top, "doctop": top, "bottom": bottom, "upright": True}
        for t, x0, x1, top, bottom in chars
    ]
    extractor = WordExtractor(x_tolerance=3, y_tolerance=3, keep_blank_chars=False, use_text_flow=False)
    return [(w["text"], w["x0"], w["x1"], w["top"], w["bottom"]) for w in extractor.extract_words(dicts)]


@pytest.mark.parametrize("name", PDFS)
def test_words_are_pdfplumbers(name):
    pdf = pypdfium2.PdfDocument(str(ROOT / name))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            assert page_words(page) == _plumber_words(page_chars(page)), f"{name} page {index + 1}"
            page.close()
    finally:
        pdf.close()


def test_generated_hyphen_is_read_as_a_hyphen():
    pdf = pypdfium2.PdfDocument(str(ROOT / "corpus/local/hn_qd_04_2025.pdf"))
    try:
        texts = "".join(c[0] for c in page_chars(pdf[0]))
    finally:
        pdf.close()
    assert "\x02" not in texts and "\ufffe" not in texts
    assert "-" in texts
