"""A computed status on a date and the facts (reasons) that decided it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Reason:
    """One fact behind a computed status or a timeline entry: what happened (``kind``), by which document and
    unit, from which date, with the words that say so.

    Kinds: ``effective`` (takes effect), ``not_yet`` (takes effect later), ``replaced``, ``repealed``,
    ``expiry_clause`` (a fixed term ends), ``parent_expired`` (a detailing document ends with the document it
    details), ``parent_expired_continues``, ``unit_repealed``, ``unit_amended``, ``amended``, ``suspended``,
    ``document`` (a unit shares its document's status), ``no_effective_date``, ``not_in_corpus``."""

    kind: str
    doc: str | None = None  # the acting document (or the document itself for its own dates)
    unit: str | None = None  # the acting unit
    date: str | None = None  # ISO date the fact takes effect
    relation: str | None = None
    text: str | None = None  # the words in the acting document
    target: str | None = None  # the node acted on, when it differs from the one asked about
    estimated: bool = False  # the date is the acting document's issue date, not a stated effective date
    rule: str | None = None  # the legal rule applied (detailing documents of an expired parent)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind, "doc": self.doc, "unit": self.unit, "date": self.date}
        for key in ("relation", "text", "target", "rule"):
            if getattr(self, key) is not None:
                d[key] = getattr(self, key)
        if self.estimated:
            d["estimated"] = True
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Reason:
        return cls(
            kind=d["kind"],
            doc=d.get("doc"),
            unit=d.get("unit"),
            date=d.get("date"),
            relation=d.get("relation"),
            text=d.get("text"),
            target=d.get("target"),
            estimated=bool(d.get("estimated", False)),
            rule=d.get("rule"),
        )


@dataclass(frozen=True)
class Status:
    """A document's or unit's status on a date (docs/CONTRACT.md): computed from the corpus, with the facts that
    decided it. ``stated`` is what the source says (vbpl's tình trạng hiệu lực, as a status value) when it says
    anything; ``agrees`` compares the two."""

    id: str
    at: str
    status: str
    because: tuple[Reason, ...] = ()
    stated: str | None = None
    stated_label: str | None = None

    @property
    def agrees(self) -> bool | None:
        if self.stated is None or self.stated == "unknown" or self.status == "unknown":
            return None
        return self.stated == self.status

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "at": self.at,
            "status": self.status,
            "because": [r.to_dict() for r in self.because],
            "computed": True,
        }
        if self.stated_label is not None:
            d["stated"] = self.stated
            d["stated_label"] = self.stated_label
            d["agrees"] = self.agrees
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Status:
        return cls(
            id=d["id"],
            at=d["at"],
            status=d["status"],
            because=tuple(Reason.from_dict(r) for r in d.get("because", ())),
            stated=d.get("stated"),
            stated_label=d.get("stated_label"),
        )
