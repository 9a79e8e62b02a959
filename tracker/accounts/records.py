"""What the account service hands out: plain, frozen values (the aggregates stay inside)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tracker.accounts.user import User


@dataclass(frozen=True)
class Account:
    id: UUID
    email: str
    display_name: str
    registered_at: datetime
    sessions_valid_after: datetime
    time_zone: str = "UTC"  # an IANA name
    locale: str | None = None  # a Babel locale identifier ("de_DE"); None: not chosen


@dataclass(frozen=True)
class IssuedToken:
    token: str  # shown once; only its hash is stored
    token_id: UUID
    label: str
    hint: str


@dataclass(frozen=True)
class TokenInfo:
    token_id: UUID
    label: str
    hint: str
    created_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class CalendarFeedInfo:
    """Whether a person's calendar feed is on, and since when (never the token)."""

    on: bool
    opened_at: datetime | None = None


@dataclass(frozen=True)
class IssuedFeed:
    token: str  # shown once, in the feed's URL; only its hash is stored
    opened_at: datetime


@dataclass(frozen=True)
class SessionInfo:
    session_id: str
    started_at: datetime
    device: str


def account_of(user: User) -> Account:
    return Account(
        user.id,
        user.email,
        user.display_name,
        user.registered_at,
        user.sessions_valid_after,
        # a User cached or snapshotted before PreferencesChanged existed has neither attribute
        getattr(user, "time_zone", None) or "UTC",
        getattr(user, "locale", None),
    )
