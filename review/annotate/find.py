"""Find: the citation tokens of a text and how they group into references.

A token is one piece of a citation: a run of points ("điểm a, b và c"), clauses ("khoản 1 và khoản 2",
"từ khoản 1 đến khoản 5"), articles ("các Điều 21, 33 và Điều 37", "các điều từ Điều 46 đến Điều 50"),
chapters, sections, annexes, a self-reference ("Điều này", "Nghị định này") or a document mention
("Nghị định số 43/2014/NĐ-CP", "Luật Đất đai số 31/2024/QH15", "Luật Đất đai ngày 29 tháng 11 năm 2013",
"Bộ luật Hình sự năm 2015", a bare "43/2014/NĐ-CP"). Tokens separated only by connectors ("," "và" "của"
"tại" …) form one group; a group splits into items (each ending at its highest level, e.g. "khoản 1 Điều 32"),
and a trailing document mention applies to every item of its group, as Vietnamese drafting intends
(domain notes §2.2, §8.8–8.9).

Pure functions over plain text: the spaCy component and the batch API both call ``find_references``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from review.annotate.expand import annex_values, expand_numbers, expand_points, expand_roman
from review.annotate.lexicon import KNOWN_NAMES_PATTERN, TYPE_WORDS_PATTERN, canonical_type
from review.annotate.scan import START_CHARS, token_matches
from review.identity.units import POINT_LETTERS
from review.text.numbers import NUMBER_OLD, NUMBER_PATTERN, normalize_number

_W = r"[^\W\d_]"  # a letter, Vietnamese included
_NB = r"(?![\wÀ-ỹ/])"  # not followed by a letter, digit or slash
_P = rf"[{POINT_LETTERS}]\d?{_NB}"
_C = rf"\d{{1,3}}[a-zđ]?{_NB}"
_A = rf"\d{{1,4}}[a-zđ]?{_NB}"
_ROMAN = rf"[IVXLC]+{_NB}"
# "và"/"hoặc" as whole words: in "bổ sung điểm d vào sau điểm c", "vào" is not "và" + point "o".
_JOIN = r"\s*(?:,|và(?![\wÀ-ỹ])|hoặc(?![\wÀ-ỹ])|;)\s*(?:và\s+|hoặc\s+)?"


def _list(unit_word: str, item: str) -> str:
    """ "khoản 1, 2 và khoản 3" / "từ khoản 1 đến khoản 5": a list or a range of one level."""
    again = rf"(?:{unit_word}\s+)?"
    return (
        rf"(?:từ\s+{unit_word}\s+{item}\s*(?:đến|tới)\s+(?:{unit_word}\s+)?{item}"
        rf"|{item}(?:{_JOIN}{again}{item})*)"
    )


# Words that end in "điểm"/"khoản" without being a citation: "thời điểm a", "tài khoản 112", "khoản tiền".
_NOT_POINT = r"(?<!thời )(?<!địa )(?<!quan )(?<!trọng )(?<!đặc )(?<!ưu )(?<!nhược )(?<!khởi )(?<!mốc )(?<!Thời )(?<!Địa )"
_NOT_CLAUSE = r"(?<!tài )(?<!Tài )(?<!các khoản thu )"
_POINTS = (
    rf"(?P<diem>(?=từ|các|[đĐ]iểm){_NOT_POINT}(?P<diem_v>từ\s+[đĐ]iểm\s+{_P}\s*(?:đến|tới)\s+(?:điểm\s+)?{_P}"
    rf"|(?:các\s+)?(?<![\wÀ-ỹ])[đĐ]iểm\s+{_list('điểm', _P)}))"
)
_CLAUSES = (
    rf"(?P<khoan>(?=từ|các|[kK]hoản){_NOT_CLAUSE}(?P<khoan_v>từ\s+[kK]hoản\s+{_C}\s*(?:đến|tới)\s+(?:khoản\s+)?{_C}"
    rf"|(?:các\s+)?(?<![\wÀ-ỹ])[kK]hoản\s+{_list('khoản', _C)}))"
)
_ARTICLE_RANGE = rf"(?:các\s+[đĐ]iều\s+)?từ\s+[đĐ]iều\s+{_A}\s*(?:đến|tới)\s+[đĐ]iều\s+{_A}"
_ARTICLES = (
    rf"(?P<dieu>(?:(?P<dieu_range>{_ARTICLE_RANGE})"
    rf"|(?:các\s+)?(?<![\wÀ-ỹ])[đĐ]iều\s*:?\s+(?P<dieu_v>{_A}(?:{_JOIN}(?:[đĐ]iều\s+)?{_A})*)))"
)
# Chapters are numbered in Roman numerals; some texts write them in Arabic ("Bổ sung Mục 5 Chương 3").
_CHAPTER_NO = rf"(?:{_ROMAN}|\d{{1,2}}{_NB})"
_CHAPTERS = rf"(?P<chuong>(?<![\wÀ-ỹ])(?:các\s+)?[cC]hương\s+(?P<chuong_v>{_CHAPTER_NO}(?:{_JOIN}(?:[cC]hương\s+)?{_CHAPTER_NO})*))"
_SECTIONS = rf"(?P<muc>(?<![\wÀ-ỹ])(?<!Đề )(?<!đề )(?<!Tiểu )(?<!tiểu )[mM]ục\s+(?P<muc_v>\d{{1,2}}{_NB}))"
# An annex number: Roman or Arabic, with the letter of an inserted annex ("Phụ lục IXa", "Phụ lục 1A").
_ANNEX_NO = rf"(?:[IVXLC]+[a-z]?|\d{{1,2}}[a-zA-Z]?){_NB}"
_ANNEXES = (
    rf"(?P<phu_luc>(?<![\wÀ-ỹ])[pP]hụ\s+lục\s+(?:số\s+)?(?P<phu_luc_v>{_ANNEX_NO}"
    # "Phụ lục I, II và III", "Phụ lục 1A, Phụ lục 1B": a list of annexes.
    rf"(?:{_JOIN}(?:[pP]hụ\s+lục\s+(?:số\s+)?)?{_ANNEX_NO})*)"
    # An annex without a number: "Phụ lục ban hành kèm theo Thông tư số …".
    rf"|(?<![\wÀ-ỹ])[pP]hụ\s+lục(?=\s+(?:được\s+)?(?:ban\s+hành\s+)?kèm\s+theo))"
)
_SELF_UNIT = r"(?P<self_unit>(?<![\wÀ-ỹ])(?<!tài )(?<!Tài )(?P<self_unit_kind>[đĐ]iều|[kK]hoản|[đĐ]iểm|[cC]hương|[mM]ục)\s+này(?![\wÀ-ỹ]))"

# A name: a capitalised first word, then words, up to "số" + number, a date or a year; lazy, so it stops at the
# first of them, and it never runs into another document ("Luật A và Luật B"). Capitalised only: "pháp luật"
# inside a name ("Luật Ban hành văn bản quy phạm pháp luật") is not a new document.
_OTHER_TYPE = r"(?!Luật\s|Bộ\s+luật\s|Nghị\s+định\s|Thông\s+tư\s|Pháp\s+lệnh\s|Nghị\s+quyết\s|Quyết\s+định\s)"
_STOP = r"(?!số\s*:?\s*\d|ngày\s+\d|năm\s+\d)"
_PLAIN_NAME = rf"[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*(?:[ ,\-–]+{_STOP}{_OTHER_TYPE}[\wÀ-ỹ]+){{0,14}}?"
# An amending law named by its date: "Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, Luật
# Nhà ở số 27/2023/QH15 … ngày 29 tháng 6 năm 2024" is one reference to the amending law; the numbers inside
# its name are cited on their own (_numbered_inside). Without a date, "sửa đổi" is the enacting verb and the inner
# law the target.
_AMENDING_NAME = r"sửa\s+đổi(?:(?!đã\s+được|được\s+sửa|\sbởi\s|\stheo\s+Luật)[^;\n(]){0,400}?"
# An amending law named in full with its own number: "khoản 11 Điều 1 Luật sửa đổi, bổ sung một số điều của Luật Sử
# dụng năng lượng tiết kiệm và hiệu quả số 77/2025/QH15", "Luật sửa đổi, bổ sung một số điều của Luật Đấu thầu,
# Luật Hải quan, … số 90/2025/QH15": when no other number stands inside the name, the one after it is the
# amending law's (a law is named "Luật <title> số <number>"), and the laws inside its title are not references. Not
# when the number has an amendment history of its own ("… của Luật Giá số 16/2023/QH15 đã được sửa đổi …": the
# amended law's), nor in the enacting formula ("Quốc hội ban hành Luật sửa đổi …": the law's own title).
_AMENDING_NAME_NUMBERED = (
    r"sửa\s+đổi(?:(?!đã\s+được|được\s+sửa|\sbởi\s|\stheo\s+Luật|số\s*:?\s*\d|ngày\s+\d|năm\s+\d)[^;\n(.:]){0,400}?"
    r"[\wÀ-ỹ](?<!Luật)(?<!luật)"
)

# A generic amending law named by its title alone: "Luật sửa đổi, bổ sung một số điều của 15 luật trong lĩnh vực
# nông nghiệp và môi trường", "… của các luật về …" (with a number or a date the branches above take it).
_GENERIC_AMENDING = (
    r"sửa\s+đổi,?\s+bổ\s+sung\s+một\s+số\s+điều\s+của\s+(?:\d{1,2}|các)\s+luật\s[^;.:\n()“”\"]{3,150}?"
    r"(?=\s*(?:[;.:\n()“”\"]|$|,\s|\s+(?:số|ngày|năm|gồm)\s))"
)


def _date(p: str) -> str:
    return (
        rf"(?:ngày\s+(?P<{p}d>\d{{1,2}})\s+tháng\s+(?P<{p}m>\d{{1,2}})\s+năm\s+(?P<{p}y>\d{{4}})"
        rf"|ngày\s+(?P<{p}sd>\d{{1,2}})\s*[/-]\s*(?P<{p}sm>\d{{1,2}})\s*[/-]\s*(?P<{p}sy>\d{{4}})"
        rf"|năm\s+(?P<{p}year>(?:19|20)\d\d)(?!\d))"
    )


# The Constitution is cited by name ("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", "Hiến pháp năm 2013").
_CONSTITUTION = (
    r"(?P<constitution>Hiến\s+pháp(?:\s+nước\s+Cộng\s+hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+Việt\s+Nam)?"
    r"(?:\s+năm\s+(?P<cyear>(?:19|20)\d\d))?)(?![\wÀ-ỹ])"
)
# A named treaty: "Công ước về buôn bán quốc tế các loài …", up to the end of the clause or a verb after the
# name; "Công ước quốc tế mà Việt Nam là thành viên" names none.
_TREATY = (
    r"(?P<treaty>Công\s+ước\s+(?!(?:quốc\s+tế|này|đó|trên|nêu\s+trên)(?![\wÀ-ỹ]))[^;.:\n()“”\"]{2,200}?)"
    r"(?=\s*(?:[;.:\n()“”\"]|,\s*(?:được|có|đã|mà|theo|trong|tại|là)(?![\wÀ-ỹ])|\s+(?:và\s+)?(?:được|đã|mà|là|có\s+hiệu\s+lực"
    r"|quy\s+định|tại|theo|hoặc|nhằm|để|khi|thì)(?![\wÀ-ỹ])|$))"
)
# A document that is not normative but is identified by its number (REFERENCE-CONVENTIONS.md, "What is a
# reference"): "Tờ trình số 724/TTr-CP", "văn bản số 295/BTC-KBNN", "Thông báo số 2074-TB/TU". Only with the word
# and "số": a bare "724/TTr-CP" is left out, as are numbers of such documents quoted without their word.
_MEMO_WORDS = (
    r"[Tt]ờ\s+trình|[Vv]ăn\s+bản|[Cc]ông\s+văn|[Bb]áo\s+cáo|[Tt]hông\s+báo(?:\s+[Kk]ết\s+luận)?|[Kk]ết\s+luận"
    r"|[Kk]ế\s+hoạch"
)
_MEMO = rf"(?P<memo>(?:{_MEMO_WORDS})\s+số\s*:?\s*(?P<memo_num>{NUMBER_PATTERN}|{NUMBER_OLD}))(?![\wÀ-ỹ/\-])"
# A technical standard or regulation by its code: "QCVN 106:2025/BNNMT", "TCVN 5574:2018"; no document number,
# the code is its title (REFERENCE-CONVENTIONS.md).
_STANDARD = r"(?P<standard>(?:QCVN|TCVN|QCĐP)\s*\d{1,4}(?:[-.]\d{1,4})*(?:\s*:\s*(?:19|20)\d\d)?(?:/[A-ZĐ][A-ZĐ0-9-]*)?)(?![\w/])"
_DOC = (
    rf"(?P<doc>{_CONSTITUTION}|{_TREATY}|{_STANDARD}"
    rf"|(?P<doc_type>{TYPE_WORDS_PATTERN})\s+(?:"
    rf"(?P<self_doc>này)(?![\wÀ-ỹ])"
    rf"|(?:số\s*:?\s*)?(?P<num>{NUMBER_PATTERN}|{NUMBER_OLD})"
    rf"|(?P<aname>{_AMENDING_NAME})\s*,?\s*{_date('a')}"
    rf"|(?<=Luật\s)(?<!hành\sLuật\s)(?P<anname>{_AMENDING_NAME_NUMBERED})\s*,?\s*số\s*:?\s*(?P<anum>{NUMBER_PATTERN})"
    rf"(?![\wÀ-ỹ/\-])(?!\s*,?\s*(?:đã\s+)?được\s+sửa)"
    rf"|(?<=Luật\s)(?<!hành\sLuật\s)(?P<gname>{_GENERIC_AMENDING})"
    rf"|(?P<name>{_PLAIN_NAME})\s*,?\s*(?:(?:số\s*:?\s*)(?P<num2>{NUMBER_PATTERN})|{_date('n')})"
    rf"|(?P<known>{KNOWN_NAMES_PATTERN})"
    rf")"
    rf"|{_MEMO}"
    rf"|(?<![\wÀ-ỹ/])(?P<bare>{NUMBER_PATTERN}))"
)
_DATE_TAIL = re.compile(rf"^\s*,?\s*{_date('t')}")

# Every token starts a word with one of these characters; checking that first lets the engine skip most
# positions of a text cheaply (the throughput target is several MB/s on one core).
_STARTS = rf"(?<![\wÀ-ỹ])(?={START_CHARS})"
TOKEN_RE = re.compile(
    _STARTS
    + "(?:"
    + "|".join([_SELF_UNIT, _POINTS, _CLAUSES, _ARTICLES, _CHAPTERS, _SECTIONS, _ANNEXES, _DOC])
    + ")",
)
# What may stand between two tokens of one reference.
_CONNECTOR = re.compile(
    r"^\s*(?:\([^()]{0,150}\)\s*)?(?:[,;]\s*)?(?:(?:và|hoặc|cùng)\s+)?(?:tên\s+)?"
    # "Điều 57, Điều 59 về Giải thưởng chất lượng quốc gia của Nghị định số …": a topic between units and document.
    r"(?:về\s+[^;,.()]{1,80}?\s+(?=của\s))?"
    r"(?:(?:của|tại|thuộc|trong|theo|vào|(?:được\s+)?ban\s+hành\s+kèm\s+theo|kèm\s+theo)\s+)?$"
)
LEVEL = {"diem": 1, "khoan": 2, "dieu": 3, "muc": 4, "chuong": 5, "phu_luc": 5, "self_unit": 3}


@dataclass(frozen=True)
class DocMention:
    type: str | None
    number: str | None = None
    name: str | None = None
    date: str | None = None
    self: bool = False


@dataclass
class Token:
    kind: str  # diem, khoan, dieu, chuong, muc, phu_luc, self_unit, doc
    start: int
    end: int
    values: tuple[str, ...] = ()
    doc: DocMention | None = None
    self_kind: str | None = None  # for self_unit: dieu, khoan, diem, chuong, muc


@dataclass
class Found:
    """A reference as written: its span, its items' units (as paths), and the document it names, if any."""

    start: int
    end: int
    paths: list[dict[str, str]] = field(default_factory=list)  # each {"dieu": "5", "khoan": "2", ...}
    self_units: list[str] = field(default_factory=list)  # "dieu"/"khoan"/"diem": "Điều này" etc.
    doc: DocMention | None = None
    rule: str = ""


def _iso(y: str, m: str, d: str) -> str | None:
    try:
        from datetime import date

        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


# --- tokens -------------------------------------------------------------------------------------------------


# Cyrillic letters that look like Latin ones ("điểm а" typed with U+0430) and "Ð" (U+00D0) for "Đ": mapped one to
# one, so offsets into the original text stay valid (domain notes §8, preprocessing).
_HOMOGLYPHS = str.maketrans("аеорсхуіАВЕКМНОРСТХÐ", "aeopcxyiABEKMHOPCTXĐ")
_HOMOGLYPH_RE = re.compile("[аеорсхуіАВЕКМНОРСТХÐ]")  # translate only texts that hold one (most hold none)


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    if _HOMOGLYPH_RE.search(text):
        text = text.translate(_HOMOGLYPHS)
    for m in token_matches(TOKEN_RE, text):
        kind = m.lastgroup
        g = m.groupdict()
        if g.get("self_unit"):
            word = g["self_unit_kind"].lower()
            self_kind = {"điều": "dieu", "khoản": "khoan", "điểm": "diem", "chương": "chuong", "mục": "muc"}[
                word
            ]
            out.append(Token("self_unit", m.start(), m.end(), self_kind=self_kind))
        elif g.get("diem"):
            out.append(Token("diem", m.start(), m.end(), expand_points(g["diem_v"])))
        elif g.get("khoan"):
            out.append(Token("khoan", m.start(), m.end(), expand_numbers(g["khoan_v"], "khoản")))
        elif g.get("dieu"):
            raw = g["dieu_range"] or g["dieu_v"]
            out.append(Token("dieu", m.start(), m.end(), expand_numbers(raw, "điều")))
        elif g.get("chuong"):
            out.append(Token("chuong", m.start(), m.end(), expand_roman(g["chuong_v"])))
        elif g.get("muc"):
            out.append(Token("muc", m.start(), m.end(), (g["muc_v"],)))
        elif g.get("phu_luc"):
            values = annex_values(g["phu_luc_v"]) if g.get("phu_luc_v") else ("",)
            out.append(Token("phu_luc", m.start(), m.end(), values))
        elif g.get("doc"):
            tok = _doc_token(m, text)
            if tok is not None:
                out.extend(_with_title_laws(tok, m, text) if g.get("aname") else [tok])
        del kind
    return out


def _with_title_laws(tok: Token, m: re.Match[str], text: str) -> list[Token]:
    """An amending law named by title and date, then the numbered laws its title lists. One number at the end of
    the title ("… của Luật Chất lượng sản phẩm, hàng hóa số 78/2025/QH15 ngày 18 tháng 6 năm 2025") is the amending
    law's own: a law is named "Luật <title> số <number> ngày …"."""
    inner = _numbered_inside(text, m.start("aname"), m.end("aname"))
    last = inner[0].doc if len(inner) == 1 else None
    if last and tok.doc and last.type == tok.doc.type and not text[inner[0].end : m.end("aname")].strip(" ,"):
        name = re.sub(r"[\s,]*số\s*:?\s*\S+$", "", tok.doc.name or "")
        return [replace(tok, doc=replace(tok.doc, number=last.number, name=name))]
    return [tok, *inner]


def _numbered_inside(text: str, start: int, end: int) -> list[Token]:
    """The numbered laws an amending law's title lists ("Luật sửa đổi, bổ sung một số điều của Luật Đất đai số
    31/2024/QH15, Luật Nhà ở số 27/2023/QH15 … ngày 29 tháng 6 năm 2024"): the amending law is named by its title
    and date, and each numbered law inside that title is a reference of its own (REFERENCE-CONVENTIONS.md,
    Nesting). Positions are those of ``text``."""
    inner: list[Token] = []
    for m in TOKEN_RE.finditer(text, start, end):
        if m.group("doc") and m.end() <= end:
            tok = _doc_token(m, text[:end])
            if tok is not None and tok.doc is not None and tok.doc.number:
                inner.append(tok)
    return inner


# Symbols of documents that are not legal documents (proposals, official letters, reports, notices, plans):
# "Tờ trình số 24/TTr-CP" names no rule. Numbers of legal documents without a year are old or individual
# (30/QĐ-TTg) or consolidated (03/VBHN-VPQH) and are kept.
_NON_LEGAL_CODES = {"TTR", "CV", "BC", "TB", "KH", "CĐ", "GP", "BB", "TTRA", "HD", "UBND", "SY", "GM"}
_LEGAL_CODES = {"NĐ", "QĐ", "TT", "TTLT", "NQ", "NQLT", "L", "PL", "CT", "VBHN", "QH", "UBTVQH", "SL", "LCT"}


def is_legal_number(number: str) -> bool:
    symbol = number.rsplit("/", 1)[-1]
    head = re.sub(r"\d+$", "", symbol.split("-")[0]).upper()
    if head in _NON_LEGAL_CODES:
        return False
    return bool(re.search(r"/(?:19|20)\d\d/", number)) or head in _LEGAL_CODES


def _date_of(g: dict, p: str) -> str | None:
    if g.get(f"{p}d"):
        return _iso(g[f"{p}y"], g[f"{p}m"], g[f"{p}d"])
    if g.get(f"{p}sd"):
        return _iso(g[f"{p}sy"], g[f"{p}sm"], g[f"{p}sd"])
    return g.get(f"{p}year")


def _attached_date(text: str, end: int) -> tuple[str | None, int]:
    """The date written right after a number ("… số 23/2015/NĐ-CP ngày 16 tháng 02 năm 2015") and where it ends."""
    tail = _DATE_TAIL.match(text[end : end + 40])
    return (_date_of(tail.groupdict(), "t"), end + tail.end()) if tail else (None, end)


def _doc_token(m: re.Match[str], text: str) -> Token | None:
    g = m.groupdict()
    end = m.end()
    if g.get("constitution"):
        constitution = re.sub(r"\s+năm\s+\d{4}$", "", re.sub(r"\s+", " ", g["constitution"]))
        mention = DocMention(type="Hiến pháp", name=constitution, date=g.get("cyear"))
        return Token("doc", m.start(), end, doc=mention)
    if g.get("treaty"):
        title = re.sub(r"\s+", " ", g["treaty"]).strip(" ,")
        # "Công ước Niu Óoc năm 1958 về …": the year is the treaty's date, not part of its name.
        year = re.search(r" năm ((?:18|19|20)\d\d)(?!\d)", title)
        if year:
            title = (title[: year.start()] + title[year.end() :]).strip(" ,")
        mention = DocMention(type="Công ước", name=title, date=year.group(1) if year else None)
        return Token("doc", m.start(), end, doc=mention)
    if g.get("standard"):
        code = re.sub(r"\s*:\s*", ":", re.sub(r"\s+", " ", g["standard"]))
        return Token("doc", m.start(), end, doc=DocMention(type=None, name=code))
    if g.get("memo"):
        date, end = _attached_date(text, end)
        mention = DocMention(type=None, number=normalize_number(g["memo_num"]), date=date)
        return Token("doc", m.start(), end, doc=mention)
    if g.get("bare"):
        bare = normalize_number(g["bare"])
        if not is_legal_number(bare):
            return None
        return Token("doc", m.start(), end, doc=DocMention(type=None, number=bare))
    doc_type = canonical_type(g["doc_type"])
    if g.get("known") and g["doc_type"][0].islower():
        return None  # "kỷ luật cán bộ, công chức" is not "Luật Cán bộ, công chức"
    if g.get("self_doc"):
        return Token("doc", m.start(), end, doc=DocMention(type=doc_type, self=True))
    number = g.get("num") or g.get("num2") or g.get("anum")
    name = g.get("aname") or g.get("anname") or g.get("gname") or g.get("name") or g.get("known")
    date = _date_of(g, "a") if g.get("aname") else _date_of(g, "n")
    if name:
        name = re.sub(r"[\s,]+$", "", re.sub(r"\s+", " ", name))
    if number and date is None:
        # "Nghị định số 23/2015/NĐ-CP ngày 16 tháng 02 năm 2015": the date belongs to the mention.
        date, end = _attached_date(text, end)
    mention = DocMention(
        type=doc_type, number=normalize_number(number) if number else None, name=name, date=date
    )
    return Token("doc", m.start(), end, doc=mention)


# --- grouping -----------------------------------------------------------------------------------------------


def _connected(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end : b.start]
    if len(gap) > 170 or "\n" in gap:
        return False
    if a.kind == "doc" or (a.kind == "self_unit" and a.self_kind == "dieu"):
        # A document (or "Điều này") closes its group: "Điều 5 Luật A, Điều 6 Luật B" are two references.
        return False
    if ";" in gap and b.kind == "doc":
        return False
    return bool(_CONNECTOR.match(gap))


def group(text: str, toks: list[Token]) -> list[list[Token]]:
    groups: list[list[Token]] = []
    for tok in toks:
        if groups and _connected(text, groups[-1][-1], tok):
            groups[-1].append(tok)
        else:
            groups.append([tok])
    return groups


def _items(toks: list[Token], text: str = "") -> list[list[Token]]:
    """Split a group's unit tokens into items: a new item starts at a token not higher than the last one."""
    items: list[list[Token]] = []
    for tok in toks:
        last = items[-1][-1] if items else None
        if last is not None and LEVEL[tok.kind] > LEVEL[last.kind] and last.kind != "self_unit":
            items[-1].append(tok)
        else:
            items.append([tok])
    _inherit_backwards(items)
    return items


_IN_ANNEX = re.compile(r"^\s*(?:thuộc|tại)\s+$")


def _nested_annexes(toks: list[Token], text: str) -> list[Token]:
    """ "Phụ lục IXa, IXb tại Phụ lục IX" and "Phụ lục 1A, Phụ lục 1B thuộc Phụ lục I": annexes inside an annex.
    The eid scheme has one annex level: an inner annex numbered after its container (IXa in IX) is an annex of its
    own, and one numbered on its own inside it (1A in I) is a part of the container, which stands for it."""
    out: list[Token] = []
    for tok in toks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == tok.kind == "phu_luc"
            and _IN_ANNEX.match(text[prev.end : tok.start])
            and len(tok.values) == 1
        ):
            outer = tok.values[0]
            if outer and all(v != outer and v.lower().startswith(outer.lower()) for v in prev.values):
                continue  # keep the inner annexes
            out[-1] = tok
            continue
        out.append(tok)
    return out


def _inherit_backwards(items: list[list[Token]]) -> None:
    """An item without its article takes it from the next item: in "khoản 2, điểm a, điểm b khoản 3 Điều 9" clause
    2 is of article 9 too, and in "các điểm a, b và c khoản 5, các điểm a, b và c khoản 6 Điều 158" clause 5 is of
    article 158 (domain notes §8.9: the higher level is inherited backwards)."""
    for i in range(len(items) - 2, -1, -1):
        item, nxt = items[i], items[i + 1]
        if any(t.kind == "self_unit" for t in item):
            continue
        top = max(LEVEL[t.kind] for t in item)
        if top >= LEVEL["dieu"]:
            continue
        item.extend(t for t in nxt if t.kind in ("khoan", "dieu") and LEVEL[t.kind] > top)


def find_references(text: str) -> list[Found]:
    """Every reference in ``text`` as written (targets not yet resolved)."""
    found: list[Found] = []
    for grp in group(text, tokens(text)):
        doc_tok = grp[-1] if grp[-1].kind == "doc" else None
        unit_toks = [t for t in grp if t.kind != "doc"]
        if doc_tok is not None and any(t.kind == "doc" for t in grp[:-1]):
            continue  # cannot happen: a document closes its group
        ref = Found(start=grp[0].start, end=grp[-1].end, doc=doc_tok.doc if doc_tok else None)
        unit_toks = _nested_annexes(unit_toks, text)
        for item in _items(unit_toks, text):
            _add_item(ref, item)
        if not unit_toks and doc_tok is None:
            continue
        if ref.doc is None and not ref.paths and not ref.self_units:
            continue
        ref.rule = _rule_name(ref, unit_toks)
        found.append(ref)
    return found


def _add_item(ref: Found, item: list[Token]) -> None:
    """The units of one item. A lower level attaches to the first value of the level above it: "khoản 3
    Điều 59, Điều 63" is clause 3 of article 59, and article 63 whole; "khoản 1, 2 và 3 Điều 7" is three
    clauses of article 7."""
    self_kind = next((t.self_kind for t in item if t.kind == "self_unit"), None)
    levelled = sorted((t for t in item if t.kind != "self_unit"), key=lambda t: -LEVEL[t.kind])
    if not levelled:
        if self_kind is not None:
            ref.self_units.append(self_kind)
            ref.paths.append({"self": self_kind})
        return
    if self_kind is not None:
        ref.self_units.append(self_kind)
    paths: list[dict[str, str]] = [{levelled[0].kind: v} for v in levelled[0].values]
    for tok in levelled[1:]:
        head, rest = paths[0], paths[1:]
        paths = [{**head, tok.kind: v} for v in tok.values] + rest
    for path in paths:
        if self_kind is not None:
            path["self"] = self_kind
        ref.paths.append(path)


def _rule_name(ref: Found, unit_toks: list[Token]) -> str:
    if not unit_toks:
        d = ref.doc
        if d and d.self:
            return "document.self"
        if d and d.number and d.name:
            return "document.name_and_number"
        if d and d.name and d.date:
            return "document.name_and_date"
        if d and d.name:
            return "document.name"
        if d and d.type is None:
            return "document.bare_number"
        return "document.type_and_number"
    if ref.doc is None:
        return "provision_chain.self" if ref.self_units else "provision_chain.bare"
    return "provision_chain.of_document" if not ref.doc.self else "provision_chain.self"
