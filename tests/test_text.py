"""Text normalisation: table-driven, a positive and a negative row for each behaviour."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from review.text import (
    clean,
    find_numbers,
    fold,
    issuer_from_number,
    matching_form,
    normalize_number,
    normalize_tone_placement,
    number_key,
    type_from_number,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ðiều 5", "Điều 5"),  # U+00D0 eth, common in PDFs
        ("Điều 5", "Điều 5"),  # already right: unchanged
        ("Đi\u00ea\u0300u", "Điều"),  # NFD → NFC
        ("Căn\u00a0cứ", "Căn cứ"),  # non-breaking space
        ("khoản\u200b 2", "khoản 2"),  # zero-width space removed
        ("dòng 1\r\ndòng 2", "dòng 1\ndòng 2"),
        ("cuối dòng   \nx", "cuối dòng\nx"),
    ],
)
def test_clean(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Cộng hoà", "Cộng hòa"),
        ("thuý", "thúy"),
        ("khoẻ", "khỏe"),
        ("Hoá chất", "Hóa chất"),
        ("tuỳ", "tùy"),
        # Already traditional, or not affected by the convention: unchanged.
        ("Cộng hòa", "Cộng hòa"),
        ("hoàng", "hoàng"),
        ("quý", "quý"),
        ("giữ", "giữ"),
        ("người", "người"),
        ("thuyền", "thuyền"),
        ("giải", "giải"),
        ("Quốc hội", "Quốc hội"),
        ("Decree", "Decree"),
    ],
)
def test_tone_placement(raw, expected):
    assert normalize_tone_placement(raw) == expected


def test_matching_form_unifies_quotes_dashes_and_tone():
    assert matching_form("“Hoà  giải” – cơ sở") == matching_form('"Hòa giải" - cơ sở') == '"Hòa giải" - cơ sở'


def test_matching_form_keeps_different_words_apart():
    assert matching_form("đất đai") != matching_form("đạt đại")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Đất đai", "dat dai"),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "cong hoa xa hoi chu nghia"),
        ("người dân", "nguoi dan"),
        ("ĐỘC LẬP", "doc lap"),
        ("plain ascii", "plain ascii"),
    ],
)
def test_fold(raw, expected):
    assert fold(raw) == expected


@given(
    st.text(
        alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ ĐÂ"
    )
)
def test_fold_is_ascii_and_length_preserving(text):
    folded = fold(unicodedata.normalize("NFC", text))
    assert folded.isascii()
    assert len(folded) == len(unicodedata.normalize("NFC", text))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("43/2014/NĐ-CP", "43/2014/NĐ-CP"),
        (" 279/2002/qđ-ttg ", "279/2002/QĐ-TTg"),
        ("13/2015/TT-BTС", "13/2015/TT-BTC"),  # Cyrillic С
        ("02/VBHN-BTС", "02/VBHN-BTC"),
        ("43/2014/ND-CP", "43/2014/NĐ-CP"),  # OCR
        ("43/2014/NÐ-CP", "43/2014/NĐ-CP"),  # eth
        ("39 /2018/TT-NHNN", "39/2018/TT-NHNN"),
        ("01/2018/TT- BVHTTDL", "01/2018/TT-BVHTTDL"),
        ("15/2021/TT-BGDDT", "15/2021/TT-BGDĐT"),
        ("19/2025/QĐ-TTg", "19/2025/QĐ-TTg"),
        # Not repaired: a blind D→Đ would corrupt these.
        ("80/2015/QH13", "80/2015/QH13"),
        ("66.7/2025/NQ-CP", "66.7/2025/NQ-CP"),
        ("03/2025/TTLT-BCA-VKSNDTC-TANDTC", "03/2025/TTLT-BCA-VKSNDTC-TANDTC"),
    ],
)
def test_normalize_number(raw, expected):
    assert normalize_number(raw) == expected


def test_number_key_ignores_leading_zeros_only():
    assert number_key("01/2012/UBTVQH13") == number_key("1/2012/UBTVQH13")
    assert number_key("10/2012/UBTVQH13") != number_key("1/2012/UBTVQH13")


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Căn cứ Nghị định số 43/2014/NĐ-CP ngày 15 tháng 5 năm 2014", ["43/2014/NĐ-CP"]),
        ("Luật số 80/2015/QH13 và Nghị quyết số 66.7/2025/NQ-CP", ["80/2015/QH13", "66.7/2025/NQ-CP"]),
        ("Quyết định số 1699/QĐ-TTg; Văn bản 03/VBHN-VPQH", ["1699/QĐ-TTg", "03/VBHN-VPQH"]),
        # Not numbers: dates, money, form codes, article numbers.
        ("ngày 14/10/2010, 100.000 đồng, Mẫu số 01, Điều 5", []),
    ],
)
def test_find_numbers(text, numbers):
    assert [n for _, _, n in find_numbers(text)] == numbers


@pytest.mark.parametrize(
    ("number", "doc_type", "issuer"),
    [
        ("43/2014/NĐ-CP", "Nghị định", "Chính phủ"),
        ("07/2023/TT-BNV", "Thông tư", "Bộ Nội vụ"),
        ("19/2025/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ"),
        ("44/2002/PL-UBTVQH10", "Pháp lệnh", "Ủy ban Thường vụ Quốc hội"),
        ("80/2015/QH13", None, "Quốc hội"),  # Luật or Nghị quyết: the title decides
        ("03/2025/TTLT-BCA-VKSNDTC-TANDTC", "Thông tư liên tịch", None),  # joint: several issuers
    ],
)
def test_type_and_issuer_from_number(number, doc_type, issuer):
    assert type_from_number(number) == doc_type
    assert issuer_from_number(number) == issuer
