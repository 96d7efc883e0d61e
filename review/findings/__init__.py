"""Review findings: outdated and burdensome provisions, scored, explained, and the reviewer's decisions on them.

``find(snapshot, at, decisions=…)`` runs every rule of the catalogue (data/findings/rules.json, joined to the
matcher shapes of ``names``, ``references``, ``document_status``, ``dates``, ``burden`` and ``tthc`` by
``registry``) over the documents in force on the date and returns ``Finding``s ranked by score. A finding's id is stable across rebuilds (rule code, unit
and matched words); a reviewer's decision is stored under it with a fingerprint of the evidence, and a finding
whose evidence changed since is marked ``stale`` for another look.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from review.errors import UsageError
from review.findings import burden, dates, document_status, names, references, tthc  # noqa: F401  (register shapes)
from review.findings.competence import PROPOSE, competence
from review.findings.context import RuleContext
from review.findings.registry import Hit, Rule, build_rules
from review.models import DecisionRecord, Finding
from review.store import CorpusSnapshot
from review.vocab import Action, Decision, FindingKind, Severity

__all__ = [
    "DECISIONS",
    "RULES",
    "DecisionImport",
    "check_filters",
    "compute_all",
    "decide",
    "evidence_hash",
    "find",
    "finding_id",
    "import_decisions",
    "select",
]

SEVERITY_WEIGHT = {s.value: s.weight for s in Severity}
# The score's parts and their weights: what kind of problem, how sure the rule is, how much rests on the
# document (other documents citing it), and how far the provision is from the baseline (rule-specific).
WEIGHTS = {"severity": 0.45, "confidence": 0.35, "reliance": 0.1, "magnitude": 0.1}
DECISIONS = tuple(d.value for d in Decision)
RULES: dict[str, Rule] = (
    build_rules()
)  # code → rule, in the catalogue's order (the order findings are computed)


def finding_id(code: str, doc: str, unit: str | None, text: str, occurrence: int = 0) -> str:
    key = f"{code}|{doc}|{unit or ''}|{' '.join(text.split()).lower()}|{occurrence}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def evidence_hash(f: Finding) -> str:
    data = json.dumps([e.to_dict() for e in f.evidence] + [f.text, f.message_en], ensure_ascii=False)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()[:12]


def _score(rule_: Rule, hit: Hit, severity: str, reliance: int) -> tuple[float, dict[str, float]]:
    magnitude = max((v for k, v in hit.parts.items() if 0 <= v <= 1 and k != "x_median"), default=0.0)
    raw = {
        "severity": SEVERITY_WEIGHT[severity],
        "confidence": hit.confidence,
        "reliance": min(1.0, reliance / 5),
        "magnitude": magnitude,
    }
    parts = {k: round(WEIGHTS[k] * v, 4) for k, v in raw.items()}
    return round(sum(parts.values()), 4), parts


def find(
    snapshot: CorpusSnapshot,
    at: str | None = None,
    *,
    decisions: Mapping[str, DecisionRecord] | None = None,
    codes: Iterable[str] | None = None,
    kind: str | None = None,
    doc: str | None = None,
    severity: str | None = None,
) -> list[Finding]:
    """Every finding on the documents in force on ``at`` (default today), best first, with decisions."""
    check_filters(codes, kind, severity)
    return select(compute_all(snapshot, at), decisions, codes=codes, kind=kind, doc=doc, severity=severity)


def check_filters(codes: Iterable[str] | None, kind: str | None, severity: str | None) -> None:
    if kind and kind not in list(FindingKind):
        raise UsageError(f"unknown kind {kind!r}", hint="one of " + ", ".join(FindingKind))
    if severity and severity not in list(Severity):
        raise UsageError(f"unknown severity {severity!r}", hint="one of " + ", ".join(Severity))
    wanted = set(codes) if codes else set()
    if wanted - set(RULES):
        raise UsageError(f"unknown rule code(s): {', '.join(sorted(wanted - set(RULES)))}")


def select(
    found: Iterable[Finding],
    decisions: Mapping[str, DecisionRecord] | None = None,
    *,
    codes: Iterable[str] | None = None,
    kind: str | None = None,
    doc: str | None = None,
    severity: str | None = None,
) -> list[Finding]:
    """The findings that pass the filters, with the reviewers' decisions, ranked (best first)."""
    check_filters(codes, kind, severity)
    wanted = set(codes) if codes else None
    decisions = decisions or {}
    out = []
    for f in found:
        if (wanted and f.code not in wanted) or (kind and f.kind != kind):
            continue
        if (doc and f.doc != doc) or (severity and f.severity != severity):
            continue
        d = decisions.get(f.id)
        if d:
            f = replace(f, decision=d.decision, note=d.note, stale=d.evidence_hash != evidence_hash(f))
        out.append(f)
    return _rank(out)


def compute_all(snapshot: CorpusSnapshot, at: str | None = None) -> list[Finding]:
    """Every rule on the documents in force on ``at``: the findings unranked, without decisions (what
    review.findings.cache keeps)."""
    ctx = RuleContext.load(snapshot, at)
    out: list[Finding] = []
    routes: dict[str, tuple[str, str | None]] = {}
    ids: dict[str, int] = {}
    for code, r in RULES.items():
        for hit in r.func(ctx):
            sev = hit.severity or r.severity
            base = finding_id(code, hit.doc, hit.unit, hit.text)
            n = ids.get(base, 0)
            ids[base] = n + 1
            fid = base if n == 0 else finding_id(code, hit.doc, hit.unit, hit.text, n)
            score, parts = _score(r, hit, sev, ctx.citing_docs.get(hit.doc, 0))
            if hit.doc not in routes:
                record = snapshot.documents.get(hit.doc)
                routes[hit.doc] = competence(record, ctx.at) if record else (PROPOSE, None)
            who = routes[hit.doc]
            action = hit.action or r.action
            assert action in list(Action), action
            out.append(
                Finding(
                    id=fid,
                    code=code,
                    kind=r.kind,
                    severity=sev,
                    doc=hit.doc,
                    unit=hit.unit,
                    text=hit.text,
                    start=hit.start,
                    end=hit.end,
                    message=hit.message,
                    message_en=hit.message_en,
                    evidence=hit.evidence,
                    score=score,
                    score_parts=parts,
                    action=action,
                    ground=r.ground,
                    ground_en=r.ground_en,
                    context=hit.context,
                    route=who[0],
                    competent=who[1],
                )
            )
    return out


REPEAT_STEP = 0.04  # each further finding of the same rule and words in one document ranks a little lower
REPEAT_MAX = 5
RULE_STEP = 0.015  # and each further finding of the same rule in one document, a little
RULE_MAX = 10
UNIT_STEP = 0.05  # a second finding on the same provision (or preamble) ranks lower: one per provision first


def _rank(findings: list[Finding]) -> list[Finding]:
    """Best first; the same rule and words repeated through one document are lowered step by step (a ``repeat``
    part of the score) so that the top of the list shows different problems, not one name forty times."""
    findings.sort(key=lambda f: (-f.score, f.doc, f.unit or "", f.start, f.code))
    count: dict[tuple[str, ...], int] = {}
    out = []
    for f in findings:
        key = (f.doc, f.code, " ".join(f.text.split()).lower())
        n = count.get(key, 0)
        count[key] = n + 1
        m = count.get((f.doc, f.code), 0)
        count[(f.doc, f.code)] = m + 1
        u = count.get(("unit", f.doc, f.unit or ""), 0)
        count[("unit", f.doc, f.unit or "")] = u + 1
        if n or m or u:
            penalty = -round(
                REPEAT_STEP * min(n, REPEAT_MAX) + RULE_STEP * min(m, RULE_MAX) + UNIT_STEP * min(u, 3), 4
            )
            parts = {**f.score_parts, "repeat": penalty}
            f = replace(f, score=round(f.score + penalty, 4), score_parts=parts)
        out.append(f)
    out.sort(key=lambda f: (-f.score, f.doc, f.unit or "", f.start, f.code))
    return out


def decide(
    store,
    finding: Finding,
    decision: str | None,
    note: str | None = None,
    by: str | None = None,
    action: str = "decide",
) -> None:
    """Record a reviewer's decision (accept / reject, or None to annotate only) on a finding; ``by`` names the
    reviewer in the decision history."""
    if decision is not None and decision not in DECISIONS:
        raise UsageError(f"a decision is one of {', '.join(DECISIONS)}, not {decision!r}")
    store.set_decision(
        finding.id, decision, note, evidence_hash(finding), finding.code, finding.doc, by, action
    )


@dataclass(frozen=True)
class DecisionImport:
    """What an import of decisions did: how many were recorded, and how many named a finding no longer found
    (the corpus or the date changed since the workbook was written)."""

    imported: int
    missing: int


def import_decisions(
    store,
    findings: Iterable[Finding],
    wanted: Mapping[str, tuple[str | None, str | None]],
) -> DecisionImport:
    """Record ``{finding_id: (decision, note)}`` (as ``review.report.read_xlsx_decisions`` reads a workbook)
    on the findings that still exist; the others are counted, not recorded."""
    by_id = {f.id: f for f in findings}
    imported = missing = 0
    for fid, (decision, note) in wanted.items():
        if fid in by_id:
            decide(store, by_id[fid], decision, note)
            imported += 1
        else:
            missing += 1
    return DecisionImport(imported, missing)
