"""JSONL datasets: one record per line, read with a field mapping.

Two presets match the datasets we know (and are detected from the first record's keys): ``vbpl`` (a record per
document: ``text``, ``title``, ``tinh_trang_hieu_luc`` …) and ``phapdien`` (a record per Bộ pháp điển article,
grouped into one document per đề mục). Any other dataset needs ``--map text=FIELD[,title=FIELD,...]``.
"""

from __future__ import annotations

import gzip
import io
import itertools
import json
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO

from review import notes as codes
from review.defaults import MAX_RECORD_BYTES
from review.errors import DatasetError, ReviewError
from review.ingest.phapdien import demuc_document
from review.models import Note, RawArticle, RawDocument, Source
from review.text.normalize import clean

# Document fields a mapping may fill: text is required, the rest become hints for the structure stage.
MAPPABLE = (
    "text",
    "id",
    "title",
    "number",
    "type",
    "issuer",
    "issued",
    "effective",
    "stated_status",
    "stated_effective",
    "language",
    "record",
)

PRESETS: dict[str, dict[str, str]] = {
    "vbpl": {
        "text": "text",
        "title": "title",
        "stated_status": "tinh_trang_hieu_luc",
        "stated_effective": "ngay_co_hieu_luc",
        "record": "file",
    },
    "phapdien": {},  # grouped by đề mục; see _read_phapdien
}


@dataclass(frozen=True)
class FieldMap:
    fields: Mapping[str, str]
    preset: str | None = None

    @classmethod
    def parse(cls, spec: str) -> FieldMap:
        """ "text=content,title=name" → FieldMap; a bare preset name ("vbpl", "phapdien") selects that preset."""
        spec = spec.strip()
        if spec in PRESETS:
            return cls(PRESETS[spec], preset=spec)
        fields: dict[str, str] = {}
        for part in filter(None, (p.strip() for p in spec.split(","))):
            key, sep, value = part.partition("=")
            if not sep or key not in MAPPABLE or not value:
                raise ReviewError(
                    f"bad field mapping {part!r}: use FIELD=SOURCE_KEY with FIELD in {', '.join(MAPPABLE)}"
                )
            fields[key] = value
        if "text" not in fields:
            raise ReviewError("a field mapping must say which key holds the text: text=KEY")
        return cls(fields)


def detect_preset(record: Mapping) -> str | None:
    if {"demuc_id", "dieu", "noidung"} <= record.keys():
        return "phapdien"
    if {"text", "title", "tinh_trang_hieu_luc"} <= record.keys():
        return "vbpl"
    return None


def _lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    stream: IO[bytes] = io.BytesIO(data)
    if data[:2] == b"\x1f\x8b":
        stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]  # a GzipFile reads bytes too
    for number, line in enumerate(stream, start=1):
        if line.strip():
            yield number, line


def read_jsonl(
    data: bytes, source: Source, mapping: FieldMap | None = None
) -> Iterator[RawDocument | ReviewError]:
    """Yield a RawDocument per record (per đề mục for the pháp điển preset), or a DatasetError for a bad line;
    a bad line never stops the rest of the file."""
    records = _records(data, source)
    preset = mapping.preset if mapping else None
    head: list[tuple[int, dict] | ReviewError] = []
    if mapping is None:
        # The layout is the first readable record's among the first few (a damaged first line does not hide it).
        for item in records:
            head.append(item)
            if not isinstance(item, ReviewError):
                preset = detect_preset(item[1])
                if preset is not None or len(head) >= _DETECT_WITHIN:
                    break
        if preset is None:
            yield from (item for item in head if isinstance(item, ReviewError))
            if any(not isinstance(item, ReviewError) for item in head):
                yield DatasetError(
                    "unknown dataset layout: give a field mapping, e.g. --map text=content,title=name",
                    path=source.path,
                )
            return
        mapping = FieldMap(PRESETS[preset], preset=preset)
    chained = itertools.chain(head, records)
    if preset == "phapdien":
        yield from _read_phapdien(chained, source)
    else:
        yield from _read_mapped(chained, source, mapping)


_DETECT_WITHIN = 20  # records looked at to detect a dataset's layout


def _records(data: bytes, source: Source) -> Iterator[tuple[int, dict] | ReviewError]:
    lines = _lines(data)
    while True:
        try:
            number, line = next(lines)
        except StopIteration:
            return
        except (OSError, EOFError, zlib.error) as exc:  # a damaged .jsonl.gz: what was read so far is kept
            yield DatasetError(f"the compressed data is damaged: {exc}", path=source.path)
            return
        if len(line) > MAX_RECORD_BYTES:
            yield DatasetError(f"line {number} is larger than {MAX_RECORD_BYTES} bytes", path=source.path)
            continue
        try:
            record = json.loads(line)
        except (
            ValueError,
            RecursionError,
        ) as exc:  # bad JSON or bytes, an integer too long, nesting too deep
            yield DatasetError(f"line {number} is not valid JSON: {str(exc)[:200]}", path=source.path)
            continue
        if not isinstance(record, dict):
            yield DatasetError(f"line {number} is not a JSON object", path=source.path)
            continue
        yield number, record


def _date_hint(value: str) -> str:
    """ "19/09/2025" → "2025-09-19"; ISO dates pass through."""
    parts = value.strip().split("/")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        d, m, y = parts
        return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"
    return value.strip()


def _read_mapped(records, source: Source, mapping: FieldMap) -> Iterator[RawDocument | ReviewError]:
    for item in records:
        if isinstance(item, ReviewError):
            yield item
            continue
        number, record = item
        text = record.get(mapping.fields["text"])
        if not isinstance(text, str):
            yield DatasetError(
                f"line {number} has no text in field {mapping.fields['text']!r}", path=source.path
            )
            continue
        hints: dict[str, str] = {}
        for field, key in mapping.fields.items():
            value = record.get(key)
            if field == "text" or value in (None, "", "--"):
                continue
            value = str(value)
            hints[field] = (
                _date_hint(value) if field in ("issued", "effective", "stated_effective") else value
            )
        if mapping.preset == "vbpl" and record.get("lang_guess") == "en":
            hints["language"] = "en"
        key = hints.pop("record", "") or f"line {number}"
        notes: tuple[Note, ...] = ()
        if not text.strip() or record.get("body_missing"):
            notes = (Note(codes.METADATA_ONLY, "the record has no document text, only metadata"),)
            text = "" if record.get("body_missing") else text
        yield RawDocument(
            text=clean(text),
            source=Source(source.path, source.sha256, "application/jsonl", record=key),
            hints=hints,
            notes=notes,
        )


# The fields of a pháp điển record that are read: text or null (the required ones must be there).
_PHAPDIEN_REQUIRED = ("demuc_id", "dieu", "noidung")
_PHAPDIEN_TEXT = (*_PHAPDIEN_REQUIRED, "demuc_heading", "demuc", "chuong", "muc", "mapc", "ghichu")


def _phapdien_problem(record: Mapping) -> str | None:
    """Why a pháp điển record cannot be read (a required field missing, a field that is not text), or None."""
    missing = [k for k in _PHAPDIEN_REQUIRED if k not in record]
    if missing:
        return f"has no {', '.join(repr(k) for k in missing)} field"
    wrong = [k for k in _PHAPDIEN_TEXT if record.get(k) is not None and not isinstance(record.get(k), str)]
    if wrong:
        kinds = ", ".join(f"{k!r} is {type(record[k]).__name__}" for k in wrong)
        return f"has fields that are not text ({kinds})"
    return None


def _read_phapdien(records, source: Source) -> Iterator[RawDocument | ReviewError]:
    group: list[RawArticle] = []
    current: tuple[str, str] | None = None

    def flush() -> RawDocument | None:
        if not group or current is None:
            return None
        doc = demuc_document(
            current[1],
            list(group),
            Source(source.path, source.sha256, "application/jsonl", record=current[0]),
        )
        return doc

    for item in records:
        if isinstance(item, ReviewError):
            yield item
            continue
        number, record = item
        problem = _phapdien_problem(record)
        if problem:
            yield DatasetError(f"line {number} {problem}; the record was skipped", path=source.path)
            continue
        key = (record.get("demuc_id") or "", record.get("demuc_heading") or record.get("demuc") or "")
        if current is not None and key[0] != current[0]:
            doc = flush()
            if doc:
                yield doc
            group = []
        current = key
        group.append(
            RawArticle(
                heading=clean(record.get("dieu") or ""),
                code=record.get("mapc"),
                chapter=record.get("chuong"),
                section=record.get("muc"),
                source_note=record.get("ghichu"),
                text=clean(record.get("noidung") or ""),
            )
        )
    doc = flush()
    if doc:
        yield doc
