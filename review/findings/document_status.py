"""The ``document_status`` shape: what a whole document's computed status on the date says needs doing. The
check ``parent_expired``: a detailing document whose parent ended (it ends with it, or under the rule for that
date continues where not contrary); ``stated_status``: the status a source states disagrees with the computed one
because of an act the corpus holds."""

from __future__ import annotations

from collections.abc import Iterator

from review.findings.context import RuleContext
from review.findings.references import act_vi
from review.findings.registry import Hit, Rule, check, shape
from review.graph.timeline import stated_status
from review.models import Evidence
from review.vocab import Action, DocType, Relation, Severity, StatusValue

# Compilations and code topics repeat their sources: their parents' ends are their sources' business.
_NOT_DETAILING = (DocType.VAN_BAN_HOP_NHAT, DocType.DE_MUC_PHAP_DIEN)


@shape("document_status", params=("confidence",), needs_check=True)
def document_status(ctx: RuleContext, rule: Rule) -> Iterator[Hit]:
    """The row's check over the corpus's documents: ``refine(ctx, rule) -> Iterator[Hit]``."""
    return rule.required_check(ctx, rule)


@check(
    "document_status",
    "parent_expired",
    params=("confidence_continues",),
    placeholders=("parent", "date", "by_doc", "act", "relation"),
    cases=("ends", "continues"),
)
def parent_expired(ctx: RuleContext, rule: Rule) -> Iterator[Hit]:
    for doc, parents in ctx.timelines.details.items():
        info = ctx.timelines.docs.get(doc)
        if info is None or not info.in_corpus or info.type in _NOT_DETAILING:
            continue
        st = ctx.engine.document(doc, ctx.at)
        for reason in st.because:
            if reason.kind not in ("parent_expired", "parent_expired_continues"):
                continue
            link = parents.get(reason.target or "")
            row = next(
                (
                    r
                    for r in ctx.snapshot.references_of(doc)
                    if r.relation == Relation.GUIDES and r.target.doc == reason.target
                ),
                None,
            )
            continues = reason.kind == "parent_expired_continues"
            message = rule.message(
                "continues" if continues else "ends",
                parent=reason.target,
                date=reason.date,
                by_doc=reason.doc,
                act=act_vi(reason.relation),
                relation=reason.relation,
            )
            yield Hit(
                doc,
                row.unit if row else None,
                row.start if row else 0,
                row.end if row else 0,
                row.text if row else ((link.text if link else None) or reason.target or ""),
                *message,
                (
                    Evidence(reason.target, None, Relation.GUIDES, None),
                    Evidence(reason.doc, reason.unit, reason.relation, reason.date, reason.rule),
                ),
                rule.params["confidence_continues"] if continues else rule.params["confidence"],
                None,
                # It continues where not contrary: a review, not a repeal.
                action=Action.REVIEW if continues else rule.action,
                severity=Severity.MEDIUM if continues else rule.severity,
            )


@check(
    "document_status", "stated_status", placeholders=("stated", "at", "computed", "status", "by_doc", "date")
)
def stated_disagrees(ctx: RuleContext, rule: Rule) -> Iterator[Hit]:
    for doc, info in ctx.timelines.docs.items():
        if not info.in_corpus or not info.stated_label:
            continue
        st = ctx.engine.document(doc, ctx.at)
        stated = stated_status(info.stated_label)
        if stated in (None, StatusValue.UNKNOWN) or st.status in (StatusValue.UNKNOWN, stated):
            continue
        acts = [r for r in st.because if r.doc and r.doc != doc]
        if not acts:
            continue  # only the passing of time: the source's status is a snapshot of the day it was saved
        if st.status == StatusValue.IN_FORCE and stated in (StatusValue.EXPIRED, StatusValue.PARTLY_EXPIRED):
            continue  # the deciding act may be outside the corpus: nothing to show
        title = info.title or ""
        message = rule.message(
            stated=info.stated_label,
            at=ctx.at,
            computed=StatusValue(st.status).vi.lower(),
            status=st.status,
            by_doc=acts[0].doc,
            date=acts[0].date,
        )
        ev = tuple(Evidence(r.doc, r.unit, r.relation or r.kind, r.date) for r in acts[:3])
        yield Hit(doc, None, 0, len(title), title, *message, ev, rule.params["confidence"], title)
