"""The words legal staff read in the reports, in one place.

Findings carry English codes (``outdated``, ``high``, ``amend``, ``accept``...) because scripts, the store and
the JSON contract rely on them; the people who act on a report read Vietnamese. Every rendering (HTML, XLSX,
and later CSV or the web pages) takes its labels from here so that the same code always reads the same way, and
so that a decision typed in Vietnamese in a spreadsheet maps back to the code the store keeps.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from enum import StrEnum

from review import dates
from review.models import unit_citation
from review.vocab import Action, Decision, FindingKind, Relation, Severity, event_label

SEVERITY_RANK: dict[str, int] = {s.value: i for i, s in enumerate(Severity)}
DECISION_LABELS: dict[str, str] = {d.value: d.vi for d in Decision}


def _label(vocabulary: type[StrEnum], code: str | None) -> str:
    """The Vietnamese label of a code, or the code itself when the vocabulary does not know it (a new rule's
    value still shows rather than disappearing)."""
    if code is None:
        return ""
    try:
        return str(vocabulary(code).vi)  # type: ignore[attr-defined]
    except ValueError:
        return code


def kind_label(kind: str | None) -> str:
    return _label(FindingKind, kind)


def severity_label(severity: str | None) -> str:
    return _label(Severity, severity)


def action_label(action: str | None) -> str:
    return _label(Action, action)


def decision_label(decision: str | None) -> str:
    return _label(Decision, decision)


def relation_label(relation: str | None) -> str:
    # Evidence also names events that are not relations between documents (merged_into, renamed, lexicon).
    label = _label(Relation, relation)
    return event_label(label) if label == relation and relation else label


def _decision_key(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())


# What a reviewer may type or pick in a decision cell: the Vietnamese dropdown values, the English codes, and
# the Vietnamese words without diacritics (typed on a keyboard without a Vietnamese input method).
_DECISION_INPUTS: dict[str, str] = {}
for _code, _vi in DECISION_LABELS.items():
    _DECISION_INPUTS[_decision_key(_code)] = _code
    _DECISION_INPUTS[_decision_key(_vi)] = _code
_DECISION_INPUTS[_decision_key("chap nhan")] = "accept"
_DECISION_INPUTS[_decision_key("bac bo")] = "reject"


def parse_decision(value: str) -> str | None:
    """``accept``/``reject`` for a decision a reviewer entered (Vietnamese or English, any case), else None."""
    return _DECISION_INPUTS.get(_decision_key(value))


def as_date(at: date | datetime | str | None) -> date:
    """The report date: a date, a datetime, an ISO string, or None for today."""
    if at is None:
        return date.today()
    if isinstance(at, datetime):
        return at.date()
    if isinstance(at, date):
        return at
    return date.fromisoformat(str(at)[:10])


# A date as Vietnamese documents write it: dd/mm/yyyy (one writer for the whole toolkit).
vi_date = dates.vi_date


# A unit's eid as a citation reads (``điểm đ khoản 2 Điều 5``); one writer for the whole toolkit.
unit_label = unit_citation
