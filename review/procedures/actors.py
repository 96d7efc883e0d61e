"""Who acts in a procedure: who carries it out (đối tượng thực hiện), the agencies named and the one that decides
(cơ quan có thẩm quyền quyết định). Pure functions of a unit's text, table-tested in tests/test_procedures.py;
re-exported by ``review.procedures.fields``."""

from __future__ import annotations

import re

from review.procedures.wording import _I, Found, lexicon
from review.procedures.wording import words as _words

_SUBJECT = re.compile(
    r"(?:^|[:;]\s*|\.\s+)([^\W\d_][^.;:]{2,120}?)\s+(?:có\s+nhu\s+cầu\s+[^,.;]{0,40}\s+|có\s+trách\s+nhiệm\s+)?"
    r"(?:lập|gửi|nộp|chuẩn\s+bị)\s+(?:\d+\s+|một\s+|01\s+)?(?:\(\w+\)\s+)?(?:bộ\s+)?hồ\s+sơ",
)
_AGENCY = re.compile(
    r"(?:Chủ\s+tịch\s+)?(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân\s+(?:cấp\s+)?(?:tỉnh|xã|huyện)"
    r"(?:\s+nơi(?:(?!\s+(?:hoặc|và|có|xem|thẩm|cấp|quyết|đồng\s+ý)\b)[^,.;]){0,50})?"
    r"|Sở\s+[A-ZĐ][\wÀ-ỹ\- ,]{2,50}?(?=[.;,(]|\s+(?:có|thực|cấp|tiếp|thẩm|xem|trình|nơi|kiểm|gửi|ra|ban|tổ))"
    r"|Bộ\s+trưởng\s+Bộ\s+[A-ZĐ][\wÀ-ỹ ]{2,40}?(?=[.;,(]|\s+(?:có|thực|cấp|xem|quyết|ký|ban))"
    r"|Bộ\s+[A-ZĐ][\wÀ-ỹ ]{2,40}?(?=[.;,(]|\s+(?:có|thực|cấp|tiếp|thẩm|xem|trình|kiểm|gửi|quyết|ban))"
    r"|Cục\s+[A-ZĐ][\wÀ-ỹ ]{2,40}?(?=[.;,()]|\s+(?:có|thực|cấp|tiếp|thẩm|xem|trình|kiểm|gửi|quyết))"
    r"|Thủ\s+tướng\s+Chính\s+phủ|Chính\s+phủ|Hội\s+đồng\s+[A-ZĐ]?[\wÀ-ỹ ]{2,40}?(?=[.;,]|\s+(?:có|xem|thẩm))"
    r"|cơ\s+quan\s+(?:có\s+thẩm\s+quyền|cấp\s+(?:phép|giấy\s+chứng\s+nhận|giấy\s+phép)|tiếp\s+nhận|đăng\s+ký)",
)
_DECIDE = re.compile(
    r"(?:quyết\s+định|xem\s+xét,?\s+cấp|cấp\s+(?:giấy|chứng|lại|đổi)|ký\s+(?:quyết\s+định|giấy)|phê\s+duyệt|"
    r"công\s+nhận|ban\s+hành\s+quyết\s+định|có\s+thẩm\s+quyền\s+(?:thẩm\s+định,\s+)?cấp)",
    _I,
)


def subject(text: str) -> Found | None:
    """Who carries out the procedure: the subject of the sentence that hands in the dossier."""
    m = next(
        (
            m
            for m in _SUBJECT.finditer(text)
            if m.group(1)[0].isupper()
            and not re.search(
                r"\b(?:nộp|phí|thực\s+hiện|trường\s+hợp|ngày|thời\s+hạn|văn\s+bản|khoản|nơi)\b",
                m.group(1),
                _I,
            )
        ),
        None,
    )
    if not m:
        return None
    return Found(re.sub(r"\s+", " ", m.group(1)).strip(), m.group(0))


def other_subject(text: str) -> Found | None:
    """Who carries out the procedure when no sentence opens with them: the subject after a time clause ("Trong
    thời hạn 10 ngày …, Ủy ban nhân dân cấp tỉnh gửi 01 bộ hồ sơ") or the author of the request among the papers
    ("Văn bản đề nghị của sở, ban, ngành thuộc tỉnh, thành phố"). Read after ``subject`` found nothing."""
    late = _LATE_SUBJECT.search(text)
    if late and not _NOT_SUBJECT.search(late.group(1)):
        return Found(re.sub(r"\s+", " ", late.group(1)).strip(), late.group(0))
    request = _REQUEST_OF.search(text)
    if request:
        return Found(re.sub(r"\s+", " ", request.group(1)).strip(" ,"), request.group(0))
    return None


_LATE_SUBJECT = re.compile(
    r",\s+((?:[A-ZĐÀ-Ỹ][^\W\d_]*)(?:\s+[^\W\d_]+){0,12}?)\s+(?:lập|gửi|nộp)\s+(?:\d+\s+|một\s+)?(?:bộ\s+)?hồ\s+sơ"
)
_NOT_SUBJECT = re.compile(r"\b(?:trường\s+hợp|thời\s+hạn|ngày|khi|sau)\b", _I)
_REQUEST_OF = re.compile(r"^\s*(?:văn\s+bản|đơn|tờ\s+trình)\s+đề\s+nghị\s+của\s+([^;.:]{3,120})", _I)


_TRAIL = re.compile(r"\s+(?:để|là|tra|và\s+đơn\s+vị|và\s+các|cơ\s+quan|tra\s+cứu)(?:\s.*)?$")


def _clean(name: str) -> str:
    return _TRAIL.sub("", re.sub(r"\s+", " ", name).strip(" ,"))


def agencies(text: str) -> list[str]:
    """The agencies named in a text, in order, each once."""
    out = [_clean(m.group(0)) for m in _agency_matches(text)]
    return list(dict.fromkeys(out))


def _heads() -> re.Pattern[str]:
    return _words("heads", 0)


def _agency_matches(sentence: str) -> list[re.Match[str]]:
    """The agencies named in a sentence, by name (``_AGENCY``) or as heads of bodies (the lexicon's ``heads``),
    in order, a match inside a longer one dropped."""
    found = sorted(
        [*_AGENCY.finditer(sentence), *_heads().finditer(sentence)], key=lambda m: (m.start(), -m.end())
    )
    out: list[re.Match[str]] = []
    for m in found:
        if out and m.start() < out[-1].end():
            continue
        out.append(m)
    return out


def _only_between(sentence: str, start: int, end: int, named: list[re.Match[str]]) -> bool:
    """Whether the words from an agency to a deciding verb leave the verb to it: other agencies joined to it
    ("… hoặc Ủy ban nhân dân cấp tỉnh nơi …"), asides in brackets and the lexicon's ``between`` words only; a
    word that hands the decision on ("trình", "gửi") never."""
    gap = sentence[start:end]
    if _words("handing_on").search(gap):
        return False
    for m in named:
        if start <= m.start() and m.end() <= end:
            gap = gap.replace(m.group(0), " ")
    gap = re.sub(r"\([^)]*\)", " ", gap)
    filler = "|".join(f"(?:{p})" for p in lexicon()["between"])
    left = re.sub(rf"\b(?:{filler})\b", " ", gap, flags=_I)
    return len(re.findall(r"\w+", left)) <= 4


def deciding_agency(text: str) -> Found | None:
    """The agency that decides: the agency a deciding verb follows ("Chủ tịch Ủy ban nhân dân cấp tỉnh xem xét,
    cấp giấy phép"), unless the words between hand the decision on ("Sở thẩm tra, trình Chủ tịch Ủy ban nhân dân
    cấp tỉnh cấp giấy phép": the chairman decides), or the author of a decision the text names ("quyết định phê
    duyệt của Ủy ban nhân dân cấp xã"). Issuing a receipt ("cấp giấy biên nhận") or setting up a council
    ("quyết định thành lập Hội đồng") is not deciding. A named agency is preferred to "cơ quan có thẩm quyền"."""
    deciding, approved = _words("deciding_verbs"), _words("approved_by")
    generic = None
    for sentence in re.split(r"(?<=[.;])\s+", text):
        named = _agency_matches(sentence)
        for m in named:
            before = sentence[max(0, m.start() - 60) : m.start()]
            verb = deciding.search(sentence, m.end(), m.end() + 200)
            by_author = re.search(f"(?:{approved.pattern})$", before, _I)
            if (verb is None and not by_author) or _words("assigned").search(before):
                continue
            if not by_author and re.search(r"\bcủa\s*$", before, _I):
                continue  # whose paper it is ("hồ sơ trình của Sở …, Chủ tịch … xem xét"), not who decides
            if (
                verb is not None
                and not by_author
                and not _only_between(sentence, m.end(), verb.start(), named)
            ):
                continue
            # The agency's name, without the place it sits ("… cấp tỉnh nơi doanh nghiệp đặt trụ sở chính").
            found = Found(re.sub(r"\s+nơi\b.*$", "", _clean(m.group(0))), sentence.strip()[:300])
            if not m.group(0).lower().startswith("cơ quan"):
                return found
            generic = generic or found
    return generic
