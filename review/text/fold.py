"""Accent folding: the form in which "dat dai" matches "đất đai".

Plain NFD stripping leaves ``đ`` (it is a letter of its own, not d + a mark), so it is mapped explicitly.
"""

from __future__ import annotations

import unicodedata

_EXTRA = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"})


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_EXTRA)


class _FoldTable(dict[int, str]):
    """``str.translate``'s table, filled on first sight of each character (the translation then runs in C)."""

    def __missing__(self, code: int) -> str:
        value = _fold_char(chr(code))
        self[code] = value
        return value


_TABLE = _FoldTable()


def fold(text: str, *, lower: bool = True) -> str:
    """Remove every diacritic (tone and shape marks) and map đ→d; lower-case unless ``lower=False``.

    Length-preserving for Vietnamese text, so offsets into the folded form are offsets into the original."""
    if text.isascii():
        return text.lower() if lower else text
    out = text.translate(_TABLE)
    return out.lower() if lower else out
