"""Document ids (docs/CONTRACT.md, Identifiers).

- A central document's id is its normalised number: ``43/2014/NĐ-CP``.
- A local document's number repeats across provinces (every province has a ``15/2025/NQ-HĐND``), so its id adds
  the code of its authority after ``@``: ``30/2023/QĐ-UBND@HCM``, ``52/2025/NQ-HĐND@DNG``. Codes are upper-case
  ASCII (review/data/authorities.json): short, stable, URL-safe (URL-encode the ``/`` as for every id).
- A translation adds its language in lower case: ``07/2010/NĐ-CP@en``, ``30/2023/QĐ-UBND@HCM@en``.
- A document that prints no number gets ``src:`` and the start of its source's sha256.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Symbol parts that mark a document of a local People's Council or People's Committee.
LOCAL_SYMBOLS = ("HĐND", "UBND", "CTUBND")
_CODE = re.compile(r"^[A-Z]{2,4}$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")


def is_local_number(number: str | None) -> bool:
    """A number whose symbol names a local council or committee (…/QĐ-UBND, …/NQ-HĐND, …/CT-UBND)."""
    if not number or "/" not in number:
        return False
    symbol = number.rsplit("/", 1)[-1].upper()
    return any(s in symbol.split("-") for s in LOCAL_SYMBOLS)


def document_id(number: str, *, authority: str | None = None, language: str = "vi") -> str:
    """The id of a numbered document: its number, its authority's code for a local one, its language when it
    is a translation."""
    base = f"{number}@{authority}" if authority and is_local_number(number) else number
    return base if language in ("vi", "und") else f"{base}@{language}"


@dataclass(frozen=True)
class ParsedId:
    number: str
    authority: str | None = None
    language: str | None = None


def parse_id(doc_id: str) -> ParsedId:
    """The parts of an id: ``30/2023/QĐ-UBND@HCM@en`` → number, authority code, language."""
    number, *rest = doc_id.split("@")
    authority = language = None
    for part in rest:
        if _CODE.match(part):
            authority = part
        elif _LANGUAGE.match(part):
            language = part
        else:
            return ParsedId(doc_id)  # not an id of this form: the whole string is the number
    return ParsedId(number, authority, language)
