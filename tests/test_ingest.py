"""Ingest by format, dispatch on content, and bad input (each a clear, coded error naming the file)."""

import io
import unicodedata
import zipfile
from pathlib import Path

import pytest

from review import parse
from review.errors import (
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    FileNotFound,
    FileTooLarge,
    ReviewError,
    UnsupportedFormat,
)
from review.ingest import DEFAULT_OPTIONS, IngestOptions, read_path, sniff

DATA = Path(__file__).parent / "data"


def test_vbpl_page_metadata_and_text():
    (doc,) = parse(DATA / "html" / "vbpl_doc_000745.html")
    assert doc.id == "45/2025/QĐ-TTg"  # from the page title: this page's text has no "Số:" line
    assert doc.type == "Quyết định"
    assert doc.title.startswith("Quy định đối tượng thuê nhà ở công vụ")
    assert doc.stated_status == "Còn hiệu lực"
    assert doc.stated_effective == "2025-12-03"
    assert doc.preamble.startswith("Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;")
    assert [u.num for u in doc.articles()] == ["1", "2", "3", "4", "5", "6"]
    assert doc.source.media_type == "text/html"


def test_vbpl_amending_page_keeps_quoted_articles_inside():
    (doc,) = parse(DATA / "html" / "vbpl_doc_000482.html")
    assert doc.number == "52/2025/TT-NHNN"
    assert [u.num for u in doc.articles()] == ["1", "2", "3", "4"]
    assert doc.effective == "2025-12-25"


def test_vbpl_page_without_body_keeps_metadata():
    (doc,) = parse(DATA / "html" / "vbpl_doc_000705.html")
    assert doc.number == "279/2002/QĐ-TTg"  # "279/2002/qđ-ttg" in the page title
    assert doc.units == ()
    assert any(n.code == "metadata_only" for n in doc.notes)


def test_vbpl_english_translation():
    (doc,) = parse(DATA / "html" / "vbpl_doc_000806.html")
    assert doc.language == "en"
    assert doc.id == "03/2016/QH14@en"
    assert doc.issued == "2016-11-22"


def test_phapdien_page():
    (doc,) = parse(DATA / "html" / "phapdien_44.12.html")
    assert doc.id == "PĐ-44.12"
    assert doc.type == "Đề mục pháp điển"
    first = doc.articles()[0]
    assert first.eid == "dieu_44.12.NDD.1"
    assert first.heading == "Phạm vi điều chỉnh"
    assert first.note.startswith("(Điều 1 Nghị định số 20/2008/NĐ-CP")
    second = doc.unit("dieu_44.12.NDD.2")
    assert [c.eid for c in second.children] == ["dieu_44.12.NDD.2__khoan_1", "dieu_44.12.NDD.2__khoan_2"]


def test_phapdien_jsonl_groups_by_demuc():
    docs = parse(DATA / "jsonl" / "phapdien_sample.jsonl")
    assert [d.id for d in docs] == ["PĐ-44.5"]
    assert len(docs[0].articles()) == 20
    assert docs[0].units[0].eid == "chuong_I"


def test_vbpl_jsonl_preset():
    docs = parse(DATA / "jsonl" / "vbpl_sample.jsonl")
    assert [d.number for d in docs] == ["249/2025/NĐ-CP", "121/2025/QH15", "109/2025/QH15"]
    assert [d.stated_status for d in docs] == ["Còn hiệu lực", "Còn hiệu lực", "Chưa có hiệu lực"]
    assert docs[0].source.record == "doc_000001.html"


def test_jsonl_needs_a_mapping_for_unknown_layouts(tmp_path):
    f = tmp_path / "x.jsonl"
    f.write_text('{"content": "Điều 1. Phạm vi\\nNội dung.", "name": "Thử"}\n', encoding="utf-8")
    with pytest.raises(ReviewError, match="field mapping"):
        parse(f)
    (doc,) = parse(f, options=IngestOptions(field_map="text=content,title=name"))
    assert doc.title == "Thử" and [u.eid for u in doc.articles()] == ["dieu_1"]


def test_jsonl_bad_line_is_reported_and_the_rest_goes_on(tmp_path):
    from review.pipeline import process_file as parse_file

    f = tmp_path / "x.jsonl"
    f.write_text('{"content": "Điều 1. A"}\n{not json\n{"content": "Điều 2. B"}\n', encoding="utf-8")
    result = parse_file(str(f), IngestOptions(field_map="text=content"))
    assert len(result.documents) == 2
    assert [e["code"] for e in result.errors] == ["E110"]
    assert "line 2" in result.errors[0]["message"]


def _cp1258(text: str) -> bytes:
    """cp1258 has the letters with shape marks precomposed and the tone marks as combining characters."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            shaped = unicodedata.normalize(
                "NFC", base + "".join(m for m in marks if m in "\u0302\u0306\u031b")
            )
            out += shaped.encode("cp1258") + "".join(
                m for m in marks if m not in "\u0302\u0306\u031b"
            ).encode("cp1258")
    return out


def test_plain_text_and_cp1258(tmp_path):
    text = "NGHỊ ĐỊNH\nVề thử\nĐiều 1. Phạm vi\nNội dung."
    f = tmp_path / "a.txt"
    f.write_bytes(_cp1258(text))
    (doc,) = parse(f)
    assert doc.type == "Nghị định" and doc.articles()[0].heading == "Phạm vi"


def test_dispatch_on_content_not_suffix(tmp_path):
    src = DATA / "html" / "vbpl_doc_000745.html"
    wrong = tmp_path / "looks_like.txt"
    wrong.write_bytes(src.read_bytes())
    (doc,) = parse(wrong)
    assert doc.id == "45/2025/QĐ-TTg"
    assert any(n.code == "suffix_mismatch" for n in doc.notes)


def _docx_bytes(paragraphs: list[str], header_cells: tuple[list[str], list[str]] | None = None) -> bytes:
    import docx

    d = docx.Document()
    if header_cells:
        table = d.add_table(rows=1, cols=2)
        for cell, lines in zip(table.rows[0].cells, header_cells, strict=True):
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_header_table(tmp_path):
    f = tmp_path / "nd.docx"
    f.write_bytes(
        _docx_bytes(
            [
                "NGHỊ ĐỊNH",
                "Quy định thử",
                "Căn cứ Luật Tổ chức Chính phủ;",
                "Điều 1. Phạm vi",
                "1. Khoản một.",
            ],
            (
                ["CHÍNH PHỦ", "Số: 15/2020/NĐ-CP"],
                ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Hà Nội, ngày 03 tháng 02 năm 2020"],
            ),
        )
    )
    (doc,) = parse(f)
    assert (doc.number, doc.issuer, doc.issued, doc.type) == (
        "15/2020/NĐ-CP",
        "Chính phủ",
        "2020-02-03",
        "Nghị định",
    )
    assert [u.eid for u in doc.walk()] == ["dieu_1", "dieu_1__khoan_1"]


# --- Bad input ------------------------------------------------------------------------------------------------


def _expect(
    path: Path, error: type[ReviewError], code: str, words: str, options: IngestOptions = DEFAULT_OPTIONS
):
    with pytest.raises(error) as info:
        list(read_path(path, options))
    message = str(info.value)
    assert info.value.code == code
    assert str(path) in message
    assert words in message


def test_missing_file(tmp_path):
    _expect(tmp_path / "nope.pdf", FileNotFound, "E101", "no such file")


def test_empty_file(tmp_path):
    f = tmp_path / "empty.html"
    f.write_bytes(b"")
    _expect(f, EmptyFile, "E102", "empty")


def test_whitespace_only_file(tmp_path):
    f = tmp_path / "blank.txt"
    f.write_bytes(b"  \n\n ")
    _expect(f, EmptyFile, "E102", "empty")


def test_binary_garbage(tmp_path):
    f = tmp_path / "garbage.txt"
    f.write_bytes(bytes(range(256)) * 40)
    _expect(f, UnsupportedFormat, "E103", "binary data")


def test_docx_that_is_a_zip_of_something_else(tmp_path):
    f = tmp_path / "fake.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("photos/cat.jpg", b"\xff\xd8\xff" + b"0" * 100)
    f.write_bytes(buf.getvalue())
    _expect(f, UnsupportedFormat, "E103", "not a Word")


def test_docx_with_word_part_but_damaged(tmp_path):
    f = tmp_path / "damaged.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", b"<not-xml")
    f.write_bytes(buf.getvalue())
    _expect(f, CorruptFile, "E104", "")


def test_old_binary_word(tmp_path):
    f = tmp_path / "old.doc"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    _expect(f, UnsupportedFormat, "E103", ".doc")


def test_truncated_pdf():
    _expect(DATA / "pdf" / "truncated_luat_lao_dong_p1-3.pdf", CorruptFile, "E104", "PDF")


def test_password_protected_pdf():
    _expect(DATA / "pdf" / "encrypted_luat_lao_dong_p1-3.pdf", EncryptedFile, "E105", "password")


def test_oversize_text_file(tmp_path):
    f = tmp_path / "huge.txt"
    with f.open("wb") as out:
        out.write(("Điều 1. Nội dung lặp lại.\n" * 2_000_000).encode())  # ~56 MB
    _expect(f, FileTooLarge, "E106", "limit")


def test_oversize_limit_is_an_option(tmp_path):
    f = tmp_path / "small.txt"
    f.write_text("Điều 1. Nội dung.\n" * 100, encoding="utf-8")
    _expect(f, FileTooLarge, "E106", "limit", IngestOptions(max_bytes=100))


@pytest.mark.parametrize(
    ("data", "name", "fmt"),
    [
        (b"%PDF-1.7\n...", "x.txt", "pdf"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "x.pdf", "html"),
        (b'{"text": "a"}\n{"text": "b"}\n', "x.txt", "jsonl"),
        ("Điều 1. Phạm vi".encode(), "x.html", "text"),
    ],
)
def test_sniff(data, name, fmt):
    assert sniff(data, name) == fmt
