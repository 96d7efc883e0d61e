"""The indexing fast paths give exactly what the plain paths give (issue 15): the joined analysis against
``analyse``, Whoosh's ``SplitPositions`` against ``Positions`` with the space tokenizer, and the synthetic
corpus of the national-scale benchmark renumbering what it must and nothing else."""

from __future__ import annotations

import pytest
from whoosh.formats import Positions

from benchmarks.scale_bench import growth, renumber
from review.search.analysis import analyse, analyse_joined
from review.search.whoosh_engine import _SPACE, SplitPositions

TEXTS = [
    "Điều 5. Đất đai thuộc sở hữu toàn dân",
    "theo Nghị định số 43/2014/NĐ-CP ngày 15/5/2014 và Luật 45/2019/QH14",
    "HOÀ, hoà, Hòa: tone placement kept apart from case",
    "   ",  # no word at all
    "a_b ... – 12.5%; x²",  # underscores, dashes, digits, a superscript
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_joined_analysis_gives_the_same_fields(text):
    folded, exact = analyse(text)
    joined_folded, joined_exact = analyse_joined(text)
    assert " ".join(joined_folded) == " ".join(folded)
    assert " ".join(joined_exact) == " ".join(exact)
    assert bool(joined_folded) == bool(folded)


def test_joined_analysis_groups_a_words_tokens():
    # A number gives several tokens (whole, then parts): the joined form keeps them as one item.
    folded, _ = analyse_joined("Luật 45/2019/QH14")
    plain, _ = analyse("Luật 45/2019/QH14")
    assert len(folded) < len(plain)


FIELDS = [
    "dat dai dat o dat",
    "43/2014/nd-cp 43 2014 nd cp nghi dinh 43",
    "one",
    "",
    "  leading and  double  spaces ",
]


@pytest.mark.parametrize("value", FIELDS)
def test_split_positions_writes_what_positions_writes(value):
    fast = list(SplitPositions(field_boost=1.5).word_values(value, _SPACE, mode="index"))
    plain = list(Positions(field_boost=1.5).word_values(value, _SPACE, mode="index"))
    assert fast == plain


def test_split_positions_keeps_repeated_words_apart_by_position():
    values = dict((w, v) for w, _, _, v in SplitPositions().word_values("a b a", _SPACE))
    assert SplitPositions().decode_positions(values["a"]) == [0, 2]
    assert SplitPositions().decode_positions(values["b"]) == [1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("căn cứ Luật 45/2019/QH14;", "căn cứ Luật 2045/2019/QH14;"),  # a corpus number: moved
        ("Nghị định 99/2099/NĐ-CP", "Nghị định 99/2099/NĐ-CP"),  # not a corpus number: kept
        ("số 13/2025/QĐ-UBND ngày 28", "số 2013/2025/QĐ-UBND ngày 28"),
        ("khoản 45 Điều 2019", "khoản 45 Điều 2019"),  # digits that are no document number
    ],
)
def test_renumber_moves_corpus_numbers_only(text, expected):
    assert renumber(text, {"45/2019/QH14", "13/2025/QĐ-UBND"}, 2) == expected


def _size(n: int, cpu: float) -> dict:
    part = {"cpu_seconds": cpu}
    return {
        "size": n,
        "documents": n,
        "build_tantivy": part,
        "index_whoosh": part,
        "graph": part,
        "status_every_node": part,
        "findings": part,
        "store_mb": cpu,
        "tantivy_index_mb": cpu,
        "whoosh_index_mb": cpu,
        "search_tantivy": {"p95_ms": 1.0},
        "search_whoosh": {"p95_ms": 2.0},
    }


@pytest.mark.parametrize(("cpu_small", "cpu_large", "ratio"), [(10, 100, 1.0), (10, 400, 4.0)])
def test_growth_is_per_document_cost_over_the_previous_size(cpu_small, cpu_large, ratio):
    (row,) = growth([_size(100, cpu_small), _size(1000, cpu_large)])
    assert row["size_ratio"] == 10
    assert row["build_per_document_ratio"] == ratio
    assert row["search_whoosh_p95_ratio"] == 1.0


def _rows(n: int):
    from review.search.engine import IndexRow

    words = ["dat", "dai", "thue", "lao", "dong", "hop", "giay", "phep", "moi", "truong"]
    for i in range(n):
        body = " ".join(words[(i * 7 + j * 3) % len(words)] for j in range(40 + i % 13))
        yield IndexRow(
            key=f"D{i}#dieu_1", doc=f"D{i}", unit="dieu_1", type="luat", issuer="qh", year=2020,
            effective=20200101, body_folded=body, body_exact=body, meta_folded=f"luat {i}",
        )  # fmt: skip


@pytest.mark.parametrize("term", ["dat", "phep", "truong", "absent"])
def test_spilled_whoosh_index_equals_the_in_memory_one(tmp_path, term):
    from review.search.engine import Filters
    from review.search.query import parse_query
    from review.search.whoosh_engine import ChunkedPostingPool, WhooshEngine

    hits, runs = {}, {}
    for name, limit in (("memory", 512), ("spilled", 1)):
        eng = WhooshEngine(tmp_path / name, limitmb=limit)
        try:
            eng.add(_rows(3000))
            pool = eng._writer.pool
            assert type(pool) is ChunkedPostingPool
            runs[name] = len(pool.runs)  # sorted runs written to disk so far
            eng.commit()
        finally:
            eng.close()
        eng = WhooshEngine(tmp_path / name)
        try:
            hits[name] = eng.search(parse_query(term), Filters(), 5000)
        finally:
            eng.close()
    assert runs["memory"] == 0 and runs["spilled"] > 1
    assert hits["spilled"] == hits["memory"]
    assert bool(hits["memory"]) == (term != "absent")
