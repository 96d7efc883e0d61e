"""Unicode clean-up for display and a stricter form for matching.

Two levels, because legal staff must see the text as published while rules must match every spelling of it:

* ``clean`` — what every ingester's output goes through: NFC, the look-alike ``Ð`` (U+00D0) to ``Đ``, odd
  spaces and zero-width characters, line endings, control characters. The text still reads as the original.
* ``matching_form`` — ``clean`` plus one tone-mark placement convention (``hoà`` → ``hòa``), one kind of quote
  and dash, single spaces. Use it for comparing and looking up, never for display.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that render as a space (NBSP, narrow NBSP, figure space, en/em spaces, ideographic space …).
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# The soft hyphen (U+00AD) is kept by ``clean``: in TCVN3 text it is the letter "ư", so it may only go once the
# legacy-encoding repair has run (review.ingest does both, in that order).
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
SOFT_HYPHEN = "\u00ad"
_SPACE_TABLE = {ord(c): " " for c in _SPACES} | {ord(c): None for c in _ZERO_WIDTH}
# Eth (U+00D0) and its lower case (U+00F0) are the usual wrong code points for Đ/đ in PDFs and old Word files;
# Vietnamese has no eth, so the swap is always safe.
_LOOKALIKE_TABLE = {0x00D0: "Đ", 0x00F0: "đ", 0x0189: "Đ"}
# str.translate with a dict costs a look-up per character; most texts hold none of these, which one regex scan
# (in C) tells at a fraction of that.
_SPACE_OR_LOOKALIKE_RE = re.compile("[" + re.escape("".join(map(chr, _SPACE_TABLE | _LOOKALIKE_TABLE))) + "]")
_SPACE_OR_LOOKALIKE_ITEMS = tuple((chr(k), v or "") for k, v in (_SPACE_TABLE | _LOOKALIKE_TABLE).items())
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_TRAILING_SPACE_RE = re.compile(r"[ \t]+$", re.MULTILINE)

_QUOTE_TABLE = {ord(c): '"' for c in "“”„‟″«»＂"} | {ord(c): "'" for c in "‘’‚‛′‹›＇`"}
_DASH_TABLE = {ord(c): "-" for c in "‐‑‒–—―−﹘﹣－"}
_MULTISPACE_RE = re.compile(r"[ \t]+")


def clean(text: str) -> str:
    """Normalise a raw extracted text without changing how it reads.

    NFC; Ð/ð → Đ/đ; all kinds of spaces → a plain space; zero-width characters removed (soft hyphens are left
    for the legacy-encoding repair);
    CRLF/CR → LF; control characters removed; trailing spaces stripped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _SPACE_OR_LOOKALIKE_RE.search(text):
        # One str.replace per character present: a translate with a dict looks up every character of the text.
        for char, repl in _SPACE_OR_LOOKALIKE_ITEMS:
            if char in text:
                text = text.replace(char, repl)
    text = _CONTROL_RE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return _TRAILING_SPACE_RE.sub("", text)


def unify_punctuation(text: str) -> str:
    """Straight quotes and the ASCII hyphen-minus for every quote and dash variant."""
    return text.translate(_QUOTE_TABLE).translate(_DASH_TABLE)


def matching_form(text: str) -> str:
    """The form used to compare texts: clean, one tone placement, one quote and dash, single spaces."""
    text = unify_punctuation(normalize_tone_placement(clean(text).replace(SOFT_HYPHEN, "")))
    return _MULTISPACE_RE.sub(" ", text).strip()


# --- Tone-mark placement -------------------------------------------------------------------------------------
#
# Vietnamese has two conventions for where the tone mark sits in the open syllables oa, oe, uy: "hoà, thuý"
# (the newer school rule) and "hòa, thúy" (the traditional one, which vbpl.vn and most legal texts use). We
# normalise to the traditional placement so both spellings match.

_TONES = {"\u0300": "grave", "\u0301": "acute", "\u0303": "tilde", "\u0309": "hook", "\u0323": "dot"}
_TONE_MARKS = "".join(_TONES)
_SHAPED = set("ăâêôơưĂÂÊÔƠƯ")
_VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def _split_tone(syllable: str) -> tuple[str, str | None]:
    """The syllable without its tone mark (shape marks kept, NFC) and the tone mark, if any."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = next((c for c in decomposed if c in _TONE_MARKS), None)
    if tone is None:
        return syllable, None
    bare = "".join(c for c in decomposed if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", bare), tone


def _tone_position(bare: str) -> int | None:
    """Index in ``bare`` of the vowel that carries the tone in the traditional convention."""
    lower = bare.lower()
    start = 0
    # "qu" and "gi" + vowel: the u/i belongs to the onset.
    if lower.startswith("qu"):
        start = 2
    elif lower.startswith("gi") and len(lower) > 2 and lower[2] in "aăâeêoôơuưy":
        start = 2
    positions = [i for i in range(start, len(bare)) if bare[i] in _VOWELS]
    if not positions:
        positions = [i for i in range(len(bare)) if bare[i] in _VOWELS]
        if not positions:
            return None
    # The nucleus is the first run of consecutive vowels.
    run = [positions[0]]
    for i in positions[1:]:
        if i == run[-1] + 1:
            run.append(i)
        else:
            break
    shaped = [i for i in run if bare[i] in _SHAPED]
    if shaped:
        # ươ puts the mark on ơ: the last shaped vowel.
        return shaped[-1]
    if len(run) == 1:
        return run[0]
    if len(run) >= 3:
        return run[1]
    closed = run[-1] + 1 < len(bare)
    return run[1] if closed else run[0]


def _retone_syllable(match: re.Match[str]) -> str:
    syllable = match.group(0)
    bare, tone = _split_tone(syllable)
    if tone is None:
        return syllable
    pos = _tone_position(bare)
    if pos is None:
        return syllable
    placed = bare[:pos] + unicodedata.normalize("NFC", bare[pos] + tone) + bare[pos + 1 :]
    return unicodedata.normalize("NFC", placed)


def normalize_tone_placement(text: str) -> str:
    """Move tone marks to the traditional position (``hoà`` → ``hòa``, ``thuý`` → ``thúy``, ``khoẻ`` → ``khỏe``).

    Words that carry no tone mark, and non-Vietnamese words, are returned unchanged."""
    return _WORD_RE.sub(_retone_syllable, unicodedata.normalize("NFC", text))
