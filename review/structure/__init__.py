"""Structure: from a ``RawDocument`` (text + provenance + container hints) to a ``Document``.

Never refuses a document: whatever cannot be read becomes a data-quality ``Note``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from review import notes as codes
from review.errors import ReviewError
from review.identity import ids
from review.identity.authorities import registry
from review.models import Document, Note, RawDocument
from review.structure.header import Header, number_from_title, read_header, title_from_hint, type_from_title
from review.structure.phapdien import demuc_units
from review.structure.tree import build_tree
from review.text.fold import fold
from review.text.numbers import issuer_from_number, normalize_number, type_from_number

__all__ = ["detect_language", "document_id", "structure", "structure_all"]

_VI_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")


def detect_language(text: str) -> str:
    """ "vi" when Vietnamese letters are frequent, "en" for English, else "und" (undetermined)."""
    sample = text[:20000]
    # Counted per distinct character: a text repeats a few dozen letters thousands of times.
    counts = Counter(sample)
    letters = sum(n for c, n in counts.items() if c.isalpha())
    if not letters:
        return "und"
    marked = sum(
        n
        for c, n in counts.items()
        if c.isalpha() and (c in _VI_LETTERS or unicodedata.decomposition(c) != "")
    )
    if marked / letters > 0.04:
        return "vi"
    words = re.findall(r"[a-z]+", sample.lower())
    common = sum(1 for w in words if w in {"the", "of", "and", "to", "in", "shall", "this", "for", "on"})
    return "en" if words and common / len(words) > 0.05 else "und"


def document_id(number: str | None, *, authority: str | None, language: str, fallback: str) -> str:
    """The document id (docs/CONTRACT.md, Identifiers; review.identity.ids): the normalised number, with the
    local authority's code for a local document (``30/2023/QĐ-UBND@HCM``) and the language of a translation
    (``…@en``); a document without a number uses ``fallback`` (derived from its source)."""
    if not number:
        return fallback if language in ("vi", "und") else f"{fallback}@{language}"
    return ids.document_id(number, authority=authority, language=language)


# The header words of a local People's Council or Committee (or its chair), whose documents are local.
_LOCAL_ISSUER = re.compile(
    r"\b(?:ủy|uỷ)\s+ban\s+nhân\s+dân\b|\bhội\s+đồng\s+nhân\s+dân\b|\bUBND\b|\bHĐND\b", re.I
)


def authority_of(number: str | None, issuer: str | None, issued: str | None, place: str | None) -> str | None:
    """The code of the local authority that issued a document, from the issuer named in its header (the date
    line's place when the header names none); None for a central document."""
    local = ids.is_local_number(number) or bool(issuer and _LOCAL_ISSUER.search(issuer))
    if not local:
        return None
    found = registry().find(issuer, issued, strict=True) if issuer else None
    if found is None and place:
        found = registry().find(place, issued)
    return found.code if found else None


def _same_words(a: str, b: str) -> bool:
    def key(t: str) -> str:
        return re.sub(r"[^a-z0-9]+", "", fold(t))

    return key(a) == key(b)


def structure(raw: RawDocument, *, fallback_id: str | None = None) -> Document:
    """Parse header metadata and the unit tree of one document."""
    text = raw.text
    hints = raw.hints
    language = hints.get("language") or detect_language(text)
    lang = "en" if language == "en" else "vi"
    notes: list[Note] = list(raw.notes)

    codified = raw.articles is not None  # a Bộ pháp điển đề mục: articles, no header to read
    if raw.articles is not None:
        units = demuc_units(raw.articles)
        header = Header(preamble=text.strip())
        tree_notes: tuple[Note, ...] = ()
    else:
        tree, lines = build_tree(text, lang=lang, pages=raw.pages)
        units = tree.units
        tree_notes = tree.notes
        header = read_header(lines, tree.body_start, tree.quoted, lang)
    notes.extend(tree_notes)

    number = header.number
    hint_number = normalize_number(hints["number"]) if hints.get("number") else None
    if hint_number is None and hints.get("title"):
        hint_number = number_from_title(hints["title"])
    if number and hint_number and number != hint_number:
        text_type = type_from_number(number)
        # A "Số: 100/2025/TT-BCA" under a NGHỊ ĐỊNH type line is a pasting error in the text: the header
        # contradicts itself, so the container's number (which agrees with the type line) is taken.
        use_hint = bool(
            header.type
            and text_type
            and text_type != header.type
            and type_from_number(hint_number) == header.type
        )
        chosen = hint_number if use_hint else number
        notes.append(
            Note(
                codes.METADATA_DISAGREES,
                f"number in the text is {number}, the source says {hint_number}; {chosen} is used",
            )
        )
        number = chosen
    number = number or hint_number

    doc_type = header.type
    if number and "VBHN" in number:
        doc_type = "Văn bản hợp nhất"
    doc_type = (
        doc_type
        or hints.get("type")
        or (type_from_title(hints["title"]) if hints.get("title") else None)
        or (type_from_number(number) if number else None)
    )

    issuer = header.issuer or hints.get("issuer") or (issuer_from_number(number) if number else None)

    title = header.title
    if hints.get("title"):
        hint_title = title_from_hint(hints["title"], number)
        has_trich_yeu = hint_title != hints["title"].strip()
        bare_number = (
            not has_trich_yeu and number_from_title(hints["title"]) is not None
        )  # "Decree 27/2020/ND-CP"
        if not title and not bare_number:
            title = hint_title
        elif title and header.title_in_capitals and has_trich_yeu and _same_words(title, hint_title):
            # A title printed in capitals lost its proper names' case; the page title keeps it.
            title = hint_title
    if title:
        title = title[:1].upper() + title[1:]

    issued = header.issued or hints.get("issued")
    effective = header.effective or hints.get("effective")

    if not number and not codified:
        notes.append(Note(codes.NO_NUMBER, "no document number found in the header or the title"))
    if not issued and not codified:
        notes.append(Note(codes.NO_DATE, "no issue date found"))
    if not codified and not any(u.kind == "dieu" for unit in units for u in unit.walk()):
        notes.append(Note(codes.NO_ARTICLES, "the document has no article (Điều); its text is kept as body"))

    fallback = fallback_id or hints.get("id") or f"src:{raw.source.sha256[:16]}"
    doc_id = hints.get("id") if codified and hints.get("id") else None
    authority = authority_of(number, issuer, issued, header.place)
    if authority is None and number and ids.is_local_number(number) and not codified:
        notes.append(
            Note(codes.NO_AUTHORITY, "a local number, but the header names no province or city we know")
        )
    doc_id = doc_id or document_id(number, authority=authority, language=language, fallback=fallback)

    body = ""
    if not units and not codified:
        body = text.strip()
    return Document(
        id=doc_id,
        number=number,
        type=doc_type,
        issuer=issuer,
        title=title,
        issued=issued,
        effective=effective,
        language=language,
        source=raw.source,
        units=units,
        place=header.place,
        preamble=header.preamble if units else "",
        stated_status=hints.get("stated_status"),
        stated_effective=hints.get("stated_effective"),
        notes=tuple(notes),
        body=body,
        authority=authority,
    )


def structure_all(items: Iterable[RawDocument | ReviewError]) -> list[Document]:
    """The documents of one file as ingest read it (``review.ingest.read_bytes``/``read_path``).

    The first record that could not be read raises: a caller asking for a file's documents gets all of them or
    an error (``review build`` instead reports bad records and goes on, so it does not come here)."""
    documents = []
    for item in items:
        if isinstance(item, ReviewError):
            raise item
        documents.append(structure(item))
    return documents
