"""Line patterns for the structure of Vietnamese legal documents (and of vbpl.vn's English translations).

The patterns are data: review/data/structure/patterns.json gives each a stable id, its regex, why it is there and
example lines it must and must not match. They are compiled once, here, and read by the rest of the stage as the
constants below (each the upper-case form of its id).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from review.identity.units import POINT_LETTERS

DATA_FILE = "data/structure/patterns.json"

# The characters that open a quotation of new text.
QUOTE_OPEN = '“"«'


@cache
def pattern_data() -> dict[str, Any]:
    """The data file, read once."""
    return json.loads(resources.files("review").joinpath(DATA_FILE).read_text(encoding="utf-8"))


def fragments() -> dict[str, str]:
    """Named pieces the regexes share ({roman}, {point_letters} …)."""
    found = {name: entry["regex"] for name, entry in pattern_data()["fragments"].items()}
    found["point_letters"] = POINT_LETTERS  # the alphabet is part of the vocabulary (identity.units)
    return found


def compile_entry(entry: dict[str, Any]) -> re.Pattern[str]:
    """One pattern of the data file with its fragments filled in and its flags applied."""
    regex = entry["regex"]
    for name, value in fragments().items():
        regex = regex.replace("{" + name + "}", value)
    flags = 0
    for flag in entry.get("flags", ()):
        flags |= re.RegexFlag[flag]
    return re.compile(regex, flags)


PATTERNS: dict[str, re.Pattern[str]] = {
    entry["id"]: compile_entry(entry) for entry in pattern_data()["patterns"]
}

# Unit headings.
PHAN = PATTERNS["phan"]
CHUONG = PATTERNS["chuong"]
MUC = PATTERNS["muc"]
TIEU_MUC = PATTERNS["tieu_muc"]
DIEU = PATTERNS["dieu"]
DIEU_NO_DOT = PATTERNS["dieu_no_dot"]
KHOAN = PATTERNS["khoan"]
DIEM = PATTERNS["diem"]
PHU_LUC = PATTERNS["phu_luc"]
FORM_HEADING = PATTERNS["form_heading"]
CITATION_NOT_TITLE = PATTERNS["citation_not_title"]
EN_CHAPTER = PATTERNS["en_chapter"]
EN_SECTION = PATTERNS["en_section"]
EN_PART = PATTERNS["en_part"]
EN_ARTICLE = PATTERNS["en_article"]
EN_APPENDIX = PATTERNS["en_appendix"]

# Amending instructions and the quoted new text they introduce.
AMENDING_INTRO = PATTERNS["amending_intro"]
CONTAINER_OPERATION = PATTERNS["container_operation"]
OWN_INSTRUCTION = PATTERNS["own_instruction"]
QUOTE_OPENS_AFTER_COLON = PATTERNS["quote_opens_after_colon"]
QUOTE_CLOSES_LINE = PATTERNS["quote_closes_line"]

# The end of the body and what is attached after it.
SIGNATURE = PATTERNS["signature"]
ATTACHMENT_TITLE = PATTERNS["attachment_title"]

# Bộ pháp điển headings (review.structure.phapdien).
PHAPDIEN_ARTICLE = PATTERNS["phapdien_article"]
PHAPDIEN_HEADING = PATTERNS["phapdien_heading"]
PHAPDIEN_CHAPTER = PATTERNS["phapdien_chapter"]
