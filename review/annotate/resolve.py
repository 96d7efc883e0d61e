"""Resolve: turn a reference as written into a ``Target``: which document (by number, by the context, or by name
and date through the gazetteer) and which units (eids, relative ones completed from the unit the text is in).

Resolution against a corpus (is the document there, do the units exist) is a second step, run by the build
over every stored reference: ``resolve_corpus``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache

from review.annotate.eids import path_to_eid
from review.annotate.find import DocMention, Found
from review.annotate.lexicon import load, plausible_entry
from review.identity.authorities import registry
from review.identity.ids import is_local_number
from review.models import DocumentRecord, Reference, Resolution, StoredReference, Target
from review.text.fold import fold
from review.text.numbers import number_key, number_year, type_from_number
from review.vocab import DocType

SELF_MENTION = "self"


@dataclass(frozen=True)
class Context:
    """Where a text sits: its document, the unit it belongs to, and (inside an amending operation) the
    document being amended, which bare "Điều 5" addresses."""

    doc_id: str | None = None
    doc_type: str | None = None
    unit: str | None = None
    amended_doc: str | None = None
    amended_type: str | None = None
    amended_unit: str | None = (
        None  # the amended article/clause that relative "điểm b khoản 2" completes from
    )
    preamble: bool = True
    lead_in: str | None = None  # the line a list item hangs from ("Bãi bỏ các văn bản sau đây:")
    in_new_text: bool = False  # inside quoted new text of an amendment
    new_text_unit: str | None = None  # the amended unit that new text replaces or inserts
    doc_date: str | None = None  # the text's own issue date: "Luật Đất đai" cited in 2025 is the 2024 law


class Gazetteer:
    """Laws, codes and ordinances by (type, name): the shipped list plus whatever the corpus adds."""

    def __init__(self, entries: Iterable[dict]):
        self._by_name: dict[tuple[str, str], list[dict]] = {}
        self._amending: dict[frozenset[str], list[dict]] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: dict) -> None:
        if not plausible_entry(entry):
            return
        key = (fold(entry["type"]), _name_key(entry["name"]))
        bucket = self._by_name.setdefault(key, [])
        if all(e["number"] != entry["number"] for e in bucket):
            bucket.append(entry)
        amended = amended_laws(entry["name"])
        if amended:
            self._amending.setdefault(amended, []).append(entry)

    def lookup(
        self, doc_type: str | None, name: str, date: str | None, *, as_of: str | None = None
    ) -> dict | None:
        if not doc_type:
            return None
        candidates = self._by_name.get((fold(doc_type), _name_key(name)), [])
        amended = amended_laws(name)
        if not candidates and amended:
            # An amending law is written with its list of laws in many ways ("… của Luật Đất đai số 31/2024/QH15,
            # Luật Nhà ở …" or without the numbers, "… một số điều Luật …"): the set of laws it amends names it.
            candidates = [e for e in self._amending.get(amended, []) if fold(e["type"]) == fold(doc_type)]
        numbers = {e["number"]: e for e in candidates}
        if date:
            exact = [e for e in candidates if e.get("date") == date]
            if exact:
                return exact[0]
            # Otherwise the law of that name adopted that year (by its date, or the year in its number).
            same_year = {e["number"]: e for e in candidates if _year(e) == date[:4]}
            return next(iter(same_year.values())) if len(same_year) == 1 else None
        if len(numbers) == 1:
            return candidates[0]
        if as_of:
            # A name alone means the law of that name in force when the citing text was issued: the latest one
            # adopted before it.
            earlier = sorted((e for e in numbers.values() if (_year(e) or "9999") <= as_of[:4]), key=_year)
            return earlier[-1] if earlier else None
        return None


def _year(entry: dict) -> str:
    if entry.get("date"):
        return entry["date"][:4]
    year = number_year(entry["number"])
    return str(year) if year else ""


def _name_key(name: str) -> str:
    name = re.sub(r"^(?:luat|bo luat|phap lenh)\s+", "", fold(name))
    # "Phòng chống tác hại thuốc lá" is "Phòng, chống tác hại của thuốc lá": "của" and punctuation vary.
    return " ".join(w for w in re.sub(r"[^a-z0-9]+", " ", name).split() if w != "cua")


_AMENDING_TITLE = re.compile(
    r"^(?:luat\s+)?sua\s+doi\W+bo\s+sung\s+mot\s+so\s+dieu\s+(?:cua\s+)?(?P<laws>.+)$"
)
# Members are split where the next "Luật" starts: a name may hold a comma ("Luật Quản lý, sử dụng tài sản công").
_LAW_IN_LIST = re.compile(
    r"(?:^|,|\bva\b)\s*(?:bo\s+)?luat\s+(?P<name>.+?)(?=\s*(?:,\s*(?:bo\s+)?luat\b|\bva\s+(?:bo\s+)?luat\b|$))"
)


def amended_laws(name: str) -> frozenset[str]:
    """The laws an amending law's title lists ("sửa đổi, bổ sung một số điều của Luật A số …, Luật B và Luật C"),
    as name keys without their numbers and dates; empty when ``name`` is not such a title or lists one law only
    by a count ("… của 15 luật …", whose set says nothing)."""
    folded = re.sub(r"\s+", " ", fold(name)).strip(" .;")
    m = _AMENDING_TITLE.match(folded)
    if not m:
        return frozenset()
    laws = re.sub(
        r"\s*so\s+\d[\w/.-]*|\s*ngay\s+\d[\d/ ]*(?:thang\s+\d+\s+nam\s+\d{4})?", "", m.group("laws")
    )
    return frozenset(_name_key(x.group("name")) for x in _LAW_IN_LIST.finditer(laws))


@cache
def default_gazetteer() -> Gazetteer:
    return Gazetteer(load("gazetteer")["entries"])


def _doc_target(mention: DocMention, ctx: Context, gazetteer: Gazetteer) -> Target:
    if mention.self:
        return Target(doc=ctx.doc_id, type=mention.type or ctx.doc_type, self=True)
    if mention.number:
        doc_type = mention.type or type_from_number(mention.number)
        title = f"{mention.type} {mention.name}" if mention.name and mention.type else None
        return Target(doc=mention.number, type=doc_type, title=title, date=mention.date)
    title = mention.name
    if mention.type and mention.name and not mention.name.startswith(mention.type):
        title = f"{mention.type} {mention.name}"
    as_of = ctx.doc_date or (str(number_year(ctx.doc_id)) if ctx.doc_id and number_year(ctx.doc_id) else None)
    entry = gazetteer.lookup(mention.type, mention.name or "", mention.date, as_of=as_of)
    return Target(doc=entry["number"] if entry else None, type=mention.type, title=title, date=mention.date)


def to_reference(
    found: Found, text: str, relation: str, rule: str, ctx: Context, gazetteer: Gazetteer | None = None
) -> Reference:
    gazetteer = gazetteer or default_gazetteer()
    in_new = ctx.in_new_text and ctx.amended_doc is not None
    if found.doc is not None and found.doc.self and in_new:
        # "Nghị định này" inside new text of an amendment is the amended document.
        target = Target(doc=ctx.amended_doc, type=found.doc.type or ctx.amended_type)
    elif found.doc is not None:
        target = _doc_target(found.doc, ctx, gazetteer)
    elif in_new:
        target = Target(doc=ctx.amended_doc, type=ctx.amended_type or type_from_number(ctx.amended_doc or ""))
    elif ctx.amended_doc and not found.self_units:
        # Inside an amending operation a bare "Điều 5" is an article of the amended document.
        target = Target(doc=ctx.amended_doc, type=ctx.amended_type or type_from_number(ctx.amended_doc))
    else:
        target = Target(doc=ctx.doc_id, type=ctx.doc_type, self=True)
    units = []
    amending = ctx.amended_doc is not None and target.doc == ctx.amended_doc and not target.self
    current = ctx.unit
    if in_new and target.doc == ctx.amended_doc:
        current = ctx.new_text_unit or ctx.amended_unit
    elif amending:
        current = ctx.amended_unit
    for path in found.paths:
        eid = path_to_eid(path, current=current)
        if eid and eid not in units:
            units.append(eid)
    target = replace(target, units=tuple(units))
    return Reference(
        doc=ctx.doc_id,
        unit=ctx.unit,
        start=found.start,
        end=found.end,
        text=text[found.start : found.end],
        relation=relation,
        target=target,
        rule=f"{found.rule}+{rule.removeprefix('relation.')}",
    )


def _local_target(
    number: str, authority: str | None, local: Mapping[str, Mapping[str, str]]
) -> tuple[str, str | None]:
    """(target id, corpus id or None) of a local number cited without its province: the citing authority's own
    document, else one of its predecessors' (merged into it) or its successor's; not in the corpus, the number
    under the citing authority."""
    present = local.get(number_key(number), {})
    if authority is None:
        return (
            (next(iter(present.values())), next(iter(present.values())))
            if len(present) == 1
            else (number, None)
        )
    reg = registry()
    order = [authority, *(a.code for a in reg.predecessors(authority)), reg.successor(authority).code]
    for code in order:
        if code in present:
            return present[code], present[code]
    return f"{number}@{authority}", None


def resolve_corpus(
    refs: Iterable[StoredReference],
    documents: Mapping[str, DocumentRecord],
    number_keys: Iterable[tuple[str, str]],
    unit_eids: Callable[[str], frozenset[str]],
) -> tuple[list[Resolution], dict[str, int]]:
    """How every stored reference resolves against a corpus: ``present`` (its id there, and the addressed units
    it lacks: dangling), ``external`` (not in it; still a graph node) or ``unknown`` (no number). A law named
    without a number is looked up among the corpus's own laws. Run after each build: a new document changes
    others' links. A local number written without its province ("Quyết định số 12/2020/QĐ-UBND" in a decision of
    TP Hồ Chí Minh) is the citing document's own authority's, or one of its predecessors' after a merger.
    Returns the resolutions and their counts."""
    ids = dict(number_keys)
    ids.update({d: d for d in documents})
    local: dict[str, dict[str, str]] = {}  # number key → authority code → id
    for d in documents.values():
        if d.authority and d.number and is_local_number(d.number):
            local.setdefault(number_key(d.number), {}).setdefault(d.authority, d.id)
    units_cache: dict[str, frozenset[str]] = {}

    def units_of(doc_id: str) -> frozenset[str]:
        if doc_id not in units_cache:
            units_cache[doc_id] = unit_eids(doc_id)
        return units_cache[doc_id]

    gazetteer = Gazetteer(
        {"type": d.type, "name": d.title, "number": d.number, "date": d.issued}
        for d in documents.values()
        if (DocType.parse(d.type) or DocType.CONG_VAN).named_law and d.number and d.title
    )
    counts = {"present": 0, "external": 0, "unknown": 0, "dangling": 0}
    out = []
    for stored in refs:
        target = stored.reference.target
        target_doc, target_key = target.doc, stored.key
        if target_doc is None and target.title:
            # Named without a number: the corpus's own laws complete the shipped gazetteer.
            name = target.title.split(" ", 1)[-1] if target.type else target.title
            if target.type == DocType.BO_LUAT:
                name = target.title.removeprefix("Bộ luật ").strip()
            entry = gazetteer.lookup(target.type, name, target.date)
            if entry:
                target_doc, target_key = entry["number"], number_key(entry["number"])
        missing: tuple[str, ...] = ()
        doc_id = None
        if target_doc and "@" not in target_doc and is_local_number(target_doc):
            citing = documents.get(stored.reference.doc or "")
            target_doc, doc_id = _local_target(target_doc, citing.authority if citing else None, local)
            target_key = number_key(target_doc.partition("@")[0]) + (
                "@" + target_doc.partition("@")[2] if "@" in target_doc else ""
            )
        if target_doc is None:
            status = "unknown"
        elif doc_id is not None:
            have = units_of(doc_id)
            missing = tuple(u for u in target.units if u not in have)
            status = "present"
            counts["dangling"] += bool(missing)
        elif "@" in target_doc and target_doc not in documents:
            status = "external"
        else:
            doc_id = (ids.get(target_key) if target_key else None) or ids.get(target_doc)
            if doc_id is None:
                status = "external"
            else:
                have = units_of(doc_id)
                missing = tuple(u for u in target.units if u not in have)
                status = "present"
                counts["dangling"] += bool(missing)
        counts[status] += 1
        out.append(Resolution(stored.row, status, missing, doc_id or target_doc, target_key))
    return out, counts
