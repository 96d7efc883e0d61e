"""review: regulatory review of Vietnamese legal normative documents.

The public API (docs/CONTRACT.md): ``parse``, ``extract_references``, ``extract_facts``, ``open_corpus`` /
``Corpus``, ``build``, the dataclasses in
``review.models`` and the errors in ``review.errors``. Notebooks and the web app use only these names.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from review.annotate import extract_facts, extract_references
    from review.api import Corpus, open_corpus, parse
    from review.build import build
    from review.errors import ReviewError
    from review.models import (
        Document,
        Evidence,
        Fact,
        Finding,
        Note,
        Reason,
        Reference,
        Source,
        Status,
        Target,
        Unit,
    )

# The public names, imported when first used (PEP 562): a command that reads cached findings should not pay for
# compiling the reference patterns or loading the PDF reader.
_HOMES = {
    "extract_facts": "review.annotate",
    "extract_references": "review.annotate",
    "Corpus": "review.api",
    "open_corpus": "review.api",
    "parse": "review.api",
    "build": "review.build",
    "ReviewError": "review.errors",
    **{
        name: "review.models"
        for name in (
            "Document",
            "Evidence",
            "Fact",
            "Finding",
            "Note",
            "Reason",
            "Reference",
            "Source",
            "Status",
            "Target",
            "Unit",
        )
    },
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'review' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


__version__ = "0.1.0"

__all__ = [
    "Corpus",
    "Document",
    "Evidence",
    "Fact",
    "Finding",
    "Note",
    "Reason",
    "Reference",
    "ReviewError",
    "Source",
    "Status",
    "Target",
    "Unit",
    "build",
    "extract_facts",
    "extract_references",
    "open_corpus",
    "parse",
]
