"""Search relevance on the demo corpus, the same from Whoosh and tantivy: proximity (adjacent folded words above
scattered ones), demotion of scope and implementation articles, one hit per article, the document card of a number
query and "did you mean" for a near-miss number, suggestions as the user types, the grouping of a document's hits,
and the graded topical queries the ranking was tuned on (tests/data/search_judged_topical.jsonl; the held-out file
is only read by `make eval`)."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import pytest

from review import open_corpus
from review.search import search, suggest, update_index
from review.text.fold import fold

DATA = Path(__file__).parent / "data"
ENGINES = ("whoosh", "tantivy")


@pytest.fixture(scope="module")
def both(demo_corpus, tmp_path_factory):
    """The demo corpus with both engines' indexes (it is built with the default engine only)."""
    target = tmp_path_factory.mktemp("relevance") / "indexes"
    shutil.copytree(demo_corpus, target, symlinks=True)
    corpus = open_corpus(target)
    for engine in ("whoosh", "tantivy"):
        if engine not in corpus.store.index_engines():
            update_index(target, engine, corpus.snapshot, rebuild=True)
    return corpus


def _text(corpus, doc: str, eid: str) -> str:
    rows = [u for u in corpus.snapshot.units_of(doc) if u.eid == eid or u.eid.startswith(eid + "__")]
    return fold(" ".join(filter(None, (x for r in rows for x in (r.heading, r.text)))))


# (query, filters, what the first hit's text must hold as adjacent words, a heading the first 3 must not have)
TOP = [
    ("dat dai", {"type": "Nghị định"}, "dat dai", None),
    ("thu hoi giay phep", {}, "thu hoi giay phep", None),
    ("vùng phát thải thấp", {}, "vung phat thai thap", r"^(pham vi dieu chinh|doi tuong ap dung)"),
    ("muc phat vi pham phong chay chua chay", {}, "phong chay", r"^(dieu khoan thi hanh|hieu luc)"),
    ("tiền lương dạy thêm giờ", {}, "tien luong day them gio", r"^(hieu luc|to chuc thuc hien)"),
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("query", "filters", "adjacent", "not_heading"), TOP)
def test_first_hits(both, engine, query, filters, adjacent, not_heading):
    res = both.search(query, engine=engine, per_page=10, **filters)
    assert res.hits
    first = res.hits[0]
    assert re.search(r"\b" + adjacent + r"\b", _text(both, first.doc, first.unit or "")), first
    if not_heading:
        for h in res.hits[:3]:
            article = (h.unit or "").split("__")[0]
            head = next((u.heading for u in both.snapshot.units_of(h.doc) if u.eid == article), "") or ""
            assert not re.search(not_heading, fold(head)), (h.doc, h.unit, head)


@pytest.mark.parametrize("engine", ENGINES)
def test_one_hit_per_article_and_groups(both, engine):
    res = both.search("dat dai", engine=engine, per_page=50)
    articles = [(h.doc, (h.unit or "").split("__")[0]) for h in res.hits]
    assert len(articles) == len(set(articles))
    by_doc: dict[str, list[int]] = {}
    for h in res.hits:
        assert h.group and h.group["doc"] == h.doc
        by_doc.setdefault(h.doc, []).append(h.group["position"])
    for positions in by_doc.values():
        assert positions == sorted(positions) and positions[0] == 1
    doc = res.hits[0].doc
    only = both.search("dat dai", engine=engine, doc=doc, per_page=200)
    assert only.hits and {h.doc for h in only.hits} == {doc}
    assert only.total == res.hits[0].group["total"]


@pytest.mark.parametrize("engine", ENGINES)
def test_same_order_from_both_engines(both, engine):
    # The re-ranking decides the top: both engines agree on the first hit of these topical queries.
    for query in ("hoan thue gia tri gia tang", "giao kết hợp đồng lao động điện tử", "tam giu nguoi"):
        w = both.search(query, engine="whoosh", per_page=3).hits[0]
        t = both.search(query, engine=engine, per_page=3).hits[0]
        assert (w.doc, w.unit.split("__")[0]) == (t.doc, t.unit.split("__")[0])


# (query, documents the cards name, did-you-mean documents)
CARDS = [
    ("NĐ 26/2026", ["26/2026/NĐ-CP"], []),
    ("nghị định 145/2020 thử việc", ["145/2020/NĐ-CP"], []),
    ("26/2026/NĐ-CP", ["26/2026/NĐ-CP"], []),
    ("NĐ 26/2027", [], ["26/2026/NĐ-CP"]),
    ("thu hoi giay phep", [], []),
]


@pytest.mark.parametrize(("query", "cards", "near"), CARDS)
def test_document_cards(both, query, cards, near):
    res = both.search(query, per_page=5)
    assert [c.doc for c in res.documents] == cards
    assert [c.doc for c in res.did_you_mean][: len(near)] == near
    for c in res.documents:
        assert c.status in (
            "in_force",
            "partly_expired",
            "expired",
            "not_yet_in_force",
            "suspended",
            "unknown",
        )
        assert c.title
    if cards:
        assert res.hits and res.hits[0].doc == cards[0]  # its provisions come first


# (typed so far, a document that must be suggested, one that must not)
SUGGEST = [
    ("26/20", "26/2026/NĐ-CP", "145/2020/NĐ-CP"),
    ("NĐ 145/2020", "145/2020/NĐ-CP", "26/2026/NĐ-CP"),
    ("phan loai do t", "111/2025/UBTVQH15", "145/2020/NĐ-CP"),
    ("tiền lương dạy", "21/2025/TT-BGDĐT", "111/2025/UBTVQH15"),
    ("zzqx", None, "26/2026/NĐ-CP"),
]


@pytest.mark.parametrize(("typed", "wanted", "unwanted"), SUGGEST)
def test_suggest(both, typed, wanted, unwanted):
    found = [s["doc"] for s in suggest(both.snapshot, typed)]
    if wanted:
        assert wanted in found
    else:
        assert found == []
    assert unwanted not in found


def _ndcg(keys: list[str], judged: dict[str, int], k: int = 10) -> float:
    def dcg(gains):
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))

    seen: set[str] = set()
    gains = []
    for key in keys[:k]:
        gains.append(0 if key in seen else judged.get(key, 0))
        seen.add(key)
    ideal = dcg(sorted(judged.values(), reverse=True)[:k])
    return dcg(gains) / ideal if ideal else 0.0


@pytest.mark.parametrize("engine", ENGINES)
def test_judged_topical_queries(both, engine):
    """The tuning part of the graded queries (with their filters): the ranking keeps nDCG@10 at least 0.8 overall
    and 0.7 in every query kind (0.85 and 0.82 or more when it was tuned); a change that loses relevance fails
    here before `make eval` shows it."""
    queries = [
        json.loads(x) for x in (DATA / "search_judged_topical.jsonl").open(encoding="utf-8") if x.strip()
    ]
    assert len(queries) >= 140
    by_kind: dict[str, list[float]] = {}
    for q in queries:
        res = search(both.path, q["query"], both.snapshot, engine=engine, per_page=10, **q["filters"])
        keys = [f"{h.doc}#{(h.unit or '').split('__')[0]}" for h in res.hits]
        by_kind.setdefault(q["kind"], []).append(_ndcg(keys, q["judged"]))
    every = [s for v in by_kind.values() for s in v]
    assert sum(every) / len(every) >= 0.8
    for kind, scores in by_kind.items():
        assert sum(scores) / len(scores) >= 0.7, kind


# (query, an article that must be among the first three; the query only finds it through the rule named)
RULES_END_TO_END = [
    # relaxed matching: NĐ 337/2025 Điều 8 has every word but "sang"
    ("chuyen doi hop dong lao dong bang van ban giay sang dien tu", "337/2025/NĐ-CP#dieu_8"),
    # abbreviation: "gtgt" is "giá trị gia tăng", which the corpus writes in full
    ("hoan thue gtgt doi voi hang hoa xuat khau", "181/2025/NĐ-CP#dieu_29"),
    # whole-heading demotion: "Hiệu lực của hợp đồng lao động điện tử" is not an implementation article
    ("hiệu lực của hợp đồng lao động điện tử", "337/2025/NĐ-CP#dieu_7"),
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("query", "article"), RULES_END_TO_END)
def test_rules_end_to_end(both, engine, query, article):
    res = both.search(query, engine=engine, per_page=3)
    assert article in [f"{h.doc}#{(h.unit or '').split('__')[0]}" for h in res.hits]
