"""Document numbers (số, ký hiệu): finding them, normalising them, and reading type and issuer off them.

The normalised number is the document id (docs/ARCHITECTURE.md, Identifiers): NFC, ``Đ`` is U+0110, ASCII
``-`` and ``/``, no spaces, symbol upper-case except ``TTg``. Real sources write the same number many ways:
``13/2015/TT-BTС`` with a Cyrillic ``С``, ``279/2002/qđ-ttg``, ``39 /2018/TT-NHNN``, ``TT- BVHTTDL``, OCR's
``ND-CP``; all give one id.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

from review.text.normalize import clean
from review.vocab import ocr_tokens, type_codes

_OCR_TOKENS = ocr_tokens()
_TYPE_CODES = {code.upper(): name for code, name in type_codes().items()}

# Cyrillic and Greek capitals that look like Latin ones; seen in real vbpl numbers ("TT-BTС").
_LOOKALIKES = str.maketrans(
    {
        "А": "A",
        "В": "B",
        "С": "C",
        "Е": "E",
        "Н": "H",
        "І": "I",
        "К": "K",
        "М": "M",
        "О": "O",
        "Р": "P",
        "Т": "T",
        "Х": "X",
        "У": "Y",
        "а": "a",
        "в": "b",
        "с": "c",
        "е": "e",
        "к": "k",
        "м": "m",
        "о": "o",
        "р": "p",
        "т": "t",
        "х": "x",
        "у": "y",
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Η": "H",
        "Ι": "I",
        "Κ": "K",
        "Μ": "M",
        "Ν": "N",
        "Ο": "O",
        "Ρ": "P",
        "Τ": "T",
        "Χ": "X",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "−": "-",
        "／": "/",
        "∕": "/",
    }
)

_LETTER = r"A-Za-zĐđÐ\u0400-\u04ff"
# A symbol part may hold a dot ("L.12" in old numbers) but never ends with one: "… TT-BCT." ends a sentence.
_SYMBOL_PART = rf"[{_LETTER}](?:[{_LETTER}0-9.]*[{_LETTER}0-9])?"
_SEP_SLASH = r"\s?/\s?"
_SEP_DASH = r"\s?-\s?"

# Serial / year / symbol, e.g. 43/2014/NĐ-CP, 66.7/2025/NQ-CP, 03/2025/TTLT-BCA-VKSNDTC-TANDTC, 80/2015/QH13.
NUMBER_WITH_YEAR = (
    rf"\d{{1,5}}(?:\.\d{{1,3}})?[a-z]?{_SEP_SLASH}(?:19|20)\d\d{_SEP_SLASH}"
    rf"(?:(?:UBTV)?QH\s?-\s?\d{{1,2}}(?![\w/])|{_SYMBOL_PART}(?:{_SEP_DASH}{_SYMBOL_PART})*)"
)
# Serial / symbol without a year: 30/QĐ-TTg, 03/VBHN-VPQH, 3954/UBND-VX.
NUMBER_WITHOUT_YEAR = rf"\d{{1,5}}{_SEP_SLASH}{_SYMBOL_PART}(?:{_SEP_DASH}{_SYMBOL_PART})+"
# Old numbers (before the year entered the symbol): 21-LCT/HĐNN8, 43-CP, 110-SL/L.12. Only after a type word
# ("Luật số 21-LCT/HĐNN8"): alone they look like ranges or form codes.
NUMBER_OLD = rf"\d{{1,4}}-[A-ZĐ]{{1,6}}(?:/{_SYMBOL_PART})?(?![\w/-])"
NUMBER_PATTERN = rf"(?:{NUMBER_WITH_YEAR}|{NUMBER_WITHOUT_YEAR})"
NUMBER_RE = re.compile(rf"(?<![\w/]){NUMBER_PATTERN}(?![\w/])")


@cache
def _issuer_table() -> dict[str, str]:
    data = json.loads(resources.files("review").joinpath("data/issuers.json").read_text(encoding="utf-8"))
    return {b["abbr"].upper(): b["name"] for b in data["bodies"]}


def _normalise_symbol_token(token: str) -> str:
    ocr = _OCR_TOKENS
    upper = token.upper()
    if upper == "TTG":
        return "TTg"
    # A term suffix stays as it is: "HDNN8" → "HĐNN" + "8".
    m = re.fullmatch(r"(.*?)(\d*)", upper)
    head, digits = (m.group(1), m.group(2)) if m else (upper, "")
    return ocr.get(head, head) + digits


def normalize_number(raw: str) -> str:
    """The canonical form of a document number (the document id).

    >>> normalize_number(" 279/2002/qđ-ttg ")
    '279/2002/QĐ-TTg'
    >>> normalize_number("13/2015/TT-BTС")  # Cyrillic С
    '13/2015/TT-BTC'
    >>> normalize_number("43/2014/ND-CP")
    '43/2014/NĐ-CP'
    """
    text = clean(raw).translate(_LOOKALIKES)
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\s+", "", text).strip(".,;:")
    # "54/2014/QH-13": a stray hyphen inside the National Assembly's symbol.
    text = re.sub(r"(QH|UBTVQH)-(\d{1,2})$", r"\1\2", text, flags=re.IGNORECASE)
    parts = text.split("/")
    out = []
    for i, part in enumerate(parts):
        if i == 0 or re.fullmatch(r"(?:19|20)\d\d", part):
            out.append(part)
            continue
        out.append("-".join(_normalise_symbol_token(t) for t in part.split("-")))
    return "/".join(out)


def number_key(number: str) -> str:
    """A matching key: the normalised number with leading zeros of the serial removed ("01/2012" ~ "1/2012")."""
    norm = normalize_number(number)
    serial, sep, rest = norm.partition("/")
    if serial.isdigit():
        serial = str(int(serial))
    return serial + sep + rest


def find_numbers(text: str) -> list[tuple[int, int, str]]:
    """Every document number in ``text`` as (start, end, normalised number)."""
    return [(m.start(), m.end(), normalize_number(m.group(0))) for m in NUMBER_RE.finditer(text)]


def number_year(number: str) -> int | None:
    m = re.search(r"/((?:19|20)\d\d)/", number)
    return int(m.group(1)) if m else None


def _symbol(number: str) -> str:
    return number.rsplit("/", 1)[-1] if "/" in number else ""


def type_from_number(number: str) -> str | None:
    """The document type a number's symbol implies, when it implies one.

    ``QH`` numbers are ambiguous (Luật or Nghị quyết of the National Assembly) and ``UBTVQH`` ones too (Pháp
    lệnh or Nghị quyết), so they give ``None``: the title decides."""
    symbol = _symbol(normalize_number(number))
    head = symbol.split("-")[0].upper()
    if re.fullmatch(r"(UBTV)?QH\d*", head):
        return None
    if head == "PL" or symbol.upper().startswith("PL-UBTVQH"):
        return "Pháp lệnh"
    return _TYPE_CODES.get(head)


def issuer_from_number(number: str) -> str | None:
    """The issuing body a number's symbol names (``NĐ-CP`` → Chính phủ), or None when it names several or
    none we know (joint circulars name several: the header decides)."""
    symbol = _symbol(normalize_number(number))
    parts = symbol.split("-")
    head = parts[0].upper()
    if re.fullmatch(r"QH\d+", head):
        return "Quốc hội"
    if re.fullmatch(r"UBTVQH\d+", head):
        return "Ủy ban Thường vụ Quốc hội"
    issuers = [p for p in parts[1:] if p]
    if len(issuers) != 1:
        return None
    token = re.sub(r"\d+$", "", issuers[0].upper())
    return _issuer_table().get(token)


def issuer_name(abbr_or_name: str) -> str | None:
    """The canonical name for an issuer abbreviation, or for a name written in capitals ("BỘ TÀI CHÍNH")."""
    table = _issuer_table()
    key = abbr_or_name.strip().upper()
    if key in table:
        return table[key]
    by_upper = {name.upper(): name for name in table.values()}
    return by_upper.get(re.sub(r"\s+", " ", key))
