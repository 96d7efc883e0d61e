"""The Bộ pháp điển (official codified compilation): one đề mục becomes one ``RawDocument`` whose ``articles`` are
the đề mục's articles as its source gives them (heading, pháp điển code, chapter and section, source note, text).
The structure stage builds their unit tree (structure/phapdien.py); nothing here reads structure.

Both the official đề mục HTML pages and the article-per-line JSONL dataset come through here, so they give the
same document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from review import notes as codes
from review.models import Note, RawArticle, RawDocument, Source
from review.vocab import DocType

_DEMUC = re.compile(r"Đề mục\s+(?P<num>[\d.]+)\s*(?P<name>.*)$", re.IGNORECASE | re.DOTALL)


def demuc_document(heading: str, articles: Sequence[RawArticle], source: Source) -> RawDocument:
    """The đề mục named by ``heading``, its articles in order, each read once."""
    m = _DEMUC.search(heading)
    demuc_num = m.group("num").strip(".") if m else None
    name = re.sub(r"\s+", " ", m.group("name")).strip() if m else heading.strip()
    kept: list[RawArticle] = []
    seen: set[tuple[str | None, str, str]] = set()
    repeated = 0
    for article in articles:
        # The official files repeat some articles word for word under the same code: keep one.
        key = (article.code, article.heading, article.text)
        if key in seen:
            repeated += 1
            continue
        seen.add(key)
        kept.append(article)
    hints = {"title": name, "type": DocType.DE_MUC_PHAP_DIEN.value, "language": "vi"}
    if demuc_num:
        hints["id"] = f"PĐ-{demuc_num}"
    notes: tuple[Note, ...] = ()
    if repeated:
        notes = (
            Note(
                codes.DUPLICATE_UNIT,
                f"{repeated} articles repeated word for word in the source were read once",
            ),
        )
    return RawDocument(text=heading, source=source, hints=hints, articles=tuple(kept), notes=notes)
