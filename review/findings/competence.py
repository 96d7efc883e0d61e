"""Who may act on a finding (Luật 64/2025/QH15 Điều 8 khoản 1–2 and Điều 54 khoản 2, data/authorities.json):

- a local document is amended, replaced or repealed by the authority that issued it — its People's Council for a
  resolution, its People's Committee for a decision — or, after the 2025 mergers, by the province or city it was
  merged into (``route`` "act");
- a central document is the issuing body's to change: the office proposes it (kiến nghị, ``route`` "propose").
"""

from __future__ import annotations

from review.dates import vi_date
from review.identity.authorities import registry
from review.models import DocumentRecord

ACT = "act"
PROPOSE = "propose"

_ORGANS = {"HĐND": "Hội đồng nhân dân", "UBND": "Ủy ban nhân dân", "CTUBND": "Chủ tịch Ủy ban nhân dân"}


def _organ(record: DocumentRecord) -> str:
    symbol = (record.number or "").rsplit("/", 1)[-1].upper()
    for part in reversed(symbol.split("-")):
        if part in _ORGANS:
            return _ORGANS[part]
    issuer = (record.issuer or "").lower()
    return "Hội đồng nhân dân" if "hội đồng" in issuer else "Ủy ban nhân dân"


def competence(record: DocumentRecord, at: str) -> tuple[str, str | None]:
    """(route, the competent body in Vietnamese) for a finding on ``record`` on ``at``."""
    if record.authority:
        reg = registry()
        successor = reg.successor(record.authority, at)
        place = successor.name[:1].lower() + successor.name[1:]  # "Thành phố Hồ Chí Minh" → "thành phố …"
        body = f"{_organ(record)} {place}"
        if successor.code != record.authority:
            former = reg.get(record.authority)
            body += (
                f" (kế thừa {former.name[:1].lower() + former.name[1:]} từ ngày {vi_date(former.merged_on)})"
            )
        return ACT, body
    return PROPOSE, record.issuer
