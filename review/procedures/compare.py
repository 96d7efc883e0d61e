"""A local procedure against the central one it implements: dossier items added, a longer time limit, fees added,
extra agencies or confirmations (xác nhận); and a local document that lays down a procedure at all, which it may do
only where a law gives it the power.

Legal ground of the competence check: the Luật Ban hành văn bản quy phạm pháp luật (Luật 64/2025/QH15 as amended by
Luật 87/2025/QH15) limits which documents may set administrative procedures; the article number is NOT verified in
the project's domain notes (they transcribe Điều 3, 4, 7, 8, 53–58, 60, 61, 65, 71 only), so the finding names the
law and says the article is to be verified. Under Luật 80/2015/QH13 the rule was reportedly Điều 14 (unverified).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from review.procedures.catalogue import ProcedureRecord
from review.text import fold

COMPETENCE_GROUND = (
    "Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 (sửa đổi bởi Luật 87/2025/QH15): văn bản của chính "
    "quyền địa phương chỉ được quy định thủ tục hành chính khi được luật giao — điều khoản cụ thể chưa được kiểm "
    "chứng (unverified article)"
)


# What each kind of difference is called in a table legal staff read.
KIND_LABELS = {
    "dossier_added": "Thêm thành phần hồ sơ",
    "time_longer": "Thời hạn dài hơn",
    "fee_added": "Thêm phí, lệ phí",
    "agency_added": "Thêm cơ quan tham gia",
    "confirmation_added": "Thêm bước xác nhận",
    "no_central": "Không có thủ tục trung ương để so sánh",
    "competence": "Thẩm quyền quy định thủ tục",
}


@dataclass(frozen=True)
class Difference:
    kind: (
        str  # dossier_added, time_longer, fee_added, agency_added, confirmation_added, no_central, competence
    )
    detail: str
    local: str | None
    central: str | None = None
    ground: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "label": KIND_LABELS.get(self.kind, self.kind)}


def _tokens(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", fold(text)) if len(w) > 1}


def _similar(a: str, b: str) -> bool:
    x, y = _tokens(a), _tokens(b)
    return bool(x and y) and len(x & y) / len(x | y) >= 0.5


def _agency(name: str) -> str:
    """An agency's name without its head ("Chủ tịch …") or the place it is ("… nơi doanh nghiệp đặt trụ sở")."""
    text = fold(name)
    text = re.sub(r"^(?:chu tich|bo truong|giam doc|thu truong)\s+", "", text)
    return text.split(" noi ", 1)[0].strip()


def compare(local: ProcedureRecord, central: ProcedureRecord) -> list[Difference]:
    """What the local procedure asks beyond the central one."""
    out: list[Difference] = []
    loc = local.fields
    cen = central.fields
    local_items = (local.value("dossier") or {}).get("items", [])
    central_items = (central.value("dossier") or {}).get("items", [])
    for item in local_items:
        if not any(_similar(item["name"], c["name"]) for c in central_items):
            out.append(Difference("dossier_added", item["name"], item["provision"], central.id))
    lt, ct = local.value("time_limit"), central.value("time_limit")
    if (
        lt
        and ct
        and (lt["days"] * (1.4 if lt["working"] else 1.0)) > (ct["days"] * (1.4 if ct["working"] else 1.0))
    ):
        out.append(
            Difference(
                "time_longer",
                f"{lt['days']} {'ngày làm việc' if lt['working'] else 'ngày'} > "
                f"{ct['days']} {'ngày làm việc' if ct['working'] else 'ngày'}",
                loc["time_limit"].provision if loc["time_limit"] else None,
                cen["time_limit"].provision if cen["time_limit"] else None,
            )
        )
    lf, cf = local.value("fees"), central.value("fees")
    if lf not in (None, 0) and cf in (None, 0):
        out.append(
            Difference("fee_added", str(lf), loc["fees"].provision if loc["fees"] else None, central.id)
        )
    la = (local.value("agency") or {}).get("agencies", [])
    ca = (central.value("agency") or {}).get("agencies", [])
    for a in la:
        if not any(_agency(a) == _agency(b) for b in ca):
            out.append(
                Difference("agency_added", a, loc["agency"].provision if loc["agency"] else None, central.id)
            )
    steps = " ".join(s["text"] for s in (local.value("steps") or []))
    central_steps = " ".join(s["text"] for s in (central.value("steps") or []))
    if re.search(r"xác\s+nhận", steps, re.I) and not re.search(r"xác\s+nhận", central_steps, re.I):
        out.append(
            Difference(
                "confirmation_added",
                "thêm bước xác nhận",
                loc["steps"].provision if loc["steps"] else None,
                central.id,
            )
        )
    return out


def review_local(
    local: ProcedureRecord, central: ProcedureRecord | None, cited: list[str]
) -> list[Difference]:
    """Every difference of a local procedure: the competence question first, then the comparison with its central
    procedure, or why there is none (the central source it cites is not in the corpus)."""
    out = [
        Difference(
            "competence",
            "văn bản địa phương quy định trình tự, hồ sơ của thủ tục hành chính: kiểm tra thẩm quyền được luật giao",
            local.id,
            None,
            COMPETENCE_GROUND,
        )
    ]
    if central is None:
        detail = "nguồn trung ương được viện dẫn không có trong kho văn bản: " + (
            ", ".join(cited) or "(không có)"
        )
        out.append(Difference("no_central", detail, local.id))
        return out
    return out + compare(local, central)


def local_reviews(records: list[ProcedureRecord], references_by_doc) -> list[dict[str, Any]]:
    """Every local procedure of ``records`` reviewed (``review_local``) against the central procedure whose
    document it cites, the citations read from its record's legal basis and from its articles' references."""
    central = [r for r in records if not r.local]
    out = []
    for r in (x for x in records if x.local):
        articles = {p.split("#")[1] for p in r.provisions}
        cited = [p for p in (r.value("legal_basis") or []) if not p.startswith(r.doc + "#")]
        for ref in references_by_doc.get(r.doc, []):
            if (
                ref.unit
                and ref.unit.split("__")[0] in articles
                and ref.target.doc
                and ref.target.doc != r.doc
            ):
                cited += [f"{ref.target.doc}#{u}" for u in ref.target.units] or [ref.target.doc]
        cited = list(dict.fromkeys(cited))
        match = next((c for c in central if any(p.split("#")[0] == c.doc for p in cited)), None)
        out.append(
            {
                "procedure": r.id,
                "central": match.id if match else None,
                "differences": [d.to_dict() for d in review_local(r, match, cited)],
            }
        )
    return out
