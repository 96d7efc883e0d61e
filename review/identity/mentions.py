"""How people name a document in a search box or a command: the number as printed ("43/2014/NĐ-CP", also typed
"43/2014/ND-CP"), or a short form ("NĐ 43/2014", "nghị định 43/2014", "tt 06/2026", "QĐ 30/2023 UBND"). One
reader for search (a number puts that document first) and for the document resolver (``review show …``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from review.text.numbers import NUMBER_RE, normalize_number


@dataclass(frozen=True)
class NumberMention:
    """A number or short form naming a document: serial, year and symbol (in full, or only the type code, or
    nothing when the type word says nothing about it), and the issuer code a short form adds ("UBND")."""

    serial: str
    year: str | None
    symbol: str | None  # "NĐ-CP" when given in full, else the type code ("NĐ"), "" for any
    issuer: str | None = None  # "UBND" in "QĐ 30/2023 UBND"
    start: int = 0
    end: int = 0


# Type words and abbreviations of short forms → the type code their numbers' symbols start with.
SHORT_TYPES = {
    "nđ": "NĐ",
    "nd": "NĐ",
    "nghị định": "NĐ",
    "nghi dinh": "NĐ",
    "tt": "TT",
    "thông tư": "TT",
    "thong tu": "TT",
    "qđ": "QĐ",
    "qd": "QĐ",
    "quyết định": "QĐ",
    "quyet dinh": "QĐ",
    # A resolution's symbol may be NQ-CP, NQ-HĐND, QH15 or UBTVQH15: any symbol will do.
    "nq": "",
    "nghị quyết": "",
    "nghi quyet": "",
    "ttlt": "TTLT",
    "thông tư liên tịch": "TTLT",
    "thong tu lien tich": "TTLT",
    "luật": "QH",
    "luat": "QH",
    "ct": "CT",
    "chỉ thị": "CT",
    "chi thi": "CT",
}
# Issuer parts a short form may add after the number: "QĐ 30/2023 UBND", "NQ 15/2025 HĐND", "NĐ 43/2014 CP".
_ISSUER_WORDS = r"UBND|HĐND|HDND|CP|TTg|TTG"
SHORT_FORM = re.compile(
    r"(?<![\w/])(?P<type>"
    + "|".join(sorted(map(re.escape, SHORT_TYPES), key=len, reverse=True))
    + r")\s*(?:số\s*)?"
    r"(?P<serial>\d{1,5})\s*/\s*(?P<year>(?:19|20)\d\d)(?![\w/])"
    rf"(?:\s*[-/]?\s*(?P<issuer>{_ISSUER_WORDS})(?![\w]))?",
    re.IGNORECASE,
)


def _serial(text: str) -> str:
    return text.lstrip("0") or "0"


def find_mentions(text: str) -> list[NumberMention]:
    """Every number and short form in ``text``, numbers first."""
    out: list[NumberMention] = []
    for m in NUMBER_RE.finditer(text):
        norm = normalize_number(m.group(0))
        serial, _, rest = norm.partition("/")
        year = rest.split("/")[0] if re.match(r"(?:19|20)\d\d/", rest) else None
        out.append(NumberMention(_serial(serial), year, norm.rsplit("/", 1)[-1], None, m.start(), m.end()))
    for m in SHORT_FORM.finditer(text):
        issuer = m.group("issuer")
        out.append(
            NumberMention(
                _serial(m.group("serial")),
                m.group("year"),
                SHORT_TYPES[m.group("type").lower()],
                normalize_number(issuer) if issuer else None,
                m.start(),
                m.end(),
            )
        )
    return out


def matches(number: str | None, wanted: NumberMention) -> bool:
    """Does a document's (normalised) number answer the mention?"""
    if not number:
        return False
    serial, _, rest = number.partition("/")
    if _serial(serial) != wanted.serial:
        return False
    year = rest.split("/")[0] if re.match(r"(?:19|20)\d\d/", rest) else None
    if wanted.year and year != wanted.year:
        return False
    symbol = number.rsplit("/", 1)[-1].upper()
    if wanted.symbol:
        code = wanted.symbol.upper()
        if not (symbol == code or symbol.startswith(code + "-") or symbol.startswith(code)):
            return False
    if wanted.issuer:
        return wanted.issuer.upper() in symbol.split("-")
    return True
