"""A build killed with SIGKILL at any moment leaves a corpus that answers consistently (issue 12.2): the store
passes SQLite's integrity check, holds either the old documents or the new ones, search answers without errors
and only with stored documents (the index follows the store, or is repaired on open), and the reviewers'
decisions are all still there. A few trials at spread moments of a real build, the last ones in the index write."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from review import build, open_corpus

ROOT = Path(__file__).resolve().parent.parent
FIRST = ["doc_000234.html", "doc_000253.html"]
MORE = ["doc_000353.html", "doc_000127.html", "doc_000108.html"]
MOMENTS = (0.15, 0.35, 0.55, 0.75, 0.9, 0.97)  # fractions of an uninterrupted build's time


def _copy(names: list[str], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(ROOT / "corpus" / "vbpl" / name, folder / name)
    return folder


def _build_command(src: Path, corpus: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "review",
        "build",
        str(src),
        "--corpus",
        str(corpus),
        "--jobs",
        "1",
        "--no-progress",
    ]


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A corpus of two documents with one decision recorded, and how long adding three more takes."""
    root = tmp_path_factory.mktemp("kill")
    src = _copy(FIRST, root / "src")
    corpus = root / "base"
    build([src], corpus, jobs=1)
    with open_corpus(corpus) as c:
        old = set(c.store.document_ids())
        found = c.findings()
        decided = {f.id for f in found[:2]}
        for fid in decided:
            c.decide(fid, "accept", "giữ nguyên")
    _copy(MORE, src)
    timing = root / "timing"
    shutil.copytree(corpus, timing)
    started = time.monotonic()
    subprocess.run(_build_command(src, timing), check=True, capture_output=True, env=_env())
    seconds = time.monotonic() - started
    with open_corpus(timing) as c:
        new = set(c.store.document_ids())
    assert new > old
    return {"src": src, "corpus": corpus, "old": old, "new": new, "decided": decided, "seconds": seconds}


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_build_killed_at_any_moment_leaves_a_consistent_corpus(base, tmp_path, moment):
    corpus = tmp_path / "corpus"
    shutil.copytree(base["corpus"], corpus)
    proc = subprocess.Popen(
        _build_command(base["src"], corpus), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env()
    )
    time.sleep(base["seconds"] * moment)
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    conn = sqlite3.connect(corpus / "review.sqlite")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with open_corpus(corpus) as c:
        ids = set(c.store.document_ids())
        assert ids in (base["old"], base["new"]), f"a mix of old and new after a kill at {moment:.0%}"
        hits = c.search("quy định").hits
        assert hits and {h.doc for h in hits} <= ids
        kept = {fid for fid, d in c.store.decisions().items() if d.decision == "accept"}
        assert base["decided"] <= kept
    # And the next build finishes what the killed one began.
    subprocess.run(_build_command(base["src"], corpus), check=True, capture_output=True, env=_env())
    with open_corpus(corpus) as c:
        assert set(c.store.document_ids()) == base["new"]
        assert {h.doc for h in c.search("quy định").hits} <= base["new"]
