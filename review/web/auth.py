"""Reviewers' accounts in the web app: sign in and out (Đăng nhập / Đăng xuất), who is signed in, and the password
hashes (werkzeug.security's scrypt, shipped with Flask).

Accounts are on when the store has any (``review users add``), and always off loopback; then writing needs a
signed-in reviewer or lead, and the write token is not used. On loopback with no account, anyone on the machine
may decide, as before. Session cookies are HttpOnly and SameSite=Lax, and Secure when the app is bound off
loopback (``create_app`` sets them).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

ROLES = ("reviewer", "lead", "viewer")
ROLE_LABELS = {"reviewer": "Người rà soát", "lead": "Trưởng nhóm", "viewer": "Người xem"}
# A hash to compare against when the name is unknown, so that the answer takes as long as for a known one.
_DUMMY = generate_password_hash("not a password", method="scrypt")

bp = Blueprint("auth", __name__)


@dataclass(frozen=True)
class User:
    name: str
    role: str

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)


def hash_password(password: str) -> str:
    if len(password) < 8:
        raise ValueError("a password has at least 8 characters")
    return generate_password_hash(password, method="scrypt")


def verify(name: str, password: str) -> User | None:
    """The account when ``password`` is its password, else None."""
    corpus = current_app.extensions["review_corpus"]
    found = corpus.user_secret(name)
    if found is None:
        check_password_hash(_DUMMY, password)
        return None
    role, hashed = found
    return User(name, role) if check_password_hash(hashed, password) else None


def current_user() -> User | None:
    """The signed-in reviewer of this request (the account must still be active)."""
    name = session.get("user")
    if not isinstance(name, str):
        return None
    found = current_app.extensions["review_corpus"].user_secret(name)
    if found is None:
        session.pop("user", None)
        return None
    return User(name, found[0])


def accounts_on() -> bool:
    """Whether this corpus has accounts (looked up once per request: ``review users add`` on a running app
    takes effect at once)."""
    if "accounts" not in g:
        g.accounts = bool(current_app.extensions["review_corpus"].users())
    return bool(g.accounts)


def require_role(*roles: str) -> User:
    user = current_user()
    if user is None or user.role not in roles:
        abort(403, description="Không đủ quyền (not allowed for this account's role).")
    return user


@bp.get("/login")
def login_page():
    return render_template("login.html", error=None, next=_next(request.args.get("next")))


@bp.post("/login")
def login():
    from review.web.safety import check_csrf

    check_csrf()
    name = (request.form.get("name") or "").strip()
    password = request.form.get("password") or ""
    user = verify(name, password) if name and password else None
    if user is None:
        page = render_template(
            "login.html",
            error="Sai tên hoặc mật khẩu (wrong name or password).",
            next=_next(request.form.get("next")),
        )
        return page, 401
    session.clear()  # a new session at sign-in (no fixation); a new CSRF token with it
    session["user"] = user.name
    return redirect(_next(request.form.get("next")))


@bp.post("/logout")
def logout():
    from review.web.safety import check_csrf

    check_csrf()
    session.clear()
    return redirect(url_for("search.search_page"))


def _next(target: str | None) -> str:
    """Only a path on this site (never ``//other`` or a full URL)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("findings.findings_page")


def install(app) -> None:
    app.jinja_env.globals["current_user"] = current_user
    app.jinja_env.globals["accounts_on"] = accounts_on
