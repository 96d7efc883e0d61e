"""PDF to text with page provenance.

The text layer is read with pdfium (``pdfium``: words with their boxes, grouped by pdfplumber's word rule;
pdfplumber itself when pdfium cannot open a file), lines are assembled from the words, and the
result keeps where each page begins (``RawDocument.pages``) so later stages can give every unit its page.
Pages without a text layer (scans) are rendered with pypdfium2 and read by the ``tesseract`` binary (its TSV
output: lines of words with their boxes), so both paths give lines of positioned words and get the same
clean-up:

* running headers/footers (lines that repeat at the top or bottom of many pages once digits are ignored) and
  bare page numbers are dropped — the page number survives as provenance in ``pages``;
* the two-column header block of page 1 (issuer and number on the left, national motto and place/date on the
  right) is read column by column instead of interleaved;
* NFC, ``Ð`` → ``Đ``, no-break spaces, trailing spaces, and a line break inside a clearly broken word.

Nothing else is done to the text: normalisation is ``review.text.normalize``'s job.

This package reads the pages (here), their layout (``layout``: lines, running heads, the header columns), OCR
(``ocr``) and the container (``container``: whole-file checks, library errors); ``page`` holds the words, lines
and pages they exchange. It is the only place that imports pdfplumber / pdfminer / pypdfium2, and it never lets
their exceptions escape: a bad file is a ``CorruptFile`` or ``EncryptedFile``, a scan that cannot be read is
``NoTextFound`` or ``OcrUnavailable``.
"""

from __future__ import annotations

import io
import logging

import pdfplumber
import pypdfium2

from review import notes as codes
from review.errors import CorruptFile, NoTextFound, OcrUnavailable, ReviewError, UsageError
from review.ingest.pdf.container import check_container, library_error
from review.ingest.pdf.layout import assemble_lines, drop_running_lines, page_text, split_header_columns
from review.ingest.pdf.ocr import INSTALL_HINT, OCR_DPI, OCR_PSM, ocr_available, ocr_pages, tesseract_problem
from review.ingest.pdf.page import Page, Word, light_clean
from review.ingest.pdf.pdfium import image_share, page_words
from review.ingest.pdf.stamps import fill_blanks, has_widgets, stamped_words
from review.models import Note, PageSpan, RawDocument, Source

__all__ = ["OCR_DPI", "OCR_POLICIES", "OCR_PSM", "ocr_available", "read_pdf"]

OCR_POLICIES = ("auto", "always", "never")

# A page whose text layer has fewer characters than this but carries a large image is a scan (signed scans may
# hold a few stray characters from a stamp or signature field).
_SCAN_MAX_CHARS = 30
_SCAN_MIN_IMAGE_SHARE = 0.3

# A damaged but readable file makes pdfminer warn once per bad operator (thousands of lines on stderr); what
# matters to the user is raised as a coded error or read anyway.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


_NO_OCR_MESSAGE = (
    "the PDF has no text layer (a scan?) and OCR is disabled (ocr='never'); use ocr='auto' to read it"
)


def read_pdf(
    data: bytes,
    source: Source,
    *,
    ocr: str = "auto",
    ocr_lang: str = "vie",
    max_pages: int | None = None,
) -> list[RawDocument]:
    """Read a PDF into one ``RawDocument`` with ``pages`` giving the offset at which each page's text begins.

    ``ocr``: "auto" reads pages without a text layer with Tesseract, "always" reads every page that way,
    "never" refuses scans (``NoTextFound``). ``max_pages`` reads only the first pages."""
    if ocr not in OCR_POLICIES:
        raise UsageError(f"unknown OCR policy {ocr!r}: use one of {', '.join(OCR_POLICIES)}")
    if max_pages is not None and max_pages < 1:
        raise UsageError(f"max_pages must be at least 1, not {max_pages}")
    check_container(data, source.path)
    pages, notes = _read_pages(data, source.path, ocr, ocr_lang, max_pages)
    # The pages say whether they carry widgets, so a PDF without any is not opened again. (Pages read by
    # pdfplumber say none: pdfium refused that file, and stamps are read by pdfium.)
    stamps = stamped_words(data, max_pages, {p.number for p in pages if p.widgets})
    for page in pages:
        if not page.ocr:
            # Number and date stamped by the e-signature go back where they are printed (see ``stamps``).
            page.lines = assemble_lines(fill_blanks(page.words, stamps.get(page.number, [])))
    drop_running_lines(pages)
    if pages and pages[0].number == 1:
        pages[0].lines = split_header_columns(pages[0].lines, pages[0].width, pages[0].height)
    text, spans = _join_pages(pages)
    if not text.strip():
        raise NoTextFound(_no_text_message(pages), path=source.path)
    return [RawDocument(text=text, source=source, pages=spans, notes=tuple(notes))]


# --- reading pages ---


def _read_pages(
    data: bytes, path: str, policy: str, lang: str, max_pages: int | None
) -> tuple[list[Page], list[Note]]:
    pages = _read_text_layer(data, path, policy, max_pages)
    wanted = [p for p in pages if p.needs_ocr]
    notes: list[Note] = []
    if not wanted:
        return pages, notes
    if policy == "never":
        if len(wanted) == len(pages):
            raise NoTextFound(_NO_OCR_MESSAGE, path=path)
        notes.append(_skipped_note(wanted, "OCR is disabled (ocr='never')"))
        return pages, notes
    problem = tesseract_problem(lang)
    if problem is not None:
        # Only a document with no text at all is refused: a text PDF with one scanned page is still worth reading.
        if policy == "always":
            raise OcrUnavailable(
                f"OCR was asked for (ocr='always') but is not possible: {problem}", path=path
            )
        if len(wanted) == len(pages):
            raise OcrUnavailable(f"the PDF has no text layer and OCR is not possible: {problem}", path=path)
        notes.append(_skipped_note(wanted, f"OCR is not possible: {problem} ({INSTALL_HINT})"))
        return pages, notes
    ocr_pages(data, path, wanted, lang)
    notes.append(Note(codes.OCR, f"text obtained by OCR (tesseract {lang}) on {_pages(len(wanted))}"))
    return pages, notes


def _pages(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"


def _skipped_note(pages: list[Page], why: str) -> Note:
    numbers = ", ".join(str(p.number) for p in pages)
    return Note(
        codes.PAGES_WITHOUT_TEXT, f"{_pages(len(pages))} without a text layer not read ({why}): {numbers}"
    )


def _read_text_layer(data: bytes, path: str, policy: str, max_pages: int | None) -> list[Page]:
    """Every page's words from the text layer (pdfium; pdfplumber when pdfium cannot open the file), and whether
    the page has to be OCR'd instead."""
    try:
        pdf = pypdfium2.PdfDocument(data)
    except Exception:  # pdfium refuses the file: pdfplumber tries, and names the problem when it fails too
        return _read_text_layer_plumber(data, path, policy, max_pages)
    try:
        pages = [_pdfium_page(pdf[i], i + 1, policy) for i in range(min(len(pdf), max_pages or len(pdf)))]
    except Exception as exc:
        raise library_error(exc, path) from exc
    finally:
        pdf.close()
    if not pages:
        raise CorruptFile("not a readable PDF: it has no pages", path=path)
    return pages


def _pdfium_page(page: pypdfium2.PdfPage, number: int, policy: str) -> Page:
    try:
        width, height = page.get_size()
        widgets = has_widgets(page)
        if policy == "always":
            return Page(number, width, height, [], needs_ocr=True, widgets=widgets)
        words = [
            Word(light_clean(text), float(x0), float(x1), float(top), float(bottom))
            for text, x0, x1, top, bottom in page_words(page)
        ]
        words = [w for w in words if w.text]
        chars = sum(len(w.text) for w in words)
        scan = chars < _SCAN_MAX_CHARS and image_share(page) >= _SCAN_MIN_IMAGE_SHARE
        keep = words if policy == "never" or not scan else []
        return Page(number, width, height, keep, needs_ocr=scan, widgets=widgets)
    finally:
        page.close()


def _read_text_layer_plumber(data: bytes, path: str, policy: str, max_pages: int | None) -> list[Page]:
    pages: list[Page] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages[:max_pages]:
                pages.append(_text_page(page, policy))
                page.close()  # frees pdfplumber's per-page caches: memory stays flat on long documents
    except ReviewError:
        raise
    except Exception as exc:  # pdfminer raises many types (KeyError, struct.error …) on damaged files
        raise library_error(exc, path) from exc
    if not pages:
        raise CorruptFile("not a readable PDF: it has no pages", path=path)
    return pages


def _text_page(page: pdfplumber.page.Page, policy: str) -> Page:
    width, height = float(page.width), float(page.height)
    if policy == "always":
        return Page(page.page_number, width, height, [], needs_ocr=True)
    words = [
        Word(light_clean(w["text"]), float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]))
        for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
    ]
    words = [w for w in words if w.text]
    chars = sum(len(w.text) for w in words)
    scan = chars < _SCAN_MAX_CHARS and _image_share(page) >= _SCAN_MIN_IMAGE_SHARE
    # A scan's stray characters are dropped for its OCR text; with OCR disabled they are all there is.
    keep = words if policy == "never" or not scan else []
    return Page(page.page_number, width, height, keep, needs_ocr=scan)


def _image_share(page: pdfplumber.page.Page) -> float:
    area = float(page.width * page.height) or 1.0
    covered = sum(
        max(0.0, float(i["x1"] - i["x0"])) * max(0.0, float(i["bottom"] - i["top"])) for i in page.images
    )
    return min(1.0, covered / area)


def _join_pages(pages: list[Page]) -> tuple[str, tuple[PageSpan, ...]]:
    """The text and where each page begins; a page with no text begins where the next one does."""
    parts: list[str] = []
    spans: list[PageSpan] = []
    offset = 0
    for page in pages:
        part = page_text(page)
        spans.append(PageSpan(page=page.number, start=offset))
        parts.append(part)
        offset += len(part) + 1
    return "\n".join(parts), tuple(spans)


def _no_text_message(pages: list[Page]) -> str:
    if any(p.ocr for p in pages):
        return "no text found, even by OCR"
    return "the PDF has no text (its pages may be drawn as shapes: try ocr='always')"
