"""Field extractors of an administrative procedure: each reads one unit's text and returns what it found, with
the words it read, or ``None``.

The fields are the components of a procedure in Nghị định 63/2010/NĐ-CP Điều 8 khoản 2 as amended by Nghị định
92/2017/NĐ-CP (domain notes §6.1, verified there against the pháp điển text of Điều 44.5.NĐ.8): a) tên, b) trình
tự thực hiện, c) cách thức thực hiện, d) thành phần, số lượng hồ sơ, đ) thời hạn giải quyết, e) đối tượng thực
hiện, g) cơ quan giải quyết, h) where applicable mẫu đơn/tờ khai, kết quả, yêu cầu/điều kiện, phí/lệ phí. The
``căn cứ pháp lý`` field of the national database (Cơ sở dữ liệu quốc gia về TTHC) is the list of source
provisions, filled by the catalogue. Every extractor is a pure function of a string, table-tested in
tests/test_procedures.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from review.procedures.actors import agencies, deciding_agency, other_subject, subject
from review.procedures.wording import LEXICON, Found, lexicon

__all__ = [
    "LEXICON",
    "DossierItem",
    "Found",
    "TimeLimit",
    "agencies",
    "deciding_agency",
    "dossier_item",
    "fees",
    "forms",
    "is_condition",
    "is_dossier_lead",
    "is_step",
    "lexicon",
    "methods",
    "other_subject",
    "procedure_object",
    "result_of",
    "sets",
    "subject",
    "time_limit",
    "undoes",
    "ways_named",
]

_I = re.IGNORECASE


@dataclass(frozen=True)
class DossierItem:
    """One component of a dossier: its name, the form asked (bản chính, bản sao, bản sao chứng thực) and count."""

    name: str
    form: str | None = None
    count: int | None = None


@dataclass(frozen=True)
class TimeLimit:
    days: int
    working: bool
    start: str | None  # "kể từ ngày nhận đủ hồ sơ hợp lệ"


# --- cách thức thực hiện -------------------------------------------------------------------------------------

_METHODS = (
    ("bưu chính", re.compile(r"bưu\s+(?:chính|điện)", _I)),
    ("trực tuyến", re.compile(r"trực\s+tuyến|dịch\s+vụ\s+công|môi\s+trường\s+(?:điện\s+tử|mạng)", _I)),
    (
        "trực tiếp",
        re.compile(
            r"(?:nộp|gửi)(?:\s+(?:[^\s.;]+\s+){0,3}?hồ\s+sơ)?\s+trực\s+tiếp|trực\s+tiếp\s+(?:tại|đến)"
            # one of the ways listed ("trên Cổng Dịch vụ công quốc gia hoặc qua dịch vụ bưu chính hoặc trực tiếp")
            r"|\bhoặc\s+trực\s+tiếp\b(?!\s+gián)|\btrực\s+tiếp\s+hoặc\s+(?:qua|gửi|nộp|trực|trên|bằng)\b",
            _I,
        ),
    ),
)
_SUBMIT = re.compile(r"\b(?:nộp|gửi)\b", _I)


def methods(text: str) -> Found | None:
    """The ways a dossier is submitted, read only from a sentence that submits one ("gửi qua đường bưu điện hoặc
    trực tiếp hoặc qua hệ thống dịch vụ công trực tuyến")."""
    found: list[str] = []
    words = []
    for sentence in re.split(r"(?<=[.;])\s+", text):
        if not (_SUBMIT.search(sentence) and re.search(r"hồ\s+sơ", sentence, _I)):
            continue
        here = [name for name, pattern in _METHODS if pattern.search(sentence) and name not in found]
        if here:
            found.extend(here)
            words.append(sentence.strip()[:300])
    if not found:
        return None
    order = [name for name, _ in _METHODS]
    return Found(tuple(sorted(found, key=order.index)), " ".join(words)[:400])


def ways_named(text: str) -> tuple[str, ...]:
    """The ways of sending a text names, with no sentence that submits needed: the cell "Địa điểm thực hiện" of a
    published list ("Nộp trực tiếp hoặc qua dịch vụ bưu chính hoặc trực tuyến")."""
    order = [name for name, _ in _METHODS]
    return tuple(name for name in order if next(p for n, p in _METHODS if n == name).search(text))


# --- hồ sơ -----------------------------------------------------------------------------------------------------

_DOSSIER_LEAD = re.compile(
    r"hồ\s+sơ[^.:;]{0,200}?(?<!không bao )(?<!không )(?:bao\s+)?gồm(?:\s+(?:các\s+)?(?:giấy\s+tờ|tài\s+liệu)[^:]*)?\s*:?",
    _I,
)
_FORM = (
    (
        "bản sao chứng thực",
        re.compile(r"bản\s+sao\s+(?:có\s+|được\s+)?chứng\s+thực|bản\s+sao\s+công\s+chứng", _I),
    ),
    ("bản chính", re.compile(r"bản\s+chính(?!\s+(?:hợp\s+đồng|quyết\s+định|giấy|văn\s+bản))|bản\s+gốc", _I)),
    ("bản sao", re.compile(r"\bbản\s+sao\b", _I)),
)
_COUNT_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5}
_COUNT = re.compile(
    r"(?<![\d/.])0?(\d{1,2})\s*(?:\([^)]{0,12}\)\s*)?(?:bản|bộ)\b|\b(một|hai|ba|bốn)\s+(?:bản|bộ)\b", _I
)
_SETS = re.compile(
    r"(?<![\d/.])0?([1-9]|1\d)\s*(?:\([^)]{0,12}\)\s*)?bộ\s+hồ\s+sơ|\b(một|hai|ba)\s+bộ\s+hồ\s+sơ"
    # "Hồ sơ đề nghị khen thưởng … có 01 bộ (bản chính) gồm:", "Số lượng hồ sơ: 01 bộ (bản chính)"
    r"|(?:số\s+lượng(?:\s+hồ\s+sơ)?\s*:\s*|hồ\s+sơ[^.;:]{0,80}?\b(?:có|gồm|lập\s+thành)\s+)0?([1-9]|1\d)\s*bộ\b",
    _I,
)


def is_dossier_lead(text: str) -> bool:
    """A unit that opens a list of dossier components ("Hồ sơ đề nghị cấp giấy phép gồm:", a clause titled
    "Hồ sơ đề nghị cấp Giấy chứng nhận đủ điều kiện sản xuất")."""
    if _DOSSIER_LEAD.search(text):
        return True
    if re.match(
        r"\s*(?:thành\s+phần\s+)?hồ\s+sơ\s+(?:đề\s+nghị|đăng\s+ký|xin|cấp|gia\s+hạn)[^.;:]{0,120}\bnhư\s+sau\s*:\s*$",
        text,
        _I,
    ):
        return True  # "Hồ sơ đề nghị cấp lại giấy phép như sau:"
    if re.fullmatch(r"\s*(?:thành\s+phần\s+)?hồ\s+sơ\s*:?\s*", text, _I):
        return True  # a clause titled "Hồ sơ:" whose points are the papers
    return bool(re.match(r"\s*hồ\s+sơ\s+(?:đề\s+nghị|đăng\s+ký|xin|cấp)[^.;:]{0,120}:?\s*$", text, _I))


def dossier_item(text: str) -> DossierItem | None:
    """One dossier component from a listed unit's text; ``None`` for what is not a paper to hand in."""
    first = text.strip().split("\n", 1)[0]
    name = re.split(r"[;:](?:\s|$)|\.\s", first, maxsplit=1)[0].strip().rstrip(";.,")
    if re.fullmatch(r"(?:hồ\s+sơ\s+(?:gồm|bao\s+gồm)\s+)?0?\d{1,2}\s*(?:\([^)]*\)\s*)?(?:bộ|bản)", name, _I):
        return None  # a number of sets, not a paper
    if re.search(r"nộp\s+(?:lệ\s+)?phí", name, _I):
        return None  # paying a fee is not a paper
    if len(name) < 4 or re.match(
        r"(?:trường\s+hợp|trong\s+thời\s+hạn|sau\s+khi|cơ\s+quan|ủy\s+ban|căn\s+cứ|bộ\s+phận|số\s+lượng|thành\s+phần)",
        name,
        _I,
    ):
        return None
    form = next((label for label, pattern in _FORM if pattern.search(name[:80])), None)
    count = None
    if m := _COUNT.search(first):
        count = int(m.group(1)) if m.group(1) else _COUNT_WORDS[m.group(2).lower()]
    return DossierItem(name[:200], form, count)


def inline_items(text: str) -> list[DossierItem]:
    """The items of a dossier listed in one sentence ("Hồ sơ … bao gồm: Văn bản đề nghị …; giấy tờ …;")."""
    m = _DOSSIER_LEAD.search(text)
    if not m:
        return []
    rest = text[m.end() :].strip()
    if not rest:
        return []
    rest = re.split(r"\.\s|\n", rest, maxsplit=1)[0]
    out = []
    for part in re.split(r";\s*", rest):
        item = dossier_item(part)
        if item is not None:
            out.append(item)
    return out


def sets(text: str) -> Found | None:
    """The number of sets of the dossier ("01 bộ hồ sơ", "một bộ hồ sơ")."""
    m = _SETS.search(text)
    if not m:
        return None
    number = m.group(1) or m.group(3)
    return Found(int(number) if number else _COUNT_WORDS[m.group(2).lower()], m.group(0))


# --- thời hạn -----------------------------------------------------------------------------------------------------

_TIME = re.compile(
    r"(?:trong\s+(?:thời\s+hạn|vòng|thời\s+gian)|không\s+quá|chậm\s+nhất(?:\s+là)?|tối\s+đa(?:\s+là)?|sau"
    r"|thời\s+(?:gian|hạn)\s+(?:xử\s+lý|giải\s+quyết)[^.;\d]{0,60}?\s+là)\s+"
    r"(\d{1,3})\s*(?:\([^)]{0,30}\)\s*)?(ngày\s+làm\s+việc|ngày|tháng)",
    _I,
)
_START = re.compile(
    r"kể\s+từ\s+(?:ngày|khi|thời\s+điểm)\s+(?:nhận|tiếp\s+nhận)[^,.;]{0,80}|kể\s+từ\s+ngày\s+nhận\s+được[^,.;]{0,80}"
    # who receives between ("kể từ khi Kho bạc Nhà nước nhận được hồ sơ hợp lệ")
    r"|kể\s+từ\s+(?:ngày|khi)\s+(?:[^,.;]{0,60}?\s)?(?<!chứng\s)(?<!xác\s)(?:nhận|tiếp\s+nhận)\s+(?:được\s+)?(?:đủ\s+|đầy\s+đủ\s+)?hồ\s+sơ[^,.;]{0,60}",
    _I,
)


# A lead naming the time limit whose points give the days ("Thời hạn cấp chứng chỉ tư vấn được quy định như sau:"
# read with its points, "… như sau: 10 ngày làm việc đối với trường hợp cấp mới, …").
_LISTED_TIME = re.compile(
    r"thời\s+hạn\s+(?:giải\s+quyết|cấp|xem\s+xét|thẩm\s+định|trả\s+kết\s+quả)[^:.;]{0,80}:\s*"
    r"(?:[a-zđ]\)\s*)?(\d{1,3})\s*(?:\([^)]{0,30}\)\s*)?(ngày\s+làm\s+việc|ngày|tháng)",
    _I,
)
_START_DOSSIER = re.compile(
    r"kể\s+từ[^,.;]{0,30}nhận[^,.;]{0,30}(?:hồ\s+sơ|đơn|(?:văn\s+bản\s+)?đề\s+nghị)", _I
)


_COMPLETENESS = re.compile(
    r"kiểm\s+tra\s+(?:tính\s+)?(?:đầy\s+đủ|hợp\s+lệ|sự\s+đầy\s+đủ)|yêu\s+cầu[^.;]{0,40}(?:sửa\s+đổi|bổ\s+sung|hoàn\s+thiện)"
    r"|hướng\s+dẫn[^.;]{0,60}(?:hoàn\s+thiện|bổ\s+sung)|thông\s+báo[^.;]{0,60}bổ\s+sung",
    _I,
)
_HANDS_IN_BEFORE = re.compile(r"\b(?:nộp|gửi)\s+(?:[^\s.;]+\s+){0,3}hồ\s+sơ\b", _I)


def time_limit(text: str) -> Found | None:
    """The time limit for deciding: a number of days or months that runs from the receipt of the dossier
    ("trong thời hạn 20 ngày làm việc kể từ ngày nhận được hồ sơ"). Periods that do not run from a receipt
    ("ảnh chụp không quá 06 tháng", "có thời hạn 05 năm") are not time limits of the procedure; a time limit to
    ask for a missing paper ("trường hợp hồ sơ chưa đầy đủ …") is not the one for deciding."""
    for m in sorted(
        _TIME.finditer(text), key=lambda m: not _START_DOSSIER.search(text, m.end(), m.end() + 160)
    ):
        tail = text[m.end() : m.end() + 160]
        start = _START.search(tail)
        if not start or start.start() > 40:
            continue
        before = re.split(r"[.;]", text[max(0, m.start() - 140) : m.start()])[-1]  # this sentence only
        if re.search(
            r"(?:chưa\s+(?:đầy\s+đủ|đủ|hợp\s+lệ|đúng)|không\s+(?:hợp\s+lệ|đầy\s+đủ|bảo\s+đảm|đủ)|bổ\s+sung)",
            before,
            _I,
        ):
            continue
        clause = re.split(r"[.;]", text[m.end() : m.end() + 240])[0]
        if _COMPLETENESS.search(clause):
            continue  # the time to check the dossier is complete or ask for what it lacks, not to decide
        if _HANDS_IN_BEFORE.search(before):
            continue  # the applicant's time to hand the dossier in ("nộp hồ sơ cho cơ quan … trong thời hạn 30 ngày")
        n, unit = int(m.group(1)), m.group(2).lower()
        days, working = (
            (n * 30, False) if unit.startswith("tháng") else (n, "làm việc" in " ".join(unit.split()))
        )
        start_words = start.group(0).strip()
        return Found(TimeLimit(days, working, start_words), text[m.start() : m.end() + start.end()].strip())
    listed = _LISTED_TIME.search(text)  # "Thời hạn cấp chứng chỉ … như sau: a) 10 ngày làm việc đối với …"
    if listed is not None:
        n, unit = int(listed.group(1)), listed.group(2).lower()
        days, working = (
            (n * 30, False) if unit.startswith("tháng") else (n, "làm việc" in " ".join(unit.split()))
        )
        return Found(TimeLimit(days, working, None), listed.group(0).strip())
    for m in _TIME.finditer(text):  # "… giải quyết trong thời hạn 15 ngày làm việc": no start named
        before = text[max(0, m.start() - 80) : m.start()]
        if re.search(r"(?:giải\s+quyết|xem\s+xét,?\s+quyết\s+định[^.;]{0,60})\s*$", before, _I):
            n, unit = int(m.group(1)), m.group(2).lower()
            days, working = (
                (n * 30, False) if unit.startswith("tháng") else (n, "làm việc" in " ".join(unit.split()))
            )
            return Found(TimeLimit(days, working, None), text[max(0, m.start() - 40) : m.end()].strip())
    return None


# --- kết quả ---------------------------------------------------------------------------------------------------

_OBJECT_HEAD = re.compile(
    r"^(?:quy\s+định\s+về\s+)?(?:(?:hồ\s+sơ|trình\s+tự|thủ\s+tục|thẩm\s+quyền|cách\s+thức|nguyên\s+tắc)"
    r"[\s,]*(?:và\s+)?)+",
    _I,
)


def _result_pattern() -> re.Pattern[str]:
    nouns = "|".join(f"(?:{p})" for p in lexicon()["result_nouns"])
    return re.compile(
        r"\b(?:cấp|cấp\s+mới|cấp\s+lại|cấp\s+đổi|cấp\s+điều\s+chỉnh|gia\s+hạn|công\s+nhận|xét\s+tặng|tặng|phê\s+duyệt)"
        r"(?:\s*,\s*(?:cấp\s+lại|cấp\s+đổi|cấp\s+điều\s+chỉnh|gia\s+hạn|truy\s+tặng|thu\s+hồi|cấp))*"
        r"(?:\s+(?:và|hoặc)\s+(?:cấp\s+lại|cấp\s+điều\s+chỉnh|gia\s+hạn|thu\s+hồi))?\s+"
        # the rest of the sentence when it is short, else about 90 characters ending on a whole word
        rf"([“\"]?(?:{nouns})(?:[^;.]{{0,150}}(?=[;.]|$)|[^;.]{{0,90}}[^\s;.]*))",
        _I,
    )


def procedure_object(heading: str) -> str:
    """What a procedure article's heading is about, without its lead words ("Hồ sơ đề nghị cấp giấy phép" and
    "Trình tự, thủ tục cấp giấy phép" are both about "cấp giấy phép"): two articles about the same object are one
    procedure."""
    rest = _OBJECT_HEAD.sub("", heading.strip())
    rest = re.sub(r"^(?:đề\s+nghị|xin)\s+", "", rest, flags=_I)
    return re.sub(r"\s+", " ", rest).strip(" .,").lower()


def undoes(heading: str) -> bool:
    """Whether a procedure's heading undoes a decision ("Hồ sơ, thủ tục hủy bỏ quyết định tặng …")."""
    cancelling = "|".join(f"(?:{p})" for p in lexicon()["cancelling"])
    head = re.sub(r"^(?:hồ\s+sơ|trình\s+tự|thủ\s+tục|đề\s+nghị|[,\s])+", "", heading, flags=_I)
    return bool(heading) and bool(re.match(rf"(?:{cancelling})\b", head, _I))


def result_of(heading: str, text: str = "") -> Found | None:
    """The result of a procedure: what the heading says is granted ("… cấp giấy phép" → "giấy phép", "… xét tặng
    “Huy chương …”" → "Huy chương …"), else the first paper the text says is issued. A procedure that undoes a
    decision ("Hồ sơ, thủ tục hủy bỏ quyết định tặng danh hiệu …") results in the decision that undoes it, as the
    text names it ("quyết định hủy bỏ quyết định tặng danh hiệu thi đua")."""
    cancelling = "|".join(f"(?:{p})" for p in lexicon()["cancelling"])
    if undoes(heading):
        if m := re.search(rf"quyết\s+định\s+(?:{cancelling})\s+[^,;.]{{3,90}}", text, _I):
            value = re.split(r"\s+(?:và|hoặc|đối\s+với|thuộc)\s", m.group(0))[0]
            return Found(value.strip(" ,"), m.group(0)[:200])
        return None
    for source in (heading, text):
        m = _result_pattern().search(source)
        if m:
            value = re.split(
                r"\s+(?:theo|tại|đối\s+với|cho|của\s+tổ\s+chức|khi)\s|,?\s+trong\s+đó\b", m.group(1)
            )[0]
            value = value.strip(" ,")
            if value[:1] in '“"' and value.count("”") + value.count('"') == 1:
                value = value.strip('“”"')  # one quoted name: the name
            return Found(value, m.group(0)[:200])
    return None


# --- phí, mẫu, điều kiện, trình tự ------------------------------------------------------------------------------

_AMOUNT = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d{4,})\s*(?:đồng|VNĐ)", _I)
_FORM_NAME = re.compile(r"[Mm]ẫu\s+số\s+[\dA-Z][\w./\-]*|Mẫu\s+[A-Z]*\d[\w./\-]*")


def fees(text: str) -> Found | None:
    """A fee or charge the procedure asks: the amounts named, or the rule it follows ("nộp phí thẩm định theo quy
    định của pháp luật về phí và lệ phí"). "Miễn phí", "không thu phí" is a fee of 0; "chi phí", "kinh phí" are
    not fees."""
    for sentence in re.split(r";\s*|\.(?:\s+|$)", text):
        if not re.search(r"(?<!chi )(?<!kinh )\b(?:lệ\s+)?phí\b", sentence, _I):
            continue
        if not re.search(
            r"\blệ\s+phí|nộp\s+phí|\bphí\s+(?:thẩm|cấp|đăng)|miễn\s+phí|thu\s+phí", sentence, _I
        ):
            continue
        words = sentence.strip()
        if re.search(r"miễn\s+(?:lệ\s+)?phí|không\s+(?:thu|phải\s+nộp)\s+(?:lệ\s+)?phí", words, _I):
            return Found(0, words[:300])
        amounts = [int(a.replace(".", "")) for a in _AMOUNT.findall(words)]
        return Found(amounts or "theo quy định của pháp luật về phí, lệ phí", words[:300])
    return None


def forms(text: str) -> list[str]:
    """The forms a text names ("Mẫu số 05/PLIII")."""
    return list(dict.fromkeys(m.group(0).rstrip(".,;") for m in _FORM_NAME.finditer(text)))


def is_condition(text: str) -> bool:
    """A unit that states a requirement or condition of the procedure ("đáp ứng điều kiện quy định tại Điều 21",
    "Không cấp giấy phép trong các trường hợp sau")."""
    return bool(
        re.search(
            r"(?:đáp\s+ứng|bảo\s+đảm|đủ|đảm\s+bảo)\s+(?:các\s+)?điều\s+kiện|điều\s+kiện\s+(?:cấp|để|được)|"
            r"không\s+cấp\s+[^.;]{0,40}trong\s+các\s+trường\s+hợp",
            text,
            _I,
        )
    )


_STEP = re.compile(
    r"\b(?:nộp|gửi|tiếp\s+nhận|kiểm\s+tra|thẩm\s+định|thẩm\s+tra|xem\s+xét|cấp|trả\s+kết\s+quả|trình|"
    r"thông\s+báo|có\s+văn\s+bản|quyết\s+định|lấy\s+ý\s+kiến|tổ\s+chức\s+(?:họp|kiểm\s+tra))\b",
    _I,
)


def is_step(text: str) -> bool:
    """A unit that is a step of the procedure: someone hands in, receives, checks, decides or answers. A dossier
    component ("Văn bản đề nghị …", "Bản sao …") is not a step."""
    if dossier_item(text) is not None and re.match(
        r"\s*(?:văn\s+bản|bản|đơn|tờ\s+khai|giấy|phiếu|danh\s+sách|báo\s+cáo|hợp\s+đồng|quyết\s+định|thông\s+báo)\b",
        text,
        _I,
    ):
        return False
    return bool(_STEP.search(text)) and bool(
        re.search(r"hồ\s+sơ|giấy|quyết\s+định|kết\s+quả|văn\s+bản", text, _I)
    )
