"""The dataclasses every stage exchanges.

All are frozen; ``to_dict`` gives exactly the JSON shapes of docs/CONTRACT.md (plus documented additions) and
``from_dict`` reads them back, so a parsed document can be stored, shipped and compared as plain JSON.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

UNIT_KINDS = ("phan", "chuong", "muc", "tieu_muc", "dieu", "khoan", "diem", "phu_luc")

# Display names of unit kinds, Vietnamese first (what legal staff read), used in text renderings.
UNIT_KIND_LABELS = {
    "phan": "Phần",
    "chuong": "Chương",
    "muc": "Mục",
    "tieu_muc": "Tiểu mục",
    "dieu": "Điều",
    "khoan": "Khoản",
    "diem": "Điểm",
    "phu_luc": "Phụ lục",
}


@dataclass(frozen=True)
class Source:
    """Where a document came from: the file, its content hash and media type, and for records taken from a
    dataset or a multi-document file, the record's key inside it."""

    path: str
    sha256: str
    media_type: str
    record: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"path": self.path, "sha256": self.sha256, "media_type": self.media_type}
        if self.record is not None:
            d["record"] = self.record
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(path=d["path"], sha256=d["sha256"], media_type=d["media_type"], record=d.get("record"))


@dataclass(frozen=True)
class Note:
    """A data-quality note: something the parser met and could not fit, reported instead of refused.

    ``code`` is stable (see ``review.structure.notes``), ``eid`` names the unit it concerns when there is one,
    ``line`` is the 1-based line of the cleaned text where it was seen."""

    code: str
    message: str
    eid: str | None = None
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "eid": self.eid, "line": self.line}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Note:
        return cls(code=d["code"], message=d["message"], eid=d.get("eid"), line=d.get("line"))


@dataclass(frozen=True)
class Unit:
    """One structural unit (Phần … Điểm, Phụ lục).

    ``text`` is the unit's own text without its children's (the heading line excluded for headed units), so
    that offsets of later stages point into one unit. ``page`` is the first page the unit starts on for paged
    sources. ``note`` carries a provenance note that belongs to the unit (the Bộ pháp điển source note)."""

    eid: str
    kind: str
    num: str | None = None
    heading: str | None = None
    text: str = ""
    children: tuple[Unit, ...] = ()
    page: int | None = None
    note: str | None = None

    def walk(self) -> Iterator[Unit]:
        yield self
        for child in self.children:
            yield from child.walk()

    def full_text(self) -> str:
        """The unit's text with its children's, in reading order."""
        parts = [self.text] if self.text else []
        parts.extend(c.full_text() for c in self.children)
        return "\n".join(p for p in parts if p)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "eid": self.eid,
            "kind": self.kind,
            "num": self.num,
            "heading": self.heading,
            "text": self.text,
            "children": [c.to_dict() for c in self.children],
        }
        if self.page is not None:
            d["page"] = self.page
        if self.note is not None:
            d["note"] = self.note
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Unit:
        return cls(
            eid=d["eid"],
            kind=d["kind"],
            num=d.get("num"),
            heading=d.get("heading"),
            text=d.get("text", ""),
            children=tuple(cls.from_dict(c) for c in d.get("children", ())),
            page=d.get("page"),
            note=d.get("note"),
        )


@dataclass(frozen=True)
class Document:
    """A parsed legal document: header metadata plus its unit tree.

    ``id`` is the normalised number when the document has one; otherwise a stable id derived from the source
    (see ``review.structure.ids``). ``stated_status`` is what a source such as vbpl.vn claims about the
    document's status; it is kept beside, never in place of, the status the graph computes. ``preamble`` holds
    the lines between the title and the first unit (Căn cứ …, Theo đề nghị …, the enacting formula); ``body``
    holds the text of a document that has no units at all, so that nothing is lost."""

    id: str
    number: str | None
    type: str | None
    issuer: str | None
    title: str | None
    issued: str | None
    effective: str | None
    language: str
    source: Source
    units: tuple[Unit, ...] = ()
    place: str | None = None
    preamble: str = ""
    stated_status: str | None = None
    stated_effective: str | None = None
    notes: tuple[Note, ...] = ()
    body: str = ""

    def walk(self) -> Iterator[Unit]:
        for unit in self.units:
            yield from unit.walk()

    def unit(self, eid: str) -> Unit | None:
        return next((u for u in self.walk() if u.eid == eid), None)

    def articles(self) -> list[Unit]:
        return [u for u in self.walk() if u.kind == "dieu"]

    def with_notes(self, *notes: Note) -> Document:
        return replace(self, notes=self.notes + tuple(notes))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "type": self.type,
            "issuer": self.issuer,
            "title": self.title,
            "issued": self.issued,
            "effective": self.effective,
            "language": self.language,
            "source": self.source.to_dict(),
            "place": self.place,
            "stated_status": self.stated_status,
            "stated_effective": self.stated_effective,
            "preamble": self.preamble,
            "units": [u.to_dict() for u in self.units],
            "notes": [n.to_dict() for n in self.notes],
            "body": self.body,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        return cls(
            id=d["id"],
            number=d.get("number"),
            type=d.get("type"),
            issuer=d.get("issuer"),
            title=d.get("title"),
            issued=d.get("issued"),
            effective=d.get("effective"),
            language=d.get("language", "vi"),
            source=Source.from_dict(d["source"]),
            units=tuple(Unit.from_dict(u) for u in d.get("units", ())),
            place=d.get("place"),
            preamble=d.get("preamble", ""),
            stated_status=d.get("stated_status"),
            stated_effective=d.get("stated_effective"),
            notes=tuple(Note.from_dict(n) for n in d.get("notes", ())),
            body=d.get("body", ""),
        )


@dataclass(frozen=True)
class PageSpan:
    """The cleaned-text offset at which a page begins, so units can be given their page."""

    page: int
    start: int


@dataclass(frozen=True)
class RawDocument:
    """What an ingester hands to the structure stage: text plus provenance and whatever metadata the container
    itself states (a vbpl page's status badge, a dataset's fields).

    ``hints`` keys are the Document field names (``title``, ``number``, ``type``, ``issued``, ``effective``,
    ``stated_status``, ``stated_effective``, ``language``, ``issuer``) and win over nothing: the structure stage
    prefers what the text says and records disagreements as notes. ``units`` is set by ingesters whose
    format already carries structure (the Bộ pháp điển), in which case the text is not re-segmented."""

    text: str
    source: Source
    pages: tuple[PageSpan, ...] = ()
    hints: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    units: tuple[Unit, ...] | None = None
    notes: tuple[Note, ...] = ()


RELATIONS = (
    "legal_basis",
    "cites",
    "amends",
    "supplements",
    "repeals",
    "replaces",
    "guides",
    "suspends",
    "corrects",
    "consolidates",
)


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


STATUS_VALUES = ("not_yet_in_force", "in_force", "partly_expired", "expired", "suspended", "unknown")
# The status as legal staff read it (the wording of vbpl.vn's "tình trạng hiệu lực").
STATUS_LABELS = {
    "not_yet_in_force": "Chưa có hiệu lực",
    "in_force": "Còn hiệu lực",
    "partly_expired": "Hết hiệu lực một phần",
    "expired": "Hết hiệu lực toàn bộ",
    "suspended": "Ngưng hiệu lực",
    "unknown": "Chưa xác định",
}


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
            **{k: d.get(k) for k in ("kind", "doc", "unit", "date", "relation", "text", "target", "rule")},
            estimated=bool(d.get("estimated", False)),
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


FINDING_KINDS = ("outdated", "burden", "quality")
SEVERITIES = ("high", "medium", "low")
ACTIONS = ("amend", "replace", "repeal", "review")
# What legal staff read: the suggested action in Vietnamese, the English term beside it.
ACTION_LABELS = {"amend": "sửa đổi, bổ sung", "replace": "thay thế", "repeal": "bãi bỏ", "review": "rà soát"}
KIND_LABELS = {"outdated": "lỗi thời", "burden": "gánh nặng", "quality": "chất lượng"}
SEVERITY_LABELS = {"high": "cao", "medium": "trung bình", "low": "thấp"}
RELATION_LABELS = {
    "legal_basis": "căn cứ",
    "cites": "dẫn chiếu",
    "amends": "sửa đổi",
    "supplements": "bổ sung",
    "repeals": "bãi bỏ",
    "replaces": "thay thế",
    "guides": "quy định chi tiết, hướng dẫn",
    "suspends": "ngưng hiệu lực",
    "corrects": "đính chính",
    "consolidates": "hợp nhất",
}

# Unit words as a citation writes them: articles and above capitalised, clauses and points not.
_CITATION_WORDS = {**UNIT_KIND_LABELS, "khoan": "khoản", "diem": "điểm"}


def unit_citation(eid: str | None) -> str:
    """A unit's eid as a citation reads: ``dieu_5__khoan_2__diem_dd`` → ``điểm đ khoản 2 Điều 5``.

    An eid this does not recognise is returned unchanged."""
    if not eid:
        return ""
    words: list[str] = []
    for part in eid.split("__"):
        for key in ("tieu_muc", "phu_luc", "phan", "chuong", "muc", "dieu", "khoan", "diem"):
            if part == key:
                words.append(_CITATION_WORDS[key])  # an annex without a number
                break
            if part.startswith(key + "_") and len(part) > len(key) + 1:
                num = part[len(key) + 1 :]
                if key == "diem":
                    num = num.replace("dd", "đ")
                words.append(f"{_CITATION_WORDS[key]} {num}")
                break
        else:
            return eid
    return " ".join(reversed(words))


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
        }
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
        )
