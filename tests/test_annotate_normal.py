"""Input normalisation for extraction (issue 14): NFD, glued words, stray spaces and broken numbers give the same
references as the clean text, with spans that point into the text as given."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review.annotate import extract_references
from review.annotate.normal import normalise

CLEAN = [
    "Căn cứ Luật Tổ chức Chính phủ số 76/2015/QH13;",
    "Bãi bỏ khoản 2 Điều 5 Thông tư số 12/2024/TT-BTC ngày 5 tháng 3 năm 2024.",
    "Điểm a khoản 1 Điều 3 Nghị định số 15/2020/NĐ-CP được sửa đổi như sau: “a) Theo Điều 7 Luật này.”",
]


def _keys(text: str) -> list[tuple]:
    return [
        (r.relation, r.target.doc, r.target.units) for r in extract_references(text, doc_id="1/2026/TT-BTC")
    ]


@pytest.mark.parametrize("clean", CLEAN)
def test_nfd_input_gives_the_same_references_at_mapped_offsets(clean: str) -> None:
    nfd = unicodedata.normalize("NFD", clean)
    assert nfd != clean
    got = extract_references(nfd, doc_id="1/2026/TT-BTC")
    assert [(r.relation, r.target.doc, r.target.units) for r in got] == _keys(clean)
    for r in got:
        assert r.text == nfd[r.start : r.end]
        assert unicodedata.normalize("NFC", r.text) in clean


@pytest.mark.parametrize(
    ("given", "doc"),
    [
        ("Căn cứLuật Đất đai số 31/2024/QH15;", "31/2024/QH15"),
        ("theo Luật số 31/2024/QH15như sau", "31/2024/QH15"),
        ("Thông tư số 12/2024/TT BTC quy định", "12/2024/TT-BTC"),
        ("Thông tư số 12/2024/TT- BTC quy định", "12/2024/TT-BTC"),
        ("Nghị định số 15/2020/NĐ-\nCP quy định", "15/2020/NĐ-CP"),
        ("Thông tư số 82 /2025/TT-BNNMT quy định", "82/2025/TT-BNNMT"),
        ("Quyết định số 30/QĐ-TTg ngày 1 tháng 2 năm 2020", "30/QĐ-TTg"),
        ("Luật Đất đai số\n31/2024/QH15 quy định", "31/2024/QH15"),
    ],
)
def test_glued_and_broken_tokens(given: str, doc: str) -> None:
    refs = extract_references(given)
    assert [r.target.doc for r in refs] == [doc]
    r = refs[0]
    assert r.text == given[r.start : r.end] and doc.split("/")[0] in r.text


@pytest.mark.parametrize(
    "clean",
    [
        "Quyết định số 30/QĐ-TTg ngày 1 tháng 2 năm 2020",  # the lower-case g of TTg stays
        "Căn cứ luật pháp",  # a lower-case "luật" is no type word
        "Số 12/2024 TT BTC",  # no document number: nothing repaired
        "Điều 5. Phạm vi điều chỉnh",
    ],
)
def test_clean_text_is_left_alone(clean: str) -> None:
    assert not normalise(clean).changed


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        # a wrapped line inside the operation: the verb still governs its object
        ("Sửa\nđổi một số nội dung tại Quyết định số 48/2024/QĐ-UBND", [("amends", "48/2024/QĐ-UBND")]),
        ("SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA THÔNG TƯ SỐ\n22/2013/TT-NHNN", [("amends", "22/2013/TT-NHNN")]),
        # Markdown bold of a portal export does not hide the article heading
        ("Điều 2. **Sửa đổi Quyết định số 48/2024/QĐ-UBND**", [("amends", "48/2024/QĐ-UBND")]),
        # negative: a line break before a capital (a new item) still ends the clause
        ("Bãi bỏ các văn bản sau:\nQuyết định số 48/2024/QĐ-UBND", [("cites", "48/2024/QĐ-UBND")]),
    ],
)
def test_line_breaks_and_markup(given: str, expected: list[tuple]) -> None:
    refs = extract_references(given, doc_id="1/2026/QĐ-UBND", unit="dieu_2")
    assert [(r.relation, r.target.doc) for r in refs] == expected
    assert all(r.text == given[r.start : r.end] for r in refs)


def test_offsets_map_through_insertions_and_deletions() -> None:
    given = unicodedata.normalize("NFD", "Căn cứLuật số 31/2024/QH15như sau, Thông tư số 82 /2025/TT- BTC.")
    norm = normalise(given)
    assert norm.changed
    for needle in ("Luật số 31/2024/QH15", "82/2025/TT-BTC"):
        a = norm.text.index(needle)
        start, end = norm.span(a, a + len(needle))
        assert unicodedata.normalize("NFC", given[start:end]).replace(" ", "").replace(
            "-", ""
        ) == needle.replace(" ", "").replace("-", "")


# The fast scans of ``normal`` against the plain patterns they stand for: the same matches on any text made of the
# characters they look at (digits, slashes, spaces, capitals, Vietnamese letters, line breaks).
_PIECES = st.sampled_from(
    [
        "1",
        "45",
        "2025",
        "/",
        " ",
        "  ",
        "\t",
        "\n",
        "TT",
        "-",
        "BTC",
        "NĐ",
        "QH15",
        "a",
        "ư",
        "Ủy",
        "số",
        "của",
        "Luật",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_the_windowed_slash_scan_finds_what_the_whole_scan_finds(text):
    from review.annotate import normal

    whole = [(m.span(), m.lastgroup) for m in normal._SPACED_SLASH.finditer(text)]
    assert [(m.span(), m.lastgroup) for m in normal._spaced_slashes(text)] == whole


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_a_glued_type_word_is_found_where_the_lookbehind_pattern_finds_it(text):
    import re

    from review.annotate import normal

    lookbehind = re.compile(rf"(?<=[a-zà-ỹđ])(?={normal._TYPES}(?![a-zà-ỹđ]))")
    assert normal._glued_types(text) == [m.start() for m in lookbehind.finditer(text)]
