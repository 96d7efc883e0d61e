"""The container: refuse what is plainly not a whole PDF, and map the PDF libraries' exceptions to coded errors."""

from __future__ import annotations

from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from review.errors import CorruptFile, EmptyFile, EncryptedFile, ReviewError


def check_container(data: bytes, path: str) -> None:
    """Refuse what is plainly not a whole PDF before handing it to the parsers, which may half-recover."""
    if not data or data.isspace():  # isspace stops at the first byte of a real file; strip() would copy it
        raise EmptyFile("the file is empty", path=path)
    if b"%PDF-" not in data[:1024]:
        raise CorruptFile("not a readable PDF: no %PDF header", path=path)
    # A PDF ends with %%EOF (trailing whitespace or a few bytes of junk are common). Without it the file was cut
    # off, and a parser that recovers would silently give only part of the document.
    if b"%%EOF" not in data[-2048:]:
        raise CorruptFile("not a readable PDF: the file is truncated (no %%EOF at the end)", path=path)


def library_error(exc: Exception, path: str) -> ReviewError:
    """Map a pdfminer / pdfplumber / pypdfium2 exception to a coded error."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(inner, PDFPasswordIncorrect) or "password" in str(inner).lower():
        return EncryptedFile(
            "the PDF is password-protected", path=path, hint="save an unprotected copy first"
        )
    if isinstance(inner, PDFEncryptionError):
        return EncryptedFile(f"the PDF is encrypted in a way that cannot be read: {inner}", path=path)
    detail = str(inner).strip() or type(inner).__name__
    return CorruptFile(f"not a readable PDF: {detail}", path=path)
