"""Annotate a whole parsed document: every unit with its context.

For each unit: its own text (offsets into ``Unit.text``) and its heading (``part="heading"``), the preamble
(``unit="preamble"``, where "Căn cứ" lines are legal bases) and the title (``part="title"``, where "Sửa đổi, bổ
sung một số điều của Thông tư số …" names the amended document). Inside an amending operation, bare "Điều 5"
addresses the amended document: the innermost enclosing unit whose heading (or the document title) names exactly
one document next to an amendment verb decides which.
"""

from __future__ import annotations

import re
from dataclasses import replace

from review.annotate import references_in
from review.annotate.facts import find_facts
from review.annotate.find import find_references
from review.annotate.resolve import Context, Gazetteer
from review.models import Document, Fact, Reference, Unit

_AMENDING = re.compile(r"sửa\s+đổi|bổ\s+sung|bãi\s+bỏ|thay\s+thế|đính\s+chính", re.IGNORECASE)


_CHAIN_BEFORE = re.compile(r"được\s+(?:sửa\s+đổi|bổ\s+sung|thay\s+thế)[^:;]*$", re.IGNORECASE)


def amended_doc_of(text: str | None, self_id: str | None = None) -> str | None:
    """The one document a heading or title says is being amended, if it names exactly one."""
    if not text or not _AMENDING.search(text):
        return None
    numbers = {
        f.doc.number
        for f in find_references(text)
        if f.doc
        and f.doc.number
        and f.doc.number != self_id
        # "Sửa đổi Điều 3 đã được sửa đổi, bổ sung theo quy định tại khoản 1 Điều 1 Thông tư số B": B is the
        # history of the article, not the document amended.
        and not _CHAIN_BEFORE.search(text, max(0, f.start - 160), f.start)
    }
    return numbers.pop() if len(numbers) == 1 else None


def amended_unit_of(text: str | None) -> str | None:
    """The one unit an amending instruction opens ("Sửa đổi, bổ sung một số khoản của Điều 10 như sau:")."""
    if not text or not _AMENDING.search(text):
        return None
    units = [
        path.get("dieu") for f in find_references(text) if not (f.doc and f.doc.number) for path in f.paths
    ]
    units = [u for u in units if u]
    return f"dieu_{units[0]}" if len(set(units)) == 1 else None


def annotate_document(
    doc: Document, gazetteer: Gazetteer | None = None
) -> tuple[list[Reference], list[Fact]]:
    refs: list[Reference] = []
    facts: list[Fact] = []
    base = Context(doc_id=doc.id, doc_type=doc.type, doc_date=doc.issued)
    title_amended = amended_doc_of(doc.title, doc.id)
    if doc.title:
        ctx = replace(base, preamble=False)
        refs.extend(replace(r, part="title") for r in references_in(doc.title, ctx, gazetteer))
    if doc.preamble:
        ctx = replace(base, unit="preamble", preamble=True)
        refs.extend(references_in(doc.preamble, ctx, gazetteer))

    def walk(unit: Unit, amended: str | None, amended_unit: str | None, lead_in: str | None) -> None:
        first_line = unit.text.split("\n", 1)[0] if unit.kind in ("dieu", "khoan", "diem") else None
        own = amended_doc_of(unit.heading, doc.id) or amended_doc_of(first_line, doc.id)
        amended = own or amended
        ctx = replace(
            base,
            unit=unit.eid,
            amended_doc=amended,
            amended_unit=amended_unit,
            preamble=False,
            lead_in=lead_in,
        )
        if unit.heading:
            refs.extend(replace(r, part="heading") for r in references_in(unit.heading, ctx, gazetteer))
        if unit.text:
            refs.extend(references_in(unit.text, ctx, gazetteer))
            facts.extend(find_facts(unit.text, ctx))
        child_unit = amended_unit_of(first_line) if amended else None
        # "2. Các quy định sau đây hết hiệu lực …:" / "Điều 1. Bãi bỏ các văn bản sau:" → the items below it.
        last_line = (unit.text.rstrip().rsplit("\n", 1)[-1] if unit.text else unit.heading or "").strip()
        child_lead_in = last_line if last_line.endswith(":") else None
        for child in unit.children:
            walk(child, amended, child_unit or amended_unit, child_lead_in)

    for unit in doc.units:
        walk(unit, title_amended, None, None)
    if doc.body:
        refs.extend(references_in(doc.body, replace(base, preamble=False), gazetteer))
    return refs, facts
