"""The search pages of the web app on the demo corpus: the /suggest JSON, the document card of a number query,
"did you mean" for a near-miss number, a document's hits grouped with a "more from this document" link, the full
JSON twin — and the same in a real browser (Chromium via Playwright, as in tests/test_web.py), with screenshots."""

from __future__ import annotations

import threading
from urllib.parse import quote

import pytest

from review.web import create_app
from tests.test_web import _shot, browser  # noqa: F401  (the shared Chromium fixture)


@pytest.fixture(scope="module")
def app(demo_corpus):
    return create_app(demo_corpus)


@pytest.fixture()
def client(app):
    return app.test_client()


# (typed, a document the list must have; None: the list is empty)
SUGGEST = [
    ("26/2026", "26/2026/NĐ-CP"),
    ("NĐ 145/2020", "145/2020/NĐ-CP"),
    ("vung phat thai", "57/2025/NQ-HĐND@HN"),
    ("x", None),
    ("qqqzz", None),
]


@pytest.mark.parametrize(("typed", "doc"), SUGGEST)
def test_suggest_json(client, typed, doc):
    r = client.get("/suggest?q=" + quote(typed))
    assert r.status_code == 200 and r.mimetype == "application/json"
    found = [s["doc"] for s in r.get_json()["suggestions"]]
    assert (doc in found) if doc else found == []


# (query, a text the page must show, a text it must not)
PAGES = [
    ("NĐ 26/2026", 'class="doc-card"', "did-you-mean"),
    ("NĐ 26/2027", "Có phải bạn muốn tìm", 'class="doc-card"'),
    ("dat dai", "more-link", 'class="doc-card"'),
]


@pytest.mark.parametrize(("q", "shown", "absent"), PAGES)
def test_search_page(client, q, shown, absent):
    html = client.get("/search?q=" + quote(q)).get_data(as_text=True)
    assert shown in html and absent not in html


def test_json_twin(client):
    hits = client.get("/search.json?q=" + quote("NĐ 26/2026")).get_json()
    assert isinstance(hits, list) and hits[0]["group"]["doc"] == "26/2026/NĐ-CP"  # the list (CONTRACT.md)
    full = client.get("/search.json?full=1&q=" + quote("NĐ 26/2026")).get_json()
    assert full["documents"][0]["doc"] == "26/2026/NĐ-CP" and full["documents"][0]["status"]
    assert full["hits"] and full["did_you_mean"] == []
    near = client.get("/search.json?full=1&q=" + quote("NĐ 26/2027")).get_json()
    assert near["documents"] == [] and near["did_you_mean"][0]["doc"] == "26/2026/NĐ-CP"
    one = client.get("/search.json?doc=" + quote("49/2026/NĐ-CP") + "&q=dat+dai").get_json()
    assert one and {h["doc"] for h in one} == {"49/2026/NĐ-CP"}


# (query string of /documents.json, a document that must be listed, one that must not; None: no such check)
DOCUMENTS = [
    ("type=" + quote("Nghị định"), "26/2026/NĐ-CP", "84/2015/QH13"),
    ("authority=HN", "57/2025/NQ-HĐND@HN", "26/2026/NĐ-CP"),
    ("year=2015", "84/2015/QH13", "26/2026/NĐ-CP"),
    ("status=in_force&at=2026-03-01", "26/2026/NĐ-CP", None),
    ("status=not_yet_in_force&at=2000-01-01", "26/2026/NĐ-CP", None),
    ("status=in_force&at=2000-01-01", None, "26/2026/NĐ-CP"),
]


@pytest.mark.parametrize(("query", "listed", "absent"), DOCUMENTS)
def test_documents_list(client, query, listed, absent):
    rows = client.get("/documents.json?" + query).get_json()
    ids = [r["id"] for r in rows]
    if listed:
        assert listed in ids
    if absent:
        assert absent not in ids


def test_documents_sorting_and_errors(client):
    rows = client.get("/documents.json?sort=issued").get_json()
    issued = [r["issued"] for r in rows if r["issued"]]
    assert issued == sorted(issued, reverse=True)
    numbers = [r["number"] or "" for r in client.get("/documents.json?sort=number").get_json()]
    assert numbers == sorted(numbers, key=lambda n: (n == "", n))
    assert client.get("/documents?sort=nope").status_code == 400
    assert client.get("/documents?at=not-a-date").status_code == 400
    html = client.get("/documents?type=" + quote("Luật")).get_data(as_text=True)
    assert "Danh sách văn bản" in html and "Còn hiệu lực" in html


@pytest.fixture(scope="module")
def server(app):
    from werkzeug.serving import make_server

    srv = make_server("127.0.0.1", 0, app, threaded=False)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()


def test_search_in_a_browser(server, browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    # 1. suggestions as the user types; Enter on the first opens the document
    page.goto(server + "/")
    page.type("input[name=q]", "NĐ 26/20", delay=30)
    page.wait_for_selector("#suggestions li")
    assert "26/2026/NĐ-CP" in page.inner_text("#suggestions li:first-child strong")
    _shot(page, "7-goi-y")
    page.press("input[name=q]", "ArrowDown")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("article.document")
    assert "/doc/" in page.url

    # 2. the document card of a number query, before its provisions
    page.goto(server + "/search?q=" + quote("NĐ 26/2026"))
    card = page.locator("article.doc-card").first
    assert "26/2026/NĐ-CP" in card.inner_text() and card.locator(".badge").count() == 1
    assert page.locator("section.group").first.get_attribute("data-doc") == "26/2026/NĐ-CP"
    _shot(page, "8-the-van-ban")

    # 3. grouped results: several documents on the first page, each with its "more" link
    page.goto(server + "/search?q=dat+dai")
    docs = [g.get_attribute("data-doc") for g in page.locator("section.group").all()]
    assert len(docs) >= 3 and len(docs) == len(set(docs))
    assert all(page.locator("section.group").nth(i).locator("li.hit").count() <= 3 for i in range(len(docs)))
    more = page.locator("a.more-link").first
    _shot(page, "9-nhom-ket-qua")
    more.click()
    page.wait_for_selector("section.group")
    assert len(page.locator("section.group").all()) == 1

    # 4. the list of documents, filtered by type, statuses in Vietnamese
    page.goto(server + "/documents")
    page.select_option("select[name=type]", "Luật")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("table.documents tbody tr")
    assert "type=" in page.url and page.locator("table.documents tbody tr").count() >= 3
    assert "Còn hiệu lực" in page.inner_text("table.documents") or "Hết hiệu lực" in page.inner_text(
        "table.documents"
    )
    _shot(page, "10-danh-sach-van-ban")
    assert errors == []
    page.close()
