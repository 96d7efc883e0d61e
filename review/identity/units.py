"""Unit numbers as identifiers use them: Roman numerals (chapters, parts, annexes), the point alphabet,
Vietnamese ordinals ("Phần thứ hai"), a number split into its ordinal and insertion suffix ("35a" → 35, "a"),
and a number as it is written in an eid (docs/ARCHITECTURE.md, Identifiers). Structure writes eids with these,
annotate reads citations with them."""

from __future__ import annotations

import re

from review.vocab import vocabulary

# Points use the Vietnamese alphabet (no f, j, w, z); inserted points add a digit (a1, đ1).
POINT_LETTERS: str = vocabulary()["point_letters"]
POINT_ORDER = {c: i for i, c in enumerate(POINT_LETTERS)}
ORDINAL_VALUES = {
    w: i + 1
    for i, w in enumerate(
        ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai"]
    )
} | {"một": 1, "bốn": 4, "bẩy": 7}


def roman_to_int(value: str) -> int | None:
    table = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total, prev = 0, 0
    for ch in reversed(value.upper()):
        if ch not in table:
            return None
        n = table[ch]
        total = total - n if n < prev else total + n
        prev = max(prev, n)
    return total


def int_to_roman(value: int) -> str:
    out = []
    for n, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= n:
            out.append(sym)
            value -= n
    return "".join(out)


def split_num(num: str, kind: str = "") -> tuple[int, str]:
    """A unit number as (ordinal, insertion suffix): "35a" → (35, "a"); chapter "IV" → (4, ""); point "đ1" →
    (5, "1") since points run a b c d đ …"""
    if kind == "diem":
        m = re.fullmatch(rf"([{POINT_LETTERS}])(\d*)", num)
        return (POINT_ORDER[m.group(1)] + 1, m.group(2)) if m else (0, num)
    m = re.fullmatch(r"(\d+)([a-zđ]?\d*)", num)
    if m:
        return int(m.group(1)), m.group(2)
    m = re.fullmatch(r"([IVXLCDM]+)([a-z]?)", num)
    if m:
        return _roman_or_zero(m.group(1)), m.group(2)
    return 0, num


def _roman_or_zero(value: str) -> int:
    return roman_to_int(value) or 0


def eid_token(num: str | None) -> str:
    """A unit number as it appears in an eid: đ is written dd, anything unsafe becomes '_'."""
    if not num:
        return ""
    token = num.replace("đ", "dd").replace("Đ", "DD")
    return re.sub(r"[^A-Za-z0-9.\-]", "_", token)
