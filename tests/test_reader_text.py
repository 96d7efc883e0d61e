"""What legal staff read (issue 12.9): dates typed dd/mm/yyyy or ISO and shown dd/mm/yyyy, vocabulary values in
Vietnamese with the English term, tables with headers and "none found", CSV with a byte-order mark, files with
the user's umask, and no internal provenance tags."""

from __future__ import annotations

import os
import stat

import networkx as nx
import pytest
from click.testing import CliRunner

from review.cli import main
from review.cli.table import NONE_FOUND, label, render
from review.dates import as_iso, vi_date
from review.errors import UsageError
from review.graph.export import export
from review.text.display import for_reader


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("2026-03-10", "2026-03-10"),
        ("10/03/2026", "2026-03-10"),
        ("1/3/2026", "2026-03-01"),
        ("10-03-2026", "2026-03-10"),
        ("10.03.2026", "2026-03-10"),
        (" 31/12/2025 ", "2025-12-31"),
    ],
)
def test_dates_are_accepted_as_users_type_them(typed, iso):
    assert as_iso(typed) == iso


@pytest.mark.parametrize(
    "typed", ["31/02/2026", "2026/03/10", "03-2026", "1e20", "13/13/2026", "hôm nay", ""]
)
def test_what_is_not_a_date_is_a_usage_error(typed):
    with pytest.raises(UsageError):
        as_iso(typed)


@pytest.mark.parametrize(
    ("value", "shown"),
    [("2026-03-10", "10/03/2026"), (None, ""), ("không rõ", "không rõ"), ("2026-3-1", "2026-3-1")],
)
def test_dates_are_shown_day_first(value, shown):
    assert vi_date(value) == shown


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("status", "partly_expired", "Hết hiệu lực một phần (partly_expired)"),
        ("relation", "legal_basis", "căn cứ (legal_basis)"),
        ("action", "amend", "sửa đổi, bổ sung (amend)"),
        ("severity", "high", "cao (high)"),
        ("kind", "unit_repealed", "điều khoản bị bãi bỏ (unit_repealed)"),
        ("effective", "2025-03-01", "01/03/2025"),
        ("status", "not_a_status", "not_a_status"),  # an unknown value shows as it is
        ("title", "in_force", "in_force"),  # only vocabulary fields are translated
        ("sets", ["bản chính", "bản sao"], "bản chính; bản sao"),
        ("online", True, "có"),
    ],
)
def test_table_cells(key, value, shown):
    assert label(key, value) == shown


def test_a_table_has_headers_and_an_empty_one_says_none_found():
    text = render([{"id": "1/2025/NĐ-CP", "status": "in_force"}], ["id", "status"])
    head, rule, row, count = text.splitlines()
    assert head.startswith("Số hiệu (id)") and "Trạng thái (status)" in head and set(rule) <= {"─", " "}
    assert "Còn hiệu lực (in_force)" in row and count == "(1 dòng — rows)"
    assert render([], ["id"]) == NONE_FOUND


@pytest.mark.parametrize(
    ("note", "shown"),
    [
        ("snapshot 2026, 3,927 procedures (domain notes §6.3) [V2]", "snapshot 2026, 3,927 procedures"),
        ("CMND valid until 31/12/2024 [R]", "CMND valid until 31/12/2024 (chưa kiểm chứng — unverified)"),
        (
            "no longer exists (merged_into); suggest “Bộ Nội vụ”",
            "no longer exists (merged); suggest “Bộ Nội vụ”",
        ),
        ("Điều 8 khoản 2 [V]; portal [V2 S1]", "Điều 8 khoản 2; portal"),
        ("Nghị định 63/2010/NĐ-CP", "Nghị định 63/2010/NĐ-CP"),  # nothing to clean
    ],
)
def test_internal_tags_are_not_shown(note, shown):
    assert for_reader(note) == shown


def test_graph_export_gets_the_users_umask_and_csv_a_bom(tmp_path):
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", key="cites", relation="cites", text="Căn cứ Luật Đất đai")
    old = os.umask(0o022)
    try:
        graphml = export(g, tmp_path / "g.graphml")
        csv_file = export(g, tmp_path / "g.csv")
    finally:
        os.umask(old)
    assert stat.S_IMODE(graphml.stat().st_mode) == 0o644
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf") and "Căn cứ" in csv_file.read_text("utf-8-sig")


def test_cli_tables_and_csv_on_the_demo_corpus(demo_corpus):
    run = CliRunner().invoke
    docs = run(main, ["docs", "--corpus", str(demo_corpus), "--authority", "HN"])
    assert docs.exit_code == 0 and docs.stdout.startswith("Số hiệu (id)") and "@HN" in docs.stdout
    deps = run(
        main,
        [
            "graph",
            "deps",
            "13/2025/QĐ-UBND@HN",
            "--corpus",
            str(demo_corpus),
            "--relation",
            "legal_basis",
            "--format",
            "table",
        ],
    )
    assert deps.exit_code == 0 and "căn cứ (legal_basis)" in deps.stdout and "01/03/2025" in deps.stdout
    status = run(
        main,
        ["status", "26/2026/NĐ-CP", "--corpus", str(demo_corpus), "--at", "01/03/2026", "--format", "table"],
    )
    assert status.exit_code == 0 and "Còn hiệu lực (in_force) ngày 01/03/2026" in status.stdout
    bad = run(main, ["status", "26/2026/NĐ-CP", "--corpus", str(demo_corpus), "--at", "31/02/2026"])
    assert bad.exit_code == 1 and "no such day" in bad.stderr
    found = run(main, ["findings", "--corpus", str(demo_corpus), "--limit", "2", "--format", "csv"])
    assert found.exit_code == 0 and found.stdout.startswith("\ufeffid,")
    table = run(main, ["findings", "--corpus", str(demo_corpus), "--limit", "5", "--format", "table"])
    assert "→ sửa đổi" in table.stdout or "→ bãi bỏ" in table.stdout or "→ thay thế" in table.stdout
    assert "[V2]" not in table.stdout and "merged_into" not in table.stdout
    none = run(
        main,
        [
            "findings",
            "--corpus",
            str(demo_corpus),
            "--doc",
            "04/2025/QĐ-UBND@HN",
            "--code",
            "BUR-FEE",
            "--format",
            "table",
        ],
    )
    assert none.exit_code == 0 and NONE_FOUND in none.stdout
