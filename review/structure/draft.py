"""The unit tree while it grows: mutable draft nodes the builder opens and fills line by line, that get their eids
afterwards and are then frozen into ``Unit``s with their page."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from review.models import PageSpan, Unit
from review.structure.lines import Line


@dataclass
class DraftUnit:
    kind: str
    num: str | None
    heading: str | None
    line: Line
    lines: list[str] = field(default_factory=list)
    children: list[DraftUnit] = field(default_factory=list)
    eid: str = ""


def articles(nodes: list[DraftUnit]) -> list[DraftUnit]:
    """The articles under ``nodes`` in reading order, not descending into annexes (which number their own)."""
    out: list[DraftUnit] = []
    for n in nodes:
        if n.kind == "dieu":
            out.append(n)
        elif n.kind != "phu_luc":
            out.extend(articles(n.children))
    return out


def freeze(node: DraftUnit, pages: Sequence[PageSpan], starts: Sequence[int] | None = None) -> Unit:
    """The frozen unit of ``node`` and its children, each with the page it starts on (``starts``: the pages'
    start offsets, computed once per tree when not given)."""
    if pages and starts is None:
        starts = [p.start for p in pages]
    return Unit(
        eid=node.eid,
        kind=node.kind,
        num=node.num,
        heading=node.heading,
        text="\n".join(node.lines),
        children=tuple(freeze(c, pages, starts) for c in node.children),
        page=page_at(pages, node.line.start, starts) if pages else None,
    )


def page_at(pages: Sequence[PageSpan], offset: int, starts: Sequence[int] | None = None) -> int | None:
    if not pages:
        return None
    if starts is None:
        starts = [p.start for p in pages]
    i = bisect.bisect_right(starts, offset) - 1
    return pages[max(i, 0)].page
