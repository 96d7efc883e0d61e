"""The error classes of issue 14, as general rules: each with positive rows (the rule applies) and negative rows
(a look-alike it must leave alone). Keys are (relation, target document, units) per reference, in text order."""

from __future__ import annotations

import pytest

from review.annotate import extract_references

OWN = "1/2026/TT-BTC"


def _keys(text: str, amended_doc: str | None = None) -> list[tuple]:
    return [
        (r.relation, r.target.doc, r.target.units)
        for r in extract_references(text, doc_id=OWN, doc_type="Thông tư", amended_doc=amended_doc)
    ]


ANNEXES = [
    # positive: annex lists keep their document, lettered annexes keep their letter
    (
        "các mẫu tại Phụ lục I, II và III ban hành kèm theo Thông tư số 12/2024/TT-BTC",
        [("cites", "12/2024/TT-BTC", ("phu_luc_I", "phu_luc_II", "phu_luc_III"))],
    ),
    (
        "Thay thế Phụ lục 1A, Phụ lục 1B ban hành kèm theo Thông tư số 22/2013/TT-NHNN.",
        [("replaces", "22/2013/TT-NHNN", ("phu_luc_1a", "phu_luc_1b"))],
    ),
    ("Bổ sung Phụ lục IXa vào sau Phụ lục IX.", [("supplements", OWN, ("phu_luc_IXa",))]),
    # negative: one annex stays one annex, an unnumbered annex stays the whole annex
    ("theo Phụ lục II ban hành kèm theo Thông tư này", [("cites", OWN, ("phu_luc_II",))]),
    ("Phụ lục ban hành kèm theo Thông tư số 12/2024/TT-BTC", [("cites", "12/2024/TT-BTC", ("phu_luc",))]),
]

EXCEPTIONS = [
    # positive: the excepted units are cited, in the document repealed
    (
        "Bãi bỏ Thông tư số 12/2024/TT-BTC, trừ khoản 3 Điều 8.",
        [("repeals", "12/2024/TT-BTC", ()), ("cites", "12/2024/TT-BTC", ("dieu_8__khoan_3",))],
    ),
    (
        "Thông tư số 12/2024/TT-BTC hết hiệu lực kể từ ngày Thông tư này có hiệu lực, trừ Điều 5.",
        [("repeals", "12/2024/TT-BTC", ()), ("cites", OWN, ()), ("cites", "12/2024/TT-BTC", ("dieu_5",))],
    ),
    # negative: an exception naming the text's own document stays its own; another sentence is not an exception
    (
        "Bãi bỏ Điều 3 Thông tư số 12/2024/TT-BTC, trừ trường hợp quy định tại Điều 2 Thông tư này.",
        [("repeals", "12/2024/TT-BTC", ("dieu_3",)), ("cites", OWN, ("dieu_2",))],
    ),
    (
        "Bãi bỏ Điều 5 Thông tư số 12/2024/TT-BTC. Trừ Điều 6 là điều khoản chuyển tiếp.",
        [("repeals", "12/2024/TT-BTC", ("dieu_5",)), ("cites", OWN, ("dieu_6",))],
    ),
]

INTERLEAVED = [
    # positive: every unit of an interleaved list belongs to the trailing document
    (
        "đối tượng tại Điều 2, mức thu tại Điều 5 và miễn thu tại Điều 7 của Luật Phí và lệ phí",
        [("cites", "97/2015/QH13", (u,)) for u in ("dieu_2", "dieu_5", "dieu_7")],
    ),
    # negative: a sentence between them, or no phrase of words, keeps the units apart
    (
        "Theo Điều 2. Mức thu tại Điều 5 của Luật Phí và lệ phí",
        [("cites", OWN, ("dieu_2",)), ("cites", "97/2015/QH13", ("dieu_5",))],
    ),
    (
        "Điều 2 quy định đối tượng; mức thu theo khoản 1 Điều 5 của Luật Phí và lệ phí",
        [("cites", OWN, ("dieu_2",)), ("cites", "97/2015/QH13", ("dieu_5__khoan_1",))],
    ),
    # positive: the units a scope sentence details belong to the document named after them, across semicolons
    (
        "Thông tư này quy định chi tiết khoản 4 Điều 24; khoản 3 Điều 26 của Luật Phí và lệ phí.",
        [("cites", OWN, ()), ("guides", "97/2015/QH13", ("dieu_24__khoan_4", "dieu_26__khoan_3"))],
    ),
    # negative: the text's own document named first keeps them its own; a new sentence keeps them apart
    (
        "Thông tư này hướng dẫn Điều 5 Thông tư này và Điều 3 Luật Phí và lệ phí.",
        [("cites", OWN, ()), ("guides", OWN, ("dieu_5",)), ("guides", "97/2015/QH13", ("dieu_3",))],
    ),
    (
        "Thông tư này quy định chi tiết Điều 5. Mức thu áp dụng theo Luật Phí và lệ phí.",
        [("cites", OWN, ()), ("guides", OWN, ("dieu_5",)), ("cites", "97/2015/QH13", ())],
    ),
]

LISTS = [
    # positive: a verb governs every member of its list; a phrase replacement is `replaces` at its units
    ("Bãi bỏ Điều 3, Điều 5 và khoản 2 Điều 7.", [("repeals", OWN, ("dieu_3", "dieu_5", "dieu_7__khoan_2"))]),
    (
        "Thay thế cụm từ “Bộ Tài chính” bằng cụm từ “Bộ Kế hoạch” tại khoản 2 Điều 3 và Điều 5.",
        [("replaces", OWN, ("dieu_3__khoan_2", "dieu_5"))],
    ),
    # negative: the words being replaced are not a reference
    (
        "Thay thế cụm từ “Điều 5” bằng cụm từ “Điều 6” tại khoản 1 Điều 2.",
        [("replaces", OWN, ("dieu_2__khoan_1",))],
    ),
]

NESTED = [
    # positive: a trích yếu goes on past its semicolon; the law it names only by name is part of it, not a reference
    (
        "Thông tư này hướng dẫn khoản 2 Điều 6 Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ"
        " quy định về phân cấp trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số"
        " điều của Luật Thi đua, khen thưởng.",
        [("cites", OWN, ()), ("guides", "152/2025/NĐ-CP", ("dieu_6__khoan_2",))],
    ),
    # negative: after the semicolon the scope article's own next object, with its units or its number, is guided
    (
        "Thông tư này quy định chi tiết Điều 10 Nghị định số 15/2020/NĐ-CP ngày 03 tháng 02 năm 2020 của Chính phủ;"
        " hướng dẫn thi hành khoản 3 Điều 5 Luật Quản lý thuế số 38/2019/QH14.",
        [
            ("cites", OWN, ()),
            ("guides", "15/2020/NĐ-CP", ("dieu_10",)),
            ("guides", "38/2019/QH14", ("dieu_5__khoan_3",)),
        ],
    ),
    (
        "Thông tư này quy định chi tiết Điều 10 Nghị định số 15/2020/NĐ-CP ngày 03 tháng 02 năm 2020 của Chính phủ;"
        " quy định chi tiết một số điều của Luật Quản lý thuế số 38/2019/QH14.",
        [("cites", OWN, ()), ("guides", "15/2020/NĐ-CP", ("dieu_10",)), ("guides", "38/2019/QH14", ())],
    ),
]

ALIASES = [
    # positive: an alias is one more mention of the document it names, a citation whatever the sentence does
    (
        "Thông tư này quy định chi tiết Luật Đầu tư theo phương thức đối tác công tư số 64/2020/QH14 (sau đây gọi"
        " là Luật PPP).",
        [("cites", OWN, ()), ("guides", "64/2020/QH14", ()), ("cites", "64/2020/QH14", ())],
    ),
    (
        "Sửa đổi khoản 6 Điều 19 Nghị định số 181/2025/NĐ-CP ngày 01 tháng 7 năm 2025 của Chính phủ quy định chi"
        " tiết thi hành Luật Thuế giá trị gia tăng (sau đây gọi là Nghị định số 181/2025/NĐ-CP).",
        [("amends", "181/2025/NĐ-CP", ("dieu_19__khoan_6",)), ("cites", "181/2025/NĐ-CP", ())],
    ),
    # negative: an alias that names a thing, not a document, is none
    (
        "Thông tư này áp dụng đối với các cơ quan thực hiện chức năng thanh tra (sau đây gọi là thanh tra).",
        [("cites", OWN, ())],
    ),
]

TREATIES = [
    # positive: a named treaty is a reference by title (doc null), its year is its date
    (
        "Căn cứ Công ước về buôn bán quốc tế các loài động vật, thực vật hoang dã nguy cấp;",
        [
            (
                "legal_basis",
                None,
                (),
                "Công ước về buôn bán quốc tế các loài động vật, thực vật hoang dã nguy cấp",
            )
        ],
    ),
    (
        "theo Công ước Niu Óoc năm 1958 về Công nhận và cho thi hành phán quyết của trọng tài nước ngoài, được",
        [
            (
                "cites",
                None,
                (),
                "Công ước Niu Óoc về Công nhận và cho thi hành phán quyết của trọng tài nước ngoài",
            )
        ],
    ),
    # negative: generic treaties and lower-case "công ước" name nothing
    ("theo các Công ước quốc tế mà Việt Nam là thành viên", []),
    ("các công ước về quyền con người", []),
]


@pytest.mark.parametrize(("text", "expected"), TREATIES)
def test_treaties(text: str, expected: list[tuple]) -> None:
    got = [
        (r.relation, r.target.doc, r.target.units, r.target.title)
        for r in extract_references(text, doc_id=OWN)
    ]
    assert got == expected


@pytest.mark.parametrize(("text", "expected"), ANNEXES + EXCEPTIONS + INTERLEAVED + LISTS + NESTED + ALIASES)
def test_error_class_rules(text: str, expected: list[tuple]) -> None:
    assert _keys(text) == expected


def test_bare_units_inside_an_amendment_address_the_amended_document() -> None:
    assert _keys("2. Bãi bỏ Điều 3, Điều 5 và khoản 2 Điều 7.", amended_doc="5/2020/TT-BTC") == [
        ("repeals", "5/2020/TT-BTC", ("dieu_3", "dieu_5", "dieu_7__khoan_2"))
    ]
