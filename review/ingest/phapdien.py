"""The Bộ pháp điển (official codified compilation): one đề mục becomes one document whose articles keep their
pháp điển number ("44.5.NĐ.8") and their source note ("(Điều 8 Nghị định số 63/2010/NĐ-CP …)").

Both the official đề mục HTML pages and the article-per-line JSONL dataset come through here, so they give the
same document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from review.models import Note, RawDocument, Source, Unit
from review.models import note_codes as codes
from review.structure.eids import eid_token
from review.structure.tree import build_tree

_DIEU = re.compile(r"^Điều\s+(?P<num>[\w.]+?)\.?\s+(?P<heading>.*)$")
_DEMUC = re.compile(r"Đề mục\s+(?P<num>[\d.]+)\s*(?P<name>.*)$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class ArticleRecord:
    dieu: str
    mapc: str | None
    chuong: str | None
    muc: str | None
    ghichu: str | None
    noidung: str


def _reparent(unit: Unit, old: str, new: str) -> Unit:
    return replace(
        unit,
        eid=new + unit.eid[len(old) :] if unit.eid.startswith(old) else unit.eid,
        children=tuple(_reparent(c, old, new) for c in unit.children),
    )


def article_unit(record: ArticleRecord) -> Unit:
    m = _DIEU.match(record.dieu.strip())
    num = m.group("num") if m else record.dieu.strip()
    heading = m.group("heading").strip() if m else None
    eid = f"dieu_{eid_token(num)}"
    # Parse the article's clauses and points with the ordinary tree builder under a placeholder number.
    tree, _ = build_tree("Điều 1.\n" + record.noidung)
    children: tuple[Unit, ...] = ()
    text = record.noidung.strip()
    if tree.units and tree.units[0].kind == "dieu":
        placeholder = tree.units[0]
        children = tuple(_reparent(c, "dieu_1", eid) for c in placeholder.children)
        text = placeholder.text
    return Unit(
        eid=eid, kind="dieu", num=num, heading=heading, text=text, children=children, note=record.ghichu
    )


def _heading_unit(kind: str, heading: str, children: list[Unit], parent: str) -> Unit:
    m = re.match(r"^(?:Chương|Phần|Mục|Tiểu mục)\s+(?P<num>[\dIVXLC]+[a-z]?)\.?\s*(?P<title>.*)$", heading)
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


def demuc_document(heading: str, records: list[ArticleRecord], source: Source) -> RawDocument:
    """Group articles under their Chương and Mục, in order."""
    m = _DEMUC.search(heading)
    demuc_num = m.group("num").strip(".") if m else None
    name = re.sub(r"\s+", " ", m.group("name")).strip() if m else heading.strip()
    units: list[Unit] = []
    chapter: tuple[str | None, list] | None = None
    section: tuple[str | None, list] | None = None

    def close_section() -> None:
        nonlocal section
        if section and chapter is not None:
            chapter_eid = _chapter_eid(chapter[0], len(units))
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

    seen: set[tuple[str | None, str, str]] = set()
    repeated = 0
    for record in records:
        # The official files repeat some articles word for word under the same code: keep one.
        key = (record.mapc, record.dieu, record.noidung)
        if key in seen:
            repeated += 1
            continue
        seen.add(key)
        if chapter is None or record.chuong != chapter[0]:
            close_chapter()
            if record.chuong:
                chapter = (record.chuong, [])
        if record.muc != (section[0] if section else None):
            close_section()
            if record.muc:
                section = (record.muc, [])
        target = section[1] if section else chapter[1] if chapter else units
        target.append(article_unit(record))
    close_chapter()
    hints = {"title": name, "type": "Đề mục pháp điển", "language": "vi"}
    if demuc_num:
        hints["id"] = f"PĐ-{demuc_num}"
    notes = ()
    if repeated:
        notes = (
            Note(
                codes.DUPLICATE_UNIT,
                f"{repeated} articles repeated word for word in the source were read once",
            ),
        )
    return RawDocument(text=heading, source=source, hints=hints, units=tuple(_dedupe(units)), notes=notes)


def _chapter_eid(chapter_heading: str | None, _: int) -> str:
    m = re.match(r"^(?:Chương|Phần)\s+(?P<num>[\dIVXLC]+[a-z]?)", chapter_heading or "")
    return f"chuong_{eid_token(m.group('num')) if m else 'x'}"


def _dedupe(units: list[Unit]) -> list[Unit]:
    """The official files repeat some articles (51 pháp điển codes occur twice); keep eids unique."""
    seen: set[str] = set()

    def fix(unit: Unit) -> Unit:
        eid = unit.eid
        k = 2
        while eid in seen:
            eid = f"{unit.eid}_{k}"
            k += 1
        seen.add(eid)
        if eid != unit.eid:
            unit = _reparent(unit, unit.eid, eid)
        return replace(unit, children=tuple(fix(c) for c in unit.children))

    return [fix(u) for u in units]
