"""The ``reference_status`` shape: provisions that rest on or cite what no longer stands as cited.

A rule of this shape reads the stored references of the relations its row names (``params.relations``) and checks
their targets on the date: the document expired (``document_expired``), the cited node expired (``expired``), the
cited unit amended after the citing document was issued (``amended_since_issue``), or the cited units missing from
the cited document (``missing_units``). Grounds follow the rà soát grounds of Luật 64/2025/QH15 Điều 3 khoản 5
("mâu thuẫn, chồng chéo, hết hiệu lực hoặc không còn phù hợp"); they and the messages are in rules.json.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from review.findings.context import RuleContext, sentence_around
from review.findings.registry import Hit, Rule, check, shape
from review.models import Evidence, Reference, unit_citation
from review.vocab import LIVE_STATUSES, Relation, StatusValue

# Words of a transitional or ending provision: citing an old document there is the point, not a defect.
_TRANSITION = re.compile(
    r"hết\s+hiệu\s+lực|bãi\s+bỏ|thay\s+thế|chuyển\s+tiếp|trước\s+ngày|đã\s+(?:được\s+)?(?:cấp|nộp|tiếp\s+nhận|"
    r"ban\s+hành|phê\s+duyệt)|tiếp\s+tục\s+(?:thực\s+hiện|áp\s+dụng|có\s+hiệu\s+lực)|theo\s+quy\s+định\s+(?:của|tại)"
    r"[^.;]{0,120}(?:trước\s+đây|cũ)",
    re.IGNORECASE,
)
_HISTORY_RULES = ("amendment_chain", "passive", "title_mention", "chain", "provenance_note")
_DATED = re.compile(r"\d+/\d{4}|năm\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}")
_ENDING_KINDS = ("replaced", "repealed", "expiry_clause", "parent_expired", "unit_repealed")

# How a message names the act that ended a document ("bị 116/2025/QH15 bãi bỏ"): the acting relations by their
# Vietnamese label, the timeline's ending kinds by the words for them. Anything else is named by its value.
ACT_VI = {
    r.value: r.vi
    for r in (Relation.REPEALS, Relation.REPLACES, Relation.AMENDS, Relation.SUPPLEMENTS, Relation.SUSPENDS)
} | {
    "expiry_clause": "hết thời hạn",
    "parent_expired": "hết hiệu lực cùng văn bản được quy định chi tiết",
    "unit_repealed": Relation.REPEALS.vi,
    "replaced": Relation.REPLACES.vi,
    "repealed": Relation.REPEALS.vi,
}


def act_vi(relation: str | None) -> str:
    return ACT_VI.get(relation or "", relation or "")


def _by(ev: Evidence) -> str:
    """ "bị 116/2025/QH15 bãi bỏ" — who ended it, in Vietnamese word order."""
    return f"bị {ev.doc} {act_vi(ev.relation)}".strip()


def _ending_values(ending: Evidence) -> dict[str, Any]:
    """The placeholders naming the act that ended a target."""
    return {"date": ending.date, "by": _by(ending), "relation": ending.relation, "by_doc": ending.doc}


def _ref_hit(
    ctx: RuleContext,
    r: Reference,
    message: tuple[str, str],
    evidence: tuple[Evidence, ...],
    confidence: float,
    sentence: str | None = None,
) -> Hit:
    """A finding at a stored reference: its place and words, the sentence around it."""
    if sentence is None:
        sentence = sentence_around(ctx.text_of(r.doc or "", r.unit, r.part), r.start, r.end)
    return Hit(r.doc or "", r.unit, r.start, r.end, r.text, *message, evidence, confidence, sentence)


def _ending(reasons) -> Evidence | None:
    for r in reasons:
        if r.kind in _ENDING_KINDS:
            return Evidence(r.doc, r.unit, r.relation or r.kind, r.date, r.rule)
    return None


@shape("reference_status", params=("relations", "confidence"), placeholders=("target",), needs_check=True)
def reference_status(ctx: RuleContext, rule: Rule) -> Iterator[Hit]:
    """The row's check over the references of its relations: ``refine(ctx, rule, refs) -> Iterator[Hit]``."""
    relations = set(rule.params["relations"])
    return rule.required_check(ctx, rule, (r for r in ctx.refs if r.relation in relations))


@check(
    "reference_status",
    "document_expired",
    params=("confidence_cited_after_end",),
    placeholders=("date", "by", "relation", "by_doc"),
    cases=("ended", "no_ending"),
)
def document_expired(ctx: RuleContext, rule: Rule, refs: Iterable[Reference]) -> Iterator[Hit]:
    """The cited document is no longer in force (once per citing document and target)."""
    seen: set[tuple[str | None, str]] = set()
    for r in refs:
        target = r.target.doc
        if not target or r.target.self or (r.doc, target) in seen:
            continue
        st = ctx.engine.document(target, ctx.at)
        if st.status != StatusValue.EXPIRED:
            continue
        ending = _ending(st.because)
        issued = ctx.docs[r.doc or ""].issued
        if ending and ending.date and issued and ending.date <= issued:
            # Cited after it had ended: the drafting used an old basis (still a finding, less sure).
            confidence = rule.params["confidence_cited_after_end"]
        else:
            confidence = rule.params["confidence"]
        seen.add((r.doc, target))
        if ending:
            message = rule.message("ended", target=target, **_ending_values(ending))
        else:
            message = rule.message("no_ending", target=target)
        evidence = (Evidence(target, None, r.relation, None), *([ending] if ending else []))
        yield _ref_hit(ctx, r, message, evidence, confidence)


@check("reference_status", "expired", placeholders=("what", "date", "by", "relation", "by_doc"))
def expired(ctx: RuleContext, rule: Rule, refs: Iterable[Reference]) -> Iterator[Hit]:
    """A dated reference in a live provision to a document or unit that ended after the citing document was
    written, outside transitional and ending provisions."""
    seen: set[tuple] = set()
    for r in refs:
        target = r.target.doc
        if not target or r.target.self or r.unit == "preamble":
            continue
        if r.rule.endswith(_HISTORY_RULES) or (r.doc, r.unit, target) in ctx.instructions:
            continue  # an amendment chain, a name inside a title, or the words of an amending instruction
        if not _DATED.search(r.text):
            continue  # "theo quy định của Luật Bảo hiểm xã hội": whichever law is in force (a dynamic reference)
        if r.unit and ctx.engine.of(f"{r.doc}#{r.unit}", ctx.at).status not in LIVE_STATUSES:
            continue  # the citing provision has itself been repealed
        units = [u for u in r.target.units if u]
        nodes = [f"{target}#{u}" for u in units] or [target]
        issued = ctx.docs[r.doc or ""].issued or ""
        for node in nodes:
            st = ctx.engine.of(node, ctx.at)
            if st.status != StatusValue.EXPIRED:
                continue
            ending = _ending(st.because)
            if ending is None or not ending.date or ending.date <= issued:
                continue  # ended before the citing document was written: a deliberate (transitional) mention
            if ending.doc == r.doc:
                continue  # the act that ends it names it in its own transitional provisions
            text = ctx.text_of(r.doc or "", r.unit, r.part)
            sentence = sentence_around(text, r.start, r.end)
            lead_in = ctx.lead_in(r.doc or "", r.unit)
            if _TRANSITION.search(sentence) or _TRANSITION.search(lead_in):
                continue
            key = (r.doc, r.unit, node)
            if key in seen:
                continue
            seen.add(key)
            message = rule.message(what=node.replace("#", " "), target=target, **_ending_values(ending))
            evidence = (Evidence(target, node.partition("#")[2] or None, Relation.CITES, None), ending)
            yield _ref_hit(ctx, r, message, evidence, rule.params["confidence"], sentence)


@check("reference_status", "amended_since_issue", placeholders=("citation", "unit", "by_doc", "date"))
def amended_since_issue(ctx: RuleContext, rule: Rule, refs: Iterable[Reference]) -> Iterator[Hit]:
    """A cited unit amended by another act after the citing document was issued (once per document and unit)."""
    seen: set[tuple] = set()
    for r in refs:
        target = r.target.doc
        if not target or r.target.self:
            continue
        issued = ctx.docs[r.doc or ""].issued or ""
        for u in r.target.units:
            node = f"{target}#{u}"
            later = [
                a
                for a in ctx.timelines.amended.get(node, ())
                if a.date and issued < a.date <= ctx.at and a.doc != r.doc
            ]
            if not later or (r.doc, node) in seen:
                continue
            seen.add((r.doc, node))
            a = later[-1]
            message = rule.message(
                citation=unit_citation(u), unit=u, target=target, by_doc=a.doc, date=a.date
            )
            evidence = (
                Evidence(target, u, Relation.CITES, None),
                Evidence(a.doc, a.unit, a.relation, a.date),
            )
            yield _ref_hit(ctx, r, message, evidence, rule.params["confidence"])


@check("reference_status", "missing_units", placeholders=("missing_citations", "missing"))
def missing_units(ctx: RuleContext, rule: Rule, refs: Iterable[Reference]) -> Iterator[Hit]:
    """The cited document is in the corpus but has no such units."""
    for r in refs:
        missing = list(r.target.missing_units)
        if r.target.status != "present" or not missing:
            continue
        if r.target.self or (r.doc, r.unit, r.target.doc) in ctx.instructions:
            continue  # inside one document, or in an amending instruction's new text, units are new or renumbered
        if any(m.startswith("phu_luc") for m in missing) or "Phụ lục" in r.text:
            continue  # annexes are numbered loosely (sections, tables); the parser does not split them
        message = rule.message(
            target=r.target.doc,
            missing_citations=", ".join(unit_citation(m) for m in missing),
            missing=", ".join(missing),
        )
        evidence = (Evidence(r.target.doc, missing[0], r.relation, None),)
        yield _ref_hit(ctx, r, message, evidence, rule.params["confidence"])
