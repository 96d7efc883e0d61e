"""The reviewer's web app (`review serve`): server-rendered pages in Vietnamese, each with a JSON twin.

Pages: Tìm kiếm (search, also at /), Văn bản (a document: status on a date, the unit tree with its references as
links, amendment marks, findings), Lược đồ (the document's relation diagram and the same data as a table), Rà soát
(findings with accept / reject / note). ``Accept: application/json`` or a ``.json`` suffix gives the data
(docs/CONTRACT.md shapes).

It uses only the public API (``review.open_corpus`` and the Corpus methods). Safety: document text is always
escaped (Jinja2 autoescape; nothing from a document is marked safe), static files come only from the package's
static folder, decisions are POSTs with a per-session CSRF token, writes need a reviewer's account (or, without accounts, the
start-up token) when the app is bound to a non-loopback address, the Host header must name the server, and
expensive queries run in worker processes that are killed past their time limit.

This module only wires the app together: one blueprint per page family (``search``, ``document``,
``findings``), one responder and error mapping (``respond``), one query runner (``runner``), the template
labels (``labels``) and the write and header rules (``safety``).
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from pathlib import Path

from flask import Flask
from flask.json.provider import DefaultJSONProvider

from review import ReviewError, defaults, open_corpus
from review.web import (
    auth,
    decisions,
    document,
    documents,
    feedback,
    findings,
    labels,
    procedures,
    respond,
    runner,
    safety,
    search,
    upload,
)
from review.web import diff as compare_page
from review.web import expired as expired_page

# The page families. A new page is one more blueprint here.
BLUEPRINTS = (
    search.bp,
    document.bp,
    documents.bp,
    findings.bp,
    decisions.bp,
    procedures.bp,
    feedback.bp,
    auth.bp,
    runner.bp,
    expired_page.bp,
    compare_page.bp,
    upload.bp,
)


def create_app(
    corpus: str | Path = defaults.CORPUS_DIR,
    *,
    host: str = "127.0.0.1",
    token: str | None = None,
    hosts: tuple[str, ...] = (),
    workers: int = runner.WORKERS,
    query_seconds: float = defaults.WEB_QUERY_SECONDS,
    warm_up: bool = True,
    secure_cookies: bool | None = None,
) -> Flask:
    """The Flask app over a built corpus, bound to ``host`` (the Host header must name it, or one of ``hosts``).

    Off loopback, writing needs accounts (``review users add``) or, with none, the start-up ``token``; on loopback
    with no account anyone on the machine may decide. Expensive queries run in ``workers`` processes, each
    stopped after ``query_seconds``. Session cookies are Secure off loopback (serve behind HTTPS there) unless
    ``secure_cookies`` says otherwise."""
    app = Flask(__name__)
    app.config["SECRET_KEY"] = secrets.token_hex(32)
    # CONTRACT.md: real Vietnamese characters in JSON, not \u escapes, and keys in their order.
    provider = app.json
    assert isinstance(provider, DefaultJSONProvider)
    provider.ensure_ascii = False
    provider.sort_keys = False
    loopback = safety.is_loopback(host)
    opened = open_corpus(corpus)
    accounts = bool(opened.users())
    app.config.update(
        CORPUS=str(corpus),
        WRITE_TOKEN=token if not loopback and not accounts else None,
        ACCOUNTS=accounts,
        ALLOWED_HOSTS=safety.allowed_hosts(host, hosts),
        MAX_CONTENT_LENGTH=safety.MAX_BODY,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=(not loopback) if secure_cookies is None else secure_cookies,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
    )
    if not loopback and not token and not accounts:
        raise ReviewError(
            "a token or reviewers' accounts are needed to bind the web app outside 127.0.0.1",
            hint="add accounts with review users add, or give --token",
        )
    labels.install(app)
    safety.install(app)
    respond.install(app)
    auth.install(app)
    queries = runner.install(app, opened, workers=workers, seconds=query_seconds)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    if warm_up:
        # Today's findings are what the first visitor of Rà soát or of a document page waits for.
        queries.warm_up(date.today().isoformat())
    return app


def serve(
    corpus: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    *,
    threads: int = 8,
    server: str = "waitress",
    hosts: tuple[str, ...] = (),
    secure_cookies: bool | None = None,
    query_seconds: float = defaults.WEB_QUERY_SECONDS,
) -> None:
    """Serve the app: on waitress with ``threads`` request threads (the default), or Werkzeug's threaded
    development server (``server="dev"``)."""
    app = create_app(
        corpus,
        host=host,
        token=token,
        hosts=hosts,
        secure_cookies=secure_cookies,
        query_seconds=query_seconds,
    )
    if server == "dev":
        app.run(host=host, port=port, threaded=True, use_reloader=False)
        return
    from waitress import serve as waitress_serve  # type: ignore[import-untyped]

    waitress_serve(
        app,
        host=host,
        port=port,
        threads=threads,
        max_request_body_size=safety.UPLOAD_BODY,
        channel_timeout=60,
        ident="review",
    )


__all__ = ["BLUEPRINTS", "create_app", "serve"]
