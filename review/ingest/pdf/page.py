"""What the PDF readers exchange: positioned words, lines of them, and pages (from the text layer or from OCR),
and the light clean-up every word gets."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

_CLEAN_TABLE = {0x00A0: " ", 0x202F: " ", 0x00D0: "Đ"}


@dataclass(frozen=True, slots=True)
class Word:
    """A word and its box in PDF points, top-left origin (pdfplumber's convention; OCR boxes are scaled)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


Line = list[Word]  # left to right


@dataclass
class Page:
    number: int  # 1-based index in the file, not the printed page number
    width: float
    height: float
    words: list[Word]  # from the text layer; OCR pages get their lines straight from Tesseract
    needs_ocr: bool = False
    ocr: bool = False
    lines: list[Line] = field(default_factory=list)
    widgets: bool = False  # the page carries widget annotations (maybe e-signature stamps: ``stamps``)


def light_clean(text: str) -> str:
    """The light clean-up asked of an ingester: NFC, Ð (U+00D0) → Đ, no-break spaces → spaces."""
    return unicodedata.normalize("NFC", text).translate(_CLEAN_TABLE).strip()
