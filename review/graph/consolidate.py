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


@dataclass(frozen=True)
class UnitAt:
    """One unit of a document on a date: its state, its own line(s) then and as issued, and the acts on it.

    ``state``: ``unchanged``; ``amended`` (new wording applied); ``repealed``; ``unknown`` (an act on it says
    it was amended but its new wording could not be read from the store, so ``text`` is the last known one);
    ``covered`` (a unit above it, ``covered_by``, was replaced or repealed as a whole); ``inserted`` (a unit an
    amending act added, ``after`` the unit it follows); ``unplaced`` (an act names a unit the document does not
    have and whose wording could not be read — an annex, an insertion without its text), listed last."""

    eid: str
    state: str
    text: str
    original: str
    operations: tuple[Operation, ...]
    covered_by: str | None = None
    after: str | None = None  # an inserted unit: the unit it follows

    @property
    def body(self) -> str:
        """``text`` without the unit's own label (the page prints the label)."""
        return _strip_label(self.text)

    @property
    def head(self) -> str:
        """The label (and an article's heading) that ``body`` leaves out."""
        return self.text[: len(self.text) - len(self.body)].strip()

    def to_dict(self) -> dict:
        return {
            "eid": self.eid,
            "state": self.state,
            "text": self.text,
            "original": self.original,
            "covered_by": self.covered_by,
            "after": self.after,
            "operations": [o.to_dict() for o in self.operations],
        }


def _strip_label(line: str) -> str:
    head, _, rest = line.partition("\n")
    if re.match(r"^\s*(?:Điều|Chương|Mục|Phần|Phụ lục)\s", head, re.IGNORECASE):
        return rest
    return _LABEL.sub("", line, count=1)


def _instruction(snapshot: CorpusSnapshot, doc: str, eid: str) -> str:
    """The acting unit's words: an article's heading often holds the instruction ("Sửa đổi khoản 1 Điều 2 …
    như sau:") and its text only the quoted new wording."""
    u = snapshot.unit(doc, eid) if doc and eid else None
    if u is None:
        return ""
    return f"{u.heading}\n{u.text}" if u.kind == "dieu" and u.heading else u.text


def _apply(
    snapshot: CorpusSnapshot, tl: Timelines, doc: str, eid: str, at: str
) -> tuple[list[str], dict[str, str], dict[str, str], list[Operation], dict[str, list[int]]]:
    """The units under ``eid`` (all when empty) in order, their lines on ``at`` and as issued, the operations
    oldest first, and for each unit the operations that touched it (indexes into the list)."""
    rows = list(snapshot.units_of(doc))
    if eid:
        rows = [r for r in rows if r.eid == eid or r.eid.startswith(eid + "__")]
    order = [r.eid for r in rows]
    original = _render(rows)
    lines = dict(original)
    acts: list[tuple[str, str, Reason]] = []
    for table in (tl.amended, tl.ends):
        for n, reasons in table.items():
            d, _, e = n.partition("#")
            if d != doc or not e or (eid and e != eid and not e.startswith(eid + "__")):
                continue
            acts.extend((r.date, e, r) for r in reasons if r.date and r.date <= at)
    # A title or preamble naming the unit ("Sửa đổi khoản 1 Điều 2 …") is no instruction of its own when an
    # article of the same document acts on the unit.
    acting = {(r.doc, e) for _, e, r in acts if r.unit and r.unit != "preamble"}
    acts = [a for a in acts if a[2].unit not in (None, "preamble") or (a[2].doc, a[1]) not in acting]
    acts.sort(key=lambda a: (a[0], a[1]))
    ops: list[Operation] = []
    touched: dict[str, list[int]] = {}

    def touch(x: str) -> None:
        touched.setdefault(x, []).append(len(ops))

    def under(target: str) -> list[str]:
        return [x for x in order if x.startswith(target + "__")]

    for date, target, r in acts:
        instruction = _instruction(snapshot, r.doc or "", r.unit or "")
        if r.kind == "unit_repealed":
            if target in lines:
                label = _LABEL.match(lines[target])
                lines[target] = (label.group(0).strip() + " " if label else "") + "(được bãi bỏ)"
                touch(target)
                for x in under(target):
                    lines[x] = ""
                    touch(x)
            ops.append(Operation(date, r.doc, r.unit, target, "repeal_unit", target in lines, r.text or ""))
            continue
        m = _REPLACE_PHRASE.search(instruction) or _REMOVE_PHRASE.search(instruction)
        if m:
            old, new = m.group("old"), (m.groupdict().get("new") or "")
            hit = False
            for x in [target, *under(target)]:
                if old in lines.get(x, ""):
                    lines[x] = lines[x].replace(old, new)
                    touch(x)
                    hit = True
            if not hit and target in lines:
                touch(target)
            kind = "replace_phrase" if m.re is _REPLACE_PHRASE else "remove_phrase"
            ops.append(Operation(date, r.doc, r.unit, target, kind, hit, f"“{old}” → “{new}”"))
            continue
        q = _QUOTE.search(instruction)
        if q and target in lines and "như sau" in instruction[: q.start()].lower():
            lines[target] = q.group(1).strip()
            touch(target)
            for x in under(target):
                lines[x] = ""
                touch(x)
            ops.append(Operation(date, r.doc, r.unit, target, "replace_unit", True, r.text or ""))
            continue
        before = instruction[: q.start()].lower() if q else ""
        after = _predecessor(target, lines) if q and "bổ sung" in before and "như sau" in before else None
        if q and after is not None and target not in lines:
            # "Bổ sung Điều 10a sau Điều 10 như sau: “Điều 10a. …”": the new unit, after the one it follows
            place = max(i for i, x in enumerate(order) if x == after or x.startswith(after + "__")) + 1
            order.insert(place, target)
            lines[target] = q.group(1).strip()
            touch(target)
            ops.append(Operation(date, r.doc, r.unit, target, "insert_unit", True, r.text or ""))
            continue
        if target in lines:
            touch(target)
        ops.append(Operation(date, r.doc, r.unit, target, "unreadable", False, r.text or ""))
    return order, lines, original, ops, touched


def _predecessor(target: str, lines: dict[str, str]) -> str | None:
    """The unit an inserted one follows: ``dieu_10a`` → ``dieu_10``, ``khoan_1b`` → ``khoan_1a`` or ``khoan_1``."""
    *above, last = target.split("__")
    m = re.fullmatch(r"(.*?_?)(\d+)([a-zđ]+)", last)
    if not m:
        return None
    suffix = m.group(3)
    candidates = [suffix[:-1] + chr(c) for c in range(ord(suffix[-1]) - 1, ord("a") - 1, -1)] + [suffix[:-1]]
    for tail in candidates:
        eid = "__".join([*above, m.group(1) + m.group(2) + tail])
        if eid in lines:
            return eid
    return None


def text_at(snapshot: CorpusSnapshot, tl: Timelines, node: str, at: str) -> Consolidated:
    doc, _, eid = node.partition("#")
    order, lines, _, ops, _ = _apply(snapshot, tl, doc, eid, at)
    text = "\n".join(lines[x] for x in order if lines.get(x))
    return Consolidated(node, at, text, tuple(ops))


def units_at(snapshot: CorpusSnapshot, tl: Timelines, doc: str, at: str) -> list[UnitAt]:
    """Every unit of ``doc`` on ``at``, in reading order, with its state (see ``UnitAt``)."""
    order, lines, original, ops, touched = _apply(snapshot, tl, doc, "", at)
    out: list[UnitAt] = []
    covered: dict[str, str] = {}  # a unit under a replaced or repealed one → that unit
    for x in order:
        own = [ops[i] for i in touched.get(x, [])]
        mine = [o for o in own if o.target == x]
        parent = next((c for c in covered if x.startswith(c + "__")), None)
        state = "unchanged"
        if x not in original:
            prev = order[order.index(x) - 1] if order.index(x) else None
            follows = _predecessor(x, original) or prev
            out.append(UnitAt(x, "inserted", lines.get(x, ""), "", tuple(own), None, follows))
            continue
        if parent is not None:
            state = "covered"
        elif mine and mine[-1].kind == "repeal_unit" and mine[-1].applied:
            state = "repealed"
        elif mine and not mine[-1].applied:
            state = "unknown"
        elif own and lines.get(x, "") != original.get(x, ""):
            state = "amended"
        elif own and not all(o.applied for o in own):
            state = "unknown"
        if state in ("repealed", "amended") and any(o.kind in ("repeal_unit", "replace_unit") for o in mine):
            covered[x] = x
        text = lines.get(x, "") if state != "covered" else ""
        out.append(UnitAt(x, state, text, original.get(x, ""), tuple(own), parent))
    placed = set(order)
    unplaced: dict[str, list[Operation]] = {}
    for o in ops:
        if o.target not in placed:
            unplaced.setdefault(o.target, []).append(o)
    out.extend(UnitAt(t, "unplaced", "", "", tuple(found)) for t, found in unplaced.items())
    return out
