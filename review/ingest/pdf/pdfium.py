"""Words of a page's text layer read with pdfium (pypdfium2), grouped into words by pdfplumber's own word rule.

pdfplumber reads the text layer through pdfminer, a pure-Python content-stream interpreter: 2–3 pages per
CPU-second on the 32-page luat_lao_dong.pdf. pdfium reads the same characters about ten times faster. Each
character's box comes from pdfium (its loose box: the advance width, the font's descent) with its height set to
the font size as pdfminer sets it; pdfium's generated spaces (where the PDF moves the pen instead of drawing a
space) stand at the end of the character before them, and its generated hyphen (U+0002) is a hyphen. The chars
then go through pdfplumber's ``WordExtractor`` with the same settings as ``page.extract_words()``, so the words
are pdfplumber's: on every page of the corpus PDFs their texts are identical.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c
from pdfplumber.utils.text import WordExtractor

_EXTRACTOR = WordExtractor(x_tolerance=3, y_tolerance=3, keep_blank_chars=False, use_text_flow=False)
_IMAGE = pdfium_c.FPDF_PAGEOBJ_IMAGE


def page_chars(page: pypdfium2.PdfPage) -> list[dict[str, Any]]:
    """The page's characters as pdfplumber char dicts (top-left origin, PDF points)."""
    height = page.get_height()
    textpage = page.get_textpage()
    rect = pdfium_c.FS_RECTF()
    box = ctypes.byref(rect)
    # The raw handle and the C functions bound once: four calls per character are most of a page's cost.
    handle = textpage.raw
    get_unicode = pdfium_c.FPDFText_GetUnicode
    is_generated = pdfium_c.FPDFText_IsGenerated
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    font_size = pdfium_c.FPDFText_GetFontSize
    chars: list[dict[str, Any]] = []
    try:
        for i in range(textpage.count_chars()):
            code = get_unicode(handle, i)
            if code == 0:
                continue
            c = "-" if code == 2 else chr(code)
            if c.isspace():
                if c in "\r\n" and is_generated(handle, i) == 1:
                    continue
                if chars:
                    p = chars[-1]
                    chars.append({**p, "text": " ", "x0": p["x1"]})
                continue
            get_box(handle, i, box)
            size = font_size(handle, i)
            top = height - (rect.bottom + size)
            chars.append(
                {
                    "text": c,
                    "x0": rect.left,
                    "x1": rect.right,
                    "top": top,
                    "doctop": top,
                    "bottom": height - rect.bottom,
                    "upright": True,
                    "size": size,
                }
            )
    finally:
        textpage.close()
    return chars


def page_words(page: pypdfium2.PdfPage) -> list[dict[str, Any]]:
    return _EXTRACTOR.extract_words(page_chars(page))


def image_share(page: pypdfium2.PdfPage) -> float:
    """The share of the page covered by images (a scan is one large image)."""
    width, height = page.get_size()
    area = float(width * height) or 1.0
    covered = 0.0
    for obj in page.get_objects(filter=[_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        covered += max(0.0, right - left) * max(0.0, top - bottom)
    return min(1.0, covered / area)
