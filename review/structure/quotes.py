"""The quotation pass: which lines are quoted new text (“…” after "như sau:" in an amending document) and so
content of the amending unit rather than units of the amending document.

Runs before the tree is built; the builder closes a quotation left open where the document's own numbering
resumes (``review.structure.tree``)."""

from __future__ import annotations

from collections.abc import Sequence

from review import notes as codes
from review.models import Note
from review.structure import patterns as P
from review.structure.lines import Line, classify


def _quote_balance(text: str, depth: int) -> int:
    for ch in text:
        if ch in "“«":
            depth += 1
        elif ch in "”»":
            depth = max(depth - 1, 0)
        elif ch == '"':
            depth = depth + 1 if depth == 0 else depth - 1
    return depth


def _closes_at_end(text: str) -> bool:
    """A line that ends a quoted block: a closing quote at its end, maybe followed by punctuation ("”.", "\";")."""
    return bool(P.QUOTE_CLOSES_LINE.search(text))


def _likely_own_unit(text: str) -> bool:
    """Where new text with a missing closing quote most likely ends: the amending document's next instruction
    ("4. Bổ sung Điều 10a … như sau:", "Điều 3. Sửa đổi …") or its next chapter."""
    if text[0] in P.QUOTE_OPEN:
        return False
    heading = classify(text)
    if heading is None:
        return False
    if heading.kind == "chuong":
        return True
    return heading.kind in ("dieu", "khoan") and bool(P.OWN_INSTRUCTION.match(heading.rest))


def quoted_regions(lines: Sequence[Line]) -> tuple[set[int], list[Note], dict[int, int]]:
    """Indexes of lines that are quoted content, and notes for quotations that never close.

    A quotation block starts on a line that begins with an opening quote right after a line ending with a colon
    ("… như sau:"), or on a line whose quote opens right after a colon ("như sau: “…"); a stray quote in the middle of running text starts nothing, so a typo cannot swallow
    the rest of the document. Curly quotes nest, so a block ends where they balance. Straight quotes cannot say
    whether they open or close, so a block opened by one ends at the first line that ends with a quote: a
    missing closing quote then costs one amending instruction, not the rest of the document. A block that
    never closes is ignored and reported."""
    quoted: set[int] = set()
    found: list[Note] = []
    ends: dict[int, int] = {}  # line index → end (exclusive) of the multi-line region it belongs to
    i, n = 0, len(lines)
    while i < n:
        text = lines[i].text
        starts_quoted = text[0] in P.QUOTE_OPEN
        m = None if starts_quoted else P.QUOTE_OPENS_AFTER_COLON.search(text)
        if not starts_quoted and m is None:
            i += 1
            continue
        if starts_quoted and not (i > 0 and lines[i - 1].text.rstrip().endswith(":")):
            # Quoted new text follows an instruction ending "như sau:"; a quote anywhere else spans one line.
            quoted.add(i)
            i += 1
            continue
        cut = 0 if starts_quoted or m is None else m.end() - 1
        opener = text[cut]
        segment = text[cut:]
        if opener == '"':
            odd = segment.count('"') % 2 == 1
            closed_here = not odd or (len(segment) > 1 and _closes_at_end(segment[1:]))
            j = i + 1
            if not closed_here:
                while j < n:
                    line_text = lines[j].text
                    odd ^= line_text.count('"') % 2 == 1
                    j += 1
                    if not odd or _closes_at_end(line_text):
                        break
                else:
                    j = n + 1  # never closed
            depth = 0 if j <= n else 1
        else:
            depth = _quote_balance(segment, 0)
            j = i + 1
            while j < n and depth > 0:
                depth = _quote_balance(lines[j].text, depth)
                j += 1
        if depth > 0 or j > n:
            # New text of an amendment whose closing quote is missing: it runs until the document's own
            # numbering resumes (the builder closes it there), not to the end of the document.
            found.append(
                Note(
                    codes.UNCLOSED_QUOTE,
                    "a quotation opened here never closes; it ends at the next amending instruction or chapter",
                    line=lines[i].number,
                )
            )
            j = next((k for k in range(i + 1, n) if _likely_own_unit(lines[k].text)), n)
        if j == i + 1:
            if starts_quoted:
                quoted.add(i)
            i += 1
            continue
        region = range(i if starts_quoted else i + 1, j)
        quoted.update(region)
        ends.update(dict.fromkeys(region, j))
        i = j
    return quoted, found, ends
