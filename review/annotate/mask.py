"""Mask: provenance notes that describe a text's history rather than say anything themselves.

"(được sửa đổi, bổ sung bởi Điều 1 Nghị định số 48/2013/NĐ-CP)" inside a consolidated text, or a Bộ pháp điển
source note, names documents without the text acting on or citing them (domain notes §2.2, §8.15); the
references in such notes are skipped. The pháp điển source notes themselves are read by
``source_note_references``, for the graph and for the cross-check against the compilation's own links.
"""

from __future__ import annotations

import re

from review.annotate.find import find_references
from review.annotate.resolve import Context, to_reference
from review.models import Reference

_PROVENANCE_OPEN = re.compile(
    r"\(\s*(?:(?:đã\s+được|được|có\s+nội\s+dung\s+được|nội\s+dung\s+(?:này\s+)?được|bị|đã\s+bị)\s+"
    r"(?:sửa\s+đổi|bổ\s+sung|bãi\s+bỏ|thay\s+thế|hướng\s+dẫn|đính\s+chính|hợp\s+nhất|quy\s+định\s+chi\s+tiết)"
    # Without the auxiliary, only with the agent's preposition: "(sửa đổi, bổ sung tại Luật … số 72/2025/QH15)".
    r"|(?:sửa\s+đổi|bổ\s+sung|bãi\s+bỏ|thay\s+thế)(?:\s*,\s*bổ\s+sung)?\s+(?:bởi|tại|theo)\s)",
    re.IGNORECASE,
)


_PAREN = re.compile(r"[()]")


def masked_spans(text: str) -> list[tuple[int, int]]:
    """The parenthesised provenance notes of ``text``, in order, not overlapping (a note opening inside one already
    found is part of it, so an unclosed parenthesis costs one pass, not one per opening)."""
    if SOURCE_NOTE.match(text):
        return []  # a source note is read by source_note_references, not masked
    spans: list[tuple[int, int]] = []
    for m in _PROVENANCE_OPEN.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue
        depth, end = 0, len(text)
        for p in _PAREN.finditer(text, m.start()):
            depth += 1 if p.group(0) == "(" else -1
            if depth == 0:
                end = p.end()
                break
        spans.append((m.start(), end))
    return spans


_AMENDED_BY = re.compile(
    r"(?P<verb>(?:có\s+nội\s+dung\s+)?(?:được|bị)\s+(?:sửa\s+đổi(?:,\s*bổ\s+sung)?|bổ\s+sung|bãi\s+bỏ|hủy\s+bỏ|huỷ\s+bỏ"
    r"|thay\s+thế|ngưng\s+hiệu\s+lực|đình\s+chỉ(?:\s+việc\s+thi\s+hành)?|đính\s+chính))\s*(?:,\s*bổ\s+sung)?\s+(?:bởi|tại|theo)",
    re.IGNORECASE,
)
# A Bộ pháp điển source note: "(Điều 5 Luật số 28/2001/QH10, có hiệu lực thi hành kể từ ngày …)".
SOURCE_NOTE = re.compile(
    r"^\s*\(\s*(?:Điều|Khoản|Điểm)\s+\S+.{0,400}?có\s+hiệu\s+lực\s+thi\s+hành\s+kể\s+từ", re.DOTALL
)


def _verb_relation(verb: str) -> str:
    verb = verb.lower()
    if "ngưng" in verb or "đình chỉ" in verb:
        return "suspends"
    if "đính chính" in verb:
        return "corrects"
    if "hủy" in verb or "huỷ" in verb:
        return "repeals"
    if "sửa" in verb:
        return "amends"
    if "bổ sung" in verb:
        return "supplements"
    if "bãi" in verb:
        return "repeals"
    return "replaces"


def source_note_references(note: str) -> list[tuple[str, Reference]]:
    """A Bộ pháp điển source note read as (role, reference) pairs: role "source" for the article's source
    ("Điều 5 Luật số 28/2001/QH10 …") and "amended_by" for each "có nội dung được sửa đổi bởi Điều 2 Luật số
    32/2009/QH12", whose relation (amends, supplements, repeals, replaces) is what that document did."""
    found = find_references(note)
    out: list[tuple[str, Reference]] = []
    for i, f in enumerate(found):
        if f.doc is None or not f.doc.number:
            continue
        before = note[found[i - 1].end if i else 0 : f.start]
        verbs = list(_AMENDED_BY.finditer(before))
        if i == 0 and not verbs:
            out.append(("source", to_reference(f, note, "cites", "phapdien.source", Context())))
        elif verbs:
            # "có nội dung được sửa đổi, có nội dung được bổ sung bởi …": any amendment among them amends.
            relation = _verb_relation(
                before[before.find(verbs[0].group(0)) - 80 if verbs[0].start() > 80 else 0 :]
            )
            out.append(("amended_by", to_reference(f, note, relation, "phapdien.amended_by", Context())))
        elif out and out[-1][0] == "amended_by":
            # "… được sửa đổi bởi Điều 1 Luật A và Điều 2 Luật B": the verb carries over a list.
            out.append(
                ("amended_by", to_reference(f, note, out[-1][1].relation, "phapdien.amended_by", Context()))
            )
    return out
