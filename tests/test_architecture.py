"""The house rules of docs/ARCHITECTURE.md, checked on the code: which room may import which, where each heavy
dependency lives, where SQL is written, and how long a module may grow.

The import rules are a table (``ALLOWED``): a room imports only the rooms listed for it, so data flows one way
(ingest → structure → annotate → store → search/graph → findings → presentation). A new import that breaks the
flow fails here with the module and the line."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "review"

# Rooms every room may use: the vocabulary, errors, defaults, dates, the dataclasses, and text normalisation.
BASE = {"vocab", "errors", "defaults", "dates", "models", "text", "notes", "files"}
ALLOWED: dict[str, set[str]] = {
    "vocab": set(),
    "errors": set(),
    "defaults": set(),
    "dates": {"errors"},
    "notes": set(),
    "files": set(),
    "models": {"vocab"},
    "text": {"vocab", "errors", "defaults"},
    "identity": BASE,
    "ingest": BASE,
    "structure": BASE | {"identity"},
    "annotate": BASE | {"identity"},
    "store": BASE,
    "search": BASE | {"store", "identity"},
    "graph": BASE | {"store"},
    "findings": BASE | {"store", "graph", "identity", "procedures", "diff"},
    # The procedure catalogue: field extractors over units, the cost model, local against central; the quoted new
    # text of an amended article is read by structure's line numbering (review.structure.lines.classify).
    "procedures": BASE | {"structure"},
    # Citizens' feedback: import files, link records to provisions (references, then accent-insensitive words).
    "feedback": BASE | {"store", "annotate", "identity"},
    # Versions compared (difflib over texts) and exchange formats (Akoma Ntoso, written with xml.etree).
    "diff": BASE,
    "export": BASE,
    "report": BASE | {"findings"},
    "batch": set(),
    "pipeline": BASE | {"ingest", "structure", "annotate", "store", "search", "identity"},
    # References of texts and files outside a corpus (review refs): parse, then annotate.
    "refs": BASE | {"ingest", "structure", "annotate", "identity"},
    "build": BASE | {"pipeline", "batch", "ingest", "store"},
    # The office's casework on a corpus (a mixin of api.Corpus): the TTHC catalogue and citizens' feedback.
    "casework": BASE | {"store", "findings", "procedures", "feedback"},
    # The review team's side of a corpus (a mixin of api.Corpus): decisions' history, assignments, accounts.
    "team": BASE | {"store"},
    # The office's outputs (issue 17, parts 2-5), a mixin of Corpus like team.
    "office": BASE | {"identity", "store", "graph", "findings", "report", "diff", "export"},
    # The library's front door: it may use every room.
    "api": BASE
    | {
        "identity",
        "ingest",
        "structure",
        "annotate",
        "store",
        "search",
        "graph",
        "findings",
        "report",
        "build",
        "refs",
        "diff",
        "export",
        "team",
        "casework",
        "procedures",
        "feedback",
        "office",
    },
    "__init__": {"api", "annotate", "build", "errors", "models"},
    "__main__": {"cli"},
    # The shells use the public API (review/__init__.py, review.api) and the vocabulary, nothing inside.
    "cli": BASE | {"api", "__init__", "web", "ingest", "build", "refs", "report"},
    "web": BASE | {"api", "__init__"},
}
# Each heavy dependency in one room (docs/ARCHITECTURE.md, Rooms).
HEAVY = {
    "pdfplumber": {"ingest"},
    "pypdfium2": {"ingest"},
    "pdfminer": {"ingest"},
    "docx": {"ingest", "report"},
    "lxml": {"ingest"},
    "bs4": {"ingest"},
    "spacy": {"annotate"},
    "whoosh": {"search"},
    "tantivy": {"search"},
    "networkx": {"graph"},
    "flask": {"web"},
    "click": {"cli"},
    "openpyxl": {"report", "feedback"},
    "jinja2": {"report"},
    "pandas": {"api", "casework"},  # the frames of the Python API (casework is a part of api.Corpus)
    "sqlite3": {"store"},
    "dask": {"batch"},
    "distributed": {"batch"},
}
MAX_LINES = 500
_SQL = re.compile(r"\b(?:SELECT\s+[\w*(]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b")


def _room(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "data" not in p.relative_to(PACKAGE).parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported module) of every import, relative ones resolved against the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = path.relative_to(PACKAGE.parent).with_suffix("").parts
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + (1 if path.name == "__init__.py" else 0)]
                module = ".".join((*base, node.module)) if node.module else ".".join(base)
            else:
                module = node.module or ""
            out.append((node.lineno, module))
            if module == "review":  # "from review import open_corpus": the package's front door
                out.extend((node.lineno, f"review.{a.name}") for a in node.names if a.name in ALLOWED)
    return out


def violations(rules: dict[str, set[str]] = ALLOWED) -> list[str]:
    found = []
    for path in _modules():
        room = _room(path)
        allowed = rules.get(room)
        for line, module in _imports(path):
            where = f"{path.relative_to(PACKAGE.parent)}:{line}"
            top = module.split(".")[0]
            if top in HEAVY and room not in HEAVY[top]:
                found.append(f"{where} imports {module} (only {', '.join(sorted(HEAVY[top]))} may)")
            if top != "review" or module == "review":
                continue
            target = module.split(".")[1]
            if target == room:
                continue
            if allowed is None:
                found.append(f"{where}: room {room!r} has no import rule (add it to ALLOWED)")
            elif target not in allowed:
                found.append(f"{where}: {room} imports review.{target}, which it may not")
    return found


def test_rooms_import_only_what_the_rules_allow():
    assert violations() == []


def test_the_check_catches_a_broken_rule():
    # The same check with one allowance taken away must report the imports that used it: the test can fail.
    strict = {**ALLOWED, "graph": ALLOWED["graph"] - {"store"}}
    broken = violations(strict)
    assert broken and all("graph" in v and "review.store" in v for v in broken)


def test_sql_only_in_the_store():
    offenders = []
    for path in _modules():
        if _room(path) == "store":
            continue
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if _SQL.search(line):
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{i}: {line.strip()[:80]}")
    assert offenders == []


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_over_the_limit(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE.parent)} has {lines} lines (split it by job)"


def test_review_build_stays_callable_after_its_module_is_imported():
    # Importing the submodule rebinds the package attribute ``review.build`` to the module (a test fixture failed
    # with "'module' object is not callable" once another test had imported it); the module answers the call.
    import importlib

    import review

    importlib.import_module("review.build")
    assert callable(review.build)
    with pytest.raises(Exception) as err:
        review.build([Path("/nonexistent/nowhere")], Path("/nonexistent/store"))
    assert "not callable" not in str(err.value)
