"""Whoosh (the maintained, format-compatible whoosh3 release): the embedded default engine.

Tokens come pre-analysed (review.search.analysis) and are split on spaces only. One writer at a time, with
``procs``, ``limitmb`` and ``multisegment`` set (docs/search-notes.md §1–2).
"""

from __future__ import annotations

import mmap
import os
import pickle
import re
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, NUMERIC, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.formats import Positions
from whoosh.writing import PostingPool, SegmentWriter

from review.errors import StoreError
from review.search.engine import Filters, IndexRow
from review.search.query import ParsedQuery, Phrase

# A tokenizer is a complete analyser (whoosh's stubs ask for an Analyzer; a Tokenizer is one in use).
_SPACE: Any = SpaceSeparatedTokenizer()
# Title and number matches count most, then the exact (accented) form, then the folded form.
# Three fields per term keep Whoosh within its latency budget (docs/search-notes.md); the title and number field
# carries both folded and exact number tokens.
BOOSTS = {"meta_folded": 3.0, "body_exact": 1.5, "body_folded": 1.0}
# NOT excludes provisions by their own text: a word in the document's title does not exclude all its provisions.
BODY_FIELDS = {"body_exact": 1.5, "body_folded": 1.0}


# The writer's memory budget: postings are sorted in memory up to about this many MB (whoosh's own estimate,
# close to the real resident size), then spilled to sorted runs on disk, pickled in chunks, and merged. With
# chunked runs spilling costs little (corpus/: about 20% over sorting all 1.9M postings in memory, at a peak RSS
# of 214 MB instead of 471), so the budget stays small and a build's memory stays flat however large it is.
WRITER_LIMIT_MB = 128
_TOKEN = re.compile(r"[^ \t\r\n]+")  # the space tokenizer's own pattern


class SplitPositions(Positions):
    """Whoosh's ``Positions`` format for text that comes pre-analysed: the postings (each word, its count,
    weight and encoded positions) read straight off the space-separated tokens, without a Token object per
    word. Byte for byte what ``Positions`` with the space tokenizer writes (each token's boost is 1), at a
    fraction of the cost; reading is ``Positions``' own."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(value, str):  # a list of tokens: whoosh's own path
            yield from super().word_values(value, analyzer, **kwargs)
            return
        poses: dict[str, list[int]] = {}
        for pos, word in enumerate(_TOKEN.findall(value)):
            at = poses.get(word)
            if at is None:
                poses[word] = [pos]
            else:
                at.append(pos)
        fb = self.field_boost
        encode = self.encode
        for word, poslist in poses.items():
            yield (word, len(poslist), float(len(poslist)) * fb, encode(poslist))


class ChunkedPostingPool(PostingPool):
    """Whoosh's posting pool with its sorted runs pickled a few thousand postings at a time instead of one by
    one (one ``pickle.dump`` per posting was most of a spilled build's cost). The runs hold the same postings in
    the same order, and they are merged as before, so the index is the same."""

    CHUNK = 4096

    def _write_run(self, f, items) -> None:
        it = iter(items)
        while chunk := list(islice(it, self.CHUNK)):
            pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path: str) -> Iterator:
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)


def _text() -> TEXT:
    field = TEXT(analyzer=_SPACE, phrase=True)
    field.format = SplitPositions()  # TEXT's own boost is 1.0 too
    return field


def _schema() -> Schema:
    return Schema(
        key=ID(stored=True, unique=True),
        doc=ID(stored=True),
        unit=ID(stored=True),
        type=ID,
        issuer=ID,
        year=NUMERIC(int, bits=32),
        effective=NUMERIC(int, bits=32),
        body_folded=_text(),
        body_exact=_text(),
        meta_folded=_text(),
    )


class _MappedStorage(FileStorage):
    """Reads each index file through one read-only memory map, without copying it.

    whoosh3's own mmap path (``supports_mmap=True``) wraps every sub-file of a segment in a BytesIO, which copies
    it: opening a searcher copied the whole index (300 MB for the 74k-article Bộ pháp điển, ~150 ms) on every
    search. With ``supports_mmap=False`` a segment hands out views over the file returned here, so a searcher
    opens in under 1 ms and each read copies only the bytes asked for. Writing is unchanged."""

    def __init__(self, path: str):
        super().__init__(path, supports_mmap=False)

    def open_file(self, name, **kwargs):
        path = self._fpath(name)
        if os.path.getsize(path) == 0:  # an empty file cannot be mapped
            return super().open_file(name, **kwargs)
        with open(path, "rb") as f:
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        return StructFile(mapped, name=name, **kwargs)


class WhooshEngine:
    name = "whoosh"

    def __init__(self, folder: Path, *, procs: int = 1, limitmb: int = WRITER_LIMIT_MB):
        self.folder = Path(folder)
        self.procs = procs
        self.limitmb = limitmb
        self._writer = None
        try:
            storage = _MappedStorage(str(self.folder))
            if whoosh_index.exists_in(str(self.folder)):
                self.ix = storage.open_index()
            else:
                self.folder.mkdir(parents=True, exist_ok=True)
                self.ix = storage.create_index(_schema())
        except Exception as exc:  # whoosh raises assorted errors on damaged indexes
            raise StoreError(
                f"the Whoosh index cannot be opened: {exc}",
                path=str(self.folder),
                hint="rebuild it: review build --force",
            ) from exc

    def _w(self):
        if self._writer is None:
            self._writer = self.ix.writer(
                procs=self.procs, limitmb=self.limitmb, multisegment=self.procs > 1, timeout=60
            )
            w = self._writer
            if type(w) is SegmentWriter and type(w.pool) is PostingPool and not w.pool.current:
                # One process: its (still empty) pool spills in chunks (the multi-process writer hands its
                # pools' files to the other processes, and keeps whoosh's own pool).
                w.pool = ChunkedPostingPool(w._tempstorage, w.newsegment, limitmb=self.limitmb)
        return self._writer

    def add(self, rows: Iterable[IndexRow]) -> None:
        w = self._w()
        for r in rows:
            w.add_document(
                key=r.key,
                doc=r.doc,
                unit=r.unit,
                type=r.type,
                issuer=r.issuer,
                year=r.year,
                effective=r.effective,
                body_folded=r.body_folded,
                body_exact=r.body_exact,
                meta_folded=r.meta_folded,
            )

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        w = self._w()
        for doc_id in doc_ids:
            w.delete_by_term("doc", doc_id)

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
            self._writer = None

    def close(self) -> None:
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None
        self.ix.close()

    # --- querying ---------------------------------------------------------------------------------------

    @staticmethod
    def _alternative(item, fields=None) -> wq.Query:
        parts: list[wq.Query] = []
        for field, boost in (fields or BOOSTS).items():
            tokens = item.exact if field.endswith("exact") else item.folded
            if isinstance(item, Phrase) or len(tokens) > 1:
                parts.append(wq.Phrase(field, list(tokens), boost=boost))
            else:
                parts.append(wq.Term(field, tokens[0], boost=boost))
        return wq.Or(parts)

    def build_query(self, query: ParsedQuery) -> tuple[wq.Query, wq.Query | None]:
        """The positive query, and what to exclude. Exclusion goes through the searcher's ``mask``: whoosh's
        AndNot matcher was seen here to keep documents that match both sides."""
        positive = [wq.Or([self._alternative(a) for a in c.alternatives]) for c in query.required]
        optional = [
            wq.Or([self._alternative(a) for a in c.alternatives]) for c in query.clauses if c.optional
        ]
        negative = [
            wq.Or([self._alternative(a, BODY_FIELDS) for a in c.alternatives])
            for c in query.clauses
            if c.negated
        ]
        q: wq.Query = wq.And(positive) if len(positive) > 1 else positive[0]
        if optional:
            q = wq.AndMaybe(q, wq.Or(optional))
        return q, (wq.Or(negative) if negative else None)

    @staticmethod
    def _filter(filters: Filters) -> wq.Query | None:
        parts: list[wq.Query] = []
        if filters.type:
            parts.append(wq.Term("type", filters.type_key()))
        if filters.issuer:
            parts.append(wq.Term("issuer", filters.issuer_key()))
        if filters.year:
            parts.append(wq.NumericRange("year", filters.year, filters.year))
        if filters.in_force_on:
            parts.append(wq.NumericRange("effective", 1, filters.in_force_on))
        return wq.And(parts) if parts else None

    def doc_frequencies(self, tokens: Iterable[str]) -> dict[str, int]:
        with self.ix.searcher() as searcher:
            reader = searcher.reader()
            return {t: int(reader.doc_frequency("body_folded", t)) for t in tokens}

    def search(self, query: ParsedQuery, filters: Filters, limit: int = 2000) -> list[tuple[str, float]]:
        positive, exclude = self.build_query(query)
        with self.ix.searcher() as searcher:
            results = searcher.search(positive, limit=limit, filter=self._filter(filters), mask=exclude)
            return [(hit["key"], float(hit.score)) for hit in results]
