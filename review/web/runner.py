"""The web app's one door to the corpus: cheap reads run in the request's thread, expensive queries (a search, the
findings on a date) in a pool of worker processes with a hard time limit, and what a page asks for again is
answered from a cache keyed by the store's version.

A worker process opens the corpus itself and answers one query at a time. A query past the limit is not
abandoned but stopped: its worker is killed (``Process.kill``) and a new one started, so a 64-word OR query cannot
keep a CPU busy after its 503, and the request threads (the server's, several at once) keep answering the other
pages meanwhile. The cache key starts with the store's version (``Corpus.snapshot.version``): a finished build
changes it, so the running app answers from the new corpus without a restart (the workers' own snapshots reload
on the same version). A reviewer's decision is written by the request's thread and patched into the cached
findings, so a decision does not cost a recomputation of every finding.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import weakref
from collections.abc import Callable, Hashable
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from flask import Blueprint, abort, current_app

from review import Corpus, Finding, ReviewError, defaults

T = TypeVar("T")

TOO_LONG = "Truy vấn quá lâu (the query took too long); thu hẹp điều kiện tìm kiếm."
BUSY = "Máy chủ đang bận (the server is busy); thử lại sau ít phút."
WORKERS = 2
WORKER_NICENESS = 10
CACHE_SIZE = 256  # results kept: searches, findings on a date, diagrams (a build's new version starts afresh)
# A new worker's start (imports, the snapshot, the status engine) is not counted in a query's limit.
STARTUP_SECONDS = 120.0
# The findings on a new date are one computation for the whole corpus: a wider limit than a search's.
FINDINGS_FACTOR = 3


def _serve_queries(corpus_path: str, conn: Connection) -> None:
    """A worker process: answer ``(kind, args, options)`` requests on its own Corpus until the pipe closes."""
    import os

    from review import open_corpus

    # Below the request threads' priority: a heavy query takes the CPU the pages leave, not the other way round.
    try:
        os.nice(WORKER_NICENESS)
    except OSError:
        pass
    corpus = open_corpus(corpus_path)
    try:  # what every query needs, before the worker says it is ready (the time limit is the query's own)
        corpus.graph_view.engine  # noqa: B018
    except ReviewError:
        pass
    conn.send(("ready", None))
    while True:
        try:
            kind, args, options = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if kind == "search":
                value: Any = corpus.search(*args, **options)
            elif kind == "findings":
                value = corpus.findings(*args, **options)
            elif kind == "ping":
                value = "pong"
            else:
                raise ReviewError(f"unknown query {kind!r}")
            conn.send(("ok", value))
        except ReviewError as exc:
            conn.send(("error", (type(exc).__name__, exc.message, exc.hint)))
        except Exception as exc:  # a bug in the library: the page answers 500 with its message
            conn.send(("bug", f"{type(exc).__name__}: {exc}"))


def _review_error(name: str, message: str, hint: str | None = None) -> ReviewError:
    """The library's error raised in a worker, as its own class where it can be made again (for its status)."""
    import review.errors

    kind = getattr(review.errors, name, ReviewError)
    try:
        error = kind(message, hint=hint)
    except Exception:  # a class wanting more arguments: its base class says it as well
        error = ReviewError(message, hint=hint)
    return error if isinstance(error, ReviewError) else ReviewError(message, hint=hint)


class _Worker:
    def __init__(self, corpus_path: str):
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve_queries, args=(corpus_path, child), daemon=True)
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class QueryPool:
    """Worker processes for the expensive queries; ``call`` waits at most ``seconds`` and kills a worker that
    overruns."""

    def __init__(
        self, corpus_path: str | Path, workers: int = WORKERS, seconds: float = defaults.WEB_QUERY_SECONDS
    ):
        self.corpus_path = str(corpus_path)
        self.seconds = seconds
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self.killed = 0
        self._workers = workers
        self._started = False
        # The workers end with the app (a test makes many apps) or with the server process.
        weakref.finalize(self, _stop_all, self._all)

    def _start(self) -> None:
        """Start the workers at the first expensive query (an app that never searches starts none)."""
        with self._lock:
            if self._started:
                return
            self._started = True
        for _ in range(self._workers):
            self._add()

    def _add(self) -> None:
        w = _Worker(self.corpus_path)
        with self._lock:
            self._all.append(w)
        threading.Thread(target=self._admit, args=(w,), daemon=True).start()

    def _admit(self, w: _Worker) -> None:
        """Put a new worker among the idle ones once it says it is ready."""
        try:
            ok = w.conn.poll(STARTUP_SECONDS) and w.conn.recv()[0] == "ready"
        except (EOFError, OSError):
            ok = False
        if ok:
            self._idle.put(w)
        else:
            w.stop()
            with self._lock:
                if w in self._all:
                    self._all.remove(w)

    def call(self, kind: str, *args: Any, seconds: float | None = None, **options: Any) -> Any:
        if not self._started:
            self._start()
        limit = seconds or self.seconds
        try:
            # Waiting for a free worker is not the query's time; a worker still starting may take a while.
            w = self._idle.get(timeout=limit + STARTUP_SECONDS / 4)
        except queue.Empty:
            abort(503, description=BUSY)
        try:
            w.conn.send((kind, args, options))
            ready = w.conn.poll(limit)
            answer = w.conn.recv() if ready else None
        except (EOFError, OSError):
            answer, ready = None, False
        if not ready or answer is None:
            self._replace(w)
            abort(503, description=TOO_LONG)
        self._idle.put(w)
        status, value = answer
        if status == "error":
            raise _review_error(*value)
        if status == "bug":
            raise RuntimeError(value)
        return value

    def _replace(self, w: _Worker) -> None:
        """Stop a worker for good (killed mid-query) and start a new one in its place."""
        w.stop()
        with self._lock:
            self._all.remove(w)
            self.killed += 1
        self._add()

    def stats(self) -> dict[str, int | float]:
        with self._lock:
            alive = sum(1 for w in self._all if w.process.is_alive())
        return {
            "workers": alive,
            "idle": self._idle.qsize(),
            "killed": self.killed,
            "limit_seconds": self.seconds,
        }

    def close(self) -> None:
        """Stop the workers; a later query starts new ones."""
        with self._lock:
            workers = list(self._all)
            self._all.clear()
            self._started = False
        while not self._idle.empty():
            self._idle.get_nowait()
        _stop_all(workers)


def _stop_all(workers: list[_Worker]) -> None:
    for w in list(workers):
        w.stop()


class QueryRunner:
    """Reads for the pages: ``run`` inline, ``search``/``findings`` in the pool, results cached per store version."""

    def __init__(self, corpus: Corpus, pool: QueryPool | None = None):
        self.corpus = corpus
        self.pool = pool or QueryPool(corpus.path)
        self._cache: dict[Hashable, object] = {}
        self._lock = threading.Lock()
        self._pending: dict[Hashable, threading.Event] = {}

    def version(self) -> str:
        """The store's version: a finished build changes it (and so every cache key)."""
        return self.corpus.snapshot.version

    def run(self, fn: Callable[[Corpus], T]) -> T:
        """Cheap reads, in the request's thread (the store's connection has its own lock)."""
        return fn(self.corpus)

    def cached(self, key: Hashable, fn: Callable[[Corpus], T]) -> T:
        """``fn(corpus)`` in this process, cached under ``key`` for this store version."""
        return self._once((self.version(), key), lambda: fn(self.corpus))

    def search(self, query: str, **options: Any):
        """A search in a worker process (hard time limit), cached for this store version."""
        key = (self.version(), "search", query, tuple(sorted(options.items())))
        return self._once(key, lambda: self.pool.call("search", query, **options))

    def findings(self, at: str) -> list[Finding]:
        """The findings on ``at``, computed in a worker: one cache entry the document page, Rà soát and the
        warm-up share."""
        key = (self.version(), "findings", at)
        seconds = self.pool.seconds * FINDINGS_FACTOR
        return self._once(key, lambda: self.pool.call("findings", at, seconds=seconds))

    def warm_up(self, at: str) -> None:
        """Start computing the findings on ``at`` now, so that the first visitor does not wait for all of it."""
        threading.Thread(target=self._warm, args=(at,), daemon=True).start()

    def _warm(self, at: str) -> None:
        try:
            self.findings(at)
        except Exception:  # a warm-up that fails leaves the page to compute (and report) it
            pass

    def patch_decision(self, finding_id: str, decision: str | None, note: str | None) -> None:
        """Show a decision just recorded in every cached list of findings (as a recomputation would)."""
        with self._lock:
            for key, value in list(self._cache.items()):
                if (
                    isinstance(key, tuple)
                    and len(key) == 3
                    and key[1] == "findings"
                    and isinstance(value, list)
                ):
                    self._cache[key] = [
                        replace(
                            f,
                            decision=decision if decision is not None else f.decision,
                            note=note if note is not None else f.note,
                            stale=False,
                        )
                        if f.id == finding_id
                        else f
                        for f in value
                    ]

    def forget(self) -> None:
        with self._lock:
            self._cache.clear()

    def _once(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value, or compute it; several requests for the same key wait for one computation."""
        with self._lock:
            if key in self._cache:
                return self._cache[key]  # type: ignore[return-value]
            event = self._pending.get(key)
            if event is None:
                event = self._pending[key] = threading.Event()
                mine = True
            else:
                mine = False
        if not mine:
            event.wait(self.pool.seconds * FINDINGS_FACTOR + STARTUP_SECONDS)
            with self._lock:
                if key in self._cache:
                    return self._cache[key]  # type: ignore[return-value]
            # The computation this request waited for failed (most often: stopped at its limit). Trying it
            # again here would hold a worker as long again, once per waiting request.
            abort(503, description=TOO_LONG)
        try:
            value = compute()
            with self._lock:
                self._cache[key] = value
                while len(self._cache) > CACHE_SIZE:  # the oldest first (dicts keep their order)
                    del self._cache[next(iter(self._cache))]
            return value
        finally:
            with self._lock:
                self._pending.pop(key, None)
            event.set()

    def close(self) -> None:
        self.pool.close()


# One pool per corpus folder and limits in a process: apps made again over the same corpus (the tests make many)
# reuse its warm workers instead of starting new ones. The workers are daemons: they end with the process.
_POOLS: dict[tuple[str, int, float], QueryPool] = {}
_POOLS_LOCK = threading.Lock()


def shared_pool(path: str | Path, workers: int, seconds: float) -> QueryPool:
    key = (str(Path(path).resolve()), workers, seconds)
    with _POOLS_LOCK:
        pool = _POOLS.get(key)
        if pool is None:
            pool = _POOLS[key] = QueryPool(path, workers=workers, seconds=seconds)
        return pool


bp = Blueprint("health", __name__)


@bp.get("/health.json", endpoint="health_json")
@bp.get("/health")
def health():
    """Trạng thái máy chủ: the store's version, the query workers (alive, killed past their limit)."""
    from review.web.respond import respond

    runner = current_runner()
    data = {"version": runner.version(), **runner.pool.stats()}
    return respond("health.html", lambda: data, lambda: {"data": data})


def install(
    app, corpus: Corpus, *, workers: int = WORKERS, seconds: float = defaults.WEB_QUERY_SECONDS
) -> QueryRunner:
    runner = QueryRunner(corpus, shared_pool(corpus.path, workers, seconds))
    app.extensions["review_corpus"] = corpus
    app.extensions["review_runner"] = runner
    return runner


def current_runner() -> QueryRunner:
    """The runner of the app handling this request."""
    return current_app.extensions["review_runner"]
