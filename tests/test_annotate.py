"""References, relations and facts: table-driven, a positive and a negative row for every rule.

The sentences are real drafting (domain notes §2–§4, the vbpl pages and the Bộ pháp điển in ../shared).
"""

import json

import pytest
from click.testing import CliRunner

from review.annotate import extract_facts, extract_references, source_note_references

# (text, keyword arguments, expected [(span text, relation, target doc, units)])
FIND = [
    # document.type_and_number
    ("Căn cứ Nghị định số 23/2015/NĐ-CP ngày 16 tháng 02 năm 2015 của Chính phủ;", {},
     [("Nghị định số 23/2015/NĐ-CP ngày 16 tháng 02 năm 2015", "legal_basis", "23/2015/NĐ-CP", [])]),
    ("Nộp theo Mẫu số 01 ban hành kèm theo, lệ phí 100.000 đồng, ngày 14/10/2010.", {}, []),
    # document.name_and_number
    ("Căn cứ Luật Đất đai số 31/2024/QH15;", {}, [("Luật Đất đai số 31/2024/QH15", "legal_basis", "31/2024/QH15", [])]),
    # document.name_and_date, with the gazetteer
    ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;", {},
     [("Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015", "legal_basis", "76/2015/QH13", [])]),
    ("theo quy định của Bộ luật Hình sự năm 2015", {}, [("Bộ luật Hình sự năm 2015", "cites", "100/2015/QH13", [])]),
    ("Luật sư tham gia tố tụng năm 2015 theo yêu cầu.", {}, []),
    # document.name (a known name without number or date)
    ("thực hiện theo quy định tại khoản 3 Điều 22 Luật Đa dạng sinh học.", {},
     [("khoản 3 Điều 22 Luật Đa dạng sinh học", "cites", "20/2008/QH12", ["dieu_22__khoan_3"])]),
    # document.bare_number
    ("áp dụng 43/2014/NĐ-CP", {}, [("43/2014/NĐ-CP", "cites", "43/2014/NĐ-CP", [])]),
    # document.memo: non-normative documents with their word and number are references (REFERENCE-CONVENTIONS.md)
    ("Xét đề nghị của Chính phủ tại Tờ trình số 24/TTr-CP", {}, [("Tờ trình số 24/TTr-CP", "cites", "24/TTR-CP", [])]),
    ("Thực hiện Thông báo số 2074-TB/TU ngày 24 tháng 02 năm 2025", {}, [("Thông báo số 2074-TB/TU ngày 24 tháng 02 năm 2025", "cites", "2074-TB/TU", [])]),
    ("theo đề nghị tại 24/TTr-CP", {}, []),
    # a name inside a numbered document's trích yếu is part of the title, not a reference
    ("Căn cứ Nghị định số 58/2017/NĐ-CP ngày 10 tháng 5 năm 2017 của Chính phủ quy định chi tiết một số điều của Bộ luật Hàng hải Việt Nam;", {}, [("Nghị định số 58/2017/NĐ-CP ngày 10 tháng 5 năm 2017", "legal_basis", "58/2017/NĐ-CP", [])]),
    ("Nghị định số 10/2020/NĐ-CP quy định chi tiết Điều 45 của Luật Đất đai.", {"doc_id": "12/2026/NĐ-CP"}, [("Nghị định số 10/2020/NĐ-CP", "cites", "10/2020/NĐ-CP", [])]),
    # … but the title ends where another clause starts ("hết hiệu lực", "trừ")
    ("Nghị định số 10/2020/NĐ-CP quy định về kinh doanh vận tải hết hiệu lực, trừ quy định tại Điều 45 của Luật Đất đai.", {"doc_id": "12/2026/NĐ-CP"}, [("Nghị định số 10/2020/NĐ-CP", "repeals", "10/2020/NĐ-CP", []), ("Điều 45 của Luật Đất đai", "cites", "31/2024/QH15", ["dieu_45"])]),
    # a generic amending law: by its title alone; in its enacting formula, every law it lists is amended
    ("Thông tư này hướng dẫn khoản 3 Điều 3 Luật sửa đổi, bổ sung một số điều của 15 luật trong lĩnh vực nông nghiệp và môi trường.", {"doc_id": "94/2025/TT-BNNMT"}, [("Thông tư này", "cites", "94/2025/TT-BNNMT", []), ("khoản 3 Điều 3 Luật sửa đổi, bổ sung một số điều của 15 luật trong lĩnh vực nông nghiệp và môi trường", "guides", "146/2025/QH15", ["dieu_3__khoan_3"])]),
    ("Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của 15 luật trong lĩnh vực nông nghiệp gồm Luật Chăn nuôi số 32/2018/QH14 đã được sửa đổi, bổ sung một số điều theo Luật số 35/2018/QH14; Luật Trồng trọt số 31/2018/QH14.", {"doc_id": "146/2025/QH15", "doc_type": "Luật"}, [("Luật Chăn nuôi số 32/2018/QH14", "amends", "32/2018/QH14", []), ("Luật số 35/2018/QH14", "cites", "35/2018/QH14", []), ("Luật Trồng trọt số 31/2018/QH14", "amends", "31/2018/QH14", [])]),
    ("Căn cứ Luật Chăn nuôi số 32/2018/QH14 gồm các chương sau;", {}, [("Luật Chăn nuôi số 32/2018/QH14", "legal_basis", "32/2018/QH14", [])]),
    # a "Căn cứ" item wrapped over lines is still a basis; its provenance note names a basis of the chain
    ("Căn cứ Nghị định số 78/2025/NĐ-CP của Chính phủ\nquy định chi tiết Luật Ban hành văn bản quy phạm pháp luật được sửa đổi, bổ sung bởi Nghị định số\n187/2025/NĐ-CP;", {}, [("Nghị định số 78/2025/NĐ-CP", "legal_basis", "78/2025/NĐ-CP", []), ("Nghị định số\n187/2025/NĐ-CP", "legal_basis", "187/2025/NĐ-CP", [])]),
    ("Căn cứ Luật Biển Việt Nam số 18/2012/QH13 (sửa đổi, bổ sung tại Luật số 72/2025/QH15);", {}, [("Luật Biển Việt Nam số 18/2012/QH13", "legal_basis", "18/2012/QH13", []), ("Luật số 72/2025/QH15", "legal_basis", "72/2025/QH15", [])]),
    ("Theo đề nghị của Bộ trưởng;\nNghị định số 78/2025/NĐ-CP quy định chi tiết;", {}, [("Nghị định số 78/2025/NĐ-CP", "cites", "78/2025/NĐ-CP", [])]),
    # standards by their code: no number, the code is the title
    ("Ban hành kèm theo Thông tư này QCVN 106:2025/BNNMT Quy chuẩn kỹ thuật quốc gia về chất lượng phân bón.", {}, [("Thông tư này", "cites", None, []), ("QCVN 106:2025/BNNMT", "cites", None, [])]),
    ("theo Mẫu số 04.a/TT và bảng QCVN", {}, []),
    # all-capital titles are read in normal case
    ("SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT GIÁO DỤC", {"doc_id": "123/2025/QH15"}, [("SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT GIÁO DỤC", "amends", "43/2019/QH14", [])]),
    ("QUY ĐỊNH CHUNG VỀ LUẬT PHÁP", {}, []),
    # an amending law by its title and date, found through the laws it amends
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư, Luật Đầu tư theo phương thức đối tác công tư và Luật Đấu thầu ngày 29 tháng 11 năm 2024;", {}, [("Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư, Luật Đầu tư theo phương thức đối tác công tư và Luật Đấu thầu ngày 29 tháng 11 năm 2024", "legal_basis", "57/2024/QH15", [])]),
    # … and the numbered laws its title lists are cited (REFERENCE-CONVENTIONS.md, Nesting); with its own number
    # the amending law is named in full and the laws inside its title are not references
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15, Luật Kinh doanh bất động sản số 29/2023/QH15 và Luật Các tổ chức tín dụng số 32/2024/QH15 ngày 29 tháng 6 năm 2024;", {}, [("Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15, Luật Kinh doanh bất động sản số 29/2023/QH15 và Luật Các tổ chức tín dụng số 32/2024/QH15 ngày 29 tháng 6 năm 2024", "legal_basis", "43/2024/QH15", []), ("Luật Đất đai số 31/2024/QH15", "cites", "31/2024/QH15", []), ("Luật Nhà ở số 27/2023/QH15", "cites", "27/2023/QH15", []), ("Luật Kinh doanh bất động sản số 29/2023/QH15", "cites", "29/2023/QH15", []), ("Luật Các tổ chức tín dụng số 32/2024/QH15", "cites", "32/2024/QH15", [])]),
    # one number at the end of the title is the amending law's own; a number of another type stays the inner one's
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Chất lượng sản phẩm, hàng hóa số 78/2025/QH15 ngày 18 tháng 6 năm 2025;", {}, [("Luật sửa đổi, bổ sung một số điều của Luật Chất lượng sản phẩm, hàng hóa số 78/2025/QH15 ngày 18 tháng 6 năm 2025", "legal_basis", "78/2025/QH15", [])]),
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Khoáng sản, Nghị định số 160/2005/NĐ-CP ngày 27 tháng 12 năm 2005;", {}, [("Luật sửa đổi, bổ sung một số điều của Luật Khoáng sản, Nghị định số 160/2005/NĐ-CP ngày 27 tháng 12 năm 2005", "legal_basis", None, []), ("Nghị định số 160/2005/NĐ-CP", "cites", "160/2005/NĐ-CP", [])]),
    # an amending law known from the chains that name it ("… được sửa đổi, bổ sung bởi Luật số …")
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật ngày 25 tháng 6 năm 2025;", {}, [("Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật ngày 25 tháng 6 năm 2025", "legal_basis", "87/2025/QH15", [])]),
    ("theo khoản 11 Điều 1 Luật sửa đổi, bổ sung một số điều của Luật Sử dụng năng lượng tiết kiệm và hiệu quả số 77/2025/QH15.", {}, [("khoản 11 Điều 1 Luật sửa đổi, bổ sung một số điều của Luật Sử dụng năng lượng tiết kiệm và hiệu quả số 77/2025/QH15", "cites", "77/2025/QH15", ["dieu_1__khoan_11"])]),
    # document.self
    ("Nghị định này quy định về thử nghiệm.", {"doc_id": "12/2024/NĐ-CP"}, [("Nghị định này", "cites", "12/2024/NĐ-CP", [])]),
    ("các nghị định về lĩnh vực này", {"doc_id": "12/2024/NĐ-CP"}, []),
    # an item without its article takes the next item's; an insertion's locator completes the coordinated operation
    ("tại khoản 3 Điều 7, khoản 2, điểm a khoản 3 Điều 9 Nghị định số 66/2019/NĐ-CP", {},
     [("khoản 3 Điều 7, khoản 2, điểm a khoản 3 Điều 9 Nghị định số 66/2019/NĐ-CP", "cites", "66/2019/NĐ-CP",
       ["dieu_7__khoan_3", "dieu_9__khoan_2", "dieu_9__khoan_3__diem_a"])]),
    ("Sửa đổi, bổ sung khoản 5 và bổ sung khoản 6 vào sau khoản 5 của Điều 9", {"amended_doc": "62/2023/TT-BCA"},
     [("khoản 5", "amends", "62/2023/TT-BCA", ["dieu_9__khoan_5"]),
      ("khoản 6", "supplements", "62/2023/TT-BCA", ["dieu_9__khoan_6"])]),
    ("Bổ sung Mục 5 Chương 3 như sau:", {"amended_doc": "123/2015/NĐ-CP"},
     [("Mục 5 Chương 3", "supplements", "123/2015/NĐ-CP", ["chuong_III__muc_5"])]),
    ("phải được thực hiện thông qua tài khoản này.", {}, []),
    ("Số: 04/2026/TT-BCT", {}, []),
    ("khoản 11 Điều 1 Luật sửa đổi, bổ sung một số điều của Luật Sử dụng năng lượng tiết kiệm và hiệu quả số 77/2025/QH15",
     {}, [("khoản 11 Điều 1 Luật sửa đổi, bổ sung một số điều của Luật Sử dụng năng lượng tiết kiệm và hiệu quả số "
           "77/2025/QH15", "cites", "77/2025/QH15", ["dieu_1__khoan_11"])]),
    # provision_chain.of_document
    ("theo quy định tại điểm c khoản 2 Điều 174 Nghị định số 34/2016/NĐ-CP", {},
     [("điểm c khoản 2 Điều 174 Nghị định số 34/2016/NĐ-CP", "cites", "34/2016/NĐ-CP", ["dieu_174__khoan_2__diem_c"])]),
    ("đáp ứng điều kiện 5 năm kinh nghiệm", {}, []),
    # lists, ranges, mixed enumerations, inserted units
    ("các khoản 1, 2 và 3 Điều 7 của Luật này", {"doc_id": "L"},
     [("các khoản 1, 2 và 3 Điều 7 của Luật này", "cites", "L", ["dieu_7__khoan_1", "dieu_7__khoan_2", "dieu_7__khoan_3"])]),
    ("theo quy định tại các điều từ Điều 46 đến Điều 48 của Luật này", {"doc_id": "L"},
     [("các điều từ Điều 46 đến Điều 48 của Luật này", "cites", "L", ["dieu_46", "dieu_47", "dieu_48"])]),
    ("từ điểm a đến điểm đ khoản 1 Điều này", {"doc_id": "L", "unit": "dieu_9__khoan_2"},
     [("từ điểm a đến điểm đ khoản 1 Điều này", "cites", "L",
       ["dieu_9__khoan_1__diem_a", "dieu_9__khoan_1__diem_b", "dieu_9__khoan_1__diem_c", "dieu_9__khoan_1__diem_d",
        "dieu_9__khoan_1__diem_dd"])]),
    ("quy định tại khoản 3 Điều 59, Điều 63 và khoản 4, khoản 5 Điều 70 của Luật này", {"doc_id": "L"},
     [("khoản 3 Điều 59, Điều 63 và khoản 4, khoản 5 Điều 70 của Luật này", "cites", "L",
       ["dieu_59__khoan_3", "dieu_63", "dieu_70__khoan_4", "dieu_70__khoan_5"])]),
    ("bãi bỏ khoản 3a Điều 3 và điểm đ1 khoản 2 Điều 5a Nghị định số 55/2011/NĐ-CP", {},
     [("khoản 3a Điều 3 và điểm đ1 khoản 2 Điều 5a Nghị định số 55/2011/NĐ-CP", "repeals", "55/2011/NĐ-CP",
       ["dieu_3__khoan_3a", "dieu_5a__khoan_2__diem_dd1"])]),
    ("tại thời điểm a giờ và tài khoản 112", {}, []),
    # provision_chain.self and relative units
    ("trừ trường hợp quy định tại khoản 2 Điều này", {"doc_id": "L", "unit": "dieu_9__khoan_1"},
     [("khoản 2 Điều này", "cites", "L", ["dieu_9__khoan_2"])]),
    ("Điều kiện này áp dụng chung", {"doc_id": "L", "unit": "dieu_9"}, []),
    # amending context: bare "Điều 5" addresses the amended document
    ("1. Sửa đổi, bổ sung khoản 2 Điều 5 như sau:", {"doc_id": "A", "amended_doc": "65/2010/NĐ-CP", "unit": "dieu_1"},
     [("khoản 2 Điều 5", "amends", "65/2010/NĐ-CP", ["dieu_5__khoan_2"])]),
    ("1. Sửa đổi, bổ sung khoản 2 Điều 5 như sau:", {"doc_id": "A", "unit": "dieu_1"},
     [("khoản 2 Điều 5", "amends", "A", ["dieu_5__khoan_2"])]),
    ("Bổ sung khoản 3 vào sau khoản 2 Điều 9 như sau:", {"amended_doc": "X"},
     [("khoản 3", "supplements", "X", ["dieu_9__khoan_3"])]),  # the locator "vào sau khoản 2" only places it
    # provenance notes take no part in what the text does, but what they name is cited (REFERENCE-CONVENTIONS.md)
    ("Điều 8 (được sửa đổi, bổ sung bởi Điều 1 Nghị định số 48/2013/NĐ-CP) có nội dung", {"doc_id": "63/2010/NĐ-CP"},
     [("Điều 8", "cites", "63/2010/NĐ-CP", ["dieu_8"]), ("Điều 1 Nghị định số 48/2013/NĐ-CP", "cites", "48/2013/NĐ-CP", ["dieu_1"])]),
    ("Bãi bỏ Phụ lục I ban hành kèm theo Nghị định số 62/2016/NĐ-CP (được sửa đổi, bổ sung bởi Nghị định số 35/2023/NĐ-CP).", {"doc_id": "14/2026/NĐ-CP"},
     [("Phụ lục I ban hành kèm theo Nghị định số 62/2016/NĐ-CP", "repeals", "62/2016/NĐ-CP", ["phu_luc_I"]), ("Nghị định số 35/2023/NĐ-CP", "cites", "35/2023/NĐ-CP", [])]),
    ("Điều 8 được sửa đổi, bổ sung bởi Điều 1 Nghị định số 48/2013/NĐ-CP", {"doc_id": "63/2010/NĐ-CP"},
     [("Điều 8", "cites", "63/2010/NĐ-CP", ["dieu_8"]),
      ("Điều 1 Nghị định số 48/2013/NĐ-CP", "cites", "48/2013/NĐ-CP", ["dieu_1"])]),
]  # fmt: skip

RELATIONS = [
    # legal_basis: only a "Căn cứ" line of the preamble
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 được sửa đổi, bổ sung bởi Luật số 87/2025/QH15;",
     {}, ["legal_basis", "legal_basis"]),
    ("Căn cứ vào quy định tại Nghị định số 23/2015/NĐ-CP, cơ quan cấp bản sao.", {"preamble": False}, ["cites"]),
    # amends / supplements
    ("Sửa đổi, bổ sung Điều 8 của Nghị định số 63/2010/NĐ-CP như sau:", {}, ["amends"]),
    ("Bổ sung Điều 5a vào Nghị định số 63/2010/NĐ-CP như sau:", {}, ["supplements"]),
    ("Thực hiện theo Nghị định số 63/2010/NĐ-CP.", {}, ["cites"]),
    # repeals: "bãi bỏ" before, "hết hiệu lực" after
    ("Bãi bỏ Điều 2 của Quyết định số 1699/QĐ-TTg.", {}, ["repeals"]),
    ("Nghị định số 43/2014/NĐ-CP hết hiệu lực kể từ ngày Nghị định này có hiệu lực thi hành.", {"doc_id": "N"},
     ["repeals", "cites"]),
    ("Nghị định số 43/2014/NĐ-CP có hiệu lực đến nay.", {}, ["cites"]),
    # replaces: documents, annexes, phrases
    ("Thông tư này thay thế Thông tư số 17/2012/TT-BGDĐT ngày 16 tháng 5 năm 2012.", {"doc_id": "T"},
     ["cites", "replaces"]),
    ("Thay thế Phụ lục I ban hành kèm theo Thông tư số 40/2024/TT-NHNN.", {}, ["replaces"]),
    ("Thay thế cụm từ “Bộ Tài nguyên và Môi trường” bằng cụm từ “Bộ Nông nghiệp và Môi trường” tại khoản 2 Điều 15.",
     {"amended_doc": "66/2019/NĐ-CP"}, ["replaces"]),
    ("Bãi bỏ cụm từ “cấp huyện,” tại điểm d khoản 2 Điều 18.", {"amended_doc": "66/2019/NĐ-CP"}, ["repeals"]),
    # a phrase added is supplemented where it is added, its position ("vào sau cụm từ …") no blocker
    ("Bổ sung cụm từ “hoặc trực tuyến” vào sau cụm từ “trực tiếp” tại khoản 1 Điều 8.", {"amended_doc": "X"},
     ["supplements"]),
    ("Bổ sung khoản 7 vào sau khoản 6 Điều 8.", {"amended_doc": "X"}, ["supplements"]),
    # combined verbs: one reference per relation on the same span; a verb of an earlier instruction is not joined
    ("Bỏ cụm từ “cho người khác” và bổ sung cụm từ “, khoản 4” trước cụm từ “Điều 45” tại khoản 2 Điều 49.",
     {"amended_doc": "X"}, ["supplements", "repeals"]),
    ("Thay thế, bổ sung một số khoản của Quy chế ban hành kèm theo Quyết định số 21/2008/QĐ-NHNN.", {},
     ["supplements", "replaces"]),
    ("Tổ chức lập báo cáo theo mẫu ban hành kèm theo Thông tư số 01/2025/TT-BTC.", {}, ["cites"]),
    ("Bãi bỏ Điều 3, sửa đổi Điều 5 Thông tư số 01/2025/TT-BTC.", {}, ["repeals", "amends"]),
    # guides, and a delegation that is not guidance
    ("Nghị định này quy định chi tiết khoản 2 Điều 5 Luật Đất đai số 31/2024/QH15.", {"doc_id": "N"},
     ["cites", "guides"]),
    ("Chính phủ quy định chi tiết Điều 7, Điều 31 của Luật này.", {"doc_id": "L"}, ["cites"]),
    # a document the text only follows ("theo hướng dẫn tại", "theo phân quyền tại") is cited, not guided
    ("Tổ chức phải lập kế hoạch theo hướng dẫn tại Phụ lục III ban hành kèm theo Nghị định số 332/2025/NĐ-CP.", {}, ["cites"]),
    ("Quyết định này quy định chi tiết khoản 2 Điều 12 của Luật Thi đua, khen thưởng theo phân quyền tại Nghị định số 152/2025/NĐ-CP.", {"doc_id": "Q"}, ["cites", "guides", "cites"]),
    ("Thông tư này hướng dẫn khoản 1 Điều 48 Nghị định số 152/2025/NĐ-CP.", {"doc_id": "T"}, ["cites", "guides"]),
    # suspends, corrects, consolidates
    ("Ngưng hiệu lực khoản 2 Điều 5 Nghị định số 37/2024/NĐ-CP đến hết ngày 31 tháng 12 năm 2025.", {}, ["suspends"]),
    ("Đính chính điểm a khoản 1 Điều 3 Thông tư số 01/2025/TT-BTC như sau:", {}, ["corrects"]),
    ("Thông tư số 39/2016/TT-NHNN, được sửa đổi, bổ sung bởi Thông tư số 06/2023/TT-NHNN", {"doc_type": "Văn bản hợp nhất"},
     ["consolidates", "consolidates"]),
    ("Thông tư số 39/2016/TT-NHNN, được sửa đổi, bổ sung bởi Thông tư số 06/2023/TT-NHNN", {"doc_type": "Thông tư"},
     ["cites", "cites"]),
    # a citation inside new text is not amended
    ("Sửa đổi khoản 2 như sau: “2. Hồ sơ theo quy định tại Điều 5 Nghị định số 23/2015/NĐ-CP.”", {"unit": "dieu_1",
     "amended_doc": "X"}, ["amends", "cites"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kwargs", "expected"), FIND)
def test_find_and_resolve(text, kwargs, expected):
    refs = extract_references(text, **kwargs)
    got = [(r.text, r.relation, r.target.doc, list(r.target.units)) for r in refs]
    assert got == expected
    for r in refs:
        assert text[r.start : r.end] == r.text


@pytest.mark.parametrize(("text", "kwargs", "relations"), RELATIONS)
def test_relations(text, kwargs, relations):
    assert [r.relation for r in extract_references(text, **kwargs)] == relations


def test_reference_json_shape():
    (ref,) = extract_references("khoản 2 Điều 5 Nghị định số 43/2014/NĐ-CP", doc_id="249/2025/NĐ-CP")
    assert ref.to_dict() == {
        "doc": "249/2025/NĐ-CP", "unit": None, "start": 0, "end": 41,
        "text": "khoản 2 Điều 5 Nghị định số 43/2014/NĐ-CP", "relation": "cites",
        "target": {"doc": "43/2014/NĐ-CP", "type": "Nghị định", "title": None, "date": None,
                   "units": ["dieu_5__khoan_2"], "self": False},
        "rule": "provision_chain.of_document+default",
    }  # fmt: skip


FACTS = [
    ("Nghị định này có hiệu lực thi hành kể từ ngày 14 tháng 10 năm 2010.", [("effective_from", "2010-10-14", None, [], [])]),
    ("Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành.", [("effective_from", "signing", None, [], [])]),
    ("Luật này có hiệu lực thi hành từ ngày 01 tháng 4 năm 2025, trừ trường hợp quy định tại khoản 2 Điều này.",
     [("effective_from", "2025-04-01", None, [], ["dieu_9__khoan_2"])]),
    ("Khoản 3 Điều 5 có hiệu lực từ ngày 01/7/2024.", [("effective_from", "2024-07-01", None, ["dieu_5__khoan_3"], [])]),
    ("Nghị định số 43/2014/NĐ-CP hết hiệu lực kể từ ngày Nghị định này có hiệu lực thi hành.",
     [("expires", "with_document", "43/2014/NĐ-CP", [], [])]),
    ("Tạm ngưng hiệu lực khoản 2 Điều 5 Nghị định số 37/2024/NĐ-CP.", [("suspended", None, "37/2024/NĐ-CP", ["dieu_5__khoan_2"], [])]),
    ("Thông tư này có hiệu lực thi hành kể từ ngày 20 tháng 5 năm 2024 đến hết ngày 31 tháng 12 năm 2024.",
     [("effective_from", "2024-05-20", None, [], []), ("expires", "2025-01-01", None, [], [])]),
    ("Bản án đã có hiệu lực pháp luật thì được thi hành.", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), FACTS)
def test_facts(text, expected):
    facts = extract_facts(text, doc_id="D", unit="dieu_9")
    assert [(f.kind, f.date, f.target_doc, list(f.units), list(f.except_units)) for f in facts] == expected


def test_phapdien_source_note():
    note = (
        "(Điều 5 Luật số 28/2001/QH10, có hiệu lực thi hành kể từ ngày 01/01/2002, có nội dung được sửa đổi bởi "
        "Điều 2 Luật số 32/2009/QH12 có hiệu lực thi hành kể từ ngày 01/01/2010)"
    )
    got = [(role, r.relation, r.target.doc, list(r.target.units)) for role, r in source_note_references(note)]
    assert got == [
        ("source", "cites", "28/2001/QH10", ["dieu_5"]),
        ("amended_by", "amends", "32/2009/QH12", ["dieu_2"]),
    ]


def test_spacy_component_registered_by_entry_point():
    import spacy

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("review_references")
    doc = nlp("Căn cứ Nghị định số 23/2015/NĐ-CP; theo khoản 2 Điều 5 Luật Đất đai số 31/2024/QH15.")
    spans = doc.spans["references"]
    assert [s.label_ for s in spans] == ["legal_basis", "legal_basis"]
    assert spans[1]._.reference.target.units == ("dieu_5__khoan_2",)


def test_spacy_batching_with_context():
    from review.annotate.pipeline import annotate, blank_pipeline
    from review.annotate.resolve import Context

    nlp = blank_pipeline()
    docs = list(
        annotate(
            nlp, [("Sửa đổi Điều 5 như sau:", Context(amended_doc="X")), ("Luật này", Context(doc_id="L"))]
        )
    )
    assert [s._.reference.target.doc for d in docs for s in d.spans["references"]] == ["X", "L"]


def test_cli_refs_jsonl_batch():
    from review.cli import main

    lines = "\n".join(
        json.dumps({"id": i, "text": t, "doc_id": "D"}, ensure_ascii=False)
        for i, t in enumerate(["Căn cứ Luật số 80/2015/QH13;", "không có tham chiếu"])
    )
    result = CliRunner().invoke(main, ["refs", "-", "--input-format", "jsonl"], input=lines)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == [0, 1]
    assert out[0]["refs"][0]["target"]["doc"] == "80/2015/QH13" and out[1]["refs"] == []


def test_references_of_a_jsonl_stream_line_by_line():
    from review.errors import ReviewError
    from review.refs import references_in_jsonl

    lines = [
        json.dumps({"id": "a", "text": "Căn cứ Luật số 80/2015/QH13;"}, ensure_ascii=False),
        "",
        json.dumps({"id": "b", "text": "Điều này có hiệu lực từ ngày 01 tháng 7 năm 2025.", "doc_id": "X"}),
        "not json",
    ]
    found = references_in_jsonl(iter(lines), name="in.jsonl", doc_id="D", facts=True)
    first = next(found)
    assert first.id == "a" and first.refs[0].target.doc == "80/2015/QH13" and first.refs[0].doc == "D"
    second = next(found)
    assert second.to_dict()["id"] == "b" and [f.kind for f in second.facts] == ["effective_from"]
    with pytest.raises(ReviewError, match="line 4 is not a JSON object with a text"):
        next(found)
    (plain,) = references_in_jsonl([lines[0]], name="-")
    assert plain.facts is None and "facts" not in plain.to_dict()


def test_references_of_a_file_parse_documents_and_read_text_as_one_unit(tmp_path):
    from pathlib import Path

    from review.errors import FileNotFound
    from review.refs import references_in_bytes, references_in_file

    page = Path(__file__).parent / "data" / "html" / "vbpl_doc_000745.html"
    found = references_in_file(page, facts=True)
    assert found.refs and all(r.doc == "45/2025/QĐ-TTg" for r in found.refs) and found.facts
    assert not references_in_file(page).facts
    text = "Sửa đổi khoản 2 Điều này.".encode()
    (ref,) = references_in_bytes(text, "-", doc_id="10/2020/NĐ-CP", unit="dieu_3").refs
    assert ref.target.doc == "10/2020/NĐ-CP" and ref.target.units == ("dieu_3__khoan_2",)
    with pytest.raises(FileNotFound):
        references_in_file(tmp_path / "missing.txt")
