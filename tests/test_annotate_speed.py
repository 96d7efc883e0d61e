"""Reference extraction costs time linear in the length of its input (issue 12, 14): texts built to hit the
quadratic paths of the past (an unclosed quotation after every "như sau:", unclosed provenance parentheses, long
lists of documents) run well under the bound, and doubling the input does not much more than double the time."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review.annotate import extract_references

_REAL = (
    "Căn cứ Luật Tổ chức Chính phủ số 76/2015/QH13; Nghị định số 15/2020/NĐ-CP ngày 3 tháng 2 năm 2020.\n"
    "2. Sửa đổi khoản 3 Điều 5 như sau: “3. Trường hợp quy định tại Điều 7 Luật này.”\n"
    "Bãi bỏ Điều 3, Điều 5 và khoản 2 Điều 7 của Thông tư số 12/2024/TT-BTC.\n"
)


def _seconds(text: str) -> float:
    started = time.process_time()
    extract_references(text)
    return time.process_time() - started


@pytest.mark.parametrize(
    "unit",
    [
        "như sau: “",  # quoted new text never closed
        "(được sửa đổi, bổ sung bởi ",  # provenance note never closed
        "Luật số 1/2020/QH14, ",  # a list of documents
        "cụm từ “Điều 5” ",  # phrases being edited
        "Điều 5, ",  # a long list of units
        "Căn cứ Nghị định số 1/2020/NĐ-CP; ",  # one long basis line
        _REAL,
    ],
)
def test_30_kb_of_one_pattern_runs_fast(unit: str) -> None:
    text = unit * (30_000 // len(unit))
    assert _seconds(text) < 2.0


@pytest.mark.parametrize("unit", ["như sau: “", "(được sửa đổi, bổ sung bởi ", _REAL])
def test_cost_grows_linearly(unit: str) -> None:
    small = unit * (20_000 // len(unit))
    big = small * 8
    _seconds(small)  # warm the compiled patterns
    t_small = min(_seconds(small) for _ in range(2))
    t_big = _seconds(big)
    # Eight times the text: a linear cost is ~8×, a quadratic one ~64×. Generous for noisy machines.
    assert t_big < max(24 * t_small, 0.5)


def _texts() -> list[str]:
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "corpus" / "local").glob("*.md"))]
    for line in (root / "tests" / "data" / "refs_gold.jsonl").read_text(encoding="utf-8").splitlines():
        texts.append(json.loads(line)["text"])
    return texts


def test_the_token_scan_finds_what_the_whole_pattern_finds_on_real_text() -> None:
    from review.annotate.find import TOKEN_RE
    from review.annotate.scan import token_matches

    texts = _texts()
    assert len(texts) > 500
    for text in texts:
        expected = [(m.span(), m.lastgroup) for m in TOKEN_RE.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in token_matches(TOKEN_RE, text)] == expected


_WORDS = [
    "Điều 5",
    "khoản 2",
    "điểm a",
    "các Điều",
    "từ Điều 3 đến Điều 7",
    "Chương II",
    "Mục 1",
    "Phụ lục I",
    "Luật",
    "Bộ luật",
    "Nghị định số 12/2024/NĐ-CP",
    "Thông tư này",
    "Quyết định",
    "Hiến pháp",
    "Công ước về x",
    "QCVN 01:2021/BXD",
    "TCVN 5574:2018",
    "Tờ trình số 7/TTr-CP",
    "Kế hoạch số 3/KH-UBND",
    "Văn bản hợp nhất",
    "45/2019/QH14",
    "cho",
    "theo",
    "người",
    "và",
    ", ",
    "; ",
    ".\n",
    " ",
    "của",
    "ngày 5 tháng 3 năm 2020",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=30).map(" ".join))
def test_the_token_scan_finds_what_the_whole_pattern_finds_on_any_mix(text: str) -> None:
    from review.annotate.find import TOKEN_RE
    from review.annotate.scan import token_matches

    expected = [(m.span(), m.lastgroup) for m in TOKEN_RE.finditer(text)]
    assert [(m.span(), m.lastgroup) for m in token_matches(TOKEN_RE, text)] == expected
