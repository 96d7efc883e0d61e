"""Small corpora in memory: snapshots built from records, so rules and the status engine are tested without a
build (review.store.CorpusSnapshot.of)."""

from __future__ import annotations

from collections.abc import Iterable

from review.models import DocumentRecord, Fact, Reference, Source, Target, UnitRecord
from review.store import CorpusSnapshot


def doc(
    id: str = "X",
    *,
    type: str | None = "Nghị định",
    number: str | None = None,
    issuer: str | None = None,
    title: str | None = "Văn bản thử",
    issued: str | None = "2020-01-01",
    effective: str | None = "same",
    language: str = "vi",
    preamble: str = "",
    stated_status: str | None = None,
    authority: str | None = None,
) -> DocumentRecord:
    """A document record; ``effective`` defaults to the issue date."""
    return DocumentRecord(
        id=id,
        number=number if number is not None else (id if "/" in id else None),
        type=type,
        issuer=issuer,
        title=title,
        issued=issued,
        effective=issued if effective == "same" else effective,
        language=language,
        source=Source(f"{id}.txt", "0" * 64, "text/plain"),
        preamble=preamble,
        stated_status=stated_status,
        authority=authority,
    )


def unit(doc_id: str, eid: str, text: str = "", *, heading: str | None = None, ord: int = 0) -> UnitRecord:
    """A unit record; its kind and parent follow from the eid (``dieu_5__khoan_2`` is a khoản under dieu_5)."""
    parent, sep, last = eid.rpartition("__")
    kind = last.rsplit("_", 1)[0] if "_" in last else last
    if last.startswith("tieu_muc"):
        kind = "tieu_muc"
    elif last.startswith("phu_luc"):
        kind = "phu_luc"
    return UnitRecord(doc_id, eid, parent if sep else None, ord, kind, last.rsplit("_", 1)[-1], heading, text)


def units(doc_id: str, items: Iterable[tuple[str, str] | tuple[str, str, str | None]]) -> list[UnitRecord]:
    """Units of one document in reading order: (eid, text) or (eid, text, heading)."""
    out = []
    for i, item in enumerate(items):
        eid, text, *rest = item
        out.append(unit(doc_id, eid, text, heading=rest[0] if rest else None, ord=i))
    return out


def ref(
    doc_id: str,
    unit_eid: str | None,
    relation: str,
    target: str | None,
    units: Iterable[str] = (),
    *,
    text: str = "",
    start: int = 0,
    status: str | None = "present",
    rule: str = "test",
    part: str = "text",
) -> Reference:
    return Reference(
        doc_id,
        unit_eid,
        start,
        start + len(text),
        text,
        relation,
        Target(target, units=tuple(units), status=status, self=target == doc_id),
        rule,
        part,
    )


def fact(doc_id: str, kind: str, date: str | None, *, unit: str | None = None, text: str = "", target: str | None = None,
         units: Iterable[str] = ()) -> Fact:  # fmt: skip
    return Fact(doc_id, unit, 0, len(text), text, kind, date, target, tuple(units))


def snapshot(
    docs: Iterable[DocumentRecord],
    unit_records: Iterable[UnitRecord] = (),
    refs: Iterable[Reference] = (),
    facts: Iterable[Fact] = (),
) -> CorpusSnapshot:
    return CorpusSnapshot.of(docs, unit_records, refs, facts)
