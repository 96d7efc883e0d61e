"""Search: Vietnamese full-text search over provisions (each Điều, Khoản and Điểm is a hit).

``search(corpus, "dat dai", type="Luật")`` parses the query once (review.search.query), runs it on an engine
(Whoosh by default, tantivy for large corpora), puts the documents a number names first, keeps one hit per
provision branch (a clause rather than also its article when both match), counts facets, and highlights the
page's snippets. ``update_index`` keeps an engine's index in step with the store.
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from review import defaults
from review.errors import UsageError
from review.search.engine import Filters, Manifest, update
from review.search.query import ParsedQuery, QueryError, parse_query
from review.store import Store
from review.text.fold import fold
from review.text.numbers import number_year

__all__ = ["ENGINES", "QueryError", "SearchHit", "SearchResults", "open_engine", "search", "update_index"]

ENGINES = ("whoosh", "tantivy")


def index_folder(corpus: str | Path, engine: str) -> Path:
    return Path(corpus) / f"search-{engine}"


def open_engine(corpus: str | Path, engine: str = defaults.SEARCH_ENGINE):
    if engine == "whoosh":
        from review.search.whoosh_engine import WhooshEngine

        return WhooshEngine(index_folder(corpus, engine))
    if engine == "tantivy":
        from review.search.tantivy_engine import TantivyEngine

        return TantivyEngine(index_folder(corpus, engine))
    raise UsageError(f"unknown search engine {engine!r}; choose one of {', '.join(ENGINES)}")


def update_index(
    corpus: str | Path, engine: str = defaults.SEARCH_ENGINE, store: Store | None = None
) -> dict:
    own = store is None
    store = store or Store.open(corpus)
    eng = open_engine(corpus, engine)
    try:
        return update(eng, store, index_folder(corpus, engine))
    finally:
        eng.close()
        if own:
            store.close()


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

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "engine": self.engine,
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "hits": [h.to_dict() for h in self.hits],
            "facets": self.facets,
            "seconds": round(self.seconds, 4),
        }


def _matches_number(number: str | None, wanted) -> bool:
    if not number:
        return False
    serial, _, rest = number.partition("/")
    if (serial.lstrip("0") or "0") != wanted.serial:
        return False
    year = rest.split("/")[0] if re.match(r"(?:19|20)\d\d/", rest) else None
    if wanted.year and year != wanted.year:
        return False
    symbol = number.rsplit("/", 1)[-1]
    if wanted.symbol:
        code = wanted.symbol.upper()
        return (
            symbol.upper() == code or symbol.upper().startswith(code + "-") or symbol.upper().startswith(code)
        )
    return True


def _collapse(keys: list[str]) -> list[str]:
    """One hit per branch: a unit is dropped when a better-ranked hit is its ancestor or descendant."""
    kept: list[str] = []
    seen: dict[str, list[str]] = {}
    for key in keys:
        doc, _, eid = key.partition("#")
        others = seen.setdefault(doc, [])
        if any(eid.startswith(o + "__") or o.startswith(eid + "__") or o == eid for o in others):
            continue
        others.append(eid)
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


def search(
    corpus: str | Path,
    query: str,
    *,
    type: str | None = None,
    issuer: str | None = None,
    year: int | None = None,
    in_force_on: str | None = None,
    status_on: str | None = None,
    page: int = 1,
    per_page: int = 20,
    engine: str = defaults.SEARCH_ENGINE,
    store: Store | None = None,
) -> SearchResults:
    started = time.perf_counter()
    parsed = parse_query(query)
    if page < 1 or per_page < 1 or per_page > 200:
        raise UsageError("page must be 1 or more and per_page between 1 and 200")
    own = store is None
    store = store or Store.open(corpus)
    folder = index_folder(corpus, engine)
    if not Manifest(folder).path.exists():
        raise UsageError(f"no {engine} index in {corpus}", hint=f"build it: review build --engine {engine}")
    eng = open_engine(corpus, engine)
    try:
        # "In force on DATE" is the computed status (review.graph): effective by then, not ended, replaced,
        # repealed or suspended by acts in effect by then (a partly expired document still counts).
        from review.graph import as_iso, engine_for

        statuses = engine_for(store).documents(as_iso(in_force_on or status_on))
        filters = Filters(type=type, issuer=issuer, year=year)
        raw = eng.search(parsed, filters)
        if in_force_on:
            raw = [
                (k, s)
                for k, s in raw
                if statuses.get(k.partition("#")[0]) is not None
                and statuses[k.partition("#")[0]].status in ("in_force", "partly_expired")
            ]
        scores = dict(raw)
        keys = _collapse([k for k, _ in raw])
        docs = {
            r["id"]: r
            for r in store.conn.execute(
                "SELECT id, number, type, issuer, title, issued, stated_status FROM documents"
            ).fetchall()
        }
        if parsed.numbers:
            named = [
                d for d, r in docs.items() if any(_matches_number(r["number"], n) for n in parsed.numbers)
            ]
            first = [k for k in keys if k.partition("#")[0] in named]
            keys = first + [k for k in keys if k not in first]
        facets = {
            "type": dict(Counter(docs[k.partition("#")[0]]["type"] or "?" for k in keys).most_common()),
            "issuer": dict(Counter(docs[k.partition("#")[0]]["issuer"] or "?" for k in keys).most_common()),
            "year": dict(Counter(_year(docs[k.partition("#")[0]]) for k in keys).most_common()),
        }
        page_keys = keys[(page - 1) * per_page : page * per_page]
        hits = []
        for key in page_keys:
            doc_id, _, eid = key.partition("#")
            meta = docs[doc_id]
            text, heading = _unit_text(store, doc_id, eid)
            hits.append(
                SearchHit(
                    doc=doc_id,
                    unit=eid or None,
                    title=meta["title"],
                    type=meta["type"],
                    score=scores[key],
                    snippet=_snippet(text, parsed),
                    status=statuses[doc_id].status if doc_id in statuses else "unknown",
                    number=meta["number"],
                    issuer=meta["issuer"],
                    issued=meta["issued"],
                    heading=heading,
                )
            )
        return SearchResults(
            query, engine, len(keys), page, per_page, tuple(hits), facets, time.perf_counter() - started
        )
    finally:
        eng.close()
        if own:
            store.close()


def _year(meta) -> str:
    if meta["issued"]:
        return meta["issued"][:4]
    year = number_year(meta["number"]) if meta["number"] else None
    return str(year) if year else "?"


def _unit_text(store: Store, doc_id: str, eid: str) -> tuple[str, str | None]:
    if not eid:
        row = store.conn.execute(
            "SELECT body, preamble, title FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        return (row["body"] or row["preamble"] or row["title"] or ""), None
    rows = store.conn.execute(
        "SELECT eid, heading, text FROM units WHERE doc_id = ? AND (eid = ? OR eid LIKE ?) ORDER BY ord",
        (doc_id, eid, eid + "__%"),
    ).fetchall()
    heading = next((r["heading"] for r in rows if r["eid"] == eid), None)
    text = "\n".join(filter(None, [heading, *(r["text"] for r in rows)]))
    return text, heading
