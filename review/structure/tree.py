"""The unit tree: Phần › Chương › Mục › Tiểu mục › Điều › Khoản › Điểm, plus Phụ lục.

Lenient by design: every line lands somewhere, nothing is refused; what does not fit (a clause outside any
article, a gap in the numbering, an unclosed quotation) becomes a ``Note``.

Quote-aware: in an amending document the new text after "như sau:" is quoted (“…”) and is content of the
amending unit, not units of the amending document. When a source has lost the quotation marks, the block that
follows an amending instruction is still kept as content until the amending document's own numbering resumes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from review.models import Note, PageSpan, Unit
from review.models import note_codes as codes
from review.structure import patterns as P

LEVELS = {"phu_luc": 0, "phan": 1, "chuong": 2, "muc": 3, "tieu_muc": 4, "dieu": 5, "khoan": 6, "diem": 7}
HEADED = {"phu_luc", "phan", "chuong", "muc", "tieu_muc", "dieu"}


@dataclass(frozen=True)
class Line:
    text: str
    start: int  # offset of the line in the cleaned text
    number: int  # 1-based line number


@dataclass(frozen=True)
class Heading:
    kind: str
    num: str | None
    rest: str


@dataclass
class _Node:
    kind: str
    num: str | None
    heading: str | None
    line: Line
    lines: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    eid: str = ""


@dataclass(frozen=True)
class TreeResult:
    units: tuple[Unit, ...]
    body_start: int  # index (into the lines) of the first structural line; the preamble lies before it
    notes: tuple[Note, ...]
    quoted: frozenset[int]  # line indexes that are quoted content


def split_lines(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            out.append(Line(stripped, pos + raw.index(stripped[0]), number))
        pos += len(raw) + 1
    return out


def classify(text: str, lang: str = "vi", *, after_signature: bool = False) -> Heading | None:
    """The structural heading a line starts, or None for body text."""
    if lang == "en":
        return _classify_en(text)
    if text.startswith(("Điều", "ĐIỀU")):
        m = P.DIEU.match(text) or P.DIEU_NO_DOT.match(text)
        if m:
            return Heading("dieu", m.group("num").lower(), m.group("rest").strip())
    m = P.KHOAN.match(text)
    if m:
        return Heading("khoan", m.group("num").lower(), m.group("rest"))
    m = P.DIEM.match(text)
    if m:
        return Heading("diem", m.group("num"), m.group("rest"))
    if len(text) > 250:
        return None
    m = P.CHUONG.match(text)
    if m and _looks_like_title(m.group("rest")):
        return Heading("chuong", _chapter_num(m.group("num")), m.group("rest").strip())
    m = P.MUC.match(text)
    if m and _looks_like_title(m.group("rest")):
        return Heading("muc", m.group("num"), m.group("rest").strip())
    m = P.TIEU_MUC.match(text)
    if m and _looks_like_title(m.group("rest")):
        return Heading("tieu_muc", m.group("num"), m.group("rest").strip())
    m = P.PHAN.match(text)
    if m and _looks_like_title(m.group("rest")):
        if m.group("ord"):
            num = str(P.ORDINAL_VALUES.get(m.group("ord").lower(), 0) or m.group("ord"))
        else:
            num = m.group("num")
            num = str(P.roman_to_int(num)) if not num.isdigit() else num
        return Heading("phan", num, m.group("rest").strip())
    if after_signature and _FORM.match(text):
        # A form after the signature ("Mẫu số 03/SHTT") is an attachment of its own: its "Điều 1." are the
        # form's, not the document's.
        return Heading("phu_luc", None, text)
    m = P.PHU_LUC.match(text)
    if m and (after_signature or text.startswith("PHỤ LỤC")):
        num = m.group("num")
        return Heading("phu_luc", num.upper() if num else None, m.group("rest").strip())
    return None


def _classify_en(text: str) -> Heading | None:
    m = P.EN_ARTICLE.match(text)
    if m:
        return Heading("dieu", m.group("num").lower(), m.group("rest").strip())
    m = P.KHOAN.match(text)
    if m:
        return Heading("khoan", m.group("num").lower(), m.group("rest"))
    m = P.DIEM.match(text)
    if m:
        return Heading("diem", m.group("num"), m.group("rest"))
    if len(text) > 250:
        return None
    for kind, pattern in (("chuong", P.EN_CHAPTER), ("muc", P.EN_SECTION), ("phan", P.EN_PART)):
        m = pattern.match(text)
        if m and _looks_like_title(m.group("rest")):
            num = m.group("num")
            if kind == "chuong":
                num = _chapter_num(num)
            elif kind == "phan":
                words = {"ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5, "SIX": 6}
                num = str(words.get(num.upper()) or (num if num.isdigit() else P.roman_to_int(num)))
            return Heading(kind, num, m.group("rest").strip())
    m = P.EN_APPENDIX.match(text)
    if m and text[:8].isupper():
        return Heading("phu_luc", (m.group("num") or "").upper() or None, m.group("rest").strip())
    return None


# "Mẫu số 01", "Mẫu 03/SHTT", "MẪU SỐ 02. (Ban hành kèm theo …)": a form code has a digit.
_FORM = re.compile(
    r"^(?:Mẫu|MẪU)(?:\s+(?:số|SỐ))?\s*:?\s*[A-ZĐ]{0,6}[-\s]?\d[\w\-./]{0,20}(?:[.:]|\s*$|\s+\()(?!.{160})"
)


def _looks_like_title(rest: str) -> bool:
    """A heading's remainder is empty or a title, not running text that merely starts with "Chương II của"."""
    rest = rest.strip()
    if not rest:
        return True
    if rest[0].islower() or "=" in rest:
        return False  # "Mục 1 = mục 1.1 + …" is a form's footnote
    return not re.match(r"(của|Luật|Nghị|Bộ luật|Thông tư|và|này|of|and)\b", rest)


def _chapter_num(num: str) -> str:
    """Chapters are cited in Roman numerals; an Arabic "Chương 2" gets the same eid as "Chương II"."""
    if num[:1].isdigit():
        m = re.fullmatch(r"(\d+)([a-z]?)", num)
        if m:
            return P.int_to_roman(int(m.group(1))) + m.group(2)
    return num.upper()


def eid_token(num: str | None) -> str:
    """A unit number as it appears in an eid: đ is written dd, anything unsafe becomes '_'."""
    if not num:
        return ""
    token = num.replace("đ", "dd").replace("Đ", "DD")
    return re.sub(r"[^A-Za-z0-9.\-]", "_", token)


# --- Quotation pass --------------------------------------------------------------------------------------------

_OPEN_AFTER_COLON = re.compile(r":\s*[“\"«]")


def _quote_balance(text: str, depth: int) -> int:
    for ch in text:
        if ch in "“«":
            depth += 1
        elif ch in "”»":
            depth = max(depth - 1, 0)
        elif ch == '"':
            depth = depth + 1 if depth == 0 else depth - 1
    return depth


def _closes_at_end(text: str) -> bool:
    """A line that ends a quoted block: a closing quote at its end, maybe followed by punctuation ("”.", "\";")."""
    return bool(_CLOSING_AT_END.search(text))


_CLOSING_AT_END = re.compile(r"[”\"»]\s*[.;,:]*\s*(?:/\.)?\s*$")


def _likely_own_unit(text: str) -> bool:
    """Where new text with a missing closing quote most likely ends: the amending document's next instruction
    ("4. Bổ sung Điều 10a … như sau:", "Điều 3. Sửa đổi …") or its next chapter."""
    if text[0] in P.QUOTE_OPEN:
        return False
    heading = classify(text)
    if heading is None:
        return False
    if heading.kind == "chuong":
        return True
    return heading.kind in ("dieu", "khoan") and bool(_OWN_INSTRUCTION.match(heading.rest))


def quoted_line_indexes(lines: Sequence[Line]) -> tuple[set[int], list[Note]]:
    quoted, found, _ = quoted_regions(lines)
    return quoted, found


def quoted_regions(lines: Sequence[Line]) -> tuple[set[int], list[Note], dict[int, int]]:
    """Indexes of lines that are quoted content, and notes for quotations that never close.

    A quotation block starts on a line that begins with an opening quote right after a line ending with a colon
    ("… như sau:"), or on a line whose quote opens right after a colon ("như sau: “…"); a stray quote in the middle of running text starts nothing, so a typo cannot swallow
    the rest of the document. Curly quotes nest, so a block ends where they balance. Straight quotes cannot say
    whether they open or close, so a block opened by one ends at the first line that ends with a quote: a
    missing closing quote then costs one amending instruction, not the rest of the document. A block that
    never closes is ignored and reported."""
    quoted: set[int] = set()
    found: list[Note] = []
    ends: dict[int, int] = {}  # line index → end (exclusive) of the multi-line region it belongs to
    i, n = 0, len(lines)
    while i < n:
        text = lines[i].text
        starts_quoted = text[0] in P.QUOTE_OPEN
        m = None if starts_quoted else _OPEN_AFTER_COLON.search(text)
        if not starts_quoted and m is None:
            i += 1
            continue
        if starts_quoted and not (i > 0 and lines[i - 1].text.rstrip().endswith(":")):
            # Quoted new text follows an instruction ending "như sau:"; a quote anywhere else spans one line.
            quoted.add(i)
            i += 1
            continue
        opener = text[0] if starts_quoted else text[m.end() - 1]
        segment = text if starts_quoted else text[m.end() - 1 :]
        if opener == '"':
            odd = segment.count('"') % 2 == 1
            closed_here = not odd or (len(segment) > 1 and _closes_at_end(segment[1:]))
            j = i + 1
            if not closed_here:
                while j < n:
                    line_text = lines[j].text
                    odd ^= line_text.count('"') % 2 == 1
                    j += 1
                    if not odd or _closes_at_end(line_text):
                        break
                else:
                    j = n + 1  # never closed
            depth = 0 if j <= n else 1
        else:
            depth = _quote_balance(segment, 0)
            j = i + 1
            while j < n and depth > 0:
                depth = _quote_balance(lines[j].text, depth)
                j += 1
        if depth > 0 or j > n:
            # New text of an amendment whose closing quote is missing: it runs until the document's own
            # numbering resumes (the builder closes it there), not to the end of the document.
            found.append(
                Note(
                    codes.UNCLOSED_QUOTE,
                    "a quotation opened here never closes; it ends at the next amending instruction or chapter",
                    line=lines[i].number,
                )
            )
            j = next((k for k in range(i + 1, n) if _likely_own_unit(lines[k].text)), n)
        if j == i + 1:
            if starts_quoted:
                quoted.add(i)
            i += 1
            continue
        region = range(i if starts_quoted else i + 1, j)
        quoted.update(region)
        ends.update(dict.fromkeys(region, j))
        i = j
    return quoted, found, ends


# --- Tree building ---------------------------------------------------------------------------------------------


_OWN_INSTRUCTION = re.compile(r"(?:Sửa đổi|Bổ sung|Bãi bỏ|Thay thế|Thay|Bỏ)\b.*(?:như sau\s*:|\.)\s*$")


class _Builder:
    def __init__(
        self, lines: Sequence[Line], quoted: set[int], lang: str, quote_ends: dict[int, int] | None = None
    ):
        self.lines = lines
        self.quoted = quoted
        self.quote_ends = quote_ends or {}
        self.lang = lang
        self.root = _Node("root", None, None, Line("", 0, 0))
        self.stack: list[_Node] = [self.root]
        self.notes: list[Note] = []
        self.after_signature = False
        self.in_attachment = False
        self.article_nums: list[str] = []
        self.orphans: dict[str, list[int]] = {}
        self.implicit_quote_from: _Node | None = None
        self.implicit_used = False

    # The node that receives body text.
    @property
    def top(self) -> _Node:
        return self.stack[-1]

    def open(self, node: _Node) -> None:
        level = LEVELS[node.kind]
        while len(self.stack) > 1 and LEVELS[self.stack[-1].kind] >= level:
            self.stack.pop()
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def current(self, kind: str) -> _Node | None:
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
            base, suffix = P.split_num(node.num, node.kind)
            if node.kind == "diem":
                if base < len(P.POINT_LETTERS):
                    out.add(("diem", P.POINT_LETTERS[base]))
                out.add(("diem", node.num[0] + str(int(suffix or 0) + 1)))
            elif node.kind == "chuong":
                out.add(("chuong", P.int_to_roman(base + 1)))
            else:
                out.add((node.kind, str(base + 1)))
                out.add((node.kind, f"{base}{chr(ord(suffix) + 1) if suffix else 'a'}"))
        return out

    def build(self) -> tuple[list[_Node], int]:
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
            last, _ = P.split_num(self.article_nums[-1] or "0", "dieu")
            return heading.num == str(last + 1)
        if heading.kind == "chuong":
            chapter = self.current("chuong")
            return chapter is not None and heading.num == P.int_to_roman(
                P.split_num(chapter.num or "0", "chuong")[0] + 1
            )
        if heading.kind == "khoan":
            article = self.current("dieu")
            clauses = [c for c in article.children if c.kind == "khoan"] if article else []
            if not clauses:
                return False
            last, _ = P.split_num(clauses[-1].num or "0", "khoan")
            return heading.num == str(last + 1) and bool(_OWN_INSTRUCTION.match(heading.rest))
        return False

    def _maybe_implicit_quote(self, index: int, line: Line, node: _Node | None = None) -> None:
        # "Sửa đổi, bổ sung một số điều của Luật … như sau:" opens a list of operations, not new text.
        if not P.AMENDING_INTRO.search(line.text) or P.CONTAINER_OPERATION.search(line.text):
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

    def _place(self, heading: Heading, line: Line) -> _Node | None:
        kind, num = heading.kind, heading.num
        annex = self.current("phu_luc")
        if kind != "phu_luc" and annex is not None and annex.heading and _FORM.match(annex.heading):
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
            # A numbered line inside a point is a sub-item of the point, not a new clause.
            if self.top.kind == "diem" and self._breaks_sequence(container, "khoan", num):
                self._append_text(line)
                return None
            if self._breaks_sequence(container, "khoan", num) and container.children:
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
        node = _Node(kind, num, text_heading if kind in HEADED else None, line)
        if kind not in HEADED and heading.rest:
            node.lines.append(heading.rest)
        self.open(node)
        if kind == "dieu":
            self.article_nums.append(num or "")
        return node

    def _breaks_sequence(self, container: _Node, kind: str, num: str | None) -> bool:
        """True when ``num`` cannot be the next ``kind`` in ``container`` (e.g. "1." again inside clause 3)."""
        siblings = [c for c in container.children if c.kind == kind]
        if not siblings or num is None:
            return False
        last_base, _ = P.split_num(siblings[-1].num or "0", kind)
        base, _ = P.split_num(num, kind)
        return base < last_base or base > last_base + 5

    def _check_article_restart(self, num: str | None, line: Line) -> None:
        if not self.article_nums or num is None:
            return
        base, _ = P.split_num(num, "dieu")
        if base == 1 and not self.in_attachment:
            # A second "Điều 1." opens an attached text (the regulation a decision promulgates).
            node = _Node("phu_luc", None, None, line)
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


def _assign_eids(
    nodes: list[_Node],
    *,
    scope: str,
    parent: str,
    counters: dict[str, int],
    seen: set[str],
    found: list[Note],
) -> None:
    """eids per docs/ARCHITECTURE.md: articles, chapters and parts are addressed from the document (or the
    annex) they sit in, because citations name them so ("Điều 5", "Chương II"); sections, clauses and points
    from their parent ("chuong_II__muc_1", "dieu_5__khoan_2__diem_a")."""
    for node in nodes:
        token = f"{node.kind}_{eid_token(node.num)}"
        if node.kind == "phu_luc":
            counters["phu_luc"] = counters.get("phu_luc", 0) + 1
            token = f"phu_luc_{eid_token(node.num) or counters['phu_luc']}"
            eid = token
        elif node.kind in ("phan", "chuong", "dieu"):
            eid = f"{scope}__{token}" if scope else token
        else:
            eid = f"{parent}__{token}" if parent else token
        if eid in seen:
            k = 2
            while f"{eid}_{k}" in seen:
                k += 1
            found.append(
                Note(
                    codes.DUPLICATE_UNIT,
                    f"{eid} occurs more than once; the later one is {eid}_{k}",
                    eid=eid,
                    line=node.line.number,
                )
            )
            eid = f"{eid}_{k}"
        seen.add(eid)
        node.eid = eid
        child_scope = eid if node.kind == "phu_luc" else scope
        _assign_eids(node.children, scope=child_scope, parent=eid, counters=counters, seen=seen, found=found)


def _check_gaps(parent_kind: str, nodes: list[_Node], found: list[Note]) -> None:
    """Gaps among siblings (chapters in a part, clauses in an article, points in a clause). Articles are
    numbered through the whole document, so they are checked on the flat list instead."""
    by_kind: dict[str, list[_Node]] = {}
    for node in nodes:
        by_kind.setdefault(node.kind, []).append(node)
    for kind, group in by_kind.items():
        if kind in ("phu_luc", "dieu"):
            continue
        _report_gaps(kind, group, found)
    for node in nodes:
        _check_gaps(node.kind, node.children, found)


def _report_gaps(kind: str, group: list[_Node], found: list[Note]) -> None:
    prev: int | None = None
    prev_num = ""
    label = {"dieu": "Điều", "khoan": "khoản", "diem": "điểm", "chuong": "Chương", "muc": "Mục"}.get(
        kind, kind
    )
    for node in group:
        if node.num is None:
            continue
        base, suffix = P.split_num(node.num, kind)
        if suffix:
            continue
        if prev is not None and base > prev + 1:
            found.append(
                Note(
                    codes.NUMBERING_GAP,
                    f"{label} {node.num} follows {label} {prev_num}: numbering gap",
                    eid=node.eid,
                    line=node.line.number,
                )
            )
        prev, prev_num = base, node.num


def _articles(nodes: list[_Node]) -> list[_Node]:
    out: list[_Node] = []
    for n in nodes:
        if n.kind == "dieu":
            out.append(n)
        elif n.kind != "phu_luc":
            out.extend(_articles(n.children))
    return out


def _freeze(node: _Node, pages: Sequence[PageSpan]) -> Unit:
    return Unit(
        eid=node.eid,
        kind=node.kind,
        num=node.num,
        heading=node.heading,
        text="\n".join(node.lines),
        children=tuple(_freeze(c, pages) for c in node.children),
        page=page_at(pages, node.line.start) if pages else None,
    )


def page_at(pages: Sequence[PageSpan], offset: int) -> int | None:
    if not pages:
        return None
    starts = [p.start for p in pages]
    i = bisect.bisect_right(starts, offset) - 1
    return pages[max(i, 0)].page


def build_tree(
    text: str, *, lang: str = "vi", pages: Sequence[PageSpan] = ()
) -> tuple[TreeResult, list[Line]]:
    """Segment cleaned text into units. Returns the tree and the lines (the header parser reads them too)."""
    lines = split_lines(text)
    quoted, found, ends = quoted_regions(lines)
    builder = _Builder(lines, quoted, lang, ends)
    nodes, body_start = builder.build()
    found.extend(builder.notes)
    _assign_eids(nodes, scope="", parent="", counters={}, seen=set(), found=found)
    _report_gaps("dieu", _articles(nodes), found)
    for annex in (n for n in nodes if n.kind == "phu_luc"):
        _report_gaps("dieu", _articles(annex.children), found)
    _check_gaps("root", nodes, found)
    units = tuple(_freeze(n, pages) for n in nodes)
    found.sort(key=lambda n: n.line or 0)
    return TreeResult(units, body_start, tuple(found), frozenset(quoted)), lines
