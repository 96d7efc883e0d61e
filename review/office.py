"""The office's outputs over a corpus (issue 17, parts 2-5): the annual list of expired documents, the review
report, versions compared, merged provinces and the Akoma Ntoso export. A mixin of ``review.api.Corpus``, kept in
its own module so each job stays small; it reaches the rooms through the same attributes as the Corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from review.dates import as_iso


class OfficeMixin:
    # Provided by review.api.Corpus.
    store: Any
    snapshot: Any
    graph_view: Any
    findings: Any
    resolve: Any
    resolve_node: Any
    text_at: Any
    document: Any

    def expired(self, authority: str, year: int):
        """(authority name, review.report.expired.ExpiredEntry list): the documents of ``authority`` (an issuer's
        name, or a province's code with its merged predecessors) that expired in whole or in part in ``year``."""
        from review.findings.authority import authority_filter
        from review.report.expired import cited_dates, expired_in_year

        engine = self.graph_view.engine
        name, wanted = authority_filter(authority, engine.tl.docs | self.snapshot.documents)
        cited = cited_dates(self.snapshot.references, self.snapshot.documents)
        return name, expired_in_year(engine, int(year), wanted, cited)

    def review_report(self, folder, at=None, *, letterhead=None, authority: str | None = None) -> dict:
        """Write the review report (báo cáo kết quả rà soát) as ``bao-cao-ra-soat.docx`` and ``.html`` into
        ``folder`` (review.report.review_report): ``letterhead`` fields, a summary by action, one row per accepted
        proposal; with ``authority``, its findings only and its merger decisions as a last section."""
        from review.findings.merger import stored_decisions
        from review.report.review_report import write_review_outputs

        titles = {d.id: d.title or "" for d in self.snapshot.documents.values()}
        mergers = stored_decisions(self.store, self.snapshot, authority) if authority else []
        found = self.findings(at, authority=authority)
        return write_review_outputs(
            found, folder, at=at, letterhead=letterhead, titles=titles, mergers=mergers
        )

    def diff(self, a: str, b: str | None = None, *, from_=None, to=None):
        """Versions compared (review.diff.Comparison): one node on ``from_`` and on ``to`` (default today), or two
        (documents or units, e.g. the same subject in two provinces) on ``to``; units by clause, documents by
        article."""
        from review.diff import compare
        from review.errors import UsageError

        if b is None and from_ is None:
            raise UsageError("give --from DATE (and --to DATE) for one provision's versions, or two nodes")
        left, right = self.resolve_node(a), self.resolve_node(b or a)
        left_at, right_at = (as_iso(from_) if b is None else as_iso(to)), as_iso(to)
        texts = self.text_at(left, left_at).text, self.text_at(right, right_at).text
        by = "line" if "#" in left and "#" in right else "article"
        return compare(*texts, by=by, left_name=f"{left} ({left_at})", right_name=f"{right} ({right_at})")

    def merger(self, authority: str, at=None):
        """After a merger: the documents of ``authority`` and of the provinces merged into it in force on ``at``,
        grouped by subject, conflicting provisions side by side, the decision on each document
        (review.findings.merger.SubjectGroup)."""
        from review.findings.merger import merger_groups, stored_decisions

        decided = {d["doc"]: d for d in stored_decisions(self.store, self.snapshot, authority)}
        return merger_groups(self.snapshot, authority, as_iso(at), decided)

    def merger_decide(self, authority: str, doc: str, decision: str | None, note: str | None = None) -> dict:
        """Record what ``authority`` decides for a predecessor's document: keep (tiếp tục áp dụng), replace or
        repeal; ``None`` withdraws it."""
        from review.findings.merger import decide

        return decide(self.store, self.snapshot, authority, self.resolve(doc), decision, note)

    def rule_info(self, code: str) -> dict[str, Any]:
        """A findings rule as the catalogue states it (review/data/findings/rules.json): its code, kind, title and
        legal ground in Vietnamese and English. An unknown code is a UsageError."""
        from review.errors import UsageError
        from review.findings.catalogue import catalogue

        for row in catalogue():
            if row["code"] == code:
                return {"code": code, "kind": row["kind"], "title": row["title"], "ground": row["ground"]}
        raise UsageError(f"no findings rule {code!r} in the catalogue")

    def akn(self, doc_id: str) -> bytes:
        """The document as Akoma Ntoso 3.0 XML (review.export.akn): eIds are our unit ids, references are
        ``<ref>``, the lifecycle and passive modifications come from the graph's timelines."""
        from review.export import akn_of

        doc = self.document(doc_id)
        return akn_of(doc, self.store.references(doc.id), self.graph_view.timelines)


def expired_view(entries) -> dict:
    """The expired list's parts A and B as (heading, columns, rows) and the form they follow, for the shells."""
    from review.report.expired import form, parts

    return {"form": form(), "parts": parts(entries)}


def expired_file(entries, path, fmt: str, caption: str = "") -> Path:
    """The expired list written as csv, xlsx or docx (review.report.expired)."""
    from review.report.expired import write_expired_file

    return write_expired_file(entries, path, fmt, caption=caption)
