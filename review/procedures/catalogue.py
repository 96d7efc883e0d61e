"""The procedure catalogue: each administrative procedure laid down in a corpus as one record with the fields of
the national TTHC database, each field carrying the provision and the words it was read from, or marked missing.

A procedure is found by its article's heading ("Trình tự, thủ tục cấp giấy phép", "Hồ sơ đề nghị cấp …"). A
dossier article ("Hồ sơ đề nghị cấp giấy phép") that a procedure article cites ("hồ sơ theo quy định tại Điều 24")
or that is about the same object as the next article is part of that procedure, not a procedure of its own: a
procedure spread over several articles is one record listing every source provision.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, replace
from functools import cache
from typing import Any

from review.models import Reference, UnitRecord
from review.procedures import amended, published
from review.procedures import fields as F
from review.procedures.assemble import (
    DOSSIER_HEADING,
    dossier,
    first,
    heading_result,
    time_limit,
    union_methods,
    with_general,
    with_points,
)
from review.procedures.record import FIELDS, LABELS, SOURCE, FieldValue, ProcedureRecord, plain
from review.procedures.wording import words
from review.vocab import ProcedureSource

__all__ = ["FIELDS", "LABELS", "SOURCE", "FieldValue", "ProcedureRecord", "catalogue"]

PROCEDURE_HEADING = re.compile(
    r"(?:trình\s+tự|thủ\s+tục|hồ\s+sơ)[^.;]{0,80}(?:cấp|đăng\s+ký|đề\s+nghị|công\s+nhận|gia\s+hạn|cho\s+phép|"
    r"chấp\s+thuận|thẩm\s+định|phê\s+duyệt|xác\s+nhận|điều\s+chỉnh|thu\s+hồi|xét\s+tặng|hủy\s+bỏ|tạm\s+dừng)",
    re.IGNORECASE,
)


_STEPS_ONLY = re.compile(r"\s*trình\s+tự(?:,\s*thủ\s+tục)?(?:\s+thực\s+hiện)?\s*$", re.I)
_HANDS_IN = re.compile(r"(?:gửi|nộp)[^.;]{0,60}hồ\s+sơ|hồ\s+sơ[^.;]{0,60}(?:gửi|nộp)", re.I)


def _is_procedure(units: list[UnitRecord], untitled: bool = False) -> bool:
    """An article that lays down a procedure. By its heading: one that names a procedure ("Trình tự, thủ tục cấp
    giấy phép"), or names steps ("Trình tự, thủ tục thanh lý rừng trồng", "Hồ sơ, thủ tục khen thưởng") with a
    dossier handed in or a time limit from its receipt in the article. By its shape, whatever the heading says
    ("Gia hạn giấy phép", "Rút tiền ký quỹ"): a dossier handed in and a time limit that runs from its receipt. By
    a heading that is an agency's act on a request or the request ("Thẩm định kế hoạch …", "Tổ chức, cá nhân đề
    nghị xác nhận …") with a dossier handed in to someone.
    Never an article whose heading is about something else (duties, entry into force, amendments). An
    ``untitled`` article (an amended article's new text, quoted without a heading) is judged by its shape."""
    head = units[0]
    if head.kind != "dieu":
        return False
    if not head.heading:
        return untitled and _by_shape(units)
    if _words("not_procedure_heading").search(head.heading) or _words("general_procedure_heading").search(
        head.heading
    ):
        return False  # about something else, or the rules every procedure of the document follows
    if PROCEDURE_HEADING.search(head.heading) or _words("procedure_named_heading").search(head.heading):
        return True
    hands_in = any(_HANDS_IN.search(u.text) for u in units)
    from_receipt = any(_words("from_receipt").search(u.text) for u in units)
    if _STEPS_ONLY.match(head.heading) or _words("procedure_steps_heading").search(head.heading):
        return hands_in or from_receipt
    if _words("granting_heading").search(head.heading):  # "Cấp lại giấy phép", "Thẩm định kế hoạch …"
        # a dossier handed in, or one listed and a time limit from its receipt ("Hồ sơ đề nghị bao gồm: …")
        listed = any(F.is_dossier_lead(u.text) for u in units)
        return any(_HANDED_TO.search(u.text) for u in units) or (listed and from_receipt)
    return _by_shape(units)


def _by_shape(units: list[UnitRecord]) -> bool:
    # By shape alone the dossier must be handed in to someone ("gửi một bộ hồ sơ", "hồ sơ … được gửi đến Sở"),
    # not merely be the dossier an agency forwards ("hồ sơ của cơ quan lập đề án, Ủy ban nhân dân gửi …").
    if not any(_HANDED_TO.search(u.text) for u in units):
        # the dossier is handed in where another article says, and here an agency decides within a time limit from
        # its receipt ("Trong thời hạn 03 ngày làm việc, kể từ ngày nhận đủ hồ sơ, Chủ tịch … xem xét, quyết định")
        return any(_words("from_receipt").search(u.text) and _decided_in_time(u.text) for u in units)
    # and a time limit from its receipt, or one within which an agency decides ("Trong thời hạn 05 ngày làm việc,
    # Sở Nội vụ xem xét, cấp giấy phép")
    return any(_words("from_receipt").search(u.text) or _decided_in_time(u.text) for u in units)


_LIMIT = re.compile(
    r"(?:trong\s+(?:thời\s+hạn|vòng)|không\s+quá|chậm\s+nhất)\s+\d{1,3}\s*(?:ngày|tháng)", re.I
)


def _decided_in_time(text: str) -> bool:
    for sentence in re.split(r"(?<=[.;])\s+", text):
        if _LIMIT.search(sentence) and F.deciding_agency(sentence) is not None:
            return True
    return False


_HANDED_TO = re.compile(
    r"\b(?:gửi|nộp)\s+(?:[^\s.;]+\s+){0,3}hồ\s+sơ\b|hồ\s+sơ[^.;]{0,80}?(?:được\s+)?(?:gửi|nộp)\s+(?:đến|về|tới|cho|tại|qua)\b"
    # a request in writing sent to an agency ("có văn bản yêu cầu cung cấp dữ liệu … gửi về Bộ Nội vụ")
    r"|\b(?:văn\s+bản|đơn|phiếu)\s+(?:yêu\s+cầu|đề\s+nghị)[^.;]{0,120}?(?:gửi|nộp)\s+(?:đến|về|tới|cho)\b"
    r"|\b(?:gửi|nộp)\s+(?:văn\s+bản|đơn|phiếu)\s+(?:yêu\s+cầu|đề\s+nghị)\b",
    re.I,
)


@cache
def _words(name: str) -> re.Pattern[str]:
    return words(name)


def _article(eid: str) -> str:
    return eid.split("__", 1)[0]


def catalogue(
    units: Iterable[UnitRecord], refs: Iterable[Reference] = (), local_docs: Iterable[str] = ()
) -> list[ProcedureRecord]:
    """Every procedure in ``units`` (the reviewed units of a corpus, in reading order) as one record: those its
    articles lay down, then those the new text of an amended article lays down (``review.procedures.amended``)."""
    units, refs = list(units), list(refs)
    by_article: dict[tuple[str, str], list[UnitRecord]] = {}
    for u in units:
        by_article.setdefault((u.doc, _article(u.eid)), []).append(u)
    # Amending articles that hold an article's new text in place are read as that article (amended.in_place).
    rewritten: dict[tuple[str, str], UnitRecord] = {}
    for key, article_units in by_article.items():
        if (found := amended.in_place(article_units)) is not None:
            rewritten[key] = article_units[0]
            by_article[key] = found[0]
    cited: dict[tuple[str, str], list[Reference]] = {}
    # Each document's references, so that no step scans the whole corpus's for one article.
    refs_of: dict[str | None, list[Reference]] = {}
    for r in refs:
        refs_of.setdefault(r.doc, []).append(r)
        if r.unit and r.doc:
            cited.setdefault((r.doc, _article(r.unit)), []).append(r)
    local = set(local_docs)
    lists = list(_published(units, local))
    publishing = {r.doc for r in lists}  # a Quyết định công bố: its rows are the procedures, not its articles
    heads = [
        key
        for key, us in by_article.items()
        if key[0] not in publishing and _is_procedure(us, untitled=key in rewritten)
    ]
    # Every dossier article ("Hồ sơ hưởng chế độ tai nạn lao động") may belong to a procedure next to it or citing
    # it; one is a record of its own only if its heading names a procedure.
    dossiers = [
        key
        for key, us in by_article.items()
        if us[0].kind == "dieu" and DOSSIER_HEADING.match(us[0].heading or "")
    ]
    dossier_only = set(dossiers)
    dossiers_of: dict[str, list[tuple[str, str]]] = {}
    for key in dossiers:
        dossiers_of.setdefault(key[0], []).append(key)
    candidates = sorted(set(heads) | dossier_only, key=lambda k: (k[0], by_article[k][0].ord))
    order: dict[str, list[tuple[str, str]]] = {}  # each document's articles in reading order
    for key in sorted(by_article, key=lambda k: by_article[k][0].ord):
        if by_article[key][0].kind == "dieu":
            order.setdefault(key[0], []).append(key)
    position = {key: at for articles in order.values() for at, key in enumerate(articles)}
    taken = set(heads) | dossier_only  # articles that are procedures or dossiers of their own
    attached: dict[tuple[str, str], list[tuple[str, str]]] = {}
    used: set[tuple[str, str]] = set()
    for index, key in enumerate(candidates):
        if key in dossier_only:
            continue
        doc, _ = key
        # The article's own dossier may cite another article for one paper ("Văn bản quy định tại khoản 5 Điều
        # 24"): that does not make the other article part of this procedure; its steps citing it do.
        leads = {u.eid for u in by_article[key] if F.is_dossier_lead(u.text)}
        text = "\n".join(u.text for u in by_article[key] if u.parent not in leads and u.eid not in leads)
        extra = []
        for other in dossiers_of.get(doc, ()):
            # An amending decree's new articles cite the articles of the decree they amend: only those quoted
            # under the same heading (its chapter on that decree).
            if (key in rewritten) != (other in rewritten):
                continue
            if key in rewritten and by_article[other][0].parent != by_article[key][0].parent:
                continue
            num = by_article[other][0].num or other[1].removeprefix("dieu_")
            if re.search(
                rf"Điều\s+{re.escape(str(num))}(?!\d)(?!\s+(?:của\s+)?(?:Luật|Nghị\s+định|Thông\s+tư|Bộ\s+luật|Quyết\s+định)\s+(?:số\s+)?\d)",
                text,
            ):
                extra.append(other)
        prev = candidates[index - 1] if index > 0 else None
        if not extra and prev in dossier_only and prev[0] == doc:
            a, b = (
                F.procedure_object(by_article[prev][0].heading or ""),
                F.procedure_object(by_article[key][0].heading or ""),
            )
            if a and _same_object(a, b):
                extra.append(prev)
        # The dossier may be the article right after the steps ("Trình tự thực hiện thủ tục đăng ký thay đổi khoản cho
        # vay …" then "Hồ sơ đăng ký thay đổi khoản cho vay"), unless it is nearer the procedure after it.
        after = candidates[index + 1 : index + 3]
        articles = order.get(doc, [])
        at = position.get(key, len(articles))
        right_after = articles[at + 1] if at + 1 < len(articles) else None
        if not extra and after and after[0] == right_after and after[0] in dossier_only:
            own = F.procedure_object(by_article[key][0].heading or "")
            theirs = F.procedure_object(by_article[after[0]][0].heading or "")
            nxt = after[1] if len(after) > 1 and after[1][0] == doc and after[1] not in dossier_only else None
            beyond = F.procedure_object(by_article[nxt][0].heading or "") if nxt else ""
            if own and theirs and _same_object(own, theirs):
                if not beyond or (_overlap(theirs, beyond) < _overlap(theirs, own) and theirs not in beyond):
                    extra.append(after[0])
        extra.extend(_component_neighbours(key, by_article, order, position, taken))
        attached[key] = extra
        used.update(extra)
    # A document's general article on its procedures ("Quy định chung về thực hiện thủ tục hành chính trong Thông tư
    # này": the ways of sending, the number of sets) gives each procedure what its own articles do not say.
    general: dict[str, list[UnitRecord]] = {}
    for (doc, _), us in by_article.items():
        if us[0].kind == "dieu" and _words("general_procedure_heading").search(us[0].heading or ""):
            general.setdefault(doc, []).extend(us)
    out = []
    for key in candidates:
        if key in dossier_only and (key in used or key not in heads):
            continue
        parts = sorted([key, *attached.get(key, [])], key=lambda k: by_article[k][0].ord)
        record = _record(key, parts, by_article, cited, key[0] in local)
        if key[0] in general:
            record = with_general(record, general[key[0]])
        if key in rewritten:
            target = amended.amended_target(rewritten[key], by_article[key][0], refs_of.get(key[0], ()))
            record = replace(record, laid_down=ProcedureSource.AMENDMENT, amends=target)
        out.append(record)
    out.extend(lists)
    for host, quoted in amended.quoted_articles(units):
        if not quoted or not _is_procedure(quoted):
            continue
        key = (host.doc, quoted[0].eid)
        by_article[key] = quoted
        record = _record(key, [key], by_article, cited, host.doc in local)
        out.append(
            _as_amendment(record, host, amended.amended_target(host, quoted[0], refs_of.get(host.doc, ())))
        )
    return out


def _published(units: list[UnitRecord], local: set[str]) -> Iterator[ProcedureRecord]:
    """The rows of the lists a Quyết định công bố thủ tục hành chính publishes (``review.procedures.published``)."""
    by_doc: dict[str, list[UnitRecord]] = {}
    for u in units:
        by_doc.setdefault(u.doc, []).append(u)
    for doc, doc_units in by_doc.items():
        for annex, found in published.published_annexes(doc_units):
            where = f"{doc}#{annex.eid}"
            for row in found:
                at = lambda value, words, where=where: FieldValue(value, where, words)  # noqa: E731
                values: dict[str, FieldValue | None] = {k: None for k, _, _ in FIELDS}
                values["name"] = at(row.name, row.name)
                values["methods"] = at(list(row.methods), row.text[:200]) if row.methods else None
                if row.time_limit is not None:
                    values["time_limit"] = at(plain(asdict(row.time_limit)), row.time_words)
                if row.agencies:
                    values["agency"] = at({"agencies": list(row.agencies), "deciding": None}, row.agencies[0])
                values["fees"] = None if row.fees is None else at(row.fees, row.fee_words)
                values["legal_basis"] = at(list(row.basis), row.basis_words) if row.basis else None
                yield ProcedureRecord(
                    f"{where}__tthc_{row.code}",
                    doc,
                    row.name,
                    (where,),
                    values,
                    doc in local,
                    ProcedureSource.PUBLISHED,
                    None,
                    row.code,
                )


def _as_amendment(record: ProcedureRecord, host: UnitRecord, target: str | None) -> ProcedureRecord:
    """A record read from quoted new text, every provision in it the amending unit the words are quoted in."""
    inside, home = record.provisions[0], f"{host.doc}#{host.eid}"

    def rehome(value: Any) -> Any:
        if isinstance(value, str):
            return home if value.startswith(inside) else value
        if isinstance(value, list | tuple):
            return type(value)(rehome(v) for v in value)
        if isinstance(value, dict):
            return {k: rehome(v) for k, v in value.items()}
        return value

    fields = {
        k: None if v is None else FieldValue(rehome(v.value), rehome(v.provision), v.words)
        for k, v in record.fields.items()
    }
    return replace(
        record,
        id=home,
        provisions=(home,),
        fields=fields,
        laid_down=ProcedureSource.AMENDMENT,
        amends=target,
    )


def _record(main, parts, by_article, cited, local: bool) -> ProcedureRecord:
    doc = main[0]
    head = by_article[main][0]
    units = [u for p in parts for u in by_article[p]]
    loc = lambda u: f"{u.doc}#{u.eid}"  # noqa: E731
    values: dict[str, FieldValue | None] = {k: None for k, _, _ in FIELDS}
    name = head.heading or amended.request_name(head.text) or ""
    values["name"] = FieldValue(name, loc(head), head.heading or head.text[:200])
    steps = [u for u in by_article[main] if u.text and F.is_step(u.text)]
    if steps:
        values["steps"] = FieldValue(
            [{"provision": loc(u), "text": u.text[:200]} for u in steps], loc(steps[0]), steps[0].text[:200]
        )
    # A lead-in ending with ":" reads with its points ("… bằng một trong các hình thức sau: a) Trực tiếp …").
    values["methods"] = union_methods(with_points(units, ", "), loc)
    values["dossier"] = dossier(parts, by_article, loc)
    # Each point is a step of its own: what one says ("trường hợp hồ sơ không hợp lệ …") is not read as the
    # circumstance of the next one's time limit.
    values["time_limit"] = time_limit(with_points(units, "; "), loc)
    values["subjects"] = first(units, F.subject, loc) or first(units, F.other_subject, loc)
    papers = {i["provision"] for i in (values["dossier"].value["items"] if values["dossier"] else [])}
    papers -= {loc(u) for u in units if F.is_dossier_lead(u.text)}  # a step that lists papers still acts
    acting = [u for u in units if loc(u) not in papers]  # who acts is not read from the papers handed in
    agencies = [(u, a) for u in acting for a in F.agencies(u.text)]
    if agencies:
        deciding = first(acting, F.deciding_agency, loc)
        names = list(dict.fromkeys(a for _, a in agencies))
        values["agency"] = FieldValue(
            {"agencies": names[:8], "deciding": deciding.value if deciding else None},
            loc(agencies[0][0]),
            (deciding.words if deciding else agencies[0][1]),
        )
    if F.undoes(head.heading or ""):
        values["result"] = first(units, lambda t: F.result_of(head.heading or "", t), loc)
    else:
        values["result"] = heading_result(head, [by_article[p][0] for p in parts]) or first(
            units, lambda t: F.result_of("", t), loc
        )
    values["fees"] = first(units, F.fees, loc)
    conditions = [u for u in units if F.is_condition(u.text)]
    if conditions:
        values["conditions"] = FieldValue(
            [{"provision": loc(u), "text": u.text[:200]} for u in conditions],
            loc(conditions[0]),
            conditions[0].text[:200],
        )
    form_hits = [(u, f) for u in units for f in F.forms(u.text)]
    if form_hits:
        values["forms"] = FieldValue(
            list(dict.fromkeys(f for _, f in form_hits)), loc(form_hits[0][0]), form_hits[0][1]
        )
    basis = [f"{doc}#{p[1]}" for p in parts]
    for p in parts:
        for r in cited.get(p, []):
            if r.relation in ("cites", "legal_basis") and r.target.doc and r.target.units:
                basis.extend(f"{r.target.doc}#{e}" for e in r.target.units)
    values["legal_basis"] = FieldValue(list(dict.fromkeys(basis)), basis[0], "")
    return ProcedureRecord(
        f"{doc}#{main[1]}", doc, name, tuple(f"{doc}#{p[1]}" for p in parts), values, local
    )


def _component_neighbours(key, by_article, order, position, taken) -> list[tuple[str, str]]:
    """The articles right before and after a procedure's that lay down one of its components for the same object
    ("Thời gian xử lý rút vốn vay ODA …" beside "Trình tự, thủ tục rút vốn vay ODA …", "Nội dung thẩm định địa điểm
    …" beside "Trình tự, thủ tục thẩm định hồ sơ đề nghị phê duyệt địa điểm …"), unless they are procedures or
    dossiers of their own."""
    articles = order.get(key[0], [])
    if key not in position:
        return []
    at = position[key]
    own = F.procedure_object(by_article[key][0].heading or "")
    out = []
    for near in articles[max(0, at - 1) : at] + articles[at + 1 : at + 2]:
        if near in taken:
            continue
        m = _words("component_heading").match(by_article[near][0].heading or "")
        if m is None:
            continue
        theirs = F.procedure_object((by_article[near][0].heading or "")[m.end() :])
        if own and theirs and _same_object(own, theirs):
            out.append(near)
    return out


def _same_object(a: str, b: str) -> bool:
    """Whether two headings' objects are one ("đăng ký thay đổi khoản cho vay" in "… khoản cho vay ra nước ngoài")."""
    return a in b or b in a or _overlap(a, b) >= 0.6


def _overlap(a: str, b: str) -> float:
    x, y = set(re.findall(r"\w+", a)), set(re.findall(r"\w+", b))
    return len(x & y) / max(1, len(x | y))
