"""What every search engine shares: the rows it indexes, the filters it applies, the protocol it follows, and
the bookkeeping that keeps an index in step with the store."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from review.search.analysis import Tokens, analyse_joined, number_field
from review.search.query import ParsedQuery
from review.store import CorpusSnapshot
from review.text.fold import fold
from review.text.numbers import number_year

INDEXED_KINDS = ("dieu", "khoan", "diem", "phu_luc")
MAX_HITS = 2000  # hits an engine returns at most; facets are counted over these


@dataclass(frozen=True)
class IndexRow:
    key: str  # "doc#eid", or "doc#" for a document without units
    doc: str
    unit: str
    type: str
    issuer: str
    year: int
    effective: int  # yyyymmdd, 0 when unknown
    body_folded: str
    body_exact: str
    meta_folded: str


@dataclass(frozen=True)
class Filters:
    type: str | None = None
    issuer: str | None = None
    year: int | None = None
    in_force_on: int | None = None  # yyyymmdd: effective on or before that day

    def issuer_key(self) -> str | None:
        return keyword(self.issuer) if self.issuer else None

    def type_key(self) -> str | None:
        return keyword(self.type) if self.type else None


def keyword(value: str | None) -> str:
    """Filter values match without accents or case: "bo tai chinh" selects "Bộ Tài chính"."""
    return "_".join(fold(value or "").split())


class Engine(Protocol):
    name: str

    def add(self, rows: Iterable[IndexRow]) -> None: ...

    def delete_documents(self, doc_ids: Iterable[str]) -> None: ...

    def commit(self) -> None: ...

    def search(
        self, query: ParsedQuery, filters: Filters, limit: int = MAX_HITS
    ) -> list[tuple[str, float]]: ...

    def doc_frequencies(self, tokens: Iterable[str]) -> dict[str, int]:
        """How many indexed units hold each folded token in their text (relaxed matching asks for the rarest)."""
        ...

    def close(self) -> None: ...


def _date_int(iso: str | None) -> int:
    if not iso or len(iso) < 10:
        return 0
    try:
        return int(iso[:10].replace("-", ""))
    except ValueError:
        return 0


def rows_for(snapshot: CorpusSnapshot, doc_id: str) -> Iterator[IndexRow]:
    doc = snapshot.document(doc_id)
    if doc is None:
        return
    meta_text = " ".join(filter(None, [doc.type, doc.title, doc.number]))
    meta_folded = analyse_joined(meta_text)[0]
    number = number_field(doc.number)
    base: dict[str, Any] = {
        "doc": doc.id,
        "type": keyword(doc.type),
        "issuer": keyword(doc.issuer),
        # The year of issue, else the year in the number; the effective date, else the one the source states.
        "year": int(doc.issued[:4]) if doc.issued else (number_year(doc.number) or 0 if doc.number else 0),
        "effective": _date_int(doc.effective or doc.stated_effective),
        "meta_folded": " ".join(meta_folded) + " " + number,
    }
    emitted = False
    own: dict[int, Tokens] = {}

    def subtree(unit) -> Tokens:
        """The tokens of a unit's full text: its own text analysed once, then its children's, reused by every
        level above (``Unit.full_text`` joins the same parts with newlines, which no token spans)."""
        done = own.get(id(unit))
        if done is None:
            folded, exact = analyse_joined(unit.text) if unit.text else ([], [])
            for child in unit.children:
                f, e = subtree(child)
                folded.extend(f)  # this unit's own fresh lists: a child's cached lists are not touched
                exact.extend(e)
            done = own[id(unit)] = (folded, exact)
        return done

    for unit in doc.walk():
        if unit.kind not in INDEXED_KINDS:
            continue
        folded, exact = subtree(unit)
        if unit.heading:
            head_f, head_e = analyse_joined(unit.heading)
            folded, exact = head_f + folded, head_e + exact
        if not folded:
            continue
        emitted = True
        yield IndexRow(
            key=f"{doc.id}#{unit.eid}",
            unit=unit.eid,
            body_folded=" ".join(folded),
            body_exact=" ".join(exact),
            **base,
        )
    if not emitted:
        folded, exact = analyse_joined(doc.body or doc.preamble or doc.title or "")
        yield IndexRow(
            key=f"{doc.id}#", unit="", body_folded=" ".join(folded), body_exact=" ".join(exact), **base
        )


class Manifest:
    """Which documents (and which version of their source) an index holds, so a build updates only what
    changed."""

    def __init__(self, folder: Path):
        self.path = folder / "manifest.json"
        data = json.loads(self.path.read_text()) if self.path.exists() else {}
        if "documents" in data:
            self.entries: dict[str, str] = data["documents"]
            self.store_version: int | None = data.get("store_version")
        else:  # the first form held the documents alone
            self.entries, self.store_version = data, None

    def save(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        body = {"store_version": self.store_version, "documents": self.entries}
        tmp.write_text(json.dumps(body, ensure_ascii=False, sort_keys=True))
        tmp.replace(self.path)


def update(engine: Engine, snapshot: CorpusSnapshot, folder: Path) -> dict[str, int]:
    """Bring the index in step with the corpus: add new and changed documents, delete vanished ones."""
    manifest = Manifest(folder)
    current = {d.id: d.source.sha256 for d in snapshot.documents.values()}
    stale = [d for d, sha in manifest.entries.items() if current.get(d) != sha]
    fresh = [d for d, sha in current.items() if manifest.entries.get(d) != sha]
    if stale:
        engine.delete_documents(stale)
    rows = 0
    for doc_id in fresh:
        batch = list(rows_for(snapshot, doc_id))
        engine.add(batch)
        rows += len(batch)
    engine.commit()
    manifest.entries = current
    manifest.store_version = snapshot.version_number
    manifest.save()
    return {
        "documents_added": len(fresh),
        "documents_removed": len(set(stale) - set(fresh)),
        "rows_added": rows,
    }
