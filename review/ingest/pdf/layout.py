"""Layout of the lines of a page: words grouped into lines, running headers, footers and bare page numbers dropped
(the page number survives as provenance in ``RawDocument.pages``), the two-column header block of page 1 read
column by column, and a line break inside a clearly broken word joined."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise
from statistics import median

from review.ingest.pdf.page import Line, Page, Word
from review.text.fold import fold
from review.vocab import printed_title_types

# Running headers and footers live in the first / last few lines of a page; a line is "running" when it is
# there on at least this share of the pages (odd and even pages often differ, hence well under a half).
_EDGE_LINES = 3
_RUNNING_MIN_SHARE = 0.3
_RUNNING_MIN_PAGES = 2
_RUNNING_MIN_DOC_PAGES = 3

# The header block sits above the document-type line; without one, in the top quarter of page 1.
_HEADER_ZONE_SHARE = 0.25
_TITLE_MAX_SHARE = 0.5
_MIN_COLUMN_GAP_SHARE = 0.02

# Title lines of the document types (docs/vietnamese-legal-domain.md; review/data/doc_types.json without Công văn,
# which has none). Compared accent-folded and without spaces, because OCR writes "QUYÉT ĐỊNH" or "THÔNG B ÁO".
_DOC_TYPES = tuple(t.upper() for t in printed_title_types())
_TITLE_KEYS = frozenset(fold(t).replace(" ", "") for t in _DOC_TYPES)
_TITLE_MAX_WORDS = max(len(t.split()) for t in _DOC_TYPES) + 2  # room for a word OCR split in two

# Bare page numbers: "12", "- 12 -", "Trang 12", "Trang 3/10", "12/31".
_PAGE_NUMBER_RES = (
    re.compile(r"[-–—]?\s*\d{1,4}\s*[-–—]?"),
    re.compile(r"(?:trang|page)\s*\d{1,4}(?:\s*(?:/|trên|of)\s*\d{1,4})?", re.IGNORECASE),
    re.compile(r"\d{1,4}\s*/\s*\d{1,4}"),
)
_DIGITS_RE = re.compile(r"\d+")
# The national motto repeats at the top of every form in an annex; it is content there, never a running header.
_MOTTO_RE = re.compile(r"cộng h(?:òa|oà) xã hội chủ nghĩa|độc lập\s*-\s*tự do", re.IGNORECASE)
_EDGE_NUMBER_RE = re.compile(r"^#\s+|\s+#$")

# A hyphen at the end of a line joins the next line only for clearly broken tokens: a foreign word split
# inside (plain ASCII letters on both sides; Vietnamese syllables are never split, so a hyphen after one is a
# compound's hyphen) or a document number such as "59/2022/NĐ-" + "CP".
_BROKEN_ASCII_RE = re.compile(r"(?:^|\s)[A-Za-z]{2,}-$")
_NEXT_ASCII_RE = re.compile(r"[a-z]{2,}\b")
_BROKEN_NUMBER_RE = re.compile(r"\d+/[^\s/]*(?:/[^\s/]*)*-$")
_NEXT_NUMBER_PART_RE = re.compile(r"[A-ZĐ]")


# --- lines ---


def assemble_lines(words: list[Word]) -> list[Line]:
    """Group words into lines by their vertical middles, top to bottom, each line left to right.

    Sorted by middle, consecutive words closer than half a typical word height share a line, so words of
    different sizes on one baseline (a bold heading, a superscript) stay together. Linear after the sort."""
    if not words:
        return []
    tolerance = 0.5 * median(w.bottom - w.top for w in words)
    ordered = sorted(words, key=lambda w: w.middle)
    lines: list[Line] = [[ordered[0]]]
    for prev, word in pairwise(ordered):
        if word.middle - prev.middle <= tolerance:
            lines[-1].append(word)
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    return lines


def _line_text(line: Line) -> str:
    return " ".join(w.text for w in line)


# --- running headers, footers, page numbers ---


def is_page_number(text: str) -> bool:
    return any(r.fullmatch(text) for r in _PAGE_NUMBER_RES)


def _running_key(text: str) -> str:
    """What a running line has in common across pages: digits as '#', a page number at either end dropped."""
    key = _DIGITS_RE.sub("#", " ".join(text.lower().split()))
    return _EDGE_NUMBER_RE.sub("", key)


def drop_running_lines(pages: list[Page]) -> None:
    top, bottom = _running_keys(pages)
    for page in pages:
        lines = page.lines
        start = 0
        while start < min(_EDGE_LINES, len(lines)) and _is_running(lines[start], top):
            start += 1
        end = len(lines)
        while end > max(start, len(lines) - _EDGE_LINES) and _is_running(lines[end - 1], bottom):
            end -= 1
        page.lines = lines[start:end]


def _running_keys(pages: list[Page]) -> tuple[set[str], set[str]]:
    """Keys of lines that repeat near the top (and near the bottom) of many pages."""
    if len(pages) < _RUNNING_MIN_DOC_PAGES:
        return set(), set()
    need = max(_RUNNING_MIN_PAGES, math.ceil(_RUNNING_MIN_SHARE * len(pages)))
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for page in pages:
        top.update({_running_key(_line_text(line)) for line in page.lines[:_EDGE_LINES]})
        bottom.update({_running_key(_line_text(line)) for line in page.lines[-_EDGE_LINES:]})
    return _frequent(top, need), _frequent(bottom, need)


def _frequent(counts: Counter[str], need: int) -> set[str]:
    # A key that is only a number is a page number, handled on its own.
    return {k for k, n in counts.items() if n >= need and k.strip("#-–— /") and not _MOTTO_RE.search(k)}


def _is_running(line: Line, keys: set[str]) -> bool:
    text = _line_text(line)
    return is_page_number(text) or _running_key(text) in keys


# --- the two-column header block of page 1 ---


def split_header_columns(lines: list[Line], width: float, height: float) -> list[Line]:
    """Read the header block column by column: left column's lines, then the right column's, then the rest.

    The zone is the lines above the document-type title (or the top quarter of the page); when something crosses
    the gap between the columns lower down (a stamp, a centred line), the longest top part that has one is used."""
    for end in range(_header_zone_end(lines, height), 1, -1):
        zone = [w for line in lines[:end] for w in line]
        gap = _column_gap(zone, width)
        if gap is None:
            continue
        left = [w for w in zone if w.x1 <= gap]
        right = [w for w in zone if w.x0 >= gap]
        return assemble_lines(left) + assemble_lines(right) + lines[end:]
    return lines


def _header_zone_end(lines: list[Line], height: float) -> int:
    """Index of the first line after the header zone: the document-type line, or the top quarter's end."""
    for i, line in enumerate(lines):
        if line[0].top > _TITLE_MAX_SHARE * height:
            break
        if _is_title_line(line):
            return i
    limit = _HEADER_ZONE_SHARE * height
    return sum(1 for line in lines if max(w.bottom for w in line) <= limit)


def _is_title_line(line: Line) -> bool:
    """The line ends with a document type in capitals (a stamp read by OCR may stand to its left)."""
    tail = ""
    for word in reversed(line[-_TITLE_MAX_WORDS:]):
        if not word.text.isupper():
            return False
        tail = fold(word.text) + tail
        if tail in _TITLE_KEYS:
            return True
    return False


def _column_gap(words: list[Word], width: float) -> float | None:
    """The x in the widest empty vertical band between words near the page's middle, or None.

    Any word crossing the band (a body line, a centred title) closes it, so body text is never split."""
    spans = sorted((w.x0, w.x1) for w in words)
    best: tuple[float, float] | None = None
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 > reach:
            middle = (x0 + reach) / 2
            inside = 0.2 * width <= middle <= 0.8 * width
            if inside and (best is None or x0 - reach > best[1] - best[0]):
                best = (reach, x0)
        reach = max(reach, x1)
    if best is None or best[1] - best[0] < _MIN_COLUMN_GAP_SHARE * width:
        return None
    return (best[0] + best[1]) / 2


# --- text ---


def join_broken_words(texts: Iterable[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        if out and _is_broken_across(out[-1], text):
            prev = out[-1]
            out[-1] = prev[:-1] + text if _BROKEN_ASCII_RE.search(prev) else prev + text
        else:
            out.append(text)
    return out


def _is_broken_across(prev: str, nxt: str) -> bool:
    if _BROKEN_NUMBER_RE.search(prev):
        return bool(_NEXT_NUMBER_PART_RE.match(nxt))
    return bool(_BROKEN_ASCII_RE.search(prev) and _NEXT_ASCII_RE.match(nxt))


def page_text(page: Page) -> str:
    return "\n".join(join_broken_words(_line_text(line).rstrip() for line in page.lines))
