"""The ``lexicon`` shape: names of bodies, levels of government and papers that no longer exist on the date
(data/findings/reorganisation.json, obsolete_papers.json — the lexicon a row ``reads``), and the logic that keeps
their legitimate uses out: excluded contexts, the words of amending instructions, units rewritten since, former
posts and grades, past acts, an old document's issuer, repeal lists and transitional provisions.

A row's messages are templates over the entry (cases ``successor`` and ``no_successor``); the check
``successor_by_kind`` (OUT-ABOLISHED-BODY) assembles its message in code, because the successor clause depends on
the entry's kind, relation and note, and lowers the severity outside the row's ``high_kinds``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from review.dates import vi_date
from review.findings.context import RuleContext, in_edited_words, lexicon, sentence_around
from review.findings.registry import Hit, Rule, check, shape
from review.models import Evidence, UnitRecord
from review.text import fold
from review.vocab import Severity, StatusValue


def _already_replaced(ctx: RuleContext, doc: str, eid: str | None, words: str) -> bool:
    """An amending instruction in force on this unit (or above it) already replaced these words ("thay cụm từ
    “Tổng cục Hải quan” bằng …"): the old name is not a finding any more."""
    quoted = f"“{words}”"
    nodes = [doc] + ([f"{doc}#{a}" for a in ctx.timelines.ancestors(doc, eid)] if eid else [])
    return any(
        quoted in ctx.unit_text(a.doc, a.unit)
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
                if "như sau" in ctx.unit_text(r.doc, r.unit):
                    return True
    return False


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
        folded = ctx.folded_texts.get((unit.doc, unit.eid), "")
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
            if _ENDING_WORDS.search(sentence) or _ENDING_WORDS.search(ctx.lead_in(unit.doc, unit.eid)):
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
    elif row is not None and row.stated_status == StatusValue.PARTLY_EXPIRED.vi:
        confidence *= 0.85
    return round(confidence, 3)


def _name_hit(
    ctx: RuleContext,
    unit: UnitRecord,
    m: re.Match[str],
    e: dict,
    message: tuple[str, str],
    note: str,
    severity: str | None = None,
) -> Hit:
    evidence = (Evidence(None, None, e["relation"], e["obsolete_from"], note),)
    confidence = _place_confidence(ctx, unit.doc, unit.eid, _name_confidence(ctx, unit.doc, e))
    context = sentence_around(unit.text, m.start(), m.end())
    return Hit(
        unit.doc,
        unit.eid,
        m.start(),
        m.end(),
        m.group(0),
        *message,
        evidence,
        confidence,
        context,
        severity=severity,
    )


@shape(
    "lexicon",
    reads=("lexicon",),
    placeholders=("m", "name", "obsolete_from", "successor", "relation", "ground", "verified"),
    cases=("successor", "no_successor"),
)
def lexicon_names(ctx: RuleContext, rule: Rule) -> Iterator[Hit]:
    """A finding per obsolete name and unit; a check, where the row names one, describes the match itself:
    ``refine(ctx, rule, unit, match, entry) -> Hit``."""
    for unit, m, e in _lexicon_hits(ctx, rule.reads["lexicon"]):
        if rule.refine is not None:
            yield rule.refine(ctx, rule, unit, m, e)
            continue
        successor = e.get("successor")
        values = {
            k: e.get(k) for k in ("name", "obsolete_from", "successor", "relation", "ground", "verified")
        }
        message = rule.message("successor" if successor else "no_successor", m=m.group(0), **values)
        yield _name_hit(ctx, unit, m, e, message, f"{e['ground']} [{e['verified']}]")


@check("lexicon", "successor_by_kind", params=("high_kinds",), cases=())
def successor_by_kind(ctx: RuleContext, rule: Rule, unit: UnitRecord, m: re.Match[str], e: dict) -> Hit:
    successor = e.get("successor")
    vi = (
        f"“{m.group(0)}” không còn tồn tại từ ngày {vi_date(e['obsolete_from'])} ({e['ground']})"
        + _successor_vi(e)
    )
    en = (
        f"“{m.group(0)}” no longer exists since {e['obsolete_from']} ({e['relation']})"
        + (f"; suggest “{successor}”." if successor else "; the successor must be determined.")
        + (f" {e['successor_note']}" if e.get("successor_note") else "")
    )
    note = f"{e['name']} → {successor or '?'}; {e['ground']} [{e['verified']}]"
    # Words in a document amended outside the corpus may already be gone: not a high-severity finding.
    high = e["kind"] in rule.params["high_kinds"] and unit.doc not in ctx.amended_outside
    return _name_hit(ctx, unit, m, e, (vi, en), note, rule.severity if high else Severity.MEDIUM)
