"""Timelines: every dated fact that decides a document's or a unit's status, gathered once from the store.

A timeline is data, not a verdict: when each document takes effect (its own statement, else the date the
header or the source gives), which later acts end it (replacement, repeal, a fixed term), which end or amend
its units, which suspend it, and which documents it details. ``review.graph.status`` reads a status on any
date from these.

The date an act takes effect is the acting unit's own effective date when the text staggers it, else the
acting document's; when the text says "hết hiệu lực kể từ ngày …" next to the reference, that date wins.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta
from functools import cache
from importlib import resources
from typing import Any

from review.models import Reason
from review.store import CorpusSnapshot
from review.vocab import ACTING_RELATIONS, AMENDING_RELATIONS, ENDING_RELATIONS, DocType, Relation, rank_of

# "thay thế cụm từ …", "bỏ cụm từ …", "bỏ từ …": a phrase edit amends the unit, it does not end it.
_PHRASE_EDIT = re.compile(r"cụm\s+từ|\bcác\s+từ\b|\btừ\s+[“\"]|\bchữ\s+[“\"]", re.IGNORECASE)
# An own fixed term: "<Nghị quyết> này … (được thực hiện) đến hết ngày …" / "… này hết hiệu lực …".
_SELF = re.compile(
    r"^\W*(?:\d+\.\s*)?(?:Luật|Bộ\s+luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết|Quyết\s+định|Thông\s+tư(?:\s+liên\s+tịch)?"
    r"|Lệnh|Chỉ\s+thị|Văn\s+bản)\s+này\b|\b(?:Luật|Nghị\s+định|Nghị\s+quyết|Quyết\s+định|Thông\s+tư|Pháp\s+lệnh)\s+này"
    r"\s+(?:có|hết)\s+hiệu\s+lực"
)
ENDING = ENDING_RELATIONS
AMENDING = AMENDING_RELATIONS
# The relations a timeline reads: what acts on a document, and what details one.
_TIMELINE_RELATIONS = frozenset((*ACTING_RELATIONS, Relation.GUIDES))


@cache
def _rules() -> dict:
    return json.loads(
        resources.files("review").joinpath("data/graph/detailing_rules.json").read_text("utf-8")
    )


rank = rank_of  # place in the legal hierarchy (review.vocab)


def can_act_on(acting: DocInfo, target: DocInfo) -> bool:
    """An act amends, replaces, repeals or suspends only a document of the same or lower rank, issued before
    it (the domain notes' direction check: the acting document is the later one)."""
    a, t = rank(acting.number or acting.id, acting.type), rank(target.number or target.id, target.type)
    if a is not None and t is not None and a > t:
        return False
    return not (acting.issued and target.issued and target.issued > acting.issued)


@cache
def _effective_defaults() -> dict:
    text = resources.files("review").joinpath("data/graph/effective_defaults.json").read_text("utf-8")
    return json.loads(text)


def local_default(issued: str) -> dict:
    """The rule that gives a local document stating no effective date its earliest lawful date."""
    for rule in _effective_defaults()["local"]:
        if issued <= rule.get("issued_until", "9999") and issued >= rule.get("issued_from", "0000"):
            return rule
    return _effective_defaults()["local"][-1]


def stated_status(label: str | None) -> str | None:
    """vbpl's tình trạng hiệu lực as a status value (None when the source states nothing)."""
    if not label or label.strip() in ("", "--"):
        return None
    return _rules()["stated_status"].get(label.strip(), "unknown")


def detailing_rule(parent_end: str) -> dict:
    """The rule for a detailing document whose parent ends on ``parent_end`` (data/graph/detailing_rules.json)."""
    for rule in _rules()["rules"]:
        if (rule["from"] is None or parent_end >= rule["from"]) and (
            rule["until"] is None or parent_end <= rule["until"]
        ):
            return rule
    return _rules()["rules"][-1]


@dataclass(frozen=True)
class DocInfo:
    id: str
    type: str | None
    issuer: str | None
    title: str | None
    number: str | None
    issued: str | None
    effective: str | None  # the date it takes effect, when known
    effective_reason: Reason | None
    stated_label: str | None
    in_corpus: bool

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "type": self.type,
            "issuer": self.issuer,
            "title": self.title,
            "number": self.number,
            "issued": self.issued,
            "effective": self.effective,
            "stated_status": self.stated_label,
            "in_corpus": self.in_corpus,
        }


@dataclass
class Timelines:
    """What the corpus says about when each document and unit is in force (see the module docstring)."""

    docs: dict[str, DocInfo] = field(default_factory=dict)
    starts: dict[str, Reason] = field(default_factory=dict)  # "doc#eid" → staggered start of a unit
    ends: dict[str, list[Reason]] = field(default_factory=lambda: defaultdict(list))  # node → what ends it
    amended: dict[str, list[Reason]] = field(default_factory=lambda: defaultdict(list))  # node → amendments
    suspensions: dict[str, list[Reason]] = field(default_factory=lambda: defaultdict(list))
    details: dict[str, dict[str, Reason]] = field(default_factory=lambda: defaultdict(dict))  # doc → parents
    continues: dict[str, Reason] = field(default_factory=dict)  # doc → "… tiếp tục có hiệu lực"
    unit_parents: dict[str, dict[str, str | None]] = field(default_factory=dict)  # doc → eid → parent eid
    _unit_index: dict[int, dict[str, list[str]]] = field(default_factory=dict, repr=False)

    def ancestors(self, doc: str, eid: str) -> list[str]:
        """The eid and every unit above it, nearest first."""
        parents = self.unit_parents.get(doc, {})
        out, seen = [], set()
        cur: str | None = eid
        while cur and cur not in seen:
            out.append(cur)
            seen.add(cur)
            cur = parents.get(cur) if cur in parents else _path_parent(cur)
        return out

    def unit_nodes(self, doc: str, table: dict[str, list[Reason]]) -> list[str]:
        """``doc``'s unit nodes that have entries in ``table`` (ends, amendments, suspensions); each table is
        indexed by document once."""
        index = self._unit_index.get(id(table))
        if index is None:
            index = defaultdict(list)
            for node in table:
                d, sep, _ = node.partition("#")
                if sep:
                    index[d].append(node)
            self._unit_index[id(table)] = index
        return index.get(doc, [])

    def start_of(self, doc: str, unit: str | None = None) -> str | None:
        """When a unit takes effect: its own staggered start (or one above it), else its document's."""
        if unit:
            for eid in self.ancestors(doc, unit):
                start = self.starts.get(f"{doc}#{eid}")
                if start:
                    return start.date
        info = self.docs.get(doc)
        return info.effective if info else None


def _path_parent(eid: str) -> str | None:
    head, sep, _ = eid.rpartition("__")
    return head if sep else None


def _resolve_date(
    value: str | None, info_issued: str | None, info_effective: str | None
) -> tuple[str | None, bool]:
    """A fact's date as ISO: "signing"/"adoption" is the issue date; "with_document" the document's own
    effective date. The flag says the date was estimated (an issue date standing in)."""
    if value is None:
        return None, False
    if value[:1].isdigit():
        return value, False
    if value in ("signing", "adoption"):
        return info_issued, False
    if value == "with_document":
        return (info_effective, False) if info_effective else (info_issued, True)
    return None, False


def load_timelines(snapshot: CorpusSnapshot) -> Timelines:
    """Read documents, facts and resolved references from a corpus snapshot."""
    tl = Timelines()
    raw_docs = snapshot.documents
    facts_by_doc = snapshot.facts_by_doc

    # Each corpus document's own start.
    for doc_id, record in raw_docs.items():
        effective, reason = record.effective, None
        own = next(
            (
                f
                for f in facts_by_doc.get(doc_id, ())
                if f.kind == "effective_from"
                and f.target_doc is None
                and not f.units
                and _SELF.search(f.text or "")
            ),
            None,
        )
        if own is not None:
            date, estimated = _resolve_date(own.date, record.issued, None)
            if date:
                effective = date
                reason = Reason("effective", doc_id, own.unit, date, text=own.text, estimated=estimated)
        if reason is None and effective:
            reason = Reason("effective", doc_id, None, effective, text="ngày có hiệu lực (thông tin văn bản)")
        if effective is None and record.stated_effective:
            effective = record.stated_effective
            reason = Reason("effective", doc_id, None, effective, text="ngày có hiệu lực theo nguồn (vbpl)")
        if effective is None and record.authority and record.issued:
            default = local_default(record.issued)
            effective = (Date.fromisoformat(record.issued) + timedelta(days=int(default["days"]))).isoformat()
            reason = Reason(
                "effective",
                doc_id,
                None,
                effective,
                text=default["ground_vi"],
                estimated=True,
                rule=default["ground"],
            )
        tl.docs[doc_id] = DocInfo(
            doc_id,
            record.type,
            record.issuer,
            record.title,
            record.number,
            record.issued,
            effective,
            reason,
            record.stated_status,
            True,
        )

    # Staggered starts of units, own fixed terms, suspensions and "continues" statements.
    explicit_end: dict[tuple[str, str | None, str], tuple[str, bool]] = {}
    for doc_id, facts in facts_by_doc.items():
        info = tl.docs[doc_id]
        for f in facts:
            date, estimated = _resolve_date(f.date, info.issued, info.effective)
            units = f.units
            if f.kind == "effective_from" and f.target_doc is None and units and date:
                for eid in units:
                    tl.starts.setdefault(
                        f"{doc_id}#{eid}", Reason("not_yet", doc_id, f.unit, date, text=f.text)
                    )
            elif f.kind == "expires" and f.target_doc and date:
                explicit_end[(doc_id, f.unit, f.target_doc)] = (date, estimated)
            elif (
                f.kind == "expires"
                and f.target_doc is None
                and not units
                and date
                and (f.date or "")[:1].isdigit()
                and _SELF.search(f.text or "")
            ):
                tl.ends[doc_id].append(Reason("expiry_clause", doc_id, f.unit, date, text=f.text))
            elif f.kind == "continues" and f.target_doc and not units:
                tl.continues.setdefault(
                    f.target_doc, Reason("continues", doc_id, f.unit, info.effective, text=f.text)
                )
            elif f.kind == "suspended" and f.target_doc and f.target_doc != doc_id:
                node = f.target_doc if not units else None
                for n in [node] if node else [f"{f.target_doc}#{u}" for u in units]:
                    tl.suspensions[n].append(
                        Reason("suspended", doc_id, f.unit, info.effective, "suspends", f.text, n)
                    )

    def acting_date(doc_id: str, unit: str | None) -> tuple[str | None, bool]:
        """When the act takes effect, and whether that date is only its issue date standing in."""
        date = tl.start_of(doc_id, unit)
        if date:
            return date, False
        info = tl.docs.get(doc_id)
        return (info.issued, info.issued is not None) if info else (None, False)

    # References that act on other documents.
    for r in snapshot.references:
        if r.target.self or r.target.doc is None or r.relation not in _TIMELINE_RELATIONS:
            continue
        acting, target, relation = r.doc or "", r.target.doc, r.relation
        if target == acting or tl.docs.get(acting) is None:
            continue
        acting_type = DocType.parse(tl.docs[acting].type)
        if acting_type is not None and not acting_type.acts:
            # A compilation repeats its sources' words; it does not act on anything itself.
            continue
        if target not in tl.docs:
            tl.docs[target] = DocInfo(
                target,
                r.target.type,
                None,
                r.target.title,
                target,
                _iso(r.target.date),
                None,
                None,
                None,
                False,
            )
        if relation != "guides" and not can_act_on(tl.docs[acting], tl.docs[target]):
            continue  # a decree does not amend a law; a 2026 act does not repeal a later one
        date, estimated = acting_date(acting, r.unit)
        stated = explicit_end.get((acting, r.unit, target))
        if stated:
            date, estimated = stated
        units = r.target.units
        base: dict[str, Any] = {"doc": acting, "unit": r.unit, "date": date, "relation": relation, "text": r.text,
                "estimated": estimated}  # fmt: skip
        if relation == "guides":
            a, t = (
                rank(tl.docs[acting].number or acting, tl.docs[acting].type),
                rank(target, tl.docs[target].type),
            )
            if a is None or t is None or a > t:
                # A circular details a decree or a law, not another circular (nor a law a decree).
                tl.details[acting].setdefault(target, Reason("details", target=target, **base))
            continue
        if relation == "suspends":
            for node in [f"{target}#{u}" for u in units] or [target]:
                tl.suspensions[node].append(Reason("suspended", target=node, **base))
            continue
        phrase = False
        if units and relation in ENDING and r.part == "text" and r.unit:
            text = snapshot.unit_text(acting, r.unit)
            lead = text[max(0, r.start - 200) : r.start]
            phrase = bool(_PHRASE_EDIT.search(lead))
        if not units:
            if relation in ENDING:
                kind = "replaced" if relation == "replaces" else "repealed"
                tl.ends[target].append(Reason(kind, target=target, **base))
            else:
                reason = Reason("amended", target=target, **base)
                # The same act naming the document twice in one provision (a preamble that repeats the title)
                # amends it once.
                if not any(
                    (r.doc, r.unit, r.date) == (reason.doc, reason.unit, reason.date)
                    for r in tl.amended[target]
                ):
                    tl.amended[target].append(reason)
            continue
        for eid in units:
            node = f"{target}#{eid}"
            if relation == "repeals" and not phrase:
                tl.ends[node].append(Reason("unit_repealed", target=node, **base))
            else:
                tl.amended[node].append(Reason("unit_amended", target=node, **base))

    # The unit hierarchy of documents whose units are acted on (articles sit under chapters and sections).
    wanted = {n.partition("#")[0] for table in (tl.ends, tl.amended, tl.suspensions, tl.starts) for n in table
              if "#" in n}  # fmt: skip
    for doc_id in wanted:
        if doc_id in raw_docs:
            tl.unit_parents[doc_id] = snapshot.unit_parents(doc_id)
    for table in (tl.ends, tl.amended, tl.suspensions):
        for reasons in table.values():
            reasons.sort(key=lambda x: (x.date or "9999", x.doc or ""))
    return tl


def _iso(value: str | None) -> str | None:
    return value if value and len(value) == 10 else None
