"""The unit tree: Phần › Chương › Mục › Tiểu mục › Điều › Khoản › Điểm, plus Phụ lục.

Lenient by design: every line lands somewhere, nothing is refused; what does not fit (a clause outside any
article, a gap in the numbering, an unclosed quotation) becomes a ``Note``.

Quote-aware: in an amending document the new text after "như sau:" is quoted (“…”) and is content of the
amending unit, not units of the amending document (``review.structure.quotes`` finds it). When a source has lost
the quotation marks, the block that follows an amending instruction is still kept as content until the amending
document's own numbering resumes.

The builder reads lines classified by ``review.structure.lines``; eids (``review.structure.eids``) and unit numbering
gaps (``review.structure.gaps``) are worked out on the finished draft, which is then frozen into ``Unit``s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from review import notes as codes
from review.identity.units import POINT_LETTERS, int_to_roman, split_num
from review.models import Note, PageSpan, Unit
from review.structure import patterns as P
from review.structure.draft import DraftUnit, freeze
from review.structure.eids import assign_eids
from review.structure.gaps import report_numbering_gaps
from review.structure.lines import Heading, Line, classify, split_lines
from review.structure.quotes import quoted_regions

__all__ = ["TreeResult", "build_tree"]

LEVELS = {"phu_luc": 0, "phan": 1, "chuong": 2, "muc": 3, "tieu_muc": 4, "dieu": 5, "khoan": 6, "diem": 7}
HEADED = {"phu_luc", "phan", "chuong", "muc", "tieu_muc", "dieu"}


@dataclass(frozen=True)
class TreeResult:
    units: tuple[Unit, ...]
    body_start: int  # index (into the lines) of the first structural line; the preamble lies before it
    notes: tuple[Note, ...]
    quoted: frozenset[int]  # line indexes that are quoted content


class _Builder:
    def __init__(
        self, lines: Sequence[Line], quoted: set[int], lang: str, quote_ends: dict[int, int] | None = None
    ):
        self.lines = lines
        self.quoted = quoted
        self.quote_ends = quote_ends or {}
        self.lang = lang
        self.root = DraftUnit("root", None, None, Line("", 0, 0))
        self.stack: list[DraftUnit] = [self.root]
        self.notes: list[Note] = []
        self.after_signature = False
        self.in_attachment = False
        self.article_nums: list[str] = []
        self.orphans: dict[str, list[int]] = {}
        self.implicit_quote_from: DraftUnit | None = None
        self.implicit_used = False

    # The node that receives body text.
    @property
    def top(self) -> DraftUnit:
        return self.stack[-1]

    def open(self, node: DraftUnit) -> None:
        level = LEVELS[node.kind]
        while len(self.stack) > 1 and LEVELS[self.stack[-1].kind] >= level:
            self.stack.pop()
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def current(self, kind: str) -> DraftUnit | None:
        return next((n for n in reversed(self.stack) if n.kind == kind), None)

    def successors(self, *, first_child: bool = False) -> set[tuple[str, str]]:
        """(kind, num) pairs that would continue the document's own numbering from here; with ``first_child``,
        also the first clause or point under the innermost unit (right after an instruction, "a)" is more
        likely the instruction's own first point than new text)."""
        out: set[tuple[str, str]] = set()
        top = self.stack[-1].kind
        if first_child and top == "dieu":
            out.update({("khoan", "1"), ("diem", "a")})
        elif first_child and top == "khoan":
            out.add(("diem", "a"))
        for node in self.stack[1:]:
            if node.num is None or node.kind == "phu_luc":
                continue
            base, suffix = split_num(node.num, node.kind)
            if node.kind == "diem":
                if base < len(POINT_LETTERS):
                    out.add(("diem", POINT_LETTERS[base]))
                out.add(("diem", node.num[0] + str(int(suffix or 0) + 1)))
            elif node.kind == "chuong":
                out.add(("chuong", int_to_roman(base + 1)))
            else:
                out.add((node.kind, str(base + 1)))
                out.add((node.kind, f"{base}{chr(ord(suffix) + 1) if suffix else 'a'}"))
        return out

    def build(self) -> tuple[list[DraftUnit], int]:
        body_start = len(self.lines)
        for index, line in enumerate(self.lines):
            text = line.text
            if index in self.quoted:
                if not self._resumes_own_numbering(line):
                    self._append_text(line, quoted=True)
                    continue
                # A quotation left open swallows the document's own next unit: close it before this line.
                for k in range(index, self.quote_ends.get(index, index + 1)):
                    self.quoted.discard(k)
                self.notes.append(
                    Note(
                        codes.UNCLOSED_QUOTE,
                        "a quotation runs into the document's own next unit; closed before it",
                        line=line.number,
                    )
                )
            if self.implicit_quote_from is not None:
                heading = classify(text, self.lang, after_signature=self.after_signature)
                if heading is None or (heading.kind, heading.num) not in self.successors():
                    if not P.SIGNATURE.match(text):
                        self.implicit_quote_from.lines.append(text)
                        continue
                self.implicit_quote_from = None
            if P.SIGNATURE.match(text):
                self.after_signature = True
                self._close_body()
                continue
            heading = classify(text, self.lang, after_signature=self.after_signature)
            if (
                heading is None
                and self.after_signature
                and self.top is self.root
                and P.ATTACHMENT_TITLE.match(text)
                and text.isupper()
            ):
                heading = Heading("phu_luc", None, text)
            if heading is None:
                self._append_text(line)
                self._maybe_implicit_quote(index, line)
                continue
            if body_start == len(self.lines) and heading.kind not in ("khoan", "diem"):
                body_start = index
            node = self._place(heading, line)
            if node is not None:
                self._maybe_implicit_quote(index, line, node)
        if body_start == len(self.lines):
            # No heading at all: the whole text is preamble-free body of a document without articles.
            body_start = 0
        self._report_orphans()
        return self.root.children, body_start

    def _resumes_own_numbering(self, line: Line) -> bool:
        """A line inside a quotation that can only be the document's own next unit: "Điều N+1." of its own
        articles, its next "Chương", or its next clause when that clause is itself an amending instruction."""
        text = line.text
        if text[0] in P.QUOTE_OPEN or not self.article_nums:
            return False
        heading = classify(text, self.lang, after_signature=self.after_signature)
        if heading is None or heading.num is None:
            return False
        if heading.kind == "dieu":
            last, _ = split_num(self.article_nums[-1] or "0", "dieu")
            return heading.num == str(last + 1)
        if heading.kind == "chuong":
            chapter = self.current("chuong")
            return chapter is not None and heading.num == int_to_roman(
                split_num(chapter.num or "0", "chuong")[0] + 1
            )
        if heading.kind == "khoan":
            article = self.current("dieu")
            clauses = [c for c in article.children if c.kind == "khoan"] if article else []
            if not clauses:
                return False
            last, _ = split_num(clauses[-1].num or "0", "khoan")
            return heading.num == str(last + 1) and bool(P.OWN_INSTRUCTION.match(heading.rest))
        return False

    def _maybe_implicit_quote(self, index: int, line: Line, node: DraftUnit | None = None) -> None:
        # "Sửa đổi, bổ sung một số điều của Luật … như sau:" opens a list of operations, not new text.
        if not _ends_as_follows(line.text) or not P.AMENDING_INTRO.search(line.text):
            return
        if P.CONTAINER_OPERATION.search(line.text):
            return
        nxt = index + 1
        if nxt >= len(self.lines) or nxt in self.quoted:
            return
        following = classify(self.lines[nxt].text, self.lang)
        if following is None:
            return
        holder = node or self.top
        # Only an instruction inside a unit introduces new text; the enacting formula of the preamble ("… ban
        # hành Thông tư bãi bỏ … như sau:") is followed by the document's own articles. And a heading that
        # continues the document's numbering is its own structure, quoted or not.
        if holder is self.root or (following.kind, following.num) in self.successors(first_child=True):
            return
        self.implicit_quote_from = holder
        if not self.implicit_used:
            self.implicit_used = True
            self.notes.append(
                Note(
                    codes.IMPLICIT_QUOTE,
                    "new text after an amending instruction has no quotation marks; kept as content of the "
                    "amending unit until the document's own numbering resumes",
                    line=line.number,
                )
            )

    def _close_body(self) -> None:
        """After the signature block, what follows (annexes, attached regulations) starts at the top."""
        del self.stack[1:]

    def _append_text(self, line: Line, *, quoted: bool = False) -> None:
        node = self.top
        if node is self.root:
            # Before the first heading: preamble. After the signature: signer's name, recipients; not body.
            if not self.after_signature:
                node.lines.append(line.text)
            return
        if (
            node.kind == "dieu"
            and node.heading
            and not node.lines
            and not node.children
            and not quoted
            and line.text[0].islower()
            and not re.search(r"[.:;!?]$", node.heading)
        ):
            # An article heading that wrapped onto the next line (PDFs): "Điều 17. Hành vi … không được làm
            # khi" / "thực hiện hợp đồng lao động".
            node.heading = f"{node.heading} {line.text}"
            return
        if node.kind in HEADED and node.heading is None and not node.lines and not node.children:
            if node.kind in ("chuong", "phan", "muc", "tieu_muc", "phu_luc") and not quoted:
                node.heading = line.text
                return
        elif (
            node.kind in ("chuong", "phan", "muc", "tieu_muc")
            and not node.lines
            and not node.children
            and node.heading
            and node.heading.isupper()
            and line.text.isupper()
        ):
            # A chapter title in capitals that wraps onto a second line.
            node.heading = f"{node.heading} {line.text}"
            return
        node.lines.append(line.text)

    def _place(self, heading: Heading, line: Line) -> DraftUnit | None:
        kind, num = heading.kind, heading.num
        annex = self.current("phu_luc")
        if kind != "phu_luc" and annex is not None and annex.heading and P.FORM_HEADING.match(annex.heading):
            # Inside a form ("Mẫu số 03"), "Điều 1." and "1." are the template's words, not units.
            self._append_text(line)
            return None
        if kind == "khoan":
            container = self.current("dieu")
            if container is None:
                # Numbered items of an annex are its content; elsewhere they are reported.
                if self.current("phu_luc") is None:
                    self.orphans.setdefault("khoan", []).append(line.number)
                self._append_text(line)
                return None
            # A numbered line inside a point is a sub-item of the point, not a new clause; one that cannot
            # follow the article's last clause is text too.
            if (self.top.kind == "diem" or container.children) and self._breaks_sequence(
                container, "khoan", num
            ):
                self._append_text(line)
                return None
        elif kind == "diem":
            container = self.current("khoan") or self.current("dieu")
            if container is None:
                if self.current("phu_luc") is None:
                    self.orphans.setdefault("diem", []).append(line.number)
                self._append_text(line)
                return None
            if self.top.kind == "khoan" and self.top is not container:
                container = self.top
        elif kind == "dieu":
            self._check_article_restart(num, line)
        elif kind == "phu_luc":
            self.in_attachment = True
            self.article_nums = []
        text_heading = heading.rest or None
        node = DraftUnit(kind, num, text_heading if kind in HEADED else None, line)
        if kind not in HEADED and heading.rest:
            node.lines.append(heading.rest)
        self.open(node)
        if kind == "dieu":
            self.article_nums.append(num or "")
        return node

    def _breaks_sequence(self, container: DraftUnit, kind: str, num: str | None) -> bool:
        """True when ``num`` cannot be the next ``kind`` in ``container`` (e.g. "1." again inside clause 3)."""
        if num is None:
            return False
        # The last sibling of that kind, looked for from the end (a scan of every child made n lines cost n²).
        last = next((c for c in reversed(container.children) if c.kind == kind), None)
        if last is None:
            return False
        last_base, _ = split_num(last.num or "0", kind)
        base, _ = split_num(num, kind)
        return base < last_base or base > last_base + 5

    def _check_article_restart(self, num: str | None, line: Line) -> None:
        if not self.article_nums or num is None:
            return
        base, _ = split_num(num, "dieu")
        if base == 1 and not self.in_attachment:
            # A second "Điều 1." opens an attached text (the regulation a decision promulgates).
            node = DraftUnit("phu_luc", None, None, line)
            self.open(node)
            self.in_attachment = True
            self.article_nums = []
            self.notes.append(
                Note(
                    codes.ARTICLE_RESTART,
                    "article numbering restarts at Điều 1; the articles from here on are read as an attached text",
                    line=line.number,
                )
            )

    def _report_orphans(self) -> None:
        for kind, line_numbers in self.orphans.items():
            label = "clauses" if kind == "khoan" else "points"
            self.notes.append(
                Note(
                    codes.ORPHAN_CLAUSE if kind == "khoan" else codes.ORPHAN_POINT,
                    f"{len(line_numbers)} numbered {label} outside any article were kept as text",
                    line=line_numbers[0],
                )
            )


def build_tree(
    text: str, *, lang: str = "vi", pages: Sequence[PageSpan] = ()
) -> tuple[TreeResult, list[Line]]:
    """Segment cleaned text into units. Returns the tree and the lines (the header parser reads them too)."""
    lines = split_lines(text)
    quoted, found, ends = quoted_regions(lines)
    builder = _Builder(lines, quoted, lang, ends)
    nodes, body_start = builder.build()
    found.extend(builder.notes)
    assign_eids(nodes, found)
    report_numbering_gaps(nodes, found)
    starts = [p.start for p in pages]
    units = tuple(freeze(n, pages, starts) for n in nodes)
    found.sort(key=lambda n: n.line or 0)
    return TreeResult(units, body_start, tuple(found), frozenset(quoted)), lines


def _ends_as_follows(text: str) -> bool:
    """Whether the line ends as an amending instruction must ("… như sau:"): a check in a few characters that
    spares the amending-intro pattern (case-insensitive, from the line's start) on every other line."""
    tail = text.rstrip().removesuffix(":").rstrip()
    return tail[-10:].lower().endswith(("như sau", "as follows"))
