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
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from review.procedures.catalogue import LABELS, ProcedureRecord
from review.text import fold
from review.vocab import ProcedureSource

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
    "methods_fewer": "Ít cách thức thực hiện hơn",
    "no_central": "Không có thủ tục trung ương để so sánh",
    "competence": "Thẩm quyền quy định thủ tục",
}


@dataclass(frozen=True)
class Difference:
    kind: (
        str  # dossier_added, time_longer, fee_added, agency_added, confirmation_added, methods_fewer, no_central,
        # competence
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
    # A published list names the fee and the circular that sets it ("Thông tư 226/2016/TT-BTC quy định mức thu …
    # phí chứng thực"): a fee so founded is not one the province added.
    basis = loc.get("legal_basis")
    founded = local.laid_down == ProcedureSource.PUBLISHED and re.search(
        r"\bphí\b", basis.words if basis is not None else "", re.I
    )
    if lf not in (None, 0) and cf in (None, 0) and not founded:
        out.append(
            Difference("fee_added", str(lf), loc["fees"].provision if loc["fees"] else None, central.id)
        )
    la = (local.value("agency") or {}).get("agencies", [])
    ca = (central.value("agency") or {}).get("agencies", [])
    for a in la if ca else []:  # a central text that names no agency says nothing against the local one
        if not any(_agency(a) == _agency(b) for b in ca):
            out.append(
                Difference("agency_added", a, loc["agency"].provision if loc["agency"] else None, central.id)
            )
    lm, cm = set(local.value("methods") or []), set(central.value("methods") or [])
    if lm and cm - lm:
        out.append(
            Difference(
                "methods_fewer",
                "trung ương cho phép "
                + ", ".join(sorted(cm - lm))
                + "; địa phương chỉ "
                + ", ".join(sorted(lm)),
                loc["methods"].provision if loc["methods"] else None,
                cen["methods"].provision if cen["methods"] else None,
            )
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


def local_reviews(
    records: list[ProcedureRecord], references_by_doc, known: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """Every local procedure of ``records`` reviewed (``review_local``) against the central procedure whose
    document it cites, the citations read from its record's legal basis and from its articles' references."""
    central = [r for r in records if not r.local]
    out = []
    for r in (x for x in records if x.local):
        if r.laid_down == ProcedureSource.PUBLISHED:
            out.append(_published_review(r, central, set(known)))
            continue
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
                "compared": side_by_side(r, match) if match else [],
            }
        )
    return out


_NAME_NOISE = {"thu", "tuc"}  # "Thủ tục cấp bản sao …" and "Cấp bản sao …" name the same procedure


def _name_score(published: str, central: str) -> float:
    """How well a published name names a central procedure: the words they share over all their words, or 1 when
    every word of the central name is in the published one (a published procedure is often one case of the
    central article's: "Chứng thực chữ ký người dịch mà người dịch là cộng tác viên …" of "Thủ tục chứng thực
    chữ ký người dịch")."""
    x, y = _tokens(published) - _NAME_NOISE, _tokens(central) - _NAME_NOISE
    if not x or not y:
        return 0.0
    return 1.0 if len(y) >= 3 and y <= x else len(x & y) / len(x | y)


def _published_review(
    row: ProcedureRecord, central: list[ProcedureRecord], known: set[str]
) -> dict[str, Any]:
    """A procedure a province publishes against the central procedure of the same name in the documents its row
    cites (the documents themselves, or the ones their amendments rewrite). Publishing a procedure is not laying
    one down, so there is no competence question."""
    cited = set(row.value("legal_basis") or [])
    candidates = [
        c for c in central if c.doc in cited or (c.amends is not None and c.amends.split("#")[0] in cited)
    ]
    scored = sorted(((_name_score(row.name, c.name), c) for c in candidates), key=lambda x: -x[0])
    match = scored[0][1] if scored and scored[0][0] >= 0.5 else None
    if match is None:
        held, missing = sorted(cited & known), sorted(cited - known)
        detail = "không có thủ tục cùng tên trong các văn bản được viện dẫn có trong kho văn bản: " + (
            ", ".join(held) or "(không có)"
        )
        if missing:
            detail += "; không có trong kho văn bản: " + ", ".join(missing)
        differences = [Difference("no_central", detail, row.id)]
    else:
        differences = compare(row, match)
    return {
        "procedure": row.id,
        "central": match.id if match else None,
        "differences": [d.to_dict() for d in differences],
        "compared": side_by_side(row, match) if match else [],
    }


# The components set side by side, in the order of Nghị định 63/2010/NĐ-CP Điều 8 khoản 2.
SIDE_BY_SIDE = ("methods", "dossier", "time_limit", "agency", "fees")


def _shown(key: str, value: Any) -> str | None:
    """A component's value as legal staff read it; None where the text states none."""
    if value is None:
        return None
    if key == "time_limit":
        if value["days"] == 0:
            return "ngay trong ngày / ngay khi nhận đủ hồ sơ"
        return f"{value['days']} {'ngày làm việc' if value['working'] else 'ngày'}"
    if key == "methods":
        return ", ".join(value) or None
    if key == "dossier":
        return f"{len(value.get('items', []))} thành phần"
    if key == "agency":
        return ", ".join(value.get("agencies", [])) or None
    if key == "fees":
        if value == 0:
            return "không thu"
        if isinstance(value, list):
            return ", ".join(f"{v:,}".replace(",", ".") + " đồng" for v in value)
        return str(value)
    return str(value)


def side_by_side(local: ProcedureRecord, central: ProcedureRecord) -> list[dict[str, Any]]:
    """Each component of the two procedures, the local and the central value, and whether they agree
    ("giống"), differ ("khác") or cannot be compared because one text does not state it ("không so sánh được"):
    what a reviewer reads to see that a comparison with no difference found compared something."""
    out = []
    for key in SIDE_BY_SIDE:
        a, b = _shown(key, local.value(key)), _shown(key, central.value(key))
        if a is None or b is None:
            outcome = "không so sánh được"
        else:
            outcome = "giống" if fold(a) == fold(b) else "khác"
        out.append({"key": key, "label": LABELS[key], "local": a, "central": b, "outcome": outcome})
    return out
