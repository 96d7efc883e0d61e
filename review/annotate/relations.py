"""Resolve → relation: what the text around a reference says the acting document does to it.

The rules are data (review/data/annotate/relations.json): a "Căn cứ" line makes every reference in it the legal
basis; otherwise the nearest trigger before the reference in the same clause decides ("bãi bỏ", "sửa đổi, bổ
sung", "thay thế cụm từ", "quy định chi tiết" …) unless a blocker stands between ("theo quy định tại", "như
sau:" …), in which case, or without a trigger, the reference is a plain citation (``cites``).
"""

from __future__ import annotations

import re
from functools import cache

from review.annotate.lexicon import load

_QUOTED = re.compile(r"[“\"«][^”\"»]{0,400}[”\"»]")
# A clause ends at a line break, a colon, or a sentence-final period (not the dots of "100.000" or "Điều 5.1").
_CLAUSE_END = re.compile(r"\n|:|\.(?=\s+[A-ZĐÂĂÊÔƠƯ“\"])")
WINDOW = 300
_PASSIVE = re.compile(r"(?:được|bị|đã\s+được|đã\s+bị)\s*$", re.IGNORECASE)


@cache
def _rules():
    data = load("relations")
    combined = "|".join(f"(?P<r{i}>{t['pattern']})" for i, t in enumerate(data["triggers"]))
    return {
        "basis": re.compile(data["legal_basis_line"], re.IGNORECASE | re.MULTILINE),
        "triggers": re.compile(combined, re.IGNORECASE),
        "relations": [t["relation"] for t in data["triggers"]],
        "after": [(a["relation"], re.compile(a["pattern"], re.IGNORECASE)) for a in data["after"]],
        "blockers": re.compile(data["blockers"], re.IGNORECASE),
        "delegation": re.compile(data["delegation"], re.IGNORECASE),
    }


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def clause_start(text: str, pos: int) -> int:
    lo = max(0, pos - WINDOW)
    last = lo
    for m in _CLAUSE_END.finditer(text, lo, pos):
        last = m.end()
    return last


def is_legal_basis_line(text: str, pos: int) -> bool:
    start = line_start(text, pos)
    return bool(_rules()["basis"].match(text, start, pos))


def classify(text: str, start: int, end: int, *, preamble: bool = True) -> tuple[str, str]:
    """The relation a reference at text[start:end] expresses, and the rule that decided it.

    ``preamble``: whether a line starting "Căn cứ" is the document's preamble (True for free text; the corpus
    annotator passes False for units of the body, where "Căn cứ vào …" is ordinary wording)."""
    rules = _rules()
    if preamble and is_legal_basis_line(text, start):
        return "legal_basis", "relation.legal_basis_line"
    for relation, pattern in rules["after"]:
        if pattern.match(text, end, min(len(text), end + 240)):
            return relation, f"relation.after.{relation}"
    lo = clause_start(text, start)
    window = text[lo:start]
    last = None
    for m in rules["triggers"].finditer(window):
        last = m
    if last is None:
        return "cites", "relation.default"
    relation = rules["relations"][int(last.lastgroup[1:])]
    if _PASSIVE.search(window[: last.start()]):
        # "Điều 8 được sửa đổi, bổ sung bởi Nghị định X": the text reports what X did; it acts on nothing.
        return "cites", "relation.passive"
    gap = _QUOTED.sub(" ", window[last.end() :])
    if rules["blockers"].search(gap):
        return "cites", "relation.blocked"
    if relation == "guides" and rules["delegation"].search(window[max(0, last.start() - 80) : last.end()]):
        return "cites", "relation.delegation"
    return relation, f"relation.trigger.{relation}"
