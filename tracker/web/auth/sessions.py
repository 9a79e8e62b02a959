"""The signed-in session: (email, session id, issued_at, last_seen) in Flask's signed cookie, checked
against the account on every request (expiry, idle time, "sign out everywhere", a password change,
and the session still open: a sign-out ends it on the server, so a copied cookie dies with it)."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask import request, session

from tracker.accounts import Account
from tracker.web.auth.devices import device_summary
from tracker.web.identity import people

KEYS = ("user", "sid", "issued_at", "last_seen")
TOUCH_EVERY = timedelta(seconds=60)  # last_seen is rewritten at most this often


def start_session(email: str) -> None:
    """A fresh session for ``email``, recorded on the account: whatever the cookie held before is
    dropped (rotation)."""
    accounts = people().accounts
    sid = accounts.start_session(email, device=device_summary(request.headers.get("User-Agent")))
    now = accounts.clock()
    session.clear()
    session.permanent = True
    session.update(user=email, sid=sid, issued_at=now.isoformat(), last_seen=now.isoformat())


def end_session() -> None:
    """Signs this browser out, and ends its session on the server (a copy of the cookie dies too)."""
    if session.get("user") and session.get("sid"):
        people().accounts.end_session(session["user"], session["sid"])
    session.clear()


def current_session_id() -> str | None:
    return session.get("sid")


def forget_user() -> None:
    """An ended session: the user is forgotten; the rest (the CSRF token of a form being filled in) stays."""
    for key in KEYS:
        session.pop(key, None)


def session_user() -> str | None:
    """The signed-in user's email if the session is still current; a stale one is forgotten."""
    account = session_account()
    return account.email if account is not None else None


def session_account() -> Account | None:
    """The signed-in account (with its time zone and locale) if the session is still current."""
    email, sid = session.get("user"), session.get("sid")
    if not email:
        return None
    if not isinstance(sid, str):  # a cookie from before sessions were recorded: sign in again
        forget_user()
        return None
    try:
        issued_at = datetime.fromisoformat(session["issued_at"])
        last_seen = datetime.fromisoformat(session.get("last_seen") or session["issued_at"])
    except (KeyError, TypeError, ValueError):
        forget_user()
        return None
    accounts = people().accounts
    account = accounts.session_user(email, issued_at, last_seen, session_id=sid)
    if account is None:
        forget_user()
        return None
    now = accounts.clock()
    if now - last_seen >= TOUCH_EVERY:
        session["last_seen"] = now.isoformat()
    return account


def safe_next(target: object, default: str = "/") -> str:
    """Only a path on this site (no scheme, no host, not protocol-relative) is followed after sign-in."""
    if not isinstance(target, str) or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    if any(ch in target for ch in "\\\r\n\t") or any(ord(ch) < 32 for ch in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target
