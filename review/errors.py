"""Errors with stable codes.

Every error the toolkit raises on purpose is a ``ReviewError``: it names the file (when there is one) and the
problem in one line, and carries a code that tests, scripts and users can rely on. The CLI prints ``str(error)``
and exits with ``EXIT_ERROR``; nothing else reaches the user as a traceback unless ``--traceback`` is given.

Codes: E1xx input files (ingest), E2xx parsing, E3xx store, E4xx usage of the library.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class ReviewError(Exception):
    code = "E000"
    hint: str | None = None

    def __init__(self, message: str, *, path: str | Path | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        tail = f" ({self.hint})" if self.hint else ""
        return f"{self.code} {where}{self.message}{tail}"

    def to_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "path": self.path, "message": self.message, "hint": self.hint}


class IngestError(ReviewError):
    """The file could not be read as a legal document."""

    code = "E100"


class FileNotFound(IngestError):
    code = "E101"


class OverTimeBudget(IngestError):
    """Reading the file took longer than its time budget: it was stopped and skipped."""

    code = "E111"


class EmptyFile(IngestError):
    code = "E102"


class UnsupportedFormat(IngestError):
    code = "E103"


class CorruptFile(IngestError):
    code = "E104"


class EncryptedFile(IngestError):
    code = "E105"


class FileTooLarge(IngestError):
    code = "E106"


class NoTextFound(IngestError):
    code = "E107"


class OcrUnavailable(IngestError):
    code = "E108"
    hint = "install Tesseract with its Vietnamese model: apt-get install tesseract-ocr tesseract-ocr-vie"


class EncodingError(IngestError):
    code = "E109"


class DatasetError(IngestError):
    """A line of a JSONL dataset is not valid JSON or lacks the mapped text field."""

    code = "E110"


class ParseError(ReviewError):
    code = "E200"


class StoreError(ReviewError):
    code = "E300"


class StoreNotFound(StoreError):
    code = "E301"
    hint = "build one first: review build corpus/ --corpus indexes"


class StoreVersionError(StoreError):
    code = "E302"


class StoreBusy(StoreError):
    """Another build holds the corpus."""

    code = "E303"


class DuplicateDocument(StoreError):
    """A second source holds a document already stored from another source (same id, same title and date)."""

    code = "E304"


class UsageError(ReviewError):
    code = "E400"


class DocumentNotFound(UsageError):
    code = "E401"


class UnknownAuthority(UsageError):
    """A local authority code or name the registry does not know (review/data/authorities.json)."""

    code = "E403"


class AmbiguousDocument(UsageError):
    """A number that names several documents (local numbers repeat across provinces): the candidates are listed."""

    code = "E404"

    def __init__(self, message: str, *, candidates: tuple = (), **kwargs):
        super().__init__(message, **kwargs)
        self.candidates = candidates


class SourceNotStored(UsageError):
    """``review remove`` named a source the corpus does not hold."""

    code = "E406"


class UnitNotFound(UsageError):
    """A document exists but has no such unit (``84/2015/QH13#dieu_999``)."""

    code = "E405"


class FeedbackFileError(UsageError):
    """A feedback file ``review feedback import`` cannot read as a whole (no content column, unknown format, a
    mapping naming no column). A bad row is not this error: it is reported with its row number and skipped."""

    code = "E407"
