"""Session policy: a signed-in session lasts ``lifetime`` from sign-in and, if ``idle`` is set, ends
after that long without a request. A password change (or "sign out everywhere") ends every session
issued before it. Each sign-in is recorded on the User (SessionStarted, with a random session id) and
a sign-out ends it there (SessionEnded), so a copied cookie stops working at once. The web layer
keeps (email, session id, issued_at, last_seen) in its signed cookie and asks
``AccountService.session_user`` on each request."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any


@dataclass(frozen=True)
class SessionPolicy:
    lifetime: timedelta = timedelta(hours=12)
    idle: timedelta | None = timedelta(hours=2)

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SessionPolicy:
        idle = int(config.get("session_idle_minutes", 120) or 0)
        return cls(
            timedelta(minutes=int(config.get("session_lifetime_minutes", 720))),
            timedelta(minutes=idle) if idle > 0 else None,
        )

    def expires_at(self, issued_at: datetime, last_seen: datetime | None = None) -> datetime:
        end = issued_at + self.lifetime
        if self.idle is not None:
            end = min(end, (last_seen or issued_at) + self.idle)
        return end

    def is_current(
        self,
        issued_at: datetime,
        now: datetime,
        last_seen: datetime | None = None,
        valid_after: datetime | None = None,
        idle: bool = True,
    ) -> bool:
        """True while the session may still be used (``idle=False``: its lifetime alone counts, for a
        session whose last request the server does not know)."""
        if issued_at > now:
            return False
        if valid_after is not None and issued_at < valid_after:
            return False
        if not idle:
            return now < issued_at + self.lifetime
        return now < self.expires_at(issued_at, last_seen)
