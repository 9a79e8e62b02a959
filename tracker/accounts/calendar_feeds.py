"""Calendar feeds: a person's private iCalendar URL carries a random token (256 bits, url-safe). Only
its SHA-256 hash is stored, and the feed record's id derives from that hash, so finding whose feed a
presented token opens is one repository get (as for API tokens, tracker.accounts.tokens)."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from tracker.accounts.ids import stable_id

FEED_TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{40,64}$")


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


def feed_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def looks_like_feed_token(token: object) -> bool:
    return isinstance(token, str) and bool(FEED_TOKEN_PATTERN.match(token))


class CalendarFeed(Aggregate):
    """One feed URL of one person: opened when made, closed when replaced or turned off."""

    @staticmethod
    def create_id(token_hash: str) -> UUID:
        return stable_id("calendar-feed", token_hash)

    @event("Opened")
    def __init__(self, token_hash: str, owner_id: UUID, owner_email: str, actor: str, at: datetime) -> None:
        self.owner_id = owner_id
        self.owner_email = owner_email
        self.opened_at = at
        self.closed_at: datetime | None = None

    @event("Closed")
    def close(self, actor: str, at: datetime) -> None:
        self.closed_at = at

    @property
    def active(self) -> bool:
        return self.closed_at is None
