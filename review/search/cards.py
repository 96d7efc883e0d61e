"""What a search shows beside the provisions: a card for each document a number in the query names (the document,
its status and title, before its provisions), "did you mean" numbers when a number names nothing, and the
suggestions offered as the user types (numbers and titles).

Documents are found through the one resolver (review.identity.DocumentResolver), as everywhere else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from review.identity.resolver import DocumentResolver
from review.models import DocumentRecord
from review.search.analysis import analyse
from review.search.query import ParsedQuery
from review.store import CorpusSnapshot
from review.text.fold import fold

MAX_CARDS = 5
MAX_SUGGESTIONS = 8


@dataclass(frozen=True)
class DocumentCard:
    doc: str
    number: str | None
    type: str | None
    title: str | None
    issuer: str | None
    issued: str | None
    status: str

    def to_dict(self) -> dict:
        return {
            "doc": self.doc,
            "number": self.number,
            "type": self.type,
            "title": self.title,
            "issuer": self.issuer,
            "issued": self.issued,
            "status": self.status,
        }


def _resolver(snapshot: CorpusSnapshot) -> DocumentResolver:
    return snapshot.derived("search.resolver", lambda snap: DocumentResolver(snap.documents))


def _card(record: DocumentRecord, status: str) -> DocumentCard:
    return DocumentCard(
        record.id, record.number, record.type, record.title, record.issuer, record.issued, status
    )


def cards_for(
    query: ParsedQuery, snapshot: CorpusSnapshot, status: Callable[[str], str]
) -> tuple[list[DocumentCard], list[DocumentCard]]:
    """(cards of the documents the query's numbers name, cards of close numbers when a number names none)."""
    resolver = _resolver(snapshot)
    docs = snapshot.documents
    found: list[str] = []
    near: list[str] = []
    for mention in query.numbers:
        typed = query.text[mention.start : mention.end]
        ids = [d for d in resolver.candidates(typed) if d in docs]
        if ids:
            found.extend(d for d in ids if d not in found)
        else:
            near.extend(d for d in resolver.suggestions(typed) if d in docs and d not in near)
    cards = [_card(docs[d], status(d)) for d in found[:MAX_CARDS]]
    did_you_mean = [_card(docs[d], status(d)) for d in near if d not in found][:MAX_CARDS]
    return cards, did_you_mean


@dataclass(frozen=True)
class _Entry:
    doc: str
    number_folded: str
    symbol: str  # folded, lower case: "nd-cp"
    title_tokens: tuple[str, ...]
    record: DocumentRecord


def _entries(snapshot: CorpusSnapshot) -> list[_Entry]:
    def make(snap: CorpusSnapshot) -> list[_Entry]:
        return [
            _Entry(
                d.id,
                fold(d.number or d.id).lower(),
                fold(d.number or d.id).lower().partition("@")[0].rsplit("/", 1)[-1],
                tuple(analyse(d.title or "")[0]),
                d,
            )
            for d in sorted(snap.documents.values(), key=lambda d: (d.issued or "", d.id), reverse=True)
        ]

    return snapshot.derived("search.suggest", make)


def suggest(snapshot: CorpusSnapshot, text: str, limit: int = MAX_SUGGESTIONS) -> list[dict]:
    """Documents whose number starts with what is typed ("26/20" → 26/2026/NĐ-CP), or whose number a short form
    names ("NĐ 26/2026"), or whose title has every typed word (the last one as a prefix: "phan loai do t").
    Each: {"doc", "number", "title", "type", "match": "number" | "title"}."""
    typed = " ".join(text.split())
    if not typed:
        return []
    out: list[tuple[int, _Entry, str]] = []
    key, code = _number_prefix(typed)
    resolver = _resolver(snapshot)
    named = set(resolver.candidates(typed)) if any(ch.isdigit() for ch in typed) else set()
    words = analyse(typed)[0]
    for e in _entries(snapshot):
        if e.doc in named:
            out.append((0, e, "number"))
        elif key and e.number_folded.startswith(key) and e.symbol.startswith(code):
            out.append((1, e, "number"))
        elif words and _title_match(e.title_tokens, words, complete=text[-1:].isspace()):
            out.append((2, e, "title"))
    out.sort(key=lambda t: t[0])
    return [
        {"doc": e.doc, "number": e.record.number, "title": e.record.title, "type": e.record.type, "match": m}
        for _, e, m in out[:limit]
    ]


_DIGITS = re.compile(r"\d[\d/.\-]*")


def _number_prefix(typed: str) -> tuple[str, str]:
    """The start of a number in what is typed ("NĐ 26/20" → "26/20") and the type code written before it
    ("nd"; the initials of type words: "nghị định" → "nd"), folded; ("", "") when no digit is typed."""
    m = _DIGITS.search(typed)
    if not m:
        return "", ""
    words = fold(typed[: m.start()]).lower().split()
    code = words[0] if len(words) == 1 else "".join(w[0] for w in words)
    return fold(m.group(0)).lower(), code


def _title_match(title: tuple[str, ...], words: list[str], complete: bool) -> bool:
    if not title:
        return False
    *whole, last = words
    tokens = set(title)
    if any(w not in tokens for w in whole):
        return False
    return last in tokens if complete else any(t.startswith(last) for t in title)
