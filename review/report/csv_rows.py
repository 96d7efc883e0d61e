"""Findings and procedures as flat CSV rows: one value per cell, lists joined with "; ", nested values as JSON.

The JSON renderings keep the nesting (``to_dict``); a spreadsheet needs one value per cell, so these are the rows
``review findings --format csv`` and ``review procedures --format csv`` write, with their columns in order.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from review.models import Finding

if TYPE_CHECKING:
    from review.findings.tthc import CostedProcedure

FINDING_CSV_COLUMNS = [
    *("id", "score", "severity", "code", "doc", "unit", "text", "action", "decision", "message"),
    *("message_en", "start", "end", "kind", "evidence", "ground", "score_parts"),
]
PROCEDURE_COLUMNS = [
    *("doc", "article", "heading", "time_limit_days", "working_days", "sets", "fees_vnd", "agencies"),
    *("validity_months", "missing", "cost_per_year_vnd"),
]
# The list fields of a procedure, one cell each.
_PROCEDURE_LISTS = ("dossier_items", "fees_vnd", "agencies", "methods", "missing")


def finding_csv_row(finding: Finding) -> dict[str, Any]:
    """A finding's fields with its evidence as one line per item ("relation doc unit date", joined by "; ")
    and its score parts as JSON."""
    row = finding.to_dict()
    row["evidence"] = "; ".join(
        " ".join(str(e[k]) for k in ("relation", "doc", "unit", "date") if e.get(k)) for e in row["evidence"]
    )
    row["score_parts"] = json.dumps(row["score_parts"])
    return row


def procedure_csv_row(procedure: CostedProcedure) -> dict[str, Any]:
    """A procedure's fields with its lists joined, and of its cost estimate only the yearly cost."""
    row = procedure.to_dict()
    for key in _PROCEDURE_LISTS:
        row[key] = "; ".join(map(str, row[key]))
    if "cost_estimate" in row:
        row["cost_per_year_vnd"] = row.pop("cost_estimate")["per_year_vnd"]
    return row
