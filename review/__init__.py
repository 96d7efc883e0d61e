"""review: regulatory review of Vietnamese legal normative documents.

The public API (docs/CONTRACT.md): ``parse``, ``extract_references``, ``extract_facts``, ``open_corpus`` /
``Corpus``, ``build``, the dataclasses in
``review.models`` and the errors in ``review.errors``. Notebooks and the web app use only these names.
"""

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
