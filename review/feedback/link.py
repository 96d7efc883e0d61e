"""Linking feedback records to the provisions they concern.

First the explicit references in the record's title and text (the project's reference extractor, resolved against
the corpus: a cited unit the corpus holds is a link of confidence 0.95; a document named without a unit narrows
the search to it). Then, for a record with no cited unit, an accent-insensitive search over the corpus's articles:
pairs of adjacent folded words (bigrams) weighted by how rare they are among the articles, a bigram of the
article's heading counting twice; the best article is a link when its score passes ``MIN_SCORE``, with a
confidence that grows with the score. Each link says why it was made. Records linking to nothing are kept and listed.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from review.annotate import extract_references
from review.identity import DocumentResolver
from review.models.feedback import FeedbackLink, FeedbackRecord
from review.text import fold

MIN_SCORE = 22.0  # the summed rarity of shared bigrams (heading bigrams count twice) a search link needs
_STOP = set(
    "va cua cac cho la co duoc theo tai trong khi thi ve nay do mot nhung de voi tu den hoac nhu khong phai da se "
    "dang toi chung toi em anh chi ong ba xin kien nghi phan anh hien nay rat qua nen".split()
)
_MENTION = re.compile(
    r"(?:Nghị\s+định|Thông\s+tư|Quyết\s+định|Nghị\s+quyết|Luật)\s+(?:số\s+)?(\d{1,4}/\d{4}(?:/[\wĐđ\-]+)?)",
    re.I,
)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in _STOP and len(w) > 1]


def _bigrams(text: str) -> set[tuple[str, str]]:
    w = _words(text)
    return set(pairwise(w))


@dataclass
class LinkIndex:
    """The corpus's articles as bigram sets with their rarity, built once per snapshot."""

    articles: dict[tuple[str, str], set[tuple[str, str]]] = field(default_factory=dict)
    headings: dict[tuple[str, str], set[tuple[str, str]]] = field(default_factory=dict)
    idf: dict[tuple[str, str], float] = field(default_factory=dict)
    eids: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, units: Iterable) -> LinkIndex:
        texts: dict[tuple[str, str], list[str]] = defaultdict(list)
        headings: dict[tuple[str, str], set[tuple[str, str]]] = {}
        eids: dict[str, set[str]] = defaultdict(set)
        for u in units:
            eids[u.doc].add(u.eid)
            if not u.eid.startswith("dieu_"):
                continue
            key = (u.doc, u.eid.split("__", 1)[0])
            texts[key].extend([u.heading or "", u.text])
            if u.kind == "dieu":
                headings[key] = _bigrams(u.heading or "")
        articles = {k: _bigrams(" ".join(v)) for k, v in texts.items()}
        df: Counter = Counter()
        for grams in articles.values():
            df.update(grams)
        n = max(1, len(articles))
        idf = {g: math.log(n / c) for g, c in df.items()}
        return cls(articles, headings, idf, dict(eids))


def link_record(record: FeedbackRecord, index: LinkIndex, resolver: DocumentResolver) -> list[FeedbackLink]:
    text = "\n".join(x for x in (record.title, record.content) if x)
    links: list[FeedbackLink] = []
    scope: set[str] = set()
    for ref in extract_references(text):
        doc = _resolve(ref.target.doc, resolver)
        if doc is None:
            continue
        units = [u for u in ref.target.units if u in index.eids.get(doc, ())]
        if units:
            links.extend(
                FeedbackLink(record.id, doc, u, 0.95, f"trích dẫn: «{ref.text}»", "reference") for u in units
            )
        else:
            scope.add(doc)
    for m in _MENTION.finditer(text):
        doc = _resolve(m.group(1), resolver)
        if doc is not None and not any(x.doc == doc for x in links):
            scope.add(doc)
    if links:
        return _unique(links)
    found = _search(text, index, scope)
    if found is not None:
        (doc, article), score, shared = found
        confidence = round(min(0.9, score / (score + MIN_SCORE)), 2)
        why = "từ ngữ trùng (accent-insensitive): " + ", ".join(" ".join(g) for g in shared[:4])
        if scope:
            why += "; văn bản được nêu: " + ", ".join(sorted(scope))
        return [FeedbackLink(record.id, doc, article, confidence, why, "search")]
    return [
        FeedbackLink(record.id, d, None, 0.6, "văn bản được nêu, không rõ điều khoản", "reference")
        for d in sorted(scope)
    ]


def _resolve(number: str | None, resolver: DocumentResolver) -> str | None:
    if not number:
        return None
    found = [d for d in resolver.candidates(number) if d in resolver.documents]
    return found[0] if len(found) == 1 else None


def _search(text: str, index: LinkIndex, scope: set[str]):
    query = _bigrams(text)
    scored = []
    for key, grams in index.articles.items():
        if scope and key[0] not in scope:
            continue
        shared = query & grams
        if shared:
            score = sum(index.idf.get(g, 0.0) for g in shared)
            score += sum(index.idf.get(g, 0.0) for g in query & index.headings.get(key, set()))
            scored.append((score, key, shared))
    if not scored:
        return None
    scored.sort(key=lambda s: -s[0])
    best = scored[0]
    if best[0] < MIN_SCORE * (0.5 if scope else 1.0):
        return None
    ranked = sorted(best[2], key=lambda g: -index.idf.get(g, 0.0))
    return best[1], best[0], ranked


def _unique(links: list[FeedbackLink]) -> list[FeedbackLink]:
    seen: dict[tuple[str, str | None], FeedbackLink] = {}
    for x in links:
        seen.setdefault((x.doc, x.unit), x)
    return list(seen.values())


def link_all(
    records: Iterable[FeedbackRecord], units: Iterable, resolver: DocumentResolver
) -> list[FeedbackLink]:
    index = LinkIndex.of(units)
    return [x for r in records for x in link_record(r, index, resolver)]
