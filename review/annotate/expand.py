"""Expanding the lists and ranges of unit numbers as written ("khoản 1, 2 và 3", "từ điểm a đến điểm đ",
"Chương I và II", "Phụ lục I, II và III") into their values."""

from __future__ import annotations

import re

from review.identity.units import POINT_LETTERS, int_to_roman

_NB = r"(?![\wÀ-ỹ/])"  # not followed by a letter, digit or slash
_P = rf"[{POINT_LETTERS}]\d?{_NB}"


def _split_values(text: str, word: str) -> list[str]:
    text = re.sub(rf"(?i)^các\s+|(?<![\wÀ-ỹ]){word}(?![\wÀ-ỹ])", " ", text)
    return [v for v in re.split(r"\s*(?:,|và|hoặc|;)\s*", text.strip()) if v]


def expand_points(raw: str) -> tuple[str, ...]:
    m = re.match(rf"từ\s+điểm\s+({_P})\s*(?:đến|tới)\s+(?:điểm\s+)?({_P})", raw)
    if m:
        a, b = m.group(1), m.group(2)
        i, j = POINT_LETTERS.find(a[0]), POINT_LETTERS.find(b[0])
        if 0 <= i <= j:
            return tuple(POINT_LETTERS[i : j + 1])
        return (a, b)
    return tuple(v.strip() for v in _split_values(raw, "điểm"))


def expand_numbers(raw: str, word: str) -> tuple[str, ...]:
    m = re.match(
        rf"(?i)(?:các\s+{word}\s+)?từ\s+{word}\s+(\d+)([a-zđ]?)\s*(?:đến|tới)\s+(?:{word}\s+)?(\d+)([a-zđ]?)",
        raw,
    )
    if m:
        lo, hi = int(m.group(1)), int(m.group(3))
        if lo <= hi and hi - lo <= 300:
            return tuple(str(n) for n in range(lo, hi + 1))
        return (m.group(1) + m.group(2), m.group(3) + m.group(4))
    return tuple(v.strip().lower() for v in _split_values(raw, word))


_ANNEX_ITEM = re.compile(r"([IVXLC]+|\d{1,2})([a-zA-Z]?)(?![\wÀ-ỹ])")


def annex_values(raw: str) -> tuple[str, ...]:
    """ "I, II và III" → I, II, III; "IXa" → IXa; "1A" → 1a (the number as printed, the letter lower case)."""
    raw = re.sub(r"[pP]hụ\s+lục\s+(?:số\s+)?", " ", raw)
    out: list[str] = []
    for m in _ANNEX_ITEM.finditer(raw):
        value = m.group(1) + m.group(2).lower()
        if value not in out:
            out.append(value)
    return tuple(out) or ("",)


def expand_roman(raw: str) -> tuple[str, ...]:
    values = (v.strip().upper() for v in _split_values(re.sub(r"(?i)chương", " ", raw), "chương"))
    return tuple(int_to_roman(int(v)) if v.isdigit() else v for v in values)
