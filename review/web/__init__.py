"""The reviewer's web app (`review serve`): server-rendered pages in Vietnamese, each with a JSON twin.

Pages: Tìm kiếm (search, also at /), Văn bản (a document: status on a date, the unit tree with its references as
links, amendment marks, findings), Lược đồ (the document's relation diagram and the same data as a table), Rà soát
(findings with accept / reject / note). ``Accept: application/json`` or a ``.json`` suffix gives the data
(docs/CONTRACT.md shapes).

It uses only the public API (``review.open_corpus`` and the Corpus methods). Safety: document text is always
escaped (Jinja2 autoescape; nothing from a document is marked safe), static files come only from the package's
static folder, decisions are POSTs with a CSRF token, writes need the start-up token when the app is bound to a
non-loopback address, and expensive queries run under a time limit.

This module only wires the app together: one blueprint per page family (``search``, ``document``,
``findings``), one responder and error mapping (``respond``), one query runner (``runner``), the template
labels (``labels``) and the write and header rules (``safety``).
"""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path

from flask import Flask
from flask.json.provider import DefaultJSONProvider

from review import ReviewError, defaults, open_corpus
from review.web import diff as compare_page
from review.web import document, findings, labels, respond, runner, safety, search
from review.web import expired as expired_page


def create_app(
    corpus: str | Path = defaults.CORPUS_DIR, *, host: str = "127.0.0.1", token: str | None = None
) -> Flask:
    """The Flask app over a built corpus. ``token`` is required for writes when ``host`` is not loopback."""
    app = Flask(__name__)
    app.config["SECRET_KEY"] = secrets.token_hex(32)
    # CONTRACT.md: real Vietnamese characters in JSON, not \u escapes, and keys in their order.
    provider = app.json
    assert isinstance(provider, DefaultJSONProvider)
    provider.ensure_ascii = False
    provider.sort_keys = False
    app.config["CORPUS"] = str(corpus)
    app.config["WRITE_TOKEN"] = token if not safety.is_loopback(host) else None
    if not safety.is_loopback(host) and not token:
        raise ReviewError("a token is needed to bind the web app outside 127.0.0.1", hint="give --token")
    labels.install(app)
    safety.install(app)
    respond.install(app)
    queries = runner.install(app, open_corpus(corpus))
    for blueprint in (search.bp, document.bp, findings.bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(expired_page.bp)
    app.register_blueprint(compare_page.bp)
    # Warm up: today's findings are what the first visitor of Rà soát or of a document page waits for.
    queries.warm_up(date.today().isoformat())
    return app


def serve(corpus: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    app = create_app(corpus, host=host, token=token)
    app.run(host=host, port=port, threaded=False, use_reloader=False)


__all__ = ["create_app", "serve"]
