"""Who may write and what the browser may load: a CSRF token per session on every POST, the write token (or a
reviewer's account) when the app is bound off loopback, the Host header checked against the bound address (DNS
rebinding), request bodies refused by their declared size before they are read, and the security headers on
every answer (``frame-ancestors 'none'``: no page of the app inside another site's frame)."""

from __future__ import annotations

import hmac
import ipaddress
import logging
import re
import secrets

from flask import Response, abort, current_app, request, session

from review import defaults

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)
# A form with a note is a few kB; a bulk decision lists a page of ids. Anything larger is refused unread.
MAX_BODY = 256 * 1024
# The upload page takes files (review.web.upload); its body may be this large, and only there.
UPLOAD_BODY = defaults.WEB_UPLOAD_BYTES
UPLOAD_PATHS = ("/upload", "/upload.json")


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host in ("localhost",)


def allowed_hosts(host: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The names a request's Host header may carry for an app bound to ``host`` (any port)."""
    names = {host.lower(), *(h.lower() for h in extra)}
    if is_loopback(host) or host in ("0.0.0.0", "::"):
        names |= {"127.0.0.1", "localhost", "::1", "[::1]"}
    if host in ("0.0.0.0", "::"):
        import socket

        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
        try:
            names |= {str(a[4][0]) for a in socket.getaddrinfo(socket.gethostname(), None)}
        except OSError:
            pass
    return frozenset(names)


def _host_name(header: str) -> str:
    header = header.strip().lower()
    if header.startswith("["):
        return header.split("]")[0] + "]"
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def check_host() -> None:
    """A Host header naming another site (a DNS-rebinding page) gets 400 before anything is read."""
    wanted: frozenset[str] | None = current_app.config.get("ALLOWED_HOSTS")
    if wanted is None:
        return
    name = _host_name(request.host or "")
    if name not in wanted and name.strip("[]") not in wanted:
        abort(
            400,
            description="Tên máy không được phép (the Host header is not this server's): "
            "mở bằng địa chỉ máy chủ, hoặc khởi động với review serve --allow-host TÊN.",
        )


def check_body() -> None:
    """413 for a body declared larger than allowed, decided on the header alone (nothing is read)."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or MAX_BODY
    if request.path in UPLOAD_PATHS and request.method == "POST":
        limit = request.max_content_length = UPLOAD_BODY
        if (request.content_length or 0) > limit:
            abort(
                413,
                description=f"Tệp gửi lên quá lớn (upload too large): tối đa {limit // (1024 * 1024)} MB mỗi lần; "
                "gửi ít tệp hơn, hoặc thêm bằng lệnh review build.",
            )
    length = request.content_length
    if length is not None and length > limit:
        abort(413, description="Dữ liệu gửi lên quá lớn (request body too large).")


def csrf_token() -> str:
    """This session's token: drawn at its first form, kept in its signed cookie, different for every client."""
    token = session.get("csrf")
    if not isinstance(token, str) or len(token) < 32:
        token = session["csrf"] = secrets.token_hex(32)
    return token


def check_csrf() -> None:
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
    mine = session.get("csrf")
    if not isinstance(mine, str) or not hmac.compare_digest(sent, mine):
        abort(403, description="Thiếu hoặc sai mã CSRF (missing or wrong CSRF token).")


def can_write() -> bool:
    """On loopback without accounts anyone may; with accounts a reviewer or lead who signed in; elsewhere, without
    accounts, only a session that has shown the start-up token."""
    from review.web.auth import accounts_on, current_user

    if accounts_on():
        user = current_user()
        return user is not None and user.role in ("reviewer", "lead")
    return current_app.config["WRITE_TOKEN"] is None or bool(session.get("writer"))


def check_write() -> None:
    """A decision's POST carries the CSRF token (form field or header) and comes from a writer; 403 otherwise."""
    check_csrf()
    if not can_write():
        from review.web.auth import accounts_on

        if accounts_on():
            abort(
                403, description="Cần đăng nhập với vai trò người rà soát (sign in as a reviewer to decide)."
            )
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
    resp.headers.setdefault("X-Frame-Options", "DENY")
    resp.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        resp.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return resp


_SECRET = re.compile(r"([?&](?:token|password|csrf_token)=)[^&\s\"]*", re.IGNORECASE)


class HideSecrets(logging.Filter):
    """Access-log lines with ``?token=…`` (or a password, a CSRF token) in them show ``***`` instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.msg = record.getMessage()
            record.args = None
        if isinstance(record.msg, str):
            record.msg = _SECRET.sub(r"\1***", record.msg)
        return True


def hide_secrets_in_logs() -> None:
    for name in ("werkzeug", "waitress", "waitress.queue", "review.access"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, HideSecrets) for f in logger.filters):
            logger.addFilter(HideSecrets())


def install(app) -> None:
    app.before_request(check_host)
    app.before_request(check_body)
    app.before_request(remember_token)
    app.after_request(security_headers)
    app.jinja_env.globals["csrf_token"] = csrf_token
    hide_secrets_in_logs()
