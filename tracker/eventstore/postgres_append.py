"""PostgreSQL appends in one statement, so the events table's lock is held only while the server works.

eventsourcing's PostgreSQL recorder takes an EXCLUSIVE lock on the events table for each append, so
that notification ids commit in the order they were issued (readers tailing the log never pass a gap
that fills in later). It sends BEGIN, the lock, NOTIFY and the INSERT in one pipeline, waits for the
results, and only then sends COMMIT: the lock is held across a return trip through the client. In a
web worker that client is a Python thread, which must win the interpreter back from the worker's
other threads before it can send COMMIT; under load, appends mostly waited on exactly that (sampled
from pg_stat_activity: the lock holder was "idle in transaction" nine times out of ten, and two or
three appends queued behind it).

This recorder makes each append one statement: a function in the schema (created with the tables)
that takes the same lock, sends the same NOTIFY and runs the same INSERT, returning the notification
ids. Called on the pool's autocommit connection, the statement is its own transaction: the server
locks, inserts, commits and releases without waiting for the client. When the INSERT fails (a version
already taken: the unique key), the statement's transaction is rolled back by the server, releasing
the lock at once; the error reaches the application as the library's IntegrityError, as before.

The library has a function of its own for this (POSTGRES_ENABLE_DB_FUNCTIONS), but it takes no lock,
and its one name per schema is shared by every events table in it (the tracker keeps three).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.utils import retry
from psycopg.sql import SQL, Identifier

from tracker.eventstore.postgres_reads import RenderedEventReads


class OneTripApplicationRecorder(RenderedEventReads, PostgresApplicationRecorder):
    """The library's application recorder, each append one call of the schema's append function
    (and its reads of one aggregate's events from statements rendered once: tracker.eventstore.postgres_reads)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        function = f"tracker_append_{self.events_table_name}"
        self.check_identifier_length(function)
        names = dict(
            schema=Identifier(self.datastore.schema),
            function=Identifier(function),
            table=Identifier(self.events_table_name),
            channel=Identifier(self.channel_name),
            event=Identifier(self.stored_event_type_name),
        )
        self.sql_create_statements.append(
            SQL(
                "CREATE OR REPLACE FUNCTION {schema}.{function}(events {schema}.{event}[]) "
                "RETURNS SETOF bigint LANGUAGE plpgsql "
                f"SET lock_timeout = '{int(self.datastore.lock_timeout)}s' "
                "AS $BODY$ BEGIN "
                "LOCK TABLE {schema}.{table} IN EXCLUSIVE MODE; "
                "NOTIFY {channel}; "
                "RETURN QUERY INSERT INTO {schema}.{table} (originator_id, originator_version, topic, state) "
                "SELECT originator_id, originator_version, topic, state FROM unnest(events) "
                "RETURNING notification_id; "
                "END; $BODY$"
            ).format(**names)
        )
        self.append_statement = (  # rendered to text once, not on every append
            SQL("SELECT id FROM {schema}.{function}(%s) AS appended(id)").format(**names).as_string()
        )

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        if self.datastore.enable_db_functions or not stored_events:
            return super().insert_events(stored_events, **kwargs)
        rows = [
            self.construct_pg_stored_event(e.originator_id, e.originator_version, e.topic, e.state)
            for e in stored_events
        ]
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            assert conn.autocommit  # the library's pool hands out autocommit connections
            curs.execute(self.append_statement, (rows,), prepare=True)
            return [row["id"] for row in curs.fetchall()]
