"""The Python API (docs/CONTRACT.md): ``parse`` a file, ``open_corpus`` a built store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from review import defaults
from review.casework import CaseworkMixin
from review.dates import as_iso
from review.errors import DocumentNotFound
from review.models import Document
from review.office import OfficeMixin, expired_file, expired_view  # noqa: F401  (re-exported for the shells)
from review.store import CorpusSnapshot, Store
from review.team import STATES, TeamMixin, matches_state, sent_back_to, state_of  # noqa: F401  (for the shells)

if TYPE_CHECKING:
    from review.findings.cache import FindingsCache
    from review.ingest import IngestOptions


def parse(
    path_or_bytes: str | Path | bytes,
    *,
    media_type: str | None = None,
    name: str | None = None,
    options: IngestOptions | None = None,
) -> list[Document]:
    """Parse a file (or its bytes) into documents; a file may hold one or several (a dataset, an đề mục).

    Raises a ``ReviewError`` when the file cannot be read; in a dataset, the first bad record raises too
    (``review build`` instead reports bad records and goes on). ``media_type`` is accepted for the contract but
    the content decides the format."""
    # Imported here: reading files needs the PDF, DOCX and HTML readers, which opening a corpus does not.
    from review.ingest import IngestOptions, read_bytes, read_path
    from review.structure import structure_all

    options = options or IngestOptions()
    if isinstance(path_or_bytes, bytes):
        return structure_all(read_bytes(path_or_bytes, name or "<bytes>", options))
    return structure_all(read_path(path_or_bytes, options))


def procedure_fields() -> list[tuple[str, str]]:
    """The fields of a procedure record (key, Vietnamese label), in the order of NĐ 63/2010/NĐ-CP Điều 8."""
    from review.procedures import FIELDS

    return [(key, label) for key, label, _ in FIELDS]


class Corpus(TeamMixin, CaseworkMixin, OfficeMixin):
    """A built corpus (the store in ``indexes/``), for scripts and notebooks."""

    def __init__(self, path: str | Path = defaults.CORPUS_DIR):
        self.path = Path(path)
        self.store = Store.open(self.path)
        self._findings: FindingsCache | None = None

    @property
    def snapshot(self) -> CorpusSnapshot:
        """The corpus as data (review.store.CorpusSnapshot), reloaded when a build changed the store."""
        return self.store.snapshot()

    # --- which document a user means (review.identity) ---------------------------------------------------------

    @property
    def resolver(self):
        """The one look-up of documents and units for this corpus version (review.identity.DocumentResolver):
        ids, numbers as printed or without Đ, short forms, the authority after the number; documents the corpus
        only cites count too (their status is "not in the corpus")."""
        from review.identity import DocumentResolver

        def make(snap: CorpusSnapshot):
            cited = {r.target.doc for r in snap.references if r.target.doc}
            return DocumentResolver(
                snap.documents, cited=cited, unit_ids=lambda d: [u.eid for u in snap.units_of(d)]
            )

        return self.snapshot.derived("api.resolver", make)

    def resolve(self, text: str, *, cited: bool = False) -> str:
        """The id of the document ``text`` names (E401 none, E404 several). With ``cited``, a document the corpus
        only cites is an answer too."""
        doc_id = self.resolver.resolve(text)
        if not cited and doc_id not in self.snapshot.documents:
            from review.errors import DocumentNotFound

            raise DocumentNotFound(
                f"{doc_id} is cited by the corpus but is not in it", path=str(self.path), hint="build it in"
            )
        return doc_id

    def resolve_node(self, text: str) -> str:
        """A document (in the corpus or cited by it) or a unit node ``DOC#EID`` that exists."""
        return self.resolver.resolve_node(text)

    def document(self, doc_id: str) -> Document:
        resolved = self.resolve(doc_id)
        doc = self.store.document(resolved)
        if doc is None:
            raise DocumentNotFound(f"no document {doc_id!r} in the corpus", path=str(self.path))
        return doc

    def documents(self) -> list[Document]:
        return list(self.store.documents())

    def summary(self) -> dict:
        return self.store.summary()

    def documents_frame(self, *, authority: str | None = None):
        """One row per document (pandas DataFrame). ``authority`` (a code or a name) keeps the documents that
        province or city is now responsible for: its own and those of the provinces merged into it."""
        import pandas as pd

        from review.identity import registry

        reg = registry()
        wanted = set(reg.responsible_for(reg.get(authority).code)) if authority else None
        articles = self.store.article_counts()
        rows = [
            {
                "id": d.id,
                "number": d.number,
                "type": d.type,
                "issuer": d.issuer,
                "title": d.title,
                "issued": d.issued,
                "effective": d.effective,
                "language": d.language,
                "stated_status": d.stated_status,
                "source_path": d.source.path,
                "articles": articles.get(d.id, 0),
                "authority": d.authority,
                "responsible": reg.successor(d.authority).code if d.authority else None,
            }
            for d in sorted(self.snapshot.documents.values(), key=lambda d: d.id)
            if wanted is None or d.authority in wanted
        ]
        return pd.DataFrame(rows)

    def units_frame(self, doc_id: str | None = None):
        """One row per unit (pandas DataFrame), optionally of one document."""
        import pandas as pd

        snap = self.snapshot
        units = snap.units_of(self.resolve(doc_id)) if doc_id else snap.all_units()
        rows = [
            {"doc_id": u.doc, "eid": u.eid, "parent_eid": u.parent, "kind": u.kind, "num": u.num,
             "heading": u.heading, "text": u.text, "page": u.page}
            for u in units
        ]  # fmt: skip
        return pd.DataFrame(rows)

    def references(self, doc_id: str | None = None):
        """Every stored reference (of one document), resolved against this corpus."""
        return self.store.references(self.resolve(doc_id) if doc_id else None)

    def references_frame(self, doc_id: str | None = None):
        """One row per reference (pandas DataFrame): where it is, the relation, the target and its status."""
        import pandas as pd

        rows = []
        for r in self.references(doc_id):
            rows.append(
                {
                    "doc": r.doc,
                    "unit": r.unit,
                    "part": r.part,
                    "text": r.text,
                    "relation": r.relation,
                    "target_doc": r.target.doc,
                    "target_type": r.target.type,
                    "target_title": r.target.title,
                    "target_units": list(r.target.units),
                    "self": r.target.self,
                    "status": r.target.status,
                    "missing_units": list(r.target.missing_units),
                    "rule": r.rule,
                }
            )
        return pd.DataFrame(rows)

    def facts(self, doc_id: str | None = None):
        """Effectiveness statements found in the corpus (of one document)."""
        return self.store.facts(self.resolve(doc_id) if doc_id else None)

    def search(self, query: str, **options):
        """Search provisions (review.search.search): returns SearchResults with hits, facets and the total; each
        hit's status and the "in force on" filter are the computed status."""
        from review.search import search

        engine = self.graph_view.engine
        return search(
            self.path, query, self.snapshot, status_of=lambda d, at: engine.document(d, at).status, **options
        )

    def suggest(self, text: str, limit: int = 8) -> list[dict]:
        """Documents to offer as the user types: numbers that start with or are named by ``text``, titles with its
        words (review.search.suggest)."""
        from review.search import suggest

        return suggest(self.snapshot, text, limit)

    def search_frame(self, query: str, **options):
        """The hits of a search as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame([h.to_dict() for h in self.search(query, **options).hits])

    # --- the graph and status on a date (review.graph) ---------------------------------------------------------

    @property
    def graph_view(self):
        """The corpus's timelines, status engine and graph (review.graph.CorpusGraph), read once per version."""
        from review.graph import CorpusGraph

        return self.snapshot.derived("api.graph_view", CorpusGraph)

    @property
    def graph(self):
        """The citation and amendment graph: a networkx MultiDiGraph of document and unit nodes."""
        return self.graph_view.graph

    def require_node(self, node: str) -> str:
        """The node ``node`` names (``DOC`` or ``DOC#EID``, in any form the resolver takes); an error unless its
        document is in the corpus or cited by it and its unit exists (the graph queries themselves answer an
        unknown node with nothing)."""
        return self.resolve_node(node)

    def status(self, id_or_node: str, at=None):
        """Status of a document id or a unit node ``DOC#EID`` on ``at`` (default today), with ``because``."""
        return self.graph_view.status(self.resolve_node(id_or_node), at)

    def statuses_frame(self, at=None):
        """One row per document (in the corpus, acted on or cited by it): computed status on ``at``, the stated
        one, and why."""
        import pandas as pd

        rows = []
        docs = self.graph_view.timelines.docs
        # Every document node: in the corpus, acted on by it, or only cited by it.
        ids = sorted(
            {n for n, a in self.graph.nodes(data=True) if a.get("node_type") == "document"} | set(docs)
        )
        for doc_id in ids:
            st = self.graph_view.status(doc_id, at)
            info = docs.get(doc_id)
            attrs = self.graph.nodes[doc_id] if doc_id in self.graph else {}
            rows.append(
                {
                    "id": doc_id,
                    "type": info.type if info else attrs.get("type"),
                    "in_corpus": info.in_corpus if info else False,
                    "effective": info.effective if info else None,
                    "status": st.status,
                    "stated": st.stated,
                    "agrees": st.agrees,
                    "because": "; ".join(
                        f"{r.kind} {r.doc or ''} {r.date or ''}".strip() for r in st.because[:3]
                    ),
                }
            )
        return pd.DataFrame(rows)

    def deps(self, node: str, depth: int = defaults.GRAPH_DEPTH, relations=None):
        """What a document or unit rests on (review.graph.queries.Link rows)."""
        return self.graph_view.deps(self.resolve_node(node), depth, relations)

    def impact(self, node: str, depth: int = defaults.GRAPH_DEPTH, relations=None):
        """What rests on a document or unit: the citing units, then what rests on their documents."""
        return self.graph_view.impact(self.resolve_node(node), depth, relations)

    def deps_frame(self, node: str, depth: int = defaults.GRAPH_DEPTH, relations=None):
        import pandas as pd

        return pd.DataFrame([link.to_dict() for link in self.deps(node, depth, relations)])

    def impact_frame(self, node: str, depth: int = defaults.GRAPH_DEPTH, relations=None):
        import pandas as pd

        return pd.DataFrame([link.to_dict() for link in self.impact(node, depth, relations)])

    def history(self, node: str):
        """The amendment history of a unit (or document): dated entries with the amending text."""
        return self.graph_view.history(self.resolve_node(node))

    def history_frame(self, node: str):
        import pandas as pd

        return pd.DataFrame([h.to_dict() for h in self.history(node)])

    def text_at(self, node: str, at=None):
        """A unit's text as amended on ``at`` (computed; see review.graph.consolidate)."""
        return self.graph_view.text_at(self.resolve_node(node), at)

    def graph_stats(self, at=None, limit: int = 10) -> dict:
        return self.graph_view.stats(at, limit)

    # --- review findings (review.findings) -------------------------------------------------------------------

    def findings(self, at=None, *, kind=None, code=None, doc=None, severity=None, authority=None):
        """Outdated and burdensome provisions on ``at`` (default today), best first, with reviewers' decisions;
        ``authority`` keeps those on the documents a province or city is responsible for.

        The rules run once per build and date: the list is kept (in memory and in the store) and read back by the
        next call, in this process or another (review.findings.cache)."""
        from review.findings import check_filters, compute_all, select
        from review.findings.cache import FindingsCache

        codes = [code] if isinstance(code, str) else code
        check_filters(codes, kind, severity)
        when = as_iso(at)
        if self._findings is None:
            self._findings = FindingsCache(self.store)
        every = self._findings.get(when, lambda: compute_all(self.snapshot, when))
        if authority:
            from review.identity import registry

            reg = registry()
            own = set(reg.responsible_for(reg.get(authority).code))
            records = self.store.document_records()
            every = tuple(f for f in every if records[f.doc].authority in own)
        found = select(
            every,
            self.store.decisions(),
            codes=codes,
            kind=kind,
            doc=self.resolve(doc) if doc else None,
            severity=severity,
        )
        from review.feedback.service import counts, has_feedback, with_feedback

        # Citizens' feedback on a provision raises its findings ("n phản ánh"); read only when there is some.
        if not has_feedback(self.store):
            return found
        return with_feedback(found, counts(self.store, self.snapshot, self.resolver))

    def findings_frame(self, at=None, **filters):
        """The findings as a pandas DataFrame (one row each; evidence and score parts as lists/dicts)."""
        import pandas as pd

        return pd.DataFrame([f.to_dict() for f in self.findings(at, **filters)])

    def decide(
        self,
        finding_id: str,
        decision: str | None,
        note: str | None = None,
        at=None,
        *,
        by: str | None = None,
        among=None,
        action: str = "decide",
    ):
        """Record a reviewer's decision (accept / reject, or None with a note) on a finding by its id; ``by``
        names the reviewer in the append-only history; ``among`` are findings already computed on ``at`` (the
        web app's), so that they are not computed again."""
        from review.errors import UsageError
        from review.findings import decide

        for f in among if among is not None else self.findings(at):
            if f.id == finding_id:
                decide(self.store, f, decision, note, by, action)
                return f
        raise UsageError(f"no finding {finding_id!r} on this corpus (on {at or 'today'})")

    def import_decisions(self, path, at=None):
        """Record the decisions and notes a reviewer filled in a workbook written by ``report`` on the findings of
        ``at``; returns the counts (review.findings.DecisionImport). The workbook is read first: a cell that is
        not a decision raises before anything is recorded."""
        from review.findings import import_decisions
        from review.report import read_xlsx_decisions

        wanted = read_xlsx_decisions(path)
        return import_decisions(self.store, self.findings(at), wanted)

    def report(self, folder, at=None, **filters) -> dict:
        """Write the HTML report and the XLSX workbook of the findings into ``folder``; returns their paths."""
        from pathlib import Path

        from review.report import write_html, write_xlsx

        folder = Path(folder)
        findings = self.findings(at, **filters)
        titles = {d.id: d.title or "" for d in self.snapshot.documents.values()}
        summary = self.store.summary()
        corpus_summary = {
            "Văn bản (documents)": summary["documents"],
            "Điều (articles)": summary["articles"],
            "Dẫn chiếu (references)": summary["references"],
        }
        html = write_html(
            findings, folder / "report.html", at=at, corpus_summary=corpus_summary, doc_titles=titles
        )
        xlsx = write_xlsx(findings, folder / "report.xlsx", at=at, doc_titles=titles)
        return {"html": str(html), "xlsx": str(xlsx), "findings": len(findings)}

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_corpus(path: str | Path = defaults.CORPUS_DIR) -> Corpus:
    return Corpus(path)
