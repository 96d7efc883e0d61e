"""Legacy Vietnamese font encodings, TCVN3 (ABC) and VNI: detection and conversion to Unicode.

Documents typed before Unicode used 8-bit fonts whose codes stand for Vietnamese letters. Read as cp1252 (or
latin-1) their text is mojibake:

* TCVN3, the ABC fonts (.VnTime, .VnArial): one code per letter — "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
  "§iÒu" for "Điều";
* VNI, the VNI-Windows fonts (VNI-Times): a base letter followed by a mark character — "Coäng hoøa xaõ hoäi
  chuû nghóa Vieät Nam", "Ñieàu" for "Điều".

The code charts are data (``review/data/legacy_encodings.json``, with its sources). Detection counts the
sequences that only legacy text has, then converts and keeps the encoding only when the result has clearly more
valid Vietnamese syllables than the input, so ordinary Vietnamese, English, French or German text is left alone.

Limitations:

* TCVN3 capitals with marks live in separate fonts (.VnTimeH) that reuse the lower-case codes, so the bytes do
  not say whether "Bé" is "Bộ" or "BỘ". The ASCII letters around them do: a run of words with no lower-case
  ASCII letter and enough capitals (three; two in one word or a whole line) gets its converted letters in
  upper case ("NGHÞ ®ÞNH" → "NGHỊ ĐỊNH", "Më §ÇU" → "MỞ ĐẦU"); elsewhere they stay lower case ("Bé" → "Bộ",
  "§Ó" → "Để"), which is wrong for a capital starting a sentence ("ñy ban" → "ủy ban") or a lone capital
  word amid lower-case text. ASCII letters keep their case.
* The TCVN 5712:1993 VN1 capitals at 0x80-0x9F and the other VN3 gaps are not converted: in ABC-font
  documents those codes are Windows punctuation (smart quotes, dashes).
* Detection and ``fix_legacy`` decide for the whole text: a document mixing Unicode and legacy paragraphs is
  converted whole or not at all.
"""

from __future__ import annotations

import json
import re
import string
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

ENCODINGS = ("tcvn3", "vni")

# --- Tables --------------------------------------------------------------------------------------------------


@cache
def _tables() -> dict[str, Any]:
    """The data file: ``tcvn3`` and ``vni`` map mojibake (as cp1252 text) to Unicode letters."""
    path = resources.files("review").joinpath("data/legacy_encodings.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _table(encoding: str) -> Mapping[str, str]:
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {', '.join(ENCODINGS)}")
    return _tables()[encoding]


# Latin-1 decoding gives C1 controls where cp1252 has printable characters; the tables are written in cp1252's,
# so both decodings convert alike. 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in cp1252 and stay as they are.
_C1_TO_CP1252 = {
    b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


_C1_RE = re.compile("[" + "".join(map(chr, _C1_TO_CP1252)) + "]")


def _prepare(text: str) -> str:
    # The mojibake characters are all precomposed Latin-1 letters, so NFC first lets decomposed input match too.
    text = unicodedata.normalize("NFC", text)
    # Translating costs a dict look-up per character; most texts hold no C1 control, which one regex scan tells.
    return text.translate(_C1_TO_CP1252) if _C1_RE.search(text) else text


def _alternation(keys: list[str]) -> str:
    """A regex matching any of ``keys``, longest first, with keys sharing all but their last character folded
    into one character class (``a[øùû…]``) so a table of a few hundred keys stays fast."""
    groups: dict[str, list[str]] = {}
    for key in keys:
        groups.setdefault(key[:-1], []).append(key[-1])
    parts = [
        re.escape(prefix) + "[" + "".join(re.escape(c) for c in sorted(last)) + "]"
        for prefix, last in sorted(groups.items(), key=lambda item: -len(item[0]))
    ]
    return "|".join(parts)


# --- Vietnamese letters and syllables (the yardstick for detection) ------------------------------------------

_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_TONES = (_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT)
_VOWELS = "aăâeêioôơuưy"
_SHAPED_VOWELS = "ăâêôơư"
_ALPHABET = frozenset("abcdđeghiklmnopqrstuvxy" + _SHAPED_VOWELS)


def _vietnamese_letters() -> frozenset[str]:
    """Every letter of the Vietnamese alphabet, both cases, with and without tone marks."""
    lower = {unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in ("", *_TONES)} | set(_ALPHABET)
    return frozenset(lower | {c.upper() for c in lower})


_VIETNAMESE_LETTERS = _vietnamese_letters()

# Onsets, longest first so "ngh" is tried before "ng" and "n"; "qu" is one onset (q never stands alone).
_INITIALS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)  # fmt: skip
# Rhymes (vần) without tone: medial + nucleus + final. "ynh", "yt", "ych" follow "qu" (quỳnh, quýt, quých);
# "oong", "ooc" are settled loans (xoong, soóc).
_RHYMES = frozenset(
    """
    a ai ao au ay ac ach am an ang anh ap at   ăc ăm ăn ăng ăp ăt   âc âm ân âng âp ât âu ây
    e eo ec em en eng ep et   ê êu êch êm ên ênh êp êt
    i ia iu ich im in inh ip it   iêc iêm iên iêng iêp iêt iêu   y yêm yên yêt yêu ynh yt ych
    o oi oc om on ong op ot oong ooc   ô ôi ôc ôm ôn ông ôp ôt   ơ ơi ơm ơn ơp ơt
    u ua ui uc um un ung up ut   uôi uôc uôm uôn uông uôt
    ư ưa ưi ưu ưc ưm ưn ưng ưt   ươi ươu ươc ươm ươn ương ươp ươt
    oa oai oay oao oac oach oam oan oang oanh oap oat   oăc oăm oăn oăng oăt   oe oeo oen oet
    uân uâng uât uây   uê uêch uênh   uơ   uy uya uyu uych uynh uyp uyt uyên uyêt
    """.split()
)
_STOP_FINALS = ("c", "ch", "p", "t")


def _spelling_ok(initial: str, rhyme: str) -> bool:
    """Vietnamese spelling picks c/k, g/gh and ng/ngh by the next vowel: "kê", not "cê"."""
    front = rhyme[:1] in ("e", "ê", "i", "y")
    if initial in ("k", "gh", "ngh"):
        return front
    if initial in ("c", "ng"):
        return not front
    if initial == "g":
        # "gi…" (gìn, gì) is spelt with g + i, so only e/ê are ruled out.
        return rhyme[:1] not in ("e", "ê")
    return True


@cache
def _tone_positions(rhyme: str) -> frozenset[int]:
    """Where the tone mark may sit in a rhyme: on the shaped vowel (the second of ươ), else on the last vowel
    before a final consonant, else on the first of two vowels (either of oa, oe, uy: both conventions are in
    use) or the middle of three."""
    vowels = [i for i, c in enumerate(rhyme) if c in _VOWELS]
    shaped = [i for i in vowels if rhyme[i] in _SHAPED_VOWELS]
    if shaped:
        return frozenset({shaped[-1]})
    if len(vowels) == 1 or rhyme[-1] not in _VOWELS:
        return frozenset({vowels[-1]})
    if rhyme in ("oa", "oe", "uy"):
        return frozenset(vowels)
    return frozenset({vowels[0] if len(vowels) == 2 else vowels[1]})


@lru_cache(maxsize=1 << 16)
def _is_syllable(word: str) -> bool:
    """Whether ``word`` (any case) is a well-formed Vietnamese syllable: onset, rhyme, at most one tone mark,
    on the right vowel, and only sắc or nặng before a stop final."""
    base: list[str] = []
    tone, tone_at = "", -1
    for ch in unicodedata.normalize("NFC", word.lower()):
        parts = unicodedata.normalize("NFD", ch)
        marks = [m for m in parts if m in _TONES]
        letter = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONES))
        if letter not in _ALPHABET or len(marks) > 1 or (marks and letter not in _VOWELS):
            return False
        if marks:
            if tone:
                return False
            tone, tone_at = marks[0], len(base)
        base.append(letter)
    syllable = "".join(base)
    for initial in _INITIALS:
        rhyme = syllable[len(initial) :]
        if not syllable.startswith(initial) or rhyme not in _RHYMES or not _spelling_ok(initial, rhyme):
            continue
        if rhyme.endswith(_STOP_FINALS) and tone not in (_ACUTE, _DOT):
            continue
        if tone and tone_at - len(initial) not in _tone_positions(rhyme):
            continue
        return True
    return False


# Words are split at white space, ASCII punctuation and digits, and the typographic punctuation that neither
# table uses; legacy text keeps its marks inside the word ("x·", "n\u00adíc").
_WORD_RE = re.compile("[^\\s" + re.escape(string.punctuation + string.digits + "“”‘’–—…•") + "]+")


@dataclass(frozen=True, slots=True)
class _Profile:
    """How Vietnamese a text looks: of its words with a non-ASCII character, how many are valid syllables."""

    valid: int
    marked: int

    @property
    def share(self) -> float:
        return self.valid / self.marked if self.marked else 0.0


def _profile(text: str) -> _Profile:
    marked = [w for w in _WORD_RE.findall(text) if not w.isascii()]
    return _Profile(sum(1 for w in marked if _is_syllable(w)), len(marked))


# --- Conversion ----------------------------------------------------------------------------------------------


@cache
def _tcvn3_translation() -> dict[int, str]:
    return str.maketrans(dict(_table("tcvn3")))


@cache
def _vni_pattern() -> re.Pattern[str]:
    # Longest match first: "ôù" (ớ) before "ô" (ơ), "aâ" (â) before any single character. A mark character
    # only matches after its base vowel, so "ä" in "Bär" or a lone "ø" is left alone.
    return re.compile(_alternation(list(_table("vni"))))


# review.text.clean maps the look-alike "Ð" (U+00D0) to "Đ", but in TCVN3 "Ð" is "é" ("phÐp" = "phép"). A real
# Đ only starts a syllable, so one after a letter in the same word was an "é" before cleaning.
_CLEANED_E_RE = re.compile(r"(?<=[^\W\d_])Đ")
_LINE_RE = re.compile(r"[^\n]+")
_TOKEN_RE = re.compile(r"\S+")


def _ascii_letters(word: str) -> str:
    return "".join(c for c in word if c.isascii() and c.isalpha())


def _capital_runs(
    words: list[re.Match[str]], whole_line: bool, table: Mapping[str, str]
) -> Iterator[tuple[int, int]]:
    """The span of a run of words with no lower-case ASCII letter, when its capitals say it is set in capitals.

    Only the ASCII letters of words with a lower-case TCVN3 code are counted, so an acronym ("UBND Së T\u00ad",
    "Sè: 5/Q§-UBND") does not turn its neighbours into capitals. Three letters are enough; two when the run is
    one word ("§IÒU") or the whole line ("Më §ÇU")."""
    # Words without ASCII letters ("®Ó", "5.") take their case from the words around them, never from an edge.
    while words and not _ascii_letters(words[0].group()):
        words = words[1:]
    while words and not _ascii_letters(words[-1].group()):
        words = words[:-1]
    capitals = sum(
        len(_ascii_letters(w.group())) for w in words if any(table.get(c, "").islower() for c in w.group())
    )
    if capitals >= 3 or (capitals >= 2 and (whole_line or len(words) == 1)):
        yield words[0].start(), words[-1].end()


def _capital_spans(text: str, table: Mapping[str, str]) -> Iterator[tuple[int, int]]:
    """Spans set in a TCVN3 capital font (see the module's limitations)."""
    for line in _LINE_RE.finditer(text):
        words = list(_TOKEN_RE.finditer(text, line.start(), line.end()))
        run: list[re.Match[str]] = []
        for word in [*words, None]:
            if word is not None and not any(c.islower() for c in _ascii_letters(word.group())):
                run.append(word)
                continue
            yield from _capital_runs(run, len(run) == len(words), table)
            run = []


def _convert_tcvn3(text: str) -> str:
    text = _CLEANED_E_RE.sub("Ð", text)
    converted = text.translate(_tcvn3_translation())
    table = _table("tcvn3")
    chars: list[str] | None = None
    for start, end in _capital_spans(text, table):
        # TCVN3 maps one character to one, so positions in the input and the output agree.
        for i in range(start, end):
            if text[i] in table:
                chars = chars or list(converted)
                chars[i] = chars[i].upper()
    return "".join(chars) if chars else converted


def _convert_vni(text: str) -> str:
    table = _table("vni")
    return _vni_pattern().sub(lambda m: table[m.group()], text)


def convert_legacy(text: str, encoding: str) -> str:
    """Convert TCVN3 (``"tcvn3"``) or VNI (``"vni"``) mojibake, read as cp1252 or latin-1, to NFC Unicode.

    Characters the encoding does not use (ASCII, punctuation, letters already in Unicode) pass through.
    Raises ``ValueError`` for any other encoding name."""
    _table(encoding)
    text = _prepare(text)
    converted = _convert_tcvn3(text) if encoding == "tcvn3" else _convert_vni(text)
    return unicodedata.normalize("NFC", converted)


# --- Detection -----------------------------------------------------------------------------------------------

# Detection reads the start of the text: a document is in one encoding, and this bounds the time.
_SAMPLE_CHARS = 100_000
_MIN_LETTERS = 20


@cache
def _vietnamese_pairs() -> frozenset[str]:
    """Every pair of adjacent letters inside a Vietnamese rhyme, or after the u of qu- and the i of gi-, with the
    tone wherever it may sit (both conventions for oa, oe, uy), in both cases."""
    pairs: set[str] = set()
    for rhyme in _RHYMES:
        spellings = [rhyme]
        for at in _tone_positions(rhyme):
            spellings += [
                rhyme[:at] + unicodedata.normalize("NFC", rhyme[at] + t) + rhyme[at + 1 :] for t in _TONES
            ]
        for spelling in spellings:
            # qu- comes before no u, ư or o; gi- before no i or y.
            onsets = ("", "u" * (rhyme[0] not in "uưo"), "i" * (rhyme[0] not in "iy"))
            for word in {onset + spelling for onset in onsets}:
                pairs.update(word[i : i + 2] for i in range(len(word) - 1))
    return frozenset(pairs | {p.upper() for p in pairs})


@cache
def _evidence_pattern(encoding: str) -> re.Pattern[str]:
    """Table entries that Vietnamese typed in Unicode cannot produce: those with a character it never has (µ, Ö,
    ø, ñ …) and VNI's base + mark pairs no syllable has ("aù", "oâ"; not "oà", which is old-style "hoà"). TCVN3
    adds its capital-looking letters inside a lower-case word ("ViÖt")."""
    table = _table(encoding)
    pairs = _vietnamese_pairs()
    keys = [
        k for k in table if any(c not in _VIETNAMESE_LETTERS for c in k) or (len(k) > 1 and k not in pairs)
    ]
    pattern = _alternation(keys)
    if encoding == "tcvn3":
        capitals = "".join(re.escape(k) for k in table if k.isupper())
        pattern += f"|(?<=[a-z])[{capitals}]"
    return re.compile(pattern)


def _accept(letters: int, evidence: int, before: _Profile, after: _Profile) -> bool:
    gain = after.valid - before.valid
    if letters < _MIN_LETTERS:
        # Too little text to weigh: only when every word becomes Vietnamese, and several of them.
        return evidence >= 2 and gain >= 3 and after.valid == after.marked
    return (
        evidence >= 3
        and evidence >= 0.02 * letters
        and gain >= 3
        and after.share >= 0.7
        and after.share >= before.share + 0.25
    )


def detect_legacy_encoding(text: str) -> str | None:
    """``"tcvn3"``, ``"vni"``, or ``None`` when the text is not (recognisably) in a legacy encoding.

    An encoding is chosen when its characteristic sequences are dense enough (not the odd "où" or "Höhe") and
    converting turns the text's words into valid Vietnamese syllables — clearly more of them than before."""
    sample = _prepare(text[:_SAMPLE_CHARS])
    letters = -1  # counted only when an encoding shows evidence (most texts show none)
    before: _Profile | None = None
    best: tuple[_Profile, str] | None = None
    for encoding in ENCODINGS:
        evidence = len(_evidence_pattern(encoding).findall(sample))
        if evidence < 2:
            continue
        if letters < 0:
            letters = sum(1 for c in sample if c.isalpha())
        before = before or _profile(sample)
        after = _profile(convert_legacy(sample, encoding))
        if _accept(letters, evidence, before, after) and (best is None or after.valid > best[0].valid):
            best = (after, encoding)
    return best[1] if best else None


def fix_legacy(text: str) -> tuple[str, str | None]:
    """Detect a legacy encoding and convert: the text (unchanged when none is found) and the encoding or None."""
    encoding = detect_legacy_encoding(text)
    if encoding is None:
        return text, None
    return convert_legacy(text, encoding), encoding
