"""Legacy font encodings (TCVN3, VNI): detection and conversion, on real mojibake and generated text."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review.text.legacy import _tables, convert_legacy, detect_legacy_encoding, fix_legacy

LOWER = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
UPPER = unicodedata.normalize("NFC", LOWER.upper())


def encode(text: str, encoding: str) -> str:
    """The inverse of the tables: Unicode → mojibake, to generate test input."""
    inverse = {v: k for k, v in _tables()[encoding].items() if len(v) == 1}
    return "".join(inverse.get(c, c) for c in unicodedata.normalize("NFC", text))


@pytest.mark.parametrize(
    ("mojibake", "encoding", "unicode"),
    [
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("§iÒu 5. Qu¶n lý nhµ n­íc", "tcvn3", "Điều 5. Quản lý nhà nước"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("Ñieàu 5. Quaûn lyù nhaø nöôùc", "vni", "Điều 5. Quản lý nhà nước"),
    ],
)
def test_convert_real_mojibake(mojibake, encoding, unicode):
    assert convert_legacy(mojibake, encoding) == unicode


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam. §iÒu 1. Ph¹m vi ®iÒu chØnh cña NghÞ ®Þnh nµy.", "tcvn3"),
        (
            "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Ñieàu 1. Phaïm vi ñieàu chænh cuûa Nghò ñònh naøy.",
            "vni",
        ),
        # Not legacy: Unicode Vietnamese, English, German, French, Danish, and too little text to tell.
        ("Cộng hòa xã hội chủ nghĩa Việt Nam. Điều 1. Phạm vi điều chỉnh của Nghị định này.", None),
        ("The Government promulgates this Decree on the management of public investment.", None),
        (
            "Die Gläubiger müssen die Forderungen schriftlich anmelden; über die Höhe wird später entschieden.",
            None,
        ),
        (
            "Le président a décidé que la réforme sera appliquée à partir de l'année prochaine, où nous verrons.",
            None,
        ),
        ("København og Århus er store byer i Danmark, og de har mange søer og øer.", None),
        ("Céng hoµ", None),
    ],
)
def test_detect(text, expected):
    assert detect_legacy_encoding(text) == expected


def test_unknown_encoding_is_an_error():
    with pytest.raises(ValueError, match="unknown legacy encoding"):
        convert_legacy("x", "viqr")


def test_fix_returns_the_encoding_found():
    assert fix_legacy("Céng hoµ x· héi chñ nghÜa ViÖt Nam §éc lËp Tù do H¹nh phóc") == (
        "Cộng hoà xã hội chủ nghĩa Việt Nam Độc lập Tự do Hạnh phúc",
        "tcvn3",
    )


def test_every_lower_case_letter_round_trips_in_both_encodings():
    for encoding in ("tcvn3", "vni"):
        assert convert_legacy(encode(LOWER, encoding), encoding) == LOWER


def test_every_upper_case_letter_round_trips_in_vni():
    assert convert_legacy(encode(UPPER, "vni"), "vni") == UPPER


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=LOWER, min_size=1, max_size=7), min_size=1, max_size=20))
def test_round_trip_property(words):
    text = " ".join(words)
    for encoding in ("tcvn3", "vni"):
        assert convert_legacy(encode(text, encoding), encoding) == text


def test_legacy_text_file_is_converted_on_ingest(tmp_path):
    from review import parse

    f = tmp_path / "old.txt"
    body = "NGHÞ ®ÞNH\nVÒ qu¶n lý\n§iÒu 1. Ph¹m vi ®iÒu chØnh\nNghÞ ®Þnh nµy quy ®Þnh vÒ qu¶n lý nhµ n­íc.\n"
    f.write_bytes(body.encode("cp1252"))
    (doc,) = parse(f)
    assert doc.articles()[0].heading == "Phạm vi điều chỉnh"
    assert any(n.code == "legacy_encoding" for n in doc.notes)


def test_real_tcvn3_document():
    """vbpl.vn page doc_000891 (QĐ 1408/QĐ-BXD, 2008) still carries TCVN3 text: "§iÒu 1. §Ýnh chÝnh …"."""
    from pathlib import Path

    from review import parse

    (doc,) = parse(Path(__file__).parent / "data" / "legacy" / "tcvn3_qd_1408_bxd.txt")
    assert any(n.code == "legacy_encoding" for n in doc.notes)
    assert [u.eid for u in doc.articles()] == ["dieu_1", "dieu_2"]
    assert doc.articles()[0].heading.startswith("Đính chính nội dung Mẫu chứng chỉ môi giới bất động sản")
    assert doc.preamble.startswith("Căn cứ Luật ban hành văn bản quy phạm pháp luật ngày 12/11/1996")
