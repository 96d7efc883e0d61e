"""The web app's one door to the corpus: every query runs on one worker thread, under a time limit, and what a
page asks for again is answered from a cache.

One worker, because the store's SQLite connection belongs to one thread at a time. The cache holds query results
by key (a search, the findings on a date, a relation diagram); a reviewer's decision clears it, since decisions
show in every cached list. A query past the time limit is abandoned by the page (503), not by the worker: the
next query waits for it.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import abort, current_app

from review import Corpus, Finding, defaults

T = TypeVar("T")

TOO_LONG = "Truy vấn quá lâu (the query took too long); thu hẹp điều kiện tìm kiếm."


class QueryRunner:
    """Runs ``fn(corpus)`` on the one worker thread and waits at most ``seconds`` for it."""

    def __init__(self, corpus: Corpus, seconds: float = defaults.WEB_QUERY_SECONDS):
        self.corpus = corpus
        self.seconds = seconds
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        self._cache: dict[Hashable, object] = {}

    def run(self, fn: Callable[[Corpus], T]) -> T:
        """Not cached: reads that are cheap, or that must see the store as it is now (writes, downloads)."""
        return self._bounded(None, fn)

    def cached(self, key: Hashable, fn: Callable[[Corpus], T]) -> T:
        """Cached under ``key`` until the next decision."""
        return self._bounded(key, fn)

    def findings(self, at: str) -> list[Finding]:
        """The findings on ``at``: one cache entry that the document page, Rà soát and the warm-up share."""
        return self.cached(("findings", at), lambda c: c.findings(at))

    def warm_up(self, at: str) -> None:
        """Start computing the findings on ``at`` now, so that the first visitor does not wait for all of it."""
        self._pool.submit(lambda: self._cache.setdefault(("findings", at), self.corpus.findings(at)))

    def forget(self) -> None:
        """Drop every cached result (a decision changed what the lists show)."""
        self._cache.clear()

    def _bounded(self, key: Hashable | None, fn: Callable[[Corpus], T]) -> T:
        cache = self._cache
        if key in cache:
            return cache[key]  # type: ignore[return-value]
        try:
            # The worker looks again: a warm-up job queued before this one may have filled the cache meanwhile.
            value = self._pool.submit(lambda: cache[key] if key in cache else fn(self.corpus)).result(
                timeout=self.seconds
            )
        except concurrent.futures.TimeoutError:
            abort(503, description=TOO_LONG)
        if key is not None:
            cache[key] = value
        return value  # type: ignore[return-value]


def install(app, corpus: Corpus) -> QueryRunner:
    runner = QueryRunner(corpus)
    app.extensions["review_corpus"] = corpus
    app.extensions["review_runner"] = runner
    return runner


def current_runner() -> QueryRunner:
    """The runner of the app handling this request."""
    return current_app.extensions["review_runner"]
