"""Annotate: references, relations and effectiveness facts in legal text.

The stages are small modules named after the data flow: ``mask`` (provenance notes that are not the text's
own), ``find`` (citation tokens and how they group), ``relations`` (what the text does to each reference),
``resolve`` (target document and units; against a corpus), ``facts`` (effectiveness statements), and
``pipeline`` (the same as spaCy components, ``nlp.add_pipe("review_references")``).
"""

from __future__ import annotations

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
    for found in find_references(text):
        if any(a <= found.start < b for a, b in masks):
            continue
        relation, rule = classify(text, found.start, found.end, preamble=ctx.preamble)
        out.append(to_reference(found, text, relation, rule, ctx, gazetteer))
    return out


def extract_facts(text: str, *, doc_id: str | None = None, unit: str | None = None) -> list[Fact]:
    """Effectiveness statements (effective_from, expires, suspended, continues) in ``text``."""
    return find_facts(text, Context(doc_id=doc_id, unit=unit))
