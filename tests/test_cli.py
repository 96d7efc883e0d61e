"""The CLI: JSON on stdout, one clear line per error on stderr, exit codes per CONTRACT.md."""

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from review.cli import main

DATA = Path(__file__).parent / "data"


def test_parse_json():
    result = CliRunner().invoke(main, ["parse", str(DATA / "html" / "vbpl_doc_000745.html")])
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.output)
    assert doc["id"] == "45/2025/QĐ-TTg"
    assert "Quyết định" in result.output  # real characters, not \\u escapes
    assert set(doc) >= {
        "id",
        "number",
        "type",
        "issuer",
        "title",
        "issued",
        "effective",
        "language",
        "source",
        "units",
    }


def test_parse_text_outline():
    result = CliRunner().invoke(
        main, ["parse", "--format", "text", str(DATA / "html" / "vbpl_doc_000745.html")]
    )
    assert result.exit_code == 0
    assert "Điều 6 Điều khoản thi hành  [dieu_6]" in result.output


def test_error_is_one_line_with_code_and_exit_1(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["parse", str(empty)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith("error: E102") and str(empty) in lines[0]


def test_usage_error_exit_2():
    result = CliRunner().invoke(main, ["parse"])
    assert result.exit_code == 2


def test_build_summary_and_docs(tmp_path):
    runner = CliRunner()
    corpus = tmp_path / "idx"
    result = runner.invoke(main, ["build", str(DATA / "html"), "--corpus", str(corpus), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "documents" in result.output and "by type:" in result.output
    listed = runner.invoke(main, ["docs", "--corpus", str(corpus), "--format", "json"])
    ids = {d["id"] for d in json.loads(listed.output)}
    assert {"45/2025/QĐ-TTg", "PĐ-44.12"} <= ids
    shown = runner.invoke(main, ["show", "45/2025/QĐ-TTg", "--corpus", str(corpus)])
    assert json.loads(shown.output)["type"] == "Quyết định"


def test_python_dash_m_review():
    result = subprocess.run(
        [sys.executable, "-m", "review", "--help"], capture_output=True, text=True, check=True
    )
    assert "build" in result.stdout and "parse" in result.stdout


def test_readme_commands_exist():
    """Docs tested against --help: every `review <command>` the README shows is a real command."""
    import re

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"^\s*(?:\$ )?review ([a-z]+)", readme, re.MULTILINE))
    assert shown, "README shows no review command"
    assert shown <= set(main.commands), shown - set(main.commands)
