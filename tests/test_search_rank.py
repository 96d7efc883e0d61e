"""The ranking rules of review/search/rank.py and review/data/search/*.json, one table per rule, each with rows
that must apply and rows that must not: demotions by heading, kind and size; abbreviations; relaxed matching;
heading coverage. Small snapshots from records (tests/factories.py), no engine: re-ranking is the same step for
Whoosh and tantivy."""

from __future__ import annotations

import pytest

from review.search.query import Phrase, Term, abbreviations, parse_query
from review.search.rank import relaxed_hits, relaxed_query, rerank, rules
from tests.factories import doc, snapshot, units

# --- demotions (data/search/ranking.json "demotions") -----------------------------------------------------

# (folded heading of the hit's article, unit kind, characters, the demotions that apply)
DEMOTIONS = [
    ("pham vi dieu chinh", "dieu", 400, {"scope"}),
    ("pham vi dieu chinh va doi tuong ap dung", "dieu", 400, {"scope"}),
    ("pham vi dieu chinh, doi tuong ap dung", "dieu", 400, {"scope"}),
    ("doi tuong ap dung", "dieu", 400, {"scope"}),
    ("doi tuong ap dung che do bao hiem tai nan lao dong, benh nghe nghiep", "dieu", 400, set()),
    ("doi tuong ap dung hinh thuc xu phat truc xuat", "dieu", 400, set()),
    ("hieu luc thi hanh", "dieu", 300, {"implementation"}),
    ("hieu luc va trach nhiem thi hanh", "dieu", 300, {"implementation"}),
    ("to chuc thuc hien va dieu khoan thi hanh", "dieu", 300, {"implementation"}),
    ("dieu khoan chuyen tiep", "dieu", 300, {"implementation"}),
    ("quy dinh chuyen tiep ve gia dat", "dieu", 300, {"implementation"}),
    ("quyet dinh nay co hieu luc thi hanh ke tu ngay ky.", "dieu", 300, {"implementation"}),
    ("chanh", "dieu", 300, {"implementation"}),
    ("hieu luc cua hop dong lao dong dien tu", "dieu", 300, set()),
    ("thi hanh quyet dinh xu phat truc xuat", "dieu", 300, set()),
    ("to chuc thuc hien chien luoc phat trien nganh cong nghiep hoa chat", "dieu", 300, set()),
    ("giai thich tu ngu", "dieu", 2000, {"definitions"}),
    ("nguyen tac giai quyet", "dieu", 2000, set()),
    ("danh muc cac khoan phi va le phi", "phu_luc", 4000, {"annex"}),
    ("danh muc cac khoan phi va le phi", "dieu", 4000, set()),
    ("sua doi, bo sung mot so dieu cua luat bao ve moi truong", "dieu", 7000, {"amending_quote"}),
    ("sua doi, bo sung dieu 9", "dieu", 3000, set()),
    ("muc tien phat", "dieu", 13000, {"long"}),
    ("muc tien phat", "dieu", 11000, set()),
]


@pytest.mark.parametrize(("heading", "kind", "chars", "expected"), DEMOTIONS)
def test_demotions(heading, kind, chars, expected):
    assert {d.id for d in rules().demotions if d.applies(heading, kind, chars)} == expected


# --- abbreviations (data/search/abbreviations.json) --------------------------------------------------------

# (query, the alternatives of each positive clause, folded)
ABBREVIATIONS = [
    ("hoan thue gtgt", [["hoan"], ["thue"], ["gia tri gia tang", "gtgt"]]),
    ("PCCC nhà chung cư", [["phong chay chua chay", "pccc"], ["nha"], ["chung"], ["cu"]]),
    ("UBND", [["uy ban nhan dan", "ubnd"]]),
    ('"gtgt"', [["gtgt"]]),  # quoted: exactly what was typed
    ("dat dai", [["dat"], ["dai"]]),
]


@pytest.mark.parametrize(("query", "shape"), ABBREVIATIONS)
def test_abbreviations_expand(query, shape):
    parsed = parse_query(query)
    assert [[" ".join(a.folded) for a in c.alternatives] for c in parsed.positive] == shape
    for c in parsed.positive:
        assert c.expanded == (len(c.alternatives) == 2 and isinstance(c.alternatives[0], Phrase))


def test_an_excluded_abbreviation_is_not_expanded():
    parsed = parse_query("thuế -gtgt")
    negated = [c for c in parsed.clauses if c.negated]
    assert [[a.folded for a in c.alternatives] for c in negated] == [[("gtgt",)]]


def test_abbreviation_data_is_one_word_each():
    table = abbreviations()
    assert table
    for abbr, expansion in table.items():
        assert " " not in abbr and len(expansion.folded) >= 2, abbr


# --- relaxed matching (data/search/ranking.json "relax") ---------------------------------------------------

# (query, hits the strict query found, is a relaxed query made)
RELAXED = [
    ("chuyen doi hop dong lao dong bang van ban giay sang dien tu", 8, True),
    ("hoan thue gtgt doi voi hang hoa", 0, True),  # an expanded abbreviation counts as one word
    ("chuyen doi hop dong lao dong", 500, False),  # the strict query found plenty
    ("dat dai", 0, False),  # too few words
    ("nhà ở công vụ", 0, False),  # a compound: missing "vụ" would change what it means
    ('"hop dong lao dong" dien tu giay', 0, False),  # a quoted phrase is asked for as typed
    ("giấy phép OR chứng chỉ lao động", 0, False),
    ("NĐ 145/2020 thu hoi giay phep", 0, False),  # a number query
]


@pytest.mark.parametrize(("query", "found", "made"), RELAXED)
def test_relaxed_query_only_for_plain_words(query, found, made):
    parsed = parse_query(query)
    relaxed = relaxed_query(parsed, found)
    assert (relaxed is not None) == made
    if relaxed is not None:
        # one required OR of the words' alternatives, and every word again as an optional (scoring) clause
        assert len(relaxed.required) == 1
        assert all(isinstance(a, Term | Phrase) for a in relaxed.required[0].alternatives)
        assert [c.alternatives for c in relaxed.positive if c.optional] == [
            c.alternatives for c in parsed.positive
        ]


def test_relaxed_query_requires_one_of_the_rarest_words():
    parsed = parse_query("chuyen doi hop dong lao dong giay sang dien tu")  # 10 words: 2 may miss
    frequencies = {"sang": 3, "giay": 9, "chuyen": 40}

    def lookup(tokens):
        return {t: frequencies.get(t, 1000) for t in tokens}

    relaxed = relaxed_query(parsed, 0, lookup)
    assert relaxed is not None
    assert {a.folded for a in relaxed.required[0].alternatives} == {("sang",), ("giay",), ("chuyen",)}
    everything = relaxed_query(parsed, 0)  # without frequencies: any of the words
    assert everything is not None and len(everything.required[0].alternatives) == 10


@pytest.mark.parametrize(("words", "allowed"), [(3, 0), (5, 0), (6, 1), (7, 1), (10, 2), (13, 3)])
def test_relaxed_missing_words_allowed(words, allowed):
    assert rules().relax.allowed_missing(words) == allowed


def _snap():
    d = doc("1/2025/NĐ-CP", title="Hợp đồng lao động điện tử")
    rows = units(
        d.id,
        [
            (
                "dieu_1",
                "Hợp đồng lao động điện tử được chuyển đổi từ hợp đồng bằng văn bản giấy.",
                "Chuyển đổi",
            ),
            ("dieu_2", "Hợp đồng điện tử được lưu trữ.", "Lưu trữ"),
            ("dieu_3", "Hợp đồng lao động bằng văn bản giấy sang hợp đồng lao động điện tử.", "Chuyển đổi"),
        ],
    )
    return snapshot([d], rows)


def test_relaxed_hits_keep_a_provision_missing_one_word():
    snap = _snap()
    parsed = parse_query("chuyen doi hop dong lao dong van ban giay sang dien tu")
    extra = [("1/2025/NĐ-CP#dieu_1", 5.0), ("1/2025/NĐ-CP#dieu_2", 4.0), ("1/2025/NĐ-CP#dieu_3", 6.0)]
    kept = relaxed_hits([("1/2025/NĐ-CP#dieu_3", 6.0)], extra, parsed, snap)
    # dieu_1 lacks only "sang"; dieu_2 lacks most words; dieu_3 is already a strict hit
    assert [k for k, _ in kept] == ["1/2025/NĐ-CP#dieu_1"]


def test_relaxed_hits_rank_below_full_matches():
    snap = _snap()
    parsed = parse_query("chuyen doi hop dong lao dong van ban giay sang dien tu")
    raw = [("1/2025/NĐ-CP#dieu_1", 5.0), ("1/2025/NĐ-CP#dieu_3", 5.0)]
    plain = dict(rerank(raw, parsed, snap))
    relaxed = dict(rerank(raw, parsed, snap, {"1/2025/NĐ-CP#dieu_1"}))
    assert relaxed["1/2025/NĐ-CP#dieu_1"] == pytest.approx(
        plain["1/2025/NĐ-CP#dieu_1"] * rules().relax.factor
    )
    assert relaxed["1/2025/NĐ-CP#dieu_3"] == pytest.approx(plain["1/2025/NĐ-CP#dieu_3"])


# --- weights in rerank: heading coverage, demotions ----------------------------------------------------------

# (query, the heading that must rank first, the heading after it; the two articles have the same text)
HEADINGS = [
    # the same query words in both headings: the one that is about nothing else comes first (heading_covered)
    ("mức tiền phạt vi phạm phòng cháy", "Mức tiền phạt", "Mức tiền phạt và thẩm quyền lập biên bản"),
    ("hiệu lực hợp đồng lao động điện tử", "Hiệu lực của hợp đồng lao động điện tử", "Hiệu lực thi hành"),
    ("phạm vi áp dụng phí thẩm định", "Phí thẩm định", "Phạm vi điều chỉnh"),
]


@pytest.mark.parametrize(("query", "first", "second"), HEADINGS)
def test_headings_decide_between_equal_texts(query, first, second):
    d = doc("2/2025/NĐ-CP", title="Văn bản thử")
    text = "Mức tiền phạt vi phạm phòng cháy chữa cháy; hiệu lực hợp đồng lao động điện tử; phí thẩm định."
    snap = snapshot([d], units(d.id, [("dieu_1", text, second), ("dieu_2", text, first)]))
    raw = [("2/2025/NĐ-CP#dieu_1", 5.0), ("2/2025/NĐ-CP#dieu_2", 5.0)]
    assert next(k for k, _ in rerank(raw, parse_query(query), snap)) == "2/2025/NĐ-CP#dieu_2"
