"""The findings rules' catalogue, review/data/findings/rules.json: every row has every field, its vocabulary
values are members of review.vocab, the data it reads exists, its message templates use only the placeholders
its shape and check supply (and render), and the rule table follows it, in its order."""

from __future__ import annotations

import json
import re
from importlib.resources import files

import pytest

from review.findings import RULES
from review.findings.context import RuleContext
from review.findings.registry import build_rules, placeholders_of, requirements
from review.vocab import Action, FindingKind, Relation, Severity
from tests import factories as fx

FIELDS = {
    "code", "kind", "severity", "action", "title", "ground", "shape", "check", "reads", "params", "messages",
    "message_in_code", "note",
}  # fmt: skip
READS = {"lexicon", "signal", "baseline"}


def _data(name: str) -> dict:
    return json.loads(files("review").joinpath(f"data/findings/{name}").read_text(encoding="utf-8"))


CATALOGUE = _data("rules.json")
ROWS = CATALOGUE["rules"]
IDS = [row["code"] for row in ROWS]


def test_the_file_says_what_it_is():
    assert set(CATALOGUE) == {"_about", "rules"} and CATALOGUE["_about"]
    assert len(IDS) == len(set(IDS))


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_every_field_is_present(row):
    assert set(row) == FIELDS
    assert re.fullmatch(r"(OUT|BUR|QUA)(-[A-Z0-9]+)+", row["code"])
    for bilingual in ("title", "ground"):
        assert set(row[bilingual]) == {"vi", "en"} and all(row[bilingual].values()), bilingual
    assert isinstance(row["note"], str)
    assert row["check"] is None or isinstance(row["check"], str)
    assert isinstance(row["params"], dict) and isinstance(row["reads"], dict)


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_vocabulary_values_are_the_vocabulary(row):
    assert row["kind"] in set(FindingKind)
    assert row["severity"] in set(Severity)
    assert row["action"] in set(Action)
    assert set(row["params"].get("relations", ())) <= set(Relation)


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_what_a_rule_reads_exists(row):
    reads = row["reads"]
    assert set(reads) <= READS
    if not reads:
        return
    lexicon = _data(reads["lexicon"] + ".json")
    if "signal" in reads:
        assert reads["signal"] in lexicon["signals"]
    if "baseline" in reads:
        assert reads["baseline"] in lexicon["baselines"]
    if row["shape"] == "lexicon":
        kinds = {e["kind"] for e in lexicon["entries"]}
        assert set(row["params"].get("high_kinds", ())) <= kinds


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_templates_use_known_placeholders(row):
    need = requirements(row["shape"], row["check"])
    assert set(row["params"]) == need.params and set(row["reads"]) == need.reads
    assert set(row["messages"]) == set(need.cases or ())
    # a message is either templates or, said why, assembled in code
    assert bool(row["messages"]) != bool(row["message_in_code"])
    for case, message in row["messages"].items():
        assert set(message) == {"vi", "en"}, case
        for language, template in message.items():
            names = placeholders_of(template)
            assert names <= need.placeholders, (case, language, names - need.placeholders)
            assert all(name.isidentifier() for name in names)
            assert template.format_map(dict.fromkeys(names, 1.5)), (case, language)


def test_the_rule_table_follows_the_catalogue():
    assert list(RULES) == IDS  # the order findings are computed in
    for row in ROWS:
        r = RULES[row["code"]]
        assert (r.kind, r.severity, r.action, r.shape, r.check) == (
            row["kind"], row["severity"], row["action"], row["shape"], row["check"],
        )  # fmt: skip
        assert (r.title, r.title_en, r.ground, r.ground_en) == (
            row["title"]["vi"], row["title"]["en"], row["ground"]["vi"], row["ground"]["en"],
        )  # fmt: skip
        assert {case: (t.vi, t.en) for case, t in r.messages.items()} == {
            case: (m["vi"], m["en"]) for case, m in row["messages"].items()
        }


def test_a_new_rule_of_an_existing_shape_is_a_row():
    fee = next(r for r in ROWS if r["code"] == "BUR-FEE")
    row = json.loads(json.dumps(fee)) | {
        "code": "BUR-FEE-AGAIN",
        "messages": {"default": {"vi": "Lại thu “{m}”.", "en": "Charges “{m}” again."}},
    }
    (rule,) = build_rules([row]).values()
    text = "Chủ đầu tư thực hiện nộp phí thẩm định theo quy định của pháp luật về phí và lệ phí."
    ctx = RuleContext.load(fx.snapshot([fx.doc("X")], [fx.unit("X", "dieu_1", text)]), "2026-11-27")
    (hit,) = rule.func(ctx)
    assert (hit.text, hit.message, hit.message_en) == (
        "nộp phí",
        "Lại thu “nộp phí”.",
        "Charges “nộp phí” again.",
    )
    assert hash(rule) == hash(build_rules([row])["BUR-FEE-AGAIN"])


def _row(**changes) -> dict:
    row = json.loads(json.dumps(next(r for r in ROWS if r["code"] == "BUR-FEE")))
    row.update(changes)
    return row


@pytest.mark.parametrize(
    "row",
    [
        _row(shape="regex"),  # no such shape
        _row(check="dossier_size"),  # no such check of the shape
        _row(params={"confidence": 0.7}),  # once_per_unit missing
        _row(reads={"lexicon": "burden"}),  # the signal missing
        # a placeholder nobody gives
        _row(messages={"default": {"vi": "Thu “{fee}”.", "en": "Charges “{m}”."}}),
        _row(messages={}),  # no message, and no word on why
        _row(messages={}, message_in_code="elsewhere"),  # the shape renders templates
        _row(kind="stale"),  # not a finding kind
    ],
)
def test_a_row_that_does_not_fit_its_shape_is_refused(row):
    with pytest.raises(ValueError):
        build_rules([row])
