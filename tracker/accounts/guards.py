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
