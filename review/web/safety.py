"""Who may write and what the browser may load: the CSRF token on decisions, the write token when the app is
bound off loopback, and the security headers on every answer."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress

from flask import Response, abort, current_app, request, session

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'"
)


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host in ("localhost",)


def csrf_token() -> str:
    """Derived from the app's secret key, which is new at every start: the forms' token for this run."""
    return hmac.new(current_app.config["SECRET_KEY"].encode(), b"csrf", hashlib.sha256).hexdigest()


def can_write() -> bool:
    """On loopback anyone may; elsewhere only a session that has shown the start-up token."""
    return current_app.config["WRITE_TOKEN"] is None or bool(session.get("writer"))


def check_write() -> None:
    """A decision's POST carries the CSRF token (form field or header) and comes from a writer; 403 otherwise."""
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
    if not hmac.compare_digest(sent, csrf_token()):
        abort(403, description="Thiếu hoặc sai mã CSRF (missing or wrong CSRF token).")
    if not can_write():
        abort(403, description="Cần mã truy cập để ghi (a write token is required): mở trang với ?token=….")


def remember_token() -> None:
    """``?token=`` with the start-up token makes this session a writer."""
    given = request.args.get("token")
    wanted = current_app.config["WRITE_TOKEN"]
    if given and wanted and hmac.compare_digest(given, wanted):
        session["writer"] = True


def security_headers(resp: Response) -> Response:
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    resp.headers.setdefault("Referrer-Policy", "same-origin")
    if resp.mimetype == "text/html":
        resp.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    return resp


def install(app) -> None:
    app.before_request(remember_token)
    app.after_request(security_headers)
    app.jinja_env.globals["csrf_token"] = csrf_token
