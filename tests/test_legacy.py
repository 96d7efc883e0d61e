"""Legacy font encodings (TCVN3, VNI): conversion, detection and the repair of whole texts.

Mojibake is made here by running the data file's tables backwards (``encode``), and also written out by hand as
it appears in real documents, so a wrong table entry cannot hide behind its own inverse."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review.text.legacy import (
    ENCODINGS,
    _is_syllable,
    _tables,
    convert_legacy,
    detect_legacy_encoding,
    fix_legacy,
)

TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VOWELS = "aăâeêioôơuưy"
CONSONANTS = "bcdđghklmnpqrstvx"
LOWER = sorted({unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES} | set(CONSONANTS))
UPPER = [c.upper() for c in LOWER]
MARKED_LOWER = [c for c in LOWER if not c.isascii()]


def encode(text: str, encoding: str) -> str:
    """Unicode → mojibake with the data file's table run backwards."""
    inverse = {letter: code for code, letter in _tables()[encoding].items()}
    return "".join(inverse.get(c, c) for c in unicodedata.normalize("NFC", text))


def cp1258_read_as_cp1252(text: str) -> str:
    """Vietnamese in the Windows code page 1258 (base letter + combining tone), misread as cp1252."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONES[1:])
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES[1:]))
        out += (base + tones).encode("cp1258")
    return out.decode("cp1252")


PHRASES = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Điều 5. Quản lý nhà nước về đầu tư công",
    "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
    "Nghị định này có hiệu lực thi hành kể từ ngày ký ban hành.",
    "Bộ trưởng, Thủ trưởng cơ quan ngang bộ chịu trách nhiệm thi hành Quyết định này.",
    "Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương; giấy phép xây dựng; khuyến khích đầu tư.",
]
# Several sentences of a decree: enough text for detection to weigh.
PASSAGE = (
    "Điều 1. Phạm vi điều chỉnh. Nghị định này quy định chi tiết một số điều của Luật Đầu tư công về quản lý "
    "nhà nước, trách nhiệm của cơ quan, tổ chức, cá nhân liên quan đến hoạt động đầu tư công. "
    "Điều 2. Đối tượng áp dụng. Nghị định này áp dụng đối với cơ quan, tổ chức, cá nhân tham gia hoặc có liên "
    "quan đến hoạt động đầu tư công, quản lý và sử dụng vốn đầu tư công."
)


# --- Tables ---------------------------------------------------------------------------------------------------


def test_data_file_says_where_the_tables_come_from():
    data = _tables()
    assert data["sources"] and all(isinstance(s, str) and s for s in data["sources"])
    assert set(ENCODINGS) <= data.keys()


@pytest.mark.parametrize("letter", LOWER)
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_lower_case_letter_round_trips(encoding, letter):
    assert convert_legacy(encode(letter, encoding), encoding) == letter


@pytest.mark.parametrize("letter", UPPER)
def test_every_upper_case_letter_round_trips_in_vni(letter):
    assert convert_legacy(encode(letter, "vni"), "vni") == letter


def test_the_alphabet_is_complete():
    # 67 lower-case letters with marks (66 vowels and đ), 134 with their capitals; every one is in both tables.
    assert len(MARKED_LOWER) == 67 and len(MARKED_LOWER) + len({c.upper() for c in MARKED_LOWER}) == 134
    for encoding in ENCODINGS:
        assert set(MARKED_LOWER) <= set(_tables()[encoding].values())
    assert {c.upper() for c in MARKED_LOWER} <= set(_tables()["vni"].values())


# --- Conversion -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mojibake", "encoding", "expected"),
    [
        # Hand-written, as real documents show them.
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("§iÒu", "tcvn3", "Điều"),
        ("Qu¶n lý nhµ n\u00adíc", "tcvn3", "Quản lý nhà nước"),
        ("§éc lËp - Tù do - H¹nh phóc", "tcvn3", "Độc lập - Tự do - Hạnh phúc"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("Ñieàu 5. Quaûn lyù nhaø nöôùc", "vni", "Điều 5. Quản lý nhà nước"),
        ("ñöôïc", "vni", "được"),
        ("ÑOÄC LAÄP - TÖÏ DO - HAÏNH PHUÙC", "vni", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"),
        # Negative: text the encoding does not use passes through.
        ("Article 5, 2015; UBND", "tcvn3", "Article 5, 2015; UBND"),
        ("Article 5, 2015; UBND", "vni", "Article 5, 2015; UBND"),
    ],
)
def test_convert_real_mojibake(mojibake, encoding, expected):
    assert convert_legacy(mojibake, encoding) == expected


@pytest.mark.parametrize("phrase", PHRASES)
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_legal_phrases_round_trip(encoding, phrase):
    assert convert_legacy(encode(phrase, encoding), encoding) == phrase


@pytest.mark.parametrize(("encoding", "other"), [("tcvn3", "vni"), ("vni", "tcvn3")])
def test_the_wrong_encoding_does_not_give_the_phrase_back(encoding, other):
    assert convert_legacy(encode(PHRASES[0], encoding), other) != PHRASES[0]


@pytest.mark.parametrize(
    ("mojibake", "expected"),
    [
        # A VNI mark character after a base vowel is a mark …
        ("Coäng", "Cộng"),
        ("hoaø", "hoà"),
        ("nöôùc", "nước"),
        ("xaõ", "xã"),
        # … but after a consonant, or with no vowel before it, it is left as it is.
        ("Bär über", "Bär über"),
        ("ø", "ø"),
        ("où", "ó"),
    ],
)
def test_vni_marks_need_a_base_vowel(mojibake, expected):
    assert convert_legacy(mojibake, "vni") == expected


@pytest.mark.parametrize(
    ("mojibake", "encoding", "expected"),
    [
        # latin-1 decoding gives C1 controls where cp1252 has quotes and dashes; both convert alike.
        ("\x93Qu¶n lý\x94 \x96 nhµ n\u00adíc", "tcvn3", "“Quản lý” – nhà nước"),
        ("“Qu¶n lý” – nhµ n\u00adíc", "tcvn3", "“Quản lý” – nhà nước"),
        ("\x93Quaûn lyù\x94", "vni", "“Quản lý”"),
        # Negative: the C1 codes cp1252 leaves undefined stay as they are.
        ("\x81Qu¶n", "tcvn3", "\x81Quản"),
    ],
)
def test_latin1_and_cp1252_readings_convert_alike(mojibake, encoding, expected):
    assert convert_legacy(mojibake, encoding) == expected


@pytest.mark.parametrize(
    ("mojibake", "expected"),
    [
        # Capital fonts reuse the lower-case codes: all-caps lines and words get capitals back.
        ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("NGHÞ ®ÞNH", "NGHỊ ĐỊNH"),
        ("Bé X¢Y DùNG", "BỘ XÂY DỰNG"),
        ("§iÒu 1. PH¹M VI §IÒU CHØNH", "Điều 1. PHẠM VI ĐIỀU CHỈNH"),
        ("Më §ÇU", "MỞ ĐẦU"),
        ("Môc 3. CHÕ §é B¶O Hé LAO §éNG", "Mục 3. CHẾ ĐỘ BẢO HỘ LAO ĐỘNG"),
        # Negative: mixed case, or too few ASCII letters to tell, stays lower case; ASCII keeps its case.
        ("NghÞ ®Þnh", "Nghị định"),
        ("Bé tr\u00adëng Bé X©y dùng", "Bộ trưởng Bộ Xây dựng"),
        ("§Ó", "Để"),
        ("Q§-BXD", "QĐ-BXD"),
        # Negative: acronyms do not make their neighbours capitals.
        ("Gi¸m ®èc UBND Së T\u00ad ph¸p", "Giám đốc UBND Sở Tư pháp"),
        ("Sè: 5/Q§-UBND", "Số: 5/QĐ-UBND"),
        ("theo UBND ®Ó thùc hiÖn", "theo UBND để thực hiện"),
    ],
)
def test_tcvn3_capital_fonts(mojibake, expected):
    assert convert_legacy(mojibake, "tcvn3") == expected


@pytest.mark.parametrize(
    ("mojibake", "expected"),
    [
        # review.text.clean turns "Ð" (TCVN3 é) into "Đ"; inside a word it can only have been "é".
        ("giÊy phĐp", "giấy phép"),
        ("giÊy phÐp", "giấy phép"),
        # Negative: a word-initial Đ is a real Đ.
        ("Đ\u00adêng", "Đường"),
    ],
)
def test_tcvn3_e_after_cleaning(mojibake, expected):
    assert convert_legacy(mojibake, "tcvn3") == expected


@pytest.mark.parametrize(
    ("name", "error"), [("tcvn3", None), ("vni", None), ("viqr", ValueError), ("", ValueError)]
)
def test_encoding_names(name, error):
    if error is None:
        assert convert_legacy("abc", name) == "abc"
    else:
        with pytest.raises(error, match="unknown legacy encoding"):
            convert_legacy("abc", name)


# --- Detection ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam. §iÒu 1. Ph¹m vi ®iÒu chØnh cña NghÞ ®Þnh nµy.", "tcvn3"),
        (
            "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Ñieàu 1. Phaïm vi ñieàu chænh cuûa Nghò ñònh naøy.",
            "vni",
        ),
        (encode(PASSAGE, "tcvn3"), "tcvn3"),
        (encode(PASSAGE, "vni"), "vni"),
        (encode(PASSAGE.upper(), "vni"), "vni"),
        ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM\n§éc lËp - Tù do - H¹nh phóc", "tcvn3"),
        # Short, but every word turns into Vietnamese: unambiguous.
        ("§iÒu 5. Qu¶n lý nhµ n\u00adíc", "tcvn3"),
        # Negative: Unicode Vietnamese (either tone placement, any case, even decomposed).
        (PASSAGE, None),
        (PASSAGE.upper(), None),
        ("Cộng hoà xã hội chủ nghĩa Việt Nam. Điều 1. Phạm vi điều chỉnh của Nghị định này.", None),
        ("Hoà giải, khoá học, thuý, loã: the old tone placement of oa, oe, uy is still Vietnamese.", None),
        (unicodedata.normalize("NFD", PASSAGE), None),
        # Negative: other languages with Latin-1 letters that both tables use.
        ("The Government promulgates this Decree on the management of public investment.", None),
        (
            "Die Gläubiger müssen die Forderungen schriftlich anmelden; über die Höhe wird später entschieden.",
            None,
        ),
        ("Le président a décidé que la réforme sera appliquée à partir de l'année où nous verrons.", None),
        ("Noël, naïve, maïs : où est le « coût » réel ? Le maître a payé 5 € à l'hôtel.", None),
        ("El señor de España y el niño pequeño comieron año tras año en la montaña.", None),
        ("København og Århus er store byer i Danmark, og de har mange søer og øer.", None),
        # Negative: cp1258 Vietnamese misread as cp1252 looks odd too, but is not TCVN3 or VNI.
        (cp1258_read_as_cp1252(PASSAGE), None),
        # Negative: too short to tell, or nothing to go on.
        ("Céng hoµ", None),
        ("Coäng hoøa", None),
        ("", None),
        ("© 2024 ® · § 5", None),
    ],
)
def test_detect(text, expected):
    assert detect_legacy_encoding(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (encode(PASSAGE, "tcvn3"), (PASSAGE, "tcvn3")),
        (encode(PASSAGE, "vni"), (PASSAGE, "vni")),
        (PASSAGE, (PASSAGE, None)),
        (
            "Le président a décidé que la réforme sera appliquée.",
            ("Le président a décidé que la réforme sera appliquée.", None),
        ),
    ],
)
def test_fix_legacy(text, expected):
    assert fix_legacy(text) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        *(
            (w, True)
            for w in "người được quyết giữa gì khuya khuỷu thuở hoà hòa thuý thúy quỳnh kê ĐIỀU".split()
        ),
        # Mojibake and foreign words: no such rhyme, tone on the wrong vowel, c before e, a level tone on -t.
        *((w, False) for w in "Céng hoµ héi xaõ cê Höhe über mat viet".split()),
    ],
)
def test_the_syllable_yardstick(word, expected):
    assert _is_syllable(word) is expected


# --- Properties -----------------------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=[*LOWER, " "], max_size=40))
def test_tcvn3_round_trip_property(text):
    assert convert_legacy(encode(text, "tcvn3"), "tcvn3") == text


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=[*LOWER, *UPPER, " ", "."], max_size=40))
def test_vni_round_trip_property(text):
    assert convert_legacy(encode(text, "vni"), "vni") == text


# Running prose: every stretch of fifteen words or more must be told apart from its mojibake.
PROSE = (" ".join(PHRASES) + " " + PASSAGE).split()


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(PROSE) - 15), st.integers(15, 40))
def test_stretches_of_prose_are_detected_only_when_encoded(start, size):
    text = " ".join(PROSE[start : start + size])
    assert detect_legacy_encoding(text) is None
    for encoding in ENCODINGS:
        assert fix_legacy(encode(text, encoding)) == (text, encoding)
