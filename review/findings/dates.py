"""The ``deadline`` shape: deadlines and target dates in a provision that have passed on the date ("chậm nhất là
ngày 01 tháng 7 năm 2026 …", "đến năm 2020 hoàn thành …"), told apart from conditions on the past ("giấy phép
được cấp trước ngày …") and from dates in a document's name."""

from __future__ import annotations

import re
from collections.abc import Iterator

from review.findings.context import RuleContext, sentence_around
from review.findings.registry import Hit, Rule, shape

_DEADLINE = re.compile(
    r"(?:(?:đến|trước|chậm\s+nhất(?:\s+là)?|trong)\s+(?:hết\s+)?(?:năm\s+(?P<y>(?:19|20)\d{2})\b"
    r"|ngày\s+(?P<d>\d{1,2})\s*(?:tháng\s+|/)(?P<m>\d{1,2})\s*(?:năm\s+|/)(?P<y2>(?:19|20)\d{2})))",
    re.IGNORECASE,
)
_OBLIGATION = re.compile(r"có\s+trách\s+nhiệm|phải|hoàn\s+thành", re.IGNORECASE)
_TARGET_BEFORE = re.compile(r"(?:hoàn\s+thành|phấn\s+đấu|mục\s+tiêu|đạt)[^.;]{0,60}$", re.IGNORECASE)
_NOT_A_DEADLINE = re.compile(
    r"ban\s+hành|có\s+hiệu\s+lực|ký|của\s+(?:Chính\s+phủ|Bộ|Quốc\s+hội|Thủ\s+tướng)|thành\s+lập|số\s+\d", re.I
)


@shape("deadline", params=("confidence",), placeholders=("m", "when", "at"))
def past_deadline(ctx: RuleContext, rule: Rule) -> Iterator[Hit]:
    for unit in ctx.units:
        for m in _DEADLINE.finditer(unit.text):
            if m["y"]:
                when = f"{m['y']}-12-31"
            else:
                try:
                    when = f"{int(m['y2']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
                except ValueError:
                    continue
            if when >= ctx.at:
                continue
            sentence = sentence_around(unit.text, m.start(), m.end())
            after = unit.text[m.end() : m.end() + 30]
            before = unit.text[max(0, m.start() - 80) : m.start()]
            if _NOT_A_DEADLINE.match(after.strip()):
                continue
            # A deadline, not a condition on the past ("giấy phép được cấp trước ngày 01/7/2025"): the date opens
            # the clause and an obligation follows, or it is "chậm nhất", or a target verb leads to it.
            clause_start = not re.sub(
                r"^[\s\d.a-zđ)]*", "", before.rsplit("\n", 1)[-1].rsplit(".", 1)[-1].strip()
            )
            opens = clause_start and _OBLIGATION.search(unit.text, m.end(), m.end() + 200)
            if not (opens or m.group(0).lower().startswith("chậm") or _TARGET_BEFORE.search(before)):
                continue
            if re.search(r"ngày\s+\d", m.group(0)) and re.match(r"\s*(?:của|về|quy\s+định)", after):
                continue  # "trước ngày 01/7/2016 của Chính phủ": a date in a document's name
            message = rule.message(m=m.group(0), when=when, at=ctx.at)
            confidence = rule.params["confidence"]
            yield Hit(unit.doc, unit.eid, m.start(), m.end(), m.group(0), *message, (), confidence, sentence)
