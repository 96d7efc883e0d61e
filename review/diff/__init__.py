"""Versions compared: two texts of provisions aligned unit by unit, with the words that changed.

A text (a unit's wording on a date, a whole document) is cut into segments — articles ("Điều 5." lines and what
follows), or the lines of clauses and points ("1.", "a)") inside one unit. Segments are paired in three passes:
the same number with similar words (``same`` or ``changed``); then, among the rest, the most similar words
whatever the number (``renumbered`` when the numbers differ: an article moved or a clause inserted before it);
then the same number with different words (``rewritten``). What is left is ``removed`` or ``added``. Each pair
carries a word-level diff (``equal`` / ``delete`` / ``insert`` runs).

Only the standard library is used (difflib); the texts come from the API (``Corpus.diff``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from review.text.fold import fold

SAME_NUMBER = 0.5  # similarity above which a segment with the same number is the same provision
MOVED = 0.6  # similarity above which a segment with another number is that provision renumbered
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_ARTICLE = re.compile(r"^\s*Điều\s+(\d+[a-zđ]?)\s*[.:]", re.IGNORECASE)
_LINE_LABEL = re.compile(r"^\s*(?:Điều\s+(\d+[a-zđ]?)\s*[.:]|(\d+[a-zđ]?)\.|([a-zđ]\d*)\))", re.IGNORECASE)


@dataclass(frozen=True)
class Segment:
    key: str  # "dieu_5", "khoan_2", "diem_a", or "#3" (the third unlabelled line)
    label: str  # as printed: "Điều 5", "2.", "a)"
    text: str


@dataclass(frozen=True)
class Pair:
    match: str  # same | changed | renumbered | rewritten | removed | added
    left: Segment | None
    right: Segment | None
    similarity: float
    ops: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "match": self.match,
            "left": self.left.__dict__ if self.left else None,
            "right": self.right.__dict__ if self.right else None,
            "similarity": round(self.similarity, 3),
            "ops": [list(o) for o in self.ops],
        }


@dataclass(frozen=True)
class Comparison:
    left_name: str
    right_name: str
    pairs: tuple[Pair, ...]
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "left": self.left_name,
            "right": self.right_name,
            "counts": self.counts,
            "pairs": [p.to_dict() for p in self.pairs],
        }


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def similarity(a: str, b: str) -> float:
    """How alike two wordings are (0..1): the ratio of matching words, accents and case folded."""
    ta, tb = tokens(fold(a)), tokens(fold(b))
    if not ta and not tb:
        return 1.0
    if not ta or not tb:
        return 0.0
    # A cheap bound first: the share of shared words can only be at least the ratio.
    sa, sb = set(ta), set(tb)
    if 2 * len(sa & sb) / (len(sa) + len(sb)) < 0.2:
        return 2 * len(sa & sb) / (len(sa) + len(sb))
    return SequenceMatcher(None, ta, tb, autojunk=False).ratio()


def word_diff(a: str, b: str) -> tuple[tuple[str, str], ...]:
    """Runs of ``equal``, ``delete`` (only in ``a``) and ``insert`` (only in ``b``) words, spaces kept."""
    pa, pb = re.findall(r"\S+\s*", a), re.findall(r"\S+\s*", b)
    ka, kb = [w.strip() for w in pa], [w.strip() for w in pb]
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("equal", "".join(pb[j1:j2])))
            continue
        if i2 > i1:
            out.append(("delete", "".join(pa[i1:i2])))
        if j2 > j1:
            out.append(("insert", "".join(pb[j1:j2])))
    return tuple(out)


def segments(text: str, by: str = "article") -> list[Segment]:
    """Cut ``text`` into articles (``by="article"``; text before the first article is ``#0``) or into lines
    labelled by their clause or point number (``by="line"``)."""
    out: list[Segment] = []
    if by == "article":
        key, label, lines = "#0", "", []  # type: ignore[var-annotated]
        for line in text.splitlines():
            m = _ARTICLE.match(line)
            if m:
                if lines and "".join(lines).strip():
                    out.append(Segment(key, label, "\n".join(lines).strip()))
                key, label, lines = f"dieu_{m.group(1).lower()}", f"Điều {m.group(1)}", []
            lines.append(line)
        if lines and "".join(lines).strip():
            out.append(Segment(key, label, "\n".join(lines).strip()))
        return out
    seen: dict[str, int] = {}
    for i, line in enumerate(x for x in text.splitlines() if x.strip()):
        m = _LINE_LABEL.match(line)
        if m and m.group(1):
            key, label = f"dieu_{m.group(1).lower()}", f"Điều {m.group(1)}"
        elif m and m.group(2):
            key, label = f"khoan_{m.group(2).lower()}", f"{m.group(2)}."
        elif m and m.group(3):
            key, label = f"diem_{m.group(3).lower()}", f"{m.group(3)})"
        else:
            key, label = f"#{i}", ""
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append(Segment(key if not n else f"{key}~{n}", label, line.strip()))
    return out


def _body(s: Segment) -> str:
    """The words without the number, so that a renumbered provision compares equal to itself."""
    m = _LINE_LABEL.match(s.text)
    return s.text[m.end() :] if m else s.text


def align(left: list[Segment], right: list[Segment]) -> list[Pair]:
    """Pair the segments of two versions (see the module docstring), in the order of the right-hand text, each
    removed segment placed after the pair that precedes it on the left."""
    pairs: dict[int, Pair] = {}  # right index -> pair
    used_left: set[int] = set()
    by_key = {s.key: j for j, s in enumerate(right)}
    for i, s in enumerate(left):
        j = by_key.get(s.key)
        if j is not None and j not in pairs:
            sim = similarity(_body(s), _body(right[j]))
            if sim >= SAME_NUMBER:
                pairs[j] = _pair("same" if s.text == right[j].text else "changed", s, right[j], sim)
                used_left.add(i)
    for i, s in enumerate(left):
        if i in used_left:
            continue
        best, best_j = 0.0, None
        for j, t in enumerate(right):
            if j in pairs:
                continue
            sim = similarity(_body(s), _body(t))
            if sim > best:
                best, best_j = sim, j
        if best_j is not None and best >= MOVED:
            match = "renumbered" if s.key != right[best_j].key else "changed"
            pairs[best_j] = _pair(match, s, right[best_j], best)
            used_left.add(i)
    for i, s in enumerate(left):
        j = by_key.get(s.key)
        if i not in used_left and j is not None and j not in pairs:
            pairs[j] = _pair("rewritten", s, right[j], similarity(_body(s), _body(right[j])))
            used_left.add(i)
    left_at = {id(p.left): i for p in pairs.values() for i, s in enumerate(left) if p.left is s}
    ordered: list[tuple[float, Pair]] = []
    for j, t in enumerate(right):
        ordered.append((float(j), pairs.get(j) or Pair("added", None, t, 0.0, (("insert", t.text),))))
    # A removed segment goes right after the right-hand position of the nearest paired segment before it.
    right_of_left = {left_at[id(p.left)]: j for j, p in pairs.items()}
    for i, s in enumerate(left):
        if i in used_left:
            continue
        before = [right_of_left[k] for k in right_of_left if k < i]
        pos = (max(before) if before else -1) + 0.5 + i / (10 * (len(left) + 1))
        ordered.append((pos, Pair("removed", s, None, 0.0, (("delete", s.text),))))
    return [p for _, p in sorted(ordered, key=lambda x: x[0])]


def _pair(match: str, a: Segment, b: Segment, sim: float) -> Pair:
    return Pair(match, a, b, sim, word_diff(a.text, b.text))


def compare(
    left_text: str, right_text: str, *, by: str = "article", left_name: str = "", right_name: str = ""
):
    """The comparison of two texts (see ``align``), with the count of pairs by match."""
    pairs = align(segments(left_text, by), segments(right_text, by))
    counts: dict[str, int] = {}
    for p in pairs:
        counts[p.match] = counts.get(p.match, 0) + 1
    return Comparison(left_name, right_name, tuple(pairs), counts)
