"""Resolve → relation: what the text around a reference says the acting document does to it.

The rules are data (review/data/annotate/relations.json), applied in this order:

1. A reference named in another document's title is a plain citation: in "Nghị định số 105/2006/NĐ-CP … của
   Chính phủ quy định chi tiết … Luật Sở hữu trí tuệ", the law is part of the decree's name, not something
   this text details ("title mention").
2. In a "Căn cứ" line of the preamble, the documents the line names (each ";" item's head, and the documents of
   its amendment chain "… được sửa đổi, bổ sung bởi …") are the legal basis.
3. "<document> … hết hiệu lực …": the documents that head the clause expire (a repeal stated by the acting
   document); the laws of their amendment chain are only cited.
4. Otherwise the nearest trigger before the reference in the same clause decides ("bãi bỏ", "sửa đổi, bổ
   sung", "thay thế cụm từ", "quy định chi tiết" …), unless a blocker stands between ("theo quy định tại",
   "như sau:" …) or the trigger is passive ("được sửa đổi bởi"). A list item with no trigger takes the one of
   its lead-in line ("Bãi bỏ các văn bản sau đây:").
5. Without any of these, the reference is a plain citation (``cites``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from review.annotate.find import Found
from review.annotate.lexicon import load

_QUOTED = re.compile(r"[“\"«][^”\"»]{0,400}[”\"»]")
# A clause ends at a line break, a colon, or a sentence-final period (not the dots of "100.000" or "Điều 5.1").
_CLAUSE_END = re.compile(r"\n|:|\.(?=\s+[A-ZĐÂĂÊÔƠƯ“\"])")
_SENTENCE_END = re.compile(r"\n|\.(?=\s+[A-ZĐÂĂÊÔƠƯ“\"]|\s*$)")
WINDOW = 1200
_LIST_GAP = re.compile(r"^\s*(?:,|và|hoặc)\s*(?:và\s+|hoặc\s+)?$")
# A semicolon ends a list item, except where a trích yếu goes on with another of its verbs: "Nghị định số 152/2025/
# NĐ-CP … quy định về phân cấp … trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một
# số điều của Luật Thi đua, khen thưởng" is one title.
# Only "… một số điều của": a scope article's own next object names its units ("…; hướng dẫn thi hành khoản 3 Điều 5
# Luật X" is guided), a title speaks of "some articles".
ITEM_SEMICOLON = re.compile(
    r";(?!\s*(?:quy\s+định|hướng\s+dẫn)\s+(?:chi\s+tiết|thi\s+hành)(?:\s+và\s+hướng\s+dẫn\s+thi\s+hành)?"
    r"\s+một\s+số\s+điều\s+của)",
    re.IGNORECASE,
)


def last_item_semicolon(text: str, lo: int, hi: int) -> int:
    """The last semicolon in ``text[lo:hi]`` that ends a list item, or -1."""
    at = -1
    for m in ITEM_SEMICOLON.finditer(text, lo, hi):
        at = m.start()
    return at


_PARTIAL_VERBS = frozenset({"repeals", "replaces", "supplements"})
_SOME_UNITS_OF = re.compile(
    r"(?:một\s+số|các|một)\s+(?:điều|khoản|điểm|chương|nội\s+dung|quy\s+định)(?:[^.;:]{0,120}?)\s+của"
    # "… MỘT SỐ ĐIỀU CỦA THÔNG TƯ SỐ 22/2013/TT-NHNN": a capital type word the finder leaves out of the span.
    r"(?:\s+(?:luật|bộ\s+luật|nghị\s+định|thông\s+tư|nghị\s+quyết|quyết\s+định|pháp\s+lệnh)(?:\s+số)?)?\s*$",
    re.IGNORECASE,
)
_PHRASE_POSITION = re.compile(r"(?:vào\s+)?(?:sau|trước|cuối)\s+(?:các\s+)?cụm\s+từ", re.IGNORECASE)
_PASSIVE = re.compile(r"(?:được|bị|đã\s+được|đã\s+bị)\s*$", re.IGNORECASE)


# The data file's single-pattern rules, each with the id that names the references it decides.
_SINGLE_RULES = ("legal_basis_line", "blockers", "delegation", "title_words", "amendment_chain", "expires")


@cache
def _rules():
    data = load("relations")
    # Each trigger is a named group of one alternation, named by its id, so a match says which trigger it was.
    combined = "|".join(f"(?P<{t['id']}>{t['pattern']})" for t in data["triggers"])
    return {
        "basis": re.compile(data["legal_basis_line"]["pattern"], re.IGNORECASE | re.MULTILINE),
        "triggers": re.compile(combined, re.IGNORECASE),
        "relations": {t["id"]: t["relation"] for t in data["triggers"]},
        "after": [(a["relation"], re.compile(a["pattern"], re.IGNORECASE)) for a in data["after"]],
        "blockers": re.compile(data["blockers"]["pattern"], re.IGNORECASE),
        "delegation": re.compile(data["delegation"]["pattern"], re.IGNORECASE),
        "title_words": re.compile(data["title_words"]["pattern"], re.IGNORECASE),
        "chain": re.compile(data["amendment_chain"]["pattern"], re.IGNORECASE),
        "expires": re.compile(data["expires"]["pattern"], re.IGNORECASE),
        "instrument_of": re.compile(data["instrument_of"]["pattern"], re.IGNORECASE),
        "ids": {key: data[key]["id"] for key in _SINGLE_RULES},
    }


def rule_name(key: str) -> str:
    """The ``rule`` of a reference decided by the data file's single-pattern rule ``key`` ("title_words" →
    "relation.title_mention"): "relation." and the rule's id."""
    return f"relation.{_rules()['ids'][key]}"


def _trigger_relation(m: re.Match[str]) -> str:
    """The relation of the trigger that ``m`` (a match of the combined triggers) matched."""
    return _rules()["relations"][m.lastgroup]


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


_ITEM_END = frozenset(";.:")


def logical_line_start(text: str, pos: int, max_lines: int = 12) -> int:
    """The start of the line ``pos`` is in, counting a line wrapped by the source (PDF text, "Căn cứ Nghị định số
    78/2025/NĐ-CP của Chính phủ\nquy định …") as part of the line it continues: a line continues the one before
    when that one does not end an item (";", ".", ":")."""
    start = line_start(text, pos)
    for _ in range(max_lines):
        if start == 0:
            break
        before = text[max(0, start - 200) : start - 1].rstrip()
        if not before or before[-1] in _ITEM_END:
            break
        start = line_start(text, start - 1)
    return start


def clause_start(text: str, pos: int) -> int:
    lo = max(0, pos - WINDOW)
    last = lo
    for m in _CLAUSE_END.finditer(text, lo, pos):
        last = m.end()
    return last


def sentence_end(text: str, pos: int) -> int:
    """Where the sentence that ``pos`` is in ends, looking no further than ``WINDOW`` characters."""
    limit = min(len(text), pos + WINDOW)
    m = _SENTENCE_END.search(text, pos, limit)
    return m.start() if m else limit


def is_legal_basis_line(text: str, pos: int) -> bool:
    start = logical_line_start(text, pos)
    return bool(_rules()["basis"].match(text, start, pos))


def _is_doc(f: Found) -> bool:
    return f.doc is not None and not f.doc.self


def _role(text: str, i: int, founds: Sequence[Found], memo: dict[int, str] | None = None) -> str:
    """ "head", "chain" or "title" for the i-th reference, by what stands between it and the previous named
    document of the same ";"-item. ``memo`` keeps the roles already found for these ``founds``."""
    if memo is None:
        memo = {}
    if i not in memo:
        memo[i] = _role_of(text, i, founds, memo)
    return memo[i]


def _role_of(text: str, i: int, founds: Sequence[Found], memo: dict[int, str]) -> str:
    rules = _rules()
    f = founds[i]
    item_start = max(
        last_item_semicolon(text, max(0, f.start - WINDOW), f.start),
        logical_line_start(text, f.start) - 1,
        clause_start(text, f.start) - 1,
    )
    j = prev_doc(founds, i, item_start)
    if j is None:
        return "head"
    prev = founds[j]
    if _inside_title(founds, i):
        return "title"
    gap = text[prev.end : f.start]
    if _LIST_GAP.match(gap):
        # "… theo Luật số B, Luật số C và Luật số D": a list continues its first member's role.
        return _role(text, j, founds, memo)
    if rules["chain"].search(gap):
        return "chain"
    cut = _last_conjunction(gap)
    verb = rules["triggers"].search(gap[cut:]) if cut else None
    if verb and not (_trigger_relation(verb) == "guides" and rules["title_words"].search(gap[:cut])):
        # "… thay thế Thông tư số A về … và bãi bỏ Điều 2 Thông tư số B": a new verb, a new object. But in
        # "… của Chính phủ quy định chi tiết và hướng dẫn thi hành … Luật Phí và lệ phí" the second verb
        # continues the first document's title.
        return "head"
    if rules["title_words"].search(gap):
        # After the previous member's title, "và"/"," + a document starts the next member of a list.
        if _ENDS_WITH_CONJUNCTION.search(gap) and _role(text, j, founds, memo) in ("head", "next"):
            return "next"
        return "title"
    return "head"


def _inside_title(founds: Sequence[Found], i: int) -> bool:
    """Whether the i-th reference lies inside an earlier one's span: a numbered law in the title of an amending
    law named by title and date (find._numbered_inside), the only references that overlap."""
    f = founds[i]
    for k in range(i - 1, -1, -1):
        e = founds[k]
        if e.end <= f.start and e.start < f.start - WINDOW:
            return False
        if _is_doc(e) and e.start < f.start and f.end <= e.end:
            return True
    return False


def prev_doc(founds: Sequence[Found], i: int, after: int) -> int | None:
    """The index of the last named document before the i-th reference that ends after ``after`` (the references
    are in text order and only the laws inside an amending title overlap, so the search stops at the first one
    ending before)."""
    for j in range(i - 1, -1, -1):
        p = founds[j]
        if p.end <= after:
            return None
        if _is_doc(p):
            return j
    return None


_CONJUNCTION = re.compile(r"(?:\s+và\s+|,\s+(?!bổ\s+sung)|;\s*)")
_ENDS_WITH_CONJUNCTION = re.compile(r"(?:\s+và|,|;)\s*$")


def _last_conjunction(gap: str) -> int:
    ends = [m.end() for m in _CONJUNCTION.finditer(gap)]
    return ends[-1] if ends else 0


# "Luật sửa đổi, bổ sung một số điều của 15 luật trong lĩnh vực … gồm Luật A số …; Luật B số …": a generic amending
# law lists the laws it amends after "gồm" (REFERENCE-CONVENTIONS.md, amends: each law named is amended).
_GENERIC_LIST = re.compile(
    r"sửa\s+đổi,?\s+bổ\s+sung\s+một\s+số\s+điều\s+của\s+(?:\d{1,2}|các)\s+luật\s[^.:]{0,200}?\bgồm\s*:?",
    re.IGNORECASE,
)


def _generic_list_end(text: str) -> int:
    """Where the list of a generic amending law's laws starts in ``text`` (-1 when it has none)."""
    m = _GENERIC_LIST.search(text, 0, min(len(text), 600))
    return m.end() if m else -1


def classify_all(
    text: str, founds: Sequence[Found], *, preamble: bool = True, lead_in: str | None = None
) -> list[tuple[str, str]]:
    """The relation of every reference found in ``text``, and the rule that decided it."""
    out: list[tuple[str, str]] = []
    memo: dict[int, str] = {}
    listed_from = _generic_list_end(text) if "gồm" in text else -1
    for i, f in enumerate(founds):
        if (
            listed_from >= 0
            and f.start >= listed_from
            and _is_doc(f)
            and f.doc
            and f.doc.type in ("Luật", "Bộ luật")
        ):
            if _role(text, i, founds, memo) in ("head", "next") and "." not in text[listed_from : f.start]:
                out.append(("amends", "relation.generic_amending_list"))
                continue
        if _is_doc(f) and _role(text, i, founds, memo) == "next":
            # "… thay thế Thông tư số A ngày … quy định …, và Thông tư số B …": the next member of the list
            # the verb governs, after the previous member's title.
            prev = next(
                j
                for j in range(i - 1, -1, -1)
                if _is_doc(founds[j]) and _role(text, j, founds, memo) != "title"
            )
            out.append((out[prev][0], "relation.list_member"))
            continue
        out.append(classify_one(text, i, founds, preamble=preamble, lead_in=lead_in, memo=memo))
    return out


def classify_one(
    text: str,
    i: int,
    founds: Sequence[Found],
    *,
    preamble: bool = True,
    lead_in: str | None = None,
    memo: dict[int, str] | None = None,
) -> tuple[str, str]:
    rules = _rules()
    f = founds[i]
    if (
        f.doc is not None
        and f.doc.self
        and not f.paths
        and not (preamble and is_legal_basis_line(text, f.start))
    ):
        # "Nghị định này" is the acting document itself: it does not amend, guide or repeal itself.
        return "cites", "relation.self"
    role = _role(text, i, founds, memo) if _is_doc(f) else "head"
    role = "head" if role == "next" else role
    if preamble and is_legal_basis_line(text, f.start):
        if role == "title":
            return "cites", rule_name("title_words")
        return "legal_basis", rule_name("legal_basis_line")
    if role == "title":
        return "cites", rule_name("title_words")
    end = sentence_end(text, f.end)
    expiry = rules["expires"].search(text, f.end, end)
    if expiry and (_is_doc(f) or (f.paths and f.doc is None)):
        # Every document named before "hết hiệu lực" in the sentence is its subject, except the laws of an
        # amendment chain ("… đã được sửa đổi, bổ sung theo Luật số B") and names inside titles.
        if role == "chain":
            return "cites", rule_name("amendment_chain")
        return "repeals", rule_name("expires")
    for relation, pattern in rules["after"]:
        if f.doc is not None and f.doc.self:
            break  # "Thông tư này hết hiệu lực …" is the document's own term, not a repeal of anything
        if pattern.match(text, f.end, min(len(text), f.end + 240)):
            return relation, f"relation.after.{relation}"
    lo = clause_start(text, f.start)
    window = text[lo : f.start]
    last = None
    for m in rules["triggers"].finditer(window):
        last = m
    if last is None and lead_in and lo == line_start(text, f.start):
        if rules["expires"].search(lead_in) and role != "chain":
            return "repeals", f"relation.lead_in.{rules['ids']['expires']}"
        for m in rules["triggers"].finditer(lead_in):
            last = m
        if last is not None:
            relation = _trigger_relation(last)
            return relation, f"relation.lead_in.{relation}"
    if last is None:
        return "cites", "relation.default"
    relation = _trigger_relation(last)
    if not f.paths and "cụm" in last.group(0).lower() and relation in ("repeals", "replaces"):
        # "Thay thế, bãi bỏ một số cụm từ của Luật Dữ liệu": words are edited, the law stands (amended).
        return "amends", "relation.phrase_edit"
    if relation in _PARTIAL_VERBS and not f.paths and _SOME_UNITS_OF.search(window[last.start() :]):
        # "Sửa đổi, bổ sung, bãi bỏ một số điều của Luật Lưu trữ số 33/2024/QH15": the law is amended in
        # part (the articles follow), not repealed or replaced as a whole.
        return "amends", "relation.some_units_of"
    if _PASSIVE.search(window[: last.start()]):
        # "Điều 8 được sửa đổi, bổ sung bởi Nghị định X": the text reports what X did; it acts on nothing.
        return "cites", "relation.passive"
    gap = _QUOTED.sub(" ", window[last.end() :])
    if "cụm" in last.group(0).lower():
        # "Bổ sung cụm từ “…” vào sau cụm từ “…” tại khoản 1 Điều 8": the position is a phrase's, the units after
        # "tại" are where the phrase is edited.
        gap = _PHRASE_POSITION.sub(" ", gap)
    blocker = rules["blockers"].search(gap)
    if (
        blocker
        and re.match(r"ban\s+hành\s+kèm\s+theo", blocker.group(0), re.I)
        and rules["instrument_of"].search(gap[: blocker.start()])
    ):
        # "Thay thế, bổ sung một số khoản của Quy chế … ban hành kèm theo Quyết định số 21/2008/QĐ-NHNN": the
        # regulation is the decision's content, the verb acts on the decision.
        blocker = None
    if blocker and relation == "guides" and re.match(r"(?:được\s+)?quy\s+định\s+tại", blocker.group(0)):
        # "Thông tư này hướng dẫn … (được) quy định tại Điều 7": what is guided is what that article lays down.
        blocker = None
    if blocker:
        return "cites", rule_name("blockers")
    if relation == "guides" and rules["delegation"].search(window[max(0, last.start() - 80) : last.end()]):
        return "cites", rule_name("delegation")
    return relation, f"relation.trigger.{relation}"


_JOINED_VERBS = re.compile(r"[\s,;]*(?:và|hoặc)?\s*")
_BY_TRIGGER = ("relation.trigger.", "relation.lead_in.", "relation.phrase_edit", "relation.some_units_of")


def companion_relations(text: str, start: int, relation: str, rule: str, lead_in: str = "") -> list[str]:
    """The other relations of a combined verb (REFERENCE-CONVENTIONS.md: one reference per relation on the same
    span): "Sửa đổi, bổ sung, bãi bỏ một số điều của …" amends and repeals, "Thay thế, bổ sung …" replaces and
    supplements, "Bỏ cụm từ “…” và bổ sung cụm từ “…” tại khoản 2" repeals and supplements. The verbs are those of
    the run that ends at the verb that decided the reference, joined by commas, "và" or "hoặc" (a quoted phrase
    between them left out); a verb of an earlier instruction ("Bãi bỏ Điều 3, sửa đổi Điều 5") is not in the run
    — a reference stands between."""
    if not rule.startswith(_BY_TRIGGER):
        return []
    rules = _rules()
    lo = clause_start(text, start)
    window = text[lo:start]
    found = list(rules["triggers"].finditer(window))
    if not found and lead_in and lo == line_start(text, start):
        window, found = lead_in, list(rules["triggers"].finditer(lead_in))
    if not found:
        return []
    run = [found[-1]]
    for m in reversed(found[:-1]):
        gap = _QUOTED.sub(" ", window[m.end() : run[0].start()])
        if not _JOINED_VERBS.fullmatch(gap):
            break
        run.insert(0, m)
    out = []
    for m in run:
        r = _trigger_relation(m)
        if r != relation and r not in out and r in ("amends", "repeals", "replaces", "supplements"):
            out.append(r)
    if relation == "amends" and rule == "relation.phrase_edit":
        return []  # the words of a document edited in several ways, the document itself amended (one relation)
    return out


def classify(text: str, start: int, end: int, *, preamble: bool = True) -> tuple[str, str]:
    """The relation of one span, for callers that hold no list of references (it is found again here)."""
    from review.annotate.find import find_references

    founds = find_references(text)
    for i, f in enumerate(founds):
        if f.start == start:
            return classify_one(text, i, founds, preamble=preamble)
    return "cites", "relation.default"
