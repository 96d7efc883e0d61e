"""Words of a page's text layer read with pdfium (pypdfium2), grouped into words by pdfplumber's own word rule.

pdfplumber reads the text layer through pdfminer, a pure-Python content-stream interpreter: 2–3 pages per
CPU-second on the 32-page luat_lao_dong.pdf. pdfium reads the same characters about ten times faster. Each
character's box comes from pdfium (its loose box: the advance width, the font's descent) with its height set to
the font size as pdfminer sets it; pdfium's generated spaces (where the PDF moves the pen instead of drawing a
space) stand at the end of the character before them, and its generated hyphen (U+0002) is a hyphen. The chars
are grouped into words by pdfplumber's own rule (``WordExtractor`` with the settings of ``page.extract_words()``),
re-done here on tuples: its words exactly, on every page of the corpus and fixture PDFs, several times faster.
"""

from __future__ import annotations

import ctypes

import pypdfium2
import pypdfium2.raw as pdfium_c

_IMAGE = pdfium_c.FPDF_PAGEOBJ_IMAGE


Char = tuple[str, float, float, float, float]  # text, x0, x1, top, bottom (top-left origin, PDF points)
WordBox = Char  # a word has the same shape: its text and the box of its characters


def page_chars(page: pypdfium2.PdfPage) -> list[Char]:
    """The page's characters with pdfplumber's boxes (top-left origin, PDF points)."""
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
    chars: list[Char] = []
    try:
        count = textpage.count_chars()
        # The page's text in one call (UTF-16, one unit per character when it gives count + 1 with the end);
        # where it differs from FPDFText_GetUnicode — the generated hyphen (U+0002) comes out as U+FFFE, a
        # character beyond U+FFFF as a surrogate — that character is asked for alone.
        units = (ctypes.c_ushort * (count + 1))()
        whole = pdfium_c.FPDFText_GetText(handle, 0, count, units) == count + 1
        for i in range(count):
            code = units[i] if whole else get_unicode(handle, i)
            if code in (0, 0xFFFE) or 0xD800 <= code <= 0xDFFF:
                code = get_unicode(handle, i)
            if code == 0:
                continue
            c = "-" if code == 2 else chr(code)
            if c.isspace():
                if c in "\r\n" and is_generated(handle, i) == 1:
                    continue
                if chars:
                    _, _, x1, top, bottom = chars[-1]
                    chars.append((" ", x1, x1, top, bottom))
                continue
            get_box(handle, i, box)
            size = font_size(handle, i)
            chars.append((c, rect.left, rect.right, height - (rect.bottom + size), height - rect.bottom))
    finally:
        textpage.close()
    return chars


_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}  # pdfplumber's
_LIGATURE_TABLE = str.maketrans(_LIGATURES)
_TOLERANCE = 3.0  # pdfplumber's x_tolerance and y_tolerance of page.extract_words()


def _lines(chars: list[Char]) -> list[list[Char]]:
    """pdfplumber's line clustering: distinct tops chained within the tolerance, lines from the top down, each
    line's characters (in reading order first) sorted by x0."""
    cluster: dict[float, int] = {}
    n = -1
    last = None
    for top in sorted({c[3] for c in chars}):
        if last is None or top > last + _TOLERANCE:
            n += 1
        cluster[top] = n
        last = top
    lines: list[list[Char]] = [[] for _ in range(n + 1)]
    for c in chars:
        lines[cluster[c[3]]].append(c)
    return [sorted(line, key=lambda c: c[1]) for line in lines]


def _merge(word: list[Char]) -> WordBox:
    texts, x0s, x1s, tops, bottoms = zip(*word, strict=True)
    return ("".join(texts).translate(_LIGATURE_TABLE), min(x0s), max(x1s), min(tops), max(bottoms))


def page_words(page: pypdfium2.PdfPage) -> list[WordBox]:
    """The page's words as pdfplumber's ``extract_words()`` groups them (x and y tolerance 3, blanks split
    words, left to right in lines from the top down), computed on tuples: the same words, a few times faster
    than pdfplumber's ``WordExtractor`` on dicts (tests/test_ingest_pdf.py compares them)."""
    words: list[WordBox] = []
    tol = _TOLERANCE
    for line in _lines(page_chars(page)):
        current: list[Char] = []
        for c in line:
            if c[0].isspace():
                if current:
                    words.append(_merge(current))
                current = []
            elif current and (
                c[1] < (prev := current[-1])[1] or c[1] > prev[2] + tol or abs(c[3] - prev[3]) > tol
            ):
                words.append(_merge(current))
                current = [c]
            else:
                current.append(c)
        if current:
            words.append(_merge(current))
    return words


def image_share(page: pypdfium2.PdfPage) -> float:
    """The share of the page covered by images (a scan is one large image)."""
    width, height = page.get_size()
    area = float(width * height) or 1.0
    covered = 0.0
    for obj in page.get_objects(filter=[_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        covered += max(0.0, right - left) * max(0.0, top - bottom)
    return min(1.0, covered / area)
