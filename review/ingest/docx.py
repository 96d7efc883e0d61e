"""DOCX with python-docx: paragraphs and tables in document order.

The header block of Vietnamese documents (cơ quan | quốc hiệu, Số | địa danh, ngày) usually sits in a Word table;
its cells are read one paragraph per line, left cell before right, so the header parser sees the issuer, the
number and the date on lines of their own. Other tables are read a row per line with cells joined by `` | ``.
"""

from __future__ import annotations

import io
import zipfile

from review.errors import CorruptFile, NoTextFound
from review.models import RawDocument, Source
from review.text.normalize import clean

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The header table comes before the first article; data tables afterwards are read row-wise.
_HEADER_ZONE_BLOCKS = 8


def _paragraph_text(p) -> str:
    parts: list[str] = []
    for node in p.iter():
        tag = node.tag
        if tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}tab":
            parts.append(" ")
    return "".join(parts)


def _table_lines(tbl, *, header: bool) -> list[str]:
    lines: list[str] = []
    for row in tbl.iter(f"{_W}tr"):
        cells = [[_paragraph_text(p).strip() for p in tc.iter(f"{_W}p")] for tc in row.iter(f"{_W}tc")]
        if header:
            for cell in cells:
                lines.extend(t for t in cell if t)
        else:
            joined = " | ".join(" ".join(t for t in cell if t) for cell in cells)
            if joined.strip(" |"):
                lines.append(joined)
    return lines


def read_docx(data: bytes, source: Source) -> list[RawDocument]:
    try:
        import docx  # python-docx; imported here so the rest of the package loads without it
        from docx.opc.exceptions import PackageNotFoundError

        try:
            document = docx.Document(io.BytesIO(data))
        except (PackageNotFoundError, KeyError, zipfile.BadZipFile, ValueError) as exc:
            raise CorruptFile(
                f"not a Word document (a zip without word/document.xml): {exc}", path=source.path
            ) from exc
    except CorruptFile:
        raise
    except Exception as exc:  # python-docx raises assorted lxml/zip errors on damaged files
        raise CorruptFile(f"the DOCX file is damaged: {type(exc).__name__}: {exc}", path=source.path) from exc

    lines: list[str] = []
    body = document.element.body
    seen_article = False
    for index, child in enumerate(body.iterchildren()):
        if child.tag == f"{_W}p":
            text = _paragraph_text(child)
            lines.extend(text.split("\n"))
            if text.lstrip().startswith("Điều "):
                seen_article = True
        elif child.tag == f"{_W}tbl":
            lines.extend(_table_lines(child, header=not seen_article and index < _HEADER_ZONE_BLOCKS))
    text = clean("\n".join(line.strip() for line in lines if line.strip()))
    if not text:
        raise NoTextFound("the Word document has no text", path=source.path)
    hints: dict[str, str] = {}
    title = document.core_properties.title
    if title and title.strip():
        hints["file_title"] = title.strip()
    return [RawDocument(text=text, source=source, hints=hints)]
