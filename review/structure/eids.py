"""Unit eids (docs/ARCHITECTURE.md, Identifiers): ``dieu_5__khoan_2__diem_a``, ``chuong_II__muc_1``,
``phu_luc_I``; a repeated eid gets a suffix and a note."""

from __future__ import annotations

from review import notes as codes
from review.identity.units import eid_token
from review.models import Note
from review.structure.draft import DraftUnit


def assign_eids(nodes: list[DraftUnit], found: list[Note]) -> None:
    """Give every node of the tree its eid; a repeated eid is reported in ``found``."""
    _assign(nodes, scope="", parent="", counters={}, seen=set(), found=found, suffixes={})


def _assign(
    nodes: list[DraftUnit],
    *,
    scope: str,
    parent: str,
    counters: dict[str, int],
    seen: set[str],
    found: list[Note],
    suffixes: dict[str, int],
) -> None:
    """Articles, chapters and parts are addressed from the document (or the annex) they sit in, because
    citations name them so ("Điều 5", "Chương II"); sections, clauses and points from their parent
    ("chuong_II__muc_1", "dieu_5__khoan_2__diem_a")."""
    for node in nodes:
        token = f"{node.kind}_{eid_token(node.num)}"
        if node.kind == "phu_luc":
            counters["phu_luc"] = counters.get("phu_luc", 0) + 1
            token = f"phu_luc_{eid_token(node.num) or counters['phu_luc']}"
            eid = token
        elif node.kind in ("phan", "chuong", "dieu"):
            eid = f"{scope}__{token}" if scope else token
        else:
            eid = f"{parent}__{token}" if parent else token
        if eid in seen:
            # The next free suffix, remembered per eid so that n repeats cost n steps, not n².
            k = suffixes.get(eid, 2)
            while f"{eid}_{k}" in seen:
                k += 1
            suffixes[eid] = k + 1
            found.append(
                Note(
                    codes.DUPLICATE_UNIT,
                    f"{eid} occurs more than once; the later one is {eid}_{k}",
                    eid=eid,
                    line=node.line.number,
                )
            )
            eid = f"{eid}_{k}"
        seen.add(eid)
        node.eid = eid
        child_scope = eid if node.kind == "phu_luc" else scope
        _assign(
            node.children,
            scope=child_scope,
            parent=eid,
            counters=counters,
            seen=seen,
            found=found,
            suffixes=suffixes,
        )
