"""Administrative procedures (thủ tục hành chính): a profile of each article that lays one down, a completeness
check against Nghị định 63/2010/NĐ-CP Điều 8, and a compliance-cost estimate by the Standard Cost Model.

A profile is read from one article (its heading says "thủ tục", "trình tự", "hồ sơ" …): dossier items (the
points under "hồ sơ gồm"), the time limit and whether in working days, fees, the number of sets, the agencies
named, the result and its validity. The estimate (Thông tư 07/2014/TT-BTP; domain notes §6.2, reported, not
verified against the annex forms) is labelled as such and carries every input. The ``procedure`` shape
(QUA-TTHC-MISSING-COMPONENT) reports the profiles missing a component.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from review import defaults
from review.findings.context import RuleContext
from review.findings.registry import Hit, Rule, shape
from review.models import Evidence

_PROCEDURE_HEADING = re.compile(
    r"(?:trình\s+tự|thủ\s+tục|hồ\s+sơ)[^.;]{0,80}(?:cấp|đăng\s+ký|đề\s+nghị|công\s+nhận|gia\s+hạn|cho\s+phép|"
    r"chấp\s+thuận|thẩm\s+định|phê\s+duyệt|xác\s+nhận|điều\s+chỉnh|thu\s+hồi)",
    re.IGNORECASE,
)
_DOSSIER = re.compile(r"hồ\s+sơ[^.:;]{0,80}(?:gồm|bao\s+gồm)", re.IGNORECASE)
_TIME = re.compile(
    r"(?:trong\s+(?:thời\s+hạn|vòng)|không\s+quá|chậm\s+nhất(?:\s+là)?|tối\s+đa)\s+(\d{1,3})\s*(?:\([^)]{0,30}\)\s*)?"
    r"(ngày\s+làm\s+việc|ngày|tháng)",
    re.IGNORECASE,
)
# The processing time runs from the receipt of the dossier ("kể từ ngày nhận đủ hồ sơ hợp lệ"); other periods
# ("ảnh chụp không quá 06 tháng") are not time limits of the procedure.
_PROCESSING = re.compile(r"kể\s+từ\s+(?:ngày\s+)?(?:nhận|tiếp\s+nhận)|hồ\s+sơ\s+hợp\s+lệ", re.IGNORECASE)
_FEE = re.compile(r"(\d[\d.]{2,})\s*(?:đồng|VNĐ)", re.IGNORECASE)
_SETS = re.compile(
    r"(?<![\d/.])(0?[1-9]|1\d)\s*(?:\([^)]*\)\s*)?bộ(?=\s+hồ\s+sơ|\s*[.;,)]|\s*$)", re.IGNORECASE
)
_AGENCY = re.compile(
    r"(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân\s+(?:cấp\s+)?(?:tỉnh|xã|huyện)|Sở\s+[A-ZĐ][\wÀ-ỹ ,]{2,40}?(?=[.;,]|\s+(?:có|thực|cấp|tiếp))"
    r"|Bộ\s+[A-ZĐ][\wÀ-ỹ ,]{2,40}?(?=[.;,]|\s+(?:có|thực|cấp|tiếp))|Cục\s+[A-ZĐ][\wÀ-ỹ ]{2,40}?(?=[.;,]|\s)"
    r"|cơ\s+quan\s+(?:có\s+thẩm\s+quyền|cấp\s+phép|tiếp\s+nhận|đăng\s+ký)",
)
_METHOD = re.compile(
    r"nộp\s+(?:trực\s+tiếp|qua|trực\s+tuyến)|bưu\s+chính|trực\s+tuyến|dịch\s+vụ\s+công", re.I
)
_RESULT = re.compile(
    r"(?:cấp|trả)\s+(giấy\s+(?:phép|chứng\s+nhận)[^.;,]{0,60}|chứng\s+chỉ[^.;,]{0,40})", re.I
)
_VALIDITY = re.compile(
    r"(?:có\s+giá\s+trị|có\s+thời\s+hạn)\s+(?:trong\s+)?(?:thời\s+hạn\s+)?(\d{1,2})\s*(năm|tháng)", re.I
)


@dataclass(frozen=True)
class ProcedureProfile:
    doc: str
    article: str
    heading: str
    dossier_items: tuple[str, ...] = ()
    time_limit_days: int | None = None
    working_days: bool | None = None
    fees_vnd: tuple[int, ...] = ()
    sets: int | None = None
    agencies: tuple[str, ...] = ()
    result: str | None = None
    validity_months: int | None = None
    methods: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()  # Điều 8 khoản 2 components not found in the article

    def to_dict(self) -> dict:
        return asdict(self)


def profiles(ctx: RuleContext) -> list[ProcedureProfile]:
    by_article: dict[tuple[str, str], list] = {}
    for u in ctx.units:
        by_article.setdefault((u.doc, u.eid.split("__", 1)[0]), []).append(u)
    out = []
    order = list(by_article)
    for index, ((doc, article), units) in enumerate(by_article.items()):
        head = units[0]
        if head.kind != "dieu" or not head.heading or not _PROCEDURE_HEADING.search(head.heading):
            continue
        text = "\n".join(u.text for u in units)
        items: list[str] = []
        for u in units:
            if _DOSSIER.search(u.text):
                prefix = u.eid + "__"
                items.extend(c.text.split("\n", 1)[0][:160] for c in units if c.eid.startswith(prefix))
        t = next((m for m in _TIME.finditer(text) if _PROCESSING.search(text, m.end(), m.end() + 120)), None)
        days = working = None
        if t:
            n, unit = int(t.group(1)), t.group(2).lower()
            days, working = (n * 30, False) if unit.startswith("tháng") else (n, "làm việc" in unit)
        sets = _SETS.search(text)
        validity = _VALIDITY.search(text)
        result = _RESULT.search(text)
        agencies = tuple(dict.fromkeys(m.group(0).strip() for m in _AGENCY.finditer(text)))[:6]
        methods = tuple(dict.fromkeys(m.group(0).lower() for m in _METHOD.finditer(text)))
        # A procedure is often laid down over neighbouring articles (the dossier in one, the steps and time limit
        # in the next): the completeness check reads the two articles after it too.
        near = "\n".join(
            "\n".join(u.text for u in by_article[k]) for k in order[index + 1 : index + 3] if k[0] == doc
        )
        scope = text + "\n" + near
        missing = []
        if not (items or _DOSSIER.search(scope) or re.search(r"hồ\s+sơ", scope, re.I)):
            missing.append("thành phần, số lượng hồ sơ")
        if days is None and not (
            any(_PROCESSING.search(scope, m.end(), m.end() + 120) for m in _TIME.finditer(scope))
            or re.search(r"thời\s+hạn\s+giải\s+quyết|ngay\s+trong\s+ngày", scope, re.I)
        ):
            missing.append("thời hạn giải quyết")
        if not agencies and not _AGENCY.search(near):
            missing.append("cơ quan giải quyết")
        out.append(
            ProcedureProfile(
                doc,
                article,
                head.heading,
                tuple(items),
                days,
                working,
                tuple(int(f.group(1).replace(".", "")) for f in _FEE.finditer(text)),
                int(sets.group(1)) if sets else None,
                agencies,
                result.group(1).strip() if result else None,
                (int(validity.group(1)) * (12 if validity.group(2).lower() == "năm" else 1))
                if validity
                else None,
                methods,
                tuple(missing),
            )
        )
    return out


@shape("procedure", params=("confidence", "source"), placeholders=("heading", "missing"))
def missing_component(ctx: RuleContext, rule: Rule) -> Iterator[Hit]:
    """A procedure (one record of the catalogue, over every article it spans) that does not state every component
    Điều 8 khoản 2 a)–g) requires."""
    for p in procedure_records(ctx):
        if not p.missing:
            continue
        article = p.id.split("#", 1)[1]
        yield Hit(
            p.doc,
            article,
            0,
            len(p.name),
            p.name,
            *rule.message(heading=p.name, missing=", ".join(p.missing)),
            (Evidence(None, None, "lexicon", None, rule.params["source"]),),
            rule.params["confidence"],
            p.name,
        )


@dataclass(frozen=True)
class CostParameters:
    """Inputs the user supplies (nothing here is read from the text): the estimate is only as good as these."""

    people_per_year: int
    hourly_cost_vnd: float
    hours_per_application: float = defaults.COST_HOURS_PER_APPLICATION
    other_costs_vnd: float = defaults.COST_OTHER_VND
    applications_per_person_per_year: float | None = None  # default: from the result's validity, else 1


@dataclass(frozen=True)
class CostEstimate:
    doc: str
    article: str
    per_application_vnd: float
    per_year_vnd: float
    frequency_per_year: float
    inputs: dict = field(default_factory=dict)
    label: str = "Ước tính chi phí tuân thủ theo mô hình chi phí chuẩn (estimate, Standard Cost Model)"

    def to_dict(self) -> dict:
        return asdict(self)


def compliance_cost(profile: ProcedureProfile, params: CostParameters) -> CostEstimate:
    """Chi phí tuân thủ = (thời gian × chi phí lao động/giờ + phí, lệ phí + chi phí khác) × số đối tượng × tần
    suất (Thông tư 07/2014/TT-BTP as reported in the domain notes §6.2)."""
    fees = float(sum(profile.fees_vnd[:1]))  # the first amount named is the fee of one application
    if params.applications_per_person_per_year is not None:
        frequency = params.applications_per_person_per_year
    elif profile.validity_months:
        frequency = 12 / profile.validity_months
    else:
        frequency = 1.0
    once = params.hours_per_application * params.hourly_cost_vnd + fees + params.other_costs_vnd
    return CostEstimate(
        profile.doc,
        profile.article,
        round(once),
        round(once * params.people_per_year * frequency),
        round(frequency, 3),
        {**asdict(params), "fees_vnd_from_text": fees, "validity_months_from_text": profile.validity_months},
    )


@dataclass(frozen=True)
class CostedProcedure:
    """A procedure with its compliance-cost estimate, when the inputs for one were given."""

    profile: ProcedureProfile
    estimate: CostEstimate | None = None

    def to_dict(self) -> dict:
        row = self.profile.to_dict()
        if self.estimate is not None:
            row["cost_estimate"] = self.estimate.to_dict()
        return row


def procedure_records(ctx: RuleContext) -> list:
    """The procedure catalogue of the documents reviewed (review.procedures.catalogue), memoised per context."""
    from review.procedures import catalogue

    cached = ctx.__dict__.get("_procedure_records")
    if cached is None:
        local = [d for d, r in ctx.docs.items() if getattr(r, "authority", None) or "@" in d]
        cached = catalogue(ctx.units, ctx.refs, local)
        ctx.__dict__["_procedure_records"] = cached
    return cached
