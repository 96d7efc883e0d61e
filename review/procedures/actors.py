"""Who acts in a procedure: who carries it out (đối tượng thực hiện), the agencies named and the one that decides
(cơ quan có thẩm quyền quyết định). Pure functions of a unit's text, table-tested in tests/test_procedures.py;
re-exported by ``review.procedures.fields``."""

from __future__ import annotations

import re

from review.procedures.wording import _I, Found, lexicon
from review.procedures.wording import words as _words

_SUBJECT = re.compile(
    r"(?:^|[:;]\s*|\.\s+)([^\W\d_][^.;:]{2,120}?)\s+(?:có\s+nhu\s+cầu\s+[^,.;]{0,40}\s+|có\s+nguyện\s+vọng\s+[^.;]{0,80}?\s+|có\s+trách\s+nhiệm\s+)?"
    r"(?:có\s+văn\s+bản\s+(?:yêu\s+cầu|đề\s+nghị)\b|(?:lập|gửi|nộp|chuẩn\s+bị)\s+(?:"
    r"(?:\d+\s+|một\s+|01\s+)?(?:\(\w+\)\s+)?(?:bộ\s+)?hồ\s+sơ|[Đđ]ơn\s+đề\s+nghị"
    # the ways before the count ("nộp trên Cổng Dịch vụ công quốc gia hoặc qua dịch vụ bưu chính … 01 bộ hồ sơ")
    r"|(?:trên|qua|trực)\b[^.;]{0,120}?\s(?:\d+|một)\s+bộ\s+hồ\s+sơ"
    # a written request and the dossier with it ("gửi văn bản công bố … và hồ sơ kèm theo đến Bộ")
    r"|văn\s+bản\b[^.;]{0,80}?\b(?:và|kèm\s+theo)\s+hồ\s+sơ))",
)
# What follows the subject's name and is not part of it: the provision that defines it ("Doanh nghiệp … quy định
# tại khoản 1 Điều 5 của Nghị định này", "Học sinh, học viên thuộc đối tượng quy định tại …"). The request it
# makes is ("Tổ chức đề nghị cấp Giấy phép …").
_SUBJECT_TAIL = re.compile(r"\s+(?:(?:quy\s+định|nêu)\s+tại|thuộc\s+(?:đối\s+tượng|trường\s+hợp))\b.*$", _I)
# A case before the subject ("Trường hợp có nhu cầu gia hạn, tổ chức nước ngoài nộp …"): the subject starts at the
# first comma followed by a name (a capital) or a noun of who acts.
_CASE_LEAD = re.compile(r"^(?:trường\s+hợp|khi|sau\s+khi)\b", _I)
_ACTOR_NOUN = re.compile(
    r"(?:[A-ZĐ]|(?:tổ\s+chức|cá\s+nhân|doanh\s+nghiệp|hợp\s+tác\s+xã|cơ\s+quan|đơn\s+vị|người|chủ|hộ|tập\s+thể|"
    r"nhà\s+đầu\s+tư|thương\s+nhân|cơ\s+sở)\b)"
)


def case_and_actor(text: str) -> tuple[str, str] | None:
    """A case clause and what follows it, split at the first comma that a name (a capital) or a noun of who acts
    follows: "sửa đổi, bổ sung Giấy phép, Văn phòng đại diện … nộp" → ("sửa đổi, bổ sung Giấy phép", "Văn phòng
    đại diện … nộp")."""
    for comma in re.finditer(r",\s*", text):
        rest = text[comma.end() :]
        if _ACTOR_NOUN.match(rest):
            return text[: comma.start()], rest
    return None


def _after_case(name: str) -> str | None:
    split = case_and_actor(name)
    return None if split is None else split[1]


_AGENCY = re.compile(
    r"(?:Chủ\s+tịch\s+)?(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân\s+(?:cấp\s+)?(?:tỉnh|xã|huyện)"
    r"(?:\s+nơi(?:(?!\s+(?:hoặc|và|có|xem|thẩm|cấp|quyết|đồng\s+ý)\b)[^,.;]){0,50})?"
    r"|Sở\s+[A-ZĐ][\wÀ-ỹ\- ,]{2,50}?(?=[.;,(]|\s+(?:có|thực|cấp|tiếp|thẩm|xem|trình|nơi|kiểm|gửi|ra|ban|tổ|phê|quyết|chấp|xác|hướng|trả|giải|tra\s+cứu|rà\s+soát))"
    r"|Bộ\s+trưởng\s+Bộ\s+[A-ZĐ][\wÀ-ỹ ]{2,40}?(?=[.;,(]|\s+(?:có|thực|cấp|xem|quyết|ký|ban))"
    r"|Bộ\s+[A-ZĐ][\wÀ-ỹ ]{2,40}?(?=[.;,(]|\s+(?:có|thực|cấp|tiếp|thẩm|xem|trình|kiểm|gửi|quyết|ban|phê|chấp|xác|hướng|trả|giải|tra\s+cứu|rà\s+soát))"
    r"|Cục\s+[A-ZĐ][\wÀ-ỹ ]{2,40}?(?=[.;,()]|\s+(?:có|thực|cấp|tiếp|thẩm|xem|trình|kiểm|gửi|quyết|phê|chấp|xác|hướng|trả|giải|tra\s+cứu|rà\s+soát))"
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
    for m in _SUBJECT.finditer(text):
        name = re.sub(r"\s+", " ", m.group(1)).strip()
        if not name[0].isupper():
            continue
        if _CASE_LEAD.match(name) and (name := _after_case(name) or "") == "":
            continue
        name = _SUBJECT_TAIL.sub("", name).strip(" ,")
        if len(name) >= 3 and not re.search(
            r"\b(?:nộp|phí|thực\s+hiện|trường\s+hợp|ngày|thời\s+hạn|văn\s+bản|khoản|nơi)\b", name, _I
        ):
            return Found(name, m.group(0))
    return None


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
    r",\s+((?:[A-ZĐÀ-Ỹ][^\W\d_]*)(?:\s+[^\W\d_]+){0,12}?"
    # or who acts by a noun of who acts, with the others listed ("…, bên đi vay, bên phát hành trái phiếu quốc tế gửi")
    r"|(?:bên|tổ\s+chức|cá\s+nhân|doanh\s+nghiệp|người|chủ)\s[^.;:\d]{0,80}?)"
    r"\s+(?:lập|gửi|nộp)\s+(?:\d+\s+|một\s+)?(?:bộ\s+)?hồ\s+sơ"
)
_NOT_SUBJECT = re.compile(r"\b(?:trường\s+hợp|thời\s+hạn|ngày|khi|sau|nơi)\b", _I)
_REQUEST_OF = re.compile(r"^\s*(?:văn\s+bản|đơn|tờ\s+trình)\s+đề\s+nghị\s+của\s+([^;.:]{3,120})", _I)


_TRAIL = re.compile(
    r"\s+(?:để|là|tra|và\s+đơn\s+vị|và\s+các|cơ\s+quan|tra\s+cứu|quy\s+định|tổ\s+chức)(?:\s.*)?$"
)


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
                and re.search(r"\bdo\s*$", before, _I)
                and re.match(r"\s*quyết\s+định\s*(?:[.;]|$)", sentence[m.end() :], _I)
            ):
                continue  # a detail left to it ("thành phần … do Sở Xây dựng quyết định"), not the decision
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
