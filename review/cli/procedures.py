"""`review procedures`: the procedure catalogue as JSON, a table with Vietnamese headers, CSV (UTF-8 with a BOM,
so that Excel shows Vietnamese), or an XLSX in the shape of the annex of a Quyết định công bố TTHC."""

from __future__ import annotations

import csv
import sys
from typing import Any

import click

from review import defaults
from review.cli.options import corpus_option, format_option
from review.cli.output import dumps, handle_errors

COLUMNS = (
    ("id", "Mã (id)"),
    ("name", "Tên thủ tục (name)"),
    ("provisions", "Điều khoản (provisions)"),
    ("dossier", "Số thành phần hồ sơ (dossier items)"),
    ("sets", "Số bộ (sets)"),
    ("time_limit", "Thời hạn (time limit)"),
    ("methods", "Cách thức (methods)"),
    ("agency", "Cơ quan quyết định (deciding agency)"),
    ("result", "Kết quả (result)"),
    ("fees", "Phí, lệ phí (fees)"),
    ("missing", "Thiếu thành phần (missing)"),
    ("cost_per_year_vnd", "Chi phí tuân thủ/năm, ước tính (SCM estimate)"),
)


def flat_row(record: dict[str, Any]) -> dict[str, Any]:
    """One record as one line of cells."""
    f = record["fields"]

    def v(key):
        return None if f.get(key) is None else f[key]["value"]

    dossier = v("dossier") or {}
    limit = v("time_limit")
    agency = v("agency") or {}
    fees = v("fees")
    return {
        "id": record["id"],
        "name": record["name"],
        "provisions": "; ".join(record["provisions"]),
        "dossier": len(dossier.get("items", [])) if dossier else "",
        "sets": dossier.get("sets") or "",
        "time_limit": _time_limit_vi(limit),
        "methods": ", ".join(v("methods") or []),
        "agency": agency.get("deciding") or "; ".join(agency.get("agencies", [])[:2]),
        "result": v("result") or "",
        "fees": ("; ".join(map(str, fees)) if isinstance(fees, list) else fees) if fees is not None else "",
        "missing": ", ".join(record["missing"]),
        "cost_per_year_vnd": (record.get("cost_estimate") or {}).get("per_year_vnd", ""),
    }


@click.command("procedures")
@click.option("--doc", help="Only this document's procedures.")
@click.option("--people", type=click.IntRange(1), help="Cost estimate: people or firms doing it each year.")
@click.option("--hourly-cost", type=float, help="Cost estimate: cost of one hour of their time (VND).")
@click.option(
    "--hours",
    type=float,
    default=defaults.COST_HOURS_PER_APPLICATION,
    show_default=True,
    help="Cost estimate: hours per application.",
)
@click.option(
    "--other-costs",
    type=float,
    default=defaults.COST_OTHER_VND,
    show_default=True,
    help="Copies, travel, postage (VND).",
)
@click.option("--out", type=click.Path(dir_okay=False), help="With --format xlsx: the workbook to write.")
@click.option(
    "--compare",
    is_flag=True,
    help="Each local procedure against the central one it cites (competence, dossier items, time limits, fees, "
    "agencies and confirmations added), as JSON or a table.",
)
@corpus_option()
@format_option("json", "csv", "table", "xlsx", default="json")
@handle_errors
def procedures(doc, people, hourly_cost, hours, other_costs, out, compare, corpus, fmt) -> None:
    """The administrative procedures (TTHC) in force as a catalogue: one record per procedure with the components
    of Nghị định 63/2010/NĐ-CP Điều 8 (as amended by Nghị định 92/2017/NĐ-CP), each with its provision and words or
    marked missing; with --people and --hourly-cost, a compliance-cost estimate counted once per procedure
    (Standard Cost Model, labelled as an estimate, its parameters shown)."""
    from review.api import open_corpus

    if compare:
        return _comparisons(corpus, doc, fmt)
    with open_corpus(corpus) as c:
        records = c.catalogue_rows(
            doc, people=people, hourly_cost=hourly_cost, hours=hours, other_costs=other_costs
        )
    if fmt == "json":
        click.echo(dumps(records))
        return
    if fmt == "xlsx":
        from review.api import procedure_fields
        from review.report.tthc_xlsx import write_catalogue

        path = write_catalogue(records, procedure_fields(), out or "thu_tuc_hanh_chinh.xlsx")
        click.echo(dumps({"xlsx": str(path), "procedures": len(records)}))
        return
    rows = [flat_row(r) for r in records]
    if fmt == "csv":
        text = sys.stdout
        text.write("\ufeff")  # a UTF-8 BOM: Excel then reads the file as UTF-8
        w = csv.DictWriter(text, fieldnames=[label for _, label in COLUMNS])
        w.writeheader()
        for r in rows:
            w.writerow({label: r[key] for key, label in COLUMNS})
        text.flush()
        return
    shown = [
        c for c in COLUMNS if c[0] in ("name", "provisions", "dossier", "time_limit", "agency", "missing")
    ]
    widths = {"name": 48, "provisions": 30, "dossier": 6, "time_limit": 18, "agency": 34, "missing": 40}
    click.echo(" | ".join(label.split(" (")[0].ljust(widths[k])[: widths[k]] for k, label in shown))
    click.echo("-+-".join("-" * widths[k] for k, _ in shown))
    for r in rows:
        click.echo(" | ".join(str(r[k]).replace("\n", " ").ljust(widths[k])[: widths[k]] for k, _ in shown))


def _time_limit_vi(limit: dict | None) -> str:
    """A time limit as legal staff write it; 0 days is "ngay trong ngày" (same day, or on receipt)."""
    if not limit:
        return ""
    if limit["days"] == 0:
        return "ngay trong ngày"
    return f"{limit['days']} {'ngày làm việc' if limit['working'] else 'ngày'}"


def _comparisons(corpus, doc, fmt) -> None:
    """``--compare``: one row per difference (Vietnamese headers in the table)."""
    from review.api import open_corpus

    with open_corpus(corpus) as c:
        wanted = c.resolve(doc) if doc else None
        items = [
            i for i in c.procedure_comparisons() if wanted is None or i["procedure"].split("#")[0] == wanted
        ]
    if fmt == "json":
        click.echo(dumps(items))
        return
    if fmt != "table":
        raise click.UsageError("--compare answers as json or table")
    click.echo("Thủ tục địa phương | Thủ tục trung ương | Khác biệt | Nội dung | Căn cứ")
    for item in items:
        if not item[
            "differences"
        ]:  # say what was compared, so that "no difference" is not read as "not compared"
            seen = "; ".join(f"{c['label']}: {c['outcome']}" for c in item["compared"])
            cells = [item["procedure"], item["central"] or "—", "Không thấy khác biệt", seen, ""]
            click.echo(" | ".join(str(x).replace("\n", " ") for x in cells))
        for d in item["differences"]:
            cells = [
                item["procedure"],
                item["central"] or "—",
                d["label"],
                d["detail"],
                d.get("ground") or "",
            ]
            click.echo(" | ".join(str(x).replace("\n", " ") for x in cells))
