"""Reference extraction costs time linear in the length of its input (issue 12, 14): texts built to hit the
quadratic paths of the past (an unclosed quotation after every "như sau:", unclosed provenance parentheses, long
lists of documents) run well under the bound, and doubling the input does not much more than double the time."""

from __future__ import annotations

import time

import pytest

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
