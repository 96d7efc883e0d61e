"""Versions compared (review diff): segments, alignment by number and by wording (renumbering recognised), word
runs; a provision's history on a corpus built from tests/data/timeline; the CLI."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from review.diff import compare, segments, similarity, word_diff

OLD = """Điều 1. Phạm vi
Nghị định này quy định về thử nghiệm sản phẩm.
Điều 2. Hồ sơ
Hồ sơ gồm 03 bộ, nộp tại Sở.
Điều 3. Thời hạn
Thời hạn giải quyết là 15 ngày làm việc kể từ ngày nhận hồ sơ.
Điều 4. Hiệu lực
Có hiệu lực từ ngày ký."""
NEW = """Điều 1. Phạm vi
Nghị định này quy định về thử nghiệm sản phẩm.
Điều 2. Đối tượng
Áp dụng với cơ quan, tổ chức, cá nhân có liên quan.
Điều 3. Hồ sơ
Hồ sơ gồm 03 bộ, nộp tại Sở.
Điều 4. Thời hạn
Thời hạn giải quyết là 10 ngày làm việc kể từ ngày nhận hồ sơ."""


def test_articles_aligned_with_renumbering():
    c = compare(OLD, NEW)
    got = [(p.match, p.left.key if p.left else None, p.right.key if p.right else None) for p in c.pairs]
    assert got == [
        ("same", "dieu_1", "dieu_1"),
        ("added", None, "dieu_2"),
        ("renumbered", "dieu_2", "dieu_3"),  # the same article under a new number, not "rewritten"
        ("renumbered", "dieu_3", "dieu_4"),
        ("removed", "dieu_4", None),
    ]
    moved = c.pairs[3]
    assert ("delete", "15 ") in moved.ops and ("insert", "10 ") in moved.ops
    assert c.counts == {"same": 1, "added": 1, "renumbered": 2, "removed": 1}


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ("Thời hạn 15 ngày", "Thời hạn 15 ngày", 1.0, 1.0),
        ("Thoi han 15 ngay", "Thời hạn 15 ngày", 1.0, 1.0),  # accents folded
        ("Hồ sơ gồm 03 bộ", "Lệ phí là 50.000 đồng", 0.0, 0.2),
        ("", "", 1.0, 1.0),
        ("x", "", 0.0, 0.0),
    ],
)
def test_similarity(a, b, low, high):
    assert low <= similarity(a, b) <= high


def test_word_runs_rebuild_both_texts():
    a, b = "Hồ sơ gồm 03 bộ, nộp tại Sở.", "Hồ sơ gồm 02 bộ, nộp trực tuyến."
    ops = word_diff(a, b)
    assert "".join(t for op, t in ops if op != "insert") == a
    assert "".join(t for op, t in ops if op != "delete") == b
    assert ("delete", "03 ") in ops and ("insert", "02 ") in ops


def test_lines_of_a_unit_keyed_by_clause_and_point():
    keys = [s.key for s in segments("Điều 5. Tên\n1. Một\na) A\nb) B\n2. Hai\na) A2", by="line")]
    assert keys == ["dieu_5", "khoan_1", "diem_a", "diem_b", "khoan_2", "diem_a~1"]
    c = compare("1. Một\n2. Hai", "1. Một\n2. Hai mới\n3. Ba", by="line")
    assert [p.match for p in c.pairs] == ["same", "changed", "added"]


@pytest.fixture(scope="module")
def timeline_corpus(tmp_path_factory):
    from pathlib import Path

    from review.build import build

    out = tmp_path_factory.mktemp("diff")
    build([Path(__file__).parent / "data" / "timeline"], out, jobs=1)
    return out


def test_a_provision_history_and_two_documents(timeline_corpus):
    from review import open_corpus
    from review.errors import UsageError

    with open_corpus(timeline_corpus) as c:
        tl = c.graph_view.timelines
        node, reasons = next((n, rs) for n, rs in sorted(tl.amended.items()) if "#" in n and rs[0].date)
        day = reasons[0].date
        before = f"{int(day[:4]) - 1}{day[4:]}"
        changed = c.diff(node, from_=before, to=day)
        assert changed.pairs and any(p.match != "same" for p in changed.pairs)
        unchanged = c.diff(node, from_=day, to=day)
        assert {p.match for p in unchanged.pairs} == {"same"}
        with pytest.raises(UsageError):
            c.diff(node)
        two = c.diff("10/2020/NĐ-CP", "20/2021/NĐ-CP", to="2022-01-01")
        assert two.pairs and two.left_name == "10/2020/NĐ-CP (2022-01-01)" and "removed" in two.counts

    from review.cli import main

    run = CliRunner().invoke(
        main, ["diff", node, "--from", before, "--to", day, "--corpus", str(timeline_corpus)]
    )
    assert run.exit_code == 0 and "→" in run.output
