"""Renderings of review findings for the people who act on them: legal staff (rà soát, hệ thống hóa).

Findings are computed in English codes; reviewers read Vietnamese and work in a browser or in Excel. This
package turns a list of ``review.models.Finding`` into:

- ``write_html`` — one self-contained HTML report (no external asset), grouped by document, with summaries,
  the matched words highlighted in their provision, the evidence linked between documents;
- ``write_xlsx`` — a workbook to sort, filter and fill in (decision dropdown, note column);
- ``read_xlsx_decisions`` — the decisions and notes a reviewer filled in, ready to import;
- ``finding_csv_row``, ``procedure_csv_row`` — flat rows for CSV (``csv_rows``).

Jinja2 and openpyxl are imported here only (ARCHITECTURE.md, rooms). Every file is written atomically.
"""

from review.report.csv_rows import finding_csv_row, procedure_csv_row
from review.report.html_report import render_html, write_html
from review.report.xlsx_report import read_xlsx_decisions, write_xlsx

__all__ = [
    "finding_csv_row",
    "procedure_csv_row",
    "read_xlsx_decisions",
    "render_html",
    "write_html",
    "write_xlsx",
]
