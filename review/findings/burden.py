"""Burdensome provisions: what a procedure asks of people and businesses beyond what it needs (domain notes §6).

The ``signal`` shape: the signals, their patterns and baselines are data (data/findings/burden.json, the signal a
row ``reads``), and a match where the signal's context holds and nothing cancels it is a finding; a row's check
decides what a match means where that takes more (how many sets, how far above the baseline, how often, whether
the article offers another route). The ``density`` shape: documents whose restriction words per 1,000 words stand
above the corpus's 90th percentile.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache

from review.findings.context import RuleContext, in_edited_words, lexicon, sentence_around
from review.findings.registry import Hit, Rule, check, shape
from review.models import Evidence, UnitRecord
from review.text.literals import may_match, required_literals
from review.vocab import Severity


@cache
def _signal(lexicon_name: str, code: str) -> dict:
    s = lexicon(lexicon_name)["signals"][code]
    return {
        "patterns": [re.compile(p, re.IGNORECASE) for p in s["patterns"]],
        # the words each pattern cannot match without: units holding none of them are not scanned
        "literals": [required_literals(p) for p in s["patterns"]],
        "context": re.compile(s["context"], re.IGNORECASE) if s.get("context") else None,
        "cancel": [re.compile(c, re.IGNORECASE) for c in s.get("cancel", ())],
        "negations": [re.compile(n + r"\s*$", re.IGNORECASE) for n in s.get("negations", ())],
        "source": s["source"],
    }


def _baseline(rule: Rule) -> dict:
    return lexicon(rule.reads["lexicon"])["baselines"][rule.reads["baseline"]]


def _matches(ctx: RuleContext, sig: dict, *, once_per_unit: bool) -> Iterator[tuple]:
    """(unit, match, sentence) for the signal's patterns where its context holds and nothing cancels it."""
    for unit in ctx.units:
        text = unit.text
        if not text:
            continue
        found = False
        lowered = ctx.lowered_texts.get((unit.doc, unit.eid), "")
        lead_in: str | None = None  # read only for a unit some pattern may match
        for pattern, literals in zip(sig["patterns"], sig["literals"], strict=True):
            if not may_match(literals, lowered):
                continue
            if lead_in is None:
                lead_in = _parent_text(ctx, unit)
            for m in pattern.finditer(text):
                sentence = sentence_around(text, m.start(), m.end(), limit=600)
                scope = sentence + "\n" + (unit.heading or "")
                if sig["context"] and not sig["context"].search(scope) and not sig["context"].search(lead_in):
                    continue
                if any(c.search(sentence) or c.search(lead_in) for c in sig["cancel"]) or in_edited_words(
                    text, m.start()
                ):
                    continue
                yield unit, m, sentence
                found = True
                if once_per_unit:
                    break
            if found and once_per_unit:
                break


def _parent_text(ctx: RuleContext, unit) -> str:
    """The lead-in of the unit above ("Hồ sơ gồm:") — a dossier item's context is its parent's first line."""
    head, sep, _ = unit.eid.rpartition("__")
    if not sep:
        return ""
    return ctx.unit_texts.get((unit.doc, head), "")[:300]


@dataclass(frozen=True)
class Measured:
    """What a check makes of a signal's match: the message's values, and where it differs from the rule's
    defaults, the severity, extra score parts and the evidence's source."""

    values: Mapping[str, object] = field(default_factory=dict)
    severity: str | None = None
    parts: Mapping[str, float] = field(default_factory=dict)
    source: str | None = None  # default: the signal's source


_PLAIN = Measured()


@shape("signal", params=("confidence", "once_per_unit"), reads=("lexicon", "signal"), placeholders=("m",))
def signal(ctx: RuleContext, rule: Rule) -> Iterator[Hit]:
    """A finding per match (once per unit unless the row says otherwise); a check, where the row names one, says
    what the match means: ``refine(ctx, rule, unit, match) -> Measured``, or None when it is no finding."""
    sig = _signal(rule.reads["lexicon"], rule.reads["signal"])
    for unit, m, sentence in _matches(ctx, sig, once_per_unit=rule.params["once_per_unit"]):
        measured = _PLAIN if rule.refine is None else rule.refine(ctx, rule, unit, m)
        if measured is None:
            continue
        yield Hit(
            unit.doc,
            unit.eid,
            m.start(),
            m.end(),
            m.group(0),
            *rule.message(m=m.group(0), **measured.values),
            (Evidence(None, None, "lexicon", None, measured.source or sig["source"]),),
            rule.params["confidence"],
            sentence,
            severity=measured.severity,
            parts=dict(measured.parts),
        )


@check("signal", "dossier_sets", placeholders=("n",))
def dossier_sets(ctx: RuleContext, rule: Rule, unit: UnitRecord, m: re.Match[str]) -> Measured | None:
    n = int(m.group("n"))
    if n < 2:
        return None
    return Measured({"n": n}, Severity.MEDIUM if n >= 3 else Severity.LOW, {"sets": min(1.0, (n - 1) / 4)})


@check("signal", "time_limit", reads=("baseline",), placeholders=("days", "p90", "median"))
def time_limit(ctx: RuleContext, rule: Rule, unit: UnitRecord, m: re.Match[str]) -> Measured | None:
    """Above the national portal's 90th percentile; high from twice that."""
    base = _baseline(rule)
    n, unit_word = int(m.group("n")), m.group("unit").lower()
    days = n * 30 if unit_word.startswith("tháng") else n
    if days <= base["p90"]:
        return None
    return Measured(
        {"days": days, "p90": base["p90"], "median": base["median"]},
        Severity.HIGH if days >= 2 * base["p90"] else Severity.MEDIUM,
        {
            "above_baseline": round(min(1.0, (days - base["p90"]) / base["p90"]), 3),
            "x_median": days / base["median"],
        },
        base["source"],
    )


@check("signal", "in_person")
def in_person(ctx: RuleContext, rule: Rule, unit: UnitRecord, m: re.Match[str]) -> Measured | None:
    cancel = _signal(rule.reads["lexicon"], rule.reads["signal"])["cancel"]
    article = ctx.article_texts.get((unit.doc, unit.eid.split("__", 1)[0]), "")
    if any(c.search(article) for c in cancel):
        return None  # the same article offers online or postal submission
    return _PLAIN


_PER_YEAR = {"tuần": 52, "tháng": 12, "quý": 4, "06 tháng": 2, "6 tháng": 2, "năm": 1}


@check("signal", "periodic_report", placeholders=("every", "per_year"))
def periodic_report(ctx: RuleContext, rule: Rule, unit: UnitRecord, m: re.Match[str]) -> Measured | None:
    every = next((g for g in (m.groupdict().get(k) for k in ("every", "every2", "every3")) if g), "năm")
    n = _PER_YEAR.get(every.lower(), 1)
    return Measured(
        {"every": every, "per_year": n},
        Severity.MEDIUM if n >= 12 else Severity.LOW,
        {"per_year": min(1.0, n / 12)},
    )


@check("signal", "short_validity", placeholders=("n_text", "n", "period", "period_en"))
def short_validity(ctx: RuleContext, rule: Rule, unit: UnitRecord, m: re.Match[str]) -> Measured | None:
    """Valid for two years or less: renewed often."""
    n, period = int(m.group("n")), m.group("unit").lower()
    months = n * 12 if period == "năm" else n
    if months > 24 or months == 0:
        return None
    values = {
        "n_text": m.group("n"),
        "n": n,
        "period": period,
        "period_en": "years" if period == "năm" else "months",
    }
    return Measured(values, parts={"renewals_per_year": round(min(1.0, 12 / months), 3)})


_WORDS = re.compile(r"[\wÀ-ỹ]+")


@shape(
    "density",
    params=("confidence",),
    reads=("lexicon", "signal", "baseline"),
    placeholders=("count", "words", "density", "threshold"),
)
def restriction_density(ctx: RuleContext, rule: Rule) -> Iterator[Hit]:
    sig = _signal(rule.reads["lexicon"], rule.reads["signal"])
    floor = _baseline(rule)["min"]
    texts: dict[str, list[str]] = defaultdict(list)
    for u in ctx.units:
        texts[u.doc].append(u.text)
    density: dict[str, tuple[float, int, int]] = {}
    for doc, parts in texts.items():
        text = "\n".join(parts)
        words = len(_WORDS.findall(text))
        if words < 400:
            continue
        count = 0
        for m in sig["patterns"][0].finditer(text):
            before = text[max(0, m.start() - 20) : m.start()]
            if m.group(0).lower() != "không được" and any(
                n.search(before + m.group(0)) for n in sig["negations"]
            ):
                continue
            count += 1
        density[doc] = (1000 * count / words, count, words)
    if not density:
        return
    values = sorted(d for d, _, _ in density.values())
    p90 = values[int(0.9 * (len(values) - 1))]
    threshold = max(floor, p90)
    for doc, (d, count, words) in density.items():
        if d < threshold:
            continue
        title = ctx.docs[doc].title or doc
        yield Hit(
            doc,
            None,
            0,
            len(title),
            title,
            *rule.message(count=count, words=words, density=d, threshold=threshold),
            (Evidence(None, None, "lexicon", None, sig["source"]),),
            rule.params["confidence"],
            title,
            parts={"density_ratio": round(min(1.0, d / threshold - 1), 3)},
        )
