"""The outdated-reference lexicons in review/data/findings (reorganisation.json, obsolete_papers.json).

Rows are real sentences from the corpus (corpus/vbpl, vbpl-vn-2026, phapdien-2023), cut to the clause that
matters; the source is given in a comment. The few constructed rows (spelling variants, successor names, the
"được hợp nhất vào" case with no corpus sentence) say so.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from importlib.resources import files

import pytest

KINDS_REORG = {
    "ministry",
    "general_department",
    "provincial_department",
    "district_level",
    "district_office",
    "court",
    "procuracy",
    "police",
    "province",
    "commune_level",
}
KINDS_PAPERS = {"residence_book", "identity_card"}
RELATIONS = {"merged_into", "split_into", "renamed", "abolished", "upgraded"}
REQUIRED = {"id", "kind", "name", "pattern", "obsolete_from", "successor", "relation", "ground", "verified"}
OPTIONAL = {"successor_note", "evidence", "exclude"}


def _load(name: str) -> dict:
    return json.loads(files("review").joinpath(f"data/findings/{name}").read_text(encoding="utf-8"))


REORG = _load("reorganisation.json")
PAPERS = _load("obsolete_papers.json")
ENTRIES = REORG["entries"] + PAPERS["entries"]
COMPILED = [
    (e["id"], re.compile(e["pattern"]), [re.compile(x) for x in e.get("exclude", [])]) for e in ENTRIES
]


def matched_ids(text: str) -> set[str]:
    """Ids of the entries whose pattern matches the NFC text outside every span of the entry's excludes."""
    text = unicodedata.normalize("NFC", text)
    found = set()
    for entry_id, pattern, excludes in COMPILED:
        spans = [(m.start(), m.end()) for x in excludes for m in x.finditer(text)]
        for m in pattern.finditer(text):
            if not any(a <= m.start() and m.end() <= b for a, b in spans):
                found.add(entry_id)
                break
    return found


@pytest.mark.parametrize(("doc", "kinds"), [(REORG, KINDS_REORG), (PAPERS, KINDS_PAPERS)])
def test_envelope_and_fields(doc, kinds):
    assert "2026-11-27" in doc["_about"]
    for e in doc["entries"]:
        assert REQUIRED <= set(e) <= REQUIRED | OPTIONAL, e["id"]
        assert re.fullmatch(r"[a-z0-9_]+", e["id"])
        assert e["kind"] in kinds, e["id"]
        assert e["relation"] in RELATIONS, e["id"]
        assert e["verified"] in {"V", "V2", "R"}, e["id"]
        assert date.fromisoformat(e["obsolete_from"]) >= date(2023, 1, 1)
        assert e["successor"] is None or (isinstance(e["successor"], str) and e["successor"])
        assert isinstance(e["ground"], str) and e["ground"]
        assert e["name"] == unicodedata.normalize("NFC", e["name"])
        re.compile(e["pattern"])
        for x in e.get("exclude", []):
            re.compile(x)


def test_ids_unique_and_coverage():
    ids = [e["id"] for e in ENTRIES]
    assert len(ids) == len(set(ids))
    kinds = {e["kind"] for e in REORG["entries"]}
    assert kinds == KINDS_REORG
    assert sum(e["kind"] == "province" for e in REORG["entries"]) == 29
    assert sum(e["kind"] == "ministry" for e in REORG["entries"]) == 7
    by_id = {e["id"]: e for e in ENTRIES}
    assert by_id["tinh_ha_giang"]["verified"] == "R"  # Tuyên Quang + Hà Giang is [R] in the notes
    assert by_id["tinh_binh_duong"]["successor"] == "TP Hồ Chí Minh"
    assert by_id["bo_tttt"]["relation"] == "split_into"
    assert by_id["so_ho_khau"]["obsolete_from"] == "2023-01-01"


ROWS = [
    # --- ministry
    # vbpl-vn-2026 doc_000200 (TT 105/2025/TT-BTC): old number and the old ministry's name
    (
        "Sửa đổi, bổ sung một số điều của Thông tư số 02/2024/TT-BKHĐT ngày 06 tháng 3 năm 2024 "
        "của Bộ Kế hoạch và Đầu tư quy định hoạt động đào tạo",
        {"bo_khdt"},
        set(),
    ),
    # same document, the number alone: the symbol of an old document is not flagged
    (
        "việc tổ chức thi, cấp chứng chỉ được thực hiện theo quy định của Thông tư số 02/2024/TT-BKHĐT "
        "ngày 06 tháng 3 năm 2024.",
        set(),
        {"bo_khdt"},
    ),
    # vbpl-vn-2026 doc_000005: Bộ trưởng of an old ministry, old symbol
    (
        "Thông tư số 05/2016/TT-BGTVT của Bộ trưởng Bộ Giao thông vận tải công bố vùng nước cảng biển",
        {"bo_gtvt"},
        set(),
    ),
    # constructed from the doc_000289 spelling: en dash; the successor ministry does not match
    (
        "Bộ Lao động – Thương binh và Xã hội phối hợp với Bộ Nông nghiệp và Môi trường",
        {"bo_ldtbxh"},
        {"bo_tnmt", "bo_nnptnt"},
    ),
    # variant spelling (no spaces round the hyphen)
    ("Bộ Lao động-Thương binh và Xã hội", {"bo_ldtbxh"}, set()),
    # vbpl-vn-2026 doc_000579: the old name of Ủy ban Dân tộc
    # (the source spells "Ủy"; the "Uỷ" tone placement must match too)
    ("Bộ trưởng, Chủ nhiệm Uỷ ban Dân tộc về hướng dẫn thực hiện chế độ", {"ubdt"}, {"ban_dan_toc"}),
    # constructed (no such sentence in the corpus): a body "được hợp nhất vào" its successor still matches;
    # the finding rule, not the lexicon, handles transition wording.
    ("Bộ Kế hoạch và Đầu tư được hợp nhất vào Bộ Tài chính.", {"bo_khdt"}, set()),
    # amendment formula: the quoted old name is excluded
    # constructed on the pattern of the replacement clauses of TT 105/2025/TT-BTC and Luật 146/2025/QH15
    (
        "Thay thế cụm từ “Bộ Kế hoạch và Đầu tư” bằng cụm từ “Bộ Tài chính” tại khoản 2 Điều 3",
        set(),
        {"bo_khdt"},
    ),
    # --- general_department
    # corpus/vbpl doc_000101
    (
        "Theo đề nghị của Tổng cục trưởng Tổng cục Hải quan, Bộ trưởng Bộ Tài chính ban hành Thông tư",
        {"tong_cuc_truong", "tong_cuc_hai_quan", "tong_cuc"},
        set(),
    ),
    # corpus/vbpl doc_000094 (TT 62/2019/TT-BCA)
    ("2. Tổng cục trưởng, Phó Tổng cục trưởng và tương đương.", {"tong_cuc_truong"}, {"tong_cuc"}),
    # phapdien-2023: Tổng cục Thuế
    (
        "Cơ quan thuế theo quy định tại khoản 2 Điều 2 Luật Quản lý thuế, gồm: Tổng cục Thuế, Cục Thuế và Chi cục thuế.",
        {"tong_cuc_thue", "tong_cuc"},
        set(),
    ),
    # vbpl-vn-2026 doc_000498: a named tổng cục outside a quotation
    (
        "các biểu mẫu và giải thích biểu mẫu báo cáo áp dụng đối với Tổng cục Thủy sản của Phụ lục II",
        {"tong_cuc_thuy_san", "tong_cuc"},
        set(),
    ),
    # corpus/vbpl doc_000009: the successor "Cục Hải quan" and the replacement clause do not match
    (
        "2. Thay thế cụm từ “Tổng cục Hải quan” bằng cụm từ “Cục Hải quan” tại điểm e khoản 3 Điều 10",
        set(),
        {"tong_cuc", "tong_cuc_hai_quan"},
    ),
    (
        "trực tiếp tại bộ phận một cửa Cục Hải quan hoặc gửi qua bưu điện đến Cục Hải quan.",
        set(),
        {"tong_cuc", "tong_cuc_hai_quan"},
    ),
    # vbpl-vn-2026 doc_000012: a Bộ Quốc phòng tổng cục is outside NQ 176
    (
        "1. Tổng Tham mưu trưởng, Chủ nhiệm Tổng cục Chính trị, Chỉ huy các cơ quan, đơn vị",
        set(),
        {"tong_cuc"},
    ),
    # --- provincial_department
    # phapdien-2023
    (
        "Sở Tài nguyên và Môi trường và Phòng Tài nguyên và Môi trường cấp quận, huyện có trách nhiệm",
        {"so_tnmt", "phong_tnmt", "quan_huyen"},
        set(),
    ),
    (
        "Tổ chức thu phí, lệ phí bao gồm Tổng cục Đường bộ Việt Nam và Sở Giao thông vận tải các tỉnh",
        {"so_gtvt", "tong_cuc"},
        set(),
    ),
    (
        "2. Sở Thông tin và Truyền thông là tổ chức thu phí thẩm định điều kiện hoạt động bưu chính",
        {"so_tttt"},
        set(),
    ),
    (
        "phối hợp với Sở Y tế, Sở Giáo dục và Đào tạo, Sở Lao động - Thương binh và Xã hội trong việc lập dự toán",
        {"so_ldtbxh"},
        set(),
    ),
    # phapdien-2023: the UBND agency
    (
        "a) Ban Dân tộc trực thuộc Ủy ban nhân dân cấp tỉnh, chịu sự lãnh đạo trực tiếp",
        {"ban_dan_toc"},
        set(),
    ),
    # vbpl-vn-2026 doc_000072: the HĐND committee still exists
    (
        "Số lượng Phó Trưởng Ban của Ban Dân tộc của Hội đồng nhân dân cấp tỉnh ở đơn vị hành chính",
        set(),
        {"ban_dan_toc", "ubdt"},
    ),
    # successor names do not match
    # constructed: the successor names
    (
        "Sở Nông nghiệp và Môi trường, Sở Tài chính, Sở Xây dựng",
        set(),
        {"so_nnptnt", "so_tnmt", "so_khdt", "so_gtvt"},
    ),
    # --- district_level
    # phapdien-2023
    (
        "bồi thường, hỗ trợ, tái định cư của dự án đã được Ủy ban nhân dân cấp huyện phê duyệt",
        {"ubnd_cap_huyen", "cap_huyen"},
        set(),
    ),
    (
        "dự án thuộc thẩm quyền phê duyệt của Chủ tịch Uỷ ban nhân dân cấp huyện bàn giao cho cấp tỉnh",
        {"chu_tich_ubnd_cap_huyen", "ubnd_cap_huyen"},
        set(),
    ),
    # phapdien-2023: "huyện đảo" as a place category
    (
        "công dân thường trú tại các xã biên giới; các huyện đảo; đồng bào dân tộc thiểu số",
        set(),
        {"cap_huyen", "ubnd_huyen", "quan_huyen"},
    ),
    # vbpl-vn-2026 doc_000220
    (
        "Kinh phí vận chuyển gạo từ trung tâm các quận, huyện, thị xã, thành phố thuộc tỉnh đến cơ sở giáo dục",
        {"quan_huyen", "thanh_pho_thuoc_tinh"},
        set(),
    ),
    # the current commune-level office (corpus/vbpl doc_000599)
    (
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phối hợp với Trung tâm Phục vụ hành chính công "
        "giúp Ủy ban nhân dân cấp xã",
        set(),
        {"vp_hdnd_ubnd_huyen", "ubnd_cap_huyen", "ubnd_huyen"},
    ),
    # --- commune_level
    # corpus/vbpl doc_000094
    (
        "Trưởng, Phó trưởng Công an xã, thị trấn và Công an viên bán chuyên trách",
        {"thi_tran"},
        {"ca_cap_huyen"},
    ),
    (
        "Ban hành Quy chế làm việc mẫu của Ủy ban nhân dân xã, phường, thị trấn",
        {"xa_phuong_thi_tran", "thi_tran"},
        set(),
    ),
    # corpus/vbpl doc_000027: the successor wording
    (
        "từ trung ương đến xã, phường, đặc khu (sau đây gọi chung là cấp xã).",
        set(),
        {"xa_phuong_thi_tran", "thi_tran"},
    ),
    # --- district_office
    # phapdien-2023
    (
        "Chủ tịch Ủy ban nhân dân cấp xã liên hệ với Phòng Lao động - Thương binh và Xã hội để đề xuất",
        {"phong_ldtbxh"},
        {"ubnd_cap_huyen"},
    ),
    (
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân cấp huyện, công chức Văn phòng - Thống kê xã, phường, thị trấn.",
        {"vp_hdnd_ubnd_huyen", "cap_huyen", "xa_phuong_thi_tran"},
        set(),
    ),
    (
        "là Trưởng phòng, Phó Trưởng Phòng Tư pháp huyện, quận, thị xã, thành phố thuộc tỉnh",
        {"phong_tu_phap_huyen", "quan_huyen"},
        set(),
    ),
    # --- court
    # phapdien-2023
    (
        "Người được hưởng án treo có thể được Tòa án nhân dân cấp huyện, Tòa án quân sự khu vực quyết định",
        {"tand_cap_huyen", "cap_huyen"},
        set(),
    ),
    (
        "3. Chánh án Tòa án nhân dân huyện, quận, thị xã, thành phố thuộc tỉnh và tương đương",
        {"tand_cap_huyen"},
        set(),
    ),
    # vbpl-vn-2026 doc_000046: the successor
    (
        "Tòa án nhân dân tỉnh, thành phố, Tòa án nhân dân khu vực; Tòa án quân sự trung ương",
        set(),
        {"tand_cap_huyen"},
    ),
    # --- procuracy
    # phapdien-2023 (all articles)
    (
        "Viện kiểm sát nhân dân cấp tỉnh, Viện kiểm sát nhân dân cấp huyện kiểm sát việc bắt, tạm giữ",
        {"vksnd_cap_huyen"},
        set(),
    ),
    ("Viện kiểm sát nhân dân cấp tỉnh có trách nhiệm thông báo", set(), {"vksnd_cap_huyen"}),
    # --- police
    # corpus/vbpl doc_000094 (TT 62/2019/TT-BCA)
    (
        "đang công tác hy sinh, từ trần thì Công an cấp huyện trực tiếp quản lý tổ chức viếng.",
        {"ca_cap_huyen", "cap_huyen"},
        set(),
    ),
    # phapdien-2023
    (
        "Đối với thành phố trực thuộc trung ương thì nộp hồ sơ tại Công an huyện, quận, thị xã;",
        {"ca_cap_huyen", "quan_huyen"},
        set(),
    ),
    # vbpl-vn-2026 doc_000189
    (
        "Thay thế cụm từ “Công an tỉnh, thành phố trực thuộc Trung ương” bằng cụm từ “Công an tỉnh, thành phố”",
        set(),
        {"ca_cap_huyen"},
    ),
    # --- province
    # phapdien-2023
    ("Công ty B (đăng ký kinh doanh tại tỉnh Bình Dương) là thương nhân", {"tinh_binh_duong"}, set()),
    # vbpl-vn-2026 doc_000532
    (
        "vùng nước cảng biển thuộc địa phận Thành phố Hồ Chí Minh, tỉnh Long An, tỉnh Tiền Giang",
        {"tinh_long_an", "tinh_tien_giang"},
        set(),
    ),
    # constructed: an absorbed province as jurisdiction, tone and dash variants, "(cũ)" marking
    ("Ủy ban nhân dân tỉnh Hải Dương", {"tinh_hai_duong"}, set()),
    (
        "Ủy ban nhân dân tỉnh Hoà Bình; tỉnh Bà Rịa – Vũng Tàu",
        {"tinh_hoa_binh", "tinh_ba_ria_vung_tau"},
        set(),
    ),
    # vbpl-vn-2026 doc_000257: an unchanged province
    (
        "thuộc địa phận tỉnh Quảng Ninh và khu vực quản lý của Cảng vụ Hàng hải Quảng Ninh.",
        set(),
        {e["id"] for e in REORG["entries"] if e["kind"] == "province"},
    ),
    ("tỉnh Bình Dương (cũ)", set(), {"tinh_binh_duong"}),
    # --- obsolete papers
    # vbpl-vn-2026 doc_000470
    (
        "liên quan đến việc nộp, xuất trình sổ hộ khẩu, sổ tạm trú giấy khi thực hiện thủ tục hành chính",
        {"so_ho_khau", "so_tam_tru"},
        set(),
    ),
    # vbpl-vn-2026 doc_000066
    ("Số CCCD hoặc CMND..........", {"cmnd_abbr"}, set()),
    # phapdien-2023
    (
        "xuất trình bản chính hoặc bản sao có chứng thực Giấy chứng minh nhân dân/Thẻ căn cước công dân",
        {"giay_cmnd", "cmnd"},
        set(),
    ),
    # vbpl-vn-2026 doc_000507
    (
        "Chứng minh thư nhân dân/Thẻ căn cước công dân/Hộ chiếu (còn thời hạn theo quy định) số",
        {"chung_minh_thu"},
        set(),
    ),
    (
        "Địa phương nơi công dân đăng ký hộ khẩu thường trú trước khi nhập ngũ.",
        {"ho_khau_thuong_tru"},
        {"so_ho_khau"},
    ),
    # vbpl-vn-2026 doc_000228: the amendment lists the old labels in quotation marks
    (
        'Bổ sung cụm từ "Định danh cá nhân" vào các trường hợp thông tin chứa cụm từ "CMND", "CCCD", '
        '"Chứng minh nhân dân", "Chứng minh thư", "Căn cước công dân"',
        set(),
        {"cmnd_abbr", "cmnd", "chung_minh_thu"},
    ),
    # the abbreviation inside a longer token, and the successor papers
    # constructed: the abbreviation inside a longer token, and the successor papers
    ("số định danh cá nhân, thẻ căn cước, mã CMNDX1", set(), {"cmnd_abbr", "cmnd", "giay_cmnd"}),
]


@pytest.mark.parametrize(("sentence", "expected", "forbidden"), ROWS)
def test_rows(sentence, expected, forbidden):
    got = matched_ids(sentence)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


def test_every_kind_has_positive_and_negative_rows():
    kind = {e["id"]: e["kind"] for e in ENTRIES}
    pos = {kind[i] for _, exp, _ in ROWS for i in exp}
    neg = {kind[i] for _, _, forb in ROWS for i in forb}
    assert pos == KINDS_REORG | KINDS_PAPERS
    assert neg == KINDS_REORG | KINDS_PAPERS
