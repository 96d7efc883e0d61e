"""The store and incremental builds: skip unchanged, re-parse changed, remove vanished, survive a crash."""

import shutil
from pathlib import Path

import pytest

from review import build, open_corpus
from review.errors import StoreNotFound
from review.store import Store

DATA = Path(__file__).parent / "data"


@pytest.fixture
def sources(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(DATA / "html" / "vbpl_doc_000745.html", src / "a.html")
    shutil.copy(DATA / "html" / "vbpl_doc_000482.html", src / "b.html")
    (src / "c.txt").write_text(
        "NGHỊ ĐỊNH\nVề thử\nSố: 9/2020/NĐ-CP\nĐiều 1. Phạm vi\n1. Một.\n", encoding="utf-8"
    )
    return src


def test_build_and_read_back(sources, tmp_path):
    corpus = tmp_path / "idx"
    report = build([sources], corpus, jobs=1)
    assert report.summary["documents"] == 3
    assert len(report.parsed) == 3 and not report.problems
    with open_corpus(corpus) as c:
        doc = c.document("45/2025/QĐ-TTg")
        assert [u.eid for u in doc.articles()] == [f"dieu_{i}" for i in range(1, 7)]
        assert doc.stated_status == "Còn hiệu lực"
        frame = c.documents_frame()
        assert set(frame["id"]) == {"45/2025/QĐ-TTg", "52/2025/TT-NHNN", "9/2020/NĐ-CP"}
        assert int(frame.loc[frame["id"] == "45/2025/QĐ-TTg", "articles"].iloc[0]) == 6


def test_round_trip_equals_parse(sources, tmp_path):
    from review import parse

    corpus = tmp_path / "idx"
    build([sources], corpus, jobs=1)
    (parsed,) = parse(sources / "b.html")
    with open_corpus(corpus) as c:
        stored = c.document(parsed.id)
    assert stored.to_dict() == parsed.to_dict() | {"source": stored.source.to_dict()}


def test_incremental(sources, tmp_path):
    corpus = tmp_path / "idx"
    build([sources], corpus, jobs=1)
    again = build([sources], corpus, jobs=1)
    assert len(again.skipped) == 3 and not again.parsed

    (sources / "c.txt").write_text("NGHỊ ĐỊNH\nSố: 9/2020/NĐ-CP\nĐiều 1. A\nĐiều 2. B\n", encoding="utf-8")
    (sources / "b.html").unlink()
    changed = build([sources], corpus, jobs=1)
    assert [Path(p).name for p in changed.parsed] == ["c.txt"]
    # A vanished file is kept (and listed) until removed by name: nothing is lost by a build.
    assert not changed.removed and [Path(p).name for p in changed.stale] == ["b.html"]
    with open_corpus(corpus) as c:
        assert "52/2025/TT-NHNN" in c.store.document_ids()
    pruned = build([sources], corpus, jobs=1, prune=True)
    assert [Path(p).name for p in pruned.removed] == ["b.html"]
    with open_corpus(corpus) as c:
        assert len(c.document("9/2020/NĐ-CP").articles()) == 2
        assert "52/2025/TT-NHNN" not in c.store.document_ids()


def test_bad_file_is_reported_and_the_rest_goes_on(sources, tmp_path):
    (sources / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<<")
    (sources / "empty.txt").write_bytes(b"")
    corpus = tmp_path / "idx"
    report = build([sources], corpus, jobs=2)
    assert report.summary["documents"] == 3
    codes = sorted((Path(p["path"]).name, p["code"]) for p in report.problems)
    assert codes == [("broken.pdf", "E104"), ("empty.txt", "E102")]
    assert {f["code"] for f in report.summary["failed_sources"]} == {"E104", "E102"}


def test_crash_mid_build_leaves_previous_store(sources, tmp_path, monkeypatch):
    corpus = tmp_path / "idx"
    build([sources], corpus, jobs=1)
    (sources / "c.txt").write_text(
        "NGHỊ ĐỊNH\nSố: 9/2020/NĐ-CP\nĐiều 1. A\nĐiều 2. B\nĐiều 3. C\n", encoding="utf-8"
    )
    (sources / "d.txt").write_text("Điều 1. Mới\n", encoding="utf-8")

    calls = {"n": 0}
    original = Store.put_source

    def crashing(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("power cut")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Store, "put_source", crashing)
    with pytest.raises(KeyboardInterrupt):
        build([sources], corpus, jobs=1)
    monkeypatch.undo()
    with open_corpus(corpus) as c:
        assert c.summary()["documents"] == 3
        assert len(c.document("9/2020/NĐ-CP").articles()) == 1  # the old version, untouched


def test_open_missing_corpus(tmp_path):
    with pytest.raises(StoreNotFound) as info:
        open_corpus(tmp_path / "none")
    assert "review build" in str(info.value)
