"""Markdown exports of legal portals: thuvienphapluat.vn pages (with or without their page chrome) and vbpl.vn
pages with YAML front matter, turned into the plain text a document prints.

What is removed, and why:

- YAML front matter (``so_hieu``, ``ngay_ban_hanh`` …) is read as container hints, like a vbpl page's properties;
- the portal's chrome — the copyright banner, the metadata table exploded one cell per line (``**Số hiệu:**`` /
  ``|`` / ``84/2025/QĐ-UBND``) and the footer after the signature (related documents, whose ``Ban hành:`` dates
  must never be read as this document's) — is dropped; the metadata table becomes hints too;
- Markdown markup: emphasis runs (``**ỦY BAN NHÂN`` / ``DÂN **``) are joined into one line and unmarked, heading
  marks go, pipe-table rows become one line per cell, table separators and bare ``|`` lines go.

The format is decided by the content (``looks_like_markdown``), not only by the ``.md`` suffix.
"""

from __future__ import annotations

import re
from dataclasses import replace

from review.errors import NoTextFound
from review.ingest.text import decode_text, invalid_bytes_note
from review.models import RawDocument, Source
from review.text.normalize import clean

MEDIA_TYPE = "text/markdown"

# --- detection ----------------------------------------------------------------------------------------------

_BOLD_LINE = re.compile(r"^\s*\*\*[^*\n]|\*\*\s*$", re.M)
_PIPE_ONLY = re.compile(r"^\s*\|\s*$", re.M)
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$", re.M)


def looks_like_markdown(text: str) -> bool:
    """Front matter, a portal banner, or markup on many lines (bold runs, bare ``|`` cells, table rows)."""
    head = text[:20000]
    if head.startswith("---\n") and "\n---" in head[4:]:
        return True
    if "THƯ VIỆN PHÁP LUẬT" in head[:3000]:
        return True
    marks = len(_BOLD_LINE.findall(head)) + len(_PIPE_ONLY.findall(head)) + len(_TABLE_ROW.findall(head))
    return marks >= 6


# --- front matter and the portal's metadata table --------------------------------------------------------------

# Front-matter keys (vbpl exports) → Document fields (hints).
_FRONT_MATTER = {
    "so_hieu": "number",
    "loai_van_ban": "type",
    "co_quan_ban_hanh": "issuer",
    "ngay_ban_hanh": "issued",
    "ngay_co_hieu_luc": "stated_effective",
    "tinh_trang_hieu_luc": "stated_status",
    "tom_tat": "title",
}
# thuvienphapluat's metadata table → hints ("Nơi ban hành" names the province, not the organ).
_METADATA = {
    "số hiệu": "number",
    "loại văn bản": "type",
    "nơi ban hành": "authority_name",
    "ngày ban hành": "issued",
}


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """The top-level scalar keys of a YAML front matter block, and the text after it. Only what the vbpl
    exports hold is read (``key: value``, quoted or not, continued on indented lines); lists are skipped."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    block, rest = text[4:end], text[end + 4 :].split("\n", 1)[-1]
    values: dict[str, str] = {}
    key = None
    for line in block.split("\n"):
        m = re.match(r"^([A-Za-z_][\w]*):\s*(.*)$", line)
        if m:
            key, value = m.group(1), m.group(2).strip()
            values[key] = value
        elif key and line.startswith("  ") and not line.lstrip().startswith("- ") and values.get(key):
            values[key] += " " + line.strip()  # a folded scalar
        else:
            key = None if not line.startswith(" ") else key
    return {k: v.strip().strip("'\"") for k, v in values.items()}, rest


def _iso(value: str) -> str | None:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value.strip()) or None
    if m:
        return value.strip()
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value.strip())
    return f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else None


def _hints_from_front_matter(values: dict[str, str]) -> dict[str, str]:
    hints = {}
    for key, field in _FRONT_MATTER.items():
        value = values.get(key, "").strip()
        if not value:
            continue
        if field in ("issued", "stated_effective"):
            iso = _iso(value)
            if iso:
                hints[field] = iso
        elif field == "title":
            hints[field] = re.sub(r"^số\s+", "", value)  # vbpl's tom_tat may start with a stray "số"
        else:
            hints[field] = value
    return hints


_BANNER_END = re.compile(r"^\s*Đang tải văn bản\.*\s*$")
_LABEL = re.compile(r"^\s*(?:\*\*)?\s*([^*|:]{2,30}):\s*(?:\*\*)?\s*$")
_FOOTER = re.compile(
    r"^\s*(?:Văn bản này chưa cập nhật nội dung Tiếng Anh|#+\s*Văn bản liên quan|Lược đồ\s*$|"
    r"Bạn Chưa Đăng Nhập Thành Viên|Văn bản gốc đang được cập nhật)"
)


def _strip_chrome(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """The document's lines without the portal's banner, metadata table and footer; the table as hints."""
    hints: dict[str, str] = {}
    start = next((i for i, line in enumerate(lines[:80]) if _BANNER_END.match(line)), None)
    if start is not None:
        i = start + 1
        # The metadata table: label lines ("**Số hiệu:**", a label may be split "**" / "Ngày hiệu lực:**")
        # each followed by its value after a "|" line; it ends with the "Tình trạng" cell.
        pending = None
        last = i
        while i < min(len(lines), start + 120):
            text = lines[i].strip()
            label = _LABEL.match(text)
            if label:
                pending = label.group(1).strip().lower()
                last = i
            elif text and text not in ("|", "#", "**") and pending:
                field = _METADATA.get(pending)
                if field:
                    value = _iso(text) if field == "issued" else text
                    if value:
                        hints[field] = value
                last = i
                if pending == "tình trạng":
                    break
                pending = None
            elif text and text not in ("|", "#", "**"):
                break  # the document begins
            i += 1
        lines = lines[last + 1 :]
    end = next((i for i, line in enumerate(lines) if _FOOTER.match(line)), None)
    if end is not None:
        # The line before the footer repeats the document's title ("Quyết định 84/2025/QĐ-UBND bãi bỏ …").
        if end > 0 and re.match(r"^\s*[A-ZĐ][\wÀ-ỹ ]{2,30}\s+\d+[\w./-]*/", lines[end - 1]):
            end -= 1
        lines = lines[:end]
    return lines, hints


# --- markup -------------------------------------------------------------------------------------------------

_RULE = re.compile(r"^\s*(?:[-_=*]\s*){3,}$")
_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_EMPHASIS = re.compile(r"(?<!\()\*+(?!\))")
_BOLD_RUNS = re.compile(r"\*\*\s{2,}\*\*")
# Exports lose the space before some capitals ("củaỦy ban"): put it back where a word runs into "Ủy ban".
_GLUED_ISSUER = re.compile(r"(?<=[a-zà-ỹđ])(?=Ủy\s+ban|Hội\s+đồng\s+nhân)")


def _cells(line: str) -> list[str]:
    """A pipe-table row as its cells; two bold runs side by side in a cell are two lines of it."""
    out: list[str] = []
    for cell in line.strip().strip("|").split("|"):
        out.extend(part for part in _BOLD_RUNS.sub("**\n**", cell).split("\n"))
    return [c.strip() for c in out if c.strip()]


# A line that opens a new paragraph: an emphasis run opening with text, or a heading of the document.
_NEW_PARAGRAPH = re.compile(
    r"^\s*(?:\*{1,2}(?=[^\s*])|(?:\*{0,2}\s*)(?:Điều\s+\d|Chương\s+[IVXLC\d]|Mục\s+\d|Phần\s+thứ|Căn\s+cứ\s|"
    r"Xét\s|Theo\s+đề\s+nghị|QUYẾT\s+ĐỊNH|NGHỊ\s+QUYẾT|CHƯƠNG\s))"
)


def _open_runs(text: str) -> bool:
    """Is an emphasis run (``**…`` or ``*…``) left open at the end of the text?"""
    bold = len(re.findall(r"\*\*", text))
    single = len(re.findall(r"(?<!\*)\*(?!\*)", text.replace("(*)", "")))
    return bold % 2 == 1 or single % 2 == 1


def unmark(lines: list[str]) -> list[str]:
    """Plain lines from Markdown lines: emphasis runs joined and unmarked, headings, rules and table pipes
    gone, "Số:" joined to the number on the next line."""
    flat: list[str] = []
    for line in lines:
        if _SEPARATOR_ROW.match(line) or _RULE.match(line):
            continue
        stripped = line.strip()
        if stripped in ("|", "#", "* *", "** **", "****"):
            continue  # (a lone "**" or "*" stays: it closes the run the line before opened)
        if stripped.startswith("|") and stripped.count("|") >= 2:
            flat.extend(_cells(stripped))
            continue
        flat.append(_HEADING.sub("", line.rstrip()))
    joined: list[str] = []
    buffer = ""
    held = 0
    for line in flat:
        if buffer and _NEW_PARAGRAPH.match(line):
            joined.append(buffer)  # a run left open: the next paragraph does not join it
            buffer, held = "", 0
        buffer = f"{buffer} {line.strip()}" if buffer else line
        held += 1
        if _open_runs(buffer) and held < 10:
            continue  # inside a bold or italic run: the next line is the same paragraph
        joined.append(buffer)
        buffer, held = "", 0
    if buffer:
        joined.append(buffer)
    out: list[str] = []
    for line in joined:
        text = _EMPHASIS.sub("", line)
        text = _GLUED_ISSUER.sub(" ", text)
        text = re.sub(r"[ \t]{2,}", " ", text).strip()
        if out and re.fullmatch(r"(?:Số|SỐ)\s*:?", out[-1]) and text:
            out[-1] = f"{out[-1]} {text}"  # "Số:" / "84/2025/QĐ-UBND"
            continue
        out.append(text)
    # Blank lines separate paragraphs in Markdown; the text keeps one line per paragraph or printed line.
    return [line for line in out if line]


def read_markdown(data: bytes, source: Source) -> list[RawDocument]:
    text, codec = decode_text(data, source.path)
    notes = invalid_bytes_note(text, codec)
    text = clean(text).replace("\r\n", "\n").replace("\r", "\n")
    values, body = front_matter(text)
    hints = _hints_from_front_matter(values)
    lines, table = _strip_chrome(body.split("\n"))
    for key, value in table.items():
        hints.setdefault(key, value)
    plain = "\n".join(unmark(lines))
    if not plain.strip():
        raise NoTextFound("the Markdown file holds no text once its markup is removed", path=source.path)
    return [RawDocument(text=plain, source=replace(source, media_type=MEDIA_TYPE), hints=hints, notes=notes)]
