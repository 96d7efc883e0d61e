"""One resolver for every entry point (CLI, Python API, web, search's number look-up): what a user typed → the id
of one document (or unit) in the corpus.

Accepted: the id itself (``30/2023/QĐ-UBND@HCM``), the number as printed (``145/2020/NĐ-CP``, also typed
``145/2020/ND-CP`` or with spaces), a short form (``NĐ 145/2020``, ``nghị định 145/2020``, ``QĐ 30/2023 UBND``),
each optionally followed by the authority (``30/2023/QĐ-UBND TP.HCM``, ``QĐ 30/2023 UBND Hà Nội``), and a unit
node ``DOC#EID``. A unique match is the answer; several are an ``AmbiguousDocument`` error listing the candidates
with their issuers; none is a ``DocumentNotFound`` error with the numbers that come closest ("did you mean").
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from review.errors import AmbiguousDocument, DocumentNotFound, UnitNotFound
from review.identity.authorities import Registry, registry
from review.identity.ids import parse_id
from review.identity.mentions import NumberMention, find_mentions, matches
from review.models import DocumentRecord
from review.text.numbers import NUMBER_RE, normalize_number, number_key

MAX_SUGGESTIONS = 5


@dataclass(frozen=True)
class Candidate:
    """A document a look-up could mean, described for a person choosing between them."""

    id: str
    number: str | None
    type: str | None
    issuer: str | None
    issued: str | None
    title: str | None
    in_corpus: bool = True

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "number": self.number,
            "type": self.type,
            "issuer": self.issuer,
            "issued": self.issued,
            "title": self.title,
            "in_corpus": self.in_corpus,
        }

    def describe(self) -> str:
        parts = [self.id, self.issuer or "?", self.issued or "?"]
        return " — ".join(parts)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00d0", "Đ")
    return " ".join(text.split())


def _language(doc_id: str) -> str | None:
    return parse_id(doc_id).language


class DocumentResolver:
    """Look-ups over one corpus. ``documents`` are the corpus's; ``cited`` are ids of documents it only cites
    (graph nodes: their status can be asked, "not in the corpus"); ``unit_ids(doc)`` gives a document's eids."""

    def __init__(
        self,
        documents: Mapping[str, DocumentRecord],
        *,
        cited: Iterable[str] = (),
        unit_ids: Callable[[str], Iterable[str]] | None = None,
        authorities: Registry | None = None,
    ):
        self.documents = documents
        self.cited = frozenset(c for c in cited if c not in documents)
        self.unit_ids = unit_ids
        self.registry = authorities or registry()
        self._by_key: dict[str, list[str]] = defaultdict(list)
        for doc_id, record in documents.items():
            number = record.number or parse_id(doc_id).number
            self._by_key[number_key(number)].append(doc_id)
        for doc_id in sorted(self.cited):
            self._by_key[number_key(parse_id(doc_id).number)].append(doc_id)

    # --- documents -----------------------------------------------------------------------------------------

    def resolve(self, text: str) -> str:
        """The id of the one document ``text`` names (see the module docstring)."""
        found = self.candidates(text)
        if len(found) == 1:
            return found[0]
        if found:
            described = tuple(self.describe(d) for d in found)
            raise AmbiguousDocument(
                f"{text!r} names {len(found)} documents: " + "; ".join(c.describe() for c in described),
                candidates=described,
                hint="give the id with its authority, e.g. " + found[0],
            )
        close = self.suggestions(text)
        raise DocumentNotFound(
            f"no document {text!r} in the corpus",
            hint=("did you mean " + ", ".join(close)) if close else "review docs lists the documents",
        )

    def candidates(self, text: str) -> list[str]:
        """Every document ``text`` may name, best first (an exact id alone when it is one)."""
        raw = _clean(text)
        if not raw:
            return []
        if raw in self.documents or raw in self.cited:
            return [raw]
        parsed = parse_id(raw)
        if parsed.authority or parsed.language:
            number = normalize_number(parsed.number)
            keyed = list(self._by_key.get(number_key(number), ()))
            if not keyed and not NUMBER_RE.fullmatch(parsed.number.strip()):
                # A short form before the code ("QĐ 09/2025@HN"): the mention, then the code narrows it.
                mentions = find_mentions(parsed.number)
                keyed = self._matching(mentions[0]) if mentions else []
            found = [
                d
                for d in keyed
                if (parsed.authority is None or parse_id(d).authority == parsed.authority)
                and _language(d) == parsed.language
            ]
            return found
        whole = NUMBER_RE.match(raw)
        if whole:
            number = normalize_number(whole.group(0))
            found = list(self._by_key.get(number_key(number), ()))
            rest = raw[whole.end() :]
        else:
            mentions = find_mentions(raw)
            if not mentions:
                return []
            mention = mentions[0]
            found = self._matching(mention)
            rest = raw[: mention.start] + " " + raw[mention.end :]
        return self._narrow(found, rest)

    def _matching(self, mention: NumberMention) -> list[str]:
        out = []
        for doc_id, record in self.documents.items():
            if matches(record.number or parse_id(doc_id).number, mention):
                out.append(doc_id)
        for doc_id in sorted(self.cited):
            if matches(parse_id(doc_id).number, mention):
                out.append(doc_id)
        return out

    def _narrow(self, found: list[str], rest: str) -> list[str]:
        """Keep the documents of the authority named in the rest of the text; prefer originals to translations
        and documents in the corpus to ones only cited."""
        if len(found) > 1 and rest.strip(" ,;()-"):
            authority = self.registry.find(rest)
            if authority is not None:
                own = set(self.registry.responsible_for(authority.code)) | {authority.code}
                narrowed = [d for d in found if parse_id(d).authority in own]
                if narrowed:
                    found = narrowed
        originals = [d for d in found if _language(d) is None]
        found = originals or found
        in_corpus = [d for d in found if d in self.documents]
        return in_corpus or found

    def describe(self, doc_id: str) -> Candidate:
        record = self.documents.get(doc_id)
        if record is None:
            return Candidate(doc_id, parse_id(doc_id).number, None, None, None, None, in_corpus=False)
        return Candidate(doc_id, record.number, record.type, record.issuer, record.issued, record.title)

    def suggestions(self, text: str) -> list[str]:
        """Numbers close to what was typed: the same serial and year under another symbol, a serial one digit
        off, the same number another year."""
        mentions = find_mentions(_clean(text))
        if not mentions:
            return []
        m = mentions[0]
        scored: list[tuple[int, str]] = []
        for doc_id, record in self.documents.items():
            number = record.number or parse_id(doc_id).number
            serial, _, rest = number.partition("/")
            serial = serial.lstrip("0") or "0"
            year = rest.split("/")[0] if re.match(r"(?:19|20)\d\d/", rest) else None
            symbol = number.rsplit("/", 1)[-1].upper()
            same_symbol = bool(m.symbol) and symbol.startswith((m.symbol or "").upper())
            if serial == m.serial and year == m.year:
                score = 0 if same_symbol else 1
            elif year == m.year and same_symbol and _one_off(serial, m.serial):
                score = 2
            elif serial == m.serial and same_symbol:
                score = 3
            else:
                continue
            scored.append((score, doc_id))
        return [d for _, d in sorted(scored)[:MAX_SUGGESTIONS]]

    # --- units ---------------------------------------------------------------------------------------------

    def resolve_node(self, text: str) -> str:
        """A document id, or a unit node ``DOC#EID`` whose document resolves and which has that unit."""
        doc_text, sep, eid = text.partition("#")
        doc_id = self.resolve(doc_text)
        if not sep:
            return doc_id
        eid = eid.strip()
        if not eid:
            return doc_id
        if doc_id in self.documents and self.unit_ids is not None:
            eids = list(self.unit_ids(doc_id))
            if eid not in eids:
                close = [e for e in eids if e.startswith(eid.split("__")[0])][:MAX_SUGGESTIONS]
                raise UnitNotFound(
                    f"{doc_id} has no unit {eid!r}",
                    hint=("did you mean " + ", ".join(close))
                    if close
                    else f"review show {doc_id} --format text",
                )
        return f"{doc_id}#{eid}"


def _one_off(a: str, b: str) -> bool:
    """Two serials one keystroke apart (a digit changed, added or dropped)."""
    if a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return len(long_) - len(short) == 1 and any(
        long_[:i] + long_[i + 1 :] == short for i in range(len(long_))
    )
