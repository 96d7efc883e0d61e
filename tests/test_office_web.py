"""The office's pages in the web app — Hết hiệu lực (the annual list), So sánh (versions compared) and the merged
provinces' documents — with their JSON twins, a decision posted, and the pages in a real browser (Chromium via
Playwright) with a screenshot of each as a test artifact."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from review.build import build
from review.web import create_app
from tests.test_web import ARTIFACTS, browser  # noqa: F401  (the shared Chromium fixture)

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("office-web")
    build([DATA / "timeline"], out, jobs=1)
    return out


@pytest.fixture(scope="module")
def client(corpus):
    return create_app(corpus).test_client()


@pytest.mark.parametrize(
    ("url", "status", "text"),
    [
        ("/expired?authority=Ch%C3%ADnh+ph%E1%BB%A7&year=2021", 200, "B. VĂN BẢN HẾT HIỆU LỰC"),
        ("/expired?authority=Ch%C3%ADnh+ph%E1%BB%A7&year=2025", 200, "10/2020/NĐ-CP"),
        ("/expired", 200, "Lập danh mục"),
        ("/expired?authority=Nowhere&year=2025", 400, "Nowhere"),
        ("/diff?doc=10/2020/N%C4%90-CP&unit=dieu_3&from=2021-06-30&to=2021-07-01", 200, "<del>"),
        ("/diff?doc=10/2020/N%C4%90-CP&unit=dieu_3", 200, "2021-07-01"),  # the history's dates to choose from
        ("/diff?doc=10/2020/N%C4%90-CP&other=20/2021/N%C4%90-CP", 200, "bỏ"),
        ("/diff?doc=99/2099/N%C4%90-CP&from=2021-01-01", 404, ""),
        ("/merger?authority=HCM", 200, "nhóm chủ đề"),
        ("/merger?authority=ZZZ", 400, ""),
    ],
)
def test_pages(client, url, status, text):
    r = client.get(url)
    assert r.status_code == status and text in r.get_data(as_text=True)


def test_json_twins(client):
    data = client.get("/expired.json?authority=Ch%C3%ADnh+ph%E1%BB%A7&year=2021").get_json()
    assert [(e["scope"], e["doc"]) for e in data["entries"]] == [("partial", "10/2020/NĐ-CP")]
    diff = client.get(
        "/diff.json?doc=10/2020/N%C4%90-CP&unit=dieu_3&from=2021-06-30&to=2021-07-01"
    ).get_json()
    assert diff["pairs"] and diff["left"].endswith("(2021-06-30)")
    assert client.get("/merger.json?authority=HCM").get_json() == []


def test_document_page_links_to_the_comparison(client):
    page = client.get("/doc/10%2F2020%2FN%C4%90-CP?at=2021-08-01").get_data(as_text=True)
    assert (
        "/diff?doc=10/2020/N%C4%90-CP&amp;unit=dieu_3" in page
        or "/diff?doc=10%2F2020%2FN%C4%90-CP&amp;unit=dieu_3" in page
    )


@pytest.fixture(scope="module")
def server(corpus, tmp_path_factory):
    from werkzeug.serving import make_server

    app = create_app(corpus)
    srv = make_server("127.0.0.1", 0, app, threaded=False)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_office_pages_in_a_browser(server, browser, tmp_path):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    # the annual list: fill the form, read the table, download the workbook
    page.goto(server + "/expired")
    page.fill("input[name=authority]", "Chính phủ")
    page.fill("input[name=year]", "2021")
    page.click("button[type=submit]")
    page.wait_for_selector("table.expired")
    assert "10/2020/NĐ-CP" in page.inner_text("main")
    with page.expect_download() as dl:
        page.click("a:has-text('Tải XLSX')")
    from openpyxl import load_workbook

    saved = tmp_path / "danh-muc.xlsx"
    dl.value.save_as(saved)
    wb = load_workbook(saved)
    assert wb.worksheets[1].cell(4, 3).value.startswith("10/2020/NĐ-CP")
    _shot(page, "7-het-hieu-luc")

    # from a document's amended unit to the comparison of its two versions
    page.goto(server + "/doc/10%2F2020%2FN%C4%90-CP?at=2021-08-01")
    page.click("#dieu_3 a.compare")
    # one click shows a real comparison: the version before the last change against the page's date
    page.wait_for_selector("table.diff")
    assert (
        page.input_value("input[name=from]") == "2021-06-30"
        and page.input_value("input[name=to]") == "2021-08-01"
    )
    assert page.locator("table.diff del, table.diff ins").count() >= 1 and "Mặc định" in page.inner_text(
        "main"
    )
    _shot(page, "8-so-sanh-mac-dinh")
    page.wait_for_selector("p.count a")
    page.click("p.count a >> nth=0")
    page.wait_for_selector("table.diff")
    assert page.locator("table.diff del, table.diff ins").count() >= 1
    _shot(page, "8-so-sanh")

    page.goto(server + "/merger?authority=HCM")
    page.wait_for_selector("h1")
    _shot(page, "9-sap-xep")
    assert errors == []
    page.close()
