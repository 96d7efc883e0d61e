"""The web app's safety rules (issue 12.7): a CSRF token per session, the Host header checked against the bound
address (DNS rebinding), frame-ancestors 'none', request bodies refused by their declared size before they are
read (413), no secret in the access log, 400 with a Vietnamese message for bad parameters, and a running app that
sees a finished build."""

from __future__ import annotations

import logging
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from review.build import build
from review.web import create_app

DATA = Path(__file__).parent / "data"
DOC = "/doc/10%2F2020%2FN%C4%90-CP"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("websafe")
    build([DATA / "timeline", DATA / "findings", DATA / "web"], out, jobs=1)
    return out


@pytest.fixture(scope="module")
def app(corpus):
    return create_app(corpus, warm_up=False)


def _csrf(client) -> str:
    return re.search(
        r'name="csrf_token" value="([0-9a-f]+)"', client.get("/findings").get_data(as_text=True)
    )[1]


def test_csrf_token_is_per_session(app):
    a, b = app.test_client(), app.test_client()
    ta, tb = _csrf(a), _csrf(b)
    assert ta != tb and len(ta) == 64
    assert _csrf(a) == ta, "the token stays the same within a session"
    fid = a.get("/findings.json").get_json()[0]["id"]
    assert (
        b.post(f"/findings/{fid}/decision", data={"decision": "accept", "csrf_token": ta}).status_code == 403
    )
    assert (
        a.post(f"/findings/{fid}/decision", data={"decision": "accept", "csrf_token": ta}).status_code == 302
    )
    assert b.post(f"/findings/{fid}/decision", data={"decision": "accept"}).status_code == 403


@pytest.mark.parametrize(
    ("host", "code"),
    [
        ("127.0.0.1:8000", 200),
        ("localhost:8000", 200),
        ("127.0.0.1", 200),
        ("[::1]:8000", 200),
        ("evil.example", 400),
        ("evil.example:8000", 400),
        ("127.0.0.1.evil.example", 400),
        ("10.0.0.5:8000", 400),
    ],
)
def test_host_header_is_this_server(app, host, code):
    r = app.test_client().get("/", headers={"Host": host})
    assert r.status_code == code
    if code == 400:
        assert "Host" in r.get_data(as_text=True)


def test_host_header_off_loopback(corpus):
    public = create_app(
        corpus, host="10.1.2.3", token="s3cret", hosts=("ra-soat.so-tu-phap.vn",), warm_up=False
    )
    c = public.test_client()
    assert c.get("/", headers={"Host": "10.1.2.3:8000"}).status_code == 200
    assert c.get("/", headers={"Host": "ra-soat.so-tu-phap.vn"}).status_code == 200
    assert c.get("/", headers={"Host": "attacker.example"}).status_code == 400
    assert public.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize("url", ["/", "/findings", DOC, "/findings.json", "/nope"])
def test_no_framing(app, url):
    r = app.test_client().get(url)
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("/search?q=thu+nghiem&year=1e20", 400),
        ("/search?q=thu+nghiem&year=99999999999999999999", 400),
        ("/search?q=thu+nghiem&year=-5", 400),
        ("/search?q=thu+nghiem&page=0", 400),
        ("/search?q=thu+nghiem&page=abc", 400),
        ("/search?q=thu+nghiem&in_force_on=31/02/2021", 400),
        ("/search?q=" + "a" * 2000, 400),
        (DOC + "?at=2021-13-45", 400),
        (DOC + "?at=abc", 400),
        (DOC + "?at=99999-01-01", 400),
        ("/findings?at=1e20", 400),
        ("/findings?page=1e20", 400),
        ("/search?q=thu+nghiem&year=2020", 200),
        ("/search?q=thu+nghiem&in_force_on=01/08/2021", 200),
        (DOC + "?at=01/08/2021", 200),
        (DOC + "?at=2021-08-01", 200),
    ],
)
def test_bad_parameters_are_400_in_vietnamese(app, url, code):
    r = app.test_client().get(url)
    assert r.status_code == code, r.get_data(as_text=True)[:300]
    if code == 400:
        assert "không hợp lệ" in r.get_data(as_text=True) or "quá dài" in r.get_data(as_text=True)


@pytest.fixture(scope="module")
def dev_server(corpus):
    from werkzeug.serving import make_server

    srv = make_server("127.0.0.1", 0, create_app(corpus, host="127.0.0.1", warm_up=False), threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv.server_port
    srv.shutdown()


@pytest.fixture(scope="module")
def waitress_server(corpus):
    from waitress.server import create_server

    from review.web import safety

    srv = create_server(
        create_app(corpus, warm_up=False),
        host="127.0.0.1",
        port=0,
        threads=4,
        max_request_body_size=safety.MAX_BODY,
    )
    threading.Thread(target=srv.run, daemon=True).start()
    yield srv.effective_port
    srv.close()


def _post_declaring(port: int, size: int) -> tuple[str, float]:
    """POST that declares ``size`` bytes and sends only its headers: the answer must come without the body."""
    fid = "x"
    request = (
        f"POST /findings/{fid}/decision HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {size}\r\n\r\n"
    ).encode()
    t = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request + b"decision=accept")
        answer = s.recv(4096).decode("latin-1")
    return answer.split("\r\n", 1)[0], time.perf_counter() - t


@pytest.mark.parametrize("which", ["dev_server", "waitress_server"])
def test_large_body_is_413_unread(request, which):
    port = request.getfixturevalue(which)
    status, seconds = _post_declaring(port, 20 * 1024 * 1024)
    assert " 413 " in status + " " and seconds < 5
    small, _ = _post_declaring(port, len("decision=accept"))
    assert " 403 " in small + " "  # read, then refused for its missing CSRF token


def test_no_secret_in_the_access_log(corpus, caplog):
    from werkzeug.serving import make_server

    public = create_app(corpus, host="0.0.0.0", token="s3cret-t0ken", warm_up=False)
    srv = make_server("127.0.0.1", 0, public, threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        with caplog.at_level(logging.INFO, logger="werkzeug"):
            import urllib.request

            with urllib.request.urlopen(
                f"http://127.0.0.1:{srv.server_port}/findings?token=s3cret-t0ken"
            ) as r:
                assert r.status == 200
        logged = caplog.text
    finally:
        srv.shutdown()
    assert "/findings?token=***" in logged
    assert "s3cret-t0ken" not in logged


def test_a_running_app_sees_a_finished_build(tmp_path):
    corpus = tmp_path / "indexes"
    build([DATA / "timeline", DATA / "findings"], corpus, jobs=1)
    app = create_app(corpus, warm_up=False)
    c = app.test_client()
    hostile = "/doc/99%2F2024%2FTT-BTN"
    assert c.get(hostile).status_code == 404
    assert c.get("/search.json?q=hien+thi+an+toan").get_json() == []
    before = len(c.get("/findings.json").get_json())
    build([DATA / "timeline", DATA / "findings", DATA / "web"], corpus, jobs=1)
    assert c.get(hostile).status_code == 200
    assert c.get("/search.json?q=hien+thi+an+toan").get_json(), "the search runs on the new index"
    assert len(c.get("/findings.json").get_json()) >= before
    shutil.rmtree(corpus)
