"""Legacy Vietnamese font encodings: TCVN3 (ABC) and VNI.

Documents typed before Unicode used 8-bit fonts; their text, read as cp1252, is mojibake: "Céng hoµ x· héi chñ
nghÜa ViÖt Nam" (TCVN3) or "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam" (VNI). The tables are data
(review/data/legacy_encodings.json). Detection looks for characters no Unicode Vietnamese text contains, in
quantity, and checks that converting makes the text more Vietnamese, so ordinary Vietnamese, English, French or
German text is left alone.

Limitation: TCVN3 capitals with marks live in separate fonts that reuse the lower-case codes, so they convert to
lower-case letters ("CéNG HOµ" → "CộNG HOà"); ASCII capitals keep their case.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

ENCODINGS = ("tcvn3", "vni")
_VI_ONLY = set("ăâđêôơưĂÂĐÊÔƠƯ")


@cache
def _tables() -> dict:
    data = json.loads(
        resources.files("review").joinpath("data/legacy_encodings.json").read_text(encoding="utf-8")
    )
    # latin-1 decoding gives C1 controls where cp1252 has printable characters; the tables use cp1252's.
    return data


@cache
def _vni_pattern() -> re.Pattern[str]:
    keys = sorted(_tables()["vni"], key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


_C1 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_C1_TABLE = {b: c for b, c in _C1.items()}


def convert_legacy(text: str, encoding: str) -> str:
    """Convert TCVN3 or VNI mojibake to NFC Unicode."""
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {', '.join(ENCODINGS)}")
    text = text.translate(_C1_TABLE)
    if encoding == "tcvn3":
        out = text.translate(str.maketrans(_tables()["tcvn3"]))
    else:
        table = _tables()["vni"]
        out = _vni_pattern().sub(lambda m: table[m.group(0)], text)
    return unicodedata.normalize("NFC", out)


def _vietnamese_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    marked = sum(1 for c in letters if c in _VI_ONLY or (not c.isascii() and unicodedata.decomposition(c)))
    return marked / len(letters)


_VNI_SIGNS = re.compile(r"[aeiouyAEIOUY][øûïäåëü]|[ñÑ][aeiouyAEIOUY]|[ôöÔÖ][øùûõï]")


def detect_legacy_encoding(text: str) -> str | None:
    """ "tcvn3", "vni", or None when the text is not (detectably) in a legacy encoding."""
    sample = text[:50000].translate(_C1_TABLE)
    letters = sum(1 for c in sample if c.isalpha())
    if letters < 20:
        return None
    tables = _tables()
    tcvn3 = sum(1 for c in sample if c in tables["tcvn3_marks"])
    vni = len(_VNI_SIGNS.findall(sample))
    candidates = []
    if tcvn3 >= 3 and tcvn3 >= letters * 0.01:
        candidates.append((tcvn3, "tcvn3"))
    if vni >= 3 and vni >= letters * 0.005:
        candidates.append((vni, "vni"))
    before = _vietnamese_share(sample)
    for _, encoding in sorted(candidates, reverse=True):
        after = _vietnamese_share(convert_legacy(sample, encoding))
        # Converting must make the text clearly more Vietnamese.
        if after > before + 0.02 and after > 0.05:
            return encoding
    return None


def fix_legacy(text: str) -> tuple[str, str | None]:
    """Detect a legacy encoding and convert; returns the text and the encoding found (or None)."""
    encoding = detect_legacy_encoding(text)
    if encoding is None:
        return text, None
    return convert_legacy(text, encoding), encoding
