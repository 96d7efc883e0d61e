"""Procedures a province publishes: the rows of the list annexed to a "Quyết định công bố thủ tục hành chính"
(Nghị định 63/2010/NĐ-CP Điều 15; the list's columns follow Thông tư 02/2017/TT-VPCP: STT, mã thủ tục, tên thủ
tục, thời hạn giải quyết, địa điểm thực hiện, phí/lệ phí, căn cứ pháp lý …).

The list reaches the store as the annex's text, each table cell on lines of its own, so a row is found by the
national code of its procedure (mã TTHC, "2.000908", on a line of its own), and its cells by what they say: the
name is the lines between the serial number and the code, or after the code up to the first line that opens a
time limit, as the header orders the columns; the time limit, the ways of sending, the fee and the documents of
the legal basis are read from the row's text. A row whose legal basis says "Như trên" has the row's above. Rows of
a section that lists abolished procedures ("… bị bãi bỏ") are not procedures in force and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from review.models import UnitRecord
from review.procedures import fields as F

_CODE = re.compile(r"^\s*(\d\.\d{6})\s*$")  # mã thủ tục hành chính on the national database
_SERIAL = re.compile(r"^\s*\d{1,3}\s*$")
_SECTION = re.compile(
    r"^\s*(?:[A-ZĐ]|[IVX]{1,4})\s*\.\s+\S"
)  # "A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH", "B. QUY TRÌNH …"
_ABOLISHED = re.compile(r"bị\s+bãi\s+bỏ|được\s+bãi\s+bỏ", re.I)
_PUBLISHES = re.compile(
    r"công\s+bố[^.;]{0,120}thủ\s+tục\s+hành\s+chính|danh\s+mục\s+thủ\s+tục\s+hành\s+chính", re.I
)
# The first line of the time-limit cell, which ends a name read after the code.
_TIME_OPENS = re.compile(
    r"^\s*[-+•]?\s*(?:thời\s+hạn|thời\s+gian|trong\s+(?:thời\s+hạn|vòng|ngày|thời\s+gian)|ngay|không\s+quá|"
    r"chậm\s+nhất|tối\s+đa|\d{1,3}\s*(?:\(|ngày|tháng)|theo\s+quy\s+định)",
    re.I,
)
_IMMEDIATE = re.compile(r"ngay\s+(?:trong\s+ngày|sau\s+khi|khi)[^.;]{0,80}", re.I)
_AMOUNT = re.compile(r"(\d{1,3}(?:\.\d{3})+)\s*(?:đồng|VNĐ|vnđ)")
_NO_FEE = re.compile(r"^\s*(?:không|miễn\s+phí|không\s+thu(?:\s+phí)?)\s*\.?\s*$", re.I)
_DOCUMENT = re.compile(
    r"(?:Luật|Nghị\s+định|Thông\s+tư(?:\s+liên\s+tịch)?|Quyết\s+định|Nghị\s+quyết)[^;\n]{0,40}?số\s+"
    r"(\d{1,4}/\d{4}/[A-ZĐ][A-ZĐa-z0-9]*(?:\s*-\s*[A-ZĐ][A-ZĐa-z0-9]*)*)"
)
_SAME_AS_ABOVE = re.compile(r"^\s*như\s+trên\s*\.?\s*$", re.I)


@dataclass(frozen=True)
class PublishedRow:
    """One procedure of a published list, as the row's cells give it."""

    code: str
    name: str
    text: str  # the row's cells after the name, as they read
    time_limit: F.TimeLimit | None
    time_words: str
    methods: tuple[str, ...]
    agencies: tuple[str, ...]
    fees: list[int] | int | None
    fee_words: str
    basis: tuple[str, ...]  # numbers of the documents of the legal basis ("280/2025/NĐ-CP")
    basis_words: str


def publishes_procedures(title: str, first_article: str) -> bool:
    """Whether a document is a Quyết định công bố thủ tục hành chính (its title or its Điều 1 say so)."""
    return bool(_PUBLISHES.search(title or "") or _PUBLISHES.search(first_article or ""))


def rows(annex_text: str) -> Iterator[PublishedRow]:
    """The procedures of a published list, in its order."""
    lines = [line.strip() for line in annex_text.split("\n")]
    codes = [i for i, line in enumerate(lines) if _CODE.match(line)]
    if not codes:
        return
    header = " ".join(lines[: codes[0]]).lower()
    name_first = 0 <= header.find("tên thủ tục") < header.find("mã") if "mã" in header else False
    abolished = _sections_abolished(lines)
    previous_basis: tuple[tuple[str, ...], str] = ((), "")
    for n, at in enumerate(codes):
        start = at
        if name_first:  # TT, Tên, Mã: the name is between the serial number and the code
            start = at - 1
            while start > 0 and not _SERIAL.match(lines[start - 1]) and not _CODE.match(lines[start - 1]):
                start -= 1
            name_lines, body_from = lines[start:at], at + 1
        else:  # STT, Mã, Tên: the name runs from the code to the time limit
            body_from = at + 1
            while body_from < len(lines) and lines[body_from] and not _TIME_OPENS.match(lines[body_from]):
                body_from += 1
            name_lines = lines[at + 1 : body_from]
        end = codes[n + 1] if n + 1 < len(codes) else len(lines)
        if name_first and n + 1 < len(codes):
            end = codes[n + 1] - 1
            while end > body_from and not _SERIAL.match(lines[end]):
                end -= 1
        elif n + 1 < len(codes) and end > 0 and _SERIAL.match(lines[end - 1]):
            end -= 1
        body = lines[body_from:end]
        cut = next((i for i, line in enumerate(body) if _SECTION.match(line)), None)
        if cut is not None:
            body = body[:cut]
        if abolished(at):
            continue
        name = re.sub(r"\s+", " ", " ".join(name_lines)).strip(" .;")
        text = "\n".join(x for x in body if x)
        basis, basis_words = _basis(body)
        if not basis and any(_SAME_AS_ABOVE.match(x) for x in body):
            basis, basis_words = previous_basis
        previous_basis = (basis, basis_words)
        limit, time_words = _time(text)
        fees, fee_words = _fees(body)
        yield PublishedRow(
            code=_CODE.match(lines[at]).group(1),  # type: ignore[union-attr]
            name=name,
            text=text,
            time_limit=limit,
            time_words=time_words,
            methods=F.ways_named(text),
            agencies=tuple(F.agencies(text)),
            fees=fees,
            fee_words=fee_words,
            basis=basis,
            basis_words=basis_words,
        )


def _sections_abolished(lines: list[str]):
    """Whether line ``i`` is in a section that lists abolished procedures ("B. Danh mục thủ tục … bị bãi bỏ")."""
    marks: list[tuple[int, bool]] = []
    for i, line in enumerate(lines):
        if _SECTION.match(line):
            heading = " ".join(lines[i : i + 3])
            marks.append((i, bool(_ABOLISHED.search(heading))))

    def abolished(i: int) -> bool:
        state = False
        for at, value in marks:
            if at > i:
                break
            state = value
        return state

    return abolished


def _time(text: str) -> tuple[F.TimeLimit | None, str]:
    text = " ".join(text.split())  # a cell's words run over lines
    found = F.time_limit(text)
    if found is not None and isinstance(found.value, F.TimeLimit):
        return found.value, found.words
    if m := _IMMEDIATE.search(text):  # "Ngay trong ngày tiếp nhận hồ sơ", "Ngay sau khi nhận đủ hồ sơ hợp lệ"
        return F.TimeLimit(0, True, m.group(0).strip()), m.group(0).strip()
    return None, ""


def _fees(body: list[str]) -> tuple[list[int] | int | None, str]:
    for i, line in enumerate(body):
        if _NO_FEE.match(line):
            return 0, line
        amounts = [int(a.replace(".", "")) for a in _AMOUNT.findall(line)]
        if amounts:
            return amounts, " ".join(body[i : i + 2])[:300]
    return None, ""


def _basis(body: list[str]) -> tuple[tuple[str, ...], str]:
    text = " ".join(body)
    numbers = [re.sub(r"\s+", "", m.group(1)) for m in _DOCUMENT.finditer(text)]
    start = next((m.start() for m in _DOCUMENT.finditer(text)), None)
    return tuple(dict.fromkeys(numbers)), ("" if start is None else text[start : start + 2000])


def published_annexes(units: Iterable[UnitRecord]) -> Iterator[tuple[UnitRecord, list[PublishedRow]]]:
    """Each annex of a document that publishes procedures, with its rows (units of one document, in order)."""
    units = list(units)
    first = next((u for u in units if u.kind == "dieu"), None)
    first_text = "" if first is None else f"{first.heading or ''} {first.text}"
    if not publishes_procedures("", first_text):
        return
    for u in units:
        if u.kind == "phu_luc":
            found = list(rows(u.text))
            if found:
                yield u, found
