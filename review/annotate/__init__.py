"""Annotate: references, relations and effectiveness facts in legal text.

The stages are small modules named after the data flow: ``mask`` (provenance notes that are not the text's
own), ``find`` (citation tokens and how they group), ``relations`` (what the text does to each reference),
``resolve`` (target document and units; against a corpus), ``facts`` (effectiveness statements), and
``pipeline`` (the same as spaCy components, ``nlp.add_pipe("review_references")``).
"""

from __future__ import annotations

import re
from itertools import pairwise

from review.annotate.facts import find_facts
from review.annotate.find import find_references
from review.annotate.mask import masked_spans, source_note_references
from review.annotate.relations import classify
from review.annotate.resolve import Context, Gazetteer, default_gazetteer, to_reference
from review.models import Fact, Reference

__all__ = ["Context", "extract_facts", "extract_references", "source_note_references"]


def extract_references(
    text: str,
    *,
    doc_id: str | None = None,
    doc_type: str | None = None,
    unit: str | None = None,
    amended_doc: str | None = None,
    preamble: bool = True,
    gazetteer: Gazetteer | None = None,
) -> list[Reference]:
    """Every reference in ``text`` with its relation and target (docs/CONTRACT.md, Reference).

    ``doc_id``/``doc_type``: the document the text belongs to ("Luật này", "Điều này" resolve to it);
    ``unit``: the eid of the unit the text is (relative citations "khoản 2", "Điều này" are completed from it);
    ``amended_doc``: inside an amending operation, the document being amended (bare "Điều 5" addresses it)."""
    ctx = Context(doc_id=doc_id, doc_type=doc_type, unit=unit, amended_doc=amended_doc, preamble=preamble)
    return references_in(text, ctx, gazetteer)


def references_in(text: str, ctx: Context, gazetteer: Gazetteer | None = None) -> list[Reference]:
    gazetteer = gazetteer or default_gazetteer()
    masks = masked_spans(text)
    out = []
    founds = [f for f in find_references(text) if not any(a <= f.start < b for a, b in masks)]
    _complete_insertions(text, founds)
    for found in founds:
        relation, rule = classify(text, found.start, found.end, preamble=ctx.preamble)
        if (
            ctx.doc_type == "Văn bản hợp nhất"
            and ctx.unit in (None, "preamble")
            and relation in ("cites", "amends")
        ):
            # A consolidated text's header lists the documents it consolidates.
            relation, rule = "consolidates", "relation.consolidated_header"
        out.append(to_reference(found, text, relation, rule, ctx, gazetteer))
    return out


def extract_facts(text: str, *, doc_id: str | None = None, unit: str | None = None) -> list[Fact]:
    """Effectiveness statements (effective_from, expires, suspended, continues) in ``text``."""
    return find_facts(text, Context(doc_id=doc_id, unit=unit))


_INSERTED_BEFORE = re.compile(r"^\s*(?:vào\s+(?:sau|trước|cuối)|sau|trước)\s*$")


def _complete_insertions(text: str, founds: list) -> None:
    """An inserted unit takes its article (and document) from the locator that follows it: in "Bổ sung khoản 3
    vào sau khoản 2 Điều 9", clause 3 is of article 9."""
    for new, locator in pairwise(founds):
        if not _INSERTED_BEFORE.match(text[new.end : locator.start]) or new.doc is not None:
            continue
        anchor = next((p for p in locator.paths if "dieu" in p), None)
        if anchor is None:
            continue
        for path in new.paths:
            if "dieu" not in path and "self" not in path:
                path["dieu"] = anchor["dieu"]
                if "diem" in path and "khoan" not in path and "khoan" in anchor:
                    path["khoan"] = anchor["khoan"]
        new.doc = locator.doc
