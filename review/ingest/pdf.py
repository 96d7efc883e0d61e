"""PDF to text with page provenance.

The text layer is read with pdfplumber (words with their boxes), lines are assembled from the words, and the
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

This is the only module that imports pdfplumber / pdfminer / pypdfium2, and it never lets their exceptions
escape: a bad file is a ``CorruptFile`` or ``EncryptedFile``, a scan that cannot be read is ``NoTextFound`` or
``OcrUnavailable``.
"""

from __future__ import annotations

import io
import logging
import math
import os
import re
import shutil
import subprocess
import unicodedata
from collections import Counter, deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from statistics import median

import pdfplumber
import pypdfium2
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from review import defaults
from review.errors import (
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    IngestError,
    NoTextFound,
    OcrUnavailable,
    ReviewError,
    UsageError,
)
from review.models import Note, PageSpan, RawDocument, Source
from review.models import note_codes as codes
from review.text.fold import fold
from review.vocab import printed_title_types

__all__ = ["OCR_DPI", "OCR_POLICIES", "OCR_PSM", "read_pdf"]

OCR_POLICIES = ("auto", "always", "never")
# 300 dpi and page segmentation mode 4 ("a single column of text of variable sizes") read the Chính phủ scans
# best of the modes tried (3, 4, 6 at 300 and 400 dpi; the scans themselves are about 260 dpi).
OCR_DPI = 300
OCR_PSM = 4
OCR_WORKERS = 2  # tesseract runs as its own process, so two pages at a time keep both cores busy
OCR_TIMEOUT_SECONDS = 300  # per page; a page that takes longer is a broken image, not a slow one
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-vie"

# A page whose text layer has fewer characters than this but carries a large image is a scan (signed scans may
# hold a few stray characters from a stamp or signature field).
_SCAN_MAX_CHARS = 30
_SCAN_MIN_IMAGE_SHARE = 0.3

# Running headers and footers live in the first / last few lines of a page; a line is "running" when it is
# there on at least this share of the pages (odd and even pages often differ, hence well under a half).
_EDGE_LINES = 3
_RUNNING_MIN_SHARE = 0.3
_RUNNING_MIN_PAGES = 2
_RUNNING_MIN_DOC_PAGES = 3

# The header block sits above the document-type line; without one, in the top quarter of page 1.
_HEADER_ZONE_SHARE = 0.25
_TITLE_MAX_SHARE = 0.5
_MIN_COLUMN_GAP_SHARE = 0.02

# Title lines of the document types (docs/vietnamese-legal-domain.md; review/data/doc_types.json without Công văn,
# which has none). Compared accent-folded and without spaces, because OCR writes "QUYÉT ĐỊNH" or "THÔNG B ÁO".
_DOC_TYPES = tuple(t.upper() for t in printed_title_types())
_TITLE_KEYS = frozenset(fold(t).replace(" ", "") for t in _DOC_TYPES)
_TITLE_MAX_WORDS = max(len(t.split()) for t in _DOC_TYPES) + 2  # room for a word OCR split in two

# Bare page numbers: "12", "- 12 -", "Trang 12", "Trang 3/10", "12/31".
_PAGE_NUMBER_RES = (
    re.compile(r"[-–—]?\s*\d{1,4}\s*[-–—]?"),
    re.compile(r"(?:trang|page)\s*\d{1,4}(?:\s*(?:/|trên|of)\s*\d{1,4})?", re.IGNORECASE),
    re.compile(r"\d{1,4}\s*/\s*\d{1,4}"),
)
_DIGITS_RE = re.compile(r"\d+")
# The national motto repeats at the top of every form in an annex; it is content there, never a running header.
_MOTTO_RE = re.compile(r"cộng h(?:òa|oà) xã hội chủ nghĩa|độc lập\s*-\s*tự do", re.IGNORECASE)
_EDGE_NUMBER_RE = re.compile(r"^#\s+|\s+#$")
_HAS_ALNUM_RE = re.compile(r"[^\W_]")
_OCR_RULE_RE = re.compile(r"[-—–_=]{3,}")  # a printed rule under a heading, read as a "word"

# A hyphen at the end of a line joins the next line only for clearly broken tokens: a foreign word split
# inside (plain ASCII letters on both sides; Vietnamese syllables are never split, so a hyphen after one is a
# compound's hyphen) or a document number such as "59/2022/NĐ-" + "CP".
_BROKEN_ASCII_RE = re.compile(r"(?:^|\s)[A-Za-z]{2,}-$")
_NEXT_ASCII_RE = re.compile(r"[a-z]{2,}\b")
_BROKEN_NUMBER_RE = re.compile(r"\d+/[^\s/]*(?:/[^\s/]*)*-$")
_NEXT_NUMBER_PART_RE = re.compile(r"[A-ZĐ]")

# A damaged but readable file makes pdfminer warn once per bad operator (thousands of lines on stderr); what
# matters to the user is raised as a coded error or read anyway.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


_NO_OCR_MESSAGE = (
    "the PDF has no text layer (a scan?) and OCR is disabled (ocr='never'); use ocr='auto' to read it"
)
_CLEAN_TABLE = {0x00A0: " ", 0x202F: " ", 0x00D0: "Đ"}


@dataclass(frozen=True, slots=True)
class _Word:
    """A word and its box in PDF points, top-left origin (pdfplumber's convention; OCR boxes are scaled)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


_Line = list[_Word]  # left to right


@dataclass
class _Page:
    number: int  # 1-based index in the file, not the printed page number
    width: float
    height: float
    words: list[_Word]  # from the text layer; OCR pages get their lines straight from Tesseract
    needs_ocr: bool = False
    ocr: bool = False
    lines: list[_Line] = field(default_factory=list)


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
    _check_container(data, source.path)
    pages, notes = _read_pages(data, source.path, ocr, ocr_lang, max_pages)
    for page in pages:
        if not page.ocr:
            page.lines = _assemble_lines(page.words)
    _drop_running_lines(pages)
    if pages and pages[0].number == 1:
        pages[0].lines = _split_header_columns(pages[0].lines, pages[0].width, pages[0].height)
    text, spans = _join_pages(pages)
    if not text.strip():
        raise NoTextFound(_no_text_message(pages), path=source.path)
    return [RawDocument(text=text, source=source, pages=spans, notes=tuple(notes))]


# --- the container ------------------------------------------------------------------------------------------


def _check_container(data: bytes, path: str) -> None:
    """Refuse what is plainly not a whole PDF before handing it to the parsers, which may half-recover."""
    if not data or data.isspace():  # isspace stops at the first byte of a real file; strip() would copy it
        raise EmptyFile("the file is empty", path=path)
    if b"%PDF-" not in data[:1024]:
        raise CorruptFile("not a readable PDF: no %PDF header", path=path)
    # A PDF ends with %%EOF (trailing whitespace or a few bytes of junk are common). Without it the file was cut
    # off, and a parser that recovers would silently give only part of the document.
    if b"%%EOF" not in data[-2048:]:
        raise CorruptFile("not a readable PDF: the file is truncated (no %%EOF at the end)", path=path)


def _library_error(exc: Exception, path: str) -> ReviewError:
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


# --- reading pages ------------------------------------------------------------------------------------------


def _read_pages(
    data: bytes, path: str, policy: str, lang: str, max_pages: int | None
) -> tuple[list[_Page], list[Note]]:
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
    problem = _tesseract_problem(lang)
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
    _ocr_pages(data, path, wanted, lang)
    notes.append(Note(codes.OCR, f"text obtained by OCR (tesseract {lang}) on {_pages(len(wanted))}"))
    return pages, notes


def _pages(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"


def _skipped_note(pages: list[_Page], why: str) -> Note:
    numbers = ", ".join(str(p.number) for p in pages)
    return Note(
        codes.PAGES_WITHOUT_TEXT, f"{_pages(len(pages))} without a text layer not read ({why}): {numbers}"
    )


def _read_text_layer(data: bytes, path: str, policy: str, max_pages: int | None) -> list[_Page]:
    """Every page's words from the text layer, and whether the page has to be OCR'd instead."""
    pages: list[_Page] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages[:max_pages]:
                pages.append(_text_page(page, policy))
                page.close()  # frees pdfplumber's per-page caches: memory stays flat on long documents
    except ReviewError:
        raise
    except Exception as exc:  # pdfminer raises many types (KeyError, struct.error …) on damaged files
        raise _library_error(exc, path) from exc
    if not pages:
        raise CorruptFile("not a readable PDF: it has no pages", path=path)
    return pages


def _text_page(page: pdfplumber.page.Page, policy: str) -> _Page:
    width, height = float(page.width), float(page.height)
    if policy == "always":
        return _Page(page.page_number, width, height, [], needs_ocr=True)
    words = [
        _Word(_clean(w["text"]), float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]))
        for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
    ]
    words = [w for w in words if w.text]
    chars = sum(len(w.text) for w in words)
    scan = chars < _SCAN_MAX_CHARS and _image_share(page) >= _SCAN_MIN_IMAGE_SHARE
    # A scan's stray characters are dropped for its OCR text; with OCR disabled they are all there is.
    keep = words if policy == "never" or not scan else []
    return _Page(page.page_number, width, height, keep, needs_ocr=scan)


def _image_share(page: pdfplumber.page.Page) -> float:
    area = float(page.width * page.height) or 1.0
    covered = sum(
        max(0.0, float(i["x1"] - i["x0"])) * max(0.0, float(i["bottom"] - i["top"])) for i in page.images
    )
    return min(1.0, covered / area)


# --- OCR ----------------------------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _tesseract_problem(lang: str) -> str | None:
    """Why Tesseract cannot read ``lang`` here, or None when it can. Cached: it runs a process."""
    exe = shutil.which("tesseract")
    if exe is None:
        return "the tesseract program is not installed"
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"tesseract does not run ({exc})"
    # The list goes to stdout in Tesseract 4/5 and to stderr in 3.x.
    installed = {line.strip() for line in (out.stdout + "\n" + out.stderr).splitlines()}
    missing = [code for code in lang.split("+") if code not in installed]
    if missing:
        return f"the Tesseract language model {'+'.join(missing)!r} is not installed"
    return None


def _ocr_pages(data: bytes, path: str, pages: list[_Page], lang: str) -> None:
    """Render the pages here, one at a time (pdfium is not thread-safe), and read them two at a time.

    At most two pages per worker wait rendered, so memory stays flat however long the scan is."""
    exe = shutil.which("tesseract") or "tesseract"
    try:
        doc = pypdfium2.PdfDocument(data)
    except Exception as exc:
        raise _library_error(exc, path) from exc
    try:
        with ThreadPoolExecutor(max_workers=OCR_WORKERS) as pool:
            pending: deque[tuple[_Page, Future[str]]] = deque()
            for page in pages:
                if len(pending) >= 2 * OCR_WORKERS:
                    _take_ocr(*pending.popleft(), path)
                png = _render_png(doc, page.number - 1, path)
                pending.append((page, pool.submit(_run_tesseract, exe, png, lang)))
            while pending:
                _take_ocr(*pending.popleft(), path)
    finally:
        doc.close()


def _render_png(doc: pypdfium2.PdfDocument, index: int, path: str) -> bytes:
    try:
        image = doc[index].render(scale=OCR_DPI / 72, grayscale=True).to_pil()
    except Exception as exc:
        raise _library_error(exc, path) from exc
    buf = io.BytesIO()
    # The dpi in the file spares Tesseract guessing the resolution (it guesses wrong on A4 scans).
    image.save(buf, "PNG", dpi=(OCR_DPI, OCR_DPI))
    return buf.getvalue()


def _run_tesseract(exe: str, png: bytes, lang: str) -> str:
    # One OpenMP thread per process: with two processes on two cores, Tesseract's own threads only contend
    # (measured: 4.5 s a page with the default, 1 s with one thread).
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    cmd = [exe, "stdin", "stdout", "-l", lang, "--psm", str(OCR_PSM), "--dpi", str(OCR_DPI), "tsv"]
    done = subprocess.run(
        cmd, input=png, capture_output=True, env=env, timeout=OCR_TIMEOUT_SECONDS, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}")
    return done.stdout.decode("utf-8", "replace")


def _take_ocr(page: _Page, job: Future[str], path: str) -> None:
    try:
        tsv = job.result()
    except (OSError, subprocess.SubprocessError, RuntimeError) as exc:
        raise IngestError(f"OCR failed on page {page.number}: {exc}", path=path) from exc
    page.lines = _parse_tsv(tsv)
    page.ocr = True


def _parse_tsv(tsv: str) -> list[_Line]:
    """Tesseract's lines (TSV word rows, level 5, grouped by block/paragraph/line) in its reading order, with
    pixel boxes scaled back to PDF points.

    Tesseract's own line grouping is kept: it follows skew and keeps a stamp's words apart from the text beside
    it better than grouping by position does."""
    scale = 72 / OCR_DPI
    lines: dict[tuple[str, str, str], _Line] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = _clean(cols[11])
        if not text or _OCR_RULE_RE.fullmatch(text):
            continue
        left, top, width, height = (int(c) for c in cols[6:10])
        word = _Word(text, left * scale, (left + width) * scale, top * scale, (top + height) * scale)
        lines.setdefault((cols[2], cols[3], cols[4]), []).append(word)
    # Rules, stamp borders and specks come out as lines of punctuation; they are never text.
    return [sorted(line, key=lambda w: w.x0) for line in lines.values() if _has_alnum(line)]


# --- lines --------------------------------------------------------------------------------------------------


def _assemble_lines(words: list[_Word]) -> list[_Line]:
    """Group words into lines by their vertical middles, top to bottom, each line left to right.

    Sorted by middle, consecutive words closer than half a typical word height share a line, so words of
    different sizes on one baseline (a bold heading, a superscript) stay together. Linear after the sort."""
    if not words:
        return []
    tolerance = 0.5 * median(w.bottom - w.top for w in words)
    ordered = sorted(words, key=lambda w: w.middle)
    lines: list[_Line] = [[ordered[0]]]
    for prev, word in pairwise(ordered):
        if word.middle - prev.middle <= tolerance:
            lines[-1].append(word)
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    return lines


def _line_text(line: _Line) -> str:
    return " ".join(w.text for w in line)


def _has_alnum(line: _Line) -> bool:
    return any(_HAS_ALNUM_RE.search(w.text) for w in line)


# --- running headers, footers, page numbers -----------------------------------------------------------------


def _is_page_number(text: str) -> bool:
    return any(r.fullmatch(text) for r in _PAGE_NUMBER_RES)


def _running_key(text: str) -> str:
    """What a running line has in common across pages: digits as '#', a page number at either end dropped."""
    key = _DIGITS_RE.sub("#", " ".join(text.lower().split()))
    return _EDGE_NUMBER_RE.sub("", key)


def _drop_running_lines(pages: list[_Page]) -> None:
    top, bottom = _running_keys(pages)
    for page in pages:
        lines = page.lines
        start = 0
        while start < min(_EDGE_LINES, len(lines)) and _is_running(lines[start], top):
            start += 1
        end = len(lines)
        while end > max(start, len(lines) - _EDGE_LINES) and _is_running(lines[end - 1], bottom):
            end -= 1
        page.lines = lines[start:end]


def _running_keys(pages: list[_Page]) -> tuple[set[str], set[str]]:
    """Keys of lines that repeat near the top (and near the bottom) of many pages."""
    if len(pages) < _RUNNING_MIN_DOC_PAGES:
        return set(), set()
    need = max(_RUNNING_MIN_PAGES, math.ceil(_RUNNING_MIN_SHARE * len(pages)))
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for page in pages:
        top.update({_running_key(_line_text(line)) for line in page.lines[:_EDGE_LINES]})
        bottom.update({_running_key(_line_text(line)) for line in page.lines[-_EDGE_LINES:]})
    return _frequent(top, need), _frequent(bottom, need)


def _frequent(counts: Counter[str], need: int) -> set[str]:
    # A key that is only a number is a page number, handled on its own.
    return {k for k, n in counts.items() if n >= need and k.strip("#-–— /") and not _MOTTO_RE.search(k)}


def _is_running(line: _Line, keys: set[str]) -> bool:
    text = _line_text(line)
    return _is_page_number(text) or _running_key(text) in keys


# --- the two-column header block of page 1 ------------------------------------------------------------------


def _split_header_columns(lines: list[_Line], width: float, height: float) -> list[_Line]:
    """Read the header block column by column: left column's lines, then the right column's, then the rest.

    The zone is the lines above the document-type title (or the top quarter of the page); when something crosses
    the gap between the columns lower down (a stamp, a centred line), the longest top part that has one is used."""
    for end in range(_header_zone_end(lines, height), 1, -1):
        zone = [w for line in lines[:end] for w in line]
        gap = _column_gap(zone, width)
        if gap is None:
            continue
        left = [w for w in zone if w.x1 <= gap]
        right = [w for w in zone if w.x0 >= gap]
        return _assemble_lines(left) + _assemble_lines(right) + lines[end:]
    return lines


def _header_zone_end(lines: list[_Line], height: float) -> int:
    """Index of the first line after the header zone: the document-type line, or the top quarter's end."""
    for i, line in enumerate(lines):
        if line[0].top > _TITLE_MAX_SHARE * height:
            break
        if _is_title_line(line):
            return i
    limit = _HEADER_ZONE_SHARE * height
    return sum(1 for line in lines if max(w.bottom for w in line) <= limit)


def _is_title_line(line: _Line) -> bool:
    """The line ends with a document type in capitals (a stamp read by OCR may stand to its left)."""
    tail = ""
    for word in reversed(line[-_TITLE_MAX_WORDS:]):
        if not word.text.isupper():
            return False
        tail = fold(word.text) + tail
        if tail in _TITLE_KEYS:
            return True
    return False


def _column_gap(words: list[_Word], width: float) -> float | None:
    """The x in the widest empty vertical band between words near the page's middle, or None.

    Any word crossing the band (a body line, a centred title) closes it, so body text is never split."""
    spans = sorted((w.x0, w.x1) for w in words)
    best: tuple[float, float] | None = None
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 > reach:
            middle = (x0 + reach) / 2
            inside = 0.2 * width <= middle <= 0.8 * width
            if inside and (best is None or x0 - reach > best[1] - best[0]):
                best = (reach, x0)
        reach = max(reach, x1)
    if best is None or best[1] - best[0] < _MIN_COLUMN_GAP_SHARE * width:
        return None
    return (best[0] + best[1]) / 2


# --- text ---------------------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """The light clean-up asked of an ingester: NFC, Ð (U+00D0) → Đ, no-break spaces → spaces."""
    return unicodedata.normalize("NFC", text).translate(_CLEAN_TABLE).strip()


def _join_broken_words(texts: Iterable[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        if out and _is_broken_across(out[-1], text):
            prev = out[-1]
            out[-1] = prev[:-1] + text if _BROKEN_ASCII_RE.search(prev) else prev + text
        else:
            out.append(text)
    return out


def _is_broken_across(prev: str, nxt: str) -> bool:
    if _BROKEN_NUMBER_RE.search(prev):
        return bool(_NEXT_NUMBER_PART_RE.match(nxt))
    return bool(_BROKEN_ASCII_RE.search(prev) and _NEXT_ASCII_RE.match(nxt))


def _page_text(page: _Page) -> str:
    return "\n".join(_join_broken_words(_line_text(line).rstrip() for line in page.lines))


def _join_pages(pages: list[_Page]) -> tuple[str, tuple[PageSpan, ...]]:
    """The text and where each page begins; a page with no text begins where the next one does."""
    parts: list[str] = []
    spans: list[PageSpan] = []
    offset = 0
    for page in pages:
        part = _page_text(page)
        spans.append(PageSpan(page=page.number, start=offset))
        parts.append(part)
        offset += len(part) + 1
    return "\n".join(parts), tuple(spans)


def _no_text_message(pages: list[_Page]) -> str:
    if any(p.ocr for p in pages):
        return "no text found, even by OCR"
    return "the PDF has no text (its pages may be drawn as shapes: try ocr='always')"


def ocr_available(lang: str = defaults.OCR_LANG) -> bool:
    """Whether scanned pages can be read here (the tesseract program and its ``lang`` model are installed)."""
    return _tesseract_problem(lang) is None
