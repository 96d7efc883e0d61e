"""Reviewers (issue 17.1): accounts from the command line, hashed passwords, sign-in in the web app, an
append-only history of who decided what and what it replaced, a lead's approval and sending back, assignments,
bulk decisions with a confirmation and an undo, and two reviewers deciding at once over a real server without
losing each other's decisions."""

from __future__ import annotations

import http.cookiejar
import os
import re
import sqlite3
import threading
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from review.build import build
from review.cli import main
from review.web import create_app
from tests.conftest import require_tool

DATA = Path(__file__).parent / "data"
PASSWORDS = {
    "an": "mat-khau-an-1",
    "binh": "mat-khau-binh-2",
    "lan": "mat-khau-lan-3",
    "xem": "mat-khau-xem-4",
}
ROLES = {"an": "reviewer", "binh": "reviewer", "lan": "lead", "xem": "viewer"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("users")
    build([DATA / "timeline", DATA / "findings", DATA / "web"], out, jobs=1)
    for name, password in PASSWORDS.items():
        r = CliRunner().invoke(
            main,
            ["users", "add", name, "--role", ROLES[name], "--password-stdin", "--corpus", str(out)],
            input=password + "\n",
        )
        assert r.exit_code == 0, r.output
    return out


@pytest.mark.parametrize(
    ("args", "stdin", "code"),
    [
        (["users", "add", "moi", "--role", "reviewer", "--password-stdin"], "du-dai-roi-1\n", 0),
        (["users", "add", "moi2", "--role", "boss", "--password-stdin"], "du-dai-roi-1\n", 2),  # no such role
        (["users", "add", "ngan", "--password-stdin"], "ngan\n", 1),  # password under 8 characters
        (["users", "add", "co dau cach", "--password-stdin"], "du-dai-roi-1\n", 1),  # a space in the name
        (["users", "remove", "khong-co"], "", 1),
    ],
)
def test_users_command(corpus, args, stdin, code):
    r = CliRunner().invoke(main, [*args, "--corpus", str(corpus)], input=stdin)
    assert r.exit_code == code, r.output


def test_passwords_are_stored_hashed(corpus):
    with sqlite3.connect(corpus / "review.sqlite") as conn:
        rows = dict(conn.execute("SELECT name, password_hash FROM users").fetchall())
    assert rows["an"].startswith("scrypt:") and PASSWORDS["an"] not in rows["an"]
    listed = CliRunner().invoke(main, ["users", "list", "--corpus", str(corpus)]).output
    assert "scrypt" not in listed and '"lan"' in listed


def _csrf(client, url="/findings") -> str:
    return re.search(r'name="csrf_token" value="([0-9a-f]+)"', client.get(url).get_data(as_text=True))[1]


def _login(client, name: str, password: str | None = None):
    return client.post(
        "/login",
        data={"name": name, "password": password or PASSWORDS[name], "csrf_token": _csrf(client, "/login")},
    )


@pytest.fixture(scope="module")
def app(corpus):
    return create_app(corpus, warm_up=False)


def test_sign_in_and_roles(app):
    c = app.test_client()
    fid = c.get("/findings.json").get_json()[0]["id"]
    # accounts exist: on loopback too, an anonymous visitor only reads
    assert "Đăng nhập" in c.get("/findings").get_data(as_text=True)
    assert (
        c.post(
            f"/findings/{fid}/decision", data={"decision": "accept", "csrf_token": _csrf(c, "/login")}
        ).status_code
        == 403
    )
    assert _login(c, "an", "sai-mat-khau").status_code == 401
    assert _login(c, "khong-co", "sai-mat-khau").status_code == 401
    r = _login(c, "an")
    assert r.status_code == 302
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "an (Người rà soát)" in c.get("/findings").get_data(as_text=True)
    viewer = app.test_client()
    _login(viewer, "xem")
    assert (
        viewer.post(
            f"/findings/{fid}/decision", data={"decision": "accept", "csrf_token": _csrf(viewer)}
        ).status_code
        == 403
    )
    # a reviewer cannot approve; signing out ends the session
    assert (
        c.post(f"/finding/{fid}/review", data={"action": "approve", "csrf_token": _csrf(c)}).status_code
        == 403
    )
    assert c.post("/logout", data={"csrf_token": _csrf(c)}).status_code == 302
    assert "an (Người rà soát)" not in c.get("/findings").get_data(as_text=True)


def test_history_approval_and_assignment(app):
    an, lan = app.test_client(), app.test_client()
    _login(an, "an")
    _login(lan, "lan")
    fid = an.get("/findings.json").get_json()[1]["id"]
    token = _csrf(an)
    assert (
        an.post(f"/findings/{fid}/decision", data={"decision": "accept", "csrf_token": token}).status_code
        == 302
    )
    assert (
        an.post(
            f"/findings/{fid}/decision", data={"decision": "reject", "note": "xem lại", "csrf_token": token}
        ).status_code
        == 302
    )
    lead_token = _csrf(lan)
    assert (
        lan.post(
            f"/finding/{fid}/review",
            data={"action": "send_back", "note": "chưa đủ căn cứ", "csrf_token": lead_token},
        ).status_code
        == 302
    )
    assert (
        lan.post(
            f"/finding/{fid}/assign", data={"assignee": "binh", "due": "31/12/2026", "csrf_token": lead_token}
        ).status_code
        == 302
    )
    assert (
        lan.post(f"/finding/{fid}/assign", data={"assignee": "ai-do", "csrf_token": lead_token}).status_code
        == 400
    )
    data = an.get(f"/finding/{fid}.json").get_json()
    steps = [(h["action"], h["by_user"], h["decision"], h["previous_decision"]) for h in data["history"]]
    assert steps[-3:] == [
        ("decide", "an", "accept", None),
        ("decide", "an", "reject", "accept"),
        ("send_back", "lan", "reject", "reject"),
    ]
    assert data["assignment"]["assignee"] == "binh" and data["assignment"]["due"] == "2026-12-31"
    page = lan.get(f"/finding/{fid}").get_data(as_text=True)
    assert "Lịch sử quyết định" in page and "chưa đủ căn cứ" in page and "Duyệt" in page
    mine = an.get("/findings.json?assignee=binh").get_json()
    assert [f["id"] for f in mine] == [fid]
    # the history is append-only in the store itself
    with (
        sqlite3.connect(Path(app.config["CORPUS"]) / "review.sqlite") as conn,
        pytest.raises(sqlite3.DatabaseError),
    ):
        conn.execute("DELETE FROM decision_history")


def test_bulk_decision_confirm_and_undo(app):
    c = app.test_client()
    _login(c, "binh")
    listed = c.get("/findings.json?kind=outdated").get_json()
    ids = [f["id"] for f in listed[:3]]
    before = {f["id"]: f["decision"] for f in listed[:3]}
    token = _csrf(c)
    form = {"decision": "reject", "csrf_token": token, "id": ids}
    confirm = c.post("/findings/bulk", data=form)
    assert confirm.status_code == 200 and "Xác nhận" in confirm.get_data(as_text=True)
    now = {f["id"]: f["decision"] for f in c.get("/findings.json").get_json()}
    assert all(now[i] == before[i] for i in ids), "nothing is recorded before the confirmation"
    assert c.post("/findings/bulk", data={**form, "confirm": "1"}).status_code == 302
    now = {f["id"]: f["decision"] for f in c.get("/findings.json").get_json()}
    assert all(now[i] == "reject" for i in ids)
    assert c.post("/findings/bulk/undo", data={"csrf_token": token}).status_code == 302
    now = {f["id"]: f["decision"] for f in c.get("/findings.json").get_json()}
    assert all(now[i] == before[i] for i in ids)
    assert c.post("/findings/bulk/undo", data={"csrf_token": token}).status_code == 400  # once only


@pytest.mark.parametrize(
    ("back", "lands"),
    [
        ("/findings?kind=outdated&page=1", "/findings?kind=outdated&page=1&undo=2"),  # the filtered list kept
        ("https://evil.example/x", "/findings?undo=2"),  # never another site
        ("//evil.example/x", "/findings?undo=2"),
    ],
)
def test_a_bulk_decision_returns_to_the_filtered_list_and_says_how_many(app, back, lands):
    c = app.test_client()
    _login(c, "binh")
    ids = [f["id"] for f in c.get("/findings.json?kind=outdated").get_json()[:2]]
    token = _csrf(c)
    form = {"decision": "accept", "csrf_token": token, "id": ids, "next": back, "confirm": "1"}
    answer = c.post("/findings/bulk", data=form)
    assert answer.status_code == 302 and answer.headers["Location"].endswith(lands.split("?")[1])
    assert answer.headers["Location"].startswith(lands.split("?")[0])
    page = c.get(lands).get_data(as_text=True)
    assert "cho 2 phát hiện" in page
    undone = c.post("/findings/bulk/undo", data={"csrf_token": token})
    assert undone.status_code == 302 and not undone.headers["Location"].startswith(("http", "//"))


class Browser:
    """A client of the real server with its own cookie jar (its own session)."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=30) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def post(self, path: str, data: dict) -> int:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        try:
            with self.opener.open(self.base + path, data=body, timeout=30) as r:
                return r.status
        except urllib.error.HTTPError as e:
            return e.code

    def csrf(self, path: str = "/login") -> str:
        return re.search(r'name="csrf_token" value="([0-9a-f]+)"', self.get(path)[1])[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def live(corpus):
    from waitress.server import create_server

    srv = create_server(create_app(corpus, warm_up=False), host="127.0.0.1", port=0, threads=8)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.effective_port}"
    srv.close()


def test_two_reviewers_at_once_lose_nothing(live):
    import json

    reviewers = {name: Browser(live) for name in ("an", "binh")}
    for name, b in reviewers.items():
        assert b.post("/login", {"name": name, "password": PASSWORDS[name], "csrf_token": b.csrf()}) == 302
    ids = [f["id"] for f in json.loads(reviewers["an"].get("/findings.json")[1])]
    assert len(ids) >= 6
    shared = ids[0]
    jobs = []
    for i, fid in enumerate(ids[:6]):
        for name, b in reviewers.items():
            jobs.append((b, name, fid, "accept" if (i + len(name)) % 2 else "reject"))
    tokens = {name: b.csrf("/findings") for name, b in reviewers.items()}
    with ThreadPoolExecutor(8) as pool:
        codes = list(
            pool.map(
                lambda j: j[0].post(
                    f"/findings/{j[2]}/decision", {"decision": j[3], "note": j[1], "csrf_token": tokens[j[1]]}
                ),
                jobs,
            )
        )
    assert codes == [302] * len(jobs)
    # every decision is in the history, with its reviewer; the last one of each finding is the one shown
    for fid in ids[:6]:
        data = json.loads(reviewers["binh"].get(f"/finding/{fid}.json")[1])
        mine = [h for h in data["history"] if h["action"] == "decide" and h["note"] in ("an", "binh")]
        assert sorted(h["by_user"] for h in mine[-2:]) == ["an", "binh"]
        assert (
            data["finding"]["note"] == mine[-1]["note"]
            and data["finding"]["decision"] == mine[-1]["decision"]
        )
    assert shared


# --- in a real browser (as tests/test_web.py): two reviewers at once, then the lead approves ------------------

CHROMIUM = Path(os.environ.get("REVIEW_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(os.environ.get("REVIEW_ARTIFACTS", Path(__file__).parents[1] / "test-artifacts"))


@pytest.fixture(scope="module")
def browser():
    require_tool(CHROMIUM.exists(), f"Chromium ({CHROMIUM})", "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        yield b
        b.close()


def _signed_in(browser, live: str, name: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(live + "/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORDS[name])
    page.click("form.login button[type=submit]")
    page.wait_for_selector("article.finding")
    return context, page


def test_two_reviewers_and_a_lead_in_a_browser(live, browser):
    (ca, an), (cb, binh) = _signed_in(browser, live, "an"), _signed_in(browser, live, "binh")
    # both pages were loaded before either decides: neither decision may hide the other
    first, second = an.locator("article.finding").nth(3), binh.locator("article.finding").nth(4)
    fa, fb = first.get_attribute("id"), second.get_attribute("id")
    first.locator("input[name=note]").fill("An: đồng ý")
    second.locator("input[name=note]").fill("Bình: không đồng ý")
    first.locator("button.accept").click()
    second.locator("button.reject").click()
    an.wait_for_load_state()
    binh.wait_for_load_state()
    an.reload()
    assert "Đã chấp nhận" in an.locator(f"#{fa}").inner_text()
    assert "Đã bác bỏ" in an.locator(f"#{fb}").inner_text() and "Bình: không đồng ý" in an.inner_text(
        f"#{fb}"
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    an.screenshot(path=str(ARTIFACTS / "7-hai-nguoi-ra-soat.png"), full_page=False)

    cl, lead = _signed_in(browser, live, "lan")
    lead.locator(f"#{fb} a.history-link").click()
    lead.wait_for_selector("table.history")
    lead.fill("form.review-step input[name=note]", "Đồng ý với người rà soát")
    lead.click("form.review-step button.approve")
    lead.wait_for_selector("tr.h-approve")
    rows = lead.inner_text("table.history")
    assert "binh" in rows and "lan" in rows and "Trưởng nhóm duyệt" in rows
    lead.screenshot(path=str(ARTIFACTS / "8-truong-nhom-duyet.png"), full_page=True)
    for c in (ca, cb, cl):
        c.close()


def _decisions(live: str, query: str = "") -> dict[str, str | None]:
    import json

    status, body = Browser(live).get("/findings.json" + query)
    assert status == 200
    return {f["id"]: f["decision"] for f in json.loads(body)}


def test_a_bulk_decision_over_a_filtered_list_and_its_undo_in_a_browser(live, browser):
    context, page = _signed_in(browser, live, "binh")
    code = "OUT-LEGAL-BASIS-EXPIRED"
    before = _decisions(live, f"?code={code}")
    assert len(before) >= 2
    # filter the list with the form, then decide the whole filtered page at once
    page.select_option("form.filters select[name=code]", code)
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("article.finding")
    assert f"code={code}" in page.url and page.locator("article.finding").count() == len(before)
    page.click("form.bulk button.bulk-accept")
    page.wait_for_selector("form.bulk-confirm")
    assert "Chấp nhận" in page.inner_text("p.warn") and page.locator("main li").count() == len(before)
    _shot(page, "10-xac-nhan-hang-loat")
    assert _decisions(live, f"?code={code}") == before, "nothing is recorded before the confirmation"
    page.click("form.bulk-confirm button.confirm")
    page.wait_for_selector("form.undo")
    assert f"code={code}" in page.url  # back on the filtered list
    assert f"cho {len(before)} phát hiện" in page.inner_text("form.undo")
    assert set(_decisions(live, f"?code={code}").values()) == {"accept"}
    assert page.locator("article.finding .decision-accept").count() == len(before)
    _shot(page, "11-da-ghi-hang-loat")
    page.click("form.undo button.undo")
    page.wait_for_selector("article.finding")
    assert page.locator("form.undo").count() == 0 and f"code={code}" in page.url
    assert _decisions(live, f"?code={code}") == before
    context.close()


def test_the_lead_approval_queue_in_a_browser(live, browser):
    (ca, an) = _signed_in(browser, live, "an")
    # an decides two findings nobody has decided yet
    an.goto(live + "/findings?state=undecided")
    an.wait_for_selector("article.finding")
    chosen = [an.locator("article.finding").nth(i).get_attribute("id") for i in range(2)]
    for fid in chosen:
        an.goto(live + "/findings?state=undecided")
        an.locator(f"#{fid} button.accept").click()
        an.wait_for_load_state()
    cl, lead = _signed_in(browser, live, "lan")
    lead.click("nav a.nav-queue")
    lead.wait_for_selector("form.bulk-review")
    assert "state=pending" in lead.url and all(lead.locator(f"#{fid}").count() == 1 for fid in chosen)
    assert all("Chờ duyệt" in lead.inner_text(f"#{fid} header") for fid in chosen)
    _shot(lead, "12-hang-doi-cho-duyet")
    # one approved from the queue itself, the rest sent back in bulk with a note
    first, second = chosen
    lead.locator(f"#{first} form.review-step button.approve").click()
    lead.wait_for_selector("form.bulk-review, p.count")
    assert lead.locator(f"#{first}").count() == 0 and "state=pending" in lead.url
    lead.fill("form.bulk-review input[name=note]", "Cần bổ sung căn cứ")
    lead.click("form.bulk-review button.bulk-send-back")
    lead.wait_for_selector("p.done")
    assert lead.locator(f"#{second}").count() == 0
    # the reviewer finds it under "sent back to me", marked with the lead's note
    an.goto(live + "/findings")
    an.select_option("form.filters select[name=state]", "sent_back_to_me")
    an.click("form.filters button[type=submit]")
    an.wait_for_selector(f"#{second}")
    mark = an.inner_text(f"#{second} p.sent-back")
    assert "Trả lại" in mark and "lan" in mark and "Cần bổ sung căn cứ" in mark
    _shot(an, "13-bi-tra-lai")
    # the finding page: the evidence and the decide buttons, returning to the list it came from
    an.click(f"#{second} a.history-link")
    an.wait_for_selector("form.decide")
    assert an.locator("blockquote.evidence-text mark").count() == 1 and "Quy tắc" in an.inner_text("main")
    _shot(an, "14-phat-hien")
    an.fill("form.decide input[name=note]", "Đã bổ sung căn cứ")
    an.click("form.decide button.accept")
    an.wait_for_selector("form.filters")
    assert "state=sent_back_to_me" in an.url and an.locator(f"#{second}").count() == 0
    for c in (ca, cl):
        c.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
