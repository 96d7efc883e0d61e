"""The one vocabulary: status values, relations, finding kinds, severities, actions, decisions, unit kinds and
document types.

Each is a ``StrEnum`` (so a member *is* its string: JSON, SQL parameters and old call sites keep working) whose
members carry their facts — Vietnamese and English labels, ranks, which relations act on or end a document,
severity weights, a document type's codes in number symbols — read from ``data/vocabulary.json``. The members are
written here so that type checkers and readers see them; ``tests/test_vocab.py`` checks that the data file
describes exactly these members. Models, CLI choices, SQL parameters, reports and web pages read from here.
"""

from __future__ import annotations

import json
import re
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any


@cache
def vocabulary() -> dict[str, Any]:
    """The data file, read once."""
    text = resources.files("review").joinpath("data/vocabulary.json").read_text(encoding="utf-8")
    return json.loads(text)


def _facts(table: str, key: str = "value") -> dict[str, dict[str, Any]]:
    return {row[key]: row for row in vocabulary()[table]}


class _Labelled(StrEnum):
    """A member with Vietnamese and English labels from the data file."""

    @classmethod
    def _table(cls) -> str:
        raise NotImplementedError

    @property
    def facts(self) -> dict[str, Any]:
        return _facts(self._table())[self.value]

    @property
    def vi(self) -> str:
        """What legal staff read."""
        return str(self.facts["vi"])

    @property
    def en(self) -> str:
        """The English term, shown beside the Vietnamese one."""
        return str(self.facts["en"])


class StatusValue(_Labelled):
    """A document's or unit's status on a date (docs/CONTRACT.md)."""

    NOT_YET_IN_FORCE = "not_yet_in_force"
    IN_FORCE = "in_force"
    PARTLY_EXPIRED = "partly_expired"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    UNKNOWN = "unknown"

    @classmethod
    def _table(cls) -> str:
        return "statuses"

    @property
    def live(self) -> bool:
        """Still (or soon) part of the law: in force, partly expired, or not yet in force."""
        return bool(self.facts["live"])


class Relation(_Labelled):
    """What a reference does to its target (docs/ARCHITECTURE.md, Relations)."""

    LEGAL_BASIS = "legal_basis"
    CITES = "cites"
    AMENDS = "amends"
    SUPPLEMENTS = "supplements"
    REPEALS = "repeals"
    REPLACES = "replaces"
    GUIDES = "guides"
    SUSPENDS = "suspends"
    CORRECTS = "corrects"
    CONSOLIDATES = "consolidates"

    @classmethod
    def _table(cls) -> str:
        return "relations"

    @property
    def acts_on(self) -> bool:
        """The acting document changes its target (amends, supplements, replaces, repeals, suspends, corrects)."""
        return bool(self.facts["acts_on"])

    @property
    def ends(self) -> bool:
        """Ends a whole target document (replaces, repeals)."""
        return bool(self.facts["ends"])

    @property
    def amending(self) -> bool:
        return bool(self.facts["amending"])

    @property
    def structural(self) -> bool:
        """Shapes the legal order (acts on or details a document), as opposed to a citation."""
        return bool(self.facts["structural"])


class FindingKind(_Labelled):
    OUTDATED = "outdated"
    BURDEN = "burden"
    QUALITY = "quality"

    @classmethod
    def _table(cls) -> str:
        return "finding_kinds"


class Severity(_Labelled):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @classmethod
    def _table(cls) -> str:
        return "severities"

    @property
    def weight(self) -> float:
        """The severity part of a finding's score."""
        return float(self.facts["weight"])


class Action(_Labelled):
    """What a finding suggests doing with the provision."""

    AMEND = "amend"
    REPLACE = "replace"
    REPEAL = "repeal"
    REVIEW = "review"

    @classmethod
    def _table(cls) -> str:
        return "actions"


class Decision(_Labelled):
    """A reviewer's decision on a finding."""

    ACCEPT = "accept"
    REJECT = "reject"

    @classmethod
    def _table(cls) -> str:
        return "decisions"


class MergerDecision(_Labelled):
    """What a merged province decides for a predecessor's document (Luật 64/2025 Điều 54 khoản 2)."""

    KEEP = "keep"
    REPLACE = "replace"
    REPEAL = "repeal"

    @classmethod
    def _table(cls) -> str:
        return "merger_decisions"


class ProcedureSource(_Labelled):
    """Where a procedure record is read from: an article, an article as amended, or a published list."""

    ARTICLE = "article"
    AMENDMENT = "amendment"
    PUBLISHED = "published"

    @classmethod
    def _table(cls) -> str:
        return "procedure_sources"


class UnitKind(_Labelled):
    """Structural units, Phần … Điểm, and annexes (docs/CONTRACT.md)."""

    PHAN = "phan"
    CHUONG = "chuong"
    MUC = "muc"
    TIEU_MUC = "tieu_muc"
    DIEU = "dieu"
    KHOAN = "khoan"
    DIEM = "diem"
    PHU_LUC = "phu_luc"

    @classmethod
    def _table(cls) -> str:
        return "unit_kinds"

    @property
    def citation(self) -> str:
        """The word as a citation writes it: articles and above capitalised, clauses and points not."""
        return str(self.facts["citation"])


class DocType(StrEnum):
    """Document types, by the name written in headers, titles and citations (the value)."""

    HIEN_PHAP = "Hiến pháp"
    BO_LUAT = "Bộ luật"
    LUAT = "Luật"
    PHAP_LENH = "Pháp lệnh"
    NGHI_QUYET_LIEN_TICH = "Nghị quyết liên tịch"
    NGHI_QUYET = "Nghị quyết"
    LENH = "Lệnh"
    NGHI_DINH = "Nghị định"
    THONG_TU_LIEN_TICH = "Thông tư liên tịch"
    THONG_TU = "Thông tư"
    QUYET_DINH = "Quyết định"
    CHI_THI = "Chỉ thị"
    VAN_BAN_HOP_NHAT = "Văn bản hợp nhất"
    THONG_BAO = "Thông báo"
    CONG_DIEN = "Công điện"
    KE_HOACH = "Kế hoạch"
    CONG_VAN = "Công văn"
    DE_MUC_PHAP_DIEN = "Đề mục pháp điển"
    BAN_DICH = "Bản dịch văn bản"

    @property
    def facts(self) -> dict[str, Any]:
        return _facts("document_types", "name")[self.value]

    @property
    def en(self) -> str:
        return str(self.facts["en"])

    @property
    def codes(self) -> tuple[str, ...]:
        """The type's code in number symbols (NĐ in 43/2014/NĐ-CP)."""
        return tuple(self.facts["codes"])

    @property
    def rank(self) -> int | None:
        """Place in the legal hierarchy by type alone (lower is higher); the number's symbol says more."""
        value = self.facts["rank"]
        return None if value is None else int(value)

    @property
    def acts(self) -> bool:
        """Documents of this type amend, replace or repeal others; compilations only repeat their sources."""
        return bool(self.facts["acts"])

    @property
    def reviewed(self) -> bool:
        """Reviewed for findings: not compilations or translations, where no amendment is proposed."""
        return bool(self.facts["reviewed"])

    @property
    def legislative(self) -> bool:
        """Passed by the National Assembly or its Standing Committee (delegations to detail them are tracked)."""
        return bool(self.facts["legislative"])

    @property
    def named_law(self) -> bool:
        """Cited by name ("Luật Đất đai"), so a gazetteer of names and numbers applies."""
        return bool(self.facts["named_law"])

    @classmethod
    def parse(cls, value: str | None) -> DocType | None:
        """The member for a type name as stored (None for unknown or missing types)."""
        if not value:
            return None
        try:
            return cls(value)
        except ValueError:
            return None


def event_label(kind: str) -> str:
    """What happened (a history entry's or a status reason's kind) in Vietnamese; the kind itself when unknown."""
    entry = vocabulary().get("event_kinds", {}).get(kind)
    return str(entry["vi"]) if entry else kind


def status_label(value: str) -> str:
    """The Vietnamese label of a status value (the value itself when it is not one)."""
    try:
        return StatusValue(value).vi
    except ValueError:
        return value


def doc_types_where(flag: str) -> tuple[DocType, ...]:
    """The document types whose fact ``flag`` is true (``running_text``, ``printed_title``, ``legislative`` …)."""
    return tuple(t for t in DocType if t.facts.get(flag))


def type_words() -> tuple[str, ...]:
    """Type words that introduce a document in running text, longest first (so a regex tries them first)."""
    return tuple(sorted((t.value for t in doc_types_where("running_text")), key=len, reverse=True))


def printed_title_types() -> tuple[str, ...]:
    """Types whose name is printed alone as a title line in a header ("NGHỊ ĐỊNH", "THÔNG BÁO")."""
    return tuple(t.value for t in doc_types_where("printed_title"))


def english_title_words() -> dict[str, str]:
    """English title-line words of translations ("DECREE") → the type name."""
    out: dict[str, str] = {}
    for t in DocType:
        for word in t.facts.get("en_title_words", ()):
            out[word] = t.value
    return out


@cache
def _symbol_ranks() -> tuple[tuple[re.Pattern[str], int], ...]:
    return tuple((re.compile(p, re.IGNORECASE), int(r)) for p, r in vocabulary()["hierarchy_by_symbol"])


def rank_of(number: str | None, doc_type: str | None) -> int | None:
    """Place in the legal hierarchy (lower is higher), from the number's symbol, else the type; None unknown."""
    if number and "/" in number:
        symbol = number.rsplit("/", 1)[-1]
        for pattern, r in _symbol_ranks():
            if pattern.search(symbol):
                return r
    member = DocType.parse(doc_type)
    return member.rank if member else None


def ocr_tokens() -> dict[str, str]:
    """Symbol tokens written without Đ by OCR, old fonts or ASCII typing, and their repair (ND → NĐ)."""
    return dict(vocabulary()["ocr_tokens"])


def type_codes() -> dict[str, str]:
    """Symbol code → type name (NĐ → Nghị định)."""
    return {code: t.value for t in DocType for code in t.codes}


ACTIVE_STATUSES = tuple(s for s in StatusValue if s.facts["active"])
LIVE_STATUSES = tuple(s for s in StatusValue if s.live)
IN_FORCE_STATUSES = (StatusValue.IN_FORCE, StatusValue.PARTLY_EXPIRED)
ACTING_RELATIONS = tuple(r for r in Relation if r.acts_on)
ENDING_RELATIONS = tuple(r for r in Relation if r.ends)
AMENDING_RELATIONS = tuple(r for r in Relation if r.amending)
STRUCTURAL_RELATIONS = tuple(r for r in Relation if r.structural)
