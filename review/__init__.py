"""review: regulatory review of Vietnamese legal normative documents.

The public API (docs/CONTRACT.md): ``parse``, ``open_corpus`` / ``Corpus``, ``build``, the dataclasses in
``review.models`` and the errors in ``review.errors``. Notebooks and the web app use only these names.
"""

from review.api import Corpus, open_corpus, parse
from review.build import build
from review.errors import ReviewError
from review.models import Document, Note, Source, Unit

__version__ = "0.1.0"

__all__ = ["Corpus", "Document", "Note", "ReviewError", "Source", "Unit", "build", "open_corpus", "parse"]
