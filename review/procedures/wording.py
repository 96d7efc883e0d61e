"""The wording lists of administrative procedures (``data/procedures/lexicon.json``) and the value-with-words
every field extractor returns."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_I = re.IGNORECASE
LEXICON = "data/procedures/lexicon.json"


@cache
def lexicon() -> dict[str, list[str]]:
    """The wording lists of ``data/procedures/lexicon.json``: name → its patterns."""
    data = json.loads(resources.files("review").joinpath(LEXICON).read_text(encoding="utf-8"))
    return {k: v["patterns"] for k, v in data.items() if isinstance(v, dict)}


def words(name: str, flags: int = _I) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in lexicon()[name]), flags)


@dataclass(frozen=True)
class Found:
    """A value read from a text and the words it was read from."""

    value: object
    words: str
