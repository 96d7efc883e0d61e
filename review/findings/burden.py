"""Burdensome provisions: what a procedure asks of people and businesses beyond what it needs (domain notes §6).

The signals, their patterns and baselines are data (data/findings/burden.json); each rule here decides what a
match means: the context that makes it a burden, the contexts that cancel it, and how far above the baseline it
is.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache

from review.findings.context import RuleContext, in_edited_words, lexicon, sentence_around
from review.findings.registry import Hit, rule
from review.models import Evidence

_TTHC = "Nghị định 63/2010/NĐ-CP Điều 7 (thủ tục hành chính phải tiết kiệm thời gian và chi phí) và Điều 8"
_TTHC_EN = "Decree 63/2010/NĐ-CP Art. 7 (procedures must save time and cost) and Art. 8 (components)"
_NUMBER_WORDS = {"hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}


@cache
def _signal(code: str) -> dict:
    s = lexicon("burden")["signals"][code]
    return {
        "patterns": [re.compile(p, re.IGNORECASE) for p in s["patterns"]],
        "context": re.compile(s["context"], re.IGNORECASE) if s.get("context") else None,
        "cancel": [re.compile(c, re.IGNORECASE) for c in s.get("cancel", ())],
        "negations": [re.compile(n + r"\s*$", re.IGNORECASE) for n in s.get("negations", ())],
        "source": s["source"],
    }


def _matches(ctx: RuleContext, code: str, *, once_per_unit: bool = True) -> Iterator[tuple]:
    """(unit, match, sentence) for the signal's patterns where its context holds and nothing cancels it."""
    sig = _signal(code)
    for unit in ctx.units:
        text = unit.text
        if not text:
            continue
        found = False
        lead_in = _parent_text(ctx, unit)
        for pattern in sig["patterns"]:
            for m in pattern.finditer(text):
                sentence = sentence_around(text, m.start(), m.end(), limit=600)
                scope = sentence + "\n" + (unit.heading or "")
                if sig["context"] and not sig["context"].search(scope) and not sig["context"].search(lead_in):
                    continue
                if any(c.search(sentence) or c.search(lead_in) for c in sig["cancel"]) or in_edited_words(
                    text, m.start()
                ):
                    continue
                yield unit, m, sentence
                found = True
                if once_per_unit:
                    break
            if found and once_per_unit:
                break


def _parent_text(ctx: RuleContext, unit) -> str:
    """The lead-in of the unit above ("Hồ sơ gồm:") — a dossier item's context is its parent's first line."""
    head, sep, _ = unit.eid.rpartition("__")
    if not sep:
        return ""
    return ctx.unit_texts.get((unit.doc, head), "")[:300]


def _hit(unit, m, sentence, message, message_en, confidence, source, **kw) -> Hit:
    return Hit(
        unit.doc,
        unit.eid,
        m.start(),
        m.end(),
        m.group(0),
        message,
        message_en,
        (Evidence(None, None, "lexicon", None, source),),
        confidence,
        sentence,
        **kw,
    )


@rule(
    "BUR-CERTIFIED-COPY",
    kind="burden",
    severity="medium",
    action="amend",
    title="Yêu cầu bản sao có chứng thực",
    title_en="Certified copies required",
    ground="Nghị định 23/2015/NĐ-CP Điều 6 khoản 1: không được yêu cầu bản sao có chứng thực khi có thể xuất trình "
    "bản chính để đối chiếu",
    ground_en="Decree 23/2015/NĐ-CP Art. 6(1): no certified copy may be required where the original can be shown",
)
def certified_copy(ctx: RuleContext) -> Iterator[Hit]:
    src = _signal("BUR-CERTIFIED-COPY")["source"]
    for unit, m, sentence in _matches(ctx, "BUR-CERTIFIED-COPY"):
        yield _hit(
            unit,
            m,
            sentence,
            f"Yêu cầu “{m.group(0)}”: đề xuất cho phép nộp bản sao hoặc bản chụp kèm bản chính để đối chiếu "
            "(hoặc khai thác dữ liệu điện tử).",
            f"Requires “{m.group(0)}”: allow a plain copy with the original shown for comparison (or data lookup).",
            0.88,
            src,
        )


@rule(
    "BUR-DOSSIER-SETS",
    kind="burden",
    severity="low",
    action="amend",
    title="Nộp nhiều bộ hồ sơ",
    title_en="Several dossier sets",
    ground=_TTHC,
    ground_en=_TTHC_EN,
)
def dossier_sets(ctx: RuleContext) -> Iterator[Hit]:
    src = _signal("BUR-DOSSIER-SETS")["source"]
    for unit, m, sentence in _matches(ctx, "BUR-DOSSIER-SETS"):
        n = int(m.group("n"))
        if n < 2:
            continue
        yield _hit(
            unit,
            m,
            sentence,
            f"Yêu cầu {n} bộ hồ sơ: đề xuất giảm còn 01 bộ (hoặc nộp điện tử).",
            f"Asks for {n} dossier sets: reduce to one (or accept electronic submission).",
            0.85,
            src,
            severity="medium" if n >= 3 else "low",
            parts={"sets": min(1.0, (n - 1) / 4)},
        )


@rule(
    "BUR-TIME-LIMIT",
    kind="burden",
    severity="medium",
    action="amend",
    title="Thời hạn giải quyết dài hơn mức chuẩn",
    title_en="Processing time far above the national baseline",
    ground=_TTHC,
    ground_en=_TTHC_EN,
)
def time_limit(ctx: RuleContext) -> Iterator[Hit]:
    base = lexicon("burden")["baselines"]["time_limit_days"]
    for unit, m, sentence in _matches(ctx, "BUR-TIME-LIMIT", once_per_unit=False):
        n, unit_word = int(m.group("n")), m.group("unit").lower()
        days = n * 30 if unit_word.startswith("tháng") else n
        if days <= base["p90"]:
            continue
        over = days / base["median"]
        yield _hit(
            unit,
            m,
            sentence,
            f"Thời hạn “{m.group(0)}” ({days} ngày) vượt mức 90% thủ tục trên Cổng dịch vụ công quốc gia "
            f"({base['p90']} ngày; trung vị {base['median']} ngày): đề xuất rút ngắn.",
            f"Time limit “{m.group(0)}” ({days} days) is above the national portal's 90th percentile "
            f"({base['p90']} days; median {base['median']}): shorten it.",
            0.8,
            base["source"],
            severity="high" if days >= 2 * base["p90"] else "medium",
            parts={
                "above_baseline": round(min(1.0, (days - base["p90"]) / base["p90"]), 3),
                "x_median": over,
            },
        )


@rule(
    "BUR-COMMUNE-CONFIRMATION",
    kind="burden",
    severity="medium",
    action="amend",
    title="Yêu cầu xác nhận của Ủy ban nhân dân cấp xã",
    title_en="Confirmation by the commune required",
    ground="Công điện 201/CĐ-TTg (22/10/2025): không yêu cầu giấy tờ có dữ liệu trong cơ sở dữ liệu quốc gia; "
    + _TTHC,
    ground_en="Official dispatch 201/CĐ-TTg: do not require papers whose data is in national databases; "
    + _TTHC_EN,
)
def commune_confirmation(ctx: RuleContext) -> Iterator[Hit]:
    src = _signal("BUR-COMMUNE-CONFIRMATION")["source"]
    for unit, m, sentence in _matches(ctx, "BUR-COMMUNE-CONFIRMATION"):
        yield _hit(
            unit,
            m,
            sentence,
            f"Yêu cầu “{m.group(0)}”: đề xuất thay bằng khai thác Cơ sở dữ liệu quốc gia về dân cư / VNeID.",
            f"Requires “{m.group(0)}”: replace with a lookup in the national population database / VNeID.",
            0.9,
            src,
        )


def _simple(code: str, vi: str, en: str, confidence: float):
    def generate(ctx: RuleContext) -> Iterator[Hit]:
        src = _signal(code)["source"]
        for unit, m, sentence in _matches(ctx, code):
            yield _hit(unit, m, sentence, vi.format(m=m.group(0)), en.format(m=m.group(0)), confidence, src)

    return generate


rule(
    "BUR-LICENCE",
    kind="burden",
    severity="low",
    action="review",
    title="Giấy phép, chấp thuận trước",
    title_en="Licence or prior approval",
    ground="Nghị quyết 66/NQ-CP (2025): chuyển từ tiền kiểm sang hậu kiểm; " + _TTHC,
    ground_en="Resolution 66/NQ-CP (2025): move from ex-ante approval to post-inspection; " + _TTHC_EN,
)(
    _simple(
        "BUR-LICENCE",
        "Yêu cầu “{m}”: rà soát sự cần thiết của giấy phép / chấp thuận trước, cân nhắc chuyển sang hậu kiểm.",
        "Requires “{m}”: review whether the prior licence/approval is needed; consider post-inspection.",
        0.7,
    )
)
rule(
    "BUR-BUSINESS-CONDITION",
    kind="burden",
    severity="low",
    action="review",
    title="Điều kiện kinh doanh",
    title_en="Business condition",
    ground="Nghị quyết 68/NQ-CP (2020), Nghị quyết 66/NQ-CP (2025): cắt giảm điều kiện kinh doanh",
    ground_en="Resolutions 68/NQ-CP (2020) and 66/NQ-CP (2025): cut business conditions",
)(
    _simple(
        "BUR-BUSINESS-CONDITION",
        "Điều kiện “{m}”: rà soát sự cần thiết và mức độ của điều kiện kinh doanh.",
        "Condition “{m}”: review whether this business condition is needed and proportionate.",
        0.75,
    )
)
rule(
    "BUR-FEE",
    kind="burden",
    severity="low",
    action="review",
    title="Phí, lệ phí",
    title_en="Fees and charges",
    ground=_TTHC,
    ground_en=_TTHC_EN,
)(
    _simple(
        "BUR-FEE",
        "Thu “{m}”: rà soát mức phí, lệ phí (65,7% thủ tục trên Cổng dịch vụ công quốc gia không thu phí).",
        "Charges “{m}”: review the fee (65.7% of procedures on the national portal are free).",
        0.7,
    )
)
rule(
    "BUR-OPEN-DOSSIER",
    kind="burden",
    severity="medium",
    action="amend",
    title="Thành phần hồ sơ không xác định (giấy tờ khác theo yêu cầu)",
    title_en="Open-ended dossier",
    ground="Nghị định 63/2010/NĐ-CP Điều 8 khoản 2 điểm d: thành phần, số lượng hồ sơ phải được quy định cụ thể",
    ground_en="Decree 63/2010/NĐ-CP Art. 8(2)(d): dossier components must be specified",
)(
    _simple(
        "BUR-OPEN-DOSSIER",
        "“{m}”: thành phần hồ sơ không xác định, đề xuất liệt kê cụ thể hoặc bỏ.",
        "“{m}”: an open-ended dossier item; list the papers or drop it.",
        0.85,
    )
)


@rule(
    "BUR-IN-PERSON",
    kind="burden",
    severity="low",
    action="amend",
    title="Chỉ cho phép nộp, nhận trực tiếp",
    title_en="In-person only",
    ground="Nghị định 45/2020/NĐ-CP (thủ tục hành chính trên môi trường điện tử); " + _TTHC,
    ground_en="Decree 45/2020/NĐ-CP (electronic procedures); " + _TTHC_EN,
)
def in_person(ctx: RuleContext) -> Iterator[Hit]:
    src = _signal("BUR-IN-PERSON")["source"]
    cancel = _signal("BUR-IN-PERSON")["cancel"]
    articles = _article_texts(ctx)
    for unit, m, sentence in _matches(ctx, "BUR-IN-PERSON"):
        article = articles.get((unit.doc, unit.eid.split("__", 1)[0]), "")
        if any(c.search(article) for c in cancel):
            continue  # the same article offers online or postal submission
        yield _hit(
            unit,
            m,
            sentence,
            f"“{m.group(0)}” và điều này không cho phép nộp trực tuyến hoặc qua bưu chính: đề xuất bổ sung.",
            f"“{m.group(0)}” and the article offers no online or postal route: add one.",
            0.75,
            src,
        )


def _article_texts(ctx: RuleContext) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for u in ctx.units:
        out[(u.doc, u.eid.split("__", 1)[0])].append(u.text)
    return {k: "\n".join(v) for k, v in out.items()}


@rule(
    "BUR-PERIODIC-REPORT",
    kind="burden",
    severity="low",
    action="review",
    title="Chế độ báo cáo định kỳ",
    title_en="Periodic reporting",
    ground="Nghị định 09/2019/NĐ-CP (chế độ báo cáo của cơ quan hành chính nhà nước); " + _TTHC,
    ground_en="Decree 09/2019/NĐ-CP (reporting regimes); " + _TTHC_EN,
)
def periodic_report(ctx: RuleContext) -> Iterator[Hit]:
    src = _signal("BUR-PERIODIC-REPORT")["source"]
    per_year = {"tuần": 52, "tháng": 12, "quý": 4, "06 tháng": 2, "6 tháng": 2, "năm": 1}
    for unit, m, sentence in _matches(ctx, "BUR-PERIODIC-REPORT"):
        every = next((g for g in (m.groupdict().get(k) for k in ("every", "every2", "every3")) if g), "năm")
        n = per_year.get(every.lower(), 1)
        yield _hit(
            unit,
            m,
            sentence,
            f"Báo cáo định kỳ hằng {every} ({n} lần/năm): rà soát tần suất và khả năng dùng dữ liệu sẵn có.",
            f"Periodic report every {every} ({n} times a year): review the frequency and reuse of existing data.",
            0.8,
            src,
            severity="medium" if n >= 12 else "low",
            parts={"per_year": min(1.0, n / 12)},
        )


@rule(
    "BUR-SHORT-VALIDITY",
    kind="burden",
    severity="low",
    action="review",
    title="Thời hạn hiệu lực của giấy phép, chứng chỉ ngắn",
    title_en="Short validity forcing renewal",
    ground=_TTHC,
    ground_en=_TTHC_EN,
)
def short_validity(ctx: RuleContext) -> Iterator[Hit]:
    src = _signal("BUR-SHORT-VALIDITY")["source"]
    for unit, m, sentence in _matches(ctx, "BUR-SHORT-VALIDITY"):
        n, u = int(m.group("n")), m.group("unit").lower()
        months = n * 12 if u == "năm" else n
        if months > 24 or months == 0:
            continue
        yield _hit(
            unit,
            m,
            sentence,
            f"Giấy tờ có giá trị {m.group('n')} {u}: phải gia hạn/cấp lại thường xuyên; rà soát kéo dài thời hạn.",
            f"Valid for {n} {'years' if u == 'năm' else 'months'}: frequent renewal; consider a longer validity.",
            0.75,
            src,
            parts={"renewals_per_year": round(min(1.0, 12 / months), 3)},
        )


rule(
    "BUR-AGENCY-SEQUENCE",
    kind="burden",
    severity="low",
    action="review",
    title="Nhiều cơ quan tham gia giải quyết tuần tự",
    title_en="Sequence of agencies",
    ground="Nghị định 63/2010/NĐ-CP Điều 27 khoản 3 điểm b (thủ tục hành chính liên thông)",
    ground_en="Decree 63/2010/NĐ-CP Art. 27(3)(b): linked procedures",
)(
    _simple(
        "BUR-AGENCY-SEQUENCE",
        "“{m}”: giải quyết phụ thuộc ý kiến của cơ quan khác; rà soát liên thông, rút ngắn.",
        "“{m}”: the decision waits on other agencies; review for a one-stop, shorter route.",
        0.6,
    )
)


_WORDS = re.compile(r"[\wÀ-ỹ]+")


@rule(
    "BUR-RESTRICTION-DENSITY",
    kind="burden",
    severity="low",
    action="review",
    title="Mật độ quy định hạn chế cao",
    title_en="High density of restrictions",
    ground="RegData (Mercatus Center): đếm từ ngữ bắt buộc, cấm đoán trên 1.000 từ",
    ground_en="RegData-style restriction count per 1,000 words",
)
def restriction_density(ctx: RuleContext) -> Iterator[Hit]:
    sig = _signal("BUR-RESTRICTION-DENSITY")
    floor = lexicon("burden")["baselines"]["restriction_density_per_1000_words"]["min"]
    texts: dict[str, list[str]] = defaultdict(list)
    for u in ctx.units:
        texts[u.doc].append(u.text)
    density: dict[str, tuple[float, int, int]] = {}
    for doc, parts in texts.items():
        text = "\n".join(parts)
        words = len(_WORDS.findall(text))
        if words < 400:
            continue
        count = 0
        for m in sig["patterns"][0].finditer(text):
            before = text[max(0, m.start() - 20) : m.start()]
            if m.group(0).lower() != "không được" and any(
                n.search(before + m.group(0)) for n in sig["negations"]
            ):
                continue
            count += 1
        density[doc] = (1000 * count / words, count, words)
    if not density:
        return
    values = sorted(d for d, _, _ in density.values())
    p90 = values[int(0.9 * (len(values) - 1))]
    threshold = max(floor, p90)
    for doc, (d, count, words) in density.items():
        if d < threshold:
            continue
        title = ctx.docs[doc].title or doc
        yield Hit(
            doc,
            None,
            0,
            len(title),
            title,
            f"{count} từ ngữ hạn chế (phải, không được, nghiêm cấm, chỉ được …) trên {words} từ: {d:.1f}/1.000 từ, "
            f"cao hơn ngưỡng {threshold:.1f} (phân vị 90 của kho văn bản).",
            f"{count} restrictions in {words} words: {d:.1f} per 1,000, above {threshold:.1f} (the corpus's 90th "
            "percentile).",
            (Evidence(None, None, "lexicon", None, sig["source"]),),
            0.7,
            title,
            parts={"density_ratio": round(min(1.0, d / threshold - 1), 3)},
        )
