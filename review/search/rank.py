"""Re-ranking the engines' hits: proximity, accents, headings, and data-driven demotions.

The engines (Whoosh, tantivy) find the candidates and give a text score; both then go through this same step,
so the two order provisions alike. For each of the best ``candidates`` hits it reads the unit's text (heading and
body, analysed by review.search.analysis) and adds, with the weights of ``data/search/ranking.json``:

- adjacent: the share of the query's consecutive word pairs that stand next to each other in the text (folded),
  so "dat dai" ranks "đất đai" above "đặt … đại diện"; phrase: the whole query as one run of words;
- exact: for a query typed with accents, the share of its accented words found as typed;
- heading / heading_phrase: the query's words in the article's heading (what the article is about);
  heading_covered: the share of the heading's words that are query words ("Mức tiền phạt" for "mức tiền phạt
  vi phạm phòng cháy chữa cháy tại Hà Nội": the article is about nothing else);
- title: the query's words in the document's title; coverage: the share of the query's words in the text.

Then demotions multiply the score: scope and implementation articles, definitions, annexes, huge amending
articles quoting other texts (the rules, with why, are data). The result is in descending order.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from review.search.analysis import analyse
from review.search.query import Clause, ParsedQuery, Phrase, Term
from review.store import CorpusSnapshot
from review.text.fold import fold


@dataclass(frozen=True)
class Demotion:
    id: str
    factor: float
    heading: re.Pattern[str] | None = None
    kind: str | None = None
    min_chars: int = 0

    def applies(self, heading: str, kind: str, chars: int) -> bool:
        if self.kind and kind != self.kind:
            return False
        if self.heading is not None and not self.heading.search(heading):
            return False
        return chars >= self.min_chars


@dataclass(frozen=True)
class Relax:
    """Relaxed matching (see ``relaxed_query``): from how many words, how many may be missing, how many of the
    extra hits are read, and the factor on their engine score."""

    min_words: int
    missing_share: float
    candidates: int
    factor: float
    below: int  # only when the strict query finds fewer hits than this

    def allowed_missing(self, words: int) -> int:
        return max(1, round(words * self.missing_share)) if words >= self.min_words else 0


@dataclass(frozen=True)
class Rules:
    candidates: int
    weights: dict[str, float]
    group: dict[str, float]
    demotions: tuple[Demotion, ...]
    relax: Relax


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = json.loads(resources.files("review").joinpath("data/search/ranking.json").read_text("utf-8"))
    demotions = tuple(
        Demotion(
            id=d["id"],
            factor=float(d["factor"]),
            heading=re.compile(d["heading"]) if d.get("heading") else None,
            kind=d.get("kind"),
            min_chars=int(d.get("min_chars", 0)),
        )
        for d in data["demotions"]
    )
    weights = {k: float(v) for k, v in data["weights"].items()}
    group = {k: float(v) for k, v in data["group"].items() if k != "why"}
    rx = data["relax"]
    relax = Relax(
        int(rx["min_words"]),
        float(rx["missing_share"]),
        int(rx["candidates"]),
        float(rx["factor"]),
        int(rx["below"]),
    )
    return Rules(int(data["candidates"]), weights, group, demotions, relax)


@dataclass(frozen=True)
class UnitView:
    """What re-ranking reads of one unit: its article's heading (folded), its kind, and its analysed text."""

    heading: str
    kind: str
    chars: int
    folded: tuple[str, ...]
    exact: frozenset[str]


class _DocumentViews:
    """A document's units as re-ranking reads them, each analysed once and only when a hit asks for it (memoised
    in the snapshot: the cost follows the hits, not the size of the corpus)."""

    def __init__(self, snapshot: CorpusSnapshot, doc_id: str):
        self.rows = snapshot.units_of(doc_id)
        self.index = {r.eid: i for i, r in enumerate(self.rows)}
        self.own: dict[int, tuple[list[str], list[str], int]] = {}
        self.views: dict[str, UnitView | None] = {}

    def _own(self, i: int) -> tuple[list[str], list[str], int]:
        if i not in self.own:
            r = self.rows[i]
            text = " ".join(p for p in (r.heading, r.text) if p)
            folded, exact = analyse(text)
            self.own[i] = (folded, exact, len(text))
        return self.own[i]

    def get(self, eid: str) -> UnitView | None:
        if eid not in self.views:
            self.views[eid] = self._make(eid)
        return self.views[eid]

    def _make(self, eid: str) -> UnitView | None:
        i = self.index.get(eid)
        if i is None:
            return None
        folded: list[str] = []
        exact: list[str] = []
        chars = 0
        j = i
        # A unit's text is its own and its descendants', which follow it in reading order.
        while j < len(self.rows) and (j == i or self.rows[j].eid.startswith(eid + "__")):
            f, e, n = self._own(j)
            folded.extend(f)
            exact.extend(e)
            chars += n
            j += 1
        article = self.rows[self.index.get(eid.split("__")[0], i)]
        return UnitView(
            heading=fold(article.heading or "").strip(),
            kind=self.rows[i].kind,
            chars=chars,
            folded=tuple(folded),
            exact=frozenset(exact),
        )


def _views(snapshot: CorpusSnapshot, doc_id: str) -> _DocumentViews:
    return snapshot.derived(f"search.rank.{doc_id}", lambda snap: _DocumentViews(snap, doc_id))


def _query_tokens(query: ParsedQuery) -> tuple[list[str], list[str]]:
    """The folded and exact words of the query's positive parts (the first alternative of each), in order."""
    folded: list[str] = []
    exact: list[str] = []
    for clause in query.positive:
        alt = clause.alternatives[0]
        folded.extend(alt.folded)
        exact.extend(alt.exact)
    return folded, exact


def _bigrams(tokens: list[str] | tuple[str, ...]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(tokens))


def _contains(haystack: tuple[str, ...] | list[str], needle: list[str]) -> bool:
    n = len(needle)
    if not n:
        return False
    first = needle[0]
    return any(
        haystack[i] == first and list(haystack[i : i + n]) == needle for i in range(len(haystack) - n + 1)
    )


def relaxed_query(
    query: ParsedQuery,
    found: int = 0,
    frequencies: Callable[[Iterable[str]], dict[str, int]] | None = None,
) -> ParsedQuery | None:
    """Staff type a whole question ("chuyen doi hop dong lao dong bang van ban giay sang dien tu"), and the
    article that answers it may lack one of its words ("sang"). For a query of plain words only (no quotes, no
    OR, no document number) of at least ``relax.min_words`` words: any of its words (the rarest few suffice),
    all of them scoring, whose hits
    ``relaxed_hits`` keeps when they miss few words. None when the query is not of that kind, or when the strict
    query already ``found`` ``relax.below`` hits or more."""
    r = rules().relax
    if query.numbers or found >= r.below:
        return None
    positive = query.positive
    if len(positive) < r.min_words:
        return None
    for c in positive:
        if not c.expanded and not (len(c.alternatives) == 1 and isinstance(c.alternatives[0], Term)):
            return None
    chosen = list(positive)
    if frequencies is not None:
        # A hit missing at most `allowed` words holds at least one of any allowed + 1 of them: requiring one of
        # the rarest few (by the engine's document frequencies) finds every such hit, and costs far less than
        # all the words; every word still scores (optional clauses).
        freq = frequencies({t for c in positive for a in c.alternatives for t in a.folded})
        rarity = {id(c): sum(min(freq.get(t, 0) for t in a.folded) for a in c.alternatives) for c in positive}
        chosen = sorted(positive, key=lambda c: rarity[id(c)])[: r.allowed_missing(len(positive)) + 1]
    either = Clause(tuple(a for c in chosen for a in c.alternatives))
    scored = tuple(Clause(c.alternatives, optional=True) for c in positive)
    return ParsedQuery((either, *scored, *(c for c in query.clauses if c.negated)), (), query.text)


def _present(clause: Clause, words: set[str]) -> bool:
    return any(all(t in words for t in a.folded) for a in clause.alternatives)


def relaxed_hits(
    strict: list[tuple[str, float]],
    extra: list[tuple[str, float]],
    query: ParsedQuery,
    snapshot: CorpusSnapshot,
) -> list[tuple[str, float]]:
    """The hits of the relaxed query that the strict one lacks and that miss at most ``allowed_missing`` of the
    query's words (read in the unit's own text and its descendants'). ``rerank`` multiplies their score by
    ``relax.factor`` (pass their keys as ``relaxed``)."""
    r = rules().relax
    positive = query.positive
    allowed = r.allowed_missing(len(positive))
    if not allowed:
        return []
    have = {k for k, _ in strict}
    kept = []
    for key, score in [(k, s) for k, s in extra if k not in have][: r.candidates]:
        doc_id, _, eid = key.partition("#")
        view = _views(snapshot, doc_id).get(eid)
        if view is None:
            continue
        words = set(view.folded)
        missing = sum(1 for c in positive if not _present(c, words))
        if missing <= allowed:
            kept.append((key, score))
    return kept


def rerank(
    raw: list[tuple[str, float]],
    query: ParsedQuery,
    snapshot: CorpusSnapshot,
    relaxed: frozenset[str] | set[str] = frozenset(),
) -> list[tuple[str, float]]:
    """The hits in their new order with their new scores (the ones past ``candidates`` keep their order after);
    the ``relaxed`` hits (found by ``relaxed_query`` only) count ``relax.factor`` times less."""
    if not raw:
        return raw
    r = rules()
    w = r.weights
    head, tail = raw[: r.candidates], raw[r.candidates :]
    top = max(s for _, s in head) or 1.0
    q_folded, q_exact = _query_tokens(query)
    q_pairs = _bigrams(q_folded)
    q_set = set(q_folded)
    accented = [e for e, f in zip(q_exact, q_folded, strict=True) if e != f]
    quoted = any(isinstance(a, Phrase) for c in query.positive for a in c.alternatives)
    titles: dict[str, set[str]] = {}
    scored = []
    for key, score in head:
        doc_id, _, eid = key.partition("#")
        view = _views(snapshot, doc_id).get(eid)
        value = w["engine"] * score / top
        if view is None:
            scored.append((key, value))
            continue
        text_pairs = _bigrams(view.folded)
        text_set = set(view.folded)
        if q_pairs:
            value += w["adjacent"] * len(q_pairs & text_pairs) / len(q_pairs)
            if len(q_folded) > 2 and not quoted and _contains(view.folded, q_folded):
                value += w["phrase"]
        if q_set:
            value += w["coverage"] * len(q_set & text_set) / len(q_set)
        if accented:
            value += w["exact"] * sum(1 for e in accented if e in view.exact) / len(accented)
        heading = view.heading.split()
        if q_set and heading:
            value += w["heading"] * len(q_set & set(heading)) / len(q_set)
            if len(q_folded) > 1 and _contains(heading, q_folded):
                value += w["heading_phrase"]
            value += w.get("heading_covered", 0.0) * len(set(heading) & q_set) / len(set(heading))
        if doc_id not in titles:
            meta = snapshot.documents.get(doc_id)
            titles[doc_id] = set(analyse(meta.title or "")[0]) if meta else set()
        if q_set:
            value += w["title"] * len(q_set & titles[doc_id]) / len(q_set)
        for d in r.demotions:
            if d.applies(view.heading, view.kind, view.chars):
                value *= d.factor
        if key in relaxed:
            value *= r.relax.factor
        scored.append((key, value))
    scored.sort(key=lambda kv: -kv[1])
    floor = min((s for _, s in scored), default=0.0)
    return scored + [(k, min(floor, s / top) * 0.5) for k, s in tail]


def diversify(keys: list[str], scores: dict[str, float]) -> list[str]:
    """Several documents on the first page: past a document's first ``group.free`` hits, each further hit of it
    counts ``group.decay`` times less, so a strong hit of another document comes before a document's tenth."""
    g = rules().group
    count: dict[str, int] = {}
    adjusted = []
    for i, key in enumerate(keys):
        doc = key.partition("#")[0]
        n = count.get(doc, 0)
        count[doc] = n + 1
        adjusted.append((scores.get(key, 0.0) * g["decay"] ** max(0, n + 1 - g["free"]), -i, key))
    adjusted.sort(reverse=True)
    return [k for _, _, k in adjusted]
