"""Effectiveness statements as structured facts for the status engine (domain notes §4, §8.14):

- "<Luật|Nghị định|…> này có hiệu lực (thi hành) (kể) từ ngày D tháng M năm Y" → effective_from, the document;
- "… kể từ ngày ký (ban hành)" / "từ ngày thông qua" → effective_from "signing" / "adoption";
- "… trừ trường hợp quy định tại khoản 2 Điều này" → except_units;
- "<khoản 2 Điều 5> có hiệu lực từ ngày …" → effective_from for those units;
- "<document or units> hết hiệu lực (thi hành) (kể) từ ngày …" / "… từ ngày <this document> có hiệu lực" →
  expires;
- "(tạm) ngưng hiệu lực …" → suspended;
- "… tiếp tục có hiệu lực …" → continues.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from review.annotate.find import find_references
from review.annotate.lexicon import TYPE_WORDS_PATTERN
from review.annotate.resolve import Context, to_reference
from review.models import Fact, Reference

_DATE = (
    r"(?:ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
    r"|ngày\s+(?P<d2>\d{1,2})\s*[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4})"
    r"|(?P<event>ngày\s+ký(?:\s+ban\s+hành)?|ngày\s+ban\s+hành|ngày\s+thông\s+qua"
    rf"|ngày\s+(?:{TYPE_WORDS_PATTERN})\s+này\s+có\s+hiệu\s+lực(?:\s+thi\s+hành)?))"
)
_EFFECTIVE = re.compile(
    rf"có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:(?:kể\s+)?từ|vào|kể\s+từ)\s+{_DATE}", re.IGNORECASE
)
_EXPIRES = re.compile(
    rf"hết\s+hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+(?:(?:kể\s+)?từ|vào)\s+{_DATE})?", re.IGNORECASE
)
_SUSPENDED = re.compile(r"(?:tạm\s+)?ngưng\s+hiệu\s+lực|đình\s+chỉ\s+việc\s+thi\s+hành", re.IGNORECASE)
_CONTINUES = re.compile(r"tiếp\s+tục\s+(?:có\s+hiệu\s+lực|được\s+áp\s+dụng|thực\s+hiện)", re.IGNORECASE)
_UNTIL = re.compile(rf"đến\s+(?:hết\s+)?{_DATE}", re.IGNORECASE)
_EXCEPT = re.compile(r"trừ\s+(?:trường\s+hợp|các\s+trường\s+hợp|quy\s+định)", re.IGNORECASE)
_SENTENCE = re.compile(r"[^\n.;]+(?:\.(?=\d)[^\n.;]*)*")
# Every fact above needs one of these words: a sentence without them states no fact, and its references (the
# costly part) are not looked for. A superset of the patterns' own words, so gating changes no result.
_FACT_WORDS = re.compile(r"hiệu\s+lực|đình\s+chỉ|tiếp\s+tục", re.IGNORECASE)


def _when(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    try:
        if g.get("d"):
            return date(int(g["y"]), int(g["m"]), int(g["d"])).isoformat()
        if g.get("d2"):
            return date(int(g["y2"]), int(g["m2"]), int(g["d2"])).isoformat()
    except ValueError:
        return None
    event = (g.get("event") or "").lower()
    if "ký" in event or "ban hành" in event:
        return "signing"
    if "thông qua" in event:
        return "adoption"
    if "có hiệu lực" in event:
        return "with_document"
    return None


def find_facts(text: str, ctx: Context | None = None) -> list[Fact]:
    ctx = ctx or Context()
    facts: list[Fact] = []
    for sent in _SENTENCE.finditer(text):
        s, e = sent.start(), sent.end()
        sentence = sent.group(0)
        if not _FACT_WORDS.search(sentence):
            continue
        refs = [
            replace(ref, start=ref.start + s, end=ref.end + s)
            for ref in (to_reference(f, sentence, "cites", "facts", ctx) for f in find_references(sentence))
        ]
        m = _EFFECTIVE.search(sentence)
        if m:
            subject = [r for r in refs if r.end <= s + m.start()]
            excepted = (
                [r for r in refs if r.start >= s + m.end()] if _EXCEPT.search(sentence[m.end() :]) else []
            )
            about = subject[-1] if subject else None
            units = about.target.units if about and not (about.target.self and not about.target.units) else ()
            target_doc = None if not about or about.target.self else about.target.doc
            facts.append(
                Fact(
                    ctx.doc_id,
                    ctx.unit,
                    s,
                    e,
                    sentence.strip(),
                    "effective_from",
                    _when(m),
                    target_doc,
                    units,
                    tuple(u for r in excepted for u in r.target.units),
                )
            )
            until = _UNTIL.search(sentence, m.end())
            if until:
                # "… có hiệu lực từ ngày 02/5/2024 đến hết ngày 31/12/2024": in force through that day.
                last = _when(until)
                if last and last[0].isdigit():
                    last = (date.fromisoformat(last) + timedelta(days=1)).isoformat()
                facts.append(
                    Fact(ctx.doc_id, ctx.unit, s, e, sentence.strip(), "expires", last, target_doc, units)
                )
            continue
        m = _EXPIRES.search(sentence)
        if m:
            subject = [r for r in refs if r.end <= s + m.start()]
            for about in _or_none(subject):
                facts.append(
                    Fact(
                        ctx.doc_id,
                        ctx.unit,
                        s,
                        e,
                        sentence.strip(),
                        "expires",
                        _when(m)
                        if m.groupdict().get("d") or m.groupdict().get("d2") or m.groupdict().get("event")
                        else None,
                        about.target.doc if about else None,
                        about.target.units if about else (),
                    )
                )
            continue
        if _SUSPENDED.search(sentence):
            for about in _or_none(refs):
                facts.append(
                    Fact(
                        ctx.doc_id,
                        ctx.unit,
                        s,
                        e,
                        sentence.strip(),
                        "suspended",
                        None,
                        about.target.doc if about else None,
                        about.target.units if about else (),
                    )
                )
            continue
        if _CONTINUES.search(sentence) and refs:
            for about in refs:
                facts.append(
                    Fact(
                        ctx.doc_id,
                        ctx.unit,
                        s,
                        e,
                        sentence.strip(),
                        "continues",
                        None,
                        about.target.doc,
                        about.target.units,
                    )
                )
    return facts


def _or_none(refs: list[Reference]) -> list[Reference | None]:
    """The references a statement is about, or [None] when it is about the stating document itself."""
    return [*refs] if refs else [None]
