"""The rule registry: each rule is a small function with a stable code, a kind, a default severity and its legal
ground, registered by the ``rule`` decorator. A rule reads the ``RuleContext`` and yields ``Hit``s; the engine
turns hits into scored, identified ``Finding``s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from review.models import Evidence


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
class Rule:
    code: str
    kind: str  # outdated, burden, quality
    severity: str  # high, medium, low
    action: str  # amend, replace, repeal, review
    ground: str  # Vietnamese legal ground
    ground_en: str
    func: Callable[..., Iterable[Hit]]
    title: str = ""  # a short Vietnamese name for reports
    title_en: str = ""


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    *,
    kind: str,
    severity: str,
    action: str,
    ground: str,
    ground_en: str,
    title: str,
    title_en: str,
) -> Callable:
    def register(func: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        RULES[code] = Rule(code, kind, severity, action, ground, ground_en, func, title, title_en)
        return func

    return register
