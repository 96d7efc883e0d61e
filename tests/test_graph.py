"""The graph and status on a date, on small documents written for the purpose (tests/data/timeline/):

- Luật 50/2019/QH14 (from 2020-01-01), replaced by Luật 60/2024/QH15 (from 2025-01-01), itself replaced by Luật
  70/2026/QH15 (from 2027-01-01: not yet in force on the test's "today");
- NĐ 10/2020/NĐ-CP details Luật 50/2019 (so it ends with it, Luật 80/2015 Điều 154 khoản 3); NĐ 20/2021/NĐ-CP
  amends its khoản 1 Điều 2, repeals khoản 3 Điều 2 and replaces a phrase in Điều 3 (from 2021-07-01);
- TT 05/2021/TT-BTC is suspended by TT 09/2022/TT-BTC (from 2022-05-15);
- NĐ 40/2025 and NĐ 41/2025 detail Luật 60/2024; Luật 70/2026 says NĐ 41/2025 continues.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from review.api import open_corpus
from review.build import build
from review.cli import main

DATA = Path(__file__).parent / "data" / "timeline"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("timeline")
    build([DATA], out, jobs=1)
    with open_corpus(out) as c:
        yield c


STATUS_ROWS = [
    # (node, date, expected status, a reason kind that must be among the because, its acting document)
    ("50/2019/QH14", "2019-12-31", "not_yet_in_force", "not_yet", "50/2019/QH14"),
    ("50/2019/QH14", "2020-01-01", "in_force", "effective", "50/2019/QH14"),
    ("50/2019/QH14", "2024-12-31", "in_force", "effective", "50/2019/QH14"),
    ("50/2019/QH14", "2025-01-01", "expired", "repealed", "60/2024/QH15"),
    # the detailing decree ends with the law it details (2015 rule: the parent ended before 2025-04-01)
    ("10/2020/NĐ-CP", "2020-02-29", "not_yet_in_force", "not_yet", "10/2020/NĐ-CP"),
    ("10/2020/NĐ-CP", "2020-03-01", "in_force", "effective", "10/2020/NĐ-CP"),
    ("10/2020/NĐ-CP", "2021-07-01", "partly_expired", "unit_repealed", "20/2021/NĐ-CP"),
    ("10/2020/NĐ-CP", "2021-06-30", "in_force", "effective", "10/2020/NĐ-CP"),
    ("10/2020/NĐ-CP", "2025-01-01", "expired", "parent_expired", "60/2024/QH15"),
    # repeal of one clause: the clause ends, its article is partly expired, a sibling clause stays in force
    ("10/2020/NĐ-CP#dieu_2__khoan_3", "2021-06-30", "in_force", "effective", "10/2020/NĐ-CP"),
    ("10/2020/NĐ-CP#dieu_2__khoan_3", "2021-07-01", "expired", "unit_repealed", "20/2021/NĐ-CP"),
    ("10/2020/NĐ-CP#dieu_2", "2021-07-01", "partly_expired", "unit_repealed", "20/2021/NĐ-CP"),
    ("10/2020/NĐ-CP#dieu_2__khoan_1", "2021-07-01", "in_force", "unit_amended", "20/2021/NĐ-CP"),
    ("10/2020/NĐ-CP#dieu_3", "2021-07-01", "in_force", "unit_amended", "20/2021/NĐ-CP"),
    ("10/2020/NĐ-CP#dieu_2__khoan_1", "2025-06-01", "expired", "document", "10/2020/NĐ-CP"),
    # suspension
    ("05/2021/TT-BTC", "2022-05-14", "in_force", "effective", "05/2021/TT-BTC"),
    ("05/2021/TT-BTC", "2022-05-15", "suspended", "suspended", "09/2022/TT-BTC"),
    # a law not yet in force, and what it replaces
    ("70/2026/QH15", "2026-11-27", "not_yet_in_force", "not_yet", "70/2026/QH15"),
    ("60/2024/QH15", "2026-11-27", "in_force", "effective", "60/2024/QH15"),
    ("60/2024/QH15", "2027-01-01", "expired", "repealed", "70/2026/QH15"),
    # after 2025-07-01 (rule table): a detailing decree ends with its parent unless announced to continue
    ("40/2025/NĐ-CP", "2027-01-01", "expired", "parent_expired", "70/2026/QH15"),
    ("41/2025/NĐ-CP", "2027-01-01", "in_force", "parent_expired_continues", "70/2026/QH15"),
]


@pytest.mark.parametrize(("node", "at", "expected", "reason", "by"), STATUS_ROWS)
def test_status_on_a_date(corpus, node, at, expected, reason, by):
    st = corpus.status(node, at)
    assert st.status == expected, st.to_dict()
    assert any(r.kind == reason and r.doc == by for r in st.because), st.to_dict()


def test_status_of_a_document_that_does_not_exist_is_an_error(corpus, tmp_path):
    # Before, a number neither in the corpus nor cited by it answered "unknown" (a silent answer).
    from review.errors import DocumentNotFound, UnitNotFound

    with pytest.raises(DocumentNotFound):
        corpus.status("99/2099/NĐ-CP", "2027-01-01")
    with pytest.raises(UnitNotFound):
        corpus.status("60/2024/QH15#dieu_999", "2027-01-01")
    # A document the corpus only cites is a real node: its status is unknown, and says why.
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(
        "NGHỊ ĐỊNH\nSố: 1/2025/NĐ-CP\nĐiều 1. Phạm vi\nTheo Nghị định số 77/2019/NĐ-CP.\n", encoding="utf-8"
    )
    build([src], tmp_path / "idx", jobs=1, engines=())
    with open_corpus(tmp_path / "idx") as c:
        st = c.status("77/2019/ND-CP", "2027-01-01")  # typed without Đ
        assert st.id == "77/2019/NĐ-CP" and st.status == "unknown" and st.because[0].kind == "not_in_corpus"


def test_status_json_shape(corpus):
    d = corpus.status("50/2019/QH14", "2025-01-01").to_dict()
    assert set(d) >= {"id", "at", "status", "because"}
    assert d["at"] == "2025-01-01" and d["because"][0]["date"] == "2025-01-01"
    assert "hết hiệu lực" in d["because"][0]["text"] or "50/2019" in d["because"][0]["text"]


def test_stated_status_is_kept_beside_the_computed_one(tmp_path):
    # A vbpl page states "Còn hiệu lực" for NĐ 07/2025/NĐ-CP; NĐ 280/2025 (also in the set) repealed its
    # Điều 1 from 2025-11-01: computed partly expired, and the disagreement is recorded.
    src = Path(__file__).parents[1] / "corpus" / "vbpl"
    build([src / "doc_000030.html", src / "doc_000599.html"], tmp_path, jobs=1, engines=())
    with open_corpus(tmp_path) as c:
        st = c.status("07/2025/NĐ-CP", "2026-04-26")
        assert st.status == "partly_expired"
        assert st.stated == "in_force" and st.stated_label == "Còn hiệu lực" and st.agrees is False
        assert any(r.kind == "unit_repealed" and r.doc == "280/2025/NĐ-CP" for r in st.because)


def test_graph_nodes_and_edges(corpus):
    g = corpus.graph
    assert isinstance(g, nx.MultiDiGraph)
    assert g.nodes["10/2020/NĐ-CP"]["node_type"] == "document"
    assert g.nodes["10/2020/NĐ-CP#dieu_2__khoan_3"]["node_type"] == "unit"
    assert g.has_edge("10/2020/NĐ-CP#dieu_2", "10/2020/NĐ-CP#dieu_2__khoan_3", key="contains")
    edge = g.get_edge_data("20/2021/NĐ-CP#dieu_1__khoan_2", "10/2020/NĐ-CP#dieu_2__khoan_3")
    assert edge and "repeals" in edge
    attrs = edge["repeals"]
    assert attrs["doc"] == "20/2021/NĐ-CP" and attrs["effective"] == "2021-07-01"
    assert attrs["text"] == "khoản 3 Điều 2" and attrs["end"] > attrs["start"]
    # "Luật này" (the document citing itself as a whole) is not an edge
    assert not any(u.startswith("70/2026") and v == "70/2026/QH15" for u, v in g.edges())


def test_impact_of_replacing_a_law_reaches_the_detailing_and_the_citing_documents(corpus):
    links = corpus.impact("50/2019/QH14", depth=2)
    level1 = {(link.source.partition("#")[0], link.relation) for link in links if link.depth == 1}
    assert ("10/2020/NĐ-CP", "guides") in level1
    assert ("60/2024/QH15", "repeals") in level1
    # what rests on the detailing decree rests, through it, on the law: the circular based on it, the amendment
    level2 = {link.source.partition("#")[0] for link in links if link.depth == 2}
    assert {"05/2021/TT-BTC", "20/2021/NĐ-CP"} <= level2
    # a unit: only what cites it (or a unit under it)
    unit_links = corpus.impact("10/2020/NĐ-CP#dieu_2__khoan_3", depth=1)
    assert [link.source for link in unit_links] == ["20/2021/NĐ-CP#dieu_1__khoan_2"]


def test_deps_of_a_circular(corpus):
    links = corpus.deps("05/2021/TT-BTC", depth=2)
    basis = [x for x in links if x.relation == "legal_basis" and x.depth == 1]
    assert basis and basis[0].source == "05/2021/TT-BTC" and basis[0].unit == "preamble"
    targets = {(x.target, x.depth) for x in links}
    assert ("10/2020/NĐ-CP", 1) in targets
    assert any(t.startswith("50/2019/QH14") and d == 2 for t, d in targets)


def test_history_of_a_unit(corpus):
    entries = corpus.history("10/2020/NĐ-CP#dieu_2")
    kinds = [(e.date, e.node, e.kind) for e in entries]
    assert ("2021-07-01", "10/2020/NĐ-CP#dieu_2__khoan_1", "unit_amended") in kinds
    assert ("2021-07-01", "10/2020/NĐ-CP#dieu_2__khoan_3", "unit_repealed") in kinds
    amended = next(e for e in entries if e.node.endswith("khoan_1"))
    assert "Hồ sơ gồm 01 bộ" in amended.amending_text


def test_text_as_amended_on_a_date(corpus):
    before = corpus.text_at("10/2020/NĐ-CP#dieu_2", "2021-06-30")
    assert "Hồ sơ gồm 02 bộ" in before.text and "Ủy ban nhân dân cấp xã" in before.text
    assert before.operations == ()
    after = corpus.text_at("10/2020/NĐ-CP#dieu_2", "2021-07-01")
    assert "Hồ sơ gồm 01 bộ" in after.text and "02 bộ" not in after.text
    assert "Ủy ban nhân dân cấp xã" not in after.text and "(được bãi bỏ)" in after.text
    assert after.computed and all(op.applied for op in after.operations)
    phrase = corpus.text_at("10/2020/NĐ-CP#dieu_3", "2022-01-01")
    assert "Sở Tài chính cấp giấy phép" in phrase.text and "Kế hoạch" not in phrase.text


def test_analytics(corpus):
    stats = corpus.graph_stats("2026-11-27")
    top = stats["most_relied"][0]
    assert top["citing_documents"] >= 3
    assert stats["document_status"]["expired"] >= 2
    assert stats["nodes"]["document"] >= 9
    # Luật 60/2024 delegates nothing; Luật 50/2019's "Chính phủ quy định chi tiết Điều này" is detailed
    # by NĐ 10/2020: no undetailed delegation
    assert stats["undetailed_delegations"] == 0


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv"])
def test_exports_read_back(corpus, tmp_path, fmt):
    path = corpus.graph_view.export(tmp_path / f"g.{fmt}")
    g = corpus.graph
    if fmt == "graphml":
        back = nx.read_graphml(path)
        assert back.number_of_nodes() == g.number_of_nodes()
    elif fmt == "gexf":
        back = nx.read_gexf(path)
        assert back.number_of_nodes() == g.number_of_nodes()
    elif fmt == "json":
        data = json.loads(path.read_text(encoding="utf-8"))
        assert len(data["nodes"]) == g.number_of_nodes() and len(data["links"]) == g.number_of_edges()
    else:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        assert lines[0].startswith("source,target,relation") and len(lines) == g.number_of_edges() + 1


def test_cli_status_and_graph(corpus):
    runner = CliRunner()
    where = ["--corpus", str(corpus.path)]
    r = runner.invoke(main, ["status", "10/2020/NĐ-CP", "--at", "2025-01-01", *where])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["status"] == "expired"
    r = runner.invoke(main, ["status", "10/2020/NĐ-CP", "--at", "2025-01-01", "--format", "table", *where])
    assert "Hết hiệu lực toàn bộ" in r.output
    r = runner.invoke(main, ["graph", "impact", "50/2019/QH14", "--format", "csv", *where])
    assert r.exit_code == 0 and r.output.startswith("\ufeffdepth,relation,source,target")
    r = runner.invoke(main, ["graph", "history", "10/2020/NĐ-CP#dieu_2", *where])
    assert r.exit_code == 0 and len(json.loads(r.output)) == 2
    # Dates as Vietnamese users type them (issue 12.9); what is no date is refused with both forms named.
    r = runner.invoke(main, ["status", "10/2020/NĐ-CP", "--at", "01/01/2025", *where])
    assert r.exit_code == 0 and json.loads(r.output)["status"] == "expired"
    r = runner.invoke(main, ["status", "10/2020/NĐ-CP", "--at", "2025/01/01", *where])
    assert r.exit_code == 1 and "dd/mm/yyyy or YYYY-MM-DD" in r.output
    r = runner.invoke(main, ["graph", "deps", "nope", *where])
    assert r.exit_code == 1 and "nope" in r.output


def test_search_in_force_on_uses_the_computed_status(tmp_path):
    build([DATA], tmp_path, jobs=1)
    with open_corpus(tmp_path) as c:
        before = {h.doc for h in c.search("thử nghiệm", in_force_on="2024-06-01", per_page=50).hits}
        after = {h.doc for h in c.search("thử nghiệm", in_force_on="2025-06-01", per_page=50).hits}
    assert "50/2019/QH14" in before and "50/2019/QH14" not in after
    assert "10/2020/NĐ-CP" in before and "10/2020/NĐ-CP" not in after
    assert "60/2024/QH15" in after and "70/2026/QH15" not in after


def test_golden_statuses_of_the_real_corpus(tmp_path):
    from tests.golden_status import GOLDEN, compute

    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = compute(tmp_path)
    changed = {
        k: (expected.get(k), got.get(k)) for k in set(expected) | set(got) if expected.get(k) != got.get(k)
    }
    assert not changed, (
        "statuses changed; review and run python -m tests.golden_status --update:\n"
        + "\n".join(f"{k}: {a} -> {b}" for k, (a, b) in sorted(changed.items()))
    )


def test_require_node_names_a_document_outside_the_corpus(corpus):
    from review.errors import DocumentNotFound

    corpus.require_node("10/2020/NĐ-CP#dieu_2")  # in the corpus
    with pytest.raises(DocumentNotFound, match="no document 'nope' in the corpus"):
        corpus.require_node("nope#dieu_1")
    with pytest.raises(DocumentNotFound):  # before, the queries answered an unknown node with nothing
        corpus.deps("nope")
