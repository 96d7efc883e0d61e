"""Review findings, the evidence behind them, and reviewers' decisions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """A document (or unit) behind a finding: the replacing decree, the repealed article, the lexicon entry."""

    doc: str | None
    unit: str | None = None
    relation: str | None = None
    date: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"doc": self.doc, "unit": self.unit, "relation": self.relation, "date": self.date}
        if self.note is not None:
            d["note"] = self.note
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(d.get("doc"), d.get("unit"), d.get("relation"), d.get("date"), d.get("note"))


@dataclass(frozen=True)
class Finding:
    """A provision to amend, replace, repeal or review (docs/CONTRACT.md, Finding), with its evidence and a score
    whose parts are shown. ``id`` is stable across rebuilds (rule + unit + matched words); ``decision`` is the
    reviewer's (accept/reject, with a note), ``stale`` says the evidence changed since that decision."""

    id: str
    code: str
    kind: str
    severity: str
    doc: str
    unit: str | None
    text: str
    start: int
    end: int
    message: str
    message_en: str
    evidence: tuple[Evidence, ...] = ()
    score: float = 0.0
    score_parts: dict[str, float] = field(default_factory=dict, hash=False, compare=False)
    action: str = "review"
    decision: str | None = None
    ground: str | None = None  # the legal ground, Vietnamese
    ground_en: str | None = None
    note: str | None = None  # the reviewer's note
    stale: bool = False
    context: str | None = None  # the sentence around the match, for reading
    # Who acts on it: "act" — the issuing local authority, or its successor after a merger, amends, replaces or
    # repeals its own document; "propose" — a central document, on which the office proposes (kiến nghị) to the
    # issuing body. ``competent`` names that body.
    route: str | None = None
    competent: str | None = None
    # Citizens' feedback records (phản ánh, kiến nghị) linked to the finding's article: the "n phản ánh" of its
    # score (issue 16); 0 when there are none.
    feedback: int = 0

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "code": self.code,
            "kind": self.kind,
            "severity": self.severity,
            "doc": self.doc,
            "unit": self.unit,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "message_en": self.message_en,
            "evidence": [e.to_dict() for e in self.evidence],
            "score": self.score,
            "score_parts": dict(self.score_parts),
            "action": self.action,
            "decision": self.decision,
            "ground": self.ground,
            "ground_en": self.ground_en,
            "note": self.note,
            "stale": self.stale,
            "context": self.context,
            "route": self.route,
            "competent": self.competent,
        }
        if self.feedback:
            d["feedback"] = self.feedback
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        return cls(
            id=d["id"],
            code=d["code"],
            kind=d["kind"],
            severity=d["severity"],
            doc=d["doc"],
            unit=d.get("unit"),
            text=d["text"],
            start=d["start"],
            end=d["end"],
            message=d["message"],
            message_en=d["message_en"],
            evidence=tuple(Evidence.from_dict(e) for e in d.get("evidence", ())),
            score=d.get("score", 0.0),
            score_parts=dict(d.get("score_parts", {})),
            action=d.get("action", "review"),
            decision=d.get("decision"),
            ground=d.get("ground"),
            ground_en=d.get("ground_en"),
            note=d.get("note"),
            stale=bool(d.get("stale", False)),
            context=d.get("context"),
            route=d.get("route"),
            competent=d.get("competent"),
            feedback=int(d.get("feedback", 0)),
        )


@dataclass(frozen=True)
class DecisionRecord:
    """A reviewer's decision as stored: keyed by the finding's stable id, with a fingerprint of the evidence it
    was taken on (a finding whose evidence changed since comes back ``stale``)."""

    finding_id: str
    decision: str | None
    note: str | None
    evidence_hash: str
    code: str | None
    doc: str | None
    decided_at: str
