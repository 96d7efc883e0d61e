"""Header metadata: số ký hiệu, loại, cơ quan ban hành, địa danh and ngày ban hành, trích yếu, effective date.

Read from the lines above the first structural heading (domain notes §1.4), with the effective date taken
from the document's own statement ("Nghị định này có hiệu lực thi hành kể từ ngày …", §4.1) outside quoted
amending text, and a law's date from its closing "… thông qua ngày …" line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from review.structure.case import sentence_case
from review.structure.lines import Line
from review.text.numbers import NUMBER_PATTERN, issuer_name, normalize_number
from review.vocab import english_title_words, type_words

# The type words of a header's title line, longest first ("THÔNG TƯ LIÊN TỊCH" before "THÔNG TƯ").
TYPE_WORDS = type_words()
# Translations: "DECREE" → Nghị định.
EN_TYPES = dict(sorted(english_title_words().items(), key=lambda kv: -len(kv[0])))
_TYPE_LINE = re.compile(rf"^(?P<type>{'|'.join(w.upper() for w in TYPE_WORDS)})\b\s*(?P<rest>.*)$")
_EN_TYPE_LINE = re.compile(rf"^(?P<type>{'|'.join(EN_TYPES)})\b(?P<rest>(?:\s+[^a-z]*)?)$")
# In scans a stamp can share the type line: "… ĐẾN Ngày … THÔNG TƯ".
_TYPE_AT_END = re.compile(rf"(?<=\s)(?P<type>{'|'.join(w.upper() for w in TYPE_WORDS)})(?P<rest>)$")
_MOTTO = re.compile(
    r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*-\s*Tự do|"
    r"SOCIALIST REPUBLIC OF VIET ?NAM|Independence\s*-\s*Freedom",
    re.IGNORECASE,
)
# "Số: 07/2023/TT-BNV", "Luật số: 64/2025/QH15", "Nghị quyết số 45/2024/UBTVQH15", "No. 12/2020/ND-CP" at the
# start of a line (or of a table cell); never "… Luật Tổ chức Chính phủ số 63/2025/QH15" inside a Căn cứ line.
_NUMBER_LINE = re.compile(
    r"(?:^|\|\s*)(?:(?:Luật|LUẬT|Bộ luật|BỘ LUẬT|Nghị quyết|NGHỊ QUYẾT|Pháp lệnh|PHÁP LỆNH|Lệnh|LỆNH)\s+)?"
    rf"(?:Số|SỐ|số|No\.?)\s*(?:hiệu)?\s*:?\s*(?P<num>{NUMBER_PATTERN})",
)
_VI_DATE = r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
# The place of the date line; a city may be printed with its kind ("Thành phố Hồ Chí Minh, ngày …").
_PLACE_DATE = re.compile(
    rf"(?P<place>(?:Thành\s+phố\s+|TP\.\s*)?[A-ZĐ][^\s,|]*(?:\s+[A-ZĐ][^\s,|]*){{0,4}})\s*,?\s*{_VI_DATE}"
)
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_EN_DATE = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)\s+(?P<d>\d{1,2}),\s*(?P<y>\d{4})"
_EN_PLACE_DATE = re.compile(rf"(?P<place>[A-Z][a-zA-Z ]{{1,30}}),\s*{_EN_DATE}")
_ANY_DATE = re.compile(
    rf"{_VI_DATE}|(?:ngày\s+)?(?P<d2>\d{{1,2}})\s*[/-]\s*(?P<m2>\d{{1,2}})\s*[/-]\s*(?P<y2>\d{{4}})"
)
_SELF_TYPE = "|".join(TYPE_WORDS) + "|Quy chế|Quy định|Điều lệ|Văn bản"
_EFFECTIVE = re.compile(
    rf"(?:{_SELF_TYPE}|Luật|Bộ luật)\s+(?:này\s+)?có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s*,?\s*"
    rf"(?:(?:kể\s+)?từ\s+(?P<when>.{{0,90}})|(?P<after>sau\s+\d{{1,3}}\s+ngày\b.{{0,60}}))",
    re.IGNORECASE,
)
# The same pattern in lower case, run on the lower-cased text: Python's case-insensitive matching of this
# alternation of type words tries every branch at every character and took 35× the time of a case-sensitive run.
_EFFECTIVE_LOWER = re.compile(
    rf"(?:{_SELF_TYPE.lower()}|luật|bộ luật)\s+(?:này\s+)?có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s*,?\s*"
    rf"(?:(?:kể\s+)?từ\s+(?P<when>.{{0,90}})|(?P<after>sau\s+\d{{1,3}}\s+ngày\b.{{0,60}}))",
)
_EN_EFFECTIVE = re.compile(
    r"This\s+(?:\w+\s+){1,3}?(?:takes|shall take)\s+effect\s+(?:on|from|as of)\s+(?P<when>.{0,60})",
    re.IGNORECASE,
)
_PASSED = re.compile(rf"này\s+(?:đã\s+)?được\s+.*?thông\s+qua\s+{_VI_DATE}", re.IGNORECASE)
_EN_PASSED = re.compile(rf"was\s+passed\s+.*?on\s+{_EN_DATE}", re.IGNORECASE)
# A scan may put a stray mark before "Căn cứ" ("“ Căn cứ …").
_PREAMBLE_START = re.compile(
    r"^[\W_]{0,3}(Căn cứ|Xét đề nghị|Theo đề nghị|Pursuant to|At the proposal|At the request)", re.I
)
# The enacting formula ends the title: "Chính phủ ban hành Nghị định …", "QUYẾT ĐỊNH:". A title's own "về việc ban
# hành Chương trình …" is not one.
_ENACTING = re.compile(
    r"ban hành\s+(?:Nghị định|Thông tư|Quyết định|Luật|Bộ luật|Nghị quyết|Pháp lệnh|Lệnh)\b"
    r"|QUYẾT ĐỊNH\s*:|QUYẾT NGHỊ\s*:|promulgates|DECIDES\s*:|RESOLVES\s*:"
)


@dataclass(frozen=True)
class Header:
    number: str | None = None
    type: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued: str | None = None
    title: str | None = None
    effective: str | None = None
    preamble: str = ""
    title_in_capitals: bool = False


def _iso(y: str | int, m: str | int, d: str | int) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _date_from_match(m: re.Match[str]) -> str | None:
    gd = m.groupdict()
    if gd.get("mon"):
        return _iso(gd["y"], _MONTHS[gd["mon"].lower()], gd["d"])
    if gd.get("d"):
        return _iso(gd["y"], gd["m"], gd["d"])
    if gd.get("d2"):
        return _iso(gd["y2"], gd["m2"], gd["d2"])
    return None


def _issuer_from_lines(lines: Sequence[str]) -> str | None:
    """The issuing body: the capitalised lines above (or beside) the national motto."""
    parts: list[str] = []
    for text in lines:
        if _TYPE_LINE.match(text) or _PREAMBLE_START.match(text):
            break  # "BỘ LUẬT / LAO ĐỘNG" is the law's name, not its issuer
        motto = _MOTTO.search(text)
        head = text[: motto.start()] if motto else text
        head = head.strip(" |")
        if head and head.isupper() and not _NUMBER_LINE.search(head) and not _TYPE_LINE.match(head):
            parts.append(head)
        if motto or _NUMBER_LINE.search(text):
            break
    if not parts:
        return None
    raw = re.sub(r"\s+", " ", " ".join(parts)).strip(" -")
    if issuer_name(raw):
        return issuer_name(raw)
    # Joint documents: "BỘ TƯ PHÁP - BỘ CÔNG AN - …", each body by its name.
    bodies = [b.strip() for b in re.split(r"\s+-\s+|\s*–\s*", raw) if b.strip()]
    if len(bodies) > 1:
        return " - ".join(issuer_name(b) or sentence_case(b) for b in bodies)
    return sentence_case(raw)


HEADER_LINE_CHARS = 2000  # the part of a line the header is read from


def read_header(lines: Sequence[Line], body_start: int, quoted: frozenset[int], lang: str = "vi") -> Header:
    whole = [ln.text for ln in lines[:body_start]] if body_start else [ln.text for ln in lines[:40]]
    # Header lines are short: a line longer than this is body text, and reading all of it for the number, date,
    # issuer and title made one long line cost seconds. The preamble keeps the whole lines.
    zone = [text[:HEADER_LINE_CHARS] for text in whole]
    number = None
    for text in zone[:25]:
        if _PREAMBLE_START.match(text):
            break
        m = _NUMBER_LINE.search(text)
        # In translations "No. 07/2007/ND-CP of January 12, 2007, …" is a wrapped title line; the header's
        # number line holds the number alone.
        if m and (lang == "vi" or not text[m.end() :].strip(" |")):
            number = normalize_number(m.group("num"))
            break

    place = issued = None
    for text in zone[:25]:
        if _PREAMBLE_START.match(text):
            break  # dates in "Căn cứ Nghị định số … ngày …" are other documents' dates
        m = _PLACE_DATE.search(text) if lang == "vi" else _EN_PLACE_DATE.search(text)
        if m and re.fullmatch(r"[^\d/\-|]+", m.group("place")):
            place, issued = m.group("place").strip(), _date_from_match(m)
            break

    if place is None and lang == "vi":
        # The date may be unreadable (OCR, handwriting) while the place is not: "Hà Nội, ngàyO01 tháng) …".
        for text in zone[:25]:
            m = _PLACE_ONLY.match(text)
            if m and not _NUMBER_LINE.search(text):
                place = m.group("place")
                break
    doc_type, title, title_end, caps = _type_and_title(zone, lang)
    preamble_lines = [t for t in whole[title_end:] if t and not re.fullmatch(r"[-_=*.…\s]+", t)]

    issuer = _issuer_from_lines(zone[:12]) if lang == "vi" else None
    if issuer is None and lang == "vi":
        issuer = _issuer_from_enacting(preamble_lines)

    body_lines = [ln.text for i, ln in enumerate(lines) if i not in quoted and i >= body_start]
    if issued is None:
        issued = _passed_date(body_lines, lang)
    effective = _effective_date(body_lines, issued, lang)
    return Header(
        number=number,
        type=doc_type,
        issuer=issuer,
        place=place,
        issued=issued,
        title=title,
        effective=effective,
        preamble="\n".join(preamble_lines),
        title_in_capitals=caps,
    )


def _type_and_title(zone: Sequence[str], lang: str) -> tuple[str | None, str | None, int, bool]:
    """The document type line ("NGHỊ ĐỊNH", "LUẬT AN NINH MẠNG") and the trích yếu lines below it."""
    for i, text in enumerate(zone):
        if lang == "vi":
            m = _TYPE_LINE.match(text) or _TYPE_AT_END.search(text)
            if not m or _MOTTO.search(text):
                continue
            upper_type = m.group("type")
            doc_type = next(w for w in TYPE_WORDS if w.upper() == upper_type)
            rest = m.group("rest").strip()
        else:
            m = _EN_TYPE_LINE.match(text)
            if not m:
                continue
            doc_type, rest = EN_TYPES[m.group("type")], m.group("rest").strip()
        title_parts = [rest] if rest else []
        j = i + 1
        while j < len(zone):
            nxt = zone[j]
            if _PREAMBLE_START.match(nxt) or _ENACTING.search(nxt) or re.fullmatch(r"[-_=*. ]+", nxt):
                break
            if _NUMBER_LINE.match(nxt) or _PLACE_DATE.match(nxt) or _MOTTO.search(nxt):
                break  # header lines printed after the type line belong to the header, not the title
            if title_parts and nxt.isupper() and not " ".join(title_parts).isupper():
                break  # "ỦY BAN THƯỜNG VỤ QUỐC HỘI" after a mixed-case title: the enacting body's line
            if nxt.startswith("(") or (title_parts and len(" ".join(title_parts)) > 400):
                break
            title_parts.append(nxt)
            j += 1
        title = re.sub(r"\s+", " ", " ".join(title_parts)).strip() or None
        # Laws carry their name as the title: "LUẬT AN NINH MẠNG SỐ 116/2025/QH15" → "An ninh mạng".
        if title:
            title = re.sub(rf"\s+(?:số|SỐ)\s*:?\s*{NUMBER_PATTERN}\s*$", "", title)
        caps = bool(title and title.isupper())
        return doc_type, (sentence_case(title) if title else None), j, caps
    return None, None, 0, False


_PLACE_ONLY = re.compile(r"^(?P<place>[A-ZĐ][^\d,|/]{1,40}?)\s*,\s*ngày")
_ENACTING_SUBJECT = re.compile(
    r"^(?P<who>[A-ZĐ][^.;:]{2,90}?)\s+ban\s+hành\s+(?:Luật|Bộ luật|Nghị định|Thông tư|Quyết định|Nghị quyết|Pháp lệnh)"
)
_OFFICE_TITLES = re.compile(r"^(?:Bộ trưởng|Thống đốc|Chủ nhiệm|Tổng Kiểm toán|Chánh án|Viện trưởng)\s+")


def _issuer_from_enacting(lines: Sequence[str]) -> str | None:
    """ "Quốc hội ban hành Bộ luật Lao động." / "Bộ trưởng Bộ Công Thương ban hành Thông tư …" → the issuer."""
    for text in lines:
        m = _ENACTING_SUBJECT.match(text)
        if m:
            who = m.group("who").strip()
            return issuer_name(who) or issuer_name(_OFFICE_TITLES.sub("", who)) or who
    return None


def _passed_date(body_lines: Sequence[str], lang: str) -> str | None:
    pattern = _PASSED if lang == "vi" else _EN_PASSED
    for text in reversed(body_lines[-60:]):
        m = pattern.search(text)
        if m:
            return _date_from_match(m)
    return None


# "kể từ ngày Hội đồng nhân dân thành phố … thông qua": the day of adoption, which the date line gives.
_ON_EVENT = re.compile(
    r"(?:ngày\s+)?(?:ký|ban\s+hành|thông\s+qua|the\s+date\s+of\s+(?:its\s+)?(?:signing|signature|promulgation))"
    r"|ngày\s+[^.;,\d]{0,80}?\s(?:ký|thông\s+qua|ban\s+hành)\b",
    re.IGNORECASE,
)
_DAYS_AFTER = re.compile(
    r"sau\s+(?P<n>\d{1,3})\s+ngày\s*,?\s*(?:kể\s+)?từ\s+ngày\s+(?:ký|ban\s+hành|thông\s+qua)", re.I
)


def _effective_date(body_lines: Sequence[str], issued: str | None, lang: str) -> str | None:
    """The date the document says it takes effect: a date, the day it is signed or adopted, or a number of
    days after that. The statement may run over several lines (a wrapped PDF or Markdown line)."""
    text = " ".join(body_lines)
    for after_text, when in _effective_statements(text, lang):
        if after_text is not None:
            after = _DAYS_AFTER.match(after_text)
            if after and issued:
                return (date.fromisoformat(issued) + timedelta(days=int(after.group("n")))).isoformat()
            continue
        dm = _ANY_DATE.search(when) if lang == "vi" else re.search(_EN_DATE, when)
        event = _ON_EVENT.match(when)
        if event and (dm is None or dm.start() > event.end()):
            return issued
        if dm and dm.start() <= 12:  # the date itself, not one of a document named later in the sentence
            return _date_from_match(dm)
    return None


def _effective_statements(text: str, lang: str) -> Iterator[tuple[str | None, str]]:
    """(the "sau N ngày …" part or None, the "từ …" part) of every statement of entry into force, in order; the
    parts are cut from ``text`` itself, so they keep its case."""
    if lang != "vi":
        for m in _EN_EFFECTIVE.finditer(text):
            yield None, m.group("when")
        return
    lower = text.lower()
    matches = _EFFECTIVE_LOWER.finditer(lower) if len(lower) == len(text) else _EFFECTIVE.finditer(text)
    for m in matches:
        if m.group("after"):
            yield text[m.start("after") : m.end("after")], ""
        else:
            yield None, text[m.start("when") : m.end("when")]


def title_from_hint(hint_title: str, number: str | None) -> str:
    """vbpl's page title is "<Loại> số <số> <trích yếu>"; keep the trích yếu."""
    title = hint_title.strip()
    types = "|".join(TYPE_WORDS + tuple(t.title() for t in EN_TYPES))
    m = re.match(
        rf"^(?:{types})\s*(?:số|No\.?)?\s*:?\s*(?P<num>{NUMBER_PATTERN})\s*(?P<rest>.*)$", title, re.I
    )
    if m and (number is None or normalize_number(m.group("num")) == number):
        rest = m.group("rest").strip(" -:")
        return rest or title
    return title


def number_from_title(hint_title: str) -> str | None:
    """The number in a container's title ("Nghị định số 43/2014/NĐ-CP …", "Decree 27/2020/ND-CP")."""
    types = "|".join(TYPE_WORDS + tuple(t.title() for t in EN_TYPES) + ("Joint circular",))
    m = re.match(rf"^(?:{types})\s*(?:số|No\.?)?\s*:?\s*(?P<num>{NUMBER_PATTERN})", hint_title.strip(), re.I)
    return normalize_number(m.group("num")) if m else None


def type_from_title(hint_title: str) -> str | None:
    """The type word a container's title starts with ("Nghị định số …", "Law 61/2020/QH14")."""
    title = hint_title.strip()
    for word in TYPE_WORDS:
        if title.lower().startswith(word.lower() + " "):
            return word
    first = title.split(" ", 2)
    for n in (2, 1):
        key = " ".join(first[:n]).upper()
        if key in EN_TYPES:
            return EN_TYPES[key]
    return None
