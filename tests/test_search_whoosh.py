"""The Whoosh engine's own storage: segments are read through memory maps (review.search.whoosh_engine)."""

from __future__ import annotations

from review.search.analysis import analyse
from review.search.engine import Filters, IndexRow
from review.search.query import parse_query
from review.search.whoosh_engine import WhooshEngine

TEXTS = ["cây cà phê", "cây chè", "nhà ở công vụ", "cà phê và chè"]


def _rows(doc: str, texts: list[str]) -> list[IndexRow]:
    rows = []
    for i, text in enumerate(texts):
        folded, exact = analyse(text)
        rows.append(
            IndexRow(
                key=f"{doc}#d{i}",
                doc=doc,
                unit=f"d{i}",
                type="nghi_dinh",
                issuer="",
                year=2025,
                effective=0,
                body_folded=" ".join(folded),
                body_exact=" ".join(exact),
                meta_folded="",
            )
        )
    return rows


def _keys(engine: WhooshEngine, query: str) -> set[str]:
    return {key for key, _ in engine.search(parse_query(query), Filters())}


def test_multisegment_index_reopens_updates_and_deletes(tmp_path):
    engine = WhooshEngine(tmp_path, procs=2)
    engine.add(_rows("A", TEXTS * 50))
    engine.commit()
    engine.close()

    engine = WhooshEngine(tmp_path)
    assert not engine.ix.storage.supports_mmap  # whoosh would copy every segment into memory per searcher
    assert len(_keys(engine, "ca phe")) == 100
    assert len(_keys(engine, "che NOT phe")) == 50
    engine.add(_rows("B", ["cà phê sữa"]))
    engine.delete_documents(["A"])
    engine.commit()
    assert _keys(engine, "ca phe") == {"B#d0"}
    engine.close()

    engine = WhooshEngine(tmp_path)
    assert _keys(engine, "ca phe OR che") == {"B#d0"}
    engine.close()
