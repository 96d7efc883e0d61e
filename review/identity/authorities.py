"""Local authorities: the 63 provinces and centrally-governed cities before 2025-07-01 and the 34 after
(Nghị quyết 202/2025/QH15), as data (``data/authorities.json``): codes, names and spellings, dates, mergers.

A local document's id carries its authority's code (``30/2023/QĐ-UBND@HCM``, see ``review.identity.ids``); a
document of an absorbed province keeps its own code (``…@BD``) and knows its successor (``HCM``), which holds
the competence to amend, replace or repeal it (Luật 64/2025/QH15 Điều 54 khoản 2 điểm b).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from review.errors import UnknownAuthority
from review.text.fold import fold


@dataclass(frozen=True)
class Authority:
    """A province or centrally-governed city. ``until`` is the last day it existed as such (None: it exists);
    ``merged_into`` the code of the unit it was merged into on ``merged_on``; ``absorbed`` the codes merged
    into it (it continues under its name)."""

    code: str
    name: str  # the official name with its kind: "Thành phố Hồ Chí Minh", "Tỉnh Bình Dương"
    kind: str  # "tinh" or "thanh_pho" (thành phố trực thuộc trung ương)
    short: str  # "Hồ Chí Minh"
    aliases: tuple[str, ...] = ()
    admin_code: str | None = None
    until: str | None = None
    merged_into: str | None = None
    merged_on: str | None = None
    absorbed: tuple[str, ...] = ()
    # Aliases valid only from a date ("thành phố Huế" names the centrally-governed city from 2025-01-01).
    alias_from: tuple[tuple[str, str], ...] = ()

    @property
    def current(self) -> bool:
        return self.until is None

    def exists_on(self, on: str) -> bool:
        return self.until is None or on <= self.until

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "short": self.short,
            "until": self.until,
            "merged_into": self.merged_into,
            "merged_on": self.merged_on,
            "absorbed": list(self.absorbed),
        }


def key(text: str) -> str:
    """The matching form of a name: accents folded (đ→d), lower case, punctuation and spacing made uniform
    ("TP.HCM" → "tp hcm", "Bà Rịa – Vũng Tàu" → "ba ria vung tau")."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text).lower()).split())


# The Pacific Ocean ("xuyên Thái Bình Dương") holds both "Thái Bình" and "Bình Dương".
_NOT_A_PLACE = re.compile(r"\bthai binh duong\b")
# Words that introduce a province or city by its kind.
_KIND_WORDS = ("tinh", "thanh pho", "tp")


class Registry:
    """Every authority by code, and a lookup of names as printed."""

    def __init__(self, authorities: list[Authority]):
        self.by_code = {a.code: a for a in authorities}
        # Folded alias → code, longest alias first so "tinh thua thien hue" wins over "hue".
        pairs: dict[str, str] = {}
        for a in authorities:
            for alias in (a.name, a.short, *a.aliases):
                pairs.setdefault(key(alias), a.code)
        self._aliases = sorted(pairs.items(), key=lambda kv: -len(kv[0]))
        self._alias_from = {key(alias): (a.code, start) for a in authorities for alias, start in a.alias_from}
        pattern = "|".join(re.escape(k) for k, _ in self._aliases if k)
        self._alias_re = re.compile(rf"(?<![a-z0-9])(?:{pattern})(?![a-z0-9])")

    def __iter__(self):
        return iter(self.by_code.values())

    def get(self, code: str) -> Authority:
        """The authority with this code (case does not matter); an unknown code is an error naming the codes
        that look closest."""
        found = self.by_code.get(code.strip().upper())
        if found is not None:
            return found
        by_name = self.find(code)
        if by_name is not None:
            return by_name
        close = sorted(self.by_code, key=lambda c: _distance(c, code.upper()))[:5]
        raise UnknownAuthority(f"no authority {code!r}", hint="did you mean " + ", ".join(close))

    def find(self, text: str | None, on: str | None = None, *, strict: bool = False) -> Authority | None:
        """The authority a name, an issuer line or a header names ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
        "UBND tỉnh Bình Dương", "TP.HCM"), or None. ``on`` is the date the text speaks of (an alias valid only
        later is not used). ``strict``: only a name introduced by its kind ("tỉnh …", "thành phố …") or a whole
        alias, never a bare short name inside longer text (bare names are also towns and communes)."""
        if not text:
            return None
        folded = _NOT_A_PLACE.sub(" ", key(text))
        if not folded:
            return None
        for m in self._alias_re.finditer(folded):
            alias = m.group(0)
            code = next(c for k, c in self._aliases if k == alias)
            start = self._alias_from.get(alias)
            if start and on and on < start[1]:
                continue  # "thành phố Huế" before 2025-01-01 was the district-level city
            authority = self.by_code[code]
            kind_word = _kind_before(folded, m.start())
            if kind_word in ("thanh pho", "tp") and authority.kind != "thanh_pho":
                # "thành phố Thanh Hóa" was the district-level capital of tỉnh Thanh Hóa, not the province.
                continue
            if strict and alias != folded and not alias.startswith(_KIND_WORDS) and kind_word is None:
                continue
            return authority
        return None

    def successor(self, code: str, on: str | None = None) -> Authority:
        """Who is responsible on ``on`` (default: now) for what ``code`` issued: itself, or the unit it was
        merged into once the merger took effect."""
        a = self.get(code)
        seen = {a.code}
        while a.merged_into and (on is None or a.merged_on is None or on >= a.merged_on):
            a = self.get(a.merged_into)
            if a.code in seen:
                break
            seen.add(a.code)
        return a

    def predecessors(self, code: str) -> tuple[Authority, ...]:
        """The units merged into ``code`` (and into those, transitively)."""
        out: list[Authority] = []
        todo = list(self.get(code).absorbed)
        while todo:
            c = todo.pop(0)
            a = self.get(c)
            if a not in out:
                out.append(a)
                todo.extend(a.absorbed)
        return tuple(out)

    def responsible_for(self, code: str) -> tuple[str, ...]:
        """The codes whose documents ``code`` is now responsible for: its own and its predecessors'."""
        return (self.get(code).code, *(a.code for a in self.predecessors(code)))


def _kind_before(folded: str, at: int) -> str | None:
    """The kind word ("tinh", "thanh pho", "tp") just before a name, if any."""
    before = folded[:at].rstrip()
    return next((w for w in _KIND_WORDS if before == w or before.endswith(" " + w)), None)


def _distance(a: str, b: str) -> int:
    """Edit distance with transpositions ("HMC" is one step from "HCM"); small strings only."""
    d = [[max(i, j) if min(i, j) == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def _authority(row: dict[str, Any]) -> Authority:
    merged = row.get("merged_into") or {}
    alias_from = tuple(
        (alias, caveat["valid_from"])
        for caveat in row.get("alias_caveats", ())
        if caveat.get("valid_from")
        for alias in caveat["aliases"]
    )
    return Authority(
        code=row["code"],
        name=row["name"],
        kind=row["kind"],
        short=row["short"],
        aliases=tuple(row.get("aliases", ())),
        admin_code=row.get("admin_code"),
        until=row.get("until"),
        merged_into=merged.get("code"),
        merged_on=merged.get("date"),
        absorbed=tuple(a["code"] for a in row.get("absorbed", ())),
        alias_from=alias_from,
    )


@cache
def registry() -> Registry:
    """The registry of ``data/authorities.json``, read once."""
    data = json.loads(resources.files("review").joinpath("data/authorities.json").read_text(encoding="utf-8"))
    return Registry([_authority(row) for row in data["authorities"]])


@cache
def legal_grounds() -> dict[str, dict[str, Any]]:
    """The legal grounds the registry cites (mergers, competence after a merger), by id."""
    data = json.loads(resources.files("review").joinpath("data/authorities.json").read_text(encoding="utf-8"))
    return {g["id"]: g for g in data.get("legal_grounds", ())}
