"""Accounts on the web: /auth/signup, /auth/signin, /auth/signout (POST), /auth/password,
/auth/settings (time zone, locale, the calendar feed) and /auth/tokens; and the guard that names the user of every
request (see ``guard``)."""

from __future__ import annotations

from tracker.web.auth import calendar_feed, settings, tokens, views  # noqa: F401 (routes)
from tracker.web.auth.blueprint import bp
from tracker.web.auth.guard import register_guard

__all__ = ["bp", "register_guard"]
