"""Input normalisation for reference extraction, with offsets mapped back to the text as given.

Texts arrive decomposed (NFD), with words glued ("Căn cứLuật", "…/QH15như sau"), numbers with stray spaces or
broken over lines ("82 /2025/TT-BNNMT", "TT- BYT", "NĐ-\\nCP", "TT BTC"). The extractor reads a normalised copy;
every span it finds is mapped back, so ``start``/``end`` point into the original string
(REFERENCE-CONVENTIONS.md, Input text). Each repair is a small local edit: NFC of one character with its marks,
a space put between glued words, the spaces of a number taken out.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable

# A base character and its combining marks (only these change under NFC for Vietnamese text).
_CLUSTER = re.compile(r".[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+", re.DOTALL)
_TYPES = (
    r"(?:Luật|Bộ\s+luật|Nghị\s+định|Thông\s+tư|Nghị\s+quyết|Quyết\s+định|Pháp\s+lệnh|Hiến\s+pháp|Công\s+ước)"
)
# "Căn cứLuật", "củaNghị định": a lower-case letter glued to a document type word. The type word is searched
# (a pattern that starts with its letters is scanned fast) and the letter before it tested after.
_TYPE_WORD = re.compile(rf"{_TYPES}(?![a-zà-ỹđ])")
_LOWER_BEFORE = re.compile(r"[a-zà-ỹđ]")
# "số 12/2024/QH15như sau", "12/2024/NĐ-CPngày": a number glued to the next word.
_GLUED_AFTER_NUMBER = re.compile(r"\d{1,5}[a-z]?/(?:\d{4}/)?[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*(?=[a-zà-ỹđ]{2})")
# "82 /2025/TT-BNNMT", "82/ 2025/", "2025 /TT": spaces around the slashes of a number.
_SPACED_SLASH = re.compile(
    r"\d(?P<a>[ \t]+)(?=/\s*(?:\d{4}/|[A-ZĐ]))|\d/(?P<b>[ \t]+)(?=\d{4}/)|\d{4}/(?P<c>[ \t]+)(?=[A-ZĐ]{2})"
)
# "TT- BYT", "NĐ-\nCP", "TT -BTC": spaces around the hyphen of a symbol (the digit and slash before it are matched,
# not looked behind for: a pattern that starts with a lookbehind is tried at every position).
_SPACED_HYPHEN = re.compile(r"\d/(?:\d{4}/)?[A-ZĐ]{1,6}(\s*-\s+|\s+-\s*)(?=[A-ZĐ]{2})")
# "12/2024/TT BTC": a symbol written with a space for its hyphen.
_SPACE_FOR_HYPHEN = re.compile(r"\d/\d{4}/(?:TTLT|TT|NĐ|QĐ|NQ)( )(?=[A-ZĐ]{2,}(?![a-zà-ỹđ]))")

# Line breaks inside a sentence (text wrapped by the source): before a lower-case word after a letter or a comma,
# between "số" and its number, between a capital type word and "SỐ".
_BROKEN_LINE = re.compile(
    r"(?:(?<=[\wÀ-ỹ,])(?=[a-zà-ỹđ])|(?<=[sS][ốỐ])(?=\d)|(?:(?<=ĐỊNH)|(?<=TƯ)|(?<=LUẬT)|(?<=LỆNH))(?=SỐ\s))"
)
# The first character after a break that ``_BROKEN_LINE`` may join to the line before (its lookaheads' first
# characters; "à-ỹ" holds capitals too, as there).
_MAY_JOIN = re.compile(r"[a-zà-ỹđ\dS]")
_NEWLINE = re.compile(
    r"[ \t]*\n[ \t]*"
)  # Markdown bold or italic markers of portal exports ("Điều 2. **Sửa đổi …**").
_MARKUP = re.compile(r"\*{2,3}")

Edit = tuple[int, int, str]  # replace text[start:end] by the string

# All-capital lines (titles, chapter and section headings: "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT GIÁO DỤC") are
# read in normal case: lower case, with the type words and the first word of a name after them capitalised, so
# that the finder's patterns, written for running text, apply. Numbers, symbols and Roman numerals stay.
_CAPS_LINE = re.compile(r"[^\n]{12,}")
_CAPS_TYPES = re.compile(
    r"(?<![\wÀ-ỹ])(?P<type>luật|bộ luật|nghị định|thông tư|nghị quyết|quyết định|pháp lệnh|hiến pháp|công ước)"
    r"(?:\s+(?!số(?![\wÀ-ỹ])|này(?![\wÀ-ỹ]))(?P<name>[\wÀ-ỹ]))?"
)
_KEEP_CASE = re.compile(r"\S*[\d/]\S*|(?<![\wÀ-ỹ])[IVXLC]+(?![\wÀ-ỹ])")


_VI_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
# A word of two lower-case letters: the line is running text (checked first, in C, so most lines cost little).
_LOWER_WORD = re.compile(f"[{_VI_LOWER}]{{2,}}")


def _caps_edits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for line in _CAPS_LINE.finditer(text):
        segment = line.group(0)
        # The first word may be a heading word in normal case ("Mục 3. QUY ĐỊNH VỀ …", "Chương II").
        first = segment.find(" ", len(segment) - len(segment.lstrip()))
        if not segment.isupper() and _LOWER_WORD.search(segment, max(first, 0)):
            continue
        letters = [c for c in segment if c.isalpha()]
        if len(letters) < 10 or sum(c.isupper() for c in letters) < 0.95 * len(letters):
            continue
        lowered = list(segment.lower())
        if len(lowered) != len(segment):
            continue  # a letter whose lower case is longer: leave the line as it is
        for m in _KEEP_CASE.finditer(segment):
            lowered[m.start() : m.end()] = segment[m.start() : m.end()]
        low = "".join(lowered)
        for m in _CAPS_TYPES.finditer(low):
            lowered[m.start("type")] = low[m.start("type")].upper()
            if m.group("name"):
                lowered[m.start("name")] = low[m.start("name")].upper()
        new = "".join(lowered)
        if new != segment:
            edits.append((line.start(), line.end(), new))
    return edits


class Mapping:
    """Positions of an edited text mapped to the text it was made from."""

    def __init__(self, edits: list[Edit]) -> None:
        self._new_starts: list[int] = []
        self._rows: list[tuple[int, int, int, int]] = []  # new start, new end, old start, old end
        shift = 0
        for a, b, rep in sorted(edits):
            ns = a + shift
            self._new_starts.append(ns)
            self._rows.append((ns, ns + len(rep), a, b))
            shift += len(rep) - (b - a)

    def start(self, pos: int) -> int:
        k = bisect_right(self._new_starts, pos) - 1
        if k < 0:
            return pos
        _, ne, os, oe = self._rows[k]
        if pos < ne:
            return os
        return oe + (pos - ne)

    def end(self, pos: int) -> int:
        """An exclusive end: the end of the edit holding the last character before ``pos``."""
        if pos == 0:
            return 0
        k = bisect_right(self._new_starts, pos - 1) - 1
        if k < 0:
            return pos
        _, ne, _, oe = self._rows[k]
        if pos - 1 < ne:
            return oe
        return oe + (pos - ne)


def _apply(text: str, edits: list[Edit]) -> str:
    out, last = [], 0
    for a, b, rep in sorted(edits):
        out.append(text[last:a])
        out.append(rep)
        last = b
    out.append(text[last:])
    return "".join(out)


def _nfc_edits(text: str) -> list[Edit]:
    if unicodedata.is_normalized("NFC", text):
        return []
    edits = []
    for m in _CLUSTER.finditer(text):
        composed = unicodedata.normalize("NFC", m.group(0))
        if composed != m.group(0):
            edits.append((m.start(), m.end(), composed))
    return edits


def _token_edits(text: str) -> list[Edit]:
    edits: list[Edit] = [(at, at, " ") for at in _glued_types(text)]
    for m in _GLUED_AFTER_NUMBER.finditer(text):
        if m.group(0).endswith("TT") and text.startswith("g", m.end()):
            continue  # "QĐ-TTg": the symbol of the Prime Minister ends in a lower-case g
        edits.append((m.end(), m.end(), " "))
    for slash in _spaced_slashes(text):
        group = slash.lastgroup or "a"
        edits.append((slash.start(group), slash.end(group), ""))
    edits += [(m.start(1), m.end(1), "-") for m in _SPACED_HYPHEN.finditer(text)]
    edits += [(m.start(1), m.end(1), "-") for m in _SPACE_FOR_HYPHEN.finditer(text)]
    # A line break inside a sentence: the characters on both sides of the break decide (one test per break). A
    # break before a capital other than "SỐ" (a new clause, "Điều 5", "1.") joins nothing: skipped at once.
    start = text.find("\n")
    while start >= 0:
        br = _NEWLINE.match(text, _spaces_before(text, start))
        if br is None:
            break
        if _MAY_JOIN.match(text, br.end()) and _BROKEN_LINE.match(_around(text, br.start(), br.end()), 6):
            edits.append((br.start(), br.end(), " "))
        start = text.find("\n", br.end())
    if "**" in text:
        edits += [(m.start(), m.end(), "") for m in _MARKUP.finditer(text)]
    return _disjoint(edits)


# A slash with a space or tab beside it: where ``_SPACED_SLASH`` may match (a pattern that starts with a digit is
# tried at every digit; this one is found in a fast scan, and the full pattern tried only around it).
_SLASH_BESIDE_SPACE = re.compile(r"[ \t]/|/[ \t]")
_SLASH_REACH = (
    40  # characters around such a slash the full pattern may need (a digit, a space run, "2025/TT")
)


def _spaced_slashes(text: str) -> list[re.Match[str]]:
    """The matches of ``_SPACED_SLASH`` in ``text``, in order, as ``finditer`` over the whole text gives them."""
    out: list[re.Match[str]] = []
    last = 0
    for near in _SLASH_BESIDE_SPACE.finditer(text):
        lo = max(last, near.start() - _SLASH_REACH)
        for m in _SPACED_SLASH.finditer(text, lo, min(len(text), near.end() + _SLASH_REACH)):
            if m.start() >= last:
                out.append(m)
                last = m.end()
    return out


def _glued_types(text: str) -> list[int]:
    """Where a document type word is glued to the lower-case letter before it ("Căn cứLuật")."""
    return [
        m.start() for m in _TYPE_WORD.finditer(text) if m.start() and _LOWER_BEFORE.match(text, m.start() - 1)
    ]


def _spaces_before(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    return pos


def _around(text: str, start: int, end: int) -> str:
    """Six characters before a line break and six after it, joined: what ``_BROKEN_LINE`` looks at."""
    return text[max(0, start - 6) : start].rjust(6) + text[end : end + 6]


def _disjoint(edits: Iterable[Edit]) -> list[Edit]:
    out: list[Edit] = []
    for e in sorted(edits):
        if out and e[0] < out[-1][1]:
            continue
        if out and e[0] == out[-1][0] and e[1] == out[-1][1] == e[0]:
            continue  # two insertions at one place: one is enough
        out.append(e)
    return out


class Normalised:
    """The text the extractor reads, and how to map its spans back to the text as given."""

    def __init__(self, text: str) -> None:
        self.original = text
        first = _nfc_edits(text)
        text1 = _apply(text, first) if first else text
        # Case is changed in place (one character for one), line by line, before lines are joined.
        case = _caps_edits(text1)
        text2 = _apply(text1, case) if case else text1
        second = _token_edits(text2)
        self.text = _apply(text2, second) if second else text2
        self._maps = [Mapping(second), Mapping(case), Mapping(first)]
        self.changed = bool(first or case or second)

    def span(self, start: int, end: int) -> tuple[int, int]:
        for m in self._maps:
            start, end = m.start(start), m.end(end)
        return start, end


def normalise(text: str) -> Normalised:
    return Normalised(text)


def nfc(text: str | None) -> str | None:
    return unicodedata.normalize("NFC", text) if text else text
