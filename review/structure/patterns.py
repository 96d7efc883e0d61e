"""Line patterns for the structure of Vietnamese legal documents (and of vbpl.vn's English translations).

Sources: docs/vietnamese-legal-domain.md §1.4 (header), §2.1 (units and numbering), §8 items 3, 4 and 11; the
English forms are those of the vbpl.vn translations in the corpus ("Chapter I", "Article 5.").
"""

from __future__ import annotations

import re

ROMAN = r"[IVXLCDM]+"
# Points use the Vietnamese alphabet (no f, j, w, z); inserted points add a digit (a1, đ1).
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"
POINT_ORDER = {c: i for i, c in enumerate(POINT_LETTERS)}
_ORDINALS_VI = (
    "nhất|một|hai|ba|tư|bốn|năm|sáu|bảy|bẩy|tám|chín|mười|mười một|mười hai|mười ba|mười bốn|mười lăm"
)
ORDINAL_VALUES = {
    w: i + 1
    for i, w in enumerate(
        ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai"]
    )
} | {"một": 1, "bốn": 4, "bẩy": 7}

_I = re.IGNORECASE

PHAN = re.compile(
    rf"^(?:PHẦN|Phần)\s+(?:thứ\s+(?P<ord>{_ORDINALS_VI})|(?P<num>{ROMAN}|\d+))\b\.?\s*(?P<rest>.*)$", _I
)
CHUONG = re.compile(rf"^(?:CHƯƠNG|Chương)\s+(?P<num>{ROMAN}|\d+[a-z]?)\b\s*[.:\-–]?\s*(?P<rest>.*)$")
MUC = re.compile(r"^(?:MỤC|Mục)\s+(?P<num>\d+[a-z]?|[IVX]+)\b\s*[.:\-–]?\s*(?P<rest>.*)$")
TIEU_MUC = re.compile(r"^(?:TIỂU MỤC|Tiểu mục)\s+(?P<num>\d+[a-z]?)\b\s*[.:\-–]?\s*(?P<rest>.*)$")
# "Điều 5. Tên điều", "Điều 35a. ...", old texts "Điều 5:" / "Điều 5 -"; vbpl sometimes drops the space
# after the dot ("Điều 3.Thay thế ...").
DIEU = re.compile(r"^(?:Điều|ĐIỀU)\s+(?P<num>\d{1,4}[a-zđ]?)\s*(?:[.:\-–]\s*|$)(?P<rest>.*)$")
# Some documents drop the dot: "Điều 5 Chính sách của Nhà nước …". Accepted only before a capitalised title that
# is not the start of a citation ("Điều 5 Luật Đất đai quy định …").
DIEU_NO_DOT = re.compile(
    r"^(?:Điều|ĐIỀU)\s+(?P<num>\d{1,4}[a-zđ]?)\s+(?!(?:Luật|Bộ luật|Nghị|Thông tư|Quyết định|Pháp lệnh|Hiến pháp|"
    r"Chương|Mục|Phụ lục|Điều|Khoản|Văn bản|Lệnh|Chỉ thị)\b)(?P<rest>[A-ZĐÂĂÊÔƠƯ][^.;:]{0,150})$"
)
# "1. text", "3a. text"; not "1.1." (old sub-numbering) and not a bare year or amount.
KHOAN = re.compile(r"^(?P<num>\d{1,3}[a-zđ]?)\s?\.{1,2}(?![\d.])\s*(?P<rest>\S.*)$")
# "a) text", "đ) text", "a1) text"; also "a." in some documents is too ambiguous (abbreviations) so only ")".
DIEM = re.compile(rf"^(?P<num>[{POINT_LETTERS}]\d?)\s?\)\s*(?P<rest>.*)$")
PHU_LUC = re.compile(
    r"^(?:PHỤ LỤC|Phụ lục|PHỤ LỤC SỐ|Phụ lục số)\s*(?P<num>[IVXLC]+[a-z]?|\d+[a-z]?)?\b\s*[.:\-–]?\s*(?P<rest>.*)$"
)

EN_CHAPTER = re.compile(rf"^(?:CHAPTER|Chapter)\s+(?P<num>{ROMAN}|\d+)\b\s*[.:\-–]?\s*(?P<rest>.*)$")
EN_SECTION = re.compile(r"^(?:SECTION|Section)\s+(?P<num>\d+[a-z]?)\b\s*[.:\-–]?\s*(?P<rest>.*)$")
EN_PART = re.compile(
    rf"^(?:PART|Part)\s+(?P<num>{ROMAN}|\d+|ONE|TWO|THREE|FOUR|FIVE|SIX)\b\s*[.:\-–]?\s*(?P<rest>.*)$"
)
EN_ARTICLE = re.compile(r"^(?:Article|ARTICLE)\s*(?P<num>\d{1,4}[a-z]?)\s*(?:[.:\-–]\s*|$)(?P<rest>.*)$")
EN_APPENDIX = re.compile(
    r"^(?:APPENDIX|Appendix|ANNEX|Annex)\s*(?P<num>[IVXLC]+|\d+)?\b\s*[.:\-–]?\s*(?P<rest>.*)$"
)

# An amending instruction that introduces new text: "Sửa đổi, bổ sung khoản 2 Điều 5 như sau:".
AMENDING_INTRO = re.compile(
    r"(sửa đổi|bổ sung|thay thế|bãi bỏ|to amend|to supplement|to replace|amended|supplemented|replaced)"
    r".*(như sau|as follows)\s*:?\s*$",
    _I,
)

CONTAINER_OPERATION = re.compile(r"(một số|các)\s+(điều|khoản|điểm|nội dung|quy định)|a number of", _I)

# The signature block and the distribution list close the body of the document.
SIGNATURE = re.compile(
    r"^(?:TM\.|T\.M\.|KT\.|K\.T\.|TL\.|Q\.|TUQ\.|ON BEHALF OF|FOR THE|P\.P\.)\s*\S"
    r"|^(?:Nơi nhận|Noi nhan|Recipients?)\s*:"
    r"|^\((?:Đã ký|đã ký|Signed|signed)\)$"
    # A law's closing line, "Luật này đã được Quốc hội … thông qua ngày …", ends its body too.
    r"|^(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|Hiến pháp) này (?:đã )?được .{0,300}thông qua"
    r"|^This (?:Law|Code|Resolution|Ordinance) was passed",
)
# An attachment after the signature: annexes and the regulations a decision promulgates.
ATTACHMENT_TITLE = re.compile(
    r"^(?:QUY CHẾ|QUY ĐỊNH|ĐIỀU LỆ|CHƯƠNG TRÌNH|KẾ HOẠCH|DANH MỤC|HƯỚNG DẪN|QUY TRÌNH|BIỂU|MẪU|REGULATION|"
    r"REGULATIONS|CHARTER|LIST)\b"
)
PROMULGATED_WITH = re.compile(r"(ban hành kèm theo|kèm theo|promulgated together with|attached to)", _I)

QUOTE_OPEN = '“"«'
QUOTE_CLOSE = '”"»'


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
