"""Units that take their document from a neighbouring reference, across words the grouping does not join.

- Exceptions to a repeal: in "Bãi bỏ Thông tư số X, trừ khoản 3 Điều 8" the excepted units are of X, and they
  are cited, not repealed (REFERENCE-CONVENTIONS.md, Relations).
- Units interleaved with words, one trailing document: in "đối tượng tại Điều 2, mức thu tại Điều 5 và miễn thu
  tại Điều 7 của Luật Phí và lệ phí" every article is of that law (Targets).
- The units a scope sentence details, one trailing document: in "Thông tư này quy định chi tiết khoản 4 Điều 24;
  khoản 3 Điều 26 và biện pháp thi hành Luật Thi đua, khen thưởng" the clauses are of that law.
"""

from __future__ import annotations

import re

from review.annotate.find import Found

_EXCEPT = re.compile(
    r"(?:^|[,(])\s*(?:ngoại\s+)?trừ\s+(?:(?:các\s+)?(?:quy\s+định|nội\s+dung|trường\s+hợp\s+quy\s+định)\s+"
    r"(?:tại|của)\s+)?$",
    re.IGNORECASE,
)
# ", mức thu tại", "và miễn thu tại": a short phrase of words (no digits, no clause mark) ending in a locator.
_INTERLEAVED = re.compile(
    r"^\s*(?:,|;|,?\s*và)\s+(?:[^\W\d_]+\s+){1,6}?(?:tại|theo|ở|quy\s+định\s+tại)\s+$", re.IGNORECASE
)


def _bare(f: Found) -> bool:
    return f.doc is None and bool(f.paths) and not f.self_units


def _named(f: Found) -> bool:
    return f.doc is not None and not f.doc.self and bool(f.paths)


def repeal_exceptions(text: str, founds: list[Found]) -> set[int]:
    """Give the excepted bare units the document before them; the indexes of those references."""
    out: set[int] = set()
    for i in range(1, len(founds)):
        f = founds[i]
        gap = text[founds[i - 1].end : f.start]
        if not _bare(f) or len(gap) > 120 or not _EXCEPT.search(gap):
            continue
        # The document excepted from: the nearest one named before in the same sentence ("Thông tư số X hết
        # hiệu lực kể từ ngày Thông tư này có hiệu lực, trừ Điều 5": X, not "Thông tư này").
        for j in range(i - 1, max(-1, i - 6), -1):
            p = founds[j]
            if _SENTENCE_BREAK.search(text, p.end, f.start):
                break
            if p.doc is not None and not p.doc.self:
                f.doc = p.doc
                out.add(i)
                break
    return out


_SENTENCE_BREAK = re.compile(r"\n|;|\.\s")


def interleaved_units(text: str, founds: list[Found]) -> None:
    """Bare units joined to a later named provision by interleaved phrases take that provision's document."""
    for i in range(len(founds) - 2, -1, -1):
        f, nxt = founds[i], founds[i + 1]
        if not _bare(f) or not (_named(nxt) or (nxt.doc is not None and nxt is not f)):
            continue
        if nxt.doc is None or nxt.doc.self or not nxt.paths:
            continue
        if _INTERLEAVED.match(text[f.end : nxt.start]):
            f.doc = nxt.doc


# A sentence that says what its document details or guides (REFERENCE-CONVENTIONS.md, guides).
_SCOPE = re.compile(
    r"quy\s+định\s+chi\s+tiết|hướng\s+dẫn|biện\s+pháp\s+(?:tổ\s+chức\s+)?thi\s+hành", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"\n|\.\s|:\s*$")


def scope_units(text: str, founds: list[Found]) -> None:
    """Bare units of a scope sentence take the document named after them in the same sentence, whatever words or
    semicolons stand between, unless the text's own document is named first ("… Điều 5 Thông tư này")."""
    for i in range(len(founds) - 1):
        f = founds[i]
        if not _bare(f) or not _SCOPE.search(text, max(0, f.start - 200), f.start):
            continue
        for nxt in founds[i + 1 :]:
            if _SENTENCE_END.search(text, f.end, nxt.start):
                break
            if nxt.doc is None:
                continue
            if not nxt.doc.self:
                f.doc = nxt.doc
            break
