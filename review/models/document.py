"""Documents as the stages exchange them: where a document came from, its data-quality notes, its unit tree, the
raw text an ingester hands to the structure stage, and the flat records the store reads back.

All are frozen; ``to_dict`` gives exactly the JSON shapes of docs/CONTRACT.md (plus documented additions) and
``from_dict`` reads them back, so a parsed document can be stored, shipped and compared as plain JSON.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any


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

    ``code`` is stable (see ``review.notes``), ``eid`` names the unit it concerns when there is one,
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
    # The local authority (province or city) whose People's Council or Committee issued it, by its code in
    # review/data/authorities.json ("HCM"); None for a central document. Its jurisdiction is that authority's
    # territory as it was then, even after a merger.
    authority: str | None = None

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
            "authority": self.authority,
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
            authority=d.get("authority"),
        )


@dataclass(frozen=True)
class PageSpan:
    """The cleaned-text offset at which a page begins, so units can be given their page."""

    page: int
    start: int


@dataclass(frozen=True)
class RawArticle:
    """One article of a Bộ pháp điển đề mục as its source gives it, before any structure is read into it: the
    article's heading line, its pháp điển code, the chapter and section heading lines it sits under, its source
    note (ghi chú) and its text (nội dung), clauses and points still unparsed."""

    heading: str  # "Điều 44.5.NĐ.8. Tên điều": number and title, as printed
    code: str | None  # the pháp điển code the page anchors the article by (MAPC)
    chapter: str | None  # "Chương I QUY ĐỊNH CHUNG", or None outside any chapter
    section: str | None  # "Mục 1 …", or None
    source_note: str | None  # "(Điều 8 Nghị định số 63/2010/NĐ-CP …)": where the article was codified from
    text: str


@dataclass(frozen=True)
class RawDocument:
    """What an ingester hands to the structure stage: text plus provenance and whatever metadata the container
    itself states (a vbpl page's status badge, a dataset's fields).

    ``hints`` keys are the Document field names (``title``, ``number``, ``type``, ``issued``, ``effective``,
    ``stated_status``, ``stated_effective``, ``language``, ``issuer``) and win over nothing: the structure stage
    prefers what the text says and records disagreements as notes. ``articles`` is set by ingesters whose
    format already comes as articles (a Bộ pháp điển đề mục): the structure stage builds the unit tree from them
    (``review.structure.phapdien``), and ``text`` is then only the đề mục's heading, never segmented."""

    text: str
    source: Source
    pages: tuple[PageSpan, ...] = ()
    hints: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    articles: tuple[RawArticle, ...] | None = None
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class DocumentRecord:
    """A stored document's metadata without its units: what later stages read of every document at once
    (the status engine, the rules, search), so that the unit trees are loaded only where they are needed."""

    id: str
    number: str | None
    type: str | None
    issuer: str | None
    title: str | None
    issued: str | None
    effective: str | None
    language: str
    source: Source
    place: str | None = None
    preamble: str = ""
    stated_status: str | None = None
    stated_effective: str | None = None
    body: str = ""
    authority: str | None = None


@dataclass(frozen=True)
class UnitRecord:
    """One stored unit as a flat row: its document, its place in the tree (``parent`` eid, ``ord`` in reading
    order) and its own text (without its children's)."""

    doc: str
    eid: str
    parent: str | None
    ord: int
    kind: str
    num: str | None = None
    heading: str | None = None
    text: str = ""
    page: int | None = None
    note: str | None = None
