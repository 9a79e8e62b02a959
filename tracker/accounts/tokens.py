"""API tokens: ``trk_`` and 43 random url-safe characters. Only a SHA-256 hash is stored (a token has
256 random bits, so a fast hash is enough); the token record's id derives from that hash, so finding
the record for a presented token is one repository get."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from tracker.accounts.ids import stable_id

PREFIX = "trk_"
TOKEN_PATTERN = re.compile(r"^trk_[A-Za-z0-9_-]{40,64}$")


def new_token() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def looks_like_token(token: object) -> bool:
    return isinstance(token, str) and bool(TOKEN_PATTERN.match(token))


def token_hint(token: str) -> str:
    """What a list of tokens shows to tell them apart: the first characters only."""
    return token[: len(PREFIX) + 4] + "…"


class ApiToken(Aggregate):
    @staticmethod
    def create_id(token_hash: str) -> UUID:
        return stable_id("token", token_hash)

    @event("Issued")
    def __init__(
        self,
        token_hash: str,
        owner_id: UUID,
        owner_email: str,
        label: str,
        hint: str,
        actor: str,
        at: datetime,
    ) -> None:
        self.owner_id = owner_id
        self.owner_email = owner_email
        self.label = label
        self.hint = hint
        self.issued_at = at
        self.revoked_at: datetime | None = None

    @event("Revoked")
    def revoke(self, actor: str, at: datetime) -> None:
        self.revoked_at = at

    @property
    def active(self) -> bool:
        return self.revoked_at is None
