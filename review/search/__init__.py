"""Search: Vietnamese full-text search over provisions (each Điều, Khoản and Điểm is a hit).

``search(corpus, "dat dai", type="Luật")`` parses the query once (review.search.query), runs it on an engine
(Whoosh by default, tantivy for large corpora), puts the documents a number names first, keeps one hit per
provision branch (a clause rather than also its article when both match), counts facets, and highlights the
page's snippets. ``update_index`` keeps an engine's index in step with the store.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from review import defaults
from review.dates import as_iso
from review.errors import UsageError
from review.identity.mentions import matches
from review.models import DocumentRecord
from review.search.cards import DocumentCard, cards_for, suggest
from review.search.engine import Filters, Manifest, update
from review.search.query import ParsedQuery, QueryError, parse_query
from review.search.rank import diversify, relaxed_hits, relaxed_query, rerank
from review.store import CorpusSnapshot
from review.text.fold import fold
from review.text.numbers import number_year
from review.vocab import IN_FORCE_STATUSES

__all__ = [
    "ENGINES",
    "DocumentCard",
    "QueryError",
    "SearchHit",
    "SearchResults",
    "open_engine",
    "search",
    "suggest",
    "update_index",
]

ENGINES = ("whoosh", "tantivy")


def _pointer(corpus: str | Path, engine: str) -> Path:
    return Path(corpus) / f"search-{engine}.current"


def index_folder(corpus: str | Path, engine: str) -> Path:
    """The folder of an engine's current index. Each build writes a new folder beside the old one and then
    switches a pointer file to it in one atomic rename, so a build killed at any moment leaves a whole index:
    the old one or the new one. (An index written before pointers existed is the plain ``search-ENGINE``.)"""
    pointer = _pointer(corpus, engine)
    if pointer.exists():
        name = pointer.read_text(encoding="utf-8").strip()
        if name and (Path(corpus) / name).is_dir():
            return Path(corpus) / name
    return Path(corpus) / f"search-{engine}"


def _open_at(folder: Path, engine: str):
    if engine == "whoosh":
        from review.search.whoosh_engine import WhooshEngine

        return WhooshEngine(folder)
    if engine == "tantivy":
        from review.search.tantivy_engine import TantivyEngine

        return TantivyEngine(folder)
    raise UsageError(f"unknown search engine {engine!r}; choose one of {', '.join(ENGINES)}")


def open_engine(corpus: str | Path, engine: str = defaults.SEARCH_ENGINE):
    return _open_at(index_folder(corpus, engine), engine)


# Index files rewritten in place by an engine are copied into the new folder; the rest (immutable segments) are
# hard-linked, so preparing the new folder costs little however large the index is.
_COPIED = (".json", ".toc", ".lock")


def _prepare(current: Path, new: Path) -> None:
    new.mkdir(parents=True)
    if not current.is_dir():
        return
    for f in current.rglob("*"):
        target = new / f.relative_to(current)
        if f.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif f.name.endswith(_COPIED) or "lock" in f.name.lower():
            shutil.copy2(f, target)
        else:
            try:
                os.link(f, target)
            except OSError:  # another file system, or no hard links: a copy
                shutil.copy2(f, target)


def update_index(corpus: str | Path, engine: str, snapshot: CorpusSnapshot, *, rebuild: bool = False) -> dict:
    """Bring an engine's index in step with the corpus snapshot (documents added, changed or removed; all of
    them with ``rebuild``), written aside and switched to atomically."""
    corpus = Path(corpus)
    current = index_folder(corpus, engine)
    new = corpus / f"search-{engine}.{time.time_ns():x}"
    _prepare(current, new) if not rebuild else new.mkdir(parents=True)
    eng = _open_at(new, engine)
    try:
        counts = update(eng, snapshot, new)
    finally:
        eng.close()
    pointer = _pointer(corpus, engine)
    tmp = pointer.with_suffix(".tmp")
    tmp.write_text(new.name, encoding="utf-8")
    os.replace(tmp, pointer)  # the switch: one rename
    for old in corpus.glob(f"search-{engine}*"):
        if old.is_dir() and old != new:
            shutil.rmtree(old, ignore_errors=True)  # the previous index, and any left by a killed build
    return counts


def index_is_current(corpus: str | Path, engine: str, snapshot: CorpusSnapshot) -> bool:
    """Does the index hold exactly this version of the corpus?"""
    return Manifest(index_folder(corpus, engine)).store_version == snapshot.version_number


@dataclass(frozen=True)
class SearchHit:
    doc: str
    unit: str | None
    title: str | None
    type: str | None
    score: float
    snippet: str
    status: str
    number: str | None = None
    issuer: str | None = None
    issued: str | None = None
    heading: str | None = None
    # The hit's place among its document's hits: {"doc", "position" (1 = the document's best), "total"}; the page
    # shows a document's first few and a "more from this document" link.
    group: dict | None = None

    def to_dict(self) -> dict:
        return {
            "doc": self.doc,
            "unit": self.unit,
            "title": self.title,
            "type": self.type,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "status": self.status,
            "number": self.number,
            "issuer": self.issuer,
            "issued": self.issued,
            "heading": self.heading,
            "group": self.group,
        }


@dataclass(frozen=True)
class SearchResults:
    query: str
    engine: str
    total: int
    page: int
    per_page: int
    hits: tuple[SearchHit, ...]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0
    # Cards of the documents the query's numbers name (shown before the provisions), and of close numbers when a
    # number names nothing ("did you mean").
    documents: tuple[DocumentCard, ...] = ()
    did_you_mean: tuple[DocumentCard, ...] = ()

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "engine": self.engine,
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "hits": [h.to_dict() for h in self.hits],
            "facets": self.facets,
            "documents": [c.to_dict() for c in self.documents],
            "did_you_mean": [c.to_dict() for c in self.did_you_mean],
            "seconds": round(self.seconds, 4),
        }


def _collapse(keys: list[str]) -> list[str]:
    """One hit per article: a unit is dropped when a better-ranked hit lies in the same article (the article, one
    of its clauses or points), so the page shows articles rather than several clauses of one."""
    kept: list[str] = []
    seen: set[tuple[str, str]] = set()
    for key in keys:
        doc, _, eid = key.partition("#")
        article = (doc, eid.split("__")[0])
        if article in seen:
            continue
        seen.add(article)
        kept.append(key)
    return kept


def _snippet(text: str, query: ParsedQuery, width: int = 90) -> str:
    """The passage around the first match, HTML-escaped, matches in <b> (accent-insensitive: fold keeps
    offsets)."""
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    for tokens in query.highlight_terms():
        pattern = r"\W+".join(re.escape(t) for t in tokens if t)
        if not pattern:
            continue
        for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", folded):
            spans.append((m.start(), m.end()))
    spans.sort()
    if spans:
        center = spans[0][0]
        start = max(0, center - width)
        end = min(len(text), center + width * 2)
    else:
        start, end = 0, min(len(text), width * 3)
    out, pos = [], start
    for a, b in spans:
        if a < pos or b > end:
            continue
        out.append(html.escape(text[pos:a]))
        out.append(f"<b>{html.escape(text[a:b])}</b>")
        pos = b
    out.append(html.escape(text[pos:end]))
    return ("… " if start > 0 else "") + "".join(out).replace("\n", " ") + (" …" if end < len(text) else "")


# The status of a document on a date (ISO), as the caller computes it (review.graph): search does not.
StatusLookup = Callable[[str, str], str]


def _unknown_status(doc: str, at: str) -> str:
    return "unknown"


def search(
    corpus: str | Path,
    query: str,
    snapshot: CorpusSnapshot,
    *,
    type: str | None = None,
    issuer: str | None = None,
    year: int | None = None,
    in_force_on: str | None = None,
    status_on: str | None = None,
    authority: str | None = None,
    doc: str | None = None,
    page: int = 1,
    per_page: int = 20,
    engine: str = defaults.SEARCH_ENGINE,
    status_of: StatusLookup = _unknown_status,
) -> SearchResults:
    """Search the provisions of ``snapshot`` in the index under ``corpus``. ``status_of`` gives each hit's status
    (on ``status_on``, or ``in_force_on``, default today) and decides the "in force on" filter. ``doc`` keeps one
    document's provisions (the "more from this document" link)."""
    started = time.perf_counter()
    parsed = parse_query(query)
    if page < 1 or per_page < 1 or per_page > 200:
        raise UsageError("page must be 1 or more and per_page between 1 and 200")
    folder = index_folder(corpus, engine)
    if not Manifest(folder).path.exists() and engine == defaults.SEARCH_ENGINE:
        # A corpus that keeps only the other engine's index (built before tantivy was the default) uses it.
        kept = [e for e in ENGINES if Manifest(index_folder(corpus, e)).path.exists()]
        if kept:
            engine, folder = kept[0], index_folder(corpus, kept[0])
    if not Manifest(folder).path.exists():
        raise UsageError(f"no {engine} index in {corpus}", hint=f"build it: review build --engine {engine}")
    when = as_iso(in_force_on or status_on)
    if not index_is_current(corpus, engine, snapshot):
        _repair(corpus, engine, snapshot)
    eng = open_engine(corpus, engine)
    try:
        filters = Filters(type=type, issuer=issuer, year=year)
        raw = eng.search(parsed, filters)
        relaxed_q = relaxed_query(parsed, len(raw), eng.doc_frequencies)
        extra = relaxed_hits(raw, eng.search(relaxed_q, filters), parsed, snapshot) if relaxed_q else []
        relaxed = frozenset(k for k, _ in extra)
        raw = sorted(raw + extra, key=lambda kv: -kv[1]) if extra else raw
    finally:
        eng.close()
    docs = snapshot.documents
    # An index a step behind the store (a build is switching it right now) may name a document the store no
    # longer has: such hits are left out, never an error.
    raw = [(k, s) for k, s in raw if k.partition("#")[0] in docs]
    if doc:
        raw = [(k, s) for k, s in raw if k.partition("#")[0] == doc]
    if authority:
        # The documents a province or city is now responsible for: its own and its merged predecessors'.
        from review.identity import registry

        reg = registry()
        own = set(reg.responsible_for(reg.get(authority).code))
        raw = [(k, s) for k, s in raw if docs[k.partition("#")[0]].authority in own]
    statuses: dict[str, str] = {}

    def status(doc_id: str) -> str:
        if doc_id not in statuses:
            statuses[doc_id] = status_of(doc_id, when) if doc_id in docs else "unknown"
        return statuses[doc_id]

    if in_force_on:
        # "In force on DATE" is the computed status: effective by then, not ended, replaced, repealed or
        # suspended by acts in effect by then (a partly expired document still counts).
        raw = [(k, s) for k, s in raw if status(k.partition("#")[0]) in IN_FORCE_STATUSES]
    raw = rerank(raw, parsed, snapshot, relaxed)
    scores = dict(raw)
    keys = diversify(_collapse([k for k, _ in raw]), scores)
    if parsed.numbers:
        named = [d for d, r in docs.items() if any(matches(r.number, n) for n in parsed.numbers)]
        first = [k for k in keys if k.partition("#")[0] in named]
        if _only_numbers(parsed):
            # The query is the number alone: the document's provisions as they read, after its card.
            first.sort(key=lambda k: (named.index(k.partition("#")[0]), _reading_order(snapshot, k)))
        keys = first + [k for k in keys if k not in first]
    facets = {
        "type": dict(Counter(docs[k.partition("#")[0]].type or "?" for k in keys).most_common()),
        "issuer": dict(Counter(docs[k.partition("#")[0]].issuer or "?" for k in keys).most_common()),
        "year": dict(Counter(_year(docs[k.partition("#")[0]]) for k in keys).most_common()),
    }
    per_doc = Counter(k.partition("#")[0] for k in keys)
    position: dict[str, int] = {}
    ranks: dict[str, int] = {}
    for key in keys:
        d = key.partition("#")[0]
        position[d] = position.get(d, 0) + 1
        ranks[key] = position[d]
    cards, near = cards_for(parsed, snapshot, status)
    page_keys = keys[(page - 1) * per_page : page * per_page]
    hits = []
    for key in page_keys:
        doc_id, _, eid = key.partition("#")
        meta = docs[doc_id]
        text, heading = _unit_text(snapshot, doc_id, eid)
        hits.append(
            SearchHit(
                doc=doc_id,
                unit=eid or None,
                title=meta.title,
                type=meta.type,
                score=scores[key],
                snippet=_snippet(text, parsed),
                status=status(doc_id),
                number=meta.number,
                issuer=meta.issuer,
                issued=meta.issued,
                heading=heading,
                group={"doc": doc_id, "position": ranks[key], "total": per_doc[doc_id]},
            )
        )
    return SearchResults(
        query,
        engine,
        len(keys),
        page,
        per_page,
        tuple(hits),
        facets,
        time.perf_counter() - started,
        tuple(cards),
        tuple(near),
    )


def _only_numbers(parsed: ParsedQuery) -> bool:
    """Is the query nothing but document numbers (and their short forms' type words)?"""
    text = parsed.text
    for m in sorted(parsed.numbers, key=lambda m: -m.start):
        text = text[: m.start] + " " + text[m.end :]
    return not re.search(r"\w", text)


def _reading_order(snapshot: CorpusSnapshot, key: str) -> int:
    doc_id, _, eid = key.partition("#")
    order = snapshot.derived(
        f"search.order.{doc_id}", lambda snap: {u.eid: i for i, u in enumerate(snap.units_of(doc_id))}
    )
    return order.get(eid, len(order))


def _repair(corpus: str | Path, engine: str, snapshot: CorpusSnapshot) -> None:
    """Bring an index that is behind the store (a build was stopped between the two) up to date, unless a build
    is running, which will do it."""
    from review.errors import StoreBusy
    from review.store.lock import build_lock

    try:
        with build_lock(corpus, wait=0):
            if not index_is_current(corpus, engine, snapshot):
                update_index(corpus, engine, snapshot)
    except (StoreBusy, OSError):
        pass


def _year(meta: DocumentRecord) -> str:
    if meta.issued:
        return meta.issued[:4]
    year = number_year(meta.number) if meta.number else None
    return str(year) if year else "?"


def _unit_text(snapshot: CorpusSnapshot, doc_id: str, eid: str) -> tuple[str, str | None]:
    if not eid:
        d = snapshot.documents[doc_id]
        return (d.body or d.preamble or d.title or ""), None
    rows = [u for u in snapshot.units_of(doc_id) if u.eid == eid or u.eid.startswith(eid + "__")]
    heading = next((r.heading for r in rows if r.eid == eid), None)
    text = "\n".join(filter(None, [heading, *(r.text for r in rows)]))
    return text, heading
