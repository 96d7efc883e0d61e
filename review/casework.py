"""The administrative-reform office's casework on a corpus (issue 16): the procedure (TTHC) catalogue, its cost
estimates and the local-against-central comparison, and citizens' feedback linked to provisions. A mixin of
``review.api.Corpus``, kept in its own module so each job stays small."""

from __future__ import annotations

from typing import Any

from review import defaults


class CaseworkMixin:
    # Provided by review.api.Corpus.
    store: Any
    snapshot: Any
    resolver: Any

    def resolve(self, text: str, *, cited: bool = False) -> str:  # pragma: no cover - Corpus defines it
        raise NotImplementedError

    def procedures(self, doc: str | None = None):
        """Administrative procedures (TTHC) laid down in the documents in force: one profile per article."""
        from review.findings.context import RuleContext
        from review.findings.tthc import profiles

        wanted = self.resolve(doc) if doc else None
        out = profiles(RuleContext.load(self.snapshot))
        return [p for p in out if wanted is None or p.doc == wanted]

    def catalogue(self, doc: str | None = None, at=None):
        """The procedure catalogue (review.procedures.ProcedureRecord): one record per procedure in the documents
        in force, with the fields of the national TTHC database, each with its provision and words or missing."""
        from review.dates import as_iso
        from review.findings.tthc import procedure_records

        wanted = self.resolve(doc) if doc else None
        day = as_iso(at)
        records = self.snapshot.derived(
            f"procedures.catalogue:{day}", lambda snap: procedure_records(self._rule_context(day))
        )
        return [r for r in records if wanted is None or r.doc == wanted]

    def catalogue_rows(
        self,
        doc: str | None = None,
        at=None,
        *,
        people: int | None = None,
        hourly_cost: float | None = None,
        hours: float = defaults.COST_HOURS_PER_APPLICATION,
        other_costs: float = defaults.COST_OTHER_VND,
    ) -> list[dict]:
        """The catalogue as plain dicts; with ``people`` and ``hourly_cost``, each with one Standard Cost Model
        estimate (``cost_estimate``, parameters shown), counted once per procedure."""
        from review.procedures.cost import Parameters, estimate

        params = Parameters(people, hourly_cost, hours, other_costs) if people and hourly_cost else None
        out = []
        for r in self.catalogue(doc, at):
            row = r.to_dict()
            if params is not None:
                row["cost_estimate"] = estimate(r, params).to_dict()
            out.append(row)
        return out

    def import_feedback(self, path, mapping: str | None = None):
        """Read a feedback file (CSV, XLSX, JSONL) into the store and link every record (review.feedback)."""
        from review.feedback.service import import_file

        return import_file(self.store, self.snapshot, self.resolver, path, mapping)

    def feedback(self, doc: str | None = None, unit: str | None = None, *, unlinked: bool = False):
        """The feedback records with their provision links (re-linked when the corpus changed)."""
        from review.feedback.service import listing

        return listing(
            self.store, self.snapshot, self.resolver, self.resolve(doc) if doc else None, unit, unlinked
        )

    def feedback_frame(self, show_sender: bool = False):
        """One row per (record, link) — a record with no link has one row with empty link columns."""
        import pandas as pd

        from review.feedback.service import frame_rows

        return pd.DataFrame(frame_rows(self.feedback(), show_sender))

    def procedure_comparisons(self, at=None) -> list[dict]:
        """Each local procedure against the central one it cites (review.procedures.compare): the competence
        question, then dossier items, time limits, fees, agencies and confirmations added — or why no central
        procedure could be compared."""
        from review.procedures.compare import local_reviews

        return local_reviews(self.catalogue(at=at), self.snapshot.references_by_doc, self.snapshot.documents)

    def _rule_context(self, at=None):
        from review.findings.context import RuleContext

        return RuleContext.load(self.snapshot, at)

    def costed_procedures(
        self,
        doc: str | None = None,
        *,
        people: int | None = None,
        hourly_cost: float | None = None,
        hours: float = defaults.COST_HOURS_PER_APPLICATION,
        other_costs: float = defaults.COST_OTHER_VND,
    ):
        """The procedures (review.findings.tthc.CostedProcedure), each with a compliance-cost estimate when both
        ``people`` and ``hourly_cost`` are given (Standard Cost Model: time × hourly cost + fees + other costs,
        × people × frequency), labelled as an estimate and carrying its inputs."""
        from review.findings.tthc import CostedProcedure, CostParameters, compliance_cost

        params = CostParameters(people, hourly_cost, hours, other_costs) if people and hourly_cost else None
        return [
            CostedProcedure(p, compliance_cost(p, params) if params else None) for p in self.procedures(doc)
        ]

    def procedures_frame(
        self,
        doc: str | None = None,
        *,
        people: int | None = None,
        hourly_cost: float | None = None,
        hours: float = defaults.COST_HOURS_PER_APPLICATION,
        other_costs: float = defaults.COST_OTHER_VND,
    ):
        """The procedures as a DataFrame; with ``people`` and ``hourly_cost``, the estimate of
        ``costed_procedures`` in columns, its inputs in the ``cost_inputs`` column."""
        import pandas as pd

        rows = []
        for item in self.costed_procedures(
            doc, people=people, hourly_cost=hourly_cost, hours=hours, other_costs=other_costs
        ):
            row = item.profile.to_dict()
            if (est := item.estimate) is not None:
                row.update(
                    cost_per_application_vnd=est.per_application_vnd,
                    cost_per_year_vnd=est.per_year_vnd,
                    frequency_per_year=est.frequency_per_year,
                    cost_label=est.label,
                    cost_inputs=est.inputs,
                )
            rows.append(row)
        return pd.DataFrame(rows)
