"""Plain text files: decoding (UTF-8, UTF-16, the Vietnamese Windows code page) is decided here; legacy font
encodings (TCVN3, VNI) are repaired by the dispatcher for every format alike."""

from __future__ import annotations

from review import notes as codes
from review.errors import NoTextFound
from review.models import Note, RawDocument, Source
from review.text.legacy import detect_legacy_encoding
from review.text.normalize import clean

# cp1252 assigns printable characters to most of 0x80-0x9F; latin-1 decoding gives C1 controls there.
_C1_TO_CP1252 = {
    b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


REPLACED = "utf-8 (invalid bytes replaced)"  # the codec decode_text names when it replaced invalid bytes


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """The text and the codec that decoded it.

    UTF-8 text with a few invalid bytes (a damaged or truncated file) is decoded with U+FFFD in their place and
    the codec ``REPLACED`` is returned (callers add an ``invalid_bytes`` note: ``invalid_bytes_note``); a file
    that is mostly not UTF-8 is read as a legacy single-byte encoding."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return data.decode(codec, errors="replace"), REPLACED
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    if mostly_utf8(replaced):
        return replaced, REPLACED
    # Old Vietnamese files are either TCVN3/VNI font text stored as single bytes (read as cp1252, then repaired
    # by the legacy-encoding step) or the Vietnamese Windows code page cp1258.
    as_1252 = data.decode("latin-1").translate(_C1_TO_CP1252)
    if detect_legacy_encoding(as_1252):
        return as_1252, "cp1252"
    try:
        return data.decode("cp1258"), "cp1258"
    except UnicodeDecodeError:
        # Neither UTF-8 nor a single-byte code page: keep what reads, with the rest replaced (and a note).
        return replaced, REPLACED


def mostly_utf8(replaced: str) -> bool:
    """Whether a text decoded as UTF-8 with replacement is UTF-8 with a few bad bytes: valid non-ASCII letters
    outnumber the replaced bytes many times."""
    bad = replaced.count("\ufffd")
    good = sum(1 for c in replaced if c > "\x7f") - bad
    return good >= 8 * bad


def invalid_bytes_note(text: str, codec: str) -> tuple[Note, ...]:
    """The note that says invalid bytes were replaced, when ``codec`` is ``REPLACED``."""
    if codec != REPLACED:
        return ()
    n = text.count("\ufffd")
    return (
        Note(
            codes.INVALID_BYTES,
            f"{n} invalid byte sequence{'s' if n != 1 else ''} replaced by U+FFFD (the file is not valid UTF-8)",
        ),
    )


def read_text(data: bytes, source: Source) -> list[RawDocument]:
    text, codec = decode_text(data, source.path)
    notes = invalid_bytes_note(text, codec)
    text = clean(text)
    if not text.strip():
        raise NoTextFound("the file holds only white space", path=source.path)
    return [RawDocument(text=text, source=source, notes=notes)]
