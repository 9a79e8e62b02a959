"""The User aggregate: one per email address (its id derives from the normalised email)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from tracker.accounts.ids import stable_id

MAX_SESSIONS = 50  # the newest signed-in sessions kept; an older one has expired long before


class User(Aggregate):
    """A person who signs in. Stores the password's argon2 hash, never the password."""

    @staticmethod
    def create_id(email: str) -> UUID:
        return stable_id("user", email)

    @event("Registered")
    def __init__(self, email: str, display_name: str, password_hash: str, actor: str, at: datetime) -> None:
        self.email = email
        self.display_name = display_name
        self.password_hash = password_hash
        self.registered_at = at
        self.sessions_valid_after = at
        self.tokens: dict[str, dict[str, Any]] = {}
        self.time_zone = "UTC"  # until the person chooses (PreferencesChanged)
        self.locale: str | None = None
        self.live_sessions: dict[str, dict[str, Any]] = {}  # session id -> started_at, device

    @event("PasswordChanged")
    def change_password(self, password_hash: str, actor: str, at: datetime) -> None:
        """A new password signs out every existing session."""
        self.password_hash = password_hash
        self.sessions_valid_after = at
        self.live_sessions = {}

    @event("PasswordRehashed")
    def rehash_password(self, password_hash: str, actor: str) -> None:
        """The same password hashed with current parameters (sessions stay valid)."""
        self.password_hash = password_hash

    @event("DisplayNameChanged")
    def rename(self, display_name: str, actor: str) -> None:
        self.display_name = display_name

    @event("SessionsRevoked")
    def revoke_sessions(self, actor: str, at: datetime) -> None:
        self.sessions_valid_after = at
        self.live_sessions = {}

    @event("SessionStarted")
    def start_session(self, session_id: str, device: str, actor: str, at: datetime) -> None:
        """A sign-in: the cookie carries ``session_id``; ``device`` summarises the user agent."""
        sessions = dict(self.sessions_open())
        sessions[session_id] = {"started_at": at, "device": device}
        self.live_sessions = dict(list(sessions.items())[-MAX_SESSIONS:])

    @event("SessionEnded")
    def end_session(self, session_id: str, actor: str, at: datetime) -> None:
        """A sign-out (or the person ending one of their sessions from another)."""
        self.live_sessions = {k: v for k, v in self.sessions_open().items() if k != session_id}

    def sessions_open(self) -> dict[str, dict[str, Any]]:
        """Sessions started and not ended (a User stored before sessions were recorded has none)."""
        return getattr(self, "live_sessions", None) or {}

    @event("TokenIssued")
    def add_token(self, token_id: str, label: str, hint: str, actor: str, at: datetime) -> None:
        self.tokens[token_id] = {"label": label, "hint": hint, "created_at": at, "revoked_at": None}

    @event("TokenRevoked")
    def remove_token(self, token_id: str, actor: str, at: datetime) -> None:
        self.tokens[token_id]["revoked_at"] = at

    @event("CalendarFeedOpened")
    def open_calendar_feed(self, feed_id: str, actor: str, at: datetime) -> None:
        """A new private feed URL (its record, tracker.accounts.calendar_feeds, holds the token's hash):
        it replaces the one before, whose URL stops working."""
        self.calendar_feed = {"feed_id": feed_id, "opened_at": at}

    @event("CalendarFeedClosed")
    def close_calendar_feed(self, feed_id: str, actor: str, at: datetime) -> None:
        """The feed turned off: its URL stops working."""
        self.calendar_feed = None

    def open_feed(self) -> dict[str, Any] | None:
        """The feed on now ({"feed_id", "opened_at"}), or None (a User stored before feeds had none)."""
        return getattr(self, "calendar_feed", None)

    @event("PreferencesChanged")
    def change_preferences(self, time_zone: str, locale: str | None, actor: str) -> None:
        """How the person's times and numbers are shown and read (checked by the service first)."""
        self.time_zone = time_zone
        self.locale = locale
