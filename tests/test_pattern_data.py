"""Patterns kept as data carry their own examples, checked here: the structure stage's line patterns
(review/data/structure/patterns.json) and the relation rules (review/data/annotate/relations.json). Every id is
unique, every pattern compiles, and every pattern matches its positive examples and none of its negative ones."""

from __future__ import annotations

import re

import pytest

from review.annotate.lexicon import load
from review.annotate.relations import rule_name
from review.structure import patterns as P

LINE_PATTERNS = P.pattern_data()["patterns"]
RELATIONS = load("relations")
# The relation rules that are one pattern each (the others are the lists "triggers" and "after").
SINGLE_RELATION_RULES = [key for key, value in RELATIONS.items() if isinstance(value, dict)]
RELATION_RULES = [
    *(("triggers", rule) for rule in RELATIONS["triggers"]),
    *(("after", rule) for rule in RELATIONS["after"]),
    *((key, RELATIONS[key]) for key in SINGLE_RELATION_RULES),
]


def _check_examples(rule_id: str, examples: dict, matches) -> None:
    assert examples["match"] and examples["no_match"], f"{rule_id} needs a positive and a negative example"
    for line in examples["match"]:
        assert matches(line), f"{rule_id} should match {line!r}"
    for line in examples["no_match"]:
        assert not matches(line), f"{rule_id} should not match {line!r}"


def test_line_pattern_ids_are_unique() -> None:
    ids = [entry["id"] for entry in LINE_PATTERNS]
    assert len(ids) == len(set(ids))
    assert set(P.PATTERNS) == set(ids)


@pytest.mark.parametrize("entry", LINE_PATTERNS, ids=lambda e: e["id"])
def test_line_pattern_compiles_and_says_why(entry: dict) -> None:
    compiled = P.compile_entry(entry)
    # Every {fragment} was filled in: a regex quantifier is {digits}, never {letters}.
    assert not re.search(r"\{[a-z_]+\}", compiled.pattern)
    assert entry["why"].strip()
    assert re.fullmatch(r"[a-z][a-z0-9_]*", entry["id"])


@pytest.mark.parametrize("entry", LINE_PATTERNS, ids=lambda e: e["id"])
def test_line_pattern_matches_its_examples(entry: dict) -> None:
    compiled = P.compile_entry(entry)
    _check_examples(entry["id"], entry["examples"], compiled.search)


def test_relation_rule_ids_are_unique() -> None:
    ids = [rule["id"] for _, rule in RELATION_RULES]
    assert len(ids) == len(set(ids))
    # A trigger's id names its group in one alternation of all triggers.
    assert all(rule["id"].isidentifier() for rule in RELATIONS["triggers"])


@pytest.mark.parametrize(
    ("group", "rule"), RELATION_RULES, ids=lambda x: x if isinstance(x, str) else x["id"]
)
def test_relation_rule_compiles_and_matches_its_examples(group: str, rule: dict) -> None:
    compiled = re.compile(rule["pattern"], re.IGNORECASE)
    # The "after" rules are matched where the reference ends, the legal-basis line at the start of a line; the
    # rest are searched for in the text around the reference.
    anchored = group in ("after", "legal_basis_line")
    _check_examples(rule["id"], rule["examples"], compiled.match if anchored else compiled.search)


def test_single_relation_rules_name_their_references() -> None:
    # The rule names stored with the references (review.models.Reference.rule) are "relation." + the rule's id.
    # instrument_of names none: it only lifts a blocker ("Quy chế … ban hành kèm theo Quyết định số …").
    naming = [key for key in SINGLE_RELATION_RULES if key != "instrument_of"]
    assert {rule_name(key) for key in naming} == {
        "relation.legal_basis_line",
        "relation.blocked",
        "relation.delegation",
        "relation.title_mention",
        "relation.amendment_chain",
        "relation.expires",
    }
