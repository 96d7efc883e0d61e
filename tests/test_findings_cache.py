"""Findings computed once per build and date, and kept (issue 15.5): the kept list is the computed one, another
process reads it instead of recomputing, a decision changes one row and no list, a build that changes the
corpus computes again, and a store another process holds still answers."""

from __future__ import annotations

import sqlite3

from review import build, open_corpus
from review.findings import find

AT = "2026-06-01"


def test_the_kept_list_is_the_computed_one_and_is_read_back(demo_copy):
    with open_corpus(demo_copy) as c:
        first = c.findings(AT)
        assert c._findings is not None and c._findings.computed == 1
        assert [f.to_dict() for f in first] == [
            f.to_dict() for f in find(c.snapshot, AT, decisions=c.store.decisions())
        ]
        again = c.findings(AT, severity="high")
        assert c._findings.computed == 1 and again == [f for f in find(c.snapshot, AT, severity="high")]
    with open_corpus(demo_copy) as other:  # another process, later: read from the store
        assert [f.to_dict() for f in other.findings(AT)] == [f.to_dict() for f in first]
        assert other._findings is not None and other._findings.computed == 0


def test_a_decision_changes_one_row_not_the_list(demo_copy):
    with open_corpus(demo_copy) as c:
        target = c.findings(AT)[3]
        c.decide(target.id, "accept", "đồng ý", at=AT)
        after = {f.id: f for f in c.findings(AT)}
        assert after[target.id].decision == "accept" and after[target.id].note == "đồng ý"
        assert c._findings is not None and c._findings.computed == 1


def test_a_build_that_changes_the_corpus_computes_again(demo_copy, tmp_path):
    with open_corpus(demo_copy) as c:
        c.findings(AT)
    extra = tmp_path / "new" / "x.txt"
    extra.parent.mkdir()
    extra.write_text(
        "NGHỊ ĐỊNH\nSố: 901/2026/NĐ-CP\nHà Nội, ngày 1 tháng 2 năm 2026\n"
        "Điều 1. Hồ sơ\nHồ sơ gồm bản sao Chứng minh nhân dân có chứng thực.\n",
        encoding="utf-8",
    )
    build([extra], demo_copy, jobs=1, engines=())
    with open_corpus(demo_copy) as c:
        c.findings(AT)
        assert c._findings is not None and c._findings.computed == 1
        assert "901/2026/NĐ-CP" in c.snapshot.documents
        rows = sqlite3.connect(demo_copy / "review.sqlite").execute(
            "SELECT DISTINCT build FROM findings_cache"
        )
        assert len(rows.fetchall()) == 1  # the older build's list is gone


def test_a_store_held_by_another_process_still_answers(demo_copy):
    holder = sqlite3.connect(demo_copy / "review.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a build writing
    try:
        with open_corpus(demo_copy) as c:
            found = c.findings(AT)
            assert found and c._findings is not None and c._findings.computed == 1
            assert c.findings(AT) == found and c._findings.computed == 1  # kept in memory
    finally:
        holder.execute("ROLLBACK")
