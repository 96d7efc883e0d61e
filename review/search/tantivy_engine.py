"""tantivy: the fast engine for large corpora (``--engine tantivy``), behind the same protocol and the same
analyser as Whoosh; the conformance tests require the same hit sets from both."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import tantivy

from review.errors import StoreError
from review.search.engine import Filters, IndexRow
from review.search.query import ParsedQuery, Phrase
from review.search.whoosh_engine import BODY_FIELDS, BOOSTS

_TEXT_FIELDS = ("body_folded", "body_exact", "meta_folded")


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("key", stored=True, tokenizer_name="raw")
    sb.add_text_field("doc", stored=True, tokenizer_name="raw")
    sb.add_text_field("unit", stored=True, tokenizer_name="raw")
    sb.add_text_field("type", tokenizer_name="raw")
    sb.add_text_field("issuer", tokenizer_name="raw")
    sb.add_integer_field("year", indexed=True, fast=True)
    sb.add_integer_field("effective", indexed=True, fast=True)
    for field in _TEXT_FIELDS:
        sb.add_text_field(field, tokenizer_name="whitespace")
    return sb.build()


class TantivyEngine:
    name = "tantivy"

    def __init__(self, folder: Path, *, heap_mb: int = 128):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        try:
            self.ix = tantivy.Index(self.schema, path=str(self.folder), reuse=True)
        except Exception as exc:
            raise StoreError(
                f"the tantivy index cannot be opened: {exc}",
                path=str(self.folder),
                hint="rebuild it: review build --force",
            ) from exc
        self.heap = heap_mb * 1024 * 1024
        self._writer = None

    def _w(self):
        if self._writer is None:
            self._writer = self.ix.writer(heap_size=self.heap, num_threads=1)
        return self._writer

    def add(self, rows: Iterable[IndexRow]) -> None:
        w = self._w()
        for r in rows:
            w.add_document(
                tantivy.Document(
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
            )

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        w = self._w()
        for doc_id in doc_ids:
            w.delete_documents("doc", doc_id)

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
            self._writer.wait_merging_threads()
            self._writer = None
        self.ix.reload()

    def close(self) -> None:
        if self._writer is not None:
            self._writer.rollback()
            self._writer = None

    # --- querying ---------------------------------------------------------------------------------------

    def _alternative(self, item, fields=None) -> tantivy.Query:
        parts = []
        for field, boost in (fields or BOOSTS).items():
            tokens = list(item.exact if field.endswith("exact") else item.folded)
            if isinstance(item, Phrase) or len(tokens) > 1:
                q = tantivy.Query.phrase_query(self.schema, field, tokens)
            else:
                q = tantivy.Query.term_query(self.schema, field, tokens[0])
            parts.append((tantivy.Occur.Should, tantivy.Query.boost_query(q, boost)))
        return tantivy.Query.boolean_query(parts)

    def build_query(self, query: ParsedQuery, filters: Filters) -> tantivy.Query:
        must: list[tuple[tantivy.Occur, tantivy.Query]] = []
        for clause in query.clauses:
            fields = BODY_FIELDS if clause.negated else BOOSTS
            alt = tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, self._alternative(a, fields)) for a in clause.alternatives]
            )
            occur = (
                tantivy.Occur.MustNot
                if clause.negated
                else tantivy.Occur.Should
                if clause.optional
                else tantivy.Occur.Must
            )
            must.append((occur, alt))
        s = self.schema
        if filters.type:
            must.append((tantivy.Occur.Must, tantivy.Query.term_query(s, "type", filters.type_key())))
        if filters.issuer:
            must.append((tantivy.Occur.Must, tantivy.Query.term_query(s, "issuer", filters.issuer_key())))
        if filters.year:
            must.append(
                (
                    tantivy.Occur.Must,
                    tantivy.Query.range_query(
                        s, "year", tantivy.FieldType.Integer, filters.year, filters.year
                    ),
                )
            )
        if filters.in_force_on:
            must.append(
                (
                    tantivy.Occur.Must,
                    tantivy.Query.range_query(
                        s, "effective", tantivy.FieldType.Integer, 1, filters.in_force_on
                    ),
                )
            )
        return tantivy.Query.boolean_query(must)

    def doc_frequencies(self, tokens: Iterable[str]) -> dict[str, int]:
        searcher = self.ix.searcher()
        return {t: int(searcher.doc_freq("body_folded", t)) for t in tokens}

    def search(self, query: ParsedQuery, filters: Filters, limit: int = 2000) -> list[tuple[str, float]]:
        searcher = self.ix.searcher()
        result = searcher.search(self.build_query(query, filters), limit)
        return [(searcher.doc(addr)["key"][0], float(score)) for score, addr in result.hits]
