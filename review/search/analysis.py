"""The Vietnamese analyser: the single source of truth for what every search engine indexes and queries.

Engines receive pre-analysed tokens joined by spaces and split them on whitespace only, so Whoosh and tantivy
see exactly the same terms. Two forms of each text:

- folded: NFC, lower case, every diacritic removed and đ→d ("Đất đai" → "dat dai"): what people type;
- exact: NFC, lower case, one tone placement, accents kept ("đất đai"): boosted over the folded form so that
  "đất đai" ranks above "đạt đại".

Document numbers are indexed whole ("43/2014/nđ-cp", folded "43/2014/nd-cp") and as parts ("43", "2014",
"nđ", "cp"), so "43/2014/NĐ-CP", "NĐ 43/2014" and "nghị định 43/2014" all reach the document.
"""

from __future__ import annotations

import re
import unicodedata

from review.text.fold import fold
from review.text.normalize import normalize_tone_placement
from review.text.numbers import NUMBER_RE, normalize_number

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _exact(text: str) -> str:
    return normalize_tone_placement(unicodedata.normalize("NFC", text)).lower()


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _number_tokens(number: str) -> list[str]:
    whole = normalize_number(number).lower()
    parts = [p for p in re.split(r"[/\-.]", whole) if p]
    return [whole, *parts]


def analyse(text: str) -> tuple[list[str], list[str]]:
    """(folded tokens, exact tokens) of a text, in reading order, numbers whole then in parts."""
    exact: list[str] = []
    pos = 0
    for m in NUMBER_RE.finditer(text):
        exact.extend(_words(_exact(text[pos : m.start()])))
        exact.extend(_number_tokens(m.group(0)))
        pos = m.end()
    exact.extend(_words(_exact(text[pos:])))
    return [fold(t) for t in exact], exact


def folded_field(text: str) -> str:
    return " ".join(analyse(text)[0])


def exact_field(text: str) -> str:
    return " ".join(analyse(text)[1])


def number_field(number: str | None) -> str:
    if not number:
        return ""
    tokens = _number_tokens(number)
    return " ".join(dict.fromkeys(tokens + [fold(t) for t in tokens]))
