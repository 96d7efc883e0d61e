"""The pipeline, stage by stage (docs/ARCHITECTURE.md, Data flows one way):

    ingest → structure → annotate            per file, in worker processes  (``process_file``)
    → store                                  one transaction per build       (``store_file``)
    → resolve                                references against the corpus   (``resolve_references``)
    → index                                  each search engine              (``index``)

Each stage is a plain function of the previous one's output; ``review.build`` only decides which files to run
through it (incremental builds) and reports what happened.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from review.annotate.document import annotate_document
from review.annotate.resolve import resolve_corpus
from review.errors import DuplicateDocument, OverTimeBudget, ReviewError
from review.ingest import DEFAULT_OPTIONS, IngestOptions, read_bytes
from review.models import Document, Fact, Reference, Source
from review.store import Store
from review.structure import structure


@dataclass(frozen=True)
class FileResult:
    """What the per-file stages made of one file: its documents with their references and facts (as plain
    JSON-ready dicts, so that results cross process boundaries cheaply), and the problems met."""

    path: str
    sha256: str
    size: int
    media_type: str | None
    documents: tuple[dict, ...] = ()
    errors: tuple[dict, ...] = ()  # ReviewError.to_dict() of the file or of dataset records
    fatal: bool = False  # the file itself could not be read

    def parsed(self) -> list[tuple[Document, list[Reference], list[Fact]]]:
        return [
            (
                Document.from_dict(d["document"]),
                [Reference.from_dict(r) for r in d["references"]],
                [Fact.from_dict(f) for f in d["facts"]],
            )
            for d in self.documents
        ]


def process_file(path: str, options: IngestOptions = DEFAULT_OPTIONS, annotate: bool = True) -> FileResult:
    """Ingest, structure and annotate every document in one file; never raises for bad input."""
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


def over_budget(path: str, seconds: float) -> FileResult:
    """The result of a file whose reading was stopped at its time budget."""
    err = OverTimeBudget(f"reading took more than its time budget of {seconds:g} s; skipped", path=path)
    err.hint = "raise the budget with --time-limit SECONDS if the file is sound"
    return FileResult(path, "", 0, None, errors=(err.to_dict(),), fatal=True)


def store_file(store: Store, result: FileResult) -> list[dict]:
    """Replace what the store holds from the file by what the per-file stages made of it. A document whose id
    is already stored from elsewhere is never replaced silently: the same document again (same title and issue
    date) is refused with a problem; a different one with the same number gets the id ``ID~DATE``. Returns the
    problems (as ``ReviewError.to_dict()``)."""
    first_error = result.errors[0] if result.fatal else None
    store.remove_source(result.path)
    taken: set[str] = set()
    accepted = []
    problems: list[dict] = []
    for doc, refs, facts in result.parsed():
        existing = store.document_record(doc.id)
        if existing is not None and doc.id not in taken and _same_source(existing.source, doc.source):
            # The same file under another name (moved, or given by another path): it takes the place of the old.
            store.remove_source(existing.source.path)
            existing = None
        if existing is None and doc.id not in taken:
            taken.add(doc.id)
            accepted.append((doc, refs, facts))
            continue
        where = existing.source.path if existing else result.path
        if existing is not None and (existing.title, existing.issued) == (doc.title, doc.issued):
            problems.append(
                DuplicateDocument(
                    f"{doc.id} is already stored from {where}; this copy is not stored",
                    path=result.path,
                    hint=f"remove one of the two (review remove {result.path})",
                ).to_dict()
            )
            continue
        new_id = _free_id(store, taken, doc.id, doc.issued)
        taken.add(new_id)
        accepted.append(_renamed(doc, refs, facts, new_id))
    store.put_source(
        result.path,
        result.sha256,
        result.size,
        result.media_type,
        accepted,
        error=(first_error["code"], first_error["message"]) if first_error else None,
    )
    return problems


def _same_source(old: Source, new: Source) -> bool:
    """The stored copy's file is gone (moved or renamed), or is this very file under another spelling."""
    before = Path(old.path)
    return not before.exists() or before.resolve() == Path(new.path).resolve()


def _free_id(store: Store, taken: set[str], doc_id: str, issued: str | None) -> str:
    base = f"{doc_id}~{issued}" if issued else f"{doc_id}~2"
    candidate, n = base, 2
    while candidate in taken or store.document_record(candidate) is not None:
        n += 1
        candidate = f"{base}.{n}" if issued else f"{doc_id}~{n}"
    return candidate


def _renamed(
    doc: Document, refs: list[Reference], facts: list[Fact], new_id: str
) -> tuple[Document, list[Reference], list[Fact]]:
    """The document under another id, with its own references and facts following it."""
    old = doc.id

    def ref(r: Reference) -> Reference:
        target = replace(r.target, doc=new_id) if r.target.doc == old else r.target
        return replace(r, doc=new_id, target=target)

    def fact(f: Fact) -> Fact:
        return replace(f, doc=new_id, target_doc=new_id if f.target_doc == old else f.target_doc)

    return replace(doc, id=new_id), [ref(r) for r in refs], [fact(f) for f in facts]


def resolve_references(store: Store) -> dict[str, int]:
    """Resolve every stored reference against the corpus as it now is (a new document changes others' links),
    and mark the store as a new version. Returns the counts (present, external, unknown, dangling)."""
    resolutions, counts = resolve_corpus(
        store.stored_references(), store.document_records(), store.number_keys(), store.unit_eids
    )
    store.set_resolutions(resolutions)
    store.bump_version()
    return counts


def index(
    corpus: str | Path, store: Store, engines: Iterable[str], *, rebuild: bool = False
) -> dict[str, dict]:
    """Bring each search engine's index in step with the store (from scratch with ``rebuild``), and remember
    which engines the corpus keeps."""
    from review.search import update_index

    out = {}
    snapshot = store.snapshot()
    for engine in engines:
        out[engine] = update_index(corpus, engine, snapshot, rebuild=rebuild)
    kept = sorted({*store.index_engines(), *engines})
    store.set_meta("index_engines", kept)
    return out
