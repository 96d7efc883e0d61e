"""Local documents (issue 11): Markdown exports and e-signed PDFs read as printed, effective-date forms, the
statutory default, local numbers cited without their province, merged provinces, and who may act on a finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from review import build, open_corpus, parse
from review.findings.competence import competence
from review.ingest.markdown import front_matter, looks_like_markdown, unmark
from review.structure.header import _effective_date
from tests import factories as fx

ROOT = Path(__file__).resolve().parents[1]
LOCAL = ROOT / "corpus" / "local"

# --- Markdown ---------------------------------------------------------------------------------------------

# (Markdown lines as exported, the plain lines expected)
UNMARK_ROWS = [
    # a bold run broken across lines, and its closing marker alone on the next line
    (["**ỦY BAN NHÂN", "DÂN **", "TỈNH HÀ TĨNH"], ["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH"]),
    (["**ỦY BAN NHÂN DÂN", "**", "TỈNH HÀ TĨNH"], ["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH"]),
    # the date line in italics broken inside the place name
    (
        ["*Thành phố Hồ", "Chí Minh, ngày 19 tháng 11 năm 2025*"],
        ["Thành phố Hồ Chí Minh, ngày 19 tháng 11 năm 2025"],
    ),
    # the number on the line after "Số:", bare table cells and rules dropped
    (["|", "Số:", "84/2025/QĐ-UBND", "|", "--------"], ["Số: 84/2025/QĐ-UBND"]),
    # a real pipe table: one line per cell; two bold runs in one cell are two lines
    (
        [
            "|  |  |",
            "| --- | --- |",
            "| **HỘI ĐỒNG NHÂN DÂN**  **THÀNH PHỐ ĐÀ NẴNG** | Số: 52/2025/NQ-HĐND |",
        ],
        ["HỘI ĐỒNG NHÂN DÂN", "THÀNH PHỐ ĐÀ NẴNG", "Số: 52/2025/NQ-HĐND"],
    ),
    # headings and a khoản written as a Markdown heading
    (["## 3. Thời gian thực hiện"], ["3. Thời gian thực hiện"]),
    # an italic run left open does not swallow the next article
    (
        ["*Căn cứ Luật số 1/2024/QH15;", "**Điều 1. Phạm vi**"],
        ["Căn cứ Luật số 1/2024/QH15;", "Điều 1. Phạm vi"],
    ),
    # negative: plain lines stay as they are, a footnote mark (*) is kept
    (
        ["Điều 2. Hiệu lực (*)", "1. Quyết định này có hiệu lực"],
        ["Điều 2. Hiệu lực (*)", "1. Quyết định này có hiệu lực"],
    ),
    # lost space before "Ủy ban" in vbpl exports
    (
        ["Ban Thường vụ Thànhủy; Văn phòng củaỦy ban nhân dân"],
        ["Ban Thường vụ Thànhủy; Văn phòng của Ủy ban nhân dân"],
    ),
]


@pytest.mark.parametrize("lines,expected", UNMARK_ROWS)
def test_unmark(lines, expected):
    assert unmark(lines) == expected


def test_front_matter():
    values, rest = front_matter(
        "---\nso_hieu: 52/2025/NQ-HĐND\ntom_tat: số Quy định chi\n  thu nhập\nlist:\n- a: 1\n---\nX\n"
    )
    assert values["so_hieu"] == "52/2025/NQ-HĐND" and values["tom_tat"] == "số Quy định chi thu nhập"
    assert rest == "X\n"
    assert front_matter("no front matter") == ({}, "no front matter")


def test_markdown_is_told_by_content():
    assert looks_like_markdown("---\nso_hieu: 1\n---\n")
    assert looks_like_markdown("|\n**ỦY BAN**\n|\n|\n**A**\n|\nx\n|\n")
    assert not looks_like_markdown("NGHỊ ĐỊNH\nSố: 1/2025/NĐ-CP\nĐiều 1. Phạm vi\nNội dung.\n")


# (file in corpus/local, number, issuer, authority, issued, effective, articles) — as tests/data/local_2026_truth.jsonl
# reads them by hand
LOCAL_ROWS = [
    ("hn_qd_13_2025.pdf", "13/2025/QĐ-UBND", "Ủy ban nhân dân thành phố Hà Nội", "HN", "2025-02-28", "2025-03-01", 7),
    ("hn_qd_33_2025.pdf", "33/2025/QĐ-UBND", "Ủy ban nhân dân thành phố Hà Nội", "HN", "2025-04-21", "2025-05-01", 5),
    ("15decdf210c22d70.md", "70/2025/QĐ-UBND", "Ủy ban nhân dân thành phố Hà Nội", "HN", "2025-11-17", "2025-11-17", 4),
    ("001c610b2efdcf0c.md", "2820/QĐ-UBND", "Ủy ban nhân dân thành phố Hồ Chí Minh", "HCM", "2025-11-19", "2025-11-19", 3),
    ("danang_52_2025_nq_hdnd.md", "52/2025/NQ-HĐND", "Hội đồng nhân dân thành phố Đà Nẵng", "DNG", "2025-12-11",
     "2026-01-01", 7),
]  # fmt: skip


@pytest.mark.parametrize("name,number,issuer,authority,issued,effective,articles", LOCAL_ROWS)
def test_local_headers(name, number, issuer, authority, issued, effective, articles):
    (doc,) = parse(LOCAL / name)
    assert (doc.number, doc.issuer, doc.authority) == (number, issuer, authority)
    assert (doc.issued, doc.effective, len(doc.articles())) == (issued, effective, articles)
    assert doc.id == f"{number}@{authority}"


def test_esigned_pdf_stamps_come_back_where_they_are_printed():
    (doc,) = parse(LOCAL / "hn_qd_04_2025.pdf")
    assert doc.number == "04/2025/QĐ-UBND" and doc.issued == "2025-01-20" and doc.effective == "2025-01-30"


# --- effective dates --------------------------------------------------------------------------------------

EFFECTIVE_ROWS = [
    (["Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 3 năm 2025."], "2025-03-01"),
    (["1. Quyết định này có hiệu lực kể từ ngày ban", "hành."], "2025-04-21"),  # wrapped, on signing
    (["Quyết định này có hiệu lực thi hành sau 10 ngày, kể từ ngày ký."], "2025-05-01"),
    (["Nghị quyết có hiệu lực thi hành kể từ ngày 08 tháng 12 năm 2025."], "2025-12-08"),  # without "này"
    (["Nghị quyết này có hiệu lực kể từ ngày Hội đồng nhân dân thành phố thông qua."], "2025-04-21"),
    (["1. Quyết định này có hiệu lực thi hành từ ngày 17 / 5 /2025 và thay thế Quyết định số 5/2020/QĐ-UBND."],
     "2025-05-17"),
    # negatives: another document's effect, a transitional clause
    (["Kể từ ngày Quyết định này có hiệu lực, các dự án tiếp tục thực hiện."], None),
    (["Nghị định số 5/2020/NĐ-CP có hiệu lực từ ngày 01 tháng 01 năm 2021."], None),
]  # fmt: skip


@pytest.mark.parametrize("lines,expected", EFFECTIVE_ROWS)
def test_effective_date_forms(lines, expected):
    assert _effective_date(lines, "2025-04-21", "vi") == expected


def test_local_document_without_a_date_gets_the_statutory_default():
    from review.graph import status_engine

    snap = fx.snapshot([fx.doc("1/2025/QĐ-UBND@HN", number="1/2025/QĐ-UBND", issued="2025-05-01", effective=None,
                               authority="HN")])  # fmt: skip
    st = status_engine(snap).document("1/2025/QĐ-UBND@HN", "2025-05-20")
    (reason,) = st.because
    assert st.status == "in_force" and reason.date == "2025-05-11" and reason.estimated
    assert reason.rule == "Luật 64/2025/QH15 Điều 53 khoản 1"
    central = fx.snapshot([fx.doc("1/2025/NĐ-CP", effective=None)])
    assert status_engine(central).document("1/2025/NĐ-CP", "2026-01-01").status == "unknown"  # no default


# --- merged provinces, local citations, competence --------------------------------------------------------

DOC = "{kind}\nSố: {number}\n{place}, ngày 01 tháng {month} năm {year}\n{title}\nĐiều 1. Nội dung\n{body}\n"


def _write(
    folder: Path, name: str, header: str, number: str, place: str, month: int, year: int, body: str
) -> None:
    text = f"ỦY BAN NHÂN DÂN\n{header}\n" + DOC.format(
        kind="QUYẾT ĐỊNH", number=number, place=place, month=month, year=year, title="Về việc thử", body=body
    )
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    root = tmp_path_factory.mktemp("merged")
    src = root / "src"
    src.mkdir()
    _write(src, "bd.txt", "TỈNH BÌNH DƯƠNG", "12/2020/QĐ-UBND", "Bình Dương", 3, 2020, "Quy định về chợ.")
    _write(src, "hcm.txt", "THÀNH PHỐ HỒ CHÍ MINH", "5/2026/QĐ-UBND", "Thành phố Hồ Chí Minh", 2, 2026,
           "Bãi bỏ Quyết định số 12/2020/QĐ-UBND.")  # fmt: skip
    _write(src, "hn.txt", "THÀNH PHỐ HÀ NỘI", "12/2020/QĐ-UBND", "Hà Nội", 4, 2020, "Quy định về phố.")
    build([src], root / "idx", jobs=1)
    with open_corpus(root / "idx") as c:
        yield c


def test_a_local_number_without_its_province_is_the_citing_authoritys_or_a_predecessors(merged):
    (ref,) = [r for r in merged.references("5/2026/QĐ-UBND@HCM") if r.relation == "repeals"]
    # HCM has no 12/2020 of its own: the number is Bình Dương's, merged into HCM on 2025-07-01 (not Hà Nội's).
    assert ref.target.doc == "12/2020/QĐ-UBND@BD" and ref.target.status == "present"
    assert merged.status("12/2020/QĐ-UBND@BD", "2026-12-01").status == "expired"
    assert merged.status("12/2020/QĐ-UBND@HN", "2026-12-01").status == "in_force"


def test_docs_an_authority_is_responsible_for_include_its_predecessors(merged):
    ids = set(merged.documents_frame(authority="TP.HCM")["id"])
    assert ids == {"5/2026/QĐ-UBND@HCM", "12/2020/QĐ-UBND@BD"}
    frame = merged.documents_frame(authority="BD")
    assert list(frame["id"]) == ["12/2020/QĐ-UBND@BD"] and list(frame["responsible"]) == ["HCM"]


def test_the_printed_number_is_ambiguous_across_provinces(merged):
    from review.errors import AmbiguousDocument

    with pytest.raises(AmbiguousDocument):
        merged.document("12/2020/QĐ-UBND")
    assert merged.document("12/2020/QĐ-UBND Hà Nội").id == "12/2020/QĐ-UBND@HN"


def test_search_by_authority(merged):
    hits = merged.search("quy dinh", authority="HCM").hits
    assert {h.doc for h in hits} <= {"12/2020/QĐ-UBND@BD", "5/2026/QĐ-UBND@HCM"} and hits


COMPETENCE_ROWS = [
    (fx.doc("1/2025/QĐ-UBND@HN", number="1/2025/QĐ-UBND", authority="HN"), "act", "Ủy ban nhân dân thành phố Hà Nội"),
    (fx.doc("2/2020/NQ-HĐND@BD", number="2/2020/NQ-HĐND", authority="BD"), "act",
     "Hội đồng nhân dân thành phố Hồ Chí Minh (kế thừa tỉnh Bình Dương từ ngày 01/07/2025)"),
    (fx.doc("43/2014/NĐ-CP", issuer="Chính phủ"), "propose", "Chính phủ"),
]  # fmt: skip


@pytest.mark.parametrize("record,route,body", COMPETENCE_ROWS)
def test_who_may_act_on_a_finding(record, route, body):
    assert competence(record, "2026-12-01") == (route, body)
