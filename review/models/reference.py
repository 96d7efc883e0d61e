"""References (citations with the relation they express and their target) and effectiveness facts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Target:
    """What a reference points at: a document (by normalised number, or by title and date when it is named
    without a number) and the units addressed in it (``()`` means the whole document).

    ``status`` says how the target was resolved against a corpus: ``present`` (the document is in it),
    ``external`` (not in it; still a graph node), ``unknown`` (no number could be found); ``missing_units``
    lists addressed units the present document does not have (dangling)."""

    doc: str | None
    type: str | None = None
    title: str | None = None
    date: str | None = None
    units: tuple[str, ...] = ()
    self: bool = False
    status: str | None = None
    missing_units: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "doc": self.doc,
            "type": self.type,
            "title": self.title,
            "date": self.date,
            "units": list(self.units),
            "self": self.self,
        }
        if self.status is not None:
            d["status"] = self.status
            d["missing_units"] = list(self.missing_units)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Target:
        return cls(
            doc=d.get("doc"),
            type=d.get("type"),
            title=d.get("title"),
            date=d.get("date"),
            units=tuple(d.get("units", ())),
            self=bool(d.get("self", False)),
            status=d.get("status"),
            missing_units=tuple(d.get("missing_units", ())),
        )


@dataclass(frozen=True)
class Reference:
    """One citation in a text (docs/CONTRACT.md, Reference): where it is, what it says, the relation it
    expresses, its target, and the rule that found it."""

    doc: str | None
    unit: str | None
    start: int
    end: int
    text: str
    relation: str
    target: Target
    rule: str
    part: str = "text"  # where start/end point: the unit's "text", its "heading", or the document "title"

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "doc": self.doc,
            "unit": self.unit,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "relation": self.relation,
            "target": self.target.to_dict(),
            "rule": self.rule,
        }
        if self.part != "text":
            d["part"] = self.part
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Reference:
        return cls(
            doc=d.get("doc"),
            unit=d.get("unit"),
            start=d["start"],
            end=d["end"],
            text=d["text"],
            relation=d["relation"],
            target=Target.from_dict(d["target"]),
            rule=d.get("rule", ""),
            part=d.get("part", "text"),
        )


@dataclass(frozen=True)
class Fact:
    """An effectiveness statement the status engine uses: ``kind`` is ``effective_from``, ``expires``,
    ``suspended`` or ``continues``; ``date`` is ISO, or ``signing``/``adoption``/``with_document`` when the
    text ties it to an event; ``target_doc``/``units`` say what it is about (``None`` = the stating
    document); ``except_units`` lists units excepted ("trừ trường hợp quy định tại khoản 2 Điều này")."""

    doc: str | None
    unit: str | None
    start: int
    end: int
    text: str
    kind: str
    date: str | None
    target_doc: str | None = None
    units: tuple[str, ...] = ()
    except_units: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "unit": self.unit,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "date": self.date,
            "target_doc": self.target_doc,
            "units": list(self.units),
            "except_units": list(self.except_units),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Fact:
        return cls(
            doc=d.get("doc"),
            unit=d.get("unit"),
            start=d["start"],
            end=d["end"],
            text=d["text"],
            kind=d["kind"],
            date=d.get("date"),
            target_doc=d.get("target_doc"),
            units=tuple(d.get("units", ())),
            except_units=tuple(d.get("except_units", ())),
        )


@dataclass(frozen=True)
class StoredReference:
    """A reference as the store holds it, with its row (so that resolution can write back to it)."""

    row: int
    reference: Reference
    key: str | None  # the number key the target was stored under (review.text.numbers.number_key)


@dataclass(frozen=True)
class Resolution:
    """How a stored reference resolved against a corpus: ``present`` (with the corpus's id for the target and
    the addressed units it lacks), ``external`` or ``unknown``."""

    row: int
    status: str
    missing_units: tuple[str, ...]
    doc: str | None
    key: str | None
