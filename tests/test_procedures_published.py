"""Procedures read from a published list (a Quyết định công bố thủ tục hành chính) and from the new text of an
amended article, and a published procedure compared with its central one — table-driven, then on the real pair of
the demo corpus (2770/QĐ-UBND Đồng Nai against Nghị định 280/2025/NĐ-CP)."""

from __future__ import annotations

import pytest

from review.models import Reference, UnitRecord
from review.models.reference import Target
from review.procedures import catalogue
from review.procedures.amended import amended_target, quoted_articles
from review.procedures.compare import _name_score, compare, side_by_side
from review.procedures.published import publishes_procedures, rows
from review.vocab import ProcedureSource

# STT, Mã, Tên: the name runs from the code to the line that opens the time limit.
CODE_FIRST = """DANH MỤC THỦ TỤC HÀNH CHÍNH
STT
Mã TTHC
Tên thủ tục hành chính
Thời hạn giải quyết
Địa điểm thực hiện
Phí, lệ phí
Căn cứ pháp lý
A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH
01
2.000908
Cấp bản sao từ
sổ gốc
Ngay trong ngày tiếp nhận yêu cầu
- Nộp trực tiếp hoặc qua dịch
vụ bưu chính
Không
+ Nghị định số 280/2025/NĐ-CP sửa đổi, bổ sung Nghị định số 23/2015/NĐ-CP;
02
2.001035
Chứng thực giao dịch liên quan đến nhà ở
Không quá 02 (hai) ngày làm
việc, kể từ ngày nhận đủ hồ sơ yêu cầu chứng thực
Nộp trực tiếp hoặc trực tuyến
50.000 đồng/ giao dịch
Như trên
B. DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ
1
2.002278
Thủ tục cấp Giấy chứng nhận doanh nghiệp khoa học và công nghệ
Quyết định số 2187/QĐ-UBND
"""

# TT, Tên, Mã: the name is between the serial number and the code.
NAME_FIRST = """TT
Tên thủ tục hành chính
Mã TTHC
Thời hạn giải quyết
1
Công bố đủ điều kiện
sản xuất thiết bị y tế
1.003006
Ngay sau khi nhận đủ hồ sơ hợp lệ
- Phí thẩm định: 1.500.000 đồng/01 hồ sơ
- Nghị định số 98/2021/NĐ-CP về quản lý thiết bị y tế;
2
Công bố tiêu chuẩn áp dụng đối với thiết bị y tế thuộc loại A, B
1.003029
Ngay sau khi nhận đủ hồ sơ hợp lệ
Như trên
"""


def test_rows_of_a_list_that_gives_the_code_before_the_name():
    first, second = rows(CODE_FIRST)  # the abolished section's row is not a procedure in force
    assert (first.code, first.name) == ("2.000908", "Cấp bản sao từ sổ gốc")
    assert first.time_limit is not None and first.time_limit.days == 0  # "ngay trong ngày"
    assert first.methods == ("bưu chính", "trực tiếp") and first.fees == 0
    assert first.basis == ("280/2025/NĐ-CP", "23/2015/NĐ-CP")
    assert second.name == "Chứng thực giao dịch liên quan đến nhà ở"
    assert (second.time_limit.days, second.time_limit.working) == (
        2,
        True,
    )  # "ngày làm / việc" over a line break
    assert second.fees == [50000] and second.methods == ("trực tuyến", "trực tiếp")
    assert second.basis == first.basis  # "Như trên"


def test_rows_of_a_list_that_gives_the_name_before_the_code():
    first, second = rows(NAME_FIRST)
    assert (first.code, first.name) == ("1.003006", "Công bố đủ điều kiện sản xuất thiết bị y tế")
    assert first.fees == [1500000] and first.basis == ("98/2021/NĐ-CP",)
    assert second.name == "Công bố tiêu chuẩn áp dụng đối với thiết bị y tế thuộc loại A, B"
    assert second.basis == ("98/2021/NĐ-CP",)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (CODE_FIRST, 2),
        (NAME_FIRST, 2),
        ("Danh mục thủ tục hành chính\nTT\nTên thủ tục\n1\nThủ tục công nhận trung tâm\n", 0),  # no codes
        ("Phụ lục: bảng giá\n1\n2.000.000 đồng\n", 0),  # an amount is not a code
    ],
)
def test_a_row_is_found_by_its_procedure_code(text, count):
    assert len(list(rows(text))) == count


@pytest.mark.parametrize(
    ("title", "first", "expected"),
    [
        ("Về việc công bố danh mục thủ tục hành chính được sửa đổi, bổ sung", "", True),
        ("", "Công bố kèm theo Quyết định này danh mục 20 thủ tục hành chính", True),
        ("Quy định giá dịch vụ", "Quyết định này quy định giá dịch vụ nhà chung cư", False),
    ],
)
def test_which_documents_publish_procedures(title, first, expected):
    assert publishes_procedures(title, first) is expected


def _unit(doc, eid, text, kind="khoan", ord=1, parent="dieu_1", heading=None, num=None):
    return UnitRecord(doc, eid, parent, ord, kind, num, heading, text)


AMENDING = _unit(
    "280/2025/NĐ-CP",
    "dieu_1__khoan_7",
    "Sửa đổi, bổ sung Điều 17 như sau:\n“Điều 17. Thủ tục cấp bản sao từ sổ gốc\n"
    "1. Hồ sơ đề nghị cấp bản sao từ sổ gốc bao gồm các giấy tờ sau đây:\n"
    "a) Căn cước điện tử;\nb) Giấy tờ chứng minh quan hệ với người được cấp bản chính.\n"
    "2. Người yêu cầu gửi hồ sơ trực tiếp hoặc qua bưu chính hoặc trực tuyến đến cơ quan đang quản lý sổ gốc.\n"
    "3. Trong thời hạn 03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, cơ quan cấp bản sao.”",
    ord=8,
)


def test_an_amending_unit_that_quotes_a_whole_article_gives_its_units():
    ((host, units),) = quoted_articles([AMENDING])
    assert host is AMENDING
    assert [(u.kind, u.num) for u in units] == [
        ("dieu", "17"),
        ("khoan", "1"),
        ("diem", "a"),
        ("diem", "b"),
        ("khoan", "2"),
        ("khoan", "3"),
    ]
    assert units[0].heading == "Thủ tục cấp bản sao từ sổ gốc" and units[-1].text.endswith("cấp bản sao.")
    assert all(u.eid.startswith("dieu_1__khoan_7__moi") for u in units)


@pytest.mark.parametrize(
    "text",
    [
        "Sửa đổi, bổ sung khoản 2 Điều 12 như sau:\n“2. Thời hạn cấp bản sao là 02 ngày.”",  # a clause, not an article
        "Bãi bỏ Điều 18.",
        "Điều 17 được hiểu như sau: cấp bản sao.",
    ],
)
def test_other_amendments_quote_no_article(text):
    assert list(quoted_articles([_unit("280/2025/NĐ-CP", "dieu_1__khoan_3", text)])) == []


def _ref(unit, relation, doc, units):
    return Reference("280/2025/NĐ-CP", unit, 0, 1, "x", relation, Target(doc, units=tuple(units)), "test")


def test_the_amended_article_is_named_from_the_amending_reference():
    _, units = next(quoted_articles([AMENDING]))
    exact = [_ref("dieu_1__khoan_7", "cites", "23/2015/NĐ-CP", ["dieu_7"])]
    exact.append(_ref("dieu_1__khoan_7", "amends", "23/2015/NĐ-CP", ["dieu_17"]))
    assert amended_target(AMENDING, units[0], exact) == "23/2015/NĐ-CP#dieu_17"
    from_title = [_ref("dieu_1", "amends", "23/2015/NĐ-CP", [])]
    assert amended_target(AMENDING, units[0], from_title) == "23/2015/NĐ-CP#dieu_17"
    assert amended_target(AMENDING, units[0], [_ref("dieu_1", "cites", "23/2015/NĐ-CP", [])]) is None
    # another document's amending reference from a unit of the same eid, and a reference read as the amending
    # decree's own article, say nothing of this one
    other = Reference(
        "9/2020/NĐ-CP",
        "dieu_1__khoan_7",
        0,
        1,
        "x",
        "amends",
        Target("178/2025/NĐ-CP", units=("dieu_17",)),
        "test",
    )
    own = _ref("dieu_1__khoan_7", "amends", "280/2025/NĐ-CP", ["dieu_17"])
    assert amended_target(AMENDING, units[0], [other, own]) is None
    assert amended_target(AMENDING, units[0], [other, own, *from_title]) == "23/2015/NĐ-CP#dieu_17"


def test_a_procedure_laid_down_by_an_amendment_is_one_record_on_the_amending_unit():
    head = _unit(
        "280/2025/NĐ-CP", "dieu_1", "", kind="dieu", parent=None, heading="Sửa đổi, bổ sung một số điều"
    )
    refs = [_ref("dieu_1__khoan_7", "amends", "23/2015/NĐ-CP", ["dieu_17"])]
    (record,) = catalogue([head, AMENDING], refs)
    assert record.laid_down == ProcedureSource.AMENDMENT and record.amends == "23/2015/NĐ-CP#dieu_17"
    assert record.id == "280/2025/NĐ-CP#dieu_1__khoan_7" and record.provisions == (record.id,)
    assert record.value("time_limit")["days"] == 3 and record.value("methods") == [
        "bưu chính",
        "trực tuyến",
        "trực tiếp",
    ]
    assert {i["provision"] for i in record.value("dossier")["items"]} == {
        record.id
    }  # links lead to a real unit


def _published(doc="2770/QĐ-UBND@DNA"):
    decision = _unit(
        doc, "dieu_1", "Công bố kèm theo Quyết định này Danh mục thủ tục hành chính", kind="dieu", parent=None
    )
    annex = _unit(doc, "phu_luc_1", CODE_FIRST, kind="phu_luc", parent=None, ord=2)
    return [decision, annex]


def test_a_published_list_gives_one_record_per_row_and_its_articles_none():
    records = catalogue(_published(), local_docs=["2770/QĐ-UBND@DNA"])
    assert [r.code for r in records] == ["2.000908", "2.001035"]
    first = records[0]
    assert first.laid_down == ProcedureSource.PUBLISHED and first.local and first.missing == ()
    assert first.id == "2770/QĐ-UBND@DNA#phu_luc_1__tthc_2.000908"
    assert first.provisions == ("2770/QĐ-UBND@DNA#phu_luc_1",)


@pytest.mark.parametrize(
    ("published", "central", "same"),
    [
        ("Cấp bản sao từ sổ gốc", "Thủ tục cấp bản sao từ sổ gốc", True),
        (
            "Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật",
            "Thủ tục chứng thực chữ ký người dịch",
            True,
        ),
        (
            "Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản",
            "Thủ tục chứng thực chữ ký người dịch",
            False,
        ),
        ("Cấp bản sao có chứng thực từ bản chính giao dịch", "Thủ tục cấp bản sao từ sổ gốc", False),
    ],
)
def test_a_published_name_names_a_central_procedure(published, central, same):
    assert (_name_score(published, central) >= 0.5) is same


def test_a_published_procedure_against_its_central_one():
    head = _unit(
        "280/2025/NĐ-CP", "dieu_1", "", kind="dieu", parent=None, heading="Sửa đổi, bổ sung một số điều"
    )
    (central,) = catalogue(
        [head, AMENDING], [_ref("dieu_1__khoan_7", "amends", "23/2015/NĐ-CP", ["dieu_17"])]
    )
    first, second = catalogue(_published(), local_docs=["2770/QĐ-UBND@DNA"])
    # the list offers fewer ways than the decree allows; "ngay trong ngày" is not longer than 03 working days;
    # no fee is added ("Không")
    assert [d.kind for d in compare(first, central)] == ["methods_fewer"]
    outcomes = {c["key"]: c["outcome"] for c in side_by_side(first, central)}
    assert (
        outcomes["methods"] == "khác"
        and outcomes["time_limit"] == "khác"
        and outcomes["dossier"] == "không so sánh được"
    )
    # 50.000 đồng where the decree names no fee: added, as the row's basis names no fee circular
    assert "fee_added" in [d.kind for d in compare(second, central)]


@pytest.fixture(scope="module")
def pair(demo_corpus):
    import review

    with review.open_corpus(demo_corpus) as c:
        yield {i["procedure"]: i for i in c.procedure_comparisons()}, {r["id"]: r for r in c.catalogue_rows()}


def test_the_real_pair_of_the_demo_corpus(pair):
    comparisons, records = pair
    row = records["2770/QĐ-UBND@DNA#phu_luc_1__tthc_2.000908"]
    assert (
        row["name"] == "Cấp bản sao từ sổ gốc"
        and row["laid_down"] == "published"
        and row["code"] == "2.000908"
    )
    item = comparisons[row["id"]]
    assert item["central"] == "280/2025/NĐ-CP#dieu_1__khoan_7"
    central = records[item["central"]]
    assert central["amends"] == "23/2015/NĐ-CP#dieu_17" and central["name"] == "Thủ tục cấp bản sao từ sổ gốc"
    compared = {c["key"]: c for c in item["compared"]}
    assert compared["methods"]["outcome"] == "giống"  # bưu chính, trực tuyến, trực tiếp on both sides
    assert compared["time_limit"]["central"] is None  # the decree sends to its Điều 7, not in the corpus
    # both translator's-signature rows are the one central procedure; a row with no central namesake says which
    # cited documents the corpus lacks
    for code in ("2.000992", "2.001008"):
        assert (
            comparisons[f"2770/QĐ-UBND@DNA#phu_luc_1__tthc_{code}"]["central"]
            == "280/2025/NĐ-CP#dieu_1__khoan_11"
        )
    (none,) = comparisons["2770/QĐ-UBND@DNA#phu_luc_1__tthc_2.001019"]["differences"]
    assert (
        none["kind"] == "no_central"
        and "không có trong kho văn bản: " in none["detail"]
        and "23/2015/NĐ-CP" in none["detail"]
    )


def test_the_real_pair_on_the_page_and_in_the_table(demo_corpus):
    from click.testing import CliRunner

    from review.cli import main
    from review.web import create_app

    table = CliRunner().invoke(
        main, ["procedures", "--compare", "--corpus", str(demo_corpus), "--format", "table"]
    )
    assert table.exit_code == 0, table.output
    line = next(
        x for x in table.output.splitlines() if x.startswith("2770/QĐ-UBND@DNA#phu_luc_1__tthc_2.000908")
    )
    assert "280/2025/NĐ-CP#dieu_1__khoan_7 | Không thấy khác biệt | Cách thức thực hiện: giống" in line
    client = create_app(demo_corpus, warm_up=False).test_client()
    page = client.get("/procedure/2770/QĐ-UBND@DNA/phu_luc_1__tthc_2.000908").get_data(as_text=True)
    assert "Đối chiếu từng thành phần" in page and "Không thấy khác biệt" in page
    assert "Mã thủ tục <span" in page and "2.000908" in page and "ngay trong ngày" in page
    amended = client.get("/procedure/280/2025/NĐ-CP/dieu_1__khoan_7").get_data(as_text=True)
    assert "Điều được sửa đổi, bổ sung" in amended and "23/2015/NĐ-CP" in amended
    twin = client.get("/procedure/2770/QĐ-UBND@DNA/phu_luc_1__tthc_2.000908.json").get_json()
    assert twin["comparison"]["central"] == "280/2025/NĐ-CP#dieu_1__khoan_7"
    central = client.get("/procedure/280/2025/NĐ-CP/dieu_1__khoan_7.json").get_json()
    assert central["amends"] == "23/2015/NĐ-CP#dieu_17" and "comparison" not in central


def test_the_published_list_in_the_xlsx_catalogue_with_its_codes(demo_corpus, tmp_path):
    from click.testing import CliRunner
    from openpyxl import load_workbook

    from review.cli import main

    out = tmp_path / "tthc.xlsx"
    args = ["procedures", "--doc", "2770/QĐ-UBND@DNA", "--format", "xlsx", "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--corpus", str(demo_corpus)])
    assert result.exit_code == 0, result.output
    ws = load_workbook(out)["Danh mục"]
    assert [c.value for c in ws[2]][:3] == ["STT", "Mã thủ tục", "Tên thủ tục hành chính"]
    assert [c.value for c in ws[3]][:3] == [1, "2.000908", "Cấp bản sao từ sổ gốc"]
    table = CliRunner().invoke(
        main, ["procedures", "--doc", "2770/QĐ-UBND@DNA", "--format", "table", "--corpus", str(demo_corpus)]
    )
    assert "ngay trong ngày" in table.output
