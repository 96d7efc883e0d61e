"""The README is a test: every shell block and every Python block of README.md runs on the demo corpus, so an
example that stops working fails here, and a new example is tested by being written.

Shell blocks run as bash scripts (``set -e``: every command must succeed) in a folder holding ``corpus/`` and a
copy of the built demo corpus as ``indexes/``, with the project's ``review`` first on PATH. Not run: ``make``
(the set-up itself) and ``review serve`` (a server that does not return; tests/test_web.py drives it).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
_BLOCK = re.compile(r"^```(sh|python)\n(.*?)^```", re.S | re.M)
_SKIP = re.compile(r"^\s*(?:make\s|review\s+serve\b)")


def blocks() -> list[tuple[str, str, int]]:
    text = README.read_text(encoding="utf-8")
    return [(m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1) for m in _BLOCK.finditer(text)]


def test_the_readme_has_examples():
    kinds = [k for k, _, _ in blocks()]
    assert kinds.count("sh") >= 4 and kinds.count("python") >= 3


@pytest.fixture
def workdir(demo_copy, tmp_path) -> Path:
    (tmp_path / "corpus").symlink_to(ROOT / "corpus")
    return tmp_path  # demo_copy is tmp_path / "indexes"


@pytest.mark.parametrize("kind,body,line", blocks(), ids=lambda v: str(v) if isinstance(v, int) else None)
def test_readme_block_runs(kind, body, line, workdir):
    if kind == "sh":
        script = "\n".join(x for x in body.splitlines() if not _SKIP.match(x))
        if not script.strip():
            pytest.skip("set-up commands only")
        env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
        done = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", script],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, f"README.md line {line}:\n{script}\n--- stderr:\n{done.stderr[-3000:]}"
    else:
        cwd = os.getcwd()
        os.chdir(workdir)
        try:
            exec(compile("import review\n" + body, f"README.md:{line}", "exec"), {})
        finally:
            os.chdir(cwd)
