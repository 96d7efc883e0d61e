"""Status on a date, computed from the timelines, with the facts that decided it (docs/CONTRACT.md, Status).

For a document, in this order:

1. an act that ends it (replacement, repeal, its own fixed term) in effect on the date → ``expired``;
2. every document it details has expired, and the rule for the date the parent ended says it goes with it
   (data/graph/detailing_rules.json; Luật 80/2015 Điều 154 khoản 3 before 1 April 2025) → ``expired``;
3. it takes effect later → ``not_yet_in_force``; no known effective date → ``unknown``;
4. a suspension in effect → ``suspended``;
5. units repealed or amended, or one of several parents expired, by acts in effect → ``partly_expired``
   (vbpl's "hết hiệu lực một phần": the old wording of amended units no longer applies);
6. otherwise ``in_force``.

A unit shares its document's status unless the document is in force (wholly or partly); then its own
repeal, suspension or later start (or an ancestor's) decides, and a repealed unit below it makes it
``partly_expired``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date as Date

from review.dates import as_iso
from review.graph.timeline import Timelines, detailing_rule, stated_status
from review.models import Reason, Status

MAX_REASONS = 25  # a code amended hundreds of times lists the first ones; the count is in the last reason


def _in_effect(reasons: Iterable[Reason], at: str) -> list[Reason]:
    return [r for r in reasons if r.date and r.date <= at]


def _capped(reasons: list[Reason]) -> tuple[Reason, ...]:
    if len(reasons) <= MAX_REASONS:
        return tuple(reasons)
    more = len(reasons) - MAX_REASONS + 1
    return (*reasons[: MAX_REASONS - 1], Reason("more", text=f"… và {more} căn cứ khác ({more} more)"))


class StatusEngine:
    """Statuses from one set of timelines; answers are memoised per date (a corpus is read-only here)."""

    def __init__(self, timelines: Timelines, detailing_policy: Callable[[str], dict] = detailing_rule):
        self.tl = timelines
        self.detailing_policy = detailing_policy
        self._docs: dict[tuple[str, str], Status] = {}
        self._below: dict[str, dict[str, list[str]]] = {}

    # --- documents -----------------------------------------------------------------------------------------

    def document(self, doc: str, at: str | Date | None = None) -> Status:
        at = as_iso(at)
        key = (doc, at)
        if key not in self._docs:
            self._docs[key] = Status(doc, at, "unknown")  # a cycle of detailing documents reads "unknown"
            self._docs[key] = self._document(doc, at)
        return self._docs[key]

    def _document(self, doc: str, at: str) -> Status:
        tl = self.tl
        info = tl.docs.get(doc)
        if info is None:
            return Status(doc, at, "unknown", (Reason("not_in_corpus", doc),))
        stated = stated_status(info.stated_label)

        def done(status: str, because: list[Reason]) -> Status:
            return Status(doc, at, status, _capped(because), stated, info.stated_label)

        ended = _in_effect(tl.ends.get(doc, ()), at)
        if ended:
            return done("expired", ended)

        partial: list[Reason] = []
        continuing: list[Reason] = []  # expired parents it outlives: reasons to show when it is in force
        parents = tl.details.get(doc)
        if parents:
            gone = []
            for parent, link in parents.items():
                ps = self.document(parent, at)
                if ps.status != "expired" or not ps.because:
                    continue
                cause = ps.because[0]
                rule = self.detailing_policy(cause.date or at)
                outlived = Reason(
                    "parent_expired_continues",
                    cause.doc,
                    None,
                    cause.date,
                    target=parent,
                    rule=rule["ground"],
                )
                if cause.doc == doc:
                    continuing.append(outlived)
                    continue  # it replaced the document it named as its parent: it does not end with it
                continues = rule["policy"] == "continues_unless_announced" or (
                    rule["policy"] == "expires_unless_continued" and doc in tl.continues
                )
                reason = Reason(
                    "parent_expired_continues" if continues else "parent_expired",
                    cause.doc,
                    cause.unit,
                    cause.date,
                    cause.relation,
                    link.text,
                    parent,
                    cause.estimated,
                    rule["ground"],
                )
                if continues:
                    continuing.append(outlived)
                else:
                    gone.append(reason)
            if gone and len(gone) == len(parents):
                return done("expired", gone)
            partial.extend(gone)

        if info.effective is None:
            kind = "not_in_corpus" if not info.in_corpus else "no_effective_date"
            return done("unknown", [Reason(kind, doc)])
        if at < info.effective:
            r = info.effective_reason
            return done("not_yet_in_force", [Reason("not_yet", doc, r.unit if r else None, info.effective,
                                                    text=r.text if r else None)])  # fmt: skip

        suspended = _in_effect(tl.suspensions.get(doc, ()), at)
        if suspended:
            return done("suspended", suspended)

        for node in tl.unit_nodes(doc, tl.ends):
            partial.extend(_in_effect(tl.ends[node], at))
        for node in tl.unit_nodes(doc, tl.amended):
            partial.extend(_in_effect(tl.amended[node], at))
        partial.extend(_in_effect(tl.amended.get(doc, ()), at))
        if partial:
            partial.sort(key=lambda r: (r.date or "", r.doc or "", r.target or ""))
            return done(
                "partly_expired", [info.effective_reason, *partial] if info.effective_reason else partial
            )
        because = [info.effective_reason] if info.effective_reason else []
        return done("in_force", because + continuing)

    # --- units ---------------------------------------------------------------------------------------------

    def unit(self, doc: str, eid: str, at: str | Date | None = None) -> Status:
        at = as_iso(at)
        node = f"{doc}#{eid}"
        ds = self.document(doc, at)
        if ds.status not in ("in_force", "partly_expired"):
            return Status(
                node, at, ds.status, (Reason("document", doc, date=None, text=ds.status), *ds.because)
            )
        tl = self.tl
        chain = tl.ancestors(doc, eid)
        for a in chain:
            ended = _in_effect(tl.ends.get(f"{doc}#{a}", ()), at)
            if ended:
                return Status(node, at, "expired", _capped(ended))
        for a in chain:
            suspended = _in_effect(tl.suspensions.get(f"{doc}#{a}", ()), at)
            if suspended:
                return Status(node, at, "suspended", _capped(suspended))
        for a in chain:
            later = tl.starts.get(f"{doc}#{a}")
            if later and later.date and at < later.date:
                return Status(node, at, "not_yet_in_force", (later,))
        below = [r for n in self._ended_below(doc).get(eid, ()) for r in _in_effect(tl.ends[n], at)]
        amended = _in_effect(tl.amended.get(node, ()), at)
        info = tl.docs[doc]
        start: list[Reason] = [info.effective_reason] if info.effective_reason else []
        if below:
            return Status(node, at, "partly_expired", _capped([*start, *below, *amended]))
        return Status(node, at, "in_force", _capped([*start, *amended]))

    def _ended_below(self, doc: str) -> dict[str, list[str]]:
        """For each unit of ``doc``, the ended unit nodes under it (computed once per document)."""
        if doc not in self._below:
            below: dict[str, list[str]] = {}
            for n in self.tl.unit_nodes(doc, self.tl.ends):
                for a in self.tl.ancestors(doc, n.partition("#")[2])[1:]:
                    below.setdefault(a, []).append(n)
            self._below[doc] = below
        return self._below[doc]

    def of(self, node: str, at: str | Date | None = None) -> Status:
        """A document id or a unit node ``DOC#EID``."""
        doc, sep, eid = node.partition("#")
        return self.unit(doc, eid, at) if sep and eid else self.document(doc, at)

    def documents(self, at: str | Date | None = None) -> dict[str, Status]:
        at = as_iso(at)
        return {doc: self.document(doc, at) for doc in self.tl.docs}
