"""HTML: saved vbpl.vn pages, Bộ pháp điển đề mục pages, and plain legal HTML.

The text is read block-aware (a line per paragraph, table row cells joined by `` | ``) so the structure stage
sees the same lines a reader sees.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree
from lxml import html as lxml_html

from review import notes as codes
from review.errors import CorruptFile, NoTextFound
from review.ingest.phapdien import demuc_document
from review.ingest.text import REPLACED, invalid_bytes_note, mostly_utf8
from review.models import Note, RawArticle, RawDocument, Source
from review.text.normalize import clean

_BLOCK = {
    "p",
    "div",
    "tr",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tbody",
    "thead",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "dl",
    "dt",
    "dd",
    "center",
    "form",
}
_SKIP = {"script", "style", "noscript", "svg", "head", "template", "iframe", "button", "select", "nav"}
_STATUS_VALUES = {
    "Còn hiệu lực",
    "Hết hiệu lực một phần",
    "Hết hiệu lực toàn bộ",
    "Chưa có hiệu lực",
    "Ngưng hiệu lực",
    "Ngưng hiệu lực một phần",
    "Không còn phù hợp",
}


def decode_html(data: bytes) -> tuple[str, str]:
    """The page's text and codec: UTF-8 (invalid bytes replaced when the rest is UTF-8), else cp1252."""
    try:
        # Decoding ourselves: lxml guesses latin-1 for pages without a charset declaration.
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8-sig", errors="replace")
    if mostly_utf8(replaced):
        return replaced, REPLACED
    return data.decode("cp1252", errors="replace"), "cp1252"


def parse_html(data: bytes | str, path: str) -> etree._Element:
    text = decode_html(data)[0] if isinstance(data, bytes) else data
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise CorruptFile(f"not readable as HTML: {exc}", path=path) from exc
    return root


_BLANKS_RE = re.compile(r"[ \t]+")
_EDGE_BARS_RE = re.compile(r"^(?:\|\s*)+|(?:\s*\|)+$")


def block_text(element: etree._Element) -> str:
    """Text of an element with a line break around each block and `` | `` between table cells."""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            if el.tail:
                parts.append(el.tail)
            return
        block = tag in _BLOCK
        if block:
            parts.append("\n")
        if tag == "br":
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
        if tag in ("td", "th"):
            parts.append(" | ")
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    walk(element)
    lines = []
    for line in clean("".join(parts)).split("\n"):
        line = _BLANKS_RE.sub(" ", line).strip()
        line = _EDGE_BARS_RE.sub("", line).strip()
        if line:
            lines.append(line)
    return "\n".join(lines)


def _first(root: etree._Element, xpath: str) -> etree._Element | None:
    found = root.xpath(xpath)
    return found[0] if found else None


def is_vbpl_page(root: etree._Element) -> bool:
    return bool(root.xpath("//*[@data-vbpl-content-root] | //*[contains(@class,'lawDocumentHeader_title')]"))


def is_phapdien_page(root: etree._Element) -> bool:
    return bool(root.xpath("//p[contains(@class,'pDieu')]"))


def read_vbpl_page(root: etree._Element, source: Source) -> list[RawDocument]:
    """A vbpl.vn document page: the title (h1), the stated status badge and dates, and the full text."""
    hints: dict[str, str] = {}
    h1 = _first(root, "//h1")
    if h1 is not None:
        hints["title"] = re.sub(r"\s+", " ", h1.text_content()).strip()
    status = _first(root, "//*[contains(@class,'effStatus_detailStatusTag')]")
    if status is not None:
        value = status.text_content().strip()
        if value in _STATUS_VALUES:
            hints["stated_status"] = value
    for item in root.xpath("//*[contains(@class,'lawDocumentHeader_dateItem')]"):
        label = re.sub(r"\s+", " ", item.text_content())
        m = re.search(r"Ngày có hiệu lực:\s*(\d{1,2})/(\d{1,2})/(\d{4})", label)
        if m:
            hints["stated_effective"] = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    content = _first(root, "//*[@data-vbpl-content-root]")
    text = block_text(content) if content is not None else ""
    first_line = text.split("\n", 1)[0]
    if first_line.startswith(("Trang chủ", "Thuộc tính")):
        # vbpl shows only page chrome and its "Thuộc tính" (properties) tab when it has no full text.
        hints.update(_properties(text))
        text = ""
    notes: tuple[Note, ...] = ()
    if not text:
        # Still worth keeping: the page states the document's number, title, status and dates, which the
        # graph uses for a document cited by others.
        notes = (
            Note(
                codes.METADATA_ONLY, "the vbpl.vn page has no document text, only its title, status and dates"
            ),
        )
    if hints.get("title", "").split(" ")[0] in (
        "Circular",
        "Decree",
        "Decision",
        "Law",
        "Resolution",
        "Ordinance",
        "Directive",
        "Joint",
    ):
        hints["language"] = "en"
    m = re.search(r"--(\d+)(?:$|[?#])", _canonical_url(root))
    if m:
        hints["vbpl_item_id"] = m.group(1)
    return [RawDocument(text=text, source=source, hints=hints, notes=notes)]


_PROPERTY_LABELS = {
    "Loại văn bản": "type",
    "Ngày ban hành": "issued",
    "Cơ quan ban hành": "issuer",
    "Ngày hết hiệu lực": "expires",
}


def _properties(text: str) -> dict[str, str]:
    """The label/value lines of vbpl's properties tab ("Loại văn bảnQuyết định", "Ngày ban hành05/10/2016")."""
    found: dict[str, str] = {}
    for line in text.split("\n"):
        for label, key in _PROPERTY_LABELS.items():
            if line.startswith(label) and key not in found:
                value = line[len(label) :].strip(" :")
                m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)
                if m:
                    value = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
                if value and value != "--":
                    found[key] = value
    found.pop("expires", None)
    return found


def _canonical_url(root: etree._Element) -> str:
    for xpath in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        found = root.xpath(xpath)
        if found:
            return str(found[0])
    return ""


def read_phapdien_page(root: etree._Element, source: Source) -> list[RawDocument]:
    """A Bộ pháp điển đề mục page: chapter headings, articles with their source note (ghi chú) and text."""
    h3 = _first(root, "//h3")
    heading = re.sub(r"\s+", " ", h3.text_content()).strip() if h3 is not None else ""
    articles: list[RawArticle] = []
    chuong: str | None = None
    muc: str | None = None
    current: dict | None = None
    mode = ""
    for p in root.iter("p"):
        cls = p.get("class") or ""
        text = re.sub(r"\s+", " ", clean(p.text_content())).strip()
        if "pChuong" in cls:
            mode = "chuong"
            if re.match(r"(Chương|Phần)\b", text):
                chuong, muc = text, None
            elif re.match(r"(Mục|Tiểu mục)\b", text):
                muc = text
            elif muc and len(muc.split()) <= 3:
                muc = f"{muc} {text}"
            elif chuong and len(chuong.split()) <= 3:
                chuong = f"{chuong} {text}"
            continue
        if "pDieu" in cls:
            if current:
                articles.append(_article(current))
            anchor = p.xpath(".//a/@name")
            current = {
                "heading": text,
                "code": str(anchor[0]) if anchor else None,
                "chapter": chuong,
                "section": muc,
                "source_note": None,
                "text": [],  # paragraphs, joined when the article closes (+= on a string made this quadratic)
            }
            mode = "dieu"
            continue
        if "pGhiChu" in cls:
            if current is not None:
                current["source_note"] = text or None
            mode = "ghichu"
            continue
        if "pChiDan" in cls:
            mode = "chidan"
            continue
        if "pNoiDung" in cls:
            mode = "noidung"
            if current is not None and text:
                current["text"].append(text)
            continue
        if mode == "noidung" and current is not None and text:
            # The official files nest paragraphs inside the pNoiDung paragraph; the parser unnests them.
            current["text"].append(text)
    if current:
        articles.append(_article(current))
    if not articles:
        raise NoTextFound("the Bộ pháp điển page has no article", path=source.path)
    return [demuc_document(heading, articles, source)]


def _article(fields: dict) -> RawArticle:
    paragraphs = fields["text"]
    return RawArticle(**{**fields, "text": "".join(t + "\n" for t in paragraphs)})


def read_plain_html(root: etree._Element, source: Source) -> list[RawDocument]:
    body = _first(root, "//body")
    text = block_text(body if body is not None else root)
    if not text.strip():
        raise NoTextFound("the HTML page has no text", path=source.path)
    hints: dict[str, str] = {}
    title = _first(root, "//title")
    if title is not None and title.text_content().strip():
        hints["title"] = re.sub(r"\s+", " ", title.text_content()).strip()
    return [RawDocument(text=text, source=source, hints=hints)]


def read_html(data: bytes, source: Source) -> list[RawDocument]:
    text, codec = decode_html(data)
    root = parse_html(text, source.path)
    if is_vbpl_page(root):
        docs = read_vbpl_page(root, source)
    elif is_phapdien_page(root):
        docs = read_phapdien_page(root, source)
    else:
        docs = read_plain_html(root, source)
    notes = invalid_bytes_note(text, codec)
    return [replace(d, notes=(*d.notes, *notes)) for d in docs] if notes else docs
