"""The dataclasses every stage exchanges (frozen; ``to_dict``/``from_dict`` give the JSON shapes of
docs/CONTRACT.md). The vocabulary they use (statuses, relations, kinds, severities, actions, unit kinds,
document types) is in ``review.vocab``."""

from review.models.document import (
    Document,
    DocumentRecord,
    Note,
    PageSpan,
    RawArticle,
    RawDocument,
    Source,
    Unit,
    UnitRecord,
)
from review.models.finding import DecisionRecord, Evidence, Finding
from review.models.reference import Fact, Reference, Resolution, StoredReference, Target
from review.models.status import Reason, Status
from review.vocab import UnitKind

__all__ = [
    "DecisionRecord",
    "Document",
    "DocumentRecord",
    "Evidence",
    "Fact",
    "Finding",
    "Note",
    "PageSpan",
    "RawArticle",
    "RawDocument",
    "Reason",
    "Reference",
    "Resolution",
    "Source",
    "Status",
    "StoredReference",
    "Target",
    "Unit",
    "UnitRecord",
    "unit_citation",
]

# Longest keys first: "tieu_muc" before "muc", "phu_luc" before "phan".
_CITATION_KEYS = ("tieu_muc", "phu_luc", "phan", "chuong", "muc", "dieu", "khoan", "diem")


def unit_citation(eid: str | None) -> str:
    """A unit's eid as a citation reads: ``dieu_5__khoan_2__diem_dd`` → ``điểm đ khoản 2 Điều 5``.

    An eid this does not recognise is returned unchanged."""
    if not eid:
        return ""
    words: list[str] = []
    for part in eid.split("__"):
        for key in _CITATION_KEYS:
            word = UnitKind(key).citation
            if part == key:
                words.append(word)  # an annex without a number
                break
            if part.startswith(key + "_") and len(part) > len(key) + 1:
                num = part[len(key) + 1 :]
                if key == "diem":
                    num = num.replace("dd", "đ")
                words.append(f"{word} {num}")
                break
        else:
            return eid
    return " ".join(reversed(words))
