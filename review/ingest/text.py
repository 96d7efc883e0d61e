"""Plain text files: decoding (UTF-8, UTF-16, the Vietnamese Windows code page) is decided here; legacy font
encodings (TCVN3, VNI) are repaired by the dispatcher for every format alike."""

from __future__ import annotations

from review.errors import EncodingError, NoTextFound
from review.models import RawDocument, Source
from review.text.legacy import detect_legacy_encoding
from review.text.normalize import clean

# cp1252 assigns printable characters to most of 0x80-0x9F; latin-1 decoding gives C1 controls there.
_C1_TO_CP1252 = {
    b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """The text and the codec that decoded it."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Old Vietnamese files are either TCVN3/VNI font text stored as single bytes (read as cp1252, then repaired
    # by the legacy-encoding step) or the Vietnamese Windows code page cp1258.
    as_1252 = data.decode("latin-1").translate(_C1_TO_CP1252)
    if detect_legacy_encoding(as_1252):
        return as_1252, "cp1252"
    try:
        return data.decode("cp1258"), "cp1258"
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"cannot decode the text (not UTF-8, UTF-16 or cp1258): {exc}", path=path
        ) from exc


def read_text(data: bytes, source: Source) -> list[RawDocument]:
    text, _codec = decode_text(data, source.path)
    text = clean(text)
    if not text.strip():
        raise NoTextFound("the file holds only white space", path=source.path)
    return [RawDocument(text=text, source=source)]
