"""Builds the application service from configuration (the one place the store is chosen)."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tracker.application import NegotiationTracker
from tracker.audit.kept_heads import kept_heads
from tracker.audit.kept_readings import kept_readings
from tracker.config import eventsourcing_env, postgres_connection, store_timeout
from tracker.eventstore.opening import opening_store

if TYPE_CHECKING:  # pragma: no cover
    from tracker.accounts import AccountService
    from tracker.notify.outbox import Outbox
    from tracker.projections import ReadModel
    from tracker.teams import AccessPolicy, TeamService


def build_tracker(config: Mapping[str, Any]) -> NegotiationTracker:
    """The application service; a store that cannot be opened raises StoreUnavailable (one line)."""
    with opening_store(config), schema_lock(config):
        tracker = NegotiationTracker(
            eventsourcing_env(config), snapshot_interval=int(config.get("snapshot_interval") or 0)
        )
        datastore = getattr(tracker.recorder, "datastore", None)
        tracker.kept_heads = kept_heads(config, datastore)
        tracker.kept_readings = kept_readings(config, datastore, tracker.mapper.transcoder)
        return tracker


def check_store(config: Mapping[str, Any]) -> None:
    """Opens every store the app uses, reads from it and closes it: ``tracker serve`` calls it before
    starting its workers, so a store that cannot be opened is one line and an exit, not a traceback
    from each worker. Raises StoreUnavailable."""
    from tracker.eventstore.availability import write_problem
    from tracker.eventstore.errors import StoreUnavailable

    tracker = build_tracker(config)
    try:
        people = build_people(config, tracker)
        people.close()
        with opening_store(config):
            tracker.recorder.max_notification_id()
            problem = write_problem(getattr(tracker.recorder, "datastore", None))
        if problem:
            raise StoreUnavailable(problem, "not writable")
    finally:
        tracker.close()


@contextmanager
def schema_lock(config: Mapping[str, Any]) -> Iterator[None]:
    """One process at a time creates the tables: creating them is not safe when several processes do
    it at once on a new store (gunicorn workers booting together, or two app servers). PostgreSQL
    fails one of them on a duplicate type, SQLite on the read model's migration row. A session
    advisory lock per schema on PostgreSQL; a lock file beside the database file on SQLite."""
    if config.get("store") == "sqlite":
        import fcntl

        from tracker.config import sqlite_path

        path = sqlite_path(config)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(f"{path}.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        return
    if config.get("store") != "postgres":
        yield
        return
    import psycopg

    key = zlib.crc32(
        f"tracker tables {config.get('postgres_dbname')}.{config.get('postgres_schema')}".encode()
    )
    timeout = max(2, round(store_timeout(config)))
    with psycopg.connect(**postgres_connection(config), connect_timeout=timeout, autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (key,))
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (key,))


@dataclass
class People:
    """Accounts, teams, the access policy, the read model and the outbox, over the configured store."""

    accounts: AccountService
    teams: TeamService
    access: AccessPolicy
    read_model: ReadModel
    outbox: Outbox
    runners: list[Any] = field(default_factory=list)  # background threads over these stores

    def start_catch_up(self, interval: float) -> Any:
        """Starts the read model's background catch-up thread (a CatchUpRunner; call .stop() on it).
        Not needed for correctness: every read catches up first."""
        from tracker.projections import CatchUpRunner

        return CatchUpRunner(self.read_model.projection, interval).start()

    def start_outbox(self, interval: float) -> Any:
        """Starts the outbox's background thread (`tracker serve` does, in each worker); ``close``
        stops it before the stores it uses are closed."""
        from tracker.notify.runner import OutboxRunner

        runner = OutboxRunner(self.outbox, interval).start()
        self.runners.append(runner)
        return runner

    def close(self) -> None:
        for runner in self.runners:
            runner.stop()
        self.outbox.store.close()
        self.read_model.close()
        self.accounts.close()
        self.teams.close()


def build_people(
    config: Mapping[str, Any], tracker: NegotiationTracker, clock: Callable[[], datetime] | None = None
) -> People:
    from tracker.accounts import build_accounts, utcnow
    from tracker.notify.wiring import build_outbox
    from tracker.projections import build_read_model
    from tracker.teams import build_teams
    from tracker.teams.approvals import ChainPolicy, team_chains

    clock = clock or utcnow
    with opening_store(config), schema_lock(config):
        accounts = build_accounts(config, clock=clock)
        teams, access = build_teams(
            config, negotiation=tracker.facts, known_user=accounts.user_exists, clock=clock
        )
        read_model = build_read_model(config, tracker=tracker, teams=teams.app, clock=clock)
        outbox = build_outbox(
            config,
            tracker,
            teams=teams.app,
            access=access,
            person=accounts.reading_settings,
            clock=clock,
            read_model=read_model,
        )
    tracker.approval_chains = ChainPolicy(team_chains(access, today=lambda: clock().date()))
    return People(accounts, teams, access, read_model, outbox)
