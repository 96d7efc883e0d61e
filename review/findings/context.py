"""What every rule reads, loaded once per run: the documents in force on the date, their units and references,
the status engine, and the lexicons (data/findings/*.json)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

from review.graph import StatusEngine, as_iso, status_engine
from review.graph.timeline import Timelines
from review.models import DocumentRecord, Reference, UnitRecord
from review.store import CorpusSnapshot
from review.text.fold import fold
from review.vocab import ACTING_RELATIONS, ACTIVE_STATUSES, DocType

ACTIVE = ACTIVE_STATUSES
ACTING = ACTING_RELATIONS  # relations that act on a target
# Compilations and translations are not where an amendment is proposed.
SKIP_TYPES = tuple(t.value for t in DocType if not t.reviewed)

_SENTENCE_END = re.compile(r"(?<=[.;:])\s+(?=[A-ZĐÀ-Ỹ0-9“\"])|\n")
# “…” after "cụm từ"/"từ": the words an amending instruction replaces or removes, not words the text uses.
_EDITED_WORDS = re.compile(r"(?:cụm\s+từ|các\s+từ|từ|chữ)\s+[“\"][^”\"]*$", re.IGNORECASE)


@cache
def lexicon(name: str) -> dict:
    path = resources.files("review").joinpath(f"data/findings/{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class RuleContext:
    """What every rule reads on one date: the documents reviewed (in force, partly or not yet), their units and
    references, the status engine and timelines, and the snapshot they all come from."""

    snapshot: CorpusSnapshot
    at: str
    timelines: Timelines
    engine: StatusEngine
    docs: dict[str, DocumentRecord] = field(default_factory=dict)  # the documents reviewed, by id
    units: list[UnitRecord] = field(default_factory=list)
    refs: list[Reference] = field(default_factory=list)
    citing_docs: dict[str, int] = field(default_factory=dict)  # doc → how many other documents cite it
    unit_texts: dict[tuple[str, str], str] = field(default_factory=dict)
    # Documents the corpus says were amended by an act it does not hold ("Thông tư X được sửa đổi, bổ sung bởi
    # Thông tư Y", Y external): some of their words may no longer apply, and the corpus cannot tell which.
    amended_outside: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, snapshot: CorpusSnapshot, at: str | None = None) -> RuleContext:
        at = as_iso(at)
        engine = status_engine(snapshot)
        docs = {}
        for doc_id in sorted(snapshot.documents):
            record = snapshot.documents[doc_id]
            if record.type in SKIP_TYPES or record.language != "vi":
                continue
            if engine.document(doc_id, at).status in ACTIVE:
                docs[doc_id] = record
        ctx = cls(snapshot, at, engine.tl, engine, docs)
        ended = {
            n
            for n, reasons in engine.tl.ends.items()
            if "#" in n and any(x.date and x.date <= at for x in reasons)
        }
        for u in snapshot.all_units():
            if u.doc in docs and not (
                ended and any(f"{u.doc}#{a}" in ended for a in engine.tl.ancestors(u.doc, u.eid))
            ):  # a repealed unit is not reviewed any more
                ctx.units.append(u)
                ctx.unit_texts[(u.doc, u.eid)] = u.text
        citing: dict[str, set[str]] = defaultdict(set)
        by_place: dict[tuple[str, str | None, str], list[Reference]] = defaultdict(list)
        for doc_id in sorted(snapshot.references_by_doc):
            for r in snapshot.references_by_doc[doc_id]:
                if doc_id in docs:
                    ctx.refs.append(r)
                if r.target.doc:
                    by_place[(doc_id, r.unit, r.part)].append(r)
                    if r.target.doc != doc_id:
                        citing[r.target.doc].add(doc_id)
        ctx.citing_docs = {d: len(s) for d, s in citing.items()}
        ctx.amended_outside = _amended_outside(by_place.values(), docs)
        return ctx

    @cached_property
    def instructions(self) -> set[tuple[str | None, str | None, str | None]]:
        """(document, unit, target) of every amending instruction: the words and units an instruction quotes
        belong to the document it amends, so they are not citations of the citing document."""
        return {(r.doc, r.unit, r.target.doc) for r in self.refs if r.relation in ACTING and r.target.doc}

    @cached_property
    def article_texts(self) -> dict[tuple[str, str], str]:
        """(document, article) → the text of the article's reviewed units, in order."""
        out: dict[tuple[str, str], list[str]] = defaultdict(list)
        for u in self.units:
            out[(u.doc, u.eid.split("__", 1)[0])].append(u.text)
        return {k: "\n".join(v) for k, v in out.items()}

    @cached_property
    def folded_texts(self) -> dict[tuple[str, str], str]:
        """(document, unit) → the unit's text folded and lower-cased, once for every rule that pre-filters on it."""
        return {(u.doc, u.eid): fold(u.text) for u in self.units if u.text}

    @cached_property
    def lowered_texts(self) -> dict[tuple[str, str], str]:
        """(document, unit) → the unit's text in lower case (review.text.literals's pre-filter reads it)."""
        return {(u.doc, u.eid): u.text.lower() for u in self.units if u.text}

    def lead_in(self, doc: str, unit: str | None) -> str:
        """The text of the units above (an item's lead-in: "Các Nghị định sau đây hết hiệu lực:")."""
        if not unit:
            return ""
        out = []
        for a in self.timelines.ancestors(doc, unit)[1:3]:
            out.append(self.unit_texts.get((doc, a), "")[-300:])
        return "\n".join(out)

    def text_of(self, doc: str, unit: str | None, part: str = "text") -> str:
        if part == "title" or unit is None:
            record = self.docs.get(doc)
            return (record.title or "") if record is not None else ""
        if unit == "preamble":
            record = self.docs.get(doc)
            return (record.preamble or "") if record is not None else ""
        if part == "heading":
            u = self.snapshot.unit(doc, unit)
            return (u.heading or "") if u else ""
        return self.unit_texts.get((doc, unit), "")

    def unit_text(self, doc: str | None, unit: str | None) -> str:
        """Any unit's own text, reviewed or not (an amending act's instruction, say)."""
        if not doc or not unit:
            return ""
        key = (doc, unit)
        if key not in self.unit_texts:
            self.unit_texts[key] = self.snapshot.unit_text(doc, unit)
        return self.unit_texts[key]


def _amended_outside(places: Iterable[list[Reference]], docs: dict[str, DocumentRecord]) -> set[str]:
    """Documents an amending act in the corpus describes as already amended by an act outside it: "Sửa đổi, bổ
    sung Điều 3 [of X] đã được sửa đổi, bổ sung theo … Thông tư số Y" with Y external. ``places`` are the
    references grouped by where they stand (document, unit, part)."""
    out: set[str] = set()
    for refs in places:
        if any(
            r.rule.endswith(("amendment_chain", "passive")) and r.target.status == "external" for r in refs
        ):
            out.update(
                r.target.doc
                for r in refs
                if r.relation in ("amends", "supplements")
                and r.target.status == "present"
                and r.target.doc in docs
            )
    return out


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> str:
    """The sentence (or clause line) holding [start, end), for a reader."""
    lo = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        lo = m.end()
    after = _SENTENCE_END.search(text, end)
    hi = after.start() if after else len(text)
    out = text[lo:hi].strip()
    if len(out) > limit:
        mid = (start + end) // 2 - lo
        a = max(0, mid - limit // 2)
        out = ("… " if a else "") + out[a : a + limit] + " …"
    return out


def in_edited_words(text: str, start: int) -> bool:
    """The match sits inside the quoted words an amending instruction replaces ("thay cụm từ “A” bằng …")."""
    return bool(_EDITED_WORDS.search(text, max(0, start - 200), start))
