"""What every rule reads, loaded once per run: the documents in force on the date, their units and references,
the status engine, and the lexicons (data/findings/*.json)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

from review.graph import StatusEngine, as_iso, engine_for
from review.graph.timeline import Timelines

ACTIVE = ("in_force", "partly_expired", "not_yet_in_force")
ACTING = (
    "amends",
    "supplements",
    "replaces",
    "repeals",
    "suspends",
    "corrects",
)  # relations that act on a target
# Compilations and translations are not where an amendment is proposed.
SKIP_TYPES = ("Đề mục pháp điển", "Văn bản hợp nhất", "Bản dịch văn bản")

_SENTENCE_END = re.compile(r"(?<=[.;:])\s+(?=[A-ZĐÀ-Ỹ0-9“\"])|\n")
# “…” after "cụm từ"/"từ": the words an amending instruction replaces or removes, not words the text uses.
_EDITED_WORDS = re.compile(r"(?:cụm\s+từ|các\s+từ|từ|chữ)\s+[“\"][^”\"]*$", re.IGNORECASE)


@cache
def lexicon(name: str) -> dict:
    path = resources.files("review").joinpath(f"data/findings/{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class UnitRow:
    doc: str
    eid: str
    kind: str
    heading: str | None
    text: str


@dataclass
class RuleContext:
    conn: sqlite3.Connection
    at: str
    timelines: Timelines
    engine: StatusEngine
    docs: dict[str, sqlite3.Row] = field(default_factory=dict)  # active documents (rows of `documents`)
    units: list[UnitRow] = field(default_factory=list)
    refs: list[sqlite3.Row] = field(default_factory=list)
    citing_docs: dict[str, int] = field(default_factory=dict)  # doc → how many other documents cite it
    unit_texts: dict[tuple[str, str], str] = field(default_factory=dict)
    # Documents the corpus says were amended by an act it does not hold ("Thông tư X được sửa đổi, bổ sung bởi
    # Thông tư Y", Y external): some of their words may no longer apply, and the corpus cannot tell which.
    amended_outside: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, store, at: str | None = None) -> RuleContext:
        at = as_iso(at)
        engine = engine_for(store)
        conn = store.conn
        docs = {}
        for r in conn.execute("SELECT * FROM documents ORDER BY id"):
            if r["type"] in SKIP_TYPES or r["language"] != "vi":
                continue
            if engine.document(r["id"], at).status in ACTIVE:
                docs[r["id"]] = r
        ctx = cls(conn, at, engine.tl, engine, docs)
        ended = {
            n
            for n, reasons in engine.tl.ends.items()
            if "#" in n and any(x.date and x.date <= at for x in reasons)
        }
        for r in conn.execute("SELECT doc_id, eid, kind, heading, text FROM units ORDER BY doc_id, ord"):
            if r["doc_id"] in docs and not (
                ended
                and any(f"{r['doc_id']}#{a}" in ended for a in engine.tl.ancestors(r["doc_id"], r["eid"]))
            ):  # a repealed unit is not reviewed any more
                unit = UnitRow(r["doc_id"], r["eid"], r["kind"], r["heading"], r["text"] or "")
                ctx.units.append(unit)
                ctx.unit_texts[(unit.doc, unit.eid)] = unit.text
        citing: dict[str, set[str]] = defaultdict(set)
        by_place: dict[tuple[str, str | None, str], list[sqlite3.Row]] = defaultdict(list)
        for r in conn.execute("SELECT * FROM refs ORDER BY doc_id, rowid"):
            if r["doc_id"] in docs:
                ctx.refs.append(r)
            if r["target_doc"]:
                by_place[(r["doc_id"], r["unit"], r["part"])].append(r)
                if r["target_doc"] != r["doc_id"]:
                    citing[r["target_doc"]].add(r["doc_id"])
        ctx.citing_docs = {d: len(s) for d, s in citing.items()}
        ctx.amended_outside = _amended_outside(by_place.values(), docs)
        return ctx

    @cached_property
    def instructions(self) -> set[tuple[str, str | None, str]]:
        """(document, unit, target) of every amending instruction: the words and units an instruction quotes
        belong to the document it amends, so they are not citations of the citing document."""
        return {
            (r["doc_id"], r["unit"], r["target_doc"])
            for r in self.refs
            if r["relation"] in ACTING and r["target_doc"]
        }

    def text_of(self, doc: str, unit: str | None, part: str = "text") -> str:
        if part == "title" or unit is None:
            row = self.docs.get(doc)
            return (row["title"] or "") if row is not None else ""
        if unit == "preamble":
            row = self.docs.get(doc)
            return (row["preamble"] or "") if row is not None else ""
        if part == "heading":
            row = self.conn.execute(
                "SELECT heading FROM units WHERE doc_id = ? AND eid = ?", (doc, unit)
            ).fetchone()
            return (row["heading"] or "") if row else ""
        return self.unit_texts.get((doc, unit), "")


def _amended_outside(places: Iterable[list[sqlite3.Row]], docs: dict) -> set[str]:
    """Documents an amending act in the corpus describes as already amended by an act outside it: "Sửa đổi, bổ
    sung Điều 3 [of X] đã được sửa đổi, bổ sung theo … Thông tư số Y" with Y external. ``places`` are the
    references grouped by where they stand (document, unit, part)."""
    out: set[str] = set()
    for refs in places:
        if any(
            r["rule"].endswith(("amendment_chain", "passive")) and r["status"] == "external" for r in refs
        ):
            out.update(
                r["target_doc"]
                for r in refs
                if r["relation"] in ("amends", "supplements")
                and r["status"] == "present"
                and r["target_doc"] in docs
            )
    return out


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> str:
    """The sentence (or clause line) holding [start, end), for a reader."""
    lo = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        lo = m.end()
    m = _SENTENCE_END.search(text, end)
    hi = m.start() if m else len(text)
    out = text[lo:hi].strip()
    if len(out) > limit:
        mid = (start + end) // 2 - lo
        a = max(0, mid - limit // 2)
        out = ("… " if a else "") + out[a : a + limit] + " …"
    return out


def in_edited_words(text: str, start: int) -> bool:
    """The match sits inside the quoted words an amending instruction replaces ("thay cụm từ “A” bằng …")."""
    return bool(_EDITED_WORDS.search(text, max(0, start - 200), start))
