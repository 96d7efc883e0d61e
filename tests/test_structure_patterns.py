"""The structure stage's line patterns are data (review/data/structure/patterns.json): every id is unique, every
pattern compiles with its fragments filled in, and every pattern matches its own positive example lines and none of
its negative ones."""

from __future__ import annotations

import re

import pytest

from review.structure import patterns as P

ENTRIES = P.pattern_data()["patterns"]


def test_pattern_ids_are_unique() -> None:
    ids = [entry["id"] for entry in ENTRIES]
    assert len(ids) == len(set(ids))
    assert set(P.PATTERNS) == set(ids)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["id"])
def test_pattern_compiles_and_says_why(entry: dict) -> None:
    compiled = P.compile_entry(entry)
    # Every {fragment} was filled in: a regex quantifier is {digits}, never {letters}.
    assert not re.search(r"\{[a-z_]+\}", compiled.pattern)
    assert entry["why"].strip()
    assert re.fullmatch(r"[a-z][a-z0-9_]*", entry["id"])


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["id"])
def test_pattern_matches_its_examples(entry: dict) -> None:
    compiled = P.compile_entry(entry)
    examples = entry["examples"]
    assert examples["match"] and examples["no_match"]
    for line in examples["match"]:
        assert compiled.search(line), f"{entry['id']} should match {line!r}"
    for line in examples["no_match"]:
        assert not compiled.search(line), f"{entry['id']} should not match {line!r}"
