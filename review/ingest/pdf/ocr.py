"""OCR of pages without a text layer: rendered with pypdfium2 and read by the ``tesseract`` binary (its TSV output:
lines of words with their boxes), so OCR pages come out as lines of positioned words like text-layer pages."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache

import pypdfium2

from review import defaults
from review.errors import IngestError
from review.ingest.pdf.container import library_error
from review.ingest.pdf.page import Line, Page, Word, light_clean

# 300 dpi and page segmentation mode 4 ("a single column of text of variable sizes") read the Chính phủ scans
# best of the modes tried (3, 4, 6 at 300 and 400 dpi; the scans themselves are about 260 dpi).
OCR_DPI = 300
OCR_PSM = 4
OCR_WORKERS = 2  # tesseract runs as its own process, so two pages at a time keep both cores busy
OCR_TIMEOUT_SECONDS = 300  # per page; a page that takes longer is a broken image, not a slow one
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-vie"

_HAS_ALNUM_RE = re.compile(r"[^\W_]")
_OCR_RULE_RE = re.compile(r"[-—–_=]{3,}")  # a printed rule under a heading, read as a "word"


@lru_cache(maxsize=8)
def tesseract_problem(lang: str) -> str | None:
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


def ocr_available(lang: str = defaults.OCR_LANG) -> bool:
    """Whether scanned pages can be read here (the tesseract program and its ``lang`` model are installed)."""
    return tesseract_problem(lang) is None


def ocr_pages(data: bytes, path: str, pages: list[Page], lang: str) -> None:
    """Render the pages here, one at a time (pdfium is not thread-safe), and read them two at a time.

    At most two pages per worker wait rendered, so memory stays flat however long the scan is."""
    exe = shutil.which("tesseract") or "tesseract"
    try:
        doc = pypdfium2.PdfDocument(data)
    except Exception as exc:
        raise library_error(exc, path) from exc
    try:
        with ThreadPoolExecutor(max_workers=OCR_WORKERS) as pool:
            pending: deque[tuple[Page, Future[str]]] = deque()
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
        raise library_error(exc, path) from exc
    buf = io.BytesIO()
    # The dpi in the file spares Tesseract guessing the resolution (it guesses wrong on A4 scans).
    # PNG is lossless at any level: level 1 gives Tesseract the same pixels at a fraction of the default's cost
    # (level 6 took most of a page's CPU on this side of the pipe).
    image.save(buf, "PNG", dpi=(OCR_DPI, OCR_DPI), compress_level=1)
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


def _take_ocr(page: Page, job: Future[str], path: str) -> None:
    try:
        tsv = job.result()
    except (OSError, subprocess.SubprocessError, RuntimeError) as exc:
        raise IngestError(f"OCR failed on page {page.number}: {exc}", path=path) from exc
    page.lines = _parse_tsv(tsv)
    page.ocr = True


def _parse_tsv(tsv: str) -> list[Line]:
    """Tesseract's lines (TSV word rows, level 5, grouped by block/paragraph/line) in its reading order, with
    pixel boxes scaled back to PDF points.

    Tesseract's own line grouping is kept: it follows skew and keeps a stamp's words apart from the text beside
    it better than grouping by position does."""
    scale = 72 / OCR_DPI
    lines: dict[tuple[str, str, str], Line] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = light_clean(cols[11])
        if not text or _OCR_RULE_RE.fullmatch(text):
            continue
        left, top, width, height = (int(c) for c in cols[6:10])
        word = Word(text, left * scale, (left + width) * scale, top * scale, (top + height) * scale)
        lines.setdefault((cols[2], cols[3], cols[4]), []).append(word)
    # Rules, stamp borders and specks come out as lines of punctuation; they are never text.
    return [sorted(line, key=lambda w: w.x0) for line in lines.values() if _has_alnum(line)]


def _has_alnum(line: Line) -> bool:
    return any(_HAS_ALNUM_RE.search(w.text) for w in line)
