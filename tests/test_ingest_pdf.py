"""review.ingest.pdf: text layer, page provenance, running headers, the two-column header block, OCR, bad files.

Fixtures are in tests/data/pdf (see its README for how each was made)."""

from __future__ import annotations

import functools
import hashlib
import io
import os
import stat
import unicodedata
from pathlib import Path

import pypdfium2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review.errors import (
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    IngestError,
    NoTextFound,
    OcrUnavailable,
    ReviewError,
    UsageError,
)
from review.ingest import pdf as pdfmod
from review.ingest.pdf import layout, ocr, page, read_pdf
from review.models import PageSpan, RawDocument, Source

DATA = Path(__file__).parent / "data" / "pdf"
TEXT = DATA / "text_luat_lao_dong_p1-3.pdf"
HEADER = DATA / "header_two_column_59_nd.pdf"
SCANNED = DATA / "scanned_59_nd_p1.pdf"
TRUNCATED = DATA / "truncated_luat_lao_dong_p1-3.pdf"
ENCRYPTED = DATA / "encrypted_luat_lao_dong_p1-3.pdf"

# CI installs Tesseract (.ci/run), so there the OCR test must run, never skip.
HAS_TESSERACT = os.environ.get("CI") == "true" or pdfmod.ocr_available("vie")


def _source(name: str, data: bytes) -> Source:
    return Source(path=name, sha256=hashlib.sha256(data).hexdigest(), media_type="application/pdf")


def _read(path: Path, **kwargs) -> RawDocument:
    data = path.read_bytes()
    docs = read_pdf(data, _source(path.name, data), **kwargs)
    assert len(docs) == 1
    return docs[0]


@functools.cache
def _doc(path: Path) -> RawDocument:
    """A fixture read with the default options, once per test session (RawDocument is frozen)."""
    return _read(path)


def _read_bytes(data: bytes, name: str = "x.pdf", **kwargs) -> RawDocument:
    (doc,) = read_pdf(data, _source(name, data), **kwargs)
    return doc


def _page_text(doc: RawDocument, number: int) -> str:
    spans = list(doc.pages)
    i = next(i for i, s in enumerate(spans) if s.page == number)
    end = spans[i + 1].start - 1 if i + 1 < len(spans) else len(doc.text)
    return doc.text[spans[i].start : end]


def _merged(*parts: tuple[Path, list[int]]) -> bytes:
    """A PDF made of pages of the fixtures, built in memory."""
    out = pypdfium2.PdfDocument.new()
    for path, pages in parts:
        out.import_pages(pypdfium2.PdfDocument(path.read_bytes()), pages)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


@pytest.fixture
def tesseract_check():
    """Clear the cached Tesseract check before and after a test that changes what PATH finds."""
    ocr.tesseract_problem.cache_clear()
    yield
    ocr.tesseract_problem.cache_clear()


@pytest.fixture
def no_tesseract(monkeypatch, tmp_path, tesseract_check):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def _fake_tesseract(folder: Path, langs: str, ocr_exit: int = 0) -> None:
    """A stand-in `tesseract` that lists ``langs`` and fails (or prints nothing) when asked to read a page."""
    folder.mkdir(exist_ok=True)
    script = folder / "tesseract"
    script.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "--list-langs" ]; then\n'
        '  echo "List of available languages in \\"/x/\\" (2):"\n'
        f'  for l in {langs}; do echo "$l"; done\n'
        "  exit 0\n"
        "fi\n"
        "cat >/dev/null\n"
        'echo "Error: image damaged" >&2\n'
        f"exit {ocr_exit}\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


# --- text layer -----------------------------------------------------------------------------------------------


def test_text_layer_extraction_and_page_offsets():
    doc = _doc(TEXT)
    assert "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;" in doc.text
    assert "Điều 1. Phạm vi điều chỉnh" in doc.text
    assert "Điều 4. Chính sách của Nhà nước về lao động" in doc.text
    assert doc.text.startswith("BỘ LUẬT\nLAO ĐỘNG\n")
    assert [s.page for s in doc.pages] == [1, 2, 3]
    starts = [s.start for s in doc.pages]
    assert starts[0] == 0 and starts == sorted(set(starts))
    # Each page's text begins right where its span says.
    assert doc.text[starts[1] :].startswith("3. Tổ chức đại diện người lao động tại cơ sở")
    assert doc.text[starts[2] :].startswith("làm việc là bất kỳ nơi nào mà người lao động")
    assert doc.text[starts[1] - 1] == "\n" and doc.text[starts[2] - 1] == "\n"
    assert doc.notes == ()
    assert doc.source.path == TEXT.name


def test_text_is_lightly_cleaned():
    doc = _doc(TEXT)
    assert unicodedata.is_normalized("NFC", doc.text)
    assert all(line == line.rstrip() for line in doc.text.splitlines())
    assert "\u00a0" not in doc.text and "\u00d0" not in doc.text


def test_running_headers_footers_and_page_numbers_are_dropped():
    doc = _doc(HEADER)
    assert [s.page for s in doc.pages] == [1, 2, 3]
    assert "CÔNG BÁO" not in doc.text  # running header, page number on alternate sides
    assert "Nghị định số 59/2022/NĐ-CP về định danh" not in doc.text  # running footer
    lines = doc.text.splitlines()
    for page_number in ("1", "- 2 -", "Trang 3"):
        assert page_number not in lines
    # The number in the header block is content, not a running line.
    assert "Số: 59/2022/NĐ-CP" in lines
    assert _page_text(doc, 2).startswith("2. “Chủ thể danh tính điện tử”")
    assert _page_text(doc, 3).startswith("khẩu sử dụng một lần;")
    assert doc.text.endswith("6. Bảo đảm phù hợp với các điều ước quốc tế mà Việt Nam là\nthành viên.")


def test_two_column_header_block_is_read_column_by_column():
    lines = _doc(HEADER).text.splitlines()
    assert lines[:7] == [
        "CHÍNH PHỦ",
        "Số: 59/2022/NĐ-CP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 05 tháng 9 năm 2022",
        "NGHỊ ĐỊNH",
        "Quy định về định danh và xác thực điện tử",
    ]
    # Body lines below the header zone keep their full width.
    assert "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật" in lines


def test_page_without_header_block_is_left_alone():
    lines = _doc(TEXT).text.splitlines()
    assert lines[:4] == [
        "BỘ LUẬT",
        "LAO ĐỘNG",
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
        "Quốc hội ban hành Bộ luật Lao động.",
    ]


def test_max_pages():
    doc = _read(HEADER, max_pages=1)
    assert doc.pages == (PageSpan(page=1, start=0),)
    assert "Điều 1. Phạm vi điều chỉnh" in doc.text
    assert "Điều 4." not in doc.text


def test_unknown_ocr_policy():
    with pytest.raises(UsageError):
        _read(TEXT, ocr="sometimes")


# --- helpers ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["12", "- 12 -", "–7–", "Trang 12", "trang 3/10", "12/31", "Page 4"])
def test_bare_page_numbers(text):
    assert layout.is_page_number(text)


@pytest.mark.parametrize("text", ["12.", "Điều 12", "2019;", "a) 12", "Trang chủ", "Số: 12/2022/NĐ-CP"])
def test_not_page_numbers(text):
    assert not layout.is_page_number(text)


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["theo chuẩn inter-", "national và"], ["theo chuẩn international và"]),
        (["Nghị định số 59/2022/NĐ-", "CP ngày 05"], ["Nghị định số 59/2022/NĐ-CP ngày 05"]),
        # A hyphen after a Vietnamese syllable is a compound's, a spaced one is a dash: never joined.
        (["lĩnh vực tài chính-", "ngân hàng"], ["lĩnh vực tài chính-", "ngân hàng"]),
        (["phát triển kinh tế -", "xã hội"], ["phát triển kinh tế -", "xã hội"]),
        (["the e-", "commerce"], ["the e-", "commerce"]),
        (["COVID-", "19"], ["COVID-", "19"]),
    ],
)
def test_broken_words(lines, joined):
    assert layout.join_broken_words(lines) == joined


def test_clean():
    assert page.light_clean("\u00d0i\u00ea\u0300u\u00a01 ") == "Điều 1"


# --- OCR --------------------------------------------------------------------------------------------------------


@pytest.mark.ocr
@pytest.mark.skipif(not HAS_TESSERACT, reason="needs tesseract with the vie model")
def test_ocr_of_a_real_scanned_page():
    doc = _read(SCANNED)
    assert doc.pages == (PageSpan(page=1, start=0),)
    assert [n.code for n in doc.notes] == ["ocr"]
    assert doc.notes[0].message == "text obtained by OCR (tesseract vie) on 1 page"
    lines = doc.text.splitlines()
    # The header block is read column by column: the issuer's line is not run into the motto.
    assert lines[0] == "CHÍNH PHỦ"
    assert "Số: 59/2022/NĐ-CP" in lines
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert lines.index("CHÍNH PHỦ") < lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert "NGHỊ ĐỊNH" in doc.text
    assert "Căn cứ Luật Đầu tư ngày 17 tháng 6 năm 2020;" in lines
    assert "Điều 1. Phạm vi điều chỉnh" in lines
    assert "Chính phủ ban hành Nghị định quy định về định danh và xác thực điện tử." in lines


def test_ocr_unavailable_without_tesseract(no_tesseract):
    with pytest.raises(OcrUnavailable) as err:
        _read(SCANNED)
    assert err.value.code == "E108"
    assert SCANNED.name in str(err.value)
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in str(err.value)


def test_ocr_unavailable_without_the_vietnamese_model(monkeypatch, tmp_path, tesseract_check):
    _fake_tesseract(tmp_path / "bin", "eng osd")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    with pytest.raises(OcrUnavailable) as err:
        _read(SCANNED)
    assert "'vie'" in str(err.value) and SCANNED.name in str(err.value)


def test_ocr_always_needs_tesseract_even_for_a_text_pdf(no_tesseract):
    with pytest.raises(OcrUnavailable):
        _read(TEXT, ocr="always")


def test_ocr_failure_is_a_coded_error(monkeypatch, tmp_path, tesseract_check):
    _fake_tesseract(tmp_path / "bin", "eng vie", ocr_exit=1)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    with pytest.raises(IngestError) as err:
        _read(SCANNED)
    assert "OCR failed on page 1" in str(err.value) and "image damaged" in str(err.value)


def test_ocr_never_on_a_scan():
    with pytest.raises(NoTextFound) as err:
        _read(SCANNED, ocr="never")
    assert err.value.code == "E107"
    assert SCANNED.name in str(err.value) and "OCR is disabled" in str(err.value)


def test_text_pdf_with_a_scanned_page_and_no_ocr(no_tesseract):
    data = _merged((TEXT, [0]), (SCANNED, [0]))
    for policy in ("never", "auto"):
        doc = _read_bytes(data, ocr=policy)
        assert "Căn cứ Hiến pháp" in doc.text
        assert [s.page for s in doc.pages] == [1, 2]
        assert [n.code for n in doc.notes] == ["pages_without_text"]
        assert doc.notes[0].message.endswith(": 2")


# --- bad files --------------------------------------------------------------------------------------------------


def _expect(error: type[ReviewError], code: str, data: bytes, name: str, *words: str) -> ReviewError:
    with pytest.raises(error) as err:
        _read_bytes(data, name)
    assert err.value.code == code
    assert name in str(err.value)
    for word in words:
        assert word in str(err.value)
    return err.value


def test_truncated_pdf():
    _expect(CorruptFile, "E104", TRUNCATED.read_bytes(), TRUNCATED.name, "not a readable PDF", "truncated")


def test_truncated_pdf_that_looks_whole_to_the_check():
    # With an end marker glued on, the parser itself meets the damage; its exception must not escape raw.
    data = TRUNCATED.read_bytes() + b"\n%%EOF\n"
    _expect(CorruptFile, "E104", data, "glued.pdf", "not a readable PDF")


def test_encrypted_pdf():
    _expect(EncryptedFile, "E105", ENCRYPTED.read_bytes(), ENCRYPTED.name, "password-protected")


def test_not_a_pdf_and_empty():
    _expect(CorruptFile, "E104", b"<html>not a pdf</html>\n%%EOF", "page.pdf", "no %PDF header")
    _expect(CorruptFile, "E104", b"%PDF-1.7\ngarbage garbage\n%%EOF\n", "junk.pdf", "not a readable PDF")
    _expect(EmptyFile, "E102", b"", "empty.pdf")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_bytes_give_coded_errors_only(data):
    """Overwrite a few spans of a real PDF: the result is a document or a ReviewError, never a raw exception."""
    blob = bytearray(HEADER.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(blob) - 64))
        blob[at : at + 16] = data.draw(st.binary(min_size=16, max_size=16))
    try:
        _read_bytes(bytes(blob), "damaged.pdf", ocr="never")
    except ReviewError as err:
        assert "damaged.pdf" in str(err)
