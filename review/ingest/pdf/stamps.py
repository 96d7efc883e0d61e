"""Text stamped by e-signature and form widgets: the number and the day and month of an e-signed decision.

Provinces sign their documents electronically, and the signing software stamps the number and date into
widget annotations laid over the blanks of the page ("Số:      /2025/QĐ-UBND", "Hà Nội, ngày    tháng    năm
2025"). That text lives in the widgets' appearance streams, not in the page's text layer, so pdfplumber (and a
plain pypdfium2 text page) read the blanks. pypdfium2 can flatten the widgets into the page content
(``FPDFPage_Flatten``); the characters the flattening adds, each with its box, are the stamped words, and
they are put back on the page where they are printed, so the lines read "Số: 13/2025/QĐ-UBND" and "ngày 28
tháng 02 năm 2025". pdfium was chosen over parsing the appearance streams ourselves (nested form XObjects,
CID fonts with their own encodings) and over poppler's ``pdftotext`` (a system binary, and it prints stamps away
from where they sit).
"""

from __future__ import annotations

import ctypes
import io
import re

import pypdfium2
import pypdfium2.raw as pdfium_c

from review.ingest.pdf.page import Word, light_clean

_WIDGET = pdfium_c.FPDF_ANNOT_WIDGET
_FLATTENED = (pdfium_c.FLATTEN_SUCCESS,)


def _widget_rects(page: pypdfium2.PdfPage) -> list[tuple[float, float, float, float]]:
    rects = []
    for i in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, i)
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) != _WIDGET:
                continue
            r = pdfium_c.FS_RECTF()
            if pdfium_c.FPDFAnnot_GetRect(annot, r):
                rects.append(
                    (min(r.left, r.right), min(r.bottom, r.top), max(r.left, r.right), max(r.bottom, r.top))
                )
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return rects


def has_widgets(page: pypdfium2.PdfPage) -> bool:
    """Whether the page has widget annotations (read while the page is open for its text, so that a PDF
    without any is not opened a second time for its stamps)."""
    return bool(_widget_rects(page))


def stamped_words(
    data: bytes, max_pages: int | None = None, only: set[int] | None = None
) -> dict[int, list[Word]]:
    """The words stamped by widgets, by page number (1-based), in pdfplumber's top-left coordinates. Pages
    without widgets, and PDFs pdfium cannot open, give nothing (the text layer is read as it is). ``only``:
    the page numbers known to have widgets (the others are not looked at)."""
    if only is not None and not only:
        return {}
    try:
        pdf = pypdfium2.PdfDocument(data)
    except Exception:  # pdfium refuses what pdfplumber may still read; stamps are a bonus
        return {}
    try:
        count = len(pdf) if max_pages is None else min(len(pdf), max_pages)
        before: dict[int, tuple[int, list[tuple[float, float, float, float]]]] = {}
        for index in range(count):
            if only is not None and index + 1 not in only:
                continue
            page = pdf[index]
            rects = _widget_rects(page)
            if not rects:
                continue
            text = page.get_textpage()
            before[index] = (text.count_chars(), rects)
            text.close()
            if pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_NORMALDISPLAY) not in _FLATTENED:
                del before[index]
        if not before:
            return {}
        buffer = io.BytesIO()
        pdf.save(buffer)
    finally:
        pdf.close()
    flat = pypdfium2.PdfDocument(buffer.getvalue())
    try:
        out: dict[int, list[Word]] = {}
        for index, (start, rects) in before.items():
            page = flat[index]
            height = page.get_height()
            text = page.get_textpage()
            words = _new_words(text, start, rects, height)
            text.close()
            if words:
                out[index + 1] = words
        return out
    finally:
        flat.close()


_LEADER = re.compile(r"[.…]{2,}|…")


def fill_blanks(words: list[Word], stamps: list[Word]) -> list[Word]:
    """The page's words with the stamps laid in: a dotted blank a stamp covers ("ngày ……tháng…."), read as one
    word by the text layer, is cut at its dots and the dots are dropped, so the stamp falls between the words."""
    if not stamps:
        return words
    out: list[Word] = []
    for w in words:
        covered = any(s.x0 < w.x1 and w.x0 < s.x1 and s.top < w.bottom and w.top < s.bottom for s in stamps)
        if not covered or not _LEADER.search(w.text):
            out.append(w)
            continue
        step = (w.x1 - w.x0) / max(1, len(w.text))
        for m in re.finditer(r"[^.…]+|[.…]+", w.text):
            piece = m.group(0)
            if _LEADER.fullmatch(piece) or set(piece) <= {"."}:
                continue
            out.append(Word(piece, w.x0 + step * m.start(), w.x0 + step * m.end(), w.top, w.bottom))
    return out + stamps


def _new_words(text, start: int, rects, height: float) -> list[Word]:
    """The characters after ``start`` (what flattening added) that lie inside a widget, grouped into words."""
    words: list[Word] = []
    current: list[tuple[str, float, float, float, float]] = []

    def flush() -> None:
        if current:
            word = light_clean("".join(c for c, *_ in current))
            if word:
                x0 = min(b[1] for b in current)
                x1 = max(b[2] for b in current)
                top = height - max(b[4] for b in current)
                bottom = height - min(b[3] for b in current)
                words.append(Word(word, x0, x1, top, bottom))
            current.clear()

    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    for i in range(start, text.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(text, i)
        ch = chr(code) if code else ""
        if not ch.strip():
            flush()
            continue
        if not pdfium_c.FPDFText_GetCharBox(text, i, left, right, bottom, top):
            continue
        cx, cy = (left.value + right.value) / 2, (bottom.value + top.value) / 2
        if not any(x0 - 1 <= cx <= x1 + 1 and y0 - 1 <= cy <= y1 + 1 for x0, y0, x1, y1 in rects):
            flush()
            continue
        if current and left.value - current[-1][2] > 2.5:
            flush()  # a gap: another word
        current.append((ch, left.value, right.value, bottom.value, top.value))
    flush()
    return words
