"""``review build``: from source files to the store, incrementally, through the stages of ``review.pipeline``.

Unchanged files (same path, same sha256) are skipped, changed ones re-parsed, vanished ones removed: the store
holds exactly the sources of the latest build. Parsing runs in worker processes; only the main process writes,
inside one transaction, so a crash leaves the previous store intact.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from review import defaults
from review.ingest import DEFAULT_OPTIONS, IngestOptions, iter_source_files
from review.pipeline import index, process_file, resolve_references, store_file
from review.store import Store


@dataclass
class BuildReport:
    corpus: str
    parsed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    summary: dict = field(default_factory=dict)
    resolution: dict = field(default_factory=dict)
    search: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "corpus": self.corpus,
            "parsed": len(self.parsed),
            "skipped_unchanged": len(self.skipped),
            "removed": len(self.removed),
            "problems": self.problems,
            "seconds": round(self.seconds, 2),
            "search_index": self.search,
            **self.summary,
        }


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def build(
    sources: Iterable[str | Path] = (defaults.SOURCES_DIR,),
    corpus: str | Path = defaults.CORPUS_DIR,
    *,
    jobs: int = defaults.JOBS,
    options: IngestOptions = DEFAULT_OPTIONS,
    progress: Callable[[str, int, int], None] | None = None,
    force: bool = False,
    engines: Iterable[str] = (defaults.SEARCH_ENGINE,),
) -> BuildReport:
    """Build (or update) the store in ``corpus`` from ``sources`` (files or folders)."""
    started = time.perf_counter()
    report = BuildReport(corpus=str(corpus))
    files = [str(p) for p in iter_source_files(list(sources))]
    store = Store.create(corpus)
    try:
        known = store.source_states()
        todo: list[str] = []
        for path in files:
            state = known.get(path)
            p = Path(path)
            if (
                not force
                and state
                and p.exists()
                and state.size == p.stat().st_size
                and state.sha256 == _sha256(p)
            ):
                report.skipped.append(path)
            else:
                todo.append(path)
        vanished = sorted(set(known) - set(files))

        with store.transaction():
            for path in vanished:
                store.remove_source(path)
                report.removed.append(path)
            for done, result in enumerate(_parse_all(todo, jobs, options), start=1):
                store_file(store, result)
                report.parsed.append(result.path)
                report.problems.extend(result.errors)
                if progress:
                    progress(result.path, done, len(todo))
            report.resolution = resolve_references(store)
            store.set_meta("last_build", {"sources": [str(s) for s in sources], "files": len(files)})
        report.summary = store.summary()
        # The search index follows the store: documents added, changed or removed by this build.
        report.search = index(corpus, store, engines, rebuild=force)
    finally:
        store.close()
    report.seconds = time.perf_counter() - started
    return report


def _parse_all(paths: list[str], jobs: int, options: IngestOptions):
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield process_file(path, options)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # Big files first would balance better, but input order keeps the progress bar readable.
        yield from pool.map(process_file, paths, [options] * len(paths), chunksize=1)
