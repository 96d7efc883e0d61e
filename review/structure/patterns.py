"""Line patterns for the structure of Vietnamese legal documents (and of vbpl.vn's English translations).

Sources: docs/vietnamese-legal-domain.md §1.4 (header), §2.1 (units and numbering), §8 items 3, 4 and 11; the
English forms are those of the vbpl.vn translations in the corpus ("Chapter I", "Article 5.").
"""

from __future__ import annotations

import re

from review.structure.numbering import POINT_LETTERS

ROMAN = r"[IVXLCDM]+"
_ORDINALS_VI = (
    "nhất|một|hai|ba|tư|bốn|năm|sáu|bảy|bẩy|tám|chín|mười|mười một|mười hai|mười ba|mười bốn|mười lăm"
)

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

QUOTE_OPEN = '“"«'

# "Mẫu số 01", "Mẫu 03/SHTT", "MẪU SỐ 02. (Ban hành kèm theo …)": a form code has a digit.
FORM = re.compile(
    r"^(?:Mẫu|MẪU)(?:\s+(?:số|SỐ))?\s*:?\s*[A-ZĐ]{0,6}[-\s]?\d[\w\-./]{0,20}(?:[.:]|\s*$|\s+\()(?!.{160})"
)
# The amending document's own instruction, read from the remainder of an article or clause heading.
OWN_INSTRUCTION = re.compile(r"(?:Sửa đổi|Bổ sung|Bãi bỏ|Thay thế|Thay|Bỏ)\b.*(?:như sau\s*:|\.)\s*$")
