"""Texts shown to legal staff, without the project's internal provenance marks.

Lexicon and rule sources carry marks for the maintainers: ``[V]``/``[V2]`` (verified), ``[R]`` (from recollection,
not verified), "domain notes §6.3" (the project's own notes). A reader needs only whether a fact is unverified,
so ``[R]`` reads "(chưa kiểm chứng)" and the rest is dropped; relation keys used as words read as words."""

from __future__ import annotations

import re

_UNVERIFIED = re.compile(r"\s*\[R\]")
_VERIFIED = re.compile(r"\s*\[V\d?(?: [A-Z]\d+)?\]")
_DOMAIN_NOTES = re.compile(r"\s*\(?\b[Dd]omain notes(?: §[\d.]+)?\)?[;,:]?")
_KEYS = {"(merged_into)": "(merged)", "(renamed)": "(renamed)", "(split_into)": "(split)"}


def for_reader(text: str | None) -> str:
    """``text`` as a reviewer reads it: no verification tags, no pointers into the project's notes."""
    if not text:
        return ""
    out = _UNVERIFIED.sub(" (chưa kiểm chứng — unverified)", text)
    out = _VERIFIED.sub("", out)
    out = _DOMAIN_NOTES.sub("", out)
    for key, words in _KEYS.items():
        out = out.replace(key, words)
    out = re.sub(r"\(\s*\)", "", out)
    out = re.sub(r"\s{2,}", " ", out).strip()
    return re.sub(r"^[;,:]\s*", "", out)
