"""Which documents belong to an authority, as the annual lists and the merger review name it: an issuing body by
its name ("Chính phủ", "Bộ Tài chính") or a province or city by its code (``HN``, ``HCM``), which then answers
for its own documents and for those of the provinces merged into it (Luật 64/2025 Điều 54 khoản 2).

Documents only cited by the corpus count too: their issuer comes from their number's symbol (``NĐ-CP`` →
Chính phủ) and their province from the ``@CODE`` of their id."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from review.errors import UnknownAuthority, UsageError
from review.identity import registry
from review.text.numbers import issuer_from_number, issuer_name


def authority_filter(authority: str, docs: Mapping[str, Any]) -> tuple[str, Callable[[str], bool]]:
    """(the authority's display name, a test on document ids). ``docs`` maps ids to objects with ``issuer``,
    ``number`` and (for stored documents) ``authority``; ids missing from it are read from the id alone."""
    text = (authority or "").strip()
    if not text:
        raise UsageError("give an authority: an issuing body's name or a province's code")
    reg = registry()
    local = None
    try:
        local = reg.get(text)
    except UnknownAuthority:
        local = None
    if local is not None:
        codes = set(reg.responsible_for(local.code))

        def is_local(doc_id: str) -> bool:
            d = docs.get(doc_id)
            code = getattr(d, "authority", None) if d is not None else None
            if code is None:
                _, sep, tail = doc_id.partition("@")
                code = tail.split("~")[0].upper() if sep else None
            return code in codes

        return local.name, is_local
    name = issuer_name(text) or text
    wanted = _fold(name)
    if issuer_name(text) is None and not any(
        _fold(getattr(d, "issuer", None) or "") == wanted for d in docs.values()
    ):
        raise UnknownAuthority(
            f"no issuing body or province {text!r}",
            hint='an issuer as written ("Chính phủ") or a code (HN, HCM)',
        )

    def is_issuer(doc_id: str) -> bool:
        d = docs.get(doc_id)
        _, sep, tail = doc_id.partition("@")
        if (sep and tail.split("~")[0] != "en") or getattr(d, "authority", None):
            return False  # a local document is its province's, not a central body's
        issuer = getattr(d, "issuer", None) if d is not None else None
        number = (getattr(d, "number", None) if d is not None else None) or doc_id.partition("@")[0]
        return any(_fold(x) == wanted for x in (issuer, issuer_from_number(number)) if x)

    return name, is_issuer


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
