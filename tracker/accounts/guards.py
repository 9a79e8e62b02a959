"""GuardBook: reads and writes the sign-in guards (see throttle.py) with optimistic retries, so two
processes failing at once both count."""

from __future__ import annotations

from datetime import datetime

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError

from tracker.accounts.errors import SignInLocked
from tracker.accounts.throttle import Guard, ThrottlePolicy

Key = tuple[str, "str | None"]
ATTEMPTS = 5


class GuardBook:
    def __init__(
        self, app: Application, account_policy: ThrottlePolicy, client_policy: ThrottlePolicy
    ) -> None:
        self.app = app
        self.policies = {"email": account_policy, "client": client_policy}

    def get(self, kind: str, key: str) -> Guard | None:
        try:
            return self.app.repository.get(Guard.create_id(kind, key))
        except AggregateNotFoundError:
            return None

    def locked_until(self, kind: str, key: str | None, now: datetime) -> datetime | None:
        guard = self.get(kind, key) if key else None
        return guard.locked_at(now) if guard else None

    def check(self, *keys: Key, now: datetime) -> None:
        """Raises SignInLocked if any of the keys is locked at ``now``."""
        for kind, key in keys:
            until = self.locked_until(kind, key, now)
            if until is not None:
                raise SignInLocked(until)

    def fail(self, *keys: Key, now: datetime) -> None:
        for kind, key in keys:
            if key:
                self._update(kind, key, lambda guard, policy=self.policies[kind]: guard.fail(now, policy))

    def slow_down(self, client: str | None, now: datetime) -> float:
        """Counts a failure from a client address; the seconds its answer should wait. At the cap
        nothing more is recorded (the count could only keep the delay where it is)."""
        if not client:
            return 0.0
        policy = self.policies["client"]
        guard = self.get("client", client)
        count = guard.recent_failures(now, policy.window) if guard else 0
        if count > policy.max_failures and policy.delay(count) >= policy.delay_cap.total_seconds():
            return policy.delay(count + 1)
        window = policy.window.total_seconds()
        self._update("client", client, lambda g: g.record_failure(at=now, window_seconds=window))
        return policy.delay(count + 1)

    def succeed(self, kind: str, key: str, now: datetime) -> None:
        guard = self.get(kind, key)
        if guard is not None and (guard.failures or guard.locked_until):
            self._update(kind, key, lambda g: g.clear(at=now) if g.failures or g.locked_until else None)

    def _update(self, kind: str, key: str, change) -> None:
        for attempt in range(ATTEMPTS):
            guard = self.get(kind, key) or Guard(kind=kind, key=key)
            change(guard)
            try:
                self.app.save(guard)
                return
            except IntegrityError:  # another process wrote this guard meanwhile: count on top of it
                if attempt == ATTEMPTS - 1:
                    raise
