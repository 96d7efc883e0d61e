"""review.text.literals: the words a pattern cannot match without (the burden rules' pre-filter)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from review.text.literals import may_match, required_literals

ROOT = Path(__file__).resolve().parents[1]

# (pattern, the options it requires: None when no literal is required)
ROWS = [
    (r"nộp\s+trực\s+tiếp", {"trực"}),
    (r"bản\s+sao\s+y\s+bản\s+chính", {"chính"}),
    (r"(?:phí|lệ\s+phí)", {"phí"}),
    (r"(?:đồng|VNĐ)", {"đồng", "vnđ"}),
    (r"(?:ít\s+nhất|tối\s+thiểu)?\s*năm", {"năm"}),
    (r"(?:a|b)\d+", None),  # one-letter options filter nothing
    (r"[\wÀ-ỹ]+", None),
    (r"(?:giấy\s+tờ)?\s*khác", {"khác"}),
    (r"(?:thu|)\s*phí", {"phí"}),  # an empty alternative makes the group optional
]


@pytest.mark.parametrize(("pattern", "options"), ROWS)
def test_required_literals(pattern: str, options: set[str] | None) -> None:
    found = required_literals(pattern)
    assert (None if found is None else set(found)) == options


@pytest.mark.parametrize(
    ("pattern", "text", "may"),
    [
        (r"nộp\s+trực\s+tiếp", "Hồ sơ nộp TRỰC TIẾP tại Sở", True),
        (r"nộp\s+trực\s+tiếp", "Hồ sơ gửi qua bưu chính", False),
        (r"\d+\s*%", "không có số", True),  # nothing required: always scanned
    ],
)
def test_may_match(pattern: str, text: str, may: bool) -> None:
    assert may_match(required_literals(pattern), text.lower()) is may


def test_every_burden_pattern_reads() -> None:
    """Each burden signal's pattern gives options or an explicit None, and never an empty set."""
    signals = json.loads((ROOT / "review/data/findings/burden.json").read_text(encoding="utf-8"))["signals"]
    for sig in signals.values():
        for p in sig["patterns"]:
            found = required_literals(p)
            assert found is None or (found and all(found))


_PIECES = ["phí", "lệ phí", "nộp", "trực tiếp", " ", "\n", "Đồng", "1.000", "hồ sơ", "khác", "x"]
_PATTERNS = [p for p, _ in ROWS] + [
    r"mức\s+(?:thu|phí|lệ\s+phí)[^.;]{0,80}?\d[\d.]{2,}\s*đồng",
    r"(?:các\s+)?(?:giấy\s+tờ|tài\s+liệu)\s+(?:khác\s+)?có\s+liên\s+quan",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.sampled_from(_PATTERNS))
def test_never_skips_a_text_the_pattern_matches(pieces: list[str], pattern: str) -> None:
    text = "".join(pieces)
    if re.search(pattern, text, re.IGNORECASE):
        assert may_match(required_literals(pattern), text.lower())
