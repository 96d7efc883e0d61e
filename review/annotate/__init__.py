"""Annotate: references, relations and effectiveness facts in legal text.

The stages are small modules named after the data flow: ``mask`` (provenance notes that are not the text's
own), ``find`` (citation tokens and how they group), ``relations`` (what the text does to each reference),
``resolve`` (target document and units; against a corpus), ``facts`` (effectiveness statements), and
``pipeline`` (the same as spaCy components, ``nlp.add_pipe("review_references")``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import replace
from itertools import pairwise

from review.annotate.alias import with_aliases
from review.annotate.facts import find_facts
from review.annotate.find import Found, find_references
from review.annotate.groups import interleaved_units, repeal_exceptions, scope_units
from review.annotate.mask import SOURCE_NOTE, masked_spans, source_note_references
from review.annotate.normal import nfc, normalise
from review.annotate.relations import (
    ITEM_SEMICOLON,
    classify_all,
    companion_relations,
    is_legal_basis_line,
    rule_name,
)
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
    """The references of ``text``, read in its normalised form (NFC, glued words parted, numbers without stray
    spaces); spans point into ``text`` as given."""
    norm = normalise(text)
    if ctx.lead_in:
        ctx = replace(ctx, lead_in=nfc(ctx.lead_in))
    if not norm.changed:
        return _references_in(text, ctx, gazetteer)
    out = []
    for r in _references_in(norm.text, ctx, gazetteer):
        start, end = norm.span(r.start, r.end)
        out.append(replace(r, start=start, end=end, text=text[start:end]))
    return out


def _references_in(text: str, ctx: Context, gazetteer: Gazetteer | None = None) -> list[Reference]:
    gazetteer = gazetteer or default_gazetteer()
    if SOURCE_NOTE.match(text):
        # A Bộ pháp điển source note: the article's source, and the later documents that changed it. As references
        # of the text they are citations (REFERENCE-CONVENTIONS.md: provenance notes are `cites`); what each later
        # document did is history, which ``source_note_references`` gives with its relation.
        return [
            replace(r, doc=ctx.doc_id, unit=ctx.unit, relation="cites")
            for _, r in source_note_references(text)
        ]
    masks = Spans(masked_spans(text))
    founds: list[Found] = []
    in_notes: list[Found] = []
    for f in find_references(text):
        (in_notes if masks.covers(f.start) else founds).append(f)
    phrases = Spans((m.start(1), m.end(1)) for m in _PHRASE.finditer(text))
    founds = [
        f
        for f in _complete_insertions(text, founds)
        if not _is_heading(text, f) and not phrases.covers(f.start)
    ]
    interleaved_units(text, founds)
    scope_units(text, founds)
    excepted = repeal_exceptions(text, founds)
    relations = classify_all(text, founds, preamble=ctx.preamble, lead_in=ctx.lead_in)
    for k in excepted:
        relations[k] = ("cites", "relation.repeal_exception")
    new_text = _new_text_spans(text, founds, ctx)
    new_text_starts = [a for a, _, _ in new_text]
    out = []
    for n, (found, (relation, rule)) in enumerate(zip(founds, relations, strict=True)):
        if _is_own_number_line(text, found):
            continue
        if (
            ctx.doc_type == "Văn bản hợp nhất"
            and ctx.unit in (None, "preamble")
            and relation in ("cites", "amends")
        ):
            # A consolidated text's header lists the documents it consolidates.
            relation, rule = "consolidates", "relation.consolidated_header"
        k = bisect_right(new_text_starts, found.start) - 1
        here = new_text[k][2] if k >= 0 and found.start < new_text[k][1] else ctx
        if (
            rule == rule_name("title_words")
            and found.doc is not None
            and not found.doc.number
            and not found.doc.self
        ):
            # "Nghị định số 132/2008/NĐ-CP … quy định chi tiết … Luật Chất lượng sản phẩm, hàng hóa": a document
            # named only by its name inside the title (trích yếu) of a numbered document is part of that
            # title, not a reference (REFERENCE-CONVENTIONS.md, Nesting); numbered ones stay as citations.
            if _in_numbered_title(text, founds, n):
                continue
        out.append(to_reference(found, text, relation, rule, here, gazetteer))
        for also in companion_relations(text, found.start, relation, rule, ctx.lead_in or ""):
            out.append(to_reference(found, text, also, rule + ".combined", here, gazetteer))
    out = with_aliases(text, out)
    if in_notes:
        # "(được sửa đổi, bổ sung bởi Nghị định số 35/2023/NĐ-CP)": a provenance note names a real document, so it
        # is a citation (REFERENCE-CONVENTIONS.md), but it takes no part in what the text itself does; findings
        # read it as history (the rule says so).
        notes = [to_reference(f, text, *_note_relation(text, f, ctx), ctx, gazetteer) for f in in_notes]
        out = sorted([*out, *notes], key=lambda r: (r.start, r.end))
    return out


def _note_relation(text: str, found: Found, ctx: Context) -> tuple[str, str]:
    """A provenance note in a "Căn cứ" item ("Căn cứ Luật Doanh nghiệp … (được sửa đổi, bổ sung tại Luật số
    03/2022/QH15)") names an amending law of the basis's chain, itself a basis (REFERENCE-CONVENTIONS.md,
    legal_basis); elsewhere what a note names is cited."""
    if ctx.preamble and found.doc is not None and is_legal_basis_line(text, found.start):
        return "legal_basis", rule_name("amendment_chain")
    return "cites", "relation.provenance_note"


def extract_facts(text: str, *, doc_id: str | None = None, unit: str | None = None) -> list[Fact]:
    """Effectiveness statements (effective_from, expires, suspended, continues) in ``text``."""
    return find_facts(text, Context(doc_id=doc_id, unit=unit))


# A trích yếu follows its document's number directly (after the date and the issuer): "Nghị định số X ngày …
# của Chính phủ quy định chi tiết …". It runs to the end of the item; words that start another clause end it.
_TITLE_OPENING = re.compile(
    r"^\s*(?:,\s*)?(?:ngày\s+[\d/.\s]+(?:tháng\s+\d+\s+năm\s+\d{4})?\s*)?(?:,\s*)?"
    r"(?:của\s+(?:[^\s,;]+\s+){0,8}?)?(?:quy\s+định|hướng\s+dẫn|về\s|sửa\s+đổi|bổ\s+sung|ban\s+hành|thi\s+hành)",
    re.IGNORECASE,
)
_TITLE_BREAK = re.compile(
    rf"hết\s+hiệu\s+lực|\btrừ\b|{ITEM_SEMICOLON.pattern}|sau\s+đây|\bnhư\s+sau", re.IGNORECASE
)


def _in_numbered_title(text: str, founds: list[Found], n: int) -> bool:
    """Whether the n-th reference stands inside the trích yếu of the numbered document before it."""
    for p in reversed(founds[:n]):
        if p.doc is not None and p.doc.number and not p.doc.self:
            gap = text[p.end : founds[n].start]
            return bool(_TITLE_OPENING.match(gap)) and not _TITLE_BREAK.search(gap)
    return False


_OWN_NUMBER_LINE = re.compile(r"[\s“\"]*Số\s*:?\s*$")


def _is_own_number_line(text: str, found: Found) -> bool:
    """ "Số: 04/2026/TT-BCT" alone on its line is a document's (or a consolidated text's) own number, not a citation."""
    if found.doc is None or found.paths or found.doc.type is not None:
        return False
    before = text[text.rfind("\n", 0, found.start) + 1 : found.start]
    after_end = text.find("\n", found.end)
    after = text[found.end : len(text) if after_end < 0 else after_end]
    return bool(_OWN_NUMBER_LINE.fullmatch(before)) and not after.strip(" .")


_INSERTED_BEFORE = re.compile(r"^\s*(?:vào\s+(?:sau|trước|cuối)|sau|trước)\s*$")


def _complete_insertions(text: str, founds: list[Found]) -> list[Found]:
    """An inserted unit takes its article (and document) from the locator that follows it: in "Bổ sung khoản 3
    vào sau khoản 2 Điều 9", clause 3 is of article 9. The locator only says where: it is not a reference."""
    locators: set[int] = set()
    for i, (new, locator) in enumerate(pairwise(founds)):
        if not _INSERTED_BEFORE.match(text[new.end : locator.start]) or new.doc is not None:
            continue
        locators.add(i + 1)
        anchor = next((p for p in locator.paths if "self" not in p), None)
        new.doc = locator.doc
        if anchor is None:
            continue
        _complete_from(new, anchor)
        # "Sửa đổi, bổ sung khoản 5 và bổ sung khoản 6 vào sau khoản 5 của Điều 9", "Sửa đổi điểm c và bổ sung
        # điểm d vào sau điểm c khoản 2": the operation coordinated before the insertion shares its locator's
        # article (and clause).
        prev = founds[i - 1] if i > 0 else None
        if prev is not None and prev.doc is None and _COORDINATED_OPERATION.match(text[prev.end : new.start]):
            prev.doc = locator.doc
            _complete_from(prev, anchor)
    return [f for i, f in enumerate(founds) if i not in locators]


_COORDINATED_OPERATION = re.compile(
    r"^\s*(?:,|và)\s*(?:sửa\s+đổi\s*,?\s*)?(?:bổ\s+sung|sửa\s+đổi)\s+$", re.IGNORECASE
)
_ORDER = ("dieu", "khoan", "diem")


def _complete_from(found: Found, anchor: dict[str, str]) -> None:
    """Give every path of ``found`` the levels of ``anchor`` above its own highest level."""
    for path in found.paths:
        if "self" in path:
            continue
        top = next((k for k in _ORDER if k in path), None)
        if top is None:
            continue
        for key in _ORDER[: _ORDER.index(top)]:
            if key in anchor and key not in path:
                path[key] = anchor[key]


_HEADING = re.compile(r"^[\s“\"]*$")
_HEADING_AFTER = re.compile(r"^\s*[.:]\s*(?:$|[A-ZĐÂĂÊÔƠƯ])|^\s*$")


def _is_heading(text: str, found: Found) -> bool:
    """ "Điều 1. Phạm vi …" at the start of a line (or of quoted new text) is a heading, not a citation."""
    if found.doc is not None or len(found.paths) != 1 or set(found.paths[0]) != {"dieu"}:
        return False
    before = text[text.rfind("\n", 0, found.start) + 1 : found.start]
    return bool(_HEADING.match(before) and _HEADING_AFTER.match(text[found.end : found.end + 3]))


_PHRASE = re.compile(r"cụm\s+từ\s*[“\"«]([^”\"»]{0,150})[”\"»]", re.IGNORECASE)
# “Điều 45” in "bổ sung cụm từ “, khoản 4” trước cụm từ “Điều 45”" is words being edited, not a citation.


_NEW_TEXT_OPEN = re.compile(r"như\s+sau\s*:\s*(?=[“\"«])", re.IGNORECASE)
_QUOTE_MARK = re.compile(r"[“«”»\"]")


def _quote_end(text: str, start: int) -> int:
    """The index just after the quotation that opens at ``start`` closes (nested quotes counted), or the end of
    the text when it never closes."""
    depth = 0
    for m in _QUOTE_MARK.finditer(text, start):
        ch = m.group(0)
        if ch in "“«" or (ch == '"' and depth == 0):
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.end()
    return len(text)


def _new_text_spans(text: str, founds: list[Found], ctx: Context) -> list[tuple[int, int, Context]]:
    """Quoted new text after "… như sau:" is text of the amended document: "Điều này" in it is the amended
    unit's article, and bare citations in it address the amended document. The spans come in order and do not
    overlap: an opening inside quoted new text already found belongs to that text (which keeps the cost linear
    when a quotation never closes)."""
    spans: list[tuple[int, int, Context]] = []
    starts = [f.start for f in founds]
    for m in _NEW_TEXT_OPEN.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue
        start = m.end()
        end = _quote_end(text, start)
        lo = clause_start_of(text, m.start())
        instruction = founds[bisect_left(starts, lo) : bisect_left(starts, m.start())]
        unit = None
        for f in reversed(instruction):
            if f.paths:
                from review.annotate.eids import path_to_eid

                current = ctx.amended_unit if ctx.amended_doc else ctx.unit
                unit = path_to_eid(f.paths[0], current=current)
                break
        spans.append((start, end, replace(ctx, in_new_text=True, new_text_unit=unit)))
    return spans


class Spans:
    """A set of character spans, asked whether a position falls in one (in log time)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self._starts = [a for a, _ in merged]
        self._ends = [b for _, b in merged]

    def covers(self, pos: int) -> bool:
        k = bisect_right(self._starts, pos) - 1
        return k >= 0 and pos < self._ends[k]


def clause_start_of(text: str, pos: int) -> int:
    from review.annotate.relations import clause_start

    return clause_start(text, pos)
