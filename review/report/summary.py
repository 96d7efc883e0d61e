"""Counts and grouping shared by every rendering of a list of findings.

A report reads top-down: how many findings, of which rules, in which documents, then each finding under its
document. The HTML page and the spreadsheet's summary sheet must agree on those numbers, so they are computed
once here from the findings alone (no store, no corpus), in a stable order.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from review.models import Finding
from review.report.labels import SEVERITY_RANK
from review.text.fold import fold
from review.vocab import FindingKind, Severity

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def anchor_id(doc: str) -> str:
    """A safe, stable HTML id for a document's section.

    Document ids hold ``/``, ``Đ`` and, for untrusted input, anything at all; the anchor keeps a readable
    ASCII slug (``43/2014/NĐ-CP`` → ``doc-43-2014-nd-cp-…``) plus a short hash of the exact id, so two ids
    that fold to the same slug still get different anchors."""
    slug = _NOT_SLUG.sub("-", fold(doc)).strip("-")[:60]
    digest = hashlib.sha1(doc.encode("utf-8")).hexdigest()[:8]
    return f"doc-{slug}-{digest}" if slug else f"doc-{digest}"


def sort_key(finding: Finding) -> tuple[int, float, str, str]:
    """Most severe first, then highest score, then a stable order."""
    return (
        SEVERITY_RANK.get(finding.severity, 9),
        -float(finding.score or 0.0),
        finding.unit or "",
        finding.id,
    )


@dataclass
class RuleRow:
    code: str
    count: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    severities: Counter[str] = field(default_factory=Counter)

    def severity_items(self) -> list[tuple[str, int]]:
        """``(severity, count)`` most severe first."""
        return sorted(self.severities.items(), key=lambda item: (SEVERITY_RANK.get(item[0], 9), item[0]))


@dataclass
class DocRow:
    doc: str
    anchor: str
    count: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    severities: Counter[str] = field(default_factory=Counter)


@dataclass
class Summary:
    total: int
    by_kind: Counter[str]
    by_severity: Counter[str]
    by_action: Counter[str]
    decided: int
    stale: int
    rules: list[RuleRow]
    docs: list[DocRow]

    @property
    def kinds(self) -> list[str]:
        """The known kinds, then any other kind the findings carry, so a column never hides a finding."""
        kinds = [k.value for k in FindingKind]
        return kinds + sorted(k for k in self.by_kind if k not in kinds)

    @property
    def severities(self) -> list[str]:
        severities = [s.value for s in Severity]
        return severities + sorted(s for s in self.by_severity if s not in severities)


def summarize(findings: Sequence[Finding]) -> Summary:
    rules: dict[str, RuleRow] = {}
    docs: dict[str, DocRow] = {}
    for f in findings:
        rule = rules.setdefault(f.code, RuleRow(f.code))
        rule.count += 1
        rule.kinds[f.kind] += 1
        rule.severities[f.severity] += 1
        doc = docs.setdefault(f.doc, DocRow(f.doc, anchor_id(f.doc)))
        doc.count += 1
        doc.kinds[f.kind] += 1
        doc.severities[f.severity] += 1
    return Summary(
        total=len(findings),
        by_kind=Counter(f.kind for f in findings),
        by_severity=Counter(f.severity for f in findings),
        by_action=Counter(f.action for f in findings),
        decided=sum(1 for f in findings if f.decision),
        stale=sum(1 for f in findings if f.stale),
        rules=sorted(rules.values(), key=lambda r: (-r.count, r.code)),
        docs=sorted(docs.values(), key=lambda d: d.doc),
    )


def group_by_doc(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings under their document, documents in id order, findings most severe first."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.doc, []).append(f)
    return [(doc, sorted(groups[doc], key=sort_key)) for doc in sorted(groups)]


def highlight(text: str, context: str | None) -> tuple[str, str, str] | None:
    """``(before, match, after)`` when the matched words occur in the context, else None.

    An exact match is preferred; otherwise a case-insensitive one (the context may start the sentence with a
    capital the matched words lack). Only a length-preserving lower-casing is used, so the offsets found in the
    lower-cased form are offsets into the context itself."""
    if not text or not context:
        return None
    i = context.find(text)
    if i < 0:
        lowered = context.lower()
        if len(lowered) == len(context):
            i = lowered.find(text.lower())
    if i < 0:
        return None
    return context[:i], context[i : i + len(text)], context[i + len(text) :]
