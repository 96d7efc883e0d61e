"""The Vietnamese analyser: the single source of truth for what every search engine indexes and queries.

Engines receive pre-analysed tokens joined by spaces and split them on whitespace only, so Whoosh and tantivy
see exactly the same terms. Two forms of each text:

- folded: NFC, lower case, every diacritic removed and đ→d ("Đất đai" → "dat dai"): what people type;
- exact: NFC, lower case, one tone placement, accents kept ("đất đai"): boosted over the folded form so that
  "đất đai" ranks above "đạt đại".

Document numbers are indexed whole ("43/2014/nđ-cp", folded "43/2014/nd-cp") and as parts ("43", "2014",
"nđ", "cp"), so "43/2014/NĐ-CP", "NĐ 43/2014" and "nghị định 43/2014" all reach the document.

Speed: a corpus repeats a few thousand syllables millions of times, so each distinct word is analysed once
(``_word``, memoised): tone placement, lower case and folding are per word, and splitting a text into words
before or after them gives the same words (they change letters into letters).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from review.text.fold import fold
from review.text.normalize import normalize_tone_placement
from review.text.numbers import NUMBER_RE, normalize_number

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

Tokens = tuple[list[str], list[str]]  # (folded, exact)


@lru_cache(maxsize=200_000)
def _word(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(folded, exact) tokens of one word of NFC text: usually one each."""
    exact = tuple(_WORD.findall(normalize_tone_placement(word).lower()))
    return tuple(fold(t) for t in exact), exact


def _segment(text: str, folded: list[str], exact: list[str]) -> None:
    for w in _WORD.findall(unicodedata.normalize("NFC", text)):
        f, e = _word(w)
        folded.extend(f)
        exact.extend(e)


@lru_cache(maxsize=50_000)
def _number_tokens(number: str) -> tuple[str, ...]:
    whole = normalize_number(number).lower()
    parts = [p for p in re.split(r"[/\-.]", whole) if p]
    return (whole, *parts)


def analyse(text: str) -> tuple[list[str], list[str]]:
    """(folded tokens, exact tokens) of a text, in reading order, numbers whole then in parts."""
    folded: list[str] = []
    exact: list[str] = []
    pos = 0
    for m in NUMBER_RE.finditer(text):
        _segment(text[pos : m.start()], folded, exact)
        tokens = _number_tokens(m.group(0))
        exact.extend(tokens)
        folded.extend(fold(t) for t in tokens)
        pos = m.end()
    _segment(text[pos:], folded, exact)
    return folded, exact


@lru_cache(maxsize=200_000)
def _word_joined(word: str) -> tuple[str, str]:
    """``_word`` with each side's tokens joined by spaces (for the indexed fields, which are joined anyway)."""
    f, e = _word(word)
    return " ".join(f), " ".join(e)


def _segment_joined(text: str, folded: list[str], exact: list[str]) -> None:
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    if not words:
        return
    f, e = zip(*map(_word_joined, words), strict=True)
    folded.extend(f)
    exact.extend(e)


def analyse_joined(text: str) -> tuple[list[str], list[str]]:
    """``analyse`` for indexing: the same tokens, but a word's tokens come as one space-joined string, so that
    ``" ".join`` of either list is the field ``analyse`` gives. Built without a Python step per word."""
    folded: list[str] = []
    exact: list[str] = []
    pos = 0
    for m in NUMBER_RE.finditer(text):
        _segment_joined(text[pos : m.start()], folded, exact)
        tokens = _number_tokens(m.group(0))
        exact.append(" ".join(tokens))
        folded.append(" ".join(fold(t) for t in tokens))
        pos = m.end()
    _segment_joined(text[pos:], folded, exact)
    # A word may analyse to no token: its empty string would add a space to the joined field.
    if "" in folded or "" in exact:
        folded = [t for t in folded if t]
        exact = [t for t in exact if t]
    return folded, exact


def folded_field(text: str) -> str:
    return " ".join(analyse(text)[0])


def exact_field(text: str) -> str:
    return " ".join(analyse(text)[1])


def number_field(number: str | None) -> str:
    if not number:
        return ""
    tokens = list(_number_tokens(number))
    return " ".join(dict.fromkeys(tokens + [fold(t) for t in tokens]))
