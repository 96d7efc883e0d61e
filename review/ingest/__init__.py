"""Ingest: from files to ``RawDocument``s, dispatching on content (magic bytes), not only on the suffix.

Every ingester's output passes through the same legacy-encoding repair (TCVN3, VNI) here, so a DOCX typed in
.VnTime and a text file in VNI are repaired alike.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from review import defaults
from review import notes as codes
from review.errors import (
    CorruptFile,
    EmptyFile,
    FileNotFound,
    FileTooLarge,
    ReviewError,
    UnsupportedFormat,
)
from review.models import Note, PageSpan, RawDocument, Source
from review.text.legacy import convert_legacy, fix_legacy
from review.text.normalize import SOFT_HYPHEN

__all__ = ["DEFAULT_OPTIONS", "IngestOptions", "iter_source_files", "read_bytes", "read_path", "sniff"]

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
    "text": "text/plain",
    "jsonl": "application/jsonl",
}
SUFFIXES = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
# Suffixes `review build` picks up when walking a folder.
SOURCE_SUFFIXES = (*SUFFIXES, ".gz")


@dataclass(frozen=True)
class IngestOptions:
    ocr: str = defaults.OCR_POLICY
    ocr_lang: str = defaults.OCR_LANG
    max_bytes: int = defaults.MAX_DOCUMENT_BYTES
    max_pdf_bytes: int = defaults.MAX_PDF_BYTES
    field_map: str | None = None  # JSONL field mapping, see review.ingest.jsonl.FieldMap.parse


DEFAULT_OPTIONS = IngestOptions()


def sniff(data: bytes, name: str = "") -> str:
    """The format of ``data``: pdf, docx, html, jsonl or text. Raises for formats we do not read."""
    head = data[:4096]
    if not data.strip():
        raise EmptyFile("the file is empty", path=name or None)
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in data[:200_000] or (
            b"[Content_Types].xml" in data[:200_000] and b"word/document" in data
        ):
            return "docx"
        raise UnsupportedFormat("a zip archive that is not a Word (.docx) document", path=name or None)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFormat(
            "an old binary Word (.doc) or Excel file", path=name or None, hint="save it as .docx or PDF first"
        )
    if head.startswith(b"\x1f\x8b"):
        if name.endswith((".jsonl.gz", ".ndjson.gz")):
            return "jsonl"
        raise UnsupportedFormat("a gzip archive that is not a .jsonl.gz dataset", path=name or None)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    if _looks_binary(head):
        raise UnsupportedFormat(
            "binary data, not a document format we read (PDF, DOCX, HTML, text, JSONL)", path=name or None
        )
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if (
        stripped.startswith(
            (
                b"<!doctype html",
                b"<html",
                b"<head",
                b"<body",
                b"<meta",
                b"<link",
                b"<h3",
                b"<div",
                b"<p",
                b"<table",
                b"<?xml",
            )
        )
        and b"<" in stripped[:1]
    ):
        return "html"
    if stripped.startswith(b"{") and name.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if stripped.startswith(b"{") and stripped.split(b"\n", 1)[0].rstrip().endswith(b"}"):
        return "jsonl"
    return "text"


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(head) // 20)


def _source(path: str, data: bytes, fmt: str) -> Source:
    return Source(path=path, sha256=hashlib.sha256(data).hexdigest(), media_type=MEDIA_TYPES[fmt])


def read_bytes(
    data: bytes, name: str, options: IngestOptions = DEFAULT_OPTIONS
) -> Iterator[RawDocument | ReviewError]:
    """Read one file's bytes. File-level problems raise; per-record problems of a dataset are yielded."""
    fmt = sniff(data, name)
    limit = options.max_pdf_bytes if fmt == "pdf" else options.max_bytes
    if fmt != "jsonl" and len(data) > limit:
        raise FileTooLarge(
            f"{len(data) / 1e6:.1f} MB is more than the {limit / 1e6:.0f} MB limit for one {fmt} document",
            path=name,
        )
    source = _source(name, data, fmt)
    suffix_fmt = SUFFIXES.get(Path(name).suffix.lower())
    mismatch = None
    if suffix_fmt and suffix_fmt != fmt and not (suffix_fmt == "text" and fmt == "jsonl"):
        mismatch = Note(
            codes.SUFFIX_MISMATCH, f"the file name says {suffix_fmt} but the content is {fmt}; read as {fmt}"
        )
    for item in _dispatch(fmt, data, source, options):
        if isinstance(item, ReviewError):
            yield item
            continue
        item = _repair_legacy(item)
        if mismatch:
            item = replace(item, notes=(*item.notes, mismatch))
        yield item


def _dispatch(
    fmt: str, data: bytes, source: Source, options: IngestOptions
) -> Iterator[RawDocument | ReviewError]:
    if fmt == "pdf":
        from review.ingest.pdf import read_pdf

        yield from read_pdf(data, source, ocr=options.ocr, ocr_lang=options.ocr_lang)
    elif fmt == "docx":
        from review.ingest.docx import read_docx

        yield from read_docx(data, source)
    elif fmt == "html":
        from review.ingest.html import read_html

        yield from read_html(data, source)
    elif fmt == "jsonl":
        from review.ingest.jsonl import FieldMap, read_jsonl

        mapping = FieldMap.parse(options.field_map) if options.field_map else None
        yield from read_jsonl(data, source, mapping)
    else:
        from review.ingest.markdown import looks_like_markdown, read_markdown
        from review.ingest.text import decode_text, read_text

        text, _codec = decode_text(data, source.path)
        if source.path.lower().endswith((".md", ".markdown")) or looks_like_markdown(text):
            yield from read_markdown(data, source)
        else:
            yield from read_text(data, source)


def _repair_legacy(raw: RawDocument) -> RawDocument:
    """Convert TCVN3/VNI text, then drop soft hyphens (which TCVN3 uses for "ư", so they must wait till now)."""
    if not raw.text or raw.articles is not None:
        return raw
    fixed, encoding = fix_legacy(raw.text)
    if encoding is None:
        if SOFT_HYPHEN in raw.text:
            return _without_soft_hyphens(raw)
        return raw
    pages = raw.pages
    if pages:
        # VNI letters are two characters, so conversion moves offsets: convert page by page to keep them.
        bounds = [p.start for p in pages] + [len(raw.text)]
        head = convert_legacy(raw.text[: bounds[0]], encoding)
        parts, new_pages, offset = [head], [], len(head)
        for page, start, end in zip(pages, bounds, bounds[1:], strict=False):
            segment = convert_legacy(raw.text[start:end], encoding)
            new_pages.append(PageSpan(page.page, offset))
            parts.append(segment)
            offset += len(segment)
        fixed, pages = "".join(parts), tuple(new_pages)
    note = Note(
        codes.LEGACY_ENCODING, f"text was in the legacy {encoding.upper()} font encoding and was converted"
    )
    return _without_soft_hyphens(replace(raw, text=fixed, pages=pages, notes=(*raw.notes, note)))


def _without_soft_hyphens(raw: RawDocument) -> RawDocument:
    text = raw.text.replace(SOFT_HYPHEN, "")
    # Keep page offsets right: each page starts earlier by the hyphens removed before it.
    pages = tuple(PageSpan(p.page, p.start - raw.text.count(SOFT_HYPHEN, 0, p.start)) for p in raw.pages)
    return replace(raw, text=text, pages=pages)


def read_path(
    path: str | Path, options: IngestOptions = DEFAULT_OPTIONS
) -> Iterator[RawDocument | ReviewError]:
    p = Path(path)
    if not p.exists():
        raise FileNotFound("no such file", path=str(path))
    if p.is_dir():
        raise UnsupportedFormat("is a folder, not a file", path=str(path))
    size = p.stat().st_size
    fmt_guess = SUFFIXES.get(p.suffix.lower())
    # Refuse oversize files before reading them into memory (datasets are the exception: they are many documents).
    if fmt_guess != "jsonl" and not p.name.endswith(".jsonl.gz"):
        limit = options.max_pdf_bytes if fmt_guess == "pdf" else max(options.max_bytes, options.max_pdf_bytes)
        if size > limit:
            raise FileTooLarge(
                f"{size / 1e6:.1f} MB is more than the {limit / 1e6:.0f} MB limit", path=str(path)
            )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise CorruptFile(f"cannot read the file: {exc.strerror or exc}", path=str(path)) from exc
    yield from read_bytes(data, str(path), options)


def iter_source_files(sources: list[str | Path]) -> Iterator[Path]:
    """Files under the given paths, in a stable order; hidden files and READMEs are skipped."""
    for src in sources:
        p = Path(src)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if (
                    f.is_file()
                    and not any(part.startswith(".") for part in f.relative_to(p).parts)
                    and f.name.lower() not in ("readme.md", "readme.txt", "sources.md")
                    and (f.suffix.lower() in SOURCE_SUFFIXES)
                ):
                    yield f
        else:
            yield p
