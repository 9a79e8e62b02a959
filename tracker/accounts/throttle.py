"""Sign-in throttling kept in the event store, so every worker process sees the same counts.

A Guard watches one key: an email address (sign-in failures for that account, whether or not it
exists, so a lock reveals nothing) or a client address (failed sign-ins and API tokens from it).
For an account, ``max_failures`` failures within ``window`` lock it for ``lock``: while locked,
attempts are refused before any password check and nothing more is recorded. A client address is
never locked: behind a proxy or a shared network many people share one, and a correct password or a
valid token must not be refused for someone else's failures. Past ``max_failures`` each further
failure from it is answered more slowly (``delay``: 0.25 s, doubling, up to ``delay_cap``); once at
the cap nothing more is recorded, so a guard's stream stays short either way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from tracker.accounts.ids import stable_id

FIRST_DELAY = 0.25  # seconds: the first failure past the limit waits this long, the next twice as long...


@dataclass(frozen=True)
class ThrottlePolicy:
    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    lock: timedelta = timedelta(minutes=15)
    delay_cap: timedelta = timedelta(seconds=3)

    def delay(self, failures: int) -> float:
        """Seconds to hold back the answer to a failure, the ``failures``-th in the window (0 up to
        ``max_failures``)."""
        over = failures - self.max_failures
        return 0.0 if over <= 0 else min(self.delay_cap.total_seconds(), FIRST_DELAY * 2 ** (over - 1))

    @classmethod
    def for_accounts(cls, config: Mapping[str, Any]) -> ThrottlePolicy:
        return cls(
            int(config.get("signin_max_failures", 5)),
            timedelta(minutes=int(config.get("signin_window_minutes", 15))),
            timedelta(minutes=int(config.get("signin_lock_minutes", 15))),
        )

    @classmethod
    def for_clients(cls, config: Mapping[str, Any]) -> ThrottlePolicy:
        return cls(
            int(config.get("client_max_failures", 30)),
            timedelta(minutes=int(config.get("signin_window_minutes", 15))),
            timedelta(minutes=int(config.get("signin_lock_minutes", 15))),
            timedelta(seconds=float(config.get("client_max_delay_seconds", 3))),
        )


class Guard(Aggregate):
    @staticmethod
    def create_id(kind: str, key: str) -> UUID:
        return stable_id(f"guard-{kind}", key)

    @event("Opened")
    def __init__(self, kind: str, key: str) -> None:
        self.kind = kind
        self.key = key
        self.failures: list[datetime] = []
        self.locked_until: datetime | None = None

    @event("FailureRecorded")
    def record_failure(self, at: datetime, window_seconds: float) -> None:
        since = at - timedelta(seconds=window_seconds)
        self.failures = [moment for moment in self.failures if moment > since] + [at]

    @event("Locked")
    def lock(self, at: datetime, until: datetime) -> None:
        self.locked_until = until
        self.failures = []

    @event("Cleared")
    def clear(self, at: datetime) -> None:
        self.failures = []
        self.locked_until = None

    def recent_failures(self, now: datetime, window: timedelta) -> int:
        return sum(1 for moment in self.failures if moment > now - window)

    def locked_at(self, now: datetime) -> datetime | None:
        """The end of the lock in force at ``now``, if any."""
        return self.locked_until if self.locked_until and now < self.locked_until else None

    def fail(self, now: datetime, policy: ThrottlePolicy) -> None:
        self.record_failure(at=now, window_seconds=policy.window.total_seconds())
        if len(self.failures) >= policy.max_failures:
            self.lock(at=now, until=now + policy.lock)
