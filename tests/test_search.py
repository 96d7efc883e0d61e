"""Search: the analyser, the query language, and one conformance suite run against both engines."""

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review import build, open_corpus
from review.search import open_engine
from review.search.analysis import analyse, number_field
from review.search.engine import Filters
from review.search.query import Phrase, QueryError, Term, parse_query


def search_corpus(corpus, query, **options):
    """The public way to search a built corpus (statuses from the graph)."""
    with open_corpus(corpus) as c:
        return c.search(query, **options)


DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("text", "folded", "exact"),
    [
        ("Đất đai", ["dat", "dai"], ["đất", "đai"]),
        ("Cộng hoà", ["cong", "hoa"], ["cộng", "hòa"]),  # one tone placement
        ("Nghị định 43/2014/NĐ-CP", ["nghi", "dinh", "43/2014/nd-cp", "43", "2014", "nd", "cp"],
         ["nghị", "định", "43/2014/nđ-cp", "43", "2014", "nđ", "cp"]),
        ("TT-BTС", ["tt", "btс"], ["tt", "btс"]),  # not a number: no year, no serial
    ],
)  # fmt: skip
def test_analyse(text, folded, exact):
    assert analyse(text) == (folded, exact)


def test_number_field_has_whole_and_parts_in_both_forms():
    assert set(number_field("43/2014/NĐ-CP").split()) == {
        "43/2014/nđ-cp",
        "43/2014/nd-cp",
        "43",
        "2014",
        "nđ",
        "nd",
        "cp",
    }


@pytest.mark.parametrize(
    ("query", "shape"),
    [
        ("dat dai", [("+", ["dat"]), ("+", ["dai"])]),
        ('"bản sao có chứng thực"', [("+", ["ban sao co chung thuc"])]),
        ("giấy phép OR chứng chỉ", [("+", ["giay"]), ("+", ["phep", "chung"]), ("+", ["chi"])]),
        ("khiếu nại NOT tố cáo", [("+", ["khieu"]), ("+", ["nai"]), ("-", ["to"]), ("+", ["cao"])]),
        ("thuế -phí", [("+", ["thue"]), ("-", ["phi"])]),
    ],
)
def test_parse_query(query, shape):
    parsed = parse_query(query)
    got = [("-" if c.negated else "+", [" ".join(a.folded) for a in c.alternatives]) for c in parsed.clauses]
    assert got == shape


def test_parse_numbers_full_and_short():
    assert [(n.serial, n.year, n.symbol) for n in parse_query("43/2014/NĐ-CP").numbers] == [
        ("43", "2014", "NĐ-CP")
    ]
    assert [(n.serial, n.year, n.symbol) for n in parse_query("nghị định 43/2014").numbers] == [
        ("43", "2014", "NĐ")
    ]
    assert [(n.serial, n.year, n.symbol) for n in parse_query("tt 06/2026").numbers] == [("6", "2026", "TT")]


@pytest.mark.parametrize("bad", ["", "   ", '""', "AND OR", "NOT thuế", "-phí"])
def test_unreadable_queries_are_clear_errors(bad):
    with pytest.raises(QueryError) as info:
        parse_query(bad)
    assert info.value.code == "E402"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_query_parser_never_crashes(text):
    try:
        parsed = parse_query(text)
    except QueryError:
        return
    assert parsed.positive
    for clause in parsed.clauses:
        for alt in clause.alternatives:
            assert isinstance(alt, Term | Phrase) and alt.folded


# --- one conformance suite, both engines --------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    src = tmp_path_factory.mktemp("src")
    for name in ("vbpl_doc_000745.html", "vbpl_doc_000482.html", "phapdien_44.12.html"):
        shutil.copy(DATA / "html" / name, src / name)
    out = tmp_path_factory.mktemp("idx")
    build([src], out, jobs=1, engines=("whoosh", "tantivy"))
    return out


CONFORMANCE = [
    ("nha o cong vu", {}),
    ("nhà ở công vụ", {}),
    ('"thuê nhà ở công vụ"', {}),
    ("phản ánh OR kiến nghị", {}),
    ('quy định NOT "phản ánh"', {}),
    ("cho vay", {"type": "Thông tư"}),
    ("quy định", {"issuer": "thu tuong chinh phu"}),
    ("quy định", {"year": 2025}),
    ("45/2025/QĐ-TTg", {}),
    ("tổ chức tín dụng", {"in_force_on": 20251230}),
]


@pytest.mark.parametrize(("query", "filters"), CONFORMANCE)
def test_engines_give_the_same_hit_sets(corpus, query, filters):
    parsed = parse_query(query)
    sets = []
    for name in ("whoosh", "tantivy"):
        engine = open_engine(corpus, name)
        try:
            sets.append({key for key, _ in engine.search(parsed, Filters(**filters))})
        finally:
            engine.close()
    assert sets[0] == sets[1]
    assert sets[0], f"{query!r} should find something in the test corpus"


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_search_results(corpus, engine):
    res = search_corpus(corpus, "nha o cong vu", engine=engine, per_page=5)
    assert res.total > 0 and res.hits[0].doc == "45/2025/QĐ-TTg"
    assert "<b>" in res.hits[0].snippet
    assert res.facets["type"] == {"Quyết định": res.total}
    # Accents matter for ranking, not for matching.
    assert search_corpus(corpus, "nhà ở công vụ", engine=engine).total == res.total


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_number_lookup_puts_the_document_first(corpus, engine):
    for query in ("52/2025/TT-NHNN", "TT 52/2025", "thông tư 52/2025"):
        res = search_corpus(corpus, query, engine=engine)
        assert res.hits and res.hits[0].doc == "52/2025/TT-NHNN", query


def test_snippets_escape_document_text(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "x.txt").write_text(
        'NGHỊ ĐỊNH\nSố: 1/2025/NĐ-CP\nĐiều 1. Phạm vi\n1. Nội dung <script>alert(1)</script> "><img onerror=x> phạm vi.\n',
        encoding="utf-8",
    )
    build([src], tmp_path / "idx", jobs=1)
    (hit,) = search_corpus(tmp_path / "idx", "noi dung").hits
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    assert "<img" not in hit.snippet


def test_snippet_is_the_provision_and_what_is_under_it_only(tmp_path):
    # Before, the snippet of Điều 1 also took the clauses of Điều 10–19 (an SQL LIKE whose "_" matched any letter).
    src = tmp_path / "src"
    src.mkdir()
    articles = "".join(f"Điều {n}. Điều thứ {n}\n1. Nội dung riêng số {n}.\n" for n in range(1, 13))
    (src / "x.txt").write_text(f"NGHỊ ĐỊNH\nSố: 1/2025/NĐ-CP\n{articles}", encoding="utf-8")
    build([src], tmp_path / "idx", jobs=1)
    hits = search_corpus(tmp_path / "idx", '"dieu thu 1"').hits
    first = next(h for h in hits if h.unit == "dieu_1")
    plain = first.snippet.replace("<b>", "").replace("</b>", "")
    assert "số 1." in plain and "số 10" not in plain and "số 11" not in plain


def test_index_follows_incremental_builds(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    f = src / "a.txt"
    f.write_text("NGHỊ ĐỊNH\nSố: 1/2025/NĐ-CP\nĐiều 1. Phạm vi\nQuy định về cây cà phê.\n", encoding="utf-8")
    build([src], tmp_path / "idx", jobs=1)
    assert search_corpus(tmp_path / "idx", "ca phe").total == 1
    f.write_text("NGHỊ ĐỊNH\nSố: 1/2025/NĐ-CP\nĐiều 1. Phạm vi\nQuy định về cây chè.\n", encoding="utf-8")
    build([src], tmp_path / "idx", jobs=1)
    assert search_corpus(tmp_path / "idx", "ca phe").total == 0
    assert search_corpus(tmp_path / "idx", "che").total == 1
    f.unlink()
    report = build([src], tmp_path / "idx", jobs=1)  # a vanished file is kept until removed by name
    assert report.stale == [str(f)] and search_corpus(tmp_path / "idx", "che").total == 1
    build([src], tmp_path / "idx", jobs=1, prune=True)
    with pytest.raises(QueryError):
        search_corpus(tmp_path / "idx", "")
    assert search_corpus(tmp_path / "idx", "che").total == 0


def test_cli_search_json(corpus):
    import json

    from click.testing import CliRunner

    from review.cli import main

    result = CliRunner().invoke(
        main, ["search", "nha o cong vu", "--corpus", str(corpus), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert set(out["hits"][0]) >= {"doc", "unit", "title", "type", "score", "snippet", "status"}
