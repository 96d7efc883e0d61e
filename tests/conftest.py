"""Fixtures shared by several test modules: the demo corpus (corpus/, what `make demo` builds), built once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def demo_corpus(tmp_path_factory) -> Path:
    """corpus/ built with the default engine; read-only for the tests that use it (copy it to write)."""
    import review

    folder = tmp_path_factory.mktemp("demo-corpus")
    report = review.build([ROOT / "corpus"], folder, jobs=2)
    assert report.summary["documents"] > 0
    return folder


@pytest.fixture
def demo_copy(demo_corpus, tmp_path) -> Path:
    """A copy of the demo corpus a test may write to (decisions, rebuilds)."""
    target = tmp_path / "indexes"
    shutil.copytree(demo_corpus, target, symlinks=True)
    return target
