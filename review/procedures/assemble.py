"""A record's fields read from the units of its articles: the first unit a field extractor reads a value from, the
union of the ways of sending, the dossier's papers and sets, the time limit that runs from the receipt, what the
headings say is granted, and what a document's general article on procedures adds."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, replace
from typing import Any

from review.models import UnitRecord
from review.procedures import fields as F
from review.procedures.record import FieldValue, ProcedureRecord, plain

# A dossier article's heading ("Hồ sơ đề nghị cấp giấy phép"): its clauses are the papers.
DOSSIER_HEADING = re.compile(
    r"^\s*(?:quy\s+định\s+về\s+(?:nộp\s+)?)?hồ\s+sơ(?![^.;]*(?:trình\s+tự|thủ\s+tục))", re.I
)


def with_points(units: Sequence[UnitRecord], sep: str) -> list[UnitRecord]:
    """``units`` with each lead-in that ends with ":" read with its points ("… bằng một trong các hình thức sau: a)
    Trực tiếp …"), the points joined by ``sep``."""
    kids: dict[str | None, list[str]] = {}
    for u in units:
        kids.setdefault(u.parent, []).append(u.text)
    return [
        replace(u, text=u.text + " " + sep.join(t.rstrip(";. ") for t in kids.get(u.eid, [])))
        if u.text.rstrip().endswith(":")
        else u
        for u in units
    ]


def with_general(record: ProcedureRecord, units: list[UnitRecord]) -> ProcedureRecord:
    """The ways of sending and the number of sets a record lacks, from its document's general article on
    procedures; each field's provision is that article's unit, so the record says where the value came from."""
    loc = lambda u: f"{u.doc}#{u.eid}"  # noqa: E731
    fields = dict(record.fields)
    if fields.get("methods") is None:
        fields["methods"] = union_methods(with_points(units, ", "), loc)
    dossier = fields.get("dossier")
    if dossier is not None and dossier.value.get("sets") is None:
        counted = next((u for u in units if F.sets(u.text) is not None), None)
        if counted is not None:
            value = {**dossier.value, "sets": F.sets(counted.text).value}  # type: ignore[union-attr]
            fields["dossier"] = FieldValue(value, dossier.provision, dossier.words)
    used = {
        f"{u.doc}#{u.eid.split('__', 1)[0]}"
        for key in ("methods", "dossier")
        if fields.get(key) is not record.fields.get(key)
        for u in units[:1]
    }
    if not used - set(record.provisions):
        return replace(record, fields=fields)
    provisions = tuple(sorted({*record.provisions, *used}, key=_article_order))
    return replace(record, fields=fields, provisions=provisions)


def _article_order(provision: str) -> tuple[int, str]:
    num = re.match(r"dieu_(\d+)", provision.split("#", 1)[1])
    return (int(num.group(1)) if num else 10**6, provision)


def heading_result(head: UnitRecord, heads: list[UnitRecord]) -> FieldValue | None:
    """What the procedure grants, as its articles' headings name it: the steps' heading first; the dossier's when
    the steps' names none or names it short ("Trình tự cấp mới Giấy chứng nhận" beside "Hồ sơ đề nghị cấp Giấy chứng
    nhận cơ sở đủ điều kiện kinh doanh dịch vụ đào tạo …": the full name)."""
    found = [
        (u, r) for u in [head, *(h for h in heads if h is not head)] if (r := F.result_of(u.heading or ""))
    ]
    if not found:
        return None
    where, best = found[0]
    for other, r in found[1:]:
        short, full = str(best.value), str(r.value)
        if where is head and full.lower().startswith(short.lower()) and len(full) > len(short):
            where, best = other, r
    return FieldValue(best.value, f"{where.doc}#{where.eid}", best.words)


def first(units: Sequence[UnitRecord], extract, loc) -> FieldValue | None:
    for u in units:
        if u.text and (found := extract(u.text)) is not None:
            return FieldValue(
                plain(asdict(found.value)) if hasattr(found.value, "__dataclass_fields__") else found.value,
                loc(u),
                found.words,
            )
    return None


def dossier(parts, by_article, loc) -> FieldValue | None:
    items: list[dict[str, Any]] = []
    first: UnitRecord | None = None
    sets = None
    for p in parts:
        units = by_article[p]
        heading = units[0].heading or ""
        children: dict[str | None, list[UnitRecord]] = {}
        for u in units:
            children.setdefault(u.parent, []).append(u)
            if sets is None and (s := F.sets(u.text)) is not None:
                sets = s.value
        leads = [u for u in units if u.text and F.is_dossier_lead(u.text)]
        if DOSSIER_HEADING.match(heading) and units[0] not in leads:
            leads.insert(0, units[0])  # the article is the dossier: its clauses are the papers
        for lead in leads:
            listed = [
                c for c in children.get(lead.eid, []) if c not in leads and F.dossier_item(c.text) is not None
            ]
            found = [(c, F.dossier_item(c.text)) for c in listed] or [
                (lead, i) for i in F.inline_items(lead.text)
            ]
            for unit, item in found:
                if item is None:
                    continue
                first = first or unit
                items.append({"provision": loc(unit), **asdict(item)})
    if not items:
        # The number of sets may be said where the papers are not listed ("nộp 01 bộ hồ sơ" with the papers in a
        # form or another text): the count is known, the papers are not.
        counted = next((u for p in parts for u in by_article[p] if F.sets(u.text) is not None), None)
        if counted is None:
            return None
        return FieldValue({"items": [], "sets": sets}, loc(counted), counted.text[:200])
    assert first is not None
    return FieldValue({"items": items, "sets": sets}, loc(first), first.text[:200])


def union_methods(units: Sequence[UnitRecord], loc) -> FieldValue | None:
    """Every way of handing in the dossier the procedure's units name (a dossier article may name two, the steps
    a third), in the order of ``fields.methods``; the provision and words of the first unit naming one."""
    found = [(u, f) for u in units if u.text and (f := F.methods(u.text)) is not None]
    if not found:
        return None
    names = {name for _, f in found for name in f.value}  # type: ignore[attr-defined]
    order = ["bưu chính", "trực tuyến", "trực tiếp"]
    return FieldValue([n for n in order if n in names], loc(found[0][0]), found[0][1].words)


def time_limit(units: Sequence[UnitRecord], loc) -> FieldValue | None:
    """The time limit for deciding: the first that runs from the receipt of the dossier ("kể từ ngày nhận đủ hồ
    sơ …") in any unit, else the first time limit found."""
    found = [(u, f) for u in units if u.text and (f := F.time_limit(u.text)) is not None]
    if not found:
        return None
    limits = [(u, f, f.value) for u, f in found if isinstance(f.value, F.TimeLimit)]
    dossier = [x for x in limits if re.search(r"hồ\s+sơ", x[2].start or "", re.I)]
    if not limits:
        return None
    u, f, value = (dossier or limits)[0]
    return FieldValue(plain(asdict(value)), loc(u), f.words)
