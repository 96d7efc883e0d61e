"""Citizens' feedback on the web pages (issue 16): the document page's "Phản ánh, kiến nghị" section per unit, the
"n phản ánh" part of a finding's score on the findings list and the finding page with a link to the records, the
feedback list, their JSON twins, the sender shown only to a signed-in lead who asks — and the same in Chromium with
a screenshot (test-artifacts/)."""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import require_tool

DATA = Path(__file__).parent / "data"
DOC = "/doc/145%2F2020%2FN%C4%90-CP"
LEAD, PASSWORD = "lan", "mat-khau-lan-3"


@pytest.fixture(scope="module")
def corpus(demo_corpus, tmp_path_factory):
    from review.cli import main  # after the demo corpus is built (review.cli imports the review.build module)

    target = tmp_path_factory.mktemp("feedback-web") / "indexes"
    shutil.copytree(demo_corpus, target, symlinks=True)
    runner = CliRunner()
    done = runner.invoke(
        main, ["feedback", "import", str(DATA / "feedback_sample.csv"), "--corpus", str(target)]
    )
    assert done.exit_code == 0, done.output
    added = runner.invoke(
        main,
        ["users", "add", LEAD, "--role", "lead", "--password-stdin", "--corpus", str(target)],
        input=PASSWORD + "\n",
    )
    assert added.exit_code == 0, added.output
    return target


@pytest.fixture(scope="module")
def app(corpus):
    from review.web import create_app

    return create_app(corpus, warm_up=False)


def _login(client) -> None:
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page)[1]
    assert (
        client.post("/login", data={"name": LEAD, "password": PASSWORD, "csrf_token": token}).status_code
        == 302
    )


def test_the_document_page_shows_the_feedback_per_unit_and_its_json_twin_the_same(app):
    c = app.test_client()
    page = c.get(DOC).get_data(as_text=True)
    section = page[page.index('<section class="doc-feedback"') :]
    section = section[: section.index("</section>")]
    twin = c.get(DOC + ".json").get_json()["feedback"]
    assert twin and sum(g["count"] for g in twin) == section.count("<tr>") - len(
        twin
    )  # one header row per unit
    explicit = next(g for g in twin if g["unit"] == "dieu_25__khoan_3")
    (record,) = [r for r in explicit["records"] if r["id"] == "PA-001"]
    assert record["link"]["confidence"] == 0.95 and record["link"]["reason"].startswith("trích dẫn")
    assert record["sender"] == "(ẩn)" and "Nguyễn Văn An" not in page
    # the unit's heading, count and link to the records; each record's title, date, status, confidence, reason
    assert "khoản 3 Điều 25" in section and "/feedback?doc=145" in section
    distinct = {r["id"] for g in twin for r in g["records"]}
    assert f"(citizens' feedback)</span>: {len(distinct)}</h2>" in section
    for words in (record["title"], "02/03/2026", record["status"], "95%", "trích dẫn"):
        assert words in section, words
    # a document nobody wrote about has no section
    other = c.get("/doc/13%2F2015%2FTT-BTC")
    assert other.status_code == 200 and "doc-feedback" not in other.get_data(as_text=True)
    assert c.get("/doc/13%2F2015%2FTT-BTC.json").get_json()["feedback"] == []


def test_the_sender_is_shown_only_to_a_signed_in_lead_who_asks(app):
    anonymous = app.test_client()
    asked = anonymous.get(DOC + "?show_sender=1").get_data(as_text=True)
    assert "Nguyễn Văn An" not in asked and "chỉ hiển thị cho trưởng nhóm" in asked
    assert "Nguyễn Văn An" not in str(anonymous.get("/feedback.json?show_sender=1").get_json())
    lead = app.test_client()
    _login(lead)
    assert "Nguyễn Văn An" not in lead.get(DOC).get_data(as_text=True)  # not asked: hidden
    assert "Nguyễn Văn An" in lead.get(DOC + "?show_sender=1").get_data(as_text=True)
    shown = lead.get("/feedback.json?show_sender=1").get_json()
    assert any(r["sender"] == "Nguyễn Văn An" for r in shown)


def test_the_findings_carry_n_phan_anh_with_a_link_to_the_records(app):
    c = app.test_client()
    found = c.get("/findings.json?doc=145/2020/NĐ-CP").get_json()
    with_feedback = [f for f in found if f.get("feedback")]
    assert with_feedback and all(f["score_parts"]["feedback"] > 0 for f in with_feedback)
    assert all("feedback" not in f for f in found if not f["score_parts"].get("feedback"))
    first = with_feedback[0]
    article = first["unit"].split("__")[0]
    from review.defaults import WEB_PER_PAGE

    page = found.index(first) // WEB_PER_PAGE + 1  # the listing is paginated in the JSON's order
    listing = c.get(f"/findings?doc=145/2020/NĐ-CP&page={page}").get_data(as_text=True)
    assert f"{first['feedback']} phản ánh</a>" in listing
    finding = c.get(f"/finding/{first['id']}").get_data(as_text=True)
    link = re.search(r'<a class="badge feedback" href="([^"]+)"', finding)[1].replace("&amp;", "&")
    assert f"unit={article}" in link
    assert c.get(f"/finding/{first['id']}.json").get_json()["finding"]["feedback"] == first["feedback"]
    records = c.get(link.replace("/feedback?", "/feedback.json?")).get_json()
    assert len(records) == first["feedback"]
    assert all(any(x["unit"].split("__")[0] == article for x in r["links"]) for r in records)


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("?doc=145/2020/NĐ-CP&unit=dieu_25", lambda rows: {"PA-001"} <= {r["id"] for r in rows}),
        ("?unlinked=1", lambda rows: rows and all(not r["links"] for r in rows)),
        ("?doc=13/2015/TT-BTC", lambda rows: rows == []),  # a document in the corpus nobody wrote about
    ],
)
def test_the_feedback_list_and_its_filters(app, query, check):
    c = app.test_client()
    rows = c.get("/feedback.json" + query).get_json()
    assert check(rows)
    assert c.get("/feedback" + query).status_code == 200


def test_a_document_not_in_the_corpus_is_an_error(app):
    assert app.test_client().get("/feedback.json?doc=999/2099/NĐ-CP").status_code == 404


@pytest.fixture(scope="module")
def server(app):
    from werkzeug.serving import make_server

    srv = make_server("127.0.0.1", 0, app, threaded=False)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()


@pytest.fixture(scope="module")
def browser(server):
    # tests/test_web.py's Chromium, imported late: that module imports review.build (the module), which must not
    # shadow review.build (the function) before the session's demo corpus is built.
    from tests.test_web import CHROMIUM

    require_tool(CHROMIUM.exists(), f"Chromium ({CHROMIUM})", "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def test_the_feedback_in_a_browser(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + DOC + "#phan-anh")
    page.wait_for_selector("section.doc-feedback")
    text = page.inner_text("section.doc-feedback")
    assert "Phản ánh, kiến nghị" in text and "khoản 3 Điều 25" in text and "95%" in text
    page.locator("section.doc-feedback").scroll_into_view_if_needed()
    page.locator("section.doc-feedback").screenshot(path=str(_artifact("11-phan-anh-van-ban")))
    # the unit's count opens the records about it
    page.click("section.doc-feedback h3:has-text('khoản 3 Điều 25') a:has-text('phản ánh')")
    page.wait_for_selector("table.feedback tbody tr")
    assert "/feedback?" in page.url and "PA-001" in page.inner_text("table.feedback")
    page.screenshot(path=str(_artifact("12-danh-sach-phan-anh")), full_page=True)
    assert not errors, errors


def _artifact(name: str) -> Path:
    from tests.test_web import ARTIFACTS

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / f"{name}.png"
