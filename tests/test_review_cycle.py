"""The review cycle in the findings list (issue 17, the reviewer's complaints after a 50-finding review): filters by
decision state, assignee and overdue, the sent-back mark with the lead's note, the lead's approval queue (single
and bulk), the finding page with its evidence and decide buttons, the document filter through the resolver, the
comparison's default dates, and Vietnamese labels with the English terms as tooltips only."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from review.build import build
from review.cli import main
from review.web import create_app

DATA = Path(__file__).parent / "data"
PASSWORDS = {"an": "mat-khau-an-1", "binh": "mat-khau-binh-2", "lan": "mat-khau-lan-3"}
ROLES = {"an": "reviewer", "binh": "reviewer", "lan": "lead"}
LOCAL = """ỦY BAN NHÂN DÂN
THÀNH PHỐ {city_upper}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 09/2025/QĐ-UBND
{city}, ngày {day} tháng 3 năm 2025
QUYẾT ĐỊNH
Ban hành Quy định về thời hạn cấp giấy phép
Điều 1. Thời hạn cấp giấy phép là 10 ngày làm việc.
Điều 2. Quyết định này có hiệu lực thi hành từ ngày 20 tháng 3 năm 2025.
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    local = tmp_path_factory.mktemp("local")
    # two provinces' decisions with the same number: the document filter must offer the choice
    (local / "qd_hn.txt").write_text(
        LOCAL.format(city_upper="HÀ NỘI", city="Hà Nội", day=10), encoding="utf-8"
    )
    (local / "qd_hp.txt").write_text(
        LOCAL.format(city_upper="HẢI PHÒNG", city="Hải Phòng", day=12), encoding="utf-8"
    )
    out = tmp_path_factory.mktemp("cycle")
    build([DATA / "timeline", DATA / "findings", DATA / "web", local], out, jobs=1)
    for name, password in PASSWORDS.items():
        r = CliRunner().invoke(
            main,
            ["users", "add", name, "--role", ROLES[name], "--password-stdin", "--corpus", str(out)],
            input=password + "\n",
        )
        assert r.exit_code == 0, r.output
    return out


@pytest.fixture(scope="module")
def app(corpus):
    return create_app(corpus, warm_up=False)


def _csrf(client, url="/login") -> str:
    return re.search(r'name="csrf_token" value="([0-9a-f]+)"', client.get(url).get_data(as_text=True))[1]


def _client(app, name: str | None):
    c = app.test_client()
    if name:
        r = c.post("/login", data={"name": name, "password": PASSWORDS[name], "csrf_token": _csrf(c)})
        assert r.status_code == 302
    return c


@pytest.fixture(scope="module")
def cycle(app):
    """Ten findings; a: accepted by an (pending), b: rejected by an then approved by lan, c: accepted by an then
    sent back with a note, d: accepted by binh (pending); e assigned to binh, due yesterday; f assigned to binh,
    due next year; j (the last) is left alone."""
    an, binh, lan = _client(app, "an"), _client(app, "binh"), _client(app, "lan")
    ids = [f["id"] for f in an.get("/findings.json").get_json()]
    assert len(ids) >= 10
    a, b, c, d, e, f = ids[:6]

    def decide(client, fid, choice):
        r = client.post(
            f"/findings/{fid}/decision", data={"decision": choice, "csrf_token": _csrf(client, "/findings")}
        )
        assert r.status_code == 302

    def step(fid, action, note=""):
        r = lan.post(
            f"/finding/{fid}/review",
            data={"action": action, "note": note, "csrf_token": _csrf(lan, "/findings")},
        )
        assert r.status_code == 302

    decide(an, a, "accept")
    decide(an, b, "reject")
    step(b, "approve")
    decide(an, c, "accept")
    step(c, "send_back", "thiếu căn cứ pháp lý")
    decide(binh, d, "accept")
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    next_year = (date.today() + timedelta(days=365)).isoformat()
    for fid, due in ((e, yesterday), (f, next_year)):
        r = lan.post(
            f"/finding/{fid}/assign",
            data={"assignee": "binh", "due": due, "csrf_token": _csrf(lan, "/findings")},
        )
        assert r.status_code == 302
    return dict(zip("abcdef", ids[:6], strict=True)) | {"j": ids[-1]}


def _ids(client, query: str) -> set[str]:
    r = client.get("/findings.json?" + query)
    assert r.status_code == 200, r.get_data(as_text=True)
    return {f["id"] for f in r.get_json()}


@pytest.mark.parametrize(
    ("user", "query", "expected"),
    [
        (None, "state=undecided", "efj"),
        (None, "state=accept", "acd"),
        (None, "state=reject", "b"),
        (None, "state=pending", "ad"),
        (None, "state=approved", "b"),
        (None, "state=sent_back", "c"),
        ("an", "state=sent_back_to_me", "c"),  # an took the decision the lead sent back
        ("binh", "state=sent_back_to_me", ""),
        (None, "assignee=binh", "ef"),
        ("binh", "assignee=me", "ef"),
        ("an", "assignee=me", ""),
        (None, "assignee=binh&overdue=1", "e"),  # due yesterday, still undecided
        (None, "overdue=1", "e"),
        (None, "state=undecided&assignee=binh", "ef"),
    ],
)
def test_filters_by_state_and_assignee(app, cycle, user, query, expected):
    watched = set(cycle.values())
    assert _ids(_client(app, user), query) & watched == {cycle[k] for k in expected}


@pytest.mark.parametrize(
    ("user", "query", "status"),
    [
        (None, "state=maybe", 400),  # no such state
        (None, "assignee=ai-do", 400),  # no reviewer of that name: an error, not an empty list
        (None, "assignee=me", 400),  # "me" needs someone signed in
        (None, "state=sent_back_to_me", 400),
        ("an", "state=sent_back_to_me", 200),
    ],
)
def test_filters_that_name_nothing_are_errors(app, cycle, user, query, status):
    assert _client(app, user).get("/findings.json?" + query).status_code == status


def test_the_json_twin_says_where_each_finding_stands(app, cycle):
    data = {f["id"]: f for f in _client(app, None).get("/findings.json").get_json()}
    sent = data[cycle["c"]]["review"]
    assert (sent["state"], sent["by"], sent["note"], sent["sent_back_to"]) == (
        "sent_back",
        "lan",
        "thiếu căn cứ pháp lý",
        "an",
    )
    assert data[cycle["j"]]["review"]["state"] == "undecided" and data[cycle["j"]]["assignment"] is None
    assert data[cycle["e"]]["assignment"]["assignee"] == "binh"


def test_a_sent_back_finding_is_marked_in_the_list(app, cycle):
    page = _client(app, "an").get("/findings").get_data(as_text=True)
    articles = dict(re.findall(r'<article class="[^"]*" id="f-([^"]+)">(.*?)</article>', page, re.S))
    assert "Trả lại" in articles[cycle["c"]] and "thiếu căn cứ pháp lý" in articles[cycle["c"]]
    assert "thiếu căn cứ pháp lý" not in articles[cycle["a"]] and "Chờ duyệt" in articles[cycle["a"]]
    assert "quá hạn" in articles[cycle["e"]] and "quá hạn" not in articles[cycle["f"]]


def test_the_lead_approval_queue_single_and_bulk(app, cycle):
    an, lan = _client(app, "an"), _client(app, "lan")
    g, h = [
        f["id"] for f in an.get("/findings.json?state=undecided").get_json() if f["id"] not in cycle.values()
    ][:2]
    token = _csrf(an, "/findings")
    for fid in (g, h):
        an.post(f"/findings/{fid}/decision", data={"decision": "accept", "csrf_token": token})
    queue = lan.get("/findings?state=pending").get_data(as_text=True)
    assert "Chờ duyệt" in queue and 'class="bulk-review"' in queue and f'id="f-{g}"' in queue
    assert 'class="bulk-review"' not in an.get("/findings?state=pending").get_data(as_text=True)
    lead_token = _csrf(lan, "/findings")
    # one from the list, back to the queue
    back = "/findings?state=pending"
    r = lan.post(f"/finding/{g}/review", data={"action": "approve", "next": back, "csrf_token": lead_token})
    assert r.status_code == 302 and r.headers["Location"].startswith(back)
    # the rest in bulk, with one note; a reviewer may not
    form = {
        "action": "send_back",
        "note": "bổ sung căn cứ",
        "id": [h],
        "next": back,
        "csrf_token": lead_token,
    }
    assert an.post("/findings/bulk/review", data={**form, "csrf_token": token}).status_code == 403
    r = lan.post("/findings/bulk/review", data=form)
    assert r.status_code == 302 and "reviewed=1" in r.headers["Location"]
    assert g in _ids(lan, "state=approved") and h in _ids(lan, "state=sent_back")
    assert {g, h}.isdisjoint(_ids(lan, "state=pending"))
    # findings without a decision cannot be approved in bulk
    assert lan.post("/findings/bulk/review", data={**form, "id": [cycle["j"]]}).status_code == 400


def test_the_finding_page_shows_the_evidence_and_decides(app, cycle):
    an = _client(app, "an")
    fid = cycle["j"]
    f = next(x for x in an.get("/findings.json").get_json() if x["id"] == fid)
    back = "/findings?kind=" + f["kind"]
    page = an.get(f"/finding/{fid}?back={back}").get_data(as_text=True)
    assert f"<mark>{f['text']}</mark>" in page.replace("&#34;", '"').replace("&#39;", "'")
    assert "Quy tắc" in page and f["code"] in page and "Căn cứ" in page
    assert 'class="accept"' in page and 'class="reject"' in page and 'class="note-only"' in page
    assert f'name="next" value="{back}"' in page
    r = an.post(
        f"/findings/{fid}/decision",
        data={"decision": "reject", "next": back, "csrf_token": _csrf(an, "/findings")},
    )
    assert r.status_code == 302 and r.headers["Location"].startswith(back)
    data = an.get(f"/finding/{fid}.json").get_json()
    assert data["finding"]["decision"] == "reject" and data["rule"]["code"] == f["code"]
    # never back to another site
    evil = an.get(f"/finding/{fid}?back=//evil.example/x").get_data(as_text=True)
    assert "evil.example" not in evil


@pytest.mark.parametrize(
    ("typed", "status", "docs"),
    [
        ("nd 10/2020", 200, {"10/2020/NĐ-CP"}),  # a short form, without the Vietnamese Đ
        ("10/2020/ND-CP", 200, {"10/2020/NĐ-CP"}),
        ("thông tư 03/2021", 200, {"03/2021/TT-BTC"}),
        ("QĐ 09/2025@HN", 200, set()),  # the Hà Nội decision exists and has no finding
        ("QĐ 09/2025", 300, None),  # two provinces' decisions: a choice
        ("99/2099/NĐ-CP", 404, None),  # nothing has this number
    ],
)
def test_the_document_filter_goes_through_the_resolver(app, typed, status, docs):
    c = _client(app, None)
    r = c.get("/findings.json", query_string={"doc": typed})
    assert r.status_code == status
    if docs is not None:
        assert {f["doc"] for f in r.get_json()} == docs
    if status == 404:  # the error page leads back to the list, without the document filter
        page = c.get("/findings", query_string={"doc": typed, "kind": "outdated"}).get_data(as_text=True)
        assert 'class="back-to-list" href="/findings?kind=outdated"' in page
    if status == 300:
        assert {x["id"] for x in r.get_json()["candidates"]} == {"09/2025/QĐ-UBND@HN", "09/2025/QĐ-UBND@HP"}
        page = c.get("/findings", query_string={"doc": typed, "kind": "outdated"}).get_data(as_text=True)
        assert "Hải Phòng" in page and "kind=outdated" in page


def test_the_comparison_defaults_to_the_previous_version(app):
    c = _client(app, None)
    page = c.get("/diff?doc=10/2020/N%C4%90-CP&unit=dieu_3").get_data(as_text=True)
    assert 'name="from" value="2021-06-30"' in page and "<del>" in page and "Mặc định" in page
    # a unit without a history: nothing to default to, no comparison
    quiet = c.get("/diff?doc=03/2021/TT-BTC&unit=dieu_1").get_data(as_text=True)
    assert 'name="from" value=""' in quiet and 'table class="relations diff"' not in quiet
    doc = c.get("/doc/10%2F2020%2FN%C4%90-CP?at=2021-08-01").get_data(as_text=True)
    assert "So sánh phiên bản" in doc and "to=2021-08-01" in doc


def test_english_terms_are_tooltips_not_text(app):
    c = _client(app, "an")
    found = c.get("/findings.json").get_json()
    page = c.get("/findings").get_data(as_text=True)
    assert '<p class="en">' not in page and '<span class="en">(accept)</span>' not in page
    english = found[0]["message_en"]
    assert english and f'title="{english[:20]}' in page.replace("&#34;", '"').replace("&#39;", "'")
