"""A catalogue record: the components of an administrative procedure (Nghị định 63/2010/NĐ-CP Điều 8 khoản 2), each
field's value with the provision and words it came from, and the record's plain-dict form (docs/CONTRACT.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from review.vocab import ProcedureSource

# Components of Nghị định 63/2010/NĐ-CP Điều 8 khoản 2 (as amended by Nghị định 92/2017/NĐ-CP): a)–g) always,
# h) where applicable. Keys, Vietnamese labels, required.
FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("name", "Tên thủ tục", True),
    ("steps", "Trình tự thực hiện", True),
    ("methods", "Cách thức thực hiện", True),
    ("dossier", "Thành phần, số lượng hồ sơ", True),
    ("time_limit", "Thời hạn giải quyết", True),
    ("subjects", "Đối tượng thực hiện", True),
    ("agency", "Cơ quan thực hiện", True),
    ("result", "Kết quả thực hiện", False),
    ("fees", "Phí, lệ phí", False),
    ("conditions", "Yêu cầu, điều kiện", False),
    ("forms", "Mẫu đơn, tờ khai", False),
    ("legal_basis", "Căn cứ pháp lý", False),
)
LABELS = {key: label for key, label, _ in FIELDS}
SOURCE = "Nghị định 63/2010/NĐ-CP Điều 8 khoản 2, sửa đổi bởi Nghị định 92/2017/NĐ-CP"


@dataclass(frozen=True)
class FieldValue:
    """One field of a record: its value, the provision (``doc#eid``) and the words it came from."""

    value: Any
    provision: str | None
    words: str


@dataclass(frozen=True)
class ProcedureRecord:
    id: str  # doc#eid of the main article
    doc: str
    name: str
    provisions: tuple[str, ...]  # every source provision (doc#eid of the articles)
    fields: dict[str, FieldValue | None] = field(default_factory=dict)
    local: bool = False
    laid_down: ProcedureSource = ProcedureSource.ARTICLE
    amends: str | None = None  # the article an amendment's quoted text rewrites (doc#eid)
    code: str | None = None  # mã thủ tục hành chính, as a published list gives it

    @property
    def missing(self) -> tuple[str, ...]:
        """The required components (Điều 8 khoản 2 a–g) that were not found, by their Vietnamese label; none for a
        row of a published list, which names a procedure and does not lay it down."""
        if self.laid_down == ProcedureSource.PUBLISHED:
            return ()
        return tuple(label for key, label, required in FIELDS if required and self.fields.get(key) is None)

    def value(self, key: str) -> Any:
        f = self.fields.get(key)
        return None if f is None else f.value

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc": self.doc,
            "name": self.name,
            "provisions": list(self.provisions),
            "local": self.local,
            "laid_down": str(self.laid_down),
            "amends": self.amends,
            "code": self.code,
            "fields": {k: (None if v is None else plain(asdict(v))) for k, v in self.fields.items()},
            "missing": list(self.missing),
            "source": SOURCE,
        }


def plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value
