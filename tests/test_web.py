"""The web app: every page and its JSON twin, escaping of hostile document text, CSRF and the write token, no
file from outside the static folder — and the reviewer's path in a real browser (Debian's Chromium driven by
Playwright; CI installs it), with a screenshot of each page saved as a test artifact."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest

from review.build import build
from review.web import create_app
from tests.conftest import require_tool

DATA = Path(__file__).parent / "data"
CHROMIUM = Path(os.environ.get("REVIEW_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(os.environ.get("REVIEW_ARTIFACTS", Path(__file__).parents[1] / "test-artifacts"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("web")
    build([DATA / "timeline", DATA / "findings", DATA / "web"], out, jobs=1)
    return out


@pytest.fixture()
def client(corpus):
    return create_app(corpus).test_client()


PAGES = [
    ("/", "Tìm kiếm"),
    ("/search?q=thu+nghiem+san+pham", "kết quả"),
    ("/doc/10%2F2020%2FN%C4%90-CP", "Hết hiệu lực toàn bộ"),
    ("/doc/10%2F2020%2FN%C4%90-CP?at=2021-08-01", "Hết hiệu lực một phần"),
    ("/doc/10%2F2020%2FN%C4%90-CP/graph", "Lược đồ quan hệ"),
    ("/findings", "phát hiện"),
]


@pytest.mark.parametrize(("url", "text"), PAGES)
def test_pages(client, url, text):
    r = client.get(url)
    assert r.status_code == 200 and r.mimetype == "text/html"
    assert text in r.get_data(as_text=True)
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]


def test_json_twins(client):
    raw = client.get("/search.json?q=thu+nghiem").get_data(as_text=True)
    assert "Thông tư" in raw and "\\u" not in raw  # real Vietnamese characters (CONTRACT.md)
    hits = client.get("/search.json?q=thu+nghiem").get_json()
    assert hits and {"doc", "unit", "title", "type", "score", "snippet", "status"} <= set(hits[0])
    same = client.get("/search?q=thu+nghiem", headers={"Accept": "application/json"}).get_json()
    assert same == hits
    doc = client.get("/doc/10%2F2020%2FN%C4%90-CP.json?at=2021-08-01").get_json()
    assert doc["document"]["id"] == "10/2020/NĐ-CP" and doc["status"]["status"] == "partly_expired"
    assert doc["status"]["because"] and doc["references"] and doc["history"]
    graph = client.get("/doc/10%2F2020%2FN%C4%90-CP/graph.json").get_json()
    assert graph["center"] == "10/2020/NĐ-CP"
    assert {("20/2021/NĐ-CP", "amends"), ("50/2019/QH14", "guides")} <= {
        (e["source"] if e["direction"] == "in" else e["target"], e["relation"]) for e in graph["edges"]
    }
    findings = client.get("/findings.json?kind=outdated").get_json()
    assert findings and all(f["kind"] == "outdated" for f in findings)
    assert client.get("/doc/nope.json").get_json()["status"] == 404


def test_hostile_text_is_escaped(client):
    html = client.get("/doc/99%2F2024%2FTT-BTN").get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(3)&gt;" in html or "&quot;&gt;&lt;img src=x" in html
    hits = client.get("/search?q=hien+thi+an+toan").get_data(as_text=True)
    assert "<img src=x" not in hits and "<script>alert" not in hits


def test_no_file_outside_the_static_folder(client):
    for url in ("/static/../__init__.py", "/static/%2e%2e/__init__.py", "/static/..%2f..%2fpyproject.toml"):
        assert client.get(url).status_code == 404
    assert client.get("/static/vendor/cytoscape.min.js").status_code == 200


def test_decisions_need_csrf_and_on_other_hosts_a_token(corpus):
    app = create_app(corpus)
    c = app.test_client()
    fid = c.get("/findings.json").get_json()[0]["id"]
    assert c.post(f"/findings/{fid}/decision", data={"decision": "accept"}).status_code == 403
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', c.get("/findings").get_data(as_text=True))[1]
    r = c.post(f"/findings/{fid}/decision", data={"decision": "accept", "csrf_token": token})
    assert r.status_code == 302
    assert next(f for f in c.get("/findings.json").get_json() if f["id"] == fid)["decision"] == "accept"
    r = c.post(f"/findings/{fid}/decision", data={"decision": "maybe", "csrf_token": token})
    assert r.status_code == 400

    with pytest.raises(Exception, match="token"):
        create_app(corpus, host="0.0.0.0")
    public = create_app(corpus, host="0.0.0.0", token="s3cret")
    reader, writer = public.test_client(), public.test_client()
    assert "Chỉ xem" in reader.get("/findings").get_data(as_text=True)
    csrf = re.search(
        r'csrf_token" value="([0-9a-f]+)"', writer.get("/findings?token=s3cret").get_data(as_text=True)
    )
    assert csrf, "with the write token the decision forms appear"
    assert (
        writer.post(
            f"/findings/{fid}/decision", data={"decision": "reject", "csrf_token": csrf[1]}
        ).status_code
        == 302
    )
    # the CSRF token alone is not enough without the write token
    assert (
        reader.post(
            f"/findings/{fid}/decision", data={"decision": "accept", "csrf_token": csrf[1]}
        ).status_code
        == 403
    )
    assert reader.get("/findings?token=wrong").status_code == 200 and "Chỉ xem" in reader.get(
        "/findings"
    ).get_data(as_text=True)


# --- in a real browser --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(corpus):
    from werkzeug.serving import make_server

    app = create_app(corpus)
    srv = make_server("127.0.0.1", 0, app, threaded=False)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()


@pytest.fixture(scope="module")
def browser():
    require_tool(CHROMIUM.exists(), f"Chromium ({CHROMIUM})", "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield b
        b.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_reviewer_path_in_a_browser(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    # 1. search without accents
    page.goto(server + "/")
    page.fill("input[name=q]", "huong dan ho so thu nghiem")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("ol.hits li")
    _shot(page, "1-tim-kiem")
    assert "kết quả" in page.inner_text("p.count")

    # 2. open a provision
    page.click("ol.hits li:first-child a.hit-title")
    page.wait_for_selector("article.document")
    assert "/doc/03%2F2021%2FTT-BTC" in page.url and "#dieu_1__khoan_1" in page.url
    _shot(page, "2-van-ban")

    # 3. follow a reference to the cited decree
    page.click("#dieu_1__khoan_1 a.ref")
    page.wait_for_url(re.compile(r"/doc/10%2F2020%2FN%C4%90-CP.*#dieu_2__khoan_1"))
    page.wait_for_selector("#dieu_2__khoan_1")
    assert "Nghị định 10/2020/NĐ-CP" in page.inner_text("h1")
    _shot(page, "3-dan-chieu")

    # 4. the relation diagram, drawn by the vendored cytoscape
    page.click("a.button:has-text('Lược đồ quan hệ')")
    page.wait_for_selector("#cy[data-ready='1']")
    page.wait_for_timeout(400)
    assert page.locator("table.relations tbody tr").count() >= 3
    _shot(page, "4-luoc-do")

    # 5. accept a finding, reload, the decision is kept
    page.goto(server + "/findings")
    first = page.locator("article.finding").first
    fid = first.get_attribute("id")
    first.locator("input[name=note]").fill("Đồng ý, đề xuất sửa căn cứ")
    first.locator("button.accept").click()
    page.wait_for_load_state()
    page.reload()
    kept = page.locator(f"#{fid}")
    assert "Đã chấp nhận" in kept.inner_text() and "Đồng ý, đề xuất sửa căn cứ" in kept.inner_text()
    _shot(page, "5-ra-soat")

    # 6. hostile text renders as text
    page.goto(server + "/doc/99%2F2024%2FTT-BTN")
    body = page.inner_text("article.document")
    assert "<script>alert(2)</script>" in body and '"><img src=x onerror=alert(3)>' in body
    assert page.locator("article.document img").count() == 0
    _shot(page, "6-an-toan")
    assert dialogs == [] and errors == []
    page.close()
