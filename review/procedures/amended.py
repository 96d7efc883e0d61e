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

from review.models import Reference, UnitRecord
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
    amending = [r for r in refs if r.relation == "amends" and r.target.doc and r.unit]
    exact = [r for r in amending if r.unit == host.eid and own in r.target.units]
    if exact:
        return f"{exact[0].target.doc}#{own}"
    for r in [*(r for r in amending if r.unit == host.eid), *(r for r in amending if r.unit == home)]:
        return f"{r.target.doc}#{own}"
    return None
