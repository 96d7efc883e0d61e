"""The unit tree and header metadata on small documents written for the purpose, and hypothesis properties."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review.models import RawDocument, Source
from review.structure import detect_language, structure
from review.structure.lines import classify
from review.structure.tree import build_tree

SRC = Source("test.txt", "0" * 64, "text/plain")

DECREE = """CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/2024/NĐ-CP
Hà Nội, ngày 05 tháng 02 năm 2024
NGHỊ ĐỊNH
Quy định chi tiết một số điều của Luật Thử nghiệm
Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
Theo đề nghị của Bộ trưởng Bộ Tư pháp;
Chính phủ ban hành Nghị định quy định chi tiết một số điều của Luật Thử nghiệm.
Chương I
NHỮNG QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định chi tiết khoản 2 Điều 5 Luật Thử nghiệm.
Điều 2. Giải thích từ ngữ
Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau:
1. “Hồ sơ” là tập hợp giấy tờ.
2. Thời hạn giải quyết:
a) 10 ngày làm việc đối với hồ sơ hợp lệ;
b) 15 ngày đối với trường hợp khác;
đ) trường hợp đặc biệt.
Chương II
ĐIỀU KHOẢN THI HÀNH
Mục 1
HIỆU LỰC
Điều 3. Hiệu lực thi hành
Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 4 năm 2024.
Điều 3a. Điều khoản bổ sung
Nội dung bổ sung.
Nơi nhận:
- Như trên;
TM. CHÍNH PHỦ
THỦ TƯỚNG
Nguyễn Văn A
"""

AMENDING = """BỘ TƯ PHÁP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 07/2025/TT-BTP
Hà Nội, ngày 10 tháng 3 năm 2025
THÔNG TƯ
Sửa đổi, bổ sung một số điều của Thông tư số 01/2020/TT-BTP
Căn cứ Nghị định số 12/2024/NĐ-CP;
Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 01/2020/TT-BTP
1. Sửa đổi, bổ sung Điều 5 như sau:
“Điều 5. Hồ sơ
1. Đơn đề nghị.
2. Bản sao giấy tờ.”
2. Sửa đổi khoản 2 Điều 7 như sau:
“2. Thời hạn là 05 ngày làm việc.”
3. Bãi bỏ Điều 9.
Điều 2. Hiệu lực thi hành
Thông tư này có hiệu lực kể từ ngày 01/05/2025.
"""

UNQUOTED_AMENDING = """Điều 1. Sửa đổi một số điều
1. Sửa đổi, bổ sung khoản 3 Điều 5 như sau:
3. Hồ sơ gồm đơn đề nghị.
a) điểm mới của khoản mới;
2. Bãi bỏ Điều 9.
Điều 2. Hiệu lực
Thông tư này có hiệu lực kể từ ngày ký ban hành.
"""


def parse_text(text: str):
    return structure(RawDocument(text=text, source=SRC))


def eids(doc) -> list[str]:
    return [u.eid for u in doc.walk()]


def test_decree_header():
    doc = parse_text(DECREE)
    assert doc.id == doc.number == "12/2024/NĐ-CP"
    assert doc.type == "Nghị định"
    assert doc.issuer == "Chính phủ"
    assert doc.place == "Hà Nội"
    assert doc.issued == "2024-02-05"
    assert doc.effective == "2024-04-01"
    assert doc.title == "Quy định chi tiết một số điều của Luật Thử nghiệm"
    assert doc.preamble.startswith("Căn cứ Luật Tổ chức Chính phủ")
    assert doc.language == "vi"


def test_decree_tree():
    doc = parse_text(DECREE)
    assert eids(doc) == [
        "chuong_I",
        "dieu_1",
        "dieu_2",
        "dieu_2__khoan_1",
        "dieu_2__khoan_2",
        "dieu_2__khoan_2__diem_a",
        "dieu_2__khoan_2__diem_b",
        "dieu_2__khoan_2__diem_dd",
        "chuong_II",
        "chuong_II__muc_1",
        "dieu_3",
        "dieu_3a",
    ]
    chapter = doc.unit("chuong_I")
    assert chapter.heading == "NHỮNG QUY ĐỊNH CHUNG"
    assert doc.unit("dieu_1").heading == "Phạm vi điều chỉnh"
    assert doc.unit("dieu_2__khoan_2__diem_a").text == "10 ngày làm việc đối với hồ sơ hợp lệ;"
    assert doc.unit("chuong_II__muc_1").heading == "HIỆU LỰC"
    # The signature block and the distribution list are not body text.
    assert "Nguyễn Văn A" not in doc.unit("dieu_3a").text
    assert "Như trên" not in doc.unit("dieu_3a").text


def test_points_gap_is_reported():
    doc = parse_text(DECREE)
    gaps = [n for n in doc.notes if n.code == "numbering_gap"]
    assert [n.eid for n in gaps] == ["dieu_2__khoan_2__diem_dd"]


def test_amending_document_quotes_are_content():
    doc = parse_text(AMENDING)
    assert doc.type == "Thông tư" and doc.number == "07/2025/TT-BTP" and doc.effective == "2025-05-01"
    assert eids(doc) == ["dieu_1", "dieu_1__khoan_1", "dieu_1__khoan_2", "dieu_1__khoan_3", "dieu_2"]
    assert "“Điều 5. Hồ sơ" in doc.unit("dieu_1__khoan_1").text
    assert "2. Bản sao giấy tờ.”" in doc.unit("dieu_1__khoan_1").text
    assert doc.unit("dieu_1__khoan_2").text.endswith("“2. Thời hạn là 05 ngày làm việc.”")


def test_unquoted_amending_text_is_content_until_numbering_resumes():
    doc = parse_text(UNQUOTED_AMENDING)
    assert eids(doc) == ["dieu_1", "dieu_1__khoan_1", "dieu_1__khoan_2", "dieu_2"]
    assert "3. Hồ sơ gồm đơn đề nghị." in doc.unit("dieu_1__khoan_1").text
    assert any(n.code == "implicit_quote" for n in doc.notes)


def test_effective_on_signing_is_issue_date():
    text = "Số: 01/2025/TT-BTP\nHà Nội, ngày 02 tháng 01 năm 2025\nTHÔNG TƯ\nVề thử\n" + UNQUOTED_AMENDING
    doc = parse_text(text)
    assert doc.issued == doc.effective == "2025-01-02"


def test_orphan_clauses_are_kept_and_reported():
    doc = parse_text("NGHỊ QUYẾT\nVề việc thử\n1. Một việc.\n2. Việc khác.\n")
    assert doc.units == ()
    assert "1. Một việc." in doc.body
    assert {n.code for n in doc.notes} >= {"orphan_clause", "no_articles", "no_number"}


def test_article_restart_opens_an_attached_text():
    text = (
        "QUYẾT ĐỊNH\nBan hành Quy chế\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế.\nĐiều 2. Hiệu lực.\n"
        "QUY CHẾ\nĐiều 1. Phạm vi\nĐiều 2. Đối tượng\n"
    )
    doc = parse_text(text)
    assert eids(doc) == ["dieu_1", "dieu_2", "phu_luc_1", "phu_luc_1__dieu_1", "phu_luc_1__dieu_2"]


def test_annex_after_signature():
    text = DECREE + "PHỤ LỤC I\nDANH MỤC GIẤY TỜ\n1. Đơn.\n"
    doc = parse_text(text)
    annex = doc.unit("phu_luc_I")
    assert annex is not None and annex.heading == "DANH MỤC GIẤY TỜ"
    assert "1. Đơn." in annex.text


def test_law_title_and_passed_date():
    text = (
        "QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLuật số: 116/2025/QH15\nLUẬT\nAN NINH MẠNG\n"
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nĐiều 1. Phạm vi điều chỉnh\nLuật này quy định.\n"
        "Điều 2. Hiệu lực thi hành\nLuật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.\n"
        "Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 10 thông qua ngày 10 "
        "tháng 12 năm 2025.\nCHỦ TỊCH QUỐC HỘI\n"
    )
    doc = parse_text(text)
    assert (doc.type, doc.number, doc.title, doc.issuer) == (
        "Luật",
        "116/2025/QH15",
        "An ninh mạng",
        "Quốc hội",
    )
    assert (doc.issued, doc.effective) == ("2025-12-10", "2026-07-01")
    assert "thông qua" not in doc.unit("dieu_2").text


@pytest.mark.parametrize(
    ("line", "kind", "num"),
    [
        ("Điều 5. Phạm vi", "dieu", "5"),
        ("Điều 35a. Kiểm tra", "dieu", "35a"),
        ("Điều 3.Thay thế cụm từ", "dieu", "3"),
        ("Điều 7: Hiệu lực", "dieu", "7"),
        ("1. Nội dung", "khoan", "1"),
        ("3a. Nội dung chèn", "khoan", "3a"),
        ("đ) điểm đ", "diem", "đ"),
        ("a1) điểm chèn", "diem", "a1"),
        ("Chương IV", "chuong", "IV"),
        ("Chương 2", "chuong", "II"),
        ("Mục 1. QUY ĐỊNH CHUNG", "muc", "1"),
        ("Phần thứ hai", "phan", "2"),
        ("PHỤ LỤC II", "phu_luc", "II"),
        # Not headings.
        ("Điều 5 Luật Đất đai quy định", None, None),
        ("1.1. Tiểu mục cũ", None, None),
        ("2025. Năm", None, None),
        ("f) không phải điểm", None, None),
        ("Chương II của Bộ luật này", None, None),
        ("Điều kiện cấp giấy phép", None, None),
    ],
)
def test_classify(line, kind, num):
    heading = classify(line)
    assert (heading.kind if heading else None, heading.num if heading else None) == (kind, num)


def test_english_translation():
    text = (
        "DECREE\nAmending a number of articles\nPursuant to the Law on Organization of the Government;\n"
        "Article 1. Scope\n1. This Decree applies.\na) first point;\nArticle 2. Effect\n"
        "This Decree takes effect on March 1, 2021.\n"
    )
    doc = structure(RawDocument(text=text, source=SRC, hints={"title": "Decree 27/2020/ND-CP"}))
    assert doc.language == "en"
    assert doc.id == "27/2020/NĐ-CP@en" and doc.type == "Nghị định"
    assert eids(doc) == ["dieu_1", "dieu_1__khoan_1", "dieu_1__khoan_1__diem_a", "dieu_2"]
    assert doc.effective == "2021-03-01"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Điều 1. Phạm vi điều chỉnh của Nghị định này", "vi"),
        ("Article 1. Scope of this Decree", "en"),
        ("", "und"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


# --- Properties ---------------------------------------------------------------------------------------------

LINES = st.sampled_from(
    [
        "Điều 1. A",
        "Điều 2. B",
        "Điều 2a. C",
        "Điều 1. Lại",
        "1. khoản",
        "2. khoản",
        "1a. chèn",
        "a) điểm",
        "b) điểm",
        "đ) điểm",
        "Chương I",
        "Chương II",
        "Mục 1",
        "Tiểu mục 1",
        "Phần thứ nhất",
        "PHỤ LỤC I",
        "Phụ lục",
        "“Điều 9. Trích",
        "”.",
        "Sửa đổi Điều 5 như sau:",
        "Căn cứ Luật;",
        "TM. CHÍNH PHỦ",
        "Nơi nhận:",
        "QUY CHẾ",
        "văn bản thường",
        "",
    ]
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.one_of(LINES, st.text(max_size=40)), max_size=60))
def test_parsing_never_crashes_eids_unique_units_nest(lines):
    doc = parse_text("\n".join(lines))
    seen = [u.eid for u in doc.walk()]
    assert len(seen) == len(set(seen))
    order = {"phu_luc": 0, "phan": 1, "chuong": 2, "muc": 3, "tieu_muc": 4, "dieu": 5, "khoan": 6, "diem": 7}

    def check(unit, parent_level):
        assert order[unit.kind] > parent_level
        for child in unit.children:
            check(child, order[unit.kind])

    for unit in doc.units:
        check(unit, -1)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_tree_never_crashes_on_arbitrary_text(text):
    result, lines = build_tree(text)
    assert result.body_start <= len(lines)
