"""`review build --dask`: the per-file stages on a Dask LocalCluster give exactly the store and index of the
serial build (same rows in the same order, same search hits)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from review import build
from review.search import open_engine
from review.search.engine import Filters
from review.search.query import parse_query

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]
FILES = (
    "corpus/vbpl/doc_000151.html",
    "corpus/local/danang_52_2025_nq_hdnd.md",
)


def _dump(corpus: Path) -> list[str]:
    # Read-only, through the file: the test compares what the two builds wrote, row by row.
    con = sqlite3.connect(f"file:{corpus / 'review.sqlite'}?mode=ro", uri=True)
    try:
        return [line for line in con.iterdump() if "last_build" not in line and "built_at" not in line]
    finally:
        con.close()


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("dask-src")
    for f in FILES:
        shutil.copy2(ROOT / f, src / Path(f).name)
    return src


@pytest.fixture(scope="module")
def builds(sources, tmp_path_factory) -> tuple[Path, Path]:
    serial = tmp_path_factory.mktemp("serial")
    dask = tmp_path_factory.mktemp("dask")
    build([sources], serial, jobs=1, engines=("tantivy",))
    build([sources], dask, engines=("tantivy",), dask="local")
    return serial, dask


def test_the_dask_build_writes_the_same_store(builds) -> None:
    serial, dask = builds
    a, b = _dump(serial), _dump(dask)
    assert len(a) > 100
    assert a == b


@pytest.mark.parametrize(
    ("query", "some"),
    [("người lao động", True), ("hội đồng nhân dân", True), ("zzqxy", False)],
)
def test_the_dask_build_finds_the_same(builds, query: str, some: bool) -> None:
    serial, dask = builds
    hits = []
    for corpus in (serial, dask):
        eng = open_engine(corpus, "tantivy")
        try:
            hits.append(sorted(k for k, _ in eng.search(parse_query(query), Filters(), 2000)))
        finally:
            eng.close()
    assert hits[0] == hits[1]
    assert bool(hits[0]) is some
