"""Titles printed in capitals, written again in sentence case without losing what must stay capitalised.

A trích yếu in capitals ("BÃI BỎ QUYẾT ĐỊNH SỐ 10/2016/QĐ-UBND … CỦA ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH") reads in
normal case as "Bãi bỏ Quyết định số 10/2016/QĐ-UBND … của Ủy ban nhân dân tỉnh Hà Tĩnh": document numbers keep
their case, acronyms (UBND, HĐND, TTHC) stay upper case, and the names of places, bodies and of the documents
named ("Quyết định số …", "Luật Đất đai") get their capitals back.
"""

from __future__ import annotations

import re
from functools import cache

from review.identity.authorities import registry
from review.text.numbers import NUMBER_PATTERN
from review.vocab import type_words

# Bodies and names written with capitals in running text (domain notes §1.4; the state's own spelling).
_NAMES = (
    "Việt Nam",
    "Quốc hội",
    "Ủy ban Thường vụ Quốc hội",
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Chủ tịch nước",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Mặt trận Tổ quốc Việt Nam",
    "Tòa án nhân dân",
    "Viện kiểm sát nhân dân",
    "Kiểm toán nhà nước",
    "Ngân hàng Nhà nước",
    "Thủ đô",
    "Nhà nước",
)
_VOWELS = set("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


# Provinces and cities get their capitals after their kind only ("tỉnh Hòa Bình", never "hòa bình", peace).
_KIND_BEFORE = re.compile(r"(?:tỉnh|thành phố|tp\.?|thủ đô)\s+$")
_KIND_WINDOW = 32  # characters before a place name in which its kind is looked for


@cache
def _proper() -> list[tuple[re.Pattern[str], str]]:
    pairs = [
        (re.compile(rf"(?<!\w){re.escape(n.lower())}(?!\w)"), n)
        for n in sorted(set(_NAMES), key=len, reverse=True)
    ]
    # A document type before its number: "Quyết định số …", "Nghị quyết số …"; a cited article, chapter or annex.
    for word in type_words():
        pairs.append((re.compile(rf"(?<!\w){re.escape(word.lower())}(?=\s+số\b)"), word))
    for word in ("Điều", "Chương", "Phụ lục", "Mục"):
        pairs.append((re.compile(rf"(?<!\w){re.escape(word.lower())}(?=\s+(?:\d|[ivxlc]+\b))"), word))
    return pairs


@cache
def _places() -> list[tuple[re.Pattern[str], str]]:
    shorts = sorted({a.short for a in registry()}, key=len, reverse=True)
    return [(re.compile(rf"(?<!\w){re.escape(n.lower())}(?!\w)"), n) for n in shorts]


def _place_case(text: str) -> str:
    for pattern, name in _places():

        def capital(m: re.Match[str], name: str = name) -> str:
            # Only the few characters before the name are looked at: searching the whole prefix for every
            # match made a long title of place names cost quadratic time.
            window = max(0, m.start() - _KIND_WINDOW)
            return name if _KIND_BEFORE.search(m.string, window, m.start()) else m.group(0)

        text = pattern.sub(capital, text)
    return text


# Abbreviations with a vowel in them, which the vowel test would take for words.
_ACRONYMS = frozenset(
    {"UBND", "UBMTTQ", "MTTQ", "BHXH", "BHYT", "ĐBQH", "TAND", "VKSND", "VPUB", "HTX", "THCS", "THPT"}
)


def _acronym(token: str) -> bool:
    """An upper-case token that is an abbreviation (no vowel: HĐND, TTHC; or a known one: UBND) rather than a
    word."""
    if token.upper() in _ACRONYMS:
        return True
    letters = [c for c in token.lower() if c.isalpha()]
    return len(letters) >= 2 and not any(c in _VOWELS for c in letters)


def sentence_case(title: str) -> str:
    """ "AN NINH MẠNG" → "An ninh mạng"; mixed-case titles are left as they are (see the module docstring)."""
    if not title or not title.isupper():
        return title
    keep = {m.group(0).lower(): m.group(0) for m in re.finditer(NUMBER_PATTERN, title)}
    keep.update({t.lower(): t for t in re.findall(r"[^\W\d_]+", title) if _acronym(t)})
    lowered = title.lower()
    for low, orig in sorted(keep.items(), key=lambda kv: -len(kv[0])):
        lowered = re.sub(rf"(?<!\w){re.escape(low)}(?!\w)", orig, lowered)
    for pattern, name in _proper():
        lowered = pattern.sub(name, lowered)
    lowered = _place_case(lowered)
    return lowered[:1].upper() + lowered[1:]
