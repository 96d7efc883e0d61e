"""The rule registry: rules are data rows (review/data/findings/rules.json, read by ``catalogue``), matchers are
code. A row names its matcher *shape* (``lexicon``, ``signal``, ``reference_status`` …) and, where a shape has
several, the *check* within it; each shape or check is a function registered here by name, with the parameters,
data keys, message placeholders and message cases it needs from a row. ``build_rules`` joins the rows to the
shapes into the code → ``Rule`` table, in the rows' order (which fixes the findings' order), and refuses a row
that does not fit its shape. A rule reads the ``RuleContext`` and yields ``Hit``s; the engine turns hits into
scored, identified ``Finding``s.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from review.dates import vi_date
from review.findings.catalogue import catalogue
from review.models import Evidence
from review.vocab import Action, FindingKind, Severity

if TYPE_CHECKING:
    from review.findings.context import RuleContext


@dataclass(frozen=True)
class Hit:
    """What a rule found: where, the matched words, why (Vietnamese and English), and the evidence."""

    doc: str
    unit: str | None
    start: int
    end: int
    text: str
    message: str
    message_en: str
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.9  # how sure the rule is that a reviewer would agree (its own precision)
    context: str | None = None
    action: str | None = None  # overrides the rule's default
    severity: str | None = None  # overrides the rule's default
    parts: dict[str, float] = field(default_factory=dict)  # extra score parts (e.g. how far above a baseline)


@dataclass(frozen=True)
class Template:
    """A finding's message in Vietnamese and English, with named placeholders (``str.format``)."""

    vi: str
    en: str

    def render(self, values: Mapping[str, Any]) -> tuple[str, str]:
        # Vietnamese readers write dates dd/mm/yyyy; the English message keeps ISO dates.
        vi_values = {k: vi_date(v) if isinstance(v, str) else v for k, v in values.items()}
        return self.vi.format_map(vi_values), self.en.format_map(values)


@dataclass(frozen=True)
class Matcher:
    """Code a data row can name: a shape, or a check within a shape, and what it needs from the row."""

    name: str
    run: Callable[..., Any]
    params: frozenset[str]  # the row's ``params`` keys it reads
    reads: frozenset[str]  # the row's ``reads`` keys (lexicon, signal, baseline)
    placeholders: frozenset[str]  # the values it gives the message templates
    cases: tuple[str, ...] | None  # the message cases it renders; () when it assembles messages itself
    needs_check: bool = False  # a shape whose rows must name one of its checks


SHAPES: dict[str, Matcher] = {}
CHECKS: dict[tuple[str, str], Matcher] = {}


def shape(
    name: str,
    *,
    params: Iterable[str] = (),
    reads: Iterable[str] = (),
    placeholders: Iterable[str] = (),
    cases: tuple[str, ...] = ("default",),
    needs_check: bool = False,
) -> Callable:
    """Register a shape: ``run(ctx, rule)`` yields the rule's hits."""

    def register(run: Callable[..., Iterator[Hit]]) -> Callable[..., Iterator[Hit]]:
        if name in SHAPES:
            raise ValueError(f"shape {name} registered twice")
        SHAPES[name] = Matcher(
            name, run, frozenset(params), frozenset(reads), frozenset(placeholders), cases, needs_check
        )
        return run

    return register


def check(
    shape_name: str,
    name: str,
    *,
    params: Iterable[str] = (),
    reads: Iterable[str] = (),
    placeholders: Iterable[str] = (),
    cases: tuple[str, ...] | None = None,
) -> Callable:
    """Register a check within a shape (what its arguments are is the shape's business); its params, reads and
    placeholders add to the shape's, its cases (if given) replace them."""

    def register(run: Callable[..., Any]) -> Callable[..., Any]:
        if (shape_name, name) in CHECKS:
            raise ValueError(f"check {shape_name}/{name} registered twice")
        CHECKS[(shape_name, name)] = Matcher(
            name, run, frozenset(params), frozenset(reads), frozenset(placeholders), cases
        )
        return run

    return register


@dataclass(frozen=True)
class Rule:
    """One row of the catalogue, joined to its shape."""

    code: str
    kind: str  # a FindingKind
    severity: str  # the default Severity (a hit may say otherwise)
    action: str  # the default Action
    ground: str  # Vietnamese legal ground
    ground_en: str
    title: str  # a short Vietnamese name for reports
    title_en: str
    shape: str
    check: str | None
    # (read-only mappings are not hashable: a rule hashes by its other fields)
    reads: Mapping[str, str] = field(hash=False)
    params: Mapping[str, Any] = field(hash=False)
    messages: Mapping[str, Template] = field(hash=False)
    message_in_code: str | None  # why the message is assembled in code, where it is
    note: str

    def func(self, ctx: RuleContext) -> Iterator[Hit]:
        """The rule's hits on a ``RuleContext``."""
        return SHAPES[self.shape].run(ctx, self)

    @property
    def refine(self) -> Callable[..., Any] | None:
        """The function of the rule's check, for its shape to call; None without one."""
        return CHECKS[(self.shape, self.check)].run if self.check else None

    @property
    def required_check(self) -> Callable[..., Any]:
        """The check of a rule whose shape cannot run without one (build_rules refuses rows that lack it)."""
        if self.refine is None:
            raise ValueError(f"rule {self.code} has no check, and its shape {self.shape!r} needs one")
        return self.refine

    def message(self, case: str = "default", **values: Any) -> tuple[str, str]:
        """The Vietnamese and English message of one case, its placeholders filled."""
        return self.messages[case].render(values)


def placeholders_of(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def requirements(shape_name: str, check_name: str | None) -> Matcher:
    """What a row of this shape and check must give: params, reads, cases, and the placeholders it may use (run
    is the check's, or the shape's without one)."""
    base = SHAPES[shape_name]
    if check_name is None:
        return base
    extra = CHECKS[(shape_name, check_name)]
    return Matcher(
        f"{shape_name}/{check_name}",
        extra.run,
        base.params | extra.params,
        base.reads | extra.reads,
        base.placeholders | extra.placeholders,
        base.cases if extra.cases is None else extra.cases,
    )


def _rule(row: Mapping[str, Any]) -> Rule:
    code = row["code"]
    if row["shape"] not in SHAPES:
        raise ValueError(f"{code}: unknown shape {row['shape']!r}")
    if row["check"] is not None and (row["shape"], row["check"]) not in CHECKS:
        raise ValueError(f"{code}: shape {row['shape']} has no check {row['check']!r}")
    if row["check"] is None and SHAPES[row["shape"]].needs_check:
        raise ValueError(f"{code}: shape {row['shape']} needs a check")
    need = requirements(row["shape"], row["check"])
    for what, given, wanted in (
        ("params", set(row["params"]), need.params),
        ("reads", set(row["reads"]), need.reads),
        ("messages", set(row["messages"]), set(need.cases or ())),
    ):
        if given != wanted:
            raise ValueError(f"{code}: {what} {sorted(given)}, its shape needs {sorted(wanted)}")
    if bool(need.cases) == bool(row["message_in_code"]):
        raise ValueError(f"{code}: message_in_code says why exactly when the shape assembles the message")
    messages = {case: Template(m["vi"], m["en"]) for case, m in row["messages"].items()}
    for case, t in messages.items():
        unknown = (placeholders_of(t.vi) | placeholders_of(t.en)) - need.placeholders
        if unknown:
            raise ValueError(f"{code}: message {case} has unknown placeholders {sorted(unknown)}")
    return Rule(
        code,
        FindingKind(row["kind"]).value,
        Severity(row["severity"]).value,
        Action(row["action"]).value,
        row["ground"]["vi"],
        row["ground"]["en"],
        row["title"]["vi"],
        row["title"]["en"],
        row["shape"],
        row["check"],
        MappingProxyType(dict(row["reads"])),
        MappingProxyType({k: tuple(v) if isinstance(v, list) else v for k, v in row["params"].items()}),
        MappingProxyType(messages),
        row["message_in_code"],
        row["note"],
    )


def build_rules(rows: Iterable[Mapping[str, Any]] | None = None) -> dict[str, Rule]:
    """The code → rule table from the catalogue rows (default: rules.json) and the registered shapes."""
    rules: dict[str, Rule] = {}
    for row in catalogue() if rows is None else rows:
        if row["code"] in rules:
            raise ValueError(f"rule code {row['code']} listed twice")
        rules[row["code"]] = _rule(row)
    return rules
