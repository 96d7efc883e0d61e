"""``review build``: from source files to the store, incrementally.

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
from review.annotate.document import annotate_document
from review.annotate.resolve import resolve_corpus
from review.errors import ReviewError
from review.ingest import DEFAULT_OPTIONS, IngestOptions, iter_source_files
from review.models import Document, Fact, Reference
from review.store import Store
from review.structure import structure


@dataclass(frozen=True)
class FileResult:
    path: str
    sha256: str
    size: int
    media_type: str | None
    documents: tuple[dict, ...] = ()
    errors: tuple[dict, ...] = ()  # ReviewError.to_dict() of the file or of dataset records
    fatal: bool = False  # the file itself could not be read


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


def parse_file(path: str, options: IngestOptions = DEFAULT_OPTIONS, annotate: bool = True) -> FileResult:
    """Read and structure every document in one file; never raises for bad input."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        err = {"code": "E101", "path": path, "message": f"cannot read: {exc.strerror or exc}", "hint": None}
        return FileResult(path, "", 0, None, errors=(err,), fatal=True)
    sha = hashlib.sha256(data).hexdigest()
    docs: list[dict] = []
    errors: list[dict] = []
    media_type = None
    try:
        from review.ingest import read_bytes

        for item in read_bytes(data, path, options):
            if isinstance(item, ReviewError):
                errors.append(item.to_dict())
                continue
            media_type = item.source.media_type
            doc = structure(item)
            refs, facts = annotate_document(doc) if annotate else ([], [])
            docs.append(
                {
                    "document": doc.to_dict(),
                    "references": [r.to_dict() for r in refs],
                    "facts": [f.to_dict() for f in facts],
                }
            )
    except ReviewError as exc:
        return FileResult(path, sha, len(data), media_type, errors=(exc.to_dict(),), fatal=True)
    except Exception as exc:  # a bug of ours must not stop the batch; it is reported with the file's name
        err = {
            "code": "E999",
            "path": path,
            "message": f"internal error: {type(exc).__name__}: {exc}",
            "hint": None,
        }
        return FileResult(path, sha, len(data), media_type, errors=(err,), fatal=True)
    return FileResult(path, sha, len(data), media_type, tuple(docs), tuple(errors))


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
                documents = [
                    (
                        Document.from_dict(d["document"]),
                        [Reference.from_dict(r) for r in d["references"]],
                        [Fact.from_dict(f) for f in d["facts"]],
                    )
                    for d in result.documents
                ]
                first_error = result.errors[0] if result.fatal else None
                store.put_source(
                    result.path,
                    result.sha256,
                    result.size,
                    result.media_type,
                    documents,
                    error=(first_error["code"], first_error["message"]) if first_error else None,
                )
                report.parsed.append(result.path)
                report.problems.extend(result.errors)
                if progress:
                    progress(result.path, done, len(todo))
            resolutions, report.resolution = resolve_corpus(
                store.stored_references(), store.document_records(), store.number_keys(), store.unit_eids
            )
            store.set_resolutions(resolutions)
            store.bump_version()
            store.set_meta("last_build", {"sources": [str(s) for s in sources], "files": len(files)})
        report.summary = store.summary()
        # The search index follows the store: documents added, changed or removed by this build.
        from review.search import update_index

        for engine in engines:
            if force:
                import shutil

                from review.search import index_folder

                shutil.rmtree(index_folder(corpus, engine), ignore_errors=True)
            report.search[engine] = update_index(corpus, engine, store.snapshot())
    finally:
        store.close()
    report.seconds = time.perf_counter() - started
    return report


def _parse_all(paths: list[str], jobs: int, options: IngestOptions):
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield parse_file(path, options)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # Big files first would balance better, but input order keeps the progress bar readable.
        yield from pool.map(parse_file, paths, [options] * len(paths), chunksize=1)
