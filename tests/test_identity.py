"""Identity: the registry of local authorities (codes, spellings, the 2025 mergers), the id forms, and the one
resolver of what users type (every accepted form, ambiguity, not found)."""

from __future__ import annotations

import pytest

from review.errors import AmbiguousDocument, DocumentNotFound, UnitNotFound, UnknownAuthority
from review.identity import DocumentResolver, document_id, find_mentions, is_local_number, parse_id, registry
from tests import factories as fx

# --- the registry -------------------------------------------------------------------------------------------

# (text as printed, date it speaks of or None, expected code or None)
AUTHORITY_ROWS = [
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", None, "HN"),
    ("HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH", None, "HCM"),
    ("TP.HCM", None, "HCM"),
    ("TPHCM", None, "HCM"),
    ("Thành phố Hồ Chí Minh", None, "HCM"),
    ("UBND tỉnh Bình Dương", None, "BD"),
    ("Bà Rịa – Vũng Tàu", None, "BRVT"),
    ("Ủy ban nhân dân tỉnh Đắk Lắk (cũ)", None, "DLK"),
    ("HĐND thành phố Đà Nẵng", None, "DNG"),
    ("Tỉnh Thừa Thiên Huế", "2024-06-01", "HUE"),
    ("HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HUẾ", "2025-11-18", "HUE"),
    # negatives
    ("HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HUẾ", "2024-06-01", None),  # the district-level city before 2025
    ("Ủy ban nhân dân thành phố Thanh Hóa", None, None),  # the provincial capital, a district-level city
    ("Hiệp định Đối tác Toàn diện và Tiến bộ xuyên Thái Bình Dương", None, None),  # the Pacific
    ("Bộ Tài chính", None, None),
    ("", None, None),
]


@pytest.mark.parametrize("text,on,code", AUTHORITY_ROWS)
def test_authority_names(text, on, code):
    found = registry().find(text, on)
    assert (found.code if found else None) == code


def test_registry_before_and_after_the_2025_merger():
    r = registry()
    authorities = list(r)
    assert len(authorities) == 63
    assert sum(a.current for a in authorities) == 34
    bd = r.get("BD")
    assert bd.until == "2025-06-30" and bd.merged_into == "HCM" and bd.merged_on == "2025-07-01"
    assert r.successor("BD").code == "HCM"
    assert r.successor("BD", "2025-06-30").code == "BD"  # the day before, Bình Dương itself
    assert set(r.responsible_for("HCM")) == {"HCM", "BD", "BRVT"}
    assert r.responsible_for("HN") == ("HN",)  # unchanged by the merger
    for a in authorities:
        if a.merged_into:
            assert r.get(a.merged_into).current and a.code in r.get(a.merged_into).absorbed


def test_unknown_authority_is_an_error_with_close_codes():
    with pytest.raises(UnknownAuthority) as info:
        registry().get("HMC")
    assert "HCM" in str(info.value)
    assert registry().get("hcm").code == "HCM"  # codes in any case
    assert registry().get("TP.HCM").code == "HCM"  # or a spelling


# --- ids and mentions ---------------------------------------------------------------------------------------


def test_id_forms():
    assert document_id("30/2023/QĐ-UBND", authority="HCM") == "30/2023/QĐ-UBND@HCM"
    assert document_id("43/2014/NĐ-CP", authority="HCM") == "43/2014/NĐ-CP"  # central numbers carry no code
    assert document_id("07/2010/NĐ-CP", language="en") == "07/2010/NĐ-CP@en"
    assert parse_id("30/2023/QĐ-UBND@HCM@en") == parse_id("30/2023/QĐ-UBND@HCM@en")
    p = parse_id("30/2023/QĐ-UBND@HCM@en")
    assert (p.number, p.authority, p.language) == ("30/2023/QĐ-UBND", "HCM", "en")
    assert parse_id("src:0123abcd").number == "src:0123abcd"
    assert is_local_number("15/2025/NQ-HĐND") and is_local_number("010/CT-UBND")
    assert not is_local_number("43/2014/NĐ-CP") and not is_local_number(None)


@pytest.mark.parametrize(
    "text,serial,year,symbol,issuer",
    [
        ("NĐ 145/2020", "145", "2020", "NĐ", None),
        ("nghị định số 145/2020", "145", "2020", "NĐ", None),
        ("QĐ 30/2023 UBND", "30", "2023", "QĐ", "UBND"),
        ("NQ 15/2025 HĐND", "15", "2025", "", "HĐND"),
        ("145/2020/ND-CP", "145", "2020", "NĐ-CP", None),
    ],
)
def test_mentions(text, serial, year, symbol, issuer):
    (m,) = find_mentions(text)
    assert (m.serial, m.year, m.symbol, m.issuer) == (serial, year, symbol, issuer)


def test_no_mention_in_plain_words():
    assert find_mentions("thủ tục hành chính") == []


# --- the resolver -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def resolver():
    docs = [
        fx.doc("145/2020/NĐ-CP", issuer="Chính phủ"),
        fx.doc("84/2015/QH13", type="Luật", issuer="Quốc hội"),
        fx.doc("30/2023/QĐ-UBND@HCM", number="30/2023/QĐ-UBND", type="Quyết định",
               issuer="Ủy ban nhân dân Thành phố Hồ Chí Minh"),
        fx.doc("30/2023/QĐ-UBND@HN", number="30/2023/QĐ-UBND", type="Quyết định",
               issuer="Ủy ban nhân dân thành phố Hà Nội"),
        fx.doc("12/2020/QĐ-UBND@BD", number="12/2020/QĐ-UBND", type="Quyết định",
               issuer="Ủy ban nhân dân tỉnh Bình Dương"),
        fx.doc("07/2010/NĐ-CP@en", number="07/2010/NĐ-CP", language="en"),
    ]  # fmt: skip
    units = fx.units("84/2015/QH13", [("dieu_5", "…"), ("dieu_5__khoan_1", "…")])
    snap = fx.snapshot(docs, units)
    return DocumentResolver(
        snap.documents, cited=["43/2014/NĐ-CP"], unit_ids=lambda d: [u.eid for u in snap.units_of(d)]
    )


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("145/2020/NĐ-CP", "145/2020/NĐ-CP"),  # the id
        ("145/2020/ND-CP", "145/2020/NĐ-CP"),  # typed without the Vietnamese Đ
        ("145 / 2020 / nđ-cp", "145/2020/NĐ-CP"),  # spaces and case
        ("NĐ 145/2020", "145/2020/NĐ-CP"),  # short forms
        ("nghị định 145/2020", "145/2020/NĐ-CP"),
        ("Luật 84/2015", "84/2015/QH13"),
        ("30/2023/QĐ-UBND@HCM", "30/2023/QĐ-UBND@HCM"),  # a local id
        ("30/2023/QĐ-UBND TP.HCM", "30/2023/QĐ-UBND@HCM"),  # the number and the authority as printed
        ("QĐ 30/2023 UBND Hà Nội", "30/2023/QĐ-UBND@HN"),
        ("QĐ 30/2023@HN", "30/2023/QĐ-UBND@HN"),  # a short form with the authority's code
        ("qd 30/2023@HCM", "30/2023/QĐ-UBND@HCM"),
        ("12/2020/QĐ-UBND", "12/2020/QĐ-UBND@BD"),  # unique: no authority needed
        ("12/2020/QĐ-UBND Hồ Chí Minh", "12/2020/QĐ-UBND@BD"),  # HCM is now responsible for Bình Dương's
        ("07/2010/NĐ-CP", "07/2010/NĐ-CP@en"),  # only the translation is in the corpus
        ("43/2014/NĐ-CP", "43/2014/NĐ-CP"),  # cited by the corpus (a graph node)
        ("84/2015/QH13#dieu_5__khoan_1", "84/2015/QH13#dieu_5__khoan_1"),
        ("Luật 84/2015#dieu_5", "84/2015/QH13#dieu_5"),
    ],
)
def test_accepted_forms(resolver, typed, expected):
    assert resolver.resolve_node(typed) == expected


def test_ambiguous_number_lists_the_candidates_with_their_issuers(resolver):
    with pytest.raises(AmbiguousDocument) as info:
        resolver.resolve("30/2023/QĐ-UBND")
    ids = {c.id for c in info.value.candidates}
    assert ids == {"30/2023/QĐ-UBND@HCM", "30/2023/QĐ-UBND@HN"}
    assert "Hồ Chí Minh" in str(info.value) and "Hà Nội" in str(info.value)
    assert info.value.code == "E404"


def test_a_short_form_with_a_code_no_document_has_is_not_found(resolver):
    with pytest.raises(DocumentNotFound):
        resolver.resolve("QĐ 30/2023@BD")


def test_not_found_is_an_error_with_did_you_mean(resolver):
    with pytest.raises(DocumentNotFound) as info:
        resolver.resolve("146/2020/NĐ-CP")
    assert "145/2020/NĐ-CP" in str(info.value) and info.value.code == "E401"
    with pytest.raises(DocumentNotFound):
        resolver.resolve("999/2099/NĐ-CP")
    with pytest.raises(DocumentNotFound):
        resolver.resolve("thu tuc hanh chinh")
    with pytest.raises(DocumentNotFound):
        resolver.resolve("")


def test_a_unit_that_does_not_exist_is_an_error(resolver):
    with pytest.raises(UnitNotFound) as info:
        resolver.resolve_node("84/2015/QH13#dieu_999")
    assert info.value.code == "E405"
