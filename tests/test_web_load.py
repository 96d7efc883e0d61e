"""The web app under load (issue 12.7), on the demo corpus over loopback, served by waitress as `review serve`
does: 20 concurrent clients on the normal pages, then the same while a query of death (a 64-word OR search, ~20 s
of CPU on this corpus) runs. The bad query is stopped at its limit (its worker process killed, 503), and the normal
pages keep answering meanwhile. What is asserted does not depend on the machine's speed: a blocked server shows as
pages that wait for the bad query (seconds, not milliseconds) and as no page answered while it ran; the median is
held to a bound measured in the same run. p50/p95 are printed (pytest -s); the p95 under 1 s is a figure for a
benchmark run on an idle machine, not a test — a CI machine with other jobs once saw 1.17 s with nothing blocked."""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from review import open_corpus

ROOT = Path(__file__).resolve().parents[1]

CLIENTS = 20
LIMIT_SECONDS = 8.0
# Each client pauses this long between its requests (a reviewer reading, not a benchmark loop): on a 2-CPU
# machine 20 clients with no pause at all queue behind each other (p95 about 1.2 s with or without a bad query).
THINK_SECONDS = float(os.environ.get("REVIEW_LOAD_THINK", "0.25"))
WORDS = "luật nghị định thông tư quy định chi tiết hướng dẫn thi hành".split()
QUERY_OF_DEATH = " OR ".join((WORDS * 7)[:64])


@pytest.fixture(scope="module")
def whoosh_corpus(demo_corpus, tmp_path_factory):
    """The demo corpus searched with Whoosh, the engine where a 64-word OR query runs for tens of seconds (with
    tantivy, the default, it answers in time — there is then no query of death to stop)."""
    import shutil

    from review.search import index_folder, update_index

    target = tmp_path_factory.mktemp("load") / "indexes"
    shutil.copytree(demo_corpus, target, symlinks=True)
    with open_corpus(target) as c:
        update_index(target, "whoosh", c.snapshot, rebuild=True)
    shutil.rmtree(index_folder(target, "tantivy"))
    (target / "search-tantivy.current").unlink(missing_ok=True)
    return target


@pytest.fixture(scope="module")
def live(whoosh_corpus):
    """``review serve`` (waitress) in its own process, as an office runs it; the clients are this process."""
    demo_corpus = whoosh_corpus
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "review",
            "serve",
            "--corpus",
            str(demo_corpus),
            "--port",
            str(port),
            "--threads",
            "16",
            "--query-seconds",
            str(LIMIT_SECONDS),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if _get(base + "/health.json")[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "review serve did not start"
            time.sleep(0.3)
        with open_corpus(demo_corpus) as c:
            docs = sorted(c.snapshot.documents)[:4]
        pages = [
            "/",
            "/static/style.css",
            "/search?q=th%E1%BB%A7+t%E1%BB%A5c",
            "/findings",
            "/findings?page=2",
        ]
        pages += ["/doc/" + urllib.parse.quote(d, safe="") for d in docs]
        pages += ["/doc/" + urllib.parse.quote(docs[0], safe="") + "/graph"]
        for (
            p
        ) in pages:  # warm: today's findings, the status engine, the one search (a busy machine may need two)
            assert 200 in (_get(base + p, timeout=180)[0] for _ in range(2)), p
        yield base, pages
    finally:
        server.terminate()
        server.wait(timeout=30)


def _health(base: str) -> dict:
    with urllib.request.urlopen(base + "/health.json", timeout=30) as r:
        return json.loads(r.read())


def _get(url: str, timeout: float = 30) -> tuple[int, float]:
    return _timed_get(url, timeout)[:2]


def _timed_get(url: str, timeout: float = 30) -> tuple[int, float, float]:
    """Status, seconds taken, and the moment (perf_counter) the answer was read."""
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            r.read()
            code = r.status
    except urllib.error.HTTPError as e:
        code = e.code
    end = time.perf_counter()
    return code, end - t, end


def _hammer(base: str, pages: list[str], until) -> list[tuple[int, float, float]]:
    """CLIENTS clients, each going round the pages until ``until()``, at least one round each."""

    def client(i: int) -> list[tuple[int, float, float]]:
        out, n = [], 0
        while n < len(pages) or not until():
            out.append(_timed_get(base + pages[(i + n) % len(pages)]))
            n += 1
            time.sleep(THINK_SECONDS)
        return out

    with ThreadPoolExecutor(CLIENTS) as pool:
        return [r for rs in pool.map(client, range(CLIENTS)) for r in rs]


def _figures(name: str, results: list[tuple[int, float, float]]) -> tuple[float, float]:
    times = sorted(t for _, t, _ in results)
    p50 = statistics.median(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    errors = sum(1 for code, _, _ in results if code != 200)
    print(
        f"\n{name}: {len(times)} requests, {CLIENTS} clients (pause {THINK_SECONDS} s), p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"errors {errors}"
    )
    assert errors == 0
    return p50, p95


def _bound(base: str, pages: list[str]) -> float:
    """How slow the typical (median) page may be under 20 clients: 1 s, or 10× the slowest page asked alone on this
    machine now (measured in the same run, so that a loaded machine does not fail the test and a blocked server
    still does)."""
    alone = max(_get(base + p)[1] for p in pages for _ in range(2))
    print(f"\nslowest page alone: {alone * 1000:.0f} ms")
    return max(1.0, 10 * alone)


def test_twenty_clients_on_normal_pages(live):
    base, pages = live
    bound = _bound(base, pages)
    start = time.perf_counter()
    results = _hammer(base, pages, lambda: time.perf_counter() - start > 3)
    p50, _ = _figures("normal pages", results)
    assert p50 < bound


def test_query_of_death_is_stopped_and_does_not_block(live):
    base, pages = live
    bound = _bound(base, pages)
    killed = _health(base)["killed"]
    outcome: dict[str, object] = {}

    def bad() -> None:
        outcome["answer"] = _timed_get(base + "/search?q=" + urllib.parse.quote(QUERY_OF_DEATH), timeout=60)

    worker = threading.Thread(target=bad)
    worker.start()
    time.sleep(0.3)
    results = _hammer(base, pages, lambda: not worker.is_alive())
    worker.join()
    code, seconds, bad_end = outcome["answer"]  # type: ignore[misc]
    print(f"query of death: {code} after {seconds:.1f} s (limit {LIMIT_SECONDS} s)")
    p50, _ = _figures("normal pages while the bad query runs", results)
    assert code == 503 and seconds < LIMIT_SECONDS + 3
    assert _health(base)["killed"] == killed + 1, "the worker running it was stopped, not abandoned"
    bad_start = bad_end - seconds
    answered_meanwhile = [t for _, t, end in results if bad_start + 0.3 < end < bad_end]
    assert len(answered_meanwhile) >= CLIENTS, "normal pages answered while the bad query ran"
    slowest = max(t for _, t, _ in results)
    assert slowest < LIMIT_SECONDS / 2, f"a normal page waited {slowest:.1f} s, as if behind the bad query"
    assert p50 < bound
    # a new worker took its place: searches answer again
    assert _get(base + "/search?q=ngh%E1%BB%8B+%C4%91%E1%BB%8Bnh", timeout=60)[0] == 200
