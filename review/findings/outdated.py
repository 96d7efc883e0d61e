"""Outdated provisions: they rest on or cite what no longer stands, or name what no longer exists.

Grounds (Vietnamese first, the English beside it) follow the rà soát grounds of Luật 64/2025/QH15 Điều 3 khoản 5
("mâu thuẫn, chồng chéo, hết hiệu lực hoặc không còn phù hợp") and the 2025 reorganisation (domain notes §7).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from review.findings.context import RuleContext, in_edited_words, lexicon, sentence_around
from review.findings.registry import Hit, rule
from review.graph.timeline import stated_status
from review.models import Evidence, Reference, unit_citation
from review.text import fold

_REVIEW_GROUND = "Luật 64/2025/QH15 Điều 3 khoản 5 (rà soát: quy định hết hiệu lực hoặc không còn phù hợp)"
_REVIEW_GROUND_EN = "Law 64/2025/QH15 Art. 3(5): review finds provisions that expired or no longer fit"
# Words of a transitional or ending provision: citing an old document there is the point, not a defect.
_TRANSITION = re.compile(
    r"hết\s+hiệu\s+lực|bãi\s+bỏ|thay\s+thế|chuyển\s+tiếp|trước\s+ngày|đã\s+(?:được\s+)?(?:cấp|nộp|tiếp\s+nhận|"
    r"ban\s+hành|phê\s+duyệt)|tiếp\s+tục\s+(?:thực\s+hiện|áp\s+dụng|có\s+hiệu\s+lực)|theo\s+quy\s+định\s+(?:của|tại)"
    r"[^.;]{0,120}(?:trước\s+đây|cũ)",
    re.IGNORECASE,
)
_HISTORY_RULES = ("amendment_chain", "passive", "title_mention", "chain")
_DATED = re.compile(r"\d+/\d{4}|năm\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}")
_LIVE = ("in_force", "partly_expired", "not_yet_in_force")


def _lead_in(ctx: RuleContext, doc: str, unit: str | None) -> str:
    """The text of the units above (an item's lead-in: "Các Nghị định sau đây hết hiệu lực:")."""
    if not unit:
        return ""
    out = []
    for a in ctx.timelines.ancestors(doc, unit)[1:3]:
        out.append(ctx.unit_texts.get((doc, a), "")[-300:])
    return "\n".join(out)


_ENDING_KINDS = ("replaced", "repealed", "expiry_clause", "parent_expired", "unit_repealed")


_VI_ACT = {
    "repeals": "bãi bỏ",
    "replaces": "thay thế",
    "amends": "sửa đổi",
    "supplements": "bổ sung",
    "suspends": "ngưng hiệu lực",
    "expiry_clause": "hết thời hạn",
    "parent_expired": "hết hiệu lực cùng văn bản được quy định chi tiết",
    "unit_repealed": "bãi bỏ",
    "replaced": "thay thế",
    "repealed": "bãi bỏ",
}


def _by(ev: Evidence) -> str:
    """ "bị 116/2025/QH15 bãi bỏ" — who ended it, in Vietnamese word order."""
    return f"bị {ev.doc} {_VI_ACT.get(ev.relation or '', ev.relation or '')}".strip()


def _ref_hit(
    ctx: RuleContext,
    r: Reference,
    message: str,
    message_en: str,
    evidence: tuple[Evidence, ...],
    confidence: float,
    sentence: str | None = None,
) -> Hit:
    """A finding at a stored reference: its place and words, the sentence around it."""
    if sentence is None:
        sentence = sentence_around(ctx.text_of(r.doc, r.unit, r.part), r.start, r.end)
    return Hit(r.doc, r.unit, r.start, r.end, r.text, message, message_en, evidence, confidence,
               sentence)  # fmt: skip


def _ending(reasons) -> Evidence | None:
    for r in reasons:
        if r.kind in _ENDING_KINDS:
            return Evidence(r.doc, r.unit, r.relation or r.kind, r.date, r.rule)
    return None


@rule(
    "OUT-LEGAL-BASIS-EXPIRED",
    kind="outdated",
    severity="high",
    action="review",
    title="Căn cứ ban hành đã hết hiệu lực",
    title_en="Legal basis expired or replaced",
    ground="Luật 64/2025/QH15 Điều 3 khoản 5; căn cứ ban hành phải là văn bản đang có hiệu lực",
    ground_en="Law 64/2025/QH15 Art. 3(5); a document's legal basis must be in force",
)
def legal_basis_expired(ctx: RuleContext) -> Iterator[Hit]:
    seen: set[tuple[str, str]] = set()
    for r in ctx.refs:
        target = r.target.doc
        if r.relation != "legal_basis" or not target or r.target.self or (r.doc, target) in seen:
            continue
        st = ctx.engine.document(target, ctx.at)
        if st.status != "expired":
            continue
        ending = _ending(st.because)
        issued = ctx.docs[r.doc].issued
        if ending and ending.date and issued and ending.date <= issued:
            # Cited as basis after it had ended: the drafting used an old basis (still a finding, less sure).
            confidence = 0.75
        else:
            confidence = 0.92
        seen.add((r.doc, target))
        yield _ref_hit(
            ctx,
            r,
            f"Căn cứ ban hành {target} đã hết hiệu lực"
            + (f" từ ngày {ending.date} ({_by(ending)})" if ending else "")
            + ": cần cập nhật căn cứ hoặc rà soát nội dung dựa trên văn bản này.",
            f"The legal basis {target} is no longer in force"
            + (f" since {ending.date} ({ending.relation} by {ending.doc})" if ending else "")
            + "; update the basis or review what rests on it.",
            (Evidence(target, None, "legal_basis", None), *([ending] if ending else [])),
            confidence,
        )


@rule(
    "OUT-REF-EXPIRED",
    kind="outdated",
    severity="high",
    action="amend",
    title="Dẫn chiếu văn bản, điều khoản đã hết hiệu lực",
    title_en="Reference to a repealed, replaced or expired document or provision",
    ground=_REVIEW_GROUND,
    ground_en=_REVIEW_GROUND_EN,
)
def reference_expired(ctx: RuleContext) -> Iterator[Hit]:
    seen: set[tuple] = set()
    for r in ctx.refs:
        target = r.target.doc
        if r.relation not in ("cites", "guides") or not target or r.target.self or r.unit == "preamble":
            continue
        if r.rule.endswith(_HISTORY_RULES) or (r.doc, r.unit, target) in ctx.instructions:
            continue  # an amendment chain, a name inside a title, or the words of an amending instruction
        if not _DATED.search(r.text):
            continue  # "theo quy định của Luật Bảo hiểm xã hội": whichever law is in force (a dynamic reference)
        if r.unit and ctx.engine.of(f"{r.doc}#{r.unit}", ctx.at).status not in _LIVE:
            continue  # the citing provision has itself been repealed
        units = [u for u in _units(r) if u]
        nodes = [f"{target}#{u}" for u in units] or [target]
        issued = ctx.docs[r.doc].issued or ""
        for node in nodes:
            st = ctx.engine.of(node, ctx.at)
            if st.status != "expired":
                continue
            ending = _ending(st.because)
            if ending is None or not ending.date or ending.date <= issued:
                continue  # ended before the citing document was written: a deliberate (transitional) mention
            if ending.doc == r.doc:
                continue  # the act that ends it names it in its own transitional provisions
            text = ctx.text_of(r.doc, r.unit, r.part)
            sentence = sentence_around(text, r.start, r.end)
            lead_in = _lead_in(ctx, r.doc, r.unit)
            if _TRANSITION.search(sentence) or _TRANSITION.search(lead_in):
                continue
            key = (r.doc, r.unit, node)
            if key in seen:
                continue
            seen.add(key)
            what = node.replace("#", " ")
            yield _ref_hit(
                ctx,
                r,
                f"Dẫn chiếu {what} đã hết hiệu lực từ ngày {ending.date} ({_by(ending)}).",
                f"Cites {what}, no longer in force since {ending.date} ({ending.relation} by {ending.doc}).",
                (Evidence(target, node.partition("#")[2] or None, "cites", None), ending),
                0.9,
                sentence,
            )


def _units(r: Reference) -> list[str]:
    return list(r.target.units)


@rule(
    "OUT-REF-AMENDED",
    kind="outdated",
    severity="low",
    action="review",
    title="Dẫn chiếu điều khoản đã được sửa đổi sau khi ban hành",
    title_en="Reference to a provision amended after the citing document was issued",
    ground=_REVIEW_GROUND,
    ground_en=_REVIEW_GROUND_EN,
)
def reference_amended(ctx: RuleContext) -> Iterator[Hit]:
    seen: set[tuple] = set()
    for r in ctx.refs:
        target = r.target.doc
        if r.relation not in ("cites", "legal_basis") or not target or r.target.self:
            continue
        issued = ctx.docs[r.doc].issued or ""
        for u in _units(r):
            node = f"{target}#{u}"
            later = [
                a
                for a in ctx.timelines.amended.get(node, ())
                if a.date and issued < a.date <= ctx.at and a.doc != r.doc
            ]
            if not later or (r.doc, node) in seen:
                continue
            seen.add((r.doc, node))
            a = later[-1]
            yield _ref_hit(
                ctx,
                r,
                f"{unit_citation(u)} của {target} được {a.doc} sửa đổi từ ngày {a.date}, sau khi văn bản này "
                "ban hành: cần rà soát nội dung dẫn chiếu còn phù hợp không.",
                f"{u} of {target} was amended by {a.doc} from {a.date}, after this document was issued; check "
                "that the reference still fits.",
                (Evidence(target, u, "cites", None), Evidence(a.doc, a.unit, a.relation, a.date)),
                0.7,
            )


@rule(
    "OUT-REF-DANGLING",
    kind="quality",
    severity="low",
    action="review",
    title="Dẫn chiếu đến điều khoản không tồn tại",
    title_en="Reference to a provision the cited document does not have",
    ground="Luật 64/2025/QH15 Điều 8 khoản 3 (phải xác định rõ điều, khoản, điểm được dẫn chiếu, sửa đổi)",
    ground_en="Law 64/2025/QH15 Art. 8(3): provisions referred to must be identified precisely",
)
def reference_dangling(ctx: RuleContext) -> Iterator[Hit]:
    for r in ctx.refs:
        missing = list(r.target.missing_units)
        if (
            r.target.status != "present"
            or not missing
            or r.relation not in ("cites", "legal_basis", "guides")
        ):
            continue
        if r.target.self or (r.doc, r.unit, r.target.doc) in ctx.instructions:
            continue  # inside one document, or in an amending instruction's new text, units are new or renumbered
        if any(m.startswith("phu_luc") for m in missing) or "Phụ lục" in r.text:
            continue  # annexes are numbered loosely (sections, tables); the parser does not split them
        yield _ref_hit(
            ctx,
            r,
            f"{r.target.doc} không có {', '.join(unit_citation(m) for m in missing)} như được dẫn chiếu.",
            f"{r.target.doc} has no {', '.join(missing)} as cited.",
            (Evidence(r.target.doc, missing[0], r.relation, None),),
            0.55,
        )


@rule(
    "OUT-DETAIL-PARENT-EXPIRED",
    kind="outdated",
    severity="high",
    action="repeal",
    title="Văn bản quy định chi tiết của văn bản đã hết hiệu lực",
    title_en="Detailing document of an expired parent",
    ground="Luật 80/2015/QH13 Điều 154 khoản 3; Luật 64/2025/QH15 Điều 57 khoản 2",
    ground_en="Law 80/2015/QH13 Art. 154(3); Law 64/2025/QH15 Art. 57(2)",
)
def detailing_parent_expired(ctx: RuleContext) -> Iterator[Hit]:
    for doc, parents in ctx.timelines.details.items():
        info = ctx.timelines.docs.get(doc)
        if info is None or not info.in_corpus or info.type in ("Văn bản hợp nhất", "Đề mục pháp điển"):
            continue
        st = ctx.engine.document(doc, ctx.at)
        for reason in st.because:
            if reason.kind not in ("parent_expired", "parent_expired_continues"):
                continue
            link = parents.get(reason.target)
            row = next(
                (
                    r
                    for r in ctx.snapshot.references_of(doc)
                    if r.relation == "guides" and r.target.doc == reason.target
                ),
                None,
            )
            continues = reason.kind == "parent_expired_continues"
            yield Hit(
                doc,
                row.unit if row else None,
                row.start if row else 0,
                row.end if row else 0,
                row.text if row else (link.text if link else reason.target or ""),
                (
                    f"Văn bản quy định chi tiết {reason.target}, văn bản này đã hết hiệu lực từ ngày {reason.date} "
                    f"(bị {reason.doc} {_VI_ACT.get(reason.relation or '', reason.relation or '')}). "
                    + (
                        "Theo quy tắc áp dụng, văn bản chi tiết vẫn tiếp tục có hiệu lực nếu không trái: cần rà soát."
                        if continues
                        else "Văn bản chi tiết hết hiệu lực theo: cần công bố hết hiệu lực hoặc thay thế."
                    )
                ),
                f"It details {reason.target}, which ended on {reason.date} ({reason.relation} by {reason.doc}); "
                + (
                    "under the rule for that date it continues where not contrary: review it."
                    if continues
                    else "it ends with it: announce its expiry or replace it."
                ),
                (
                    Evidence(reason.target, None, "guides", None),
                    Evidence(reason.doc, reason.unit, reason.relation, reason.date, reason.rule),
                ),
                0.85 if not continues else 0.7,
                None,
                action="review" if continues else "repeal",
                severity="medium" if continues else "high",
            )


def _already_replaced(ctx: RuleContext, doc: str, eid: str | None, words: str) -> bool:
    """An amending instruction in force on this unit (or above it) already replaced these words ("thay cụm từ
    “Tổng cục Hải quan” bằng …"): the old name is not a finding any more."""
    quoted = f"“{words}”"
    nodes = [doc] + ([f"{doc}#{a}" for a in ctx.timelines.ancestors(doc, eid)] if eid else [])
    return any(
        quoted in _acting_text(ctx, a.doc, a.unit)
        for node in nodes
        for a in ctx.timelines.amended.get(node, ())
        if a.date and a.date <= ctx.at
    )


_ISSUER_OF_CITED = re.compile(
    r"(?:số\s+\d+[^\s]*/\d{4}/[^\s,;]+|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|ngày\s+\d{1,2}/\d{1,2}/\d{4})"
    r"[^.;:]{0,40}?\s+của\s+(?:(?:Bộ\s+trưởng|Thủ\s+trưởng|Chủ\s+tịch|Tổng\s+cục\s+trưởng)\s+)?$",
    re.IGNORECASE,
)
_PAST_ACT_BY = re.compile(r"(?:đã\s+(?:được|do|bị)|đã\s+được\s+[\wÀ-ỹ]+)\s*$", re.IGNORECASE)
_ENDING_WORDS = re.compile(
    r"bãi\s+bỏ|hết\s+hiệu\s+lực|(?:được\s+)?cấp\s+trước\s+ngày|trước\s+ngày\s+[^.;]{0,40}có\s+hiệu\s+lực"
    r"|trước\s+khi\s+(?:sắp\s+xếp|hợp\s+nhất|sáp\s+nhập)|chuyển\s+tiếp",
    re.IGNORECASE,
)


_KIND_HINTS = {
    "general_department": "tong cuc",
    "district_office": "phong",
    "court": "toa an",
    "procuracy": "vien kiem sat",
    "police": "cong an",
    "commune_level": "thi tran",
}
_FORMER = re.compile(r"(?<![\wÀ-ỹ])nguyên\s+(?:[\wÀ-ỹ]+\s+){0,5}$", re.IGNORECASE)
_GRADE = re.compile(
    r"và\s+tương\s+đương|cấp\s+bậc|chức\s+vụ\s+tương\s+đương|lãnh\s+đạo\s+cấp\s+phòng", re.IGNORECASE
)


def _hint(entry: dict) -> str | None:
    """Words (accent-folded, lower case) a unit must contain for the entry's pattern to be worth running: the
    patterns are many and the units thousands. ``None`` runs it everywhere."""
    name = fold(entry["name"]).lower()
    if entry["kind"] == "province":
        return name.removeprefix("tinh ").split(" - ")[0].strip() or None
    if entry["kind"] in ("ministry", "provincial_department") and " va " in name:
        return name.rsplit(" va ", 1)[-1].strip() or None
    if entry["kind"] == "district_level":
        return None if "huyen" not in name else "huyen"
    return _KIND_HINTS.get(entry["kind"])


def _rewritten(ctx: RuleContext, doc: str, eid: str) -> bool:
    """The unit (or one above it) was replaced as a whole ("… như sau: “…”") by an amendment in force."""
    for a in ctx.timelines.ancestors(doc, eid):
        for r in ctx.timelines.amended.get(f"{doc}#{a}", ()):
            if (
                r.kind == "unit_amended"
                and r.relation in ("amends", "replaces")
                and r.date
                and r.date <= ctx.at
            ):
                if "như sau" in _acting_text(ctx, r.doc, r.unit):
                    return True
    return False


def _acting_text(ctx: RuleContext, doc: str | None, unit: str | None) -> str:
    return ctx.unit_text(doc, unit)


def _excluded(text: str, m: re.Match[str], excludes: list[re.Pattern[str]]) -> bool:
    """An entry's ``exclude`` patterns name legitimate contexts: a match lying inside one is not a finding."""
    lo = max(0, m.start() - 160)
    window = text[lo : m.end() + 160]
    return any(
        em.start() + lo <= m.start() and m.end() <= em.end() + lo
        for x in excludes
        for em in x.finditer(window)
    )


def _lexicon_hits(ctx: RuleContext, name: str) -> Iterator[tuple]:
    """(unit, match, entry) for every lexicon entry obsolete on the date, outside excluded contexts and outside
    the words of amending instructions; the same entry once per unit."""
    entries = [e for e in lexicon(name)["entries"] if e["obsolete_from"] <= ctx.at]
    compiled = [
        (e, re.compile(e["pattern"]), [re.compile(x) for x in e.get("exclude", ())], _hint(e))
        for e in entries
    ]
    for unit in ctx.units:
        text = unit.text
        if not text or _rewritten(ctx, unit.doc, unit.eid):
            continue  # empty, or replaced as a whole by an amendment in force: its old words are gone
        issued = ctx.docs[unit.doc].issued if unit.doc in ctx.docs else None
        folded = fold(text).lower()
        seen: set[str] = set()
        taken: list[tuple[int, int]] = []
        # Longest names first: "Chủ tịch Ủy ban nhân dân cấp huyện" is one finding, not three.
        matches = sorted(
            (
                (m, entry, excludes)
                for entry, pattern, excludes, hint in compiled
                if (hint is None or hint in folded) and not (issued and issued >= entry["obsolete_from"])
                for m in pattern.finditer(text)
            ),
            key=lambda x: (-(x[0].end() - x[0].start()), x[0].start()),
        )
        for m, entry, excludes in matches:
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            # Whatever is decided about the longest name at a place holds for the shorter names inside it.
            taken.append((m.start(), m.end()))
            if entry["id"] in seen:
                continue  # the name again: one finding per unit
            if _excluded(text, m, excludes) or in_edited_words(text, m.start()):
                continue
            if _already_replaced(ctx, unit.doc, unit.eid, m.group(0)):
                continue
            if _FORMER.search(text, max(0, m.start() - 60), m.start()) or _GRADE.search(
                sentence_around(text, m.start(), m.end())
            ):
                continue  # "nguyên Tổng cục trưởng", "… và tương đương": a former post or a grade, not a body
            if _PAST_ACT_BY.search(text, max(0, m.start() - 30), m.start()):
                continue  # "đã được Bộ Nông nghiệp và Phát triển nông thôn phê duyệt": something done in the past
            if _ISSUER_OF_CITED.search(text, max(0, m.start() - 160), m.start()):
                continue  # "Thông tư số 10/2010/TT-BTTTT … của Bộ trưởng Bộ Thông tin …": an old document's issuer
            sentence = sentence_around(text, m.start(), m.end())
            if _ENDING_WORDS.search(sentence) or _ENDING_WORDS.search(_lead_in(ctx, unit.doc, unit.eid)):
                continue  # a repeal list or a transitional provision names the old body on purpose
            seen.add(entry["id"])
            yield unit, m, entry


def _successor_vi(e: dict) -> str:
    successor = e.get("successor")
    if e["kind"] in ("court", "procuracy", "police"):
        hint = f" (gợi ý: “{successor}”)" if successor else ""
        return f"; cấp huyện của cơ quan này không còn: cần xác định đơn vị kế thừa{hint}."
    if e["kind"] in ("district_level", "district_office", "commune_level"):
        # No single successor: the task goes to the commune or to the province depending on what it is.
        return "; nhiệm vụ chuyển cho chính quyền cấp xã hoặc cấp tỉnh tùy nội dung: cần xác định cơ quan, cấp kế thừa."
    if e.get("relation") == "split_into" or e.get("successor_note"):
        return (
            "; chức năng được phân cho nhiều cơ quan: cần xác định cơ quan kế thừa theo lĩnh vực"
            f" (chủ yếu: “{successor}”)."
        )
    return f"; đề xuất thay bằng “{successor}”." if successor else "; cần xác định cơ quan kế thừa."


_BARE_LEVEL_WORDS = ("cap_huyen", "quan_huyen", "thanh_pho_thuoc_tinh", "thi_tran", "xa_phuong_thi_tran")


def _name_confidence(ctx: RuleContext, doc: str, e: dict) -> float:
    """Verified facts count more; a document written after the name became obsolete more likely uses it on
    purpose (a transition, a history, another sense of the word)."""
    confidence = 0.92 if e["verified"] in ("V", "V2") else 0.8
    if e["id"] in _BARE_LEVEL_WORDS:
        confidence = (
            0.55  # "cấp huyện" alone also names ranks and the levels of other bodies (unions, insurance)
        )
    issued = ctx.docs[doc].issued if doc in ctx.docs else None
    if issued and issued >= e["obsolete_from"]:
        confidence *= 0.7
    return round(confidence, 3)


def _place_confidence(ctx: RuleContext, doc: str, eid: str | None, confidence: float) -> float:
    """Less sure in annexes (forms are often replaced wholesale) and in documents the source says are partly
    expired (some of their words no longer apply, and the amending act may be outside the corpus)."""
    if eid and eid.startswith("phu_luc"):
        confidence *= 0.6
    row = ctx.docs.get(doc)
    if doc in ctx.amended_outside:
        confidence *= 0.55
    elif row is not None and row.stated_status == "Hết hiệu lực một phần":
        confidence *= 0.85
    return round(confidence, 3)


_HIGH_KINDS = ("ministry", "general_department", "district_level", "provincial_department", "district_office")


@rule(
    "OUT-ABOLISHED-BODY",
    kind="outdated",
    severity="high",
    action="amend",
    title="Tên cơ quan, cấp hành chính không còn tồn tại sau sắp xếp năm 2025",
    title_en="Names a body or level of government abolished by the 2025 reorganisation",
    ground="Nghị quyết 176/2025/QH15, Nghị quyết 190/2025/QH15, Nghị quyết 202/2025/QH15, Luật 72/2025/QH15",
    ground_en="Resolutions 176/2025/QH15, 190/2025/QH15, 202/2025/QH15; Law 72/2025/QH15 on local government",
)
def abolished_body(ctx: RuleContext) -> Iterator[Hit]:
    for unit, m, e in _lexicon_hits(ctx, "reorganisation"):
        successor = e.get("successor")
        yield Hit(
            unit.doc,
            unit.eid,
            m.start(),
            m.end(),
            m.group(0),
            f"“{m.group(0)}” không còn tồn tại từ ngày {e['obsolete_from']} ({e['ground']})"
            + _successor_vi(e),
            f"“{m.group(0)}” no longer exists since {e['obsolete_from']} ({e['relation']})"
            + (f"; suggest “{successor}”." if successor else "; the successor must be determined.")
            + (f" {e['successor_note']}" if e.get("successor_note") else ""),
            (
                Evidence(
                    None,
                    None,
                    e["relation"],
                    e["obsolete_from"],
                    f"{e['name']} → {successor or '?'}; {e['ground']} [{e['verified']}]",
                ),
            ),
            _place_confidence(ctx, unit.doc, unit.eid, _name_confidence(ctx, unit.doc, e)),
            sentence_around(unit.text, m.start(), m.end()),
            # Words in a document amended outside the corpus may already be gone: not a high-severity finding.
            severity="high" if e["kind"] in _HIGH_KINDS and unit.doc not in ctx.amended_outside else "medium",
        )


@rule(
    "OUT-OBSOLETE-PAPER",
    kind="outdated",
    severity="medium",
    action="amend",
    title="Giấy tờ không còn được cấp (sổ hộ khẩu, chứng minh nhân dân)",
    title_en="Papers no longer issued (household book, old identity card)",
    ground="Luật Cư trú 68/2020/QH14 Điều 38 khoản 3; Luật Căn cước 26/2023/QH15",
    ground_en="Law on Residence 68/2020/QH14 Art. 38(3); Law on Identity 26/2023/QH15",
)
def obsolete_paper(ctx: RuleContext) -> Iterator[Hit]:
    for unit, m, e in _lexicon_hits(ctx, "obsolete_papers"):
        successor = e.get("successor")
        yield Hit(
            unit.doc,
            unit.eid,
            m.start(),
            m.end(),
            m.group(0),
            f"“{m.group(0)}” không còn được sử dụng từ ngày {e['obsolete_from']} ({e['ground']})"
            + (f"; đề xuất thay bằng {successor}." if successor else "."),
            f"“{m.group(0)}” is no longer issued or used since {e['obsolete_from']}"
            + (f"; suggest {successor}." if successor else "."),
            (Evidence(None, None, e["relation"], e["obsolete_from"], f"{e['ground']} [{e['verified']}]"),),
            _place_confidence(ctx, unit.doc, unit.eid, _name_confidence(ctx, unit.doc, e)),
            sentence_around(unit.text, m.start(), m.end()),
        )


_DEADLINE = re.compile(
    r"(?:(?:đến|trước|chậm\s+nhất(?:\s+là)?|trong)\s+(?:hết\s+)?(?:năm\s+(?P<y>(?:19|20)\d{2})\b"
    r"|ngày\s+(?P<d>\d{1,2})\s*(?:tháng\s+|/)(?P<m>\d{1,2})\s*(?:năm\s+|/)(?P<y2>(?:19|20)\d{2})))",
    re.IGNORECASE,
)
_OBLIGATION = re.compile(r"có\s+trách\s+nhiệm|phải|hoàn\s+thành", re.IGNORECASE)
_TARGET_BEFORE = re.compile(r"(?:hoàn\s+thành|phấn\s+đấu|mục\s+tiêu|đạt)[^.;]{0,60}$", re.IGNORECASE)
_NOT_A_DEADLINE = re.compile(
    r"ban\s+hành|có\s+hiệu\s+lực|ký|của\s+(?:Chính\s+phủ|Bộ|Quốc\s+hội|Thủ\s+tướng)|thành\s+lập|số\s+\d", re.I
)


@rule(
    "OUT-PAST-DEADLINE",
    kind="outdated",
    severity="low",
    action="review",
    title="Thời hạn, mục tiêu đã qua",
    title_en="Deadline or target date already past",
    ground=_REVIEW_GROUND,
    ground_en=_REVIEW_GROUND_EN,
)
def past_deadline(ctx: RuleContext) -> Iterator[Hit]:
    for unit in ctx.units:
        for m in _DEADLINE.finditer(unit.text):
            if m["y"]:
                when = f"{m['y']}-12-31"
            else:
                try:
                    when = f"{int(m['y2']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
                except ValueError:
                    continue
            if when >= ctx.at:
                continue
            sentence = sentence_around(unit.text, m.start(), m.end())
            after = unit.text[m.end() : m.end() + 30]
            before = unit.text[max(0, m.start() - 80) : m.start()]
            if _NOT_A_DEADLINE.match(after.strip()):
                continue
            # A deadline, not a condition on the past ("giấy phép được cấp trước ngày 01/7/2025"): the date opens
            # the clause and an obligation follows, or it is "chậm nhất", or a target verb leads to it.
            clause_start = not re.sub(
                r"^[\s\d.a-zđ)]*", "", before.rsplit("\n", 1)[-1].rsplit(".", 1)[-1].strip()
            )
            opens = clause_start and _OBLIGATION.search(unit.text, m.end(), m.end() + 200)
            if not (opens or m.group(0).lower().startswith("chậm") or _TARGET_BEFORE.search(before)):
                continue
            if re.search(r"ngày\s+\d", m.group(0)) and re.match(r"\s*(?:của|về|quy\s+định)", after):
                continue  # "trước ngày 01/7/2016 của Chính phủ": a date in a document's name
            yield Hit(
                unit.doc,
                unit.eid,
                m.start(),
                m.end(),
                m.group(0),
                f"Mốc thời gian “{m.group(0)}” đã qua ({when} trước ngày {ctx.at}): cần rà soát quy định còn phù hợp.",
                f"The time mark “{m.group(0)}” has passed ({when}); review whether the provision still applies.",
                (),
                0.7,
                sentence,
            )


@rule(
    "OUT-STATUS-DISAGREES",
    kind="quality",
    severity="medium",
    action="review",
    title="Tình trạng hiệu lực ghi trên nguồn khác với kết quả tính toán",
    title_en="Stated status disagrees with the computed status",
    ground="Nghị định 52/2015/NĐ-CP (Cơ sở dữ liệu quốc gia về pháp luật phải cập nhật tình trạng hiệu lực)",
    ground_en="Decree 52/2015/NĐ-CP: the national legal database must keep statuses current",
)
def status_disagrees(ctx: RuleContext) -> Iterator[Hit]:
    for doc, info in ctx.timelines.docs.items():
        if not info.in_corpus or not info.stated_label:
            continue
        st = ctx.engine.document(doc, ctx.at)
        stated = stated_status(info.stated_label)
        if stated in (None, "unknown") or st.status in ("unknown", stated):
            continue
        acts = [r for r in st.because if r.doc and r.doc != doc]
        if not acts:
            continue  # only the passing of time: the source's status is a snapshot of the day it was saved
        if st.status == "in_force" and stated in ("expired", "partly_expired"):
            continue  # the deciding act may be outside the corpus: nothing to show
        title = info.title or ""
        ev = tuple(Evidence(r.doc, r.unit, r.relation or r.kind, r.date) for r in acts[:3])
        yield Hit(
            doc,
            None,
            0,
            len(title),
            title,
            f"Nguồn ghi “{info.stated_label}” nhưng tính đến ngày {ctx.at} văn bản "
            f"“{_LABEL[st.status]}”" + (f" (do {acts[0].doc}, từ ngày {acts[0].date})" if acts else "") + ".",
            f"The source states “{info.stated_label}”, the computed status on {ctx.at} is {st.status}.",
            ev,
            0.85,
            title,
        )


_LABEL = {
    "not_yet_in_force": "chưa có hiệu lực",
    "in_force": "còn hiệu lực",
    "partly_expired": "hết hiệu lực một phần",
    "expired": "hết hiệu lực toàn bộ",
    "suspended": "ngưng hiệu lực",
    "unknown": "chưa xác định",
}
