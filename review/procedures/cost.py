"""The Standard Cost Model estimate of one procedure record, counted once per procedure (Thông tư 07/2014/TT-BTP as
reported in the domain notes §6.2, not verified against its annex forms: the estimate is labelled as such).

Chi phí tuân thủ/năm = (giờ thực hiện × chi phí lao động/giờ + phí, lệ phí + chi phí khác + chứng thực bản sao)
× số đối tượng/năm × tần suất. Every input is shown with the estimate, and whether it came from the text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from review import defaults
from review.procedures.catalogue import ProcedureRecord

LABEL = "Ước tính chi phí tuân thủ theo mô hình chi phí chuẩn (estimate, Standard Cost Model)"


@dataclass(frozen=True)
class Parameters:
    people_per_year: int
    hourly_cost_vnd: float
    hours_per_application: float = defaults.COST_HOURS_PER_APPLICATION
    other_costs_vnd: float = defaults.COST_OTHER_VND
    certified_copy_vnd: float = 0.0  # per certified copy the dossier asks


@dataclass(frozen=True)
class Estimate:
    procedure: str
    per_application_vnd: float
    per_year_vnd: float
    parameters: dict[str, Any]
    label: str = LABEL

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def estimate(record: ProcedureRecord, params: Parameters) -> Estimate:
    fee = record.value("fees")
    fee_vnd = float(fee[0]) if isinstance(fee, list) and fee else 0.0
    dossier = record.value("dossier") or {"items": [], "sets": None}
    certified = sum(1 for i in dossier["items"] if i.get("form") == "bản sao chứng thực")
    sets = dossier.get("sets") or 1
    once = (
        params.hours_per_application * params.hourly_cost_vnd
        + fee_vnd
        + params.other_costs_vnd
        + certified * sets * params.certified_copy_vnd
    )
    shown = {
        **asdict(params),
        "fee_vnd_from_text": fee_vnd,
        "certified_copies_from_text": certified,
        "sets_from_text": dossier.get("sets"),
        "dossier_items_from_text": len(dossier["items"]),
        "frequency_per_year": 1.0,
    }
    return Estimate(record.id, round(once), round(once * params.people_per_year), shown)
