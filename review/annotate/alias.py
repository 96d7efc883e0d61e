"""Alias definitions: "Luật Đầu tư theo phương thức đối tác công tư (sau đây gọi là Luật PPP)". The alias is one
more mention of the document it names (REFERENCE-CONVENTIONS.md, What is a reference), a citation whatever the
sentence does to the document: the operation is on the first mention, the alias only names it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from review.models import Reference

# "(sau đây gọi là …)", "(sau đây gọi tắt là …)", "(gọi chung là …)" right after the mention.
_ALIAS = re.compile(
    r"\(\s*(?:sau\s+đây\s+)?(?:được\s+)?gọi\s+(?:tắt\s+|chung\s+)?là\s+(?P<name>[^()]{2,120}?)\s*\)",
    re.IGNORECASE,
)
# An alias that names a document, not a thing ("(sau đây gọi là thanh tra)", "(sau đây gọi chung là Ngành)").
_DOCUMENT_NAME = re.compile(
    r"(?:Hiến\s+pháp|Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết|Thông\s+tư(?:\s+liên\s+tịch)?|Quyết\s+định|"
    r"Chỉ\s+thị|Công\s+ước|Hiệp\s+định)\b"
)
# How far the alias may stand from the mention it names: the mention's date, issuer and trích yếu come between.
_REACH = 400
RULE = "relation.alias"


def with_aliases(text: str, refs: list[Reference]) -> list[Reference]:
    """``refs`` (in text order) with each alias a citation of the document it names: a reference found inside the
    alias becomes a ``cites`` of the whole document; an alias found as no reference ("Luật PPP") is added as one."""
    if "gọi" not in text:
        return refs
    out = list(refs)
    for m in _ALIAS.finditer(text):
        name = m.group("name")
        if not _DOCUMENT_NAME.match(name):
            continue
        named = [
            r
            for r in out
            if r.end <= m.start() and m.start() - r.end <= _REACH and (r.target.doc or r.target.title)
        ]
        if not named:
            continue
        first = named[-1]
        whole = replace(first.target, units=(), missing_units=())
        inside = [k for k, r in enumerate(out) if m.start("name") <= r.start and r.end <= m.end("name")]
        for k in inside:
            out[k] = replace(out[k], relation="cites", rule=RULE)
        if not inside:
            alias = replace(whole, title=name.strip())
            out.append(
                Reference(first.doc, first.unit, m.start("name"), m.end("name"), name, "cites", alias, RULE)
            )
    # one citation per mention: the companions of a reference the alias made a citation are dropped
    seen: set[tuple[int, int, str]] = set()
    kept = []
    for r in sorted(out, key=lambda r: (r.start, r.end)):
        key = (r.start, r.end, r.relation)
        if key not in seen:
            kept.append(r)
        seen.add(key)
    return kept
