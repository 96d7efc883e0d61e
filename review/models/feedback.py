"""Citizens' and businesses' feedback on regulations (phản ánh, kiến nghị về quy định hành chính) and its links
to the provisions it concerns."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# The fields of the national feedback system, in order (the default keys of an import file).
FEEDBACK_KEYS = ("id", "received", "sender", "title", "content", "agency", "status", "reply", "replied")


@dataclass(frozen=True)
class FeedbackRecord:
    id: str
    content: str
    received: str | None = None
    sender: str | None = None  # personal data: shown only when asked
    title: str | None = None
    agency: str | None = None
    status: str | None = None
    reply: str | None = None
    replied: str | None = None

    def to_dict(self, show_sender: bool = False) -> dict[str, Any]:
        d = asdict(self)
        if not show_sender:
            d["sender"] = "(ẩn)" if self.sender else None
        return d


@dataclass(frozen=True)
class FeedbackLink:
    """One provision a feedback record concerns: ``unit`` None means the whole document."""

    feedback: str
    doc: str
    unit: str | None
    confidence: float
    reason: str
    method: str  # "reference" (an explicit citation) or "search" (accent-insensitive words)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
