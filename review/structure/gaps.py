"""Gaps in the numbering ("Điều 7 follows Điều 5"), reported as notes, never repaired."""

from __future__ import annotations

from review import notes as codes
from review.identity.units import split_num
from review.models import Note
from review.structure.draft import DraftUnit, articles


def report_numbering_gaps(nodes: list[DraftUnit], found: list[Note]) -> None:
    """Articles are numbered through the whole document (and through each annex that has its own), so they are
    checked on the flat list; chapters, sections, clauses and points among their siblings."""
    _report_gaps("dieu", articles(nodes), found)
    for annex in (n for n in nodes if n.kind == "phu_luc"):
        _report_gaps("dieu", articles(annex.children), found)
    _check_sibling_gaps(nodes, found)


def _check_sibling_gaps(nodes: list[DraftUnit], found: list[Note]) -> None:
    by_kind: dict[str, list[DraftUnit]] = {}
    for node in nodes:
        by_kind.setdefault(node.kind, []).append(node)
    for kind, group in by_kind.items():
        if kind in ("phu_luc", "dieu"):
            continue
        _report_gaps(kind, group, found)
    for node in nodes:
        _check_sibling_gaps(node.children, found)


def _report_gaps(kind: str, group: list[DraftUnit], found: list[Note]) -> None:
    prev: int | None = None
    prev_num = ""
    label = {"dieu": "Điều", "khoan": "khoản", "diem": "điểm", "chuong": "Chương", "muc": "Mục"}.get(
        kind, kind
    )
    for node in group:
        if node.num is None:
            continue
        base, suffix = split_num(node.num, kind)
        if suffix:
            continue
        if prev is not None and base > prev + 1:
            found.append(
                Note(
                    codes.NUMBERING_GAP,
                    f"{label} {node.num} follows {label} {prev_num}: numbering gap",
                    eid=node.eid,
                    line=node.line.number,
                )
            )
        prev, prev_num = base, node.num
