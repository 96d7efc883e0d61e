"""Lines of the cleaned text, and the structural heading a line starts (Phần, Chương, Mục, Tiểu mục, Điều, khoản,
điểm, Phụ lục; "Chapter", "Article" … in vbpl.vn's English translations)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from review.identity.units import ORDINAL_VALUES, int_to_roman, roman_to_int
from review.structure import patterns as P


@dataclass(frozen=True)
class Line:
    text: str
    start: int  # offset of the line in the cleaned text
    number: int  # 1-based line number


@dataclass(frozen=True)
class Heading:
    kind: str
    num: str | None
    rest: str


def split_lines(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            out.append(Line(stripped, pos + raw.index(stripped[0]), number))
        pos += len(raw) + 1
    return out


def classify(text: str, lang: str = "vi", *, after_signature: bool = False) -> Heading | None:
    """The structural heading a line starts, or None for body text."""
    if lang == "en":
        return _classify_en(text)
    if text.startswith(("Điều", "ĐIỀU")):
        m = P.DIEU.match(text) or P.DIEU_NO_DOT.match(text)
        if m:
            return Heading("dieu", m.group("num").lower(), m.group("rest").strip())
    m = P.KHOAN.match(text)
    if m:
        return Heading("khoan", m.group("num").lower(), m.group("rest"))
    m = P.DIEM.match(text)
    if m:
        return Heading("diem", m.group("num"), m.group("rest"))
    if len(text) > 250:
        return None
    m = P.CHUONG.match(text)
    if m and _looks_like_title(m.group("rest")):
        return Heading("chuong", _chapter_num(m.group("num")), m.group("rest").strip())
    m = P.MUC.match(text)
    if m and _looks_like_title(m.group("rest")):
        return Heading("muc", m.group("num"), m.group("rest").strip())
    m = P.TIEU_MUC.match(text)
    if m and _looks_like_title(m.group("rest")):
        return Heading("tieu_muc", m.group("num"), m.group("rest").strip())
    m = P.PHAN.match(text)
    if m and _looks_like_title(m.group("rest")):
        if m.group("ord"):
            num = str(ORDINAL_VALUES.get(m.group("ord").lower(), 0) or m.group("ord"))
        else:
            num = m.group("num")
            num = str(roman_to_int(num)) if not num.isdigit() else num
        return Heading("phan", num, m.group("rest").strip())
    if after_signature and P.FORM_HEADING.match(text):
        # A form after the signature ("Mẫu số 03/SHTT") is an attachment of its own: its "Điều 1." are the
        # form's, not the document's.
        return Heading("phu_luc", None, text)
    m = P.PHU_LUC.match(text)
    if m and (after_signature or text.startswith("PHỤ LỤC")):
        num = m.group("num")
        return Heading("phu_luc", num.upper() if num else None, m.group("rest").strip())
    return None


def _classify_en(text: str) -> Heading | None:
    m = P.EN_ARTICLE.match(text)
    if m:
        return Heading("dieu", m.group("num").lower(), m.group("rest").strip())
    m = P.KHOAN.match(text)
    if m:
        return Heading("khoan", m.group("num").lower(), m.group("rest"))
    m = P.DIEM.match(text)
    if m:
        return Heading("diem", m.group("num"), m.group("rest"))
    if len(text) > 250:
        return None
    for kind, pattern in (("chuong", P.EN_CHAPTER), ("muc", P.EN_SECTION), ("phan", P.EN_PART)):
        m = pattern.match(text)
        if m and _looks_like_title(m.group("rest")):
            num = m.group("num")
            if kind == "chuong":
                num = _chapter_num(num)
            elif kind == "phan":
                words = {"ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5, "SIX": 6}
                num = str(words.get(num.upper()) or (num if num.isdigit() else roman_to_int(num)))
            return Heading(kind, num, m.group("rest").strip())
    m = P.EN_APPENDIX.match(text)
    if m and text[:8].isupper():
        return Heading("phu_luc", (m.group("num") or "").upper() or None, m.group("rest").strip())
    return None


def _looks_like_title(rest: str) -> bool:
    """A heading's remainder is empty or a title, not running text that merely starts with "Chương II của"."""
    rest = rest.strip()
    if not rest:
        return True
    if rest[0].islower() or "=" in rest:
        return False  # "Mục 1 = mục 1.1 + …" is a form's footnote
    return not P.CITATION_NOT_TITLE.match(rest)


def _chapter_num(num: str) -> str:
    """Chapters are cited in Roman numerals; an Arabic "Chương 2" gets the same eid as "Chương II"."""
    if num[:1].isdigit():
        m = re.fullmatch(r"(\d+)([a-z]?)", num)
        if m:
            return int_to_roman(int(m.group(1))) + m.group(2)
    return num.upper()
