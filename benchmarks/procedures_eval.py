"""Procedure fields against the hand-read tables (tests/data/README.md): the dev tables on the demo corpus and on
the vbpl pages (``procedures_check_heldout4.jsonl`` to ``…heldout8.jsonl``, opened after their blind scores), and
the held-back table of the vbpl pages (``procedures_check_heldout9.jsonl``), whose figure alone is given — never which rows or fields
disagree, so that nobody fixing rules learns them from it.

The vbpl tables were read from a store built from ../shared's ``vbpl_docs.jsonl``; this builds the same store
(about a minute) unless ``--vbpl-corpus`` names one.

    python -m benchmarks.procedures_eval [--vbpl-corpus DIR] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.shared import VBPL_JSONL, require

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
DEV_TABLES = (
    ("dev", "procedures_check.jsonl"),
    ("dev2", "procedures_check_dev2.jsonl"),
    ("dev3", "procedures_check_heldout2.jsonl"),
    ("dev4", "procedures_check_heldout3.jsonl"),
)
VBPL_DEV = (
    ("dev5", "procedures_check_heldout4.jsonl"),
    ("dev6", "procedures_check_heldout5.jsonl"),
    ("dev7", "procedures_check_heldout6.jsonl"),
    ("dev8", "procedures_check_heldout7.jsonl"),
    ("dev9", "procedures_check_heldout8.jsonl"),
)
HELD_BACK = "procedures_check_heldout9.jsonl"


def field_value(record: dict, key: str) -> Any:
    """A record's value for a column of the hand-read tables, in the tables' form."""
    f = record["fields"]

    def v(k: str) -> Any:
        return None if f[k] is None else f[k]["value"]

    if key == "time_limit":
        t = v("time_limit")
        return None if t is None else [t["days"], t["working"]]
    if key == "deciding":
        return (v("agency") or {}).get("deciding")
    if key == "dossier_count":
        return len((v("dossier") or {"items": []})["items"])
    if key == "sets":
        return (v("dossier") or {}).get("sets")
    if key == "methods":
        return sorted(v("methods") or []) or None
    return v(key)


def agreement(records: dict[str, dict], table: Path) -> tuple[int, int, list[tuple[str, str]]]:
    """(fields agreed, fields, the (row id, field) pairs that disagree). A row matches the record of its id or of
    the same provisions (whichever of its articles names it); a row the catalogue does not produce with the same
    provisions counts every field as wrong."""
    checks = [json.loads(line) for line in table.read_text("utf-8").splitlines() if line.strip()]
    by_provisions = {tuple(r["provisions"]): r for r in records.values()}
    total = agree = 0
    wrong = []
    for check in checks:
        record = records.get(check["id"]) or by_provisions.get(tuple(check["provisions"]))
        for key, row in check["fields"].items():
            total += 1
            if record is not None and record["provisions"] == check["provisions"]:
                if field_value(record, key) == row["expected"]:
                    agree += 1
                    continue
            wrong.append((check["id"], key))
    return agree, total, wrong


def _records(folder: Path) -> dict[str, dict]:
    import review

    with review.open_corpus(folder) as c:
        return {r["id"]: r for r in c.catalogue_rows()}


def _build(sources: list[Path], folder: Path) -> Path:
    from review.build import build

    build(sources, folder, jobs=2)
    return folder


def _figures(records: dict[str, dict], table: str) -> dict[str, Any]:
    agree, total, _ = agreement(records, DATA / table)
    return {"table": table, "agree": agree, "fields": total, "agreement": round(agree / total, 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--vbpl-corpus", help="a store built from vbpl_docs.jsonl (built here when not given)")
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args(argv)
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        demo = _records(_build([ROOT / "corpus"], Path(tmp) / "demo"))
        for name, table in DEV_TABLES:
            out[name] = _figures(demo, table)
        if require(VBPL_JSONL) is not None:
            folder = Path(args.vbpl_corpus) if args.vbpl_corpus else _build([VBPL_JSONL], Path(tmp) / "vbpl")
            vbpl = _records(folder)
            for name, table in (*VBPL_DEV, ("held_back", HELD_BACK)):
                if not (DATA / table).exists():
                    continue
                out[name] = _figures(vbpl, table)
    for name, figures in out.items():
        print(
            f"procedure fields ({name}): {figures['agree']}/{figures['fields']} = {figures['agreement']:.3f}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
