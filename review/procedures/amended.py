"""Procedures laid down by an amendment: the new text of an article quoted in an amending unit ("Sửa đổi, bổ
sung Điều 17 như sau: “Điều 17. Thủ tục cấp bản sao từ sổ gốc 1. Hồ sơ … a) …”").

Most procedures changed by the 2025 decentralisation decrees exist in the corpus only so: the amended decree (Nghị
định 23/2015/NĐ-CP) is not itself in it, the amending one (Nghị định 280/2025/NĐ-CP) is. The quoted article is read
into units of its own (its clauses and points, by the numbering of each line) and catalogued like any article; each
field's provision is the amending unit the words are quoted in, so every link leads to a unit the corpus holds, and
the record names the article it amends.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from review.models import Reference, UnitRecord
from review.procedures.actors import case_and_actor
from review.structure.lines import classify

# "… Điều 17 như sau:" then the quoted article, its heading on the first quoted line.
_QUOTED_ARTICLE = re.compile(r"như\s+sau\s*:\s*[“\"«]\s*(Điều\s+\d+[a-zđ]?\s*\.[^\n]*)", re.I)
_CLOSING = re.compile(r"[”\"»]\s*[.;]?\s*$")


def quoted_articles(units: Iterable[UnitRecord]) -> Iterator[tuple[UnitRecord, list[UnitRecord]]]:
    """Each amending unit that quotes a whole new article, with that article as units: the heading unit (kind
    ``dieu``) and its clauses and points, their eids under the amending unit's (``dieu_1__khoan_7__moi__khoan_1``)
    so they never clash with the amending document's own."""
    for host in units:
        m = _QUOTED_ARTICLE.search(host.text)
        if not m:
            continue
        quoted = host.text[m.start(1) :]
        yield host, list(_article_units(host, quoted))


# An amending article whose own text is the quoted new article ("Điều 1. Sửa đổi, bổ sung Điều 6" then "“Điều 6.
# Thủ tục cấp Giấy phép …" and its clauses as the amending article's clauses): the structure reads the quoted
# clauses in place, so the article is the new text.
_IN_PLACE = re.compile(r"^\s*[“\"«]\s*Điều\s+(\d+[a-zđ]?)\s*\.\s*([^\n]*)", re.I)
_SENTENCE = re.compile(r"[.;:]\s*$|\b(?:nộp|gửi)\b[^.;]{0,40}hồ\s+sơ", re.I)
_SUBMITS = re.compile(r"\b(?:nộp|gửi)\b[^.;]{0,80}hồ\s+sơ", re.I)
_CASE_ACT = re.compile(r"^(?:khi|trường\s+hợp)\s+(?:có\s+nhu\s+cầu\s+|muốn\s+|đề\s+nghị\s+)?", re.I)
_ACTOR_ACT = re.compile(r"^(?P<act>.{4,120}?)\s+(?:phải\s+)?(?:nộp|gửi)\b", re.I)


def in_place(article: list[UnitRecord]) -> tuple[list[UnitRecord], str] | None:
    """The units of an amending article that holds the quoted new article in place, read as that article: its
    head unit takes the quoted article's number and heading (or, untitled, its first sentence as text, and the name
    the request it makes); with the quoted article's number. None for any other article."""
    head = article[0]
    m = _IN_PLACE.match(head.text or "") if head.kind == "dieu" else None
    if not m:
        return None
    num, rest = m.group(1), m.group(2).strip()
    body = (head.text or "")[m.start(2) :]
    if rest and len(rest) <= 200 and not _SENTENCE.search(rest) and len(article) > 1:
        new_head = replace(head, num=num, heading=rest.strip(' .”"'), text=body[len(rest) :].strip())
    else:  # an untitled article ("“Điều 7. Tổ chức nước ngoài … nộp 01 bộ hồ sơ …")
        new_head = replace(head, num=num, heading=None, text=_CLOSING.sub("", body).strip())
    units = [new_head, *article[1:]]
    last = units[-1]
    units[-1] = replace(last, text=_CLOSING.sub("", last.text or "").rstrip())
    return units, num


def request_name(text: str) -> str | None:
    """The name of an untitled procedure: what the sentence that hands in the dossier asks ("Khi có nhu cầu sửa
    đổi, bổ sung Giấy phép, Văn phòng đại diện … nộp" → "Sửa đổi, bổ sung Giấy phép"; "Tổ chức nước ngoài đề nghị
    lập Văn phòng đại diện nộp …" → that request)."""
    for sentence in re.split(r"(?<=[.;])\s+", text.strip()):
        if not _SUBMITS.search(sentence):
            continue
        case = _CASE_ACT.match(sentence)
        if case and (split := case_and_actor(sentence[case.end() :])) is not None:
            act = split[0]
        elif m := _ACTOR_ACT.match(sentence):
            act = m.group("act")
        else:
            continue
        act = act.strip(" ,")
        return act[:1].upper() + act[1:]
    return None


def _article_units(host: UnitRecord, quoted: str) -> Iterator[UnitRecord]:
    lines = [line.strip() for line in quoted.split("\n") if line.strip()]
    if not lines:
        return
    head = classify(lines[0])
    if head is None or head.kind != "dieu":
        return
    base = f"{host.eid}__moi"
    order = host.ord * 1000  # inside the host, in reading order
    yield UnitRecord(host.doc, base, host.eid, order, "dieu", head.num, head.rest.strip(" .") or None, "")
    clause: str | None = None
    count = 0
    for line in lines[1:]:
        text = _CLOSING.sub("", line) if line is lines[-1] else line
        heading = classify(text)
        count += 1
        if heading is not None and heading.kind == "khoan":
            clause = f"{base}__khoan_{heading.num}"
            yield UnitRecord(host.doc, clause, base, order + count, "khoan", heading.num, None, heading.rest)
        elif heading is not None and heading.kind == "diem":
            parent = clause or base
            eid = f"{parent}__diem_{heading.num}"
            yield UnitRecord(host.doc, eid, parent, order + count, "diem", heading.num, None, heading.rest)
        else:  # a line that continues the unit before it, or a clause without a number
            yield UnitRecord(
                host.doc, f"{base}__dong_{count}", clause or base, order + count, "dong", None, None, text
            )


def amended_target(host: UnitRecord, article: UnitRecord, refs: Iterable[Reference]) -> str | None:
    """The article the amending unit rewrites (``23/2015/NĐ-CP#dieu_17``): the document its amending reference
    names, with the quoted article's number — a reference to that very article preferred, then one from the
    amending unit, then one from its article's heading ("Sửa đổi, bổ sung một số điều của Nghị định số …")."""
    own = f"dieu_{article.num}"
    home = host.eid.split("__", 1)[0]
    # This document's amending references to another document: "Điều 6" read as the amending decree's own article
    # (no document named in the unit) says nothing of which decree is amended.
    amending = [
        r
        for r in refs
        if r.doc == host.doc
        and r.relation == "amends"
        and r.unit
        and r.target.doc
        and r.target.doc != host.doc
    ]
    exact = [r for r in amending if r.unit == host.eid and own in r.target.units]
    if exact:
        return f"{exact[0].target.doc}#{own}"
    # then the amending unit, its article, and the heading it sits under ("Chương I. SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU
    # CỦA NGHỊ ĐỊNH SỐ 87/2009/NĐ-CP …")
    for unit in (host.eid, home, host.parent):
        for r in amending:
            if r.unit == unit:
                return f"{r.target.doc}#{own}"
    return None
