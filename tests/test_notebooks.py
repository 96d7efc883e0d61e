"""The notebooks in notebooks/ run top to bottom on the demo corpus with the public API, and are stored clean.

The demo corpus is built once (module fixture) into a temporary folder; every notebook reads it through the
``REVIEW_NOTEBOOK_CORPUS`` environment variable, which the kernel inherits."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")


ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NAMES = ["01_search_and_read.ipynb", "02_citation_graph.ipynb", "03_burden_and_outdatedness.ipynb"]
CELL_TIMEOUT = 300


@pytest.fixture(scope="module")
def corpus_dir(demo_corpus) -> Path:
    return demo_corpus  # corpus/ as make demo builds it (tests/conftest.py)


def _read(name: str):
    return nbformat.read(NOTEBOOKS / name, as_version=4)


def _execute(name: str, corpus_dir: Path, monkeypatch):
    nb = _read(name)
    monkeypatch.setenv("REVIEW_NOTEBOOK_CORPUS", str(corpus_dir))
    monkeypatch.delenv("MPLBACKEND", raising=False)
    client = nbclient.NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    return nb


def _outputs(cell) -> list:
    return cell.get("outputs", [])


def _mime(cell, mime: str) -> list[str]:
    return [o["data"][mime] for o in _outputs(cell) if mime in o.get("data", {})]


def _text(cell) -> str:
    parts = [o.get("text", "") for o in _outputs(cell) if o["output_type"] == "stream"]
    parts += _mime(cell, "text/plain") + _mime(cell, "text/html")
    return "\n".join(parts)


@pytest.mark.parametrize("name", NAMES)
def test_stored_without_outputs(name):
    nb = _read(name)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, name
    for cell in code:
        assert cell.execution_count is None, (name, cell.source[:60])
        assert cell.outputs == [], (name, cell.source[:60])


@pytest.mark.parametrize("name", NAMES)
def test_public_api_only(name):
    """Notebooks reach the package through ``import review`` and the documented names, not its modules."""
    source = "\n".join(c.source for c in _read(name).cells if c.cell_type == "code")
    assert "import review\n" in source
    assert "from review" not in source
    assert set(re.findall(r"\breview\.(\w+)", source)) <= {"open_corpus", "build", "ReviewError"}


def test_01_search_and_read(corpus_dir, monkeypatch):
    nb = _execute(NAMES[0], corpus_dir, monkeypatch)
    code = [c for c in nb.cells if c.cell_type == "code"]
    html = [h for c in code for h in _mime(c, "text/html")]
    assert sum("<table" in h for h in html) >= 8  # the DataFrames render as HTML tables
    assert any("<b>" in h for h in html)  # the snippets, shown as HTML with the matches in bold
    text = "\n".join(_text(c) for c in code)
    assert "first hit: 26/2026/NĐ-CP" in text  # "NĐ 26/2026" puts that decree first
    assert "provisions match" in text


def test_02_citation_graph(corpus_dir, monkeypatch):
    nb = _execute(NAMES[1], corpus_dir, monkeypatch)
    code = [c for c in nb.cells if c.cell_type == "code"]
    plots = [c for c in code if "plot" in c.metadata.get("tags", [])]
    assert len(plots) == 2
    for cell in plots:
        assert _mime(cell, "image/png"), cell.source[:60]
    text = "\n".join(_text(c) for c in code)
    assert "MultiDiGraph" in text
    assert "decree: " in text and "NĐ-CP" in text
    assert sum("<table" in h for c in code for h in _mime(c, "text/html")) >= 6


def test_03_burden_and_outdatedness(corpus_dir, monkeypatch):
    nb = _execute(NAMES[2], corpus_dir, monkeypatch)
    code = [c for c in nb.cells if c.cell_type == "code"]
    plots = [c for c in code if "plot" in c.metadata.get("tags", [])]
    assert len(plots) == 4
    for cell in plots:
        assert _mime(cell, "image/png"), cell.source[:60]
    text = "\n".join(_text(c) for c in code)
    assert "findings on" in text
    assert "procedure articles" in text
    assert "estimate" in text.lower()


def test_kernel_is_this_interpreter(corpus_dir, monkeypatch):
    """The "python3" kernelspec resolves to the interpreter running the tests (the one with ``review``)."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import sys, review\nprint(sys.executable)")]
    monkeypatch.setenv("REVIEW_NOTEBOOK_CORPUS", str(corpus_dir))
    nbclient.NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    printed = nb.cells[0].outputs[0]["text"].strip()
    assert Path(printed).resolve() == Path(sys.executable).resolve()
