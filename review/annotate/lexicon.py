"""The annotator's lexicons, loaded from data files (review/data/annotate/*.json): document type words and the
relation triggers. One place to read them; rules import the compiled forms from here."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from review.text.fold import fold
from review.text.numbers import type_from_number
from review.vocab import DocType, type_words


@cache
def load(name: str) -> dict:
    path = resources.files("review").joinpath(f"data/annotate/{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _type_words() -> list[str]:
    return list(type_words())


def _word_pattern(word: str) -> str:
    # First letter of each word in either case ("Nghị định", "nghị định", "NGHỊ ĐỊNH" is rare in running text).
    parts = []
    for w in word.split(" "):
        first = w[0]
        parts.append(f"[{first.upper()}{first.lower()}]{re.escape(w[1:])}")
    return r"\s+".join(parts)


TYPE_WORDS_PATTERN = "(?:" + "|".join(_word_pattern(w) for w in _type_words()) + r")(?![\wÀ-ỹ])"
_CANONICAL = {fold(w): w for w in _type_words()}


def canonical_type(word: str | None) -> str | None:
    if not word:
        return None
    return _CANONICAL.get(fold(re.sub(r"\s+", " ", word)))


def plausible_entry(entry: dict) -> bool:
    """A gazetteer entry whose number's symbol names another type ("Luật An toàn thực phẩm và Nghị" numbered
    66.13/2026/NQ-CP, mined from "… Luật An toàn thực phẩm và Nghị quyết số 66.13/2026/NQ-CP") is a misreading: a
    law, code or ordinance carries a National Assembly (QH, UBTVQH) or old-style number."""
    implied = type_from_number(entry["number"])
    return implied is None or implied == entry["type"] or "QH" in entry["number"].upper()


def _known_names() -> list[str]:
    names = {
        e["name"]
        for e in load("gazetteer")["entries"]
        if (DocType.parse(e["type"]) or DocType.CONG_VAN).named_law and plausible_entry(e)
    }
    # Amending laws are named by their number or date, never by their long name alone.
    return sorted(
        (n for n in names if not n.lower().startswith(("sửa đổi", "luật sửa đổi"))), key=len, reverse=True
    )


def _name_pattern(name: str) -> str:
    words = name.split()
    first = words[0]
    head = f"[{first[0].upper()}{first[0].lower()}]{re.escape(first[1:])}"
    return r"\s+".join([head, *(re.escape(w) for w in words[1:])])


# Laws, codes and ordinances named without number or date ("Luật Đa dạng sinh học", "Bộ luật Lao động"), from the
# gazetteer: an alternation longest first, so "Luật Bảo vệ môi trường" wins over a shorter name it contains.
KNOWN_NAMES_PATTERN = "(?:" + "|".join(_name_pattern(n) for n in _known_names()) + r")(?![\wÀ-ỹ])"
