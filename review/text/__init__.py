"""Text normalisation for Vietnamese legal documents: Unicode clean-up, tone placement, accent folding,
legacy font encodings and document numbers. Every other stage goes through these functions, so there is one
place for each convention."""

from review.text.fold import fold
from review.text.normalize import clean, matching_form, normalize_tone_placement, unify_punctuation
from review.text.numbers import (
    NUMBER_RE,
    find_numbers,
    issuer_from_number,
    normalize_number,
    number_key,
    type_from_number,
)

__all__ = [
    "NUMBER_RE",
    "clean",
    "find_numbers",
    "fold",
    "issuer_from_number",
    "matching_form",
    "normalize_number",
    "normalize_tone_placement",
    "number_key",
    "type_from_number",
    "unify_punctuation",
]
