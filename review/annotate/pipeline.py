"""The annotator as spaCy components, registered as factories (entry points in pyproject.toml), so that
``nlp.add_pipe("review_references")`` works in any spaCy project once the package is installed.

- ``review_references`` sets ``doc.spans["references"]``: one span per reference, with ``span._.reference``
  (the ``Reference`` dataclass: relation, target, rule) and ``span.label_`` = the relation;
- ``review_facts`` sets ``doc.spans["facts"]`` with ``span._.fact``.

The context of a text (its document, unit, amended document) rides on ``doc._.review_context`` (a
``review.annotate.Context``), set before the pipeline runs or by ``make_doc``. Matching runs the same compiled
rules as ``review.extract_references`` (faster than token patterns for this grammar); spaCy provides the Doc
and Span model, ``nlp.pipe`` batching and displaCy rendering (``render``).

Vietnamese tokens here are syllables (spaCy's ``vi`` tokenizer without pyvi); reference spans are aligned to
them with ``alignment_mode="expand"``.
"""

from __future__ import annotations

from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from review.annotate import references_in
from review.annotate.facts import find_facts
from review.annotate.resolve import Context

SPAN_KEY = "references"
FACTS_KEY = "facts"

for _name, _target in (("review_context", Doc), ("reference", Span), ("fact", Span)):
    if not _target.has_extension(_name):
        _target.set_extension(_name, default=None)


class ReferenceFinder:
    def __init__(self, nlp: Language, name: str, span_key: str = SPAN_KEY):
        self.name = name
        self.span_key = span_key

    def __call__(self, doc: Doc) -> Doc:
        ctx = doc._.review_context or Context()
        spans = []
        for ref in references_in(doc.text, ctx):
            span = doc.char_span(ref.start, ref.end, label=ref.relation, alignment_mode="expand")
            if span is None:
                continue
            span._.reference = ref
            spans.append(span)
        doc.spans[self.span_key] = spans
        return doc


class FactFinder:
    def __init__(self, nlp: Language, name: str, span_key: str = FACTS_KEY):
        self.name = name
        self.span_key = span_key

    def __call__(self, doc: Doc) -> Doc:
        ctx = doc._.review_context or Context()
        spans = []
        for fact in find_facts(doc.text, ctx):
            span = doc.char_span(fact.start, fact.end, label=fact.kind, alignment_mode="expand")
            if span is None:
                continue
            span._.fact = fact
            spans.append(span)
        doc.spans[self.span_key] = spans
        return doc


@Language.factory("review_references", default_config={"span_key": SPAN_KEY})
def make_references(nlp: Language, name: str, span_key: str) -> ReferenceFinder:
    return ReferenceFinder(nlp, name, span_key)


@Language.factory("review_facts", default_config={"span_key": FACTS_KEY})
def make_facts(nlp: Language, name: str, span_key: str) -> FactFinder:
    return FactFinder(nlp, name, span_key)


def blank_pipeline() -> Language:
    """A blank Vietnamese pipeline (syllable tokens) with both components."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("review_references")
    nlp.add_pipe("review_facts")
    return nlp


def annotate(nlp: Language, items: Iterable[tuple[str, Context]], batch_size: int = 64) -> Iterable[Doc]:
    """Run the pipeline over (text, context) pairs with ``nlp.pipe`` batching."""

    def docs():
        for text, ctx in items:
            doc = nlp.make_doc(text)
            doc._.review_context = ctx
            yield doc

    # nlp.pipe accepts Doc objects and runs every component on them in batches.
    yield from nlp.pipe(docs(), batch_size=batch_size)


def render(doc: Doc, *, jupyter: bool | None = None) -> str:
    """displaCy rendering of the references, labelled by relation (for notebooks)."""
    from spacy import displacy

    return displacy.render(doc, style="span", options={"spans_key": SPAN_KEY}, jupyter=jupyter)
