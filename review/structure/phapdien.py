"""The unit tree of a Bộ pháp điển đề mục, built from the articles ingest read (``RawArticle``): articles keep their
pháp điển number ("44.5.NĐ.8") and their source note, grouped under their Chương and Mục in order; an article's
clauses and points are read by the ordinary tree builder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from review.identity.units import eid_token
from review.models import RawArticle, Unit
from review.structure import patterns as P
from review.structure.tree import build_tree


def demuc_units(articles: Sequence[RawArticle]) -> tuple[Unit, ...]:
    """Group articles under their Chương and Mục, in order."""
    units: list[Unit] = []
    chapter: tuple[str | None, list] | None = None
    section: tuple[str | None, list] | None = None

    def close_section() -> None:
        nonlocal section
        if section and chapter is not None:
            chapter_eid = _chapter_eid(chapter[0])
            chapter[1].append(_heading_unit("muc", section[0] or "", section[1], chapter_eid))
        elif section:
            units.append(_heading_unit("muc", section[0] or "", section[1], ""))
        section = None

    def close_chapter() -> None:
        nonlocal chapter
        close_section()
        if chapter is not None:
            units.append(_heading_unit("chuong", chapter[0] or "", chapter[1], ""))
        chapter = None

    for article in articles:
        if chapter is None or article.chapter != chapter[0]:
            close_chapter()
            if article.chapter:
                chapter = (article.chapter, [])
        if article.section != (section[0] if section else None):
            close_section()
            if article.section:
                section = (article.section, [])
        target = section[1] if section else chapter[1] if chapter else units
        target.append(article_unit(article))
    close_chapter()
    return tuple(_dedupe(units))


def article_unit(article: RawArticle) -> Unit:
    m = P.PHAPDIEN_ARTICLE.match(article.heading.strip())
    num = m.group("num") if m else article.heading.strip()
    heading = m.group("heading").strip() if m else None
    eid = f"dieu_{eid_token(num)}"
    # Parse the article's clauses and points with the ordinary tree builder under a placeholder number.
    tree, _ = build_tree("Điều 1.\n" + article.text)
    children: tuple[Unit, ...] = ()
    text = article.text.strip()
    if tree.units and tree.units[0].kind == "dieu":
        placeholder = tree.units[0]
        children = tuple(_reparent(c, "dieu_1", eid) for c in placeholder.children)
        text = placeholder.text
    return Unit(
        eid=eid, kind="dieu", num=num, heading=heading, text=text, children=children, note=article.source_note
    )


def _reparent(unit: Unit, old: str, new: str) -> Unit:
    return replace(
        unit,
        eid=new + unit.eid[len(old) :] if unit.eid.startswith(old) else unit.eid,
        children=tuple(_reparent(c, old, new) for c in unit.children),
    )


def _heading_unit(kind: str, heading: str, children: list[Unit], parent: str) -> Unit:
    m = P.PHAPDIEN_HEADING.match(heading)
    num = m.group("num") if m else None
    title = (m.group("title").strip() if m else heading) or None
    token = f"{kind}_{eid_token(num) or 'x'}"
    return Unit(
        eid=f"{parent}__{token}" if parent else token,
        kind=kind,
        num=num,
        heading=title,
        children=tuple(children),
    )


def _chapter_eid(chapter_heading: str | None) -> str:
    m = P.PHAPDIEN_CHAPTER.match(chapter_heading or "")
    return f"chuong_{eid_token(m.group('num')) if m else 'x'}"


def _dedupe(units: list[Unit]) -> list[Unit]:
    """The official files repeat some articles (51 pháp điển codes occur twice); keep eids unique."""
    seen: set[str] = set()
    suffixes: dict[str, int] = {}  # the next suffix to try per eid, so that n repeats cost n steps, not n²

    def fix(unit: Unit) -> Unit:
        eid = unit.eid
        if eid in seen:
            k = suffixes.get(eid, 2)
            while f"{unit.eid}_{k}" in seen:
                k += 1
            suffixes[unit.eid] = k + 1
            eid = f"{unit.eid}_{k}"
        seen.add(eid)
        if eid != unit.eid:
            unit = _reparent(unit, unit.eid, eid)
        return replace(unit, children=tuple(fix(c) for c in unit.children))

    return [fix(u) for u in units]
