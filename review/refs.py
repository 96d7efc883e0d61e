"""References in texts that are not yet in a corpus: one text, one file of any format, or a JSONL stream.

What ``review refs`` answers: a PDF, DOCX, HTML page or dataset is parsed first and every unit of every document
in it is annotated in its context (``annotate.document``); anything else is read as plain text. A JSONL stream
holds one text per line, annotated on its own, line by line, so a long stream never has to fit in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from review.annotate import extract_facts, extract_references
from review.annotate.document import annotate_document
from review.errors import FileNotFound, ReviewError
from review.ingest import read_bytes, sniff
from review.ingest.text import decode_text
from review.models import Fact, Reference
from review.structure import structure_all

# Formats that hold documents (parsed, then annotated unit by unit); the rest is one plain text.
DOCUMENT_FORMATS = ("pdf", "docx", "html", "jsonl")


@dataclass(frozen=True)
class TextReferences:
    """The references found in one text or file, and its effectiveness statements when they were asked for."""

    refs: tuple[Reference, ...]
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class LineReferences:
    """The references of one line of a JSONL stream, under the line's own ``id``."""

    id: Any
    refs: tuple[Reference, ...]
    facts: tuple[Fact, ...] | None = None  # None: facts were not asked for (the key is left out)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "refs": [r.to_dict() for r in self.refs]}
        if self.facts is not None:
            out["facts"] = [f.to_dict() for f in self.facts]
        return out


def references_in_bytes(
    data: bytes,
    name: str,
    *,
    doc_id: str | None = None,
    doc_type: str | None = None,
    unit: str | None = None,
    amended_doc: str | None = None,
    facts: bool = False,
) -> TextReferences:
    """The references in a file's bytes. A document format is parsed and each of its documents annotated with
    its own context (``doc_id`` … are then not used); plain text is annotated as the unit they describe."""
    if sniff(data, name) in DOCUMENT_FORMATS:
        found: list[Reference] = []
        found_facts: list[Fact] = []
        for doc in structure_all(read_bytes(data, name)):
            doc_refs, doc_facts = annotate_document(doc)
            found.extend(doc_refs)
            found_facts.extend(doc_facts)
        return TextReferences(tuple(found), tuple(found_facts) if facts else ())
    text, _ = decode_text(data, name)
    refs = extract_references(text, doc_id=doc_id, doc_type=doc_type, unit=unit, amended_doc=amended_doc)
    return TextReferences(tuple(refs), tuple(extract_facts(text, doc_id=doc_id, unit=unit)) if facts else ())


def references_in_file(path: str | Path, **context: Any) -> TextReferences:
    """``references_in_bytes`` of the file at ``path`` (the same keyword arguments)."""
    p = Path(path)
    if not p.is_file():
        raise FileNotFound("no such file", path=str(path))
    return references_in_bytes(p.read_bytes(), str(path), **context)


def references_in_jsonl(
    lines: Iterable[str], *, name: str, doc_id: str | None = None, facts: bool = False
) -> Iterator[LineReferences]:
    """The references of each line ``{"id": …, "text": …, "doc_id": …, "doc_type": …, "unit": …,
    "amended_doc": …}`` of a stream, in order; blank lines are skipped. ``doc_id`` is used where a line has
    none. A line that is not a JSON object with a text raises, naming its number (the lines before it have
    been yielded)."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item["text"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ReviewError(f"line {number} is not a JSON object with a text: {exc}", path=name) from exc
        refs = extract_references(
            text,
            doc_id=item.get("doc_id") or doc_id,
            doc_type=item.get("doc_type"),
            unit=item.get("unit"),
            amended_doc=item.get("amended_doc"),
        )
        # Facts take the line's own doc_id only, not the fallback: kept as `review refs` has always answered.
        line_facts = tuple(extract_facts(text, doc_id=item.get("doc_id"))) if facts else None
        yield LineReferences(item.get("id"), tuple(refs), line_facts)
