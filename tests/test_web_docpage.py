"""The document page to work from (issue 18, item 3): the text as it reads on a date beside the text as issued,
the relation diagram's filters and steps, and the upload page — through the app's client (each page and its JSON
twin) and in a real browser (Chromium via Playwright, as in tests/test_web.py), with screenshots."""

from __future__ import annotations

import io
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import quote

import pytest

from review import defaults
from review.build import build
from review.web import create_app, safety
from tests.test_web import _shot, browser  # noqa: F401  (the shared Chromium fixture)

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parents[1]
ND10 = quote("10/2020/NĐ-CP", safe="")
ND31 = quote("31/2023/NĐ-CP", safe="")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("docpage")
    build([DATA / "timeline", DATA / "findings", DATA / "doc_at"], out, jobs=1)
    return out


@pytest.fixture(scope="module")
def app(corpus):
    return create_app(corpus, warm_up=False)


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def store_copy(corpus, tmp_path) -> Path:
    """A copy of the small corpus a test may add documents to."""
    target = tmp_path / "indexes"
    shutil.copytree(corpus, target, symlinks=True)
    return target


def _csrf(c, url: str = "/upload") -> str:
    return re.search(r'name="csrf_token" value="([0-9a-f]+)"', c.get(url).get_data(as_text=True))[1]


# --- the text on a date -----------------------------------------------------------------------------------------

UNITS = [
    # (document, date, unit, state, words in its text on the date, words not in it)
    (ND10, "2021-06-30", "dieu_2__khoan_1", "unchanged", "02 bộ", "01 bộ"),
    (ND10, "2021-08-01", "dieu_2__khoan_1", "amended", "01 bộ", "02 bộ"),
    # the second amendment's instruction is in its article's heading ("Sửa đổi khoản 1 Điều 2 … như sau:")
    (ND10, "2023-06-01", "dieu_2__khoan_1", "amended", "bản điện tử", "01 bộ"),
    (ND10, "2021-06-30", "dieu_2__khoan_3", "unchanged", "cấp xã", "bãi bỏ"),
    (ND10, "2021-08-01", "dieu_2__khoan_3", "repealed", "bãi bỏ", "cấp xã"),
    (ND10, "2021-08-01", "dieu_3", "amended", "Sở Tài chính", "Kế hoạch"),
    (ND10, "2021-06-30", "dieu_3", "unchanged", "Kế hoạch và Đầu tư", "Tài chính"),
    # "Sửa đổi Điều 2." says nothing of the new wording: the last known wording, marked as such
    (ND31, "2024-09-01", "dieu_2", "unknown", "20 ngày", "~"),
    (ND31, "2024-01-01", "dieu_2", "unchanged", "20 ngày", "~"),
    (ND31, "2024-09-01", "dieu_4", "amended", "10 năm", "05 năm"),
    (ND31, "2024-01-01", "dieu_4", "unchanged", "05 năm", "10 năm"),
    (ND31, "2024-09-01", "dieu_3__khoan_2", "repealed", "bãi bỏ", "trực tiếp"),
    # "Bổ sung Điều 4a sau Điều 4 như sau: “…”" adds a unit the original does not have, after Điều 4
    (ND31, "2024-09-01", "dieu_4a", "inserted", "gia hạn một lần", "~"),
    # "Sửa đổi Phụ lục II." names a unit this text does not have: listed, not invented
    (ND31, "2024-09-01", "phu_luc_II", "unplaced", "", "~"),
]


@pytest.mark.parametrize(("doc", "at", "eid", "state", "present", "absent"), UNITS)
def test_units_on_a_date(client, doc, at, eid, state, present, absent):
    data = client.get(f"/doc/{doc}.json?at={at}").get_json()
    assert data["at"] == at
    unit = next(u for u in data["units"] if u["eid"] == eid)
    assert unit["state"] == state
    assert present in unit["text"] and absent not in unit["text"]
    assert (unit["operations"] != []) == (state != "unchanged")


@pytest.mark.parametrize(("eid", "state"), [("dieu_4a", "inserted"), ("phu_luc_II", "unplaced")])
def test_units_added_later_are_absent_before(client, eid, state):
    before = client.get(f"/doc/{ND31}.json?at=2024-07-31").get_json()
    after = client.get(f"/doc/{ND31}.json?at=2024-08-01").get_json()
    assert eid not in {u["eid"] for u in before["units"]}
    assert next(u for u in after["units"] if u["eid"] == eid)["state"] == state


def test_the_page_marks_each_unit(client):
    html = client.get(f"/doc/{ND31}?at=2024-09-01").get_data(as_text=True)
    assert "Đã bãi bỏ từ 01/08/2024 bởi" in html and "Được sửa đổi bởi" in html
    assert "Kho chưa có nội dung mới" in html and "new wording not in the store" in html
    assert "Bản gốc" in html and "Bản hợp nhất tại ngày 01/09/2024" in html
    assert 'data-state="repealed"' in html and 'data-state="amended"' in html
    inserted = html[html.index('id="dieu_4a"') :]
    assert "Được bổ sung bởi" in inserted[:800] and "Điều 4a. Gia hạn giấy phép" in inserted[:800]
    assert html.index('id="dieu_4"') < html.index('id="dieu_4a"') < html.index('id="dieu_5"')
    assert "Thay đổi chưa hiển thị được" in html and "Phụ lục II" in html
    before = client.get(f"/doc/{ND31}?at=2024-01-01").get_data(as_text=True)
    assert "Đã bãi bỏ từ" not in before and "Sẽ được sửa đổi từ 01/08/2024" in before
    assert "Kho chưa có nội dung mới" not in before


def test_history_one_click_away_with_its_comparison(client):
    html = client.get(f"/doc/{ND10}?at=2023-06-01").get_data(as_text=True)
    block = html[html.index('id="dieu_2__khoan_1"') :]
    block = block[: block.index("</details>")]
    assert "Lịch sử" in block and "01/07/2021" in block and "01/01/2023" in block
    links = [u.replace("&amp;", "&") for u in re.findall(r'href="(/diff\?[^"]+)"', block)]
    # the badge by the unit's head compares the version before the last change with the page's date
    assert "to=2023-06-01" in links[0] and "from=" not in links[0]
    link = next(u for u in links if "to=2021-07-01" in u)
    compared = client.get(link)
    words = compared.get_data(as_text=True)
    assert compared.status_code == 200 and "<del>02 </del>" in words and "<ins>01 </ins>" in words


@pytest.mark.parametrize(
    ("url", "code"),
    [(f"/doc/{ND10}?at=not-a-date", 400), ("/doc/99%2F2099%2FN%C4%90-CP?at=2024-01-01", 404)],
)
def test_doc_page_errors(client, url, code):
    assert client.get(url).status_code == code


# --- the diagram -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "relations", "absent"),
    [
        ("", {"amends", "repeals", "legal_basis", "guides"}, set()),
        ("?rel=amends", {"amends"}, {"legal_basis", "guides", "repeals"}),
        ("?rel=amends&rel=guides", {"amends", "guides"}, {"legal_basis", "repeals"}),
    ],
)
def test_graph_relation_filter(client, query, relations, absent):
    data = client.get(f"/doc/{ND10}/graph.json{query}").get_json()
    shown = {e["relation"] for e in data["edges"]}
    assert relations <= shown and not shown & absent
    nodes = {n["id"] for n in data["nodes"]}
    assert {e["source"] for e in data["edges"]} | {e["target"] for e in data["edges"]} <= nodes
    html = client.get(f"/doc/{ND10}/graph{query}").get_data(as_text=True)
    rows = set(re.findall(r'<tr class="dir-\w+" data-relation="(\w+)"', html))
    assert rows == shown  # the table twin lists the same edges


def test_graph_steps(client):
    one = client.get("/doc/50%2F2019%2FQH14/graph.json").get_json()
    two = client.get("/doc/50%2F2019%2FQH14/graph.json?depth=2").get_json()
    assert {e["depth"] for e in one["edges"]} == {1}
    far = {(e["source"], e["relation"], e["target"]) for e in two["edges"] if e["depth"] == 2}
    assert ("20/2021/NĐ-CP", "amends", "10/2020/NĐ-CP") in far
    assert len(two["nodes"]) > len(one["nodes"])


@pytest.mark.parametrize("query", ["?rel=nope", "?depth=3", "?depth=x"])
def test_graph_bad_parameters(client, query):
    assert client.get(f"/doc/{ND10}/graph{query}").status_code == 400


def test_graph_legend_is_the_edge_colours(client):
    """One source of colours: the swatches in style.css, which graph.js reads; no later rule greys them."""
    css = client.get("/static/style.css").get_data(as_text=True)
    js = client.get("/static/graph.js").get_data(as_text=True)
    assert "getComputedStyle(s).backgroundColor" in js and "#0b5cad" not in js
    colours = dict(re.findall(r"\.swatch\.rel-(\w+) \{ background-color: (#[0-9a-f]{6}); \}", css))
    assert {"amends", "repeals", "legal_basis", "cites", "guides"} <= set(colours)
    assert len(set(colours.values())) == len(colours)
    last = css.rindex(".swatch.rel-")
    assert not re.search(r"\.swatch[^{]*\{[^}]*background", css[last:].split("}", 1)[1])


# --- the upload page ---------------------------------------------------------------------------------------------

DOCX = ROOT / "corpus" / "docx" / "84_2015_ATVSLD.docx"


def _files(*items: tuple[bytes, str]):
    return [(io.BytesIO(data), name) for data, name in items]


def test_upload_preview_then_add(store_copy):
    c = create_app(store_copy, warm_up=False).test_client()
    token = _csrf(c)
    page = c.post(
        "/upload",
        data={
            "csrf_token": token,
            "files": _files(
                (DOCX.read_bytes(), DOCX.name),
                (b"MZ\x90\x00", "setup.exe"),
                (b"%PDF-1.4 broken", "hong.pdf"),
                ((DATA / "timeline" / "nd_10_2020.txt").read_bytes(), "nd_10_2020.txt"),
            ),
        },
        content_type="multipart/form-data",
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Kết quả đọc tệp" in html
    assert "84/2015/QH13" in html and "Bố cục" in html and "Thêm vào kho" in html
    assert "E103" in html and "E104" in html and "Đã có trong kho" in html
    assert "Không nhận loại tệp này" in html and "Tệp bị hỏng" in html  # the error in Vietnamese, coded
    assert c.get("/doc/84%2F2015%2FQH13.json").status_code == 404  # parsed, not added yet
    batch = re.search(r'name="batch" value="([0-9a-f]+)"', html)[1]
    done = c.post("/upload.json", data={"csrf_token": token, "action": "add", "batch": batch}).get_json()
    result = {f["name"]: f["result"] for f in done["files"]}
    assert result == {
        DOCX.name: "added",
        "setup.exe": "refused",
        "hong.pdf": "refused",
        "nd_10_2020.txt": "already",
    }
    added = next(f for f in done["files"] if f["name"] == DOCX.name)
    assert added["added"] == ["84/2015/QH13"] and added["links"] == ["/doc/84%2F2015%2FQH13"]
    assert c.get("/doc/84%2F2015%2FQH13.json").get_json()["document"]["id"] == "84/2015/QH13"
    ids = {r["id"] for r in c.get("/documents.json").get_json()}
    assert {"84/2015/QH13", "10/2020/NĐ-CP", "31/2023/NĐ-CP"} <= ids  # nothing stored is lost
    hits = c.get("/search.json?q=" + quote("an toàn vệ sinh lao động")).get_json()
    assert any(h["doc"] == "84/2015/QH13" for h in hits)
    again = c.post("/upload.json", data={"csrf_token": token, "action": "add", "batch": batch})
    assert again.status_code == 404  # a batch is added once


def test_upload_in_one_step_for_scripts(store_copy):
    c = create_app(store_copy, warm_up=False).test_client()
    token = _csrf(c)
    r = c.post(
        "/upload.json",
        data={"csrf_token": token, "action": "add", "files": _files((DOCX.read_bytes(), DOCX.name))},
        content_type="multipart/form-data",
    )
    data = r.get_json()
    assert r.status_code == 200 and data["files"][0]["result"] == "added"
    assert data["build"]["parsed"] == 1 and data["build"]["problems"] == []


@pytest.mark.parametrize(
    ("case", "code"),
    [("no csrf", 403), ("no file", 400), ("bad action", 400), ("someone else's batch", 404)],
)
def test_upload_refusals(store_copy, case, code):
    c = create_app(store_copy, warm_up=False).test_client()
    token = _csrf(c)
    form: dict = {"csrf_token": token, "files": _files((DOCX.read_bytes(), DOCX.name))}
    if case == "no csrf":
        form.pop("csrf_token")
    elif case == "no file":
        form.pop("files")
    elif case == "bad action":
        form["action"] = "delete"
    elif case == "someone else's batch":
        form = {"csrf_token": token, "action": "add", "batch": "0123456789abcdef"}
    r = c.post("/upload.json", data=form, content_type="multipart/form-data")
    assert r.status_code == code and r.get_json()["error"]


def test_upload_needs_a_writer_off_loopback(store_copy):
    public = create_app(store_copy, host="0.0.0.0", token="s3cret", warm_up=False)
    reader = public.test_client()
    assert "Cần đăng nhập" in reader.get("/upload").get_data(as_text=True)
    token = reader.get("/upload.json").get_json()["csrf_token"]  # a session's token does not make it a writer
    assert reader.get("/upload.json").get_json()["can_write"] is False
    form = {"csrf_token": token, "files": _files((DOCX.read_bytes(), DOCX.name))}
    assert reader.post("/upload.json", data=form, content_type="multipart/form-data").status_code == 403
    writer = public.test_client()
    html = writer.get("/upload?token=s3cret").get_data(as_text=True)
    token = re.search(r'csrf_token" value="([0-9a-f]+)"', html)[1]
    form = {"csrf_token": token, "files": _files((DOCX.read_bytes(), DOCX.name))}
    assert writer.post("/upload.json", data=form, content_type="multipart/form-data").status_code == 200


@pytest.mark.parametrize(("limit", "code", "words"), [("file", 200, "E106"), ("body", 413, "tối đa")])
def test_upload_size_limits(store_copy, monkeypatch, limit, code, words):
    if limit == "file":
        monkeypatch.setattr(defaults, "WEB_UPLOAD_FILE_BYTES", 1000)
    else:
        monkeypatch.setattr(safety, "UPLOAD_BODY", 1000)
    c = create_app(store_copy, warm_up=False).test_client()
    token = _csrf(c)
    form = {"csrf_token": token, "files": _files((DOCX.read_bytes(), DOCX.name))}
    r = c.post("/upload.json", data=form, content_type="multipart/form-data")
    assert r.status_code == code and words in r.get_data(as_text=True)
    # the other requests keep their own limit
    assert c.get("/upload").status_code == 200


# --- in a real browser -------------------------------------------------------------------------------------------


def _serve(app):
    from werkzeug.serving import make_server

    srv = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f"http://127.0.0.1:{srv.server_port}"


@pytest.fixture(scope="module")
def server(app):
    srv, url = _serve(app)
    yield url
    srv.shutdown()


def test_text_on_a_date_in_a_browser(server, browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/doc/{ND10}?at=2021-06-30")
    clause = page.locator("#dieu_2__khoan_1 > .versions .v-at")
    assert "02 bộ" in clause.inner_text()
    assert page.locator("#dieu_2__khoan_3 > .versions .v-at s").count() == 0
    # a later date, through the date picker
    page.fill("section.status-box input[name=at]", "2021-08-01")
    page.click("section.status-box button[type=submit]")
    page.wait_for_url(re.compile(r"at=2021-08-01"))
    assert "01 bộ" in clause.inner_text() and "02 bộ" not in clause.inner_text()
    assert "02 bộ" in page.locator("#dieu_2__khoan_1 > .versions .v-orig").inner_text()  # the original beside
    repealed = page.locator("#dieu_2__khoan_3")
    assert "Đã bãi bỏ từ 01/07/2021 bởi 20/2021/NĐ-CP" in repealed.locator(".unit-head").inner_text()
    assert repealed.locator(".v-at s").count() == 1
    _shot(page, "11-van-ban-tai-ngay")
    # the toggle: only the original
    page.click("label[for=view-orig]")
    assert not clause.is_visible() and page.locator("#dieu_2__khoan_1 > .versions .v-orig").is_visible()
    page.click("label[for=view-both]")
    # the history, one click away, and its comparison
    history = page.locator("#dieu_2__khoan_1 > details.history")
    history.locator("summary").click()
    assert "20/2021/NĐ-CP" in history.inner_text()
    history.locator("a.compare").first.click()
    page.wait_for_url(re.compile(r"/diff\?"))
    assert page.locator("table.diff del").first.inner_text().strip() == "02"
    page.set_viewport_size({"width": 420, "height": 900})
    page.goto(f"{server}/doc/{ND31}?at=2024-09-01")
    assert page.locator("#dieu_2 .unknown-note").is_visible()
    assert not page.locator("#dieu_4 > .versions .v-orig").is_visible()  # narrow: one column at a time
    page.click("label[for=view-orig]")
    assert page.locator("#dieu_4 > .versions .v-orig").is_visible()
    _shot(page, "12-van-ban-tai-ngay-hep")
    assert errors == []
    page.close()


def test_diagram_filter_in_a_browser(server, browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/doc/{ND10}/graph")
    page.wait_for_selector("#cy[data-ready='1']")
    edges = int(page.get_attribute("#cy", "data-edges") or 0)
    rows = page.locator("#relations-table tr[data-relation=amends]")
    amending = rows.count()
    assert edges >= 4 and amending >= 1 and rows.first.is_visible()
    assert "20/2021/NĐ-CP" in rows.first.inner_text()  # the table twin lists the edge
    # the legend's colour is the edge's colour
    swatch = page.eval_on_selector(".legend .swatch.rel-amends", "s => getComputedStyle(s).backgroundColor")
    edge = page.evaluate("() => window.reviewGraph.edges('[relation = \"amends\"]')[0].style('line-color')")
    assert swatch.replace(" ", "") == edge.replace(" ", "") and swatch != "rgb(153, 153, 153)"
    size = page.evaluate("() => window.reviewGraph.nodes()[0].renderedStyle('font-size')")
    assert float(size.removesuffix("px")) >= 12
    _shot(page, "13-luoc-do")
    page.uncheck(".legend input[value=amends]")
    assert int(page.get_attribute("#cy", "data-edges") or 0) == edges - amending
    assert not any(r.is_visible() for r in rows.all())
    page.click("form.graph-controls button[type=submit]")  # the same filter on the server
    page.wait_for_url(re.compile(r"rel="))
    assert page.locator("#relations-table tr[data-relation=amends]").count() == 0
    assert page.locator("#relations-table tr[data-relation=legal_basis]").count() >= 1
    _shot(page, "14-luoc-do-loc")
    assert errors == []
    page.close()


def test_upload_in_a_browser(store_copy, browser, tmp_path):  # noqa: F811
    srv, url = _serve(create_app(store_copy, warm_up=False))
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "/upload")
        bad = tmp_path / "ghi-chu.exe"
        bad.write_bytes(b"MZ\x90\x00")
        page.set_input_files("input[name=files]", [str(DOCX), str(bad)])
        assert "Đã chọn 2 tệp" in page.inner_text("label.drop")
        page.click("form.upload button[type=submit]")
        page.wait_for_selector("article.upload-file")
        assert "84/2015/QH13" in page.inner_text("section.upload-report")
        assert "E103" in page.inner_text("section.upload-report")
        _shot(page, "15-them-van-ban-xem-truoc")
        page.click("form.add button[type=submit]")
        page.wait_for_selector("a.added-doc")
        assert "Đã thêm" in page.inner_text("section.upload-report")
        _shot(page, "16-them-van-ban-ket-qua")
        page.click("a.added-doc")
        page.wait_for_selector("article.document")
        assert "84/2015/QH13" in page.inner_text("h1")
        page.goto(url + "/documents")
        assert "84/2015/QH13" in page.inner_text("table.documents")
        page.goto(url + "/search?q=" + quote("an toàn vệ sinh lao động"))
        assert page.locator("section.group[data-doc='84/2015/QH13']").count() == 1
        assert errors == []
        page.close()
    finally:
        srv.shutdown()


@pytest.mark.parametrize(("age_hours", "kept"), [(1, True), (30, False)])
def test_previews_never_added_are_kept_a_day(store_copy, age_hours, kept):
    import os
    import time

    c = create_app(store_copy, warm_up=False).test_client()
    token = _csrf(c)
    form = {"csrf_token": token, "files": _files((DOCX.read_bytes(), DOCX.name))}
    first = c.post("/upload.json", data=form, content_type="multipart/form-data").get_json()["batch"]
    folder = store_copy / "uploads" / ".staging" / first
    then = time.time() - age_hours * 3600
    os.utime(folder, (then, then))
    form = {"csrf_token": token, "files": _files((DOCX.read_bytes(), DOCX.name))}
    c.post("/upload.json", data=form, content_type="multipart/form-data")
    assert folder.is_dir() == kept
