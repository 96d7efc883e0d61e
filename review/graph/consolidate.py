"""The text of a unit as amended on a date (a computed consolidation, never an official one).

Three operations are applied, oldest act first, when the acting unit's words allow it:

- whole-unit replacement: "Sửa đổi, bổ sung Điều 3 như sau: “Điều 3. …”" replaces the unit (or the unit under
  it that the instruction addresses) with the quoted text;
- phrase edits: "thay thế cụm từ “A” bằng cụm từ “B” tại …" and "bỏ cụm từ “A” tại …";
- repeal: "bãi bỏ khoản 3 Điều 5" leaves the unit marked as repealed.

Anything else (an insertion whose place cannot be read, an instruction with no quotation) is listed as not
applied, so the reader knows the result is partial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from review.graph.timeline import Timelines
from review.models import Reason, UnitRecord
from review.store import CorpusSnapshot
from review.vocab import UnitKind

_QUOTE = re.compile(r"[“\"]([\s\S]*?)[”\"](?=\s*(?:$|\n|[.;,]\s*$|[.;,]?\s*\n))")
_REPLACE_PHRASE = re.compile(
    r"(?:thay\s+thế|thay)\s+(?:các\s+)?(?:cụm\s+)?từ\s+[“\"](?P<old>[^”\"]+)[”\"]\s+bằng\s+(?:các\s+)?(?:cụm\s+)?"
    r"từ\s+[“\"](?P<new>[^”\"]+)[”\"]",
    re.IGNORECASE,
)
_REMOVE_PHRASE = re.compile(
    r"(?:bãi\s+)?bỏ\s+(?:các\s+)?(?:cụm\s+)?từ\s+[“\"](?P<old>[^”\"]+)[”\"]", re.IGNORECASE
)
_LABEL = re.compile(r"^\s*(?:Điều\s+\d+[a-zđ]?\.?|\d+[a-zđ]?\.|[a-zđ]\d*\))\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Operation:
    date: str | None
    doc: str | None
    unit: str | None
    target: str
    kind: str  # replace_unit, replace_phrase, remove_phrase, repeal_unit
    applied: bool
    detail: str

    def to_dict(self) -> dict:
        return {
            "date": self.date,
            "doc": self.doc,
            "unit": self.unit,
            "target": self.target,
            "kind": self.kind,
            "applied": self.applied,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class Consolidated:
    node: str
    at: str
    text: str
    operations: tuple[Operation, ...]
    computed: bool = True

    def to_dict(self) -> dict:
        return {
            "node": self.node,
            "at": self.at,
            "text": self.text,
            "operations": [o.to_dict() for o in self.operations],
            "computed": self.computed,
            "note": "Văn bản hợp nhất do công cụ tính toán, không phải văn bản hợp nhất chính thức "
            "(computed consolidation, not an official one).",
        }


def _render(rows: list[UnitRecord]) -> dict[str, str]:
    """Each unit's own line(s): label, heading and text."""
    out = {}
    for r in rows:
        label = UnitKind(r.kind).vi if r.kind in list(UnitKind) else ""
        if r.kind == "dieu":
            head = f"Điều {r.num}." + (f" {r.heading}" if r.heading else "")
        elif r.kind == "khoan":
            head = f"{r.num}."
        elif r.kind == "diem":
            head = f"{r.num})"
        else:
            head = f"{label} {r.num or ''}".strip() + (f". {r.heading}" if r.heading else "")
        body = r.text or ""
        out[r.eid] = (
            f"{head} {body}".strip()
            if r.kind in ("khoan", "diem")
            else "\n".join(x for x in (head, body) if x)
        )
    return out


def text_at(snapshot: CorpusSnapshot, tl: Timelines, node: str, at: str) -> Consolidated:
    doc, _, eid = node.partition("#")
    rows = list(snapshot.units_of(doc))
    if eid:
        rows = [r for r in rows if r.eid == eid or r.eid.startswith(eid + "__")]
    order = [r.eid for r in rows]
    lines = _render(rows)
    acts: list[tuple[str, str, Reason]] = []
    for table in (tl.amended, tl.ends):
        for n, reasons in table.items():
            d, _, e = n.partition("#")
            if d != doc or not e or (eid and e != eid and not e.startswith(eid + "__")):
                continue
            acts.extend((r.date, e, r) for r in reasons if r.date and r.date <= at)
    acts.sort(key=lambda a: (a[0], a[1]))
    ops: list[Operation] = []
    for date, target, r in acts:
        instruction = snapshot.unit_text(r.doc or "", r.unit or "")
        if r.kind == "unit_repealed":
            if target in lines:
                label = _LABEL.match(lines[target])
                lines[target] = (label.group(0).strip() + " " if label else "") + "(được bãi bỏ)"
                for x in order:
                    if x.startswith(target + "__"):
                        lines[x] = ""
            ops.append(Operation(date, r.doc, r.unit, target, "repeal_unit", target in lines, r.text or ""))
            continue
        m = _REPLACE_PHRASE.search(instruction) or _REMOVE_PHRASE.search(instruction)
        if m:
            old, new = m.group("old"), (m.groupdict().get("new") or "")
            hit = False
            for x in order:
                if x == target or x.startswith(target + "__"):
                    if old in lines.get(x, ""):
                        lines[x] = lines[x].replace(old, new)
                        hit = True
            kind = "replace_phrase" if m.re is _REPLACE_PHRASE else "remove_phrase"
            ops.append(Operation(date, r.doc, r.unit, target, kind, hit, f"“{old}” → “{new}”"))
            continue
        q = _QUOTE.search(instruction)
        if q and target in lines and "như sau" in instruction[: q.start()].lower():
            lines[target] = q.group(1).strip()
            for x in order:
                if x.startswith(target + "__"):
                    lines[x] = ""
            ops.append(Operation(date, r.doc, r.unit, target, "replace_unit", True, r.text or ""))
            continue
        ops.append(Operation(date, r.doc, r.unit, target, "unreadable", False, r.text or ""))
    text = "\n".join(lines[x] for x in order if lines.get(x))
    return Consolidated(node, at, text, tuple(ops))
