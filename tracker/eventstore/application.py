"""The event-sourced applications of accounts and teams share one recipe: the configured store
(SQLite file, PostgreSQL or memory), their own events table, settings only from tracker.config.

On PostgreSQL eventsourcing names the table after the application (``accounts_events``,
``teams_events``). On SQLite every application would share ``stored_events``; a recorder subclass
with its own table name keeps each notification log separate there too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.utils import Environment, EnvType, get_topic

from tracker.config import eventsourcing_env
from tracker.eventstore.availability import guard_store


class StoreApplication(Application[UUID]):
    """Base for the people applications; subclasses set ``name`` and ``sqlite_recorder``."""

    sqlite_recorder: type | None = None

    def __init__(self, env: EnvType | None = None) -> None:
        super().__init__(env)
        guard_store(self)  # down, too slow or not writable: StoreUnavailable

    def construct_env(self, name: str, env: EnvType | None = None) -> Environment:
        settings = dict(env or {})
        if self.snapshotting_intervals:
            settings["IS_SNAPSHOTTING_ENABLED"] = "y"
        return Environment(name, settings)


def application_env(config: Mapping[str, Any], app_class: type[StoreApplication]) -> dict[str, str]:
    """The store settings of ``config`` for one of the people applications. They share the tracker's
    aggregate cache settings: a cached user, team or access record is fast-forwarded from the store
    on every read (one indexed query, instead of reading its snapshot and events), so a sign-out
    everywhere, a revoked grant or a lock-out recorded by another process still counts at once."""
    env = dict(eventsourcing_env(config))
    env.pop("IS_SNAPSHOTTING_ENABLED", None)
    if env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite" and app_class.sqlite_recorder is not None:
        env["APPLICATION_RECORDER_TOPIC"] = get_topic(app_class.sqlite_recorder)
    return env
