"""``review users``: the reviewers' local accounts of a corpus (the web app's sign-in)."""

from __future__ import annotations

import sys

import click

from review.cli.options import corpus_option, list_format_option
from review.cli.output import handle_errors, write_rows

ROLES = ("reviewer", "lead", "viewer")
ROLE_VI = {"reviewer": "Người rà soát", "lead": "Trưởng nhóm", "viewer": "Người xem"}


def _line(r: dict) -> str:
    state = "" if r["active"] else "  (đã khoá / removed)"
    return f"{r['name']:<20} {ROLE_VI[r['role']]} ({r['role']})  từ {r['created_at'][:10]}{state}"


@click.group("users")
def users() -> None:
    """Reviewers' accounts: reviewer (decides), lead (also approves, sends back, assigns), viewer (reads)."""


@users.command("add")
@corpus_option()
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="reviewer", show_default=True)
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from the first line of standard input."
)
@handle_errors
def add(corpus: str, name: str, role: str, password_stdin: bool) -> None:
    """Add an account (or change its role and password). The password is asked for, or read with
    --password-stdin; it is stored hashed (scrypt)."""
    from review import open_corpus
    from review.errors import UsageError
    from review.web.auth import hash_password

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Mật khẩu (password)", hide_input=True, confirmation_prompt=True)
    try:
        hashed = hash_password(password)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    with open_corpus(corpus) as c:
        c.add_user(name, role, hashed)
    click.echo(f"{name}: {role}", err=True)


@users.command("list")
@corpus_option()
@list_format_option
@handle_errors
def list_users(corpus: str, fmt: str) -> None:
    """The accounts (never their passwords)."""
    from review import open_corpus

    with open_corpus(corpus) as c:
        rows = c.users()
    write_rows(rows, fmt, ["name", "role", "created_at", "active"], table=_line)


@users.command("remove")
@corpus_option()
@click.argument("name")
@handle_errors
def remove(corpus: str, name: str) -> None:
    """Deactivate an account (its name stays in the decision history)."""
    from review import open_corpus

    with open_corpus(corpus) as c:
        c.remove_user(name)
    click.echo(f"{name}: removed", err=True)
