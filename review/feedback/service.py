"""Feedback over a corpus: import a file into the store, link it (again when the corpus changed), and list the
records with their links, filtered by document, unit, or unlinked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from review.feedback.link import link_all
from review.feedback.read import RowError, read_feedback
from review.models.feedback import FeedbackLink, FeedbackRecord
from review.store import feedback as stored


@dataclass(frozen=True)
class ImportReport:
    imported: int
    errors: tuple[RowError, ...]
    linked: int
    unlinked: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "errors": [e.to_dict() for e in self.errors],
            "linked": self.linked,
            "unlinked": self.unlinked,
        }


def import_file(store, snapshot, resolver, path: str | Path, mapping: str | None = None) -> ImportReport:
    records, errors = read_feedback(path, mapping)
    n = stored.put_feedback(store, records)
    links = relink(store, snapshot, resolver)
    linked = {x.feedback for x in links}
    everything = stored.feedback(store)
    return ImportReport(n, tuple(errors), len(linked), sum(1 for r in everything if r.id not in linked))


def relink(store, snapshot, resolver) -> list[FeedbackLink]:
    links = link_all(stored.feedback(store), snapshot.all_units(), resolver)
    stored.set_links(store, snapshot.version, links)
    return links


def current_links(store, snapshot, resolver) -> list[FeedbackLink]:
    """The stored links, re-linked first when the corpus changed since they were computed."""
    version, links = stored.links(store)
    if version != snapshot.version:
        records = stored.feedback(store)
        if not records:
            return []
        links = relink(store, snapshot, resolver)
    return links


@dataclass(frozen=True)
class LinkedFeedback:
    record: FeedbackRecord
    links: tuple[FeedbackLink, ...]

    def to_dict(self, show_sender: bool = False) -> dict[str, Any]:
        return {**self.record.to_dict(show_sender), "links": [x.to_dict() for x in self.links]}


def listing(
    store, snapshot, resolver, doc: str | None = None, unit: str | None = None, unlinked: bool = False
) -> list[LinkedFeedback]:
    by_record: dict[str, list[FeedbackLink]] = {}
    for x in current_links(store, snapshot, resolver):
        by_record.setdefault(x.feedback, []).append(x)
    out = []
    for r in stored.feedback(store):
        links = by_record.get(r.id, [])
        if unlinked and links:
            continue
        if doc and not any(x.doc == doc and (unit is None or _within(x.unit, unit)) for x in links):
            continue
        out.append(LinkedFeedback(r, tuple(links)))
    return out


def _within(linked: str | None, unit: str) -> bool:
    return linked is not None and (
        linked == unit or linked.startswith(unit + "__") or unit.startswith(linked + "__")
    )


def has_feedback(store) -> bool:
    """Whether any feedback record is stored (most corpora have none: nothing to link or count)."""
    return bool(stored.feedback(store))


def counts(store, snapshot, resolver) -> dict[tuple[str, str], int]:
    """(document, article) → how many feedback records concern it (the "n phản ánh" of a finding's score)."""
    if not stored.feedback(store):
        return {}
    seen: dict[tuple[str, str], set[str]] = {}
    for x in current_links(store, snapshot, resolver):
        if x.unit:
            seen.setdefault((x.doc, x.unit.split("__", 1)[0]), set()).add(x.feedback)
    return {k: len(v) for k, v in seen.items()}


def frame_rows(items: list[LinkedFeedback], show_sender: bool = False) -> list[dict[str, Any]]:
    """One row per (record, link); a record with no link has one row with empty link columns."""
    rows = []
    for item in items:
        base = item.record.to_dict(show_sender)
        for x in item.links or (None,):
            link = x.to_dict() if x else {}
            rows.append({**base, **{f"link_{k}": v for k, v in link.items() if k != "feedback"}})
    return rows


FEEDBACK_WEIGHT = 0.05  # per feedback record on the finding's article, at most FEEDBACK_MAX of them
FEEDBACK_MAX = 5


def with_feedback(findings: list, per_article: dict[tuple[str, str], int]) -> list:
    """The findings with a score part ``feedback`` (n phản ánh: the feedback records linked to their article),
    best first again. Nothing changes when there is no feedback."""
    if not per_article:
        return findings
    from dataclasses import replace

    out = []
    for f in findings:
        n = per_article.get((f.doc, (f.unit or "").split("__", 1)[0]), 0)
        if n:
            part = round(FEEDBACK_WEIGHT * min(n, FEEDBACK_MAX), 4)
            f = replace(
                f, score=round(f.score + part, 4), score_parts={**f.score_parts, "feedback": part}, feedback=n
            )
        out.append(f)
    out.sort(key=lambda f: (-f.score, f.doc, f.unit or "", f.start, f.code))
    return out
