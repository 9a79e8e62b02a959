"""Helpers shared by the accounts, teams, projections tests and the teams feature steps."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def people_config(config: Mapping[str, Any], **overrides: Any) -> dict[str, Any]:
    """The test's store settings with cheap argon2 parameters (hashing stays real, just fast)."""
    return {**config, "password_hash_profile": "CHEAPEST", **overrides}
