"""``review build``: from source files to the store, incrementally, through the stages of ``review.pipeline``.

Unchanged files (same path, same sha256) are skipped, changed ones re-parsed, vanished ones removed: the store
holds exactly the sources of the latest build. Parsing runs in worker processes; only the main process writes,
inside one transaction, so a crash leaves the previous store intact.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import sys
import time
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from review import defaults
from review.batch import OverBudget, run, run_dask
from review.errors import FileNotFound, SourceNotStored, UsageError
from review.ingest import DEFAULT_OPTIONS, IngestOptions, iter_source_files
from review.pipeline import index, over_budget, process_file, resolve_references, store_file
from review.store import Store
from review.store.lock import build_lock

# Error codes of a file that needs a program this machine lacks (E108: OCR for a scanned PDF).
WAITING_FOR_TOOLS = frozenset({"E108"})


@dataclass
class BuildReport:
    corpus: str
    parsed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # Stored sources under the given folders that no longer exist: kept until removed by name (--prune).
    stale: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # files stored as failed (retried on the next build)
    # Files that need a program this machine lacks (Tesseract for a scan): stored as failed, so the next build
    # tries them again, but not an error of the batch — the build did what this machine can do.
    deferred: list[str] = field(default_factory=list)
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
            "stale": self.stale,
            "failed": len(self.failed),
            "waiting_for_tools": len(self.deferred),
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


def _under(path: str, roots: list[Path]) -> bool:
    p = Path(path)
    return any(p == r or r in p.parents for r in roots)


def file_budget(path: str) -> float:
    """Seconds one file may take: a base plus an allowance per megabyte (datasets are large and legitimate)."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        size = 0
    return defaults.FILE_SECONDS + defaults.FILE_SECONDS_PER_MB * size / 1_000_000


def build(
    sources: Iterable[str | Path] = (defaults.SOURCES_DIR,),
    corpus: str | Path = defaults.CORPUS_DIR,
    *,
    jobs: int = defaults.JOBS,
    options: IngestOptions = DEFAULT_OPTIONS,
    progress: Callable[[str, int, int], None] | None = None,
    force: bool = False,
    engines: Iterable[str] = (defaults.SEARCH_ENGINE,),
    prune: bool = False,
    time_limit: float | None = None,
    dask: str | None = None,
) -> BuildReport:
    """Build (or update) the store in ``corpus`` from ``sources`` (files or folders).

    New and changed files are parsed, and files that failed before are tried again; unchanged ones are skipped.
    Nothing stored is removed unless asked: sources under the given folders that no longer exist are listed as
    ``stale``, and removed only with ``prune``. A source path that does not exist is an error before anything is
    touched. Each file runs under a time budget (``time_limit`` seconds, default: by size, see ``file_budget``);
    a file over it is reported and skipped. With ``dask`` (a scheduler address, or ``local``) the per-file stages
    run on Dask workers instead of local processes (no time budget there); the store and the index are written
    here, from their results in the files' order, so the build is the same as a local one."""
    started = time.perf_counter()
    if dask and importlib.util.find_spec("distributed") is None:
        raise UsageError("--dask needs Dask: pip install 'review[dask]'", hint="or build without --dask")
    given = [Path(s) for s in sources]
    missing = [r for r in given if not r.exists()]
    if missing:
        raise FileNotFound("no such file or folder; nothing was changed", path=str(missing[0]))
    # Sources are stored by their absolute path: the same file reached by another path is the same source.
    roots = [r.resolve() for r in given]
    report = BuildReport(corpus=str(corpus))
    files = [str(p) for p in iter_source_files(list(roots))]
    with build_lock(corpus):
        store = Store.create(corpus)
        try:
            _build(
                store,
                corpus,
                roots,
                files,
                report,
                jobs,
                options,
                progress,
                force,
                engines,
                prune,
                time_limit,
                dask,
            )
        finally:
            store.close()
    report.seconds = time.perf_counter() - started
    return report


def _build(
    store, corpus, roots, files, report, jobs, options, progress, force, engines, prune, time_limit, dask
) -> None:
    known = store.source_states()
    todo: list[str] = []
    for path in files:
        state = known.get(path)
        p = Path(path)
        if (
            not force
            and state
            and state.error_code is None
            and p.exists()
            and state.size == p.stat().st_size
            and state.sha256 == _sha256(p)
        ):
            report.skipped.append(path)
        else:
            todo.append(path)
    present = set(files)
    vanished = sorted(
        path for path in known if path not in present and _under(path, roots) and not Path(path).exists()
    )
    budget = (lambda _p: time_limit or None) if time_limit is not None else file_budget
    with store.transaction():
        if force:
            # Everything re-parsed goes first, so that a full rebuild numbers its rows from the start (the
            # store's row order is part of the build's output: a rebuild in place equals a fresh one).
            for path in todo:
                store.remove_source(path)
        if prune:
            for path in vanished:
                store.remove_source(path)
                report.removed.append(path)
        else:
            report.stale = vanished
        per_file = functools.partial(process_file, options=options)
        work = run_dask(per_file, todo, dask) if dask else run(per_file, todo, jobs=jobs, budget=budget)
        for done, result in enumerate(work, start=1):
            if isinstance(result, OverBudget):
                result = over_budget(result.item, result.seconds)
            problems = store_file(store, result)
            report.parsed.append(result.path)
            report.problems.extend([*result.errors, *problems])
            if result.fatal and result.errors[0].get("code") in WAITING_FOR_TOOLS:
                report.deferred.append(result.path)
            elif result.fatal:
                report.failed.append(result.path)
            if progress:
                progress(result.path, done, len(todo))
        report.resolution = resolve_references(store)
        store.set_meta("last_build", {"sources": [str(s) for s in roots], "files": len(files)})
    report.summary = store.summary()
    # The search index follows the store: documents added, changed or removed by this build.
    report.search = index(corpus, store, engines, rebuild=force)


def remove(
    sources: Iterable[str | Path], corpus: str | Path = defaults.CORPUS_DIR, *, engines=None
) -> list[str]:
    """Remove stored sources by name: a file path as stored, or a folder (every source under it). Naming a
    source that is not stored is an error; nothing is removed then."""
    with build_lock(corpus):
        store = Store.create(corpus)
        try:
            known = store.source_states()
            chosen: list[str] = []
            for src in sources:
                # Stored paths are absolute; the source may be named as it was given or from here.
                roots = {Path(src), Path(src).absolute(), Path(src).resolve()}
                matched = sorted(
                    p for p in known if Path(p) in roots or any(r in Path(p).parents for r in roots)
                )
                if not matched:
                    raise SourceNotStored(f"no stored source {str(src)!r}", path=str(corpus),
                                          hint="review sources lists what the corpus holds")  # fmt: skip
                chosen.extend(m for m in matched if m not in chosen)
            with store.transaction():
                for path in chosen:
                    store.remove_source(path)
                resolve_references(store)
            index(corpus, store, engines or store.index_engines() or (defaults.SEARCH_ENGINE,))
        finally:
            store.close()
    return chosen


class _CallableModule(types.ModuleType):
    """``review.build`` is both this module and the public function: importing the module (``from review.build
    import …``) makes the package attribute the module, so the module answers a call as the function does."""

    def __call__(self, *args: Any, **kwargs: Any) -> BuildReport:
        return build(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
