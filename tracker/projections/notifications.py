"""Reading a notification log as plain rows, for the projection's folds (rebuild.py).

``recorder.select_notifications`` builds a frozen ``Notification`` per row and, on SQLite, parses
each originator id into a ``UUID``; a fold that meets every event of the log, and decodes only a few,
needs neither. ``reader(recorder)`` returns a function reading the same notifications, in the same
order and with the same bounds, as tuples ``(id, originator_id, originator_version, topic, state)``:
the originator id as the store holds it (the 32-digit hex text on SQLite, the driver's ``UUID`` on
PostgreSQL), so ``as_uuid`` turns it into a UUID only where one is needed. Any other recorder (the
in-memory one, or a SQLite store whose originator ids are not UUIDs) is read through
``select_notifications`` and its rows unpacked.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any
from uuid import UUID

from eventsourcing.persistence import InterfaceError, OperationalError
from eventsourcing.sqlite import SQLiteApplicationRecorder
from eventsourcing.utils import retry

#: (id, originator id, originator version, topic, state)
Row = tuple[int, Any, int, str, bytes]
Reader = Callable[[int, int, "int | None"], list[Row]]

ID, ORIGINATOR, VERSION, TOPIC, STATE = range(5)
COLUMNS = "originator_id, originator_version, topic, state"


def as_uuid(originator_id: Any) -> Any:
    """A row's originator id as a UUID (a UUID already, or the hex text SQLite stores)."""
    return originator_id if originator_id.__class__ is UUID else UUID(originator_id)


def reader(recorder: Any) -> Reader:
    """``read(start, limit, stop)``: up to ``limit`` rows from notification id ``start`` (inclusive),
    none after ``stop`` (None: no bound), in id order."""
    if isinstance(recorder, SQLiteApplicationRecorder) and recorder.datastore.originator_id_type == "uuid":
        return sqlite_rows(recorder)
    postgres = sys.modules.get("eventsourcing.postgres")  # imported if the store is PostgreSQL
    if postgres is not None and isinstance(recorder, postgres.PostgresApplicationRecorder):
        return postgres_rows(recorder)
    return library_rows(recorder)


def library_rows(recorder: Any) -> Reader:
    def read(start: int, limit: int, stop: int | None) -> list[Row]:
        return [
            (n.id, n.originator_id, n.originator_version, n.topic, n.state)
            for n in recorder.select_notifications(start=start, limit=limit, stop=stop)
        ]

    return read


def sqlite_rows(recorder: Any) -> Reader:
    table = recorder.events_table_name
    bounded = f"SELECT rowid, {COLUMNS} FROM {table} WHERE rowid>=? AND rowid<=? ORDER BY rowid LIMIT ?"
    unbounded = f"SELECT rowid, {COLUMNS} FROM {table} WHERE rowid>=? ORDER BY rowid LIMIT ?"

    def read(start: int, limit: int, stop: int | None) -> list[Row]:
        with recorder.datastore.transaction(commit=False) as c:
            raw = c.sqlite_cursor
            raw.row_factory = None  # plain tuples, not the datastore's sqlite3.Row
            if stop is None:
                raw.execute(unbounded, (start, limit))
            else:
                raw.execute(bounded, (start, stop, limit))
            return raw.fetchall()

    return read


def postgres_rows(recorder: Any) -> Reader:
    from psycopg.rows import tuple_row
    from psycopg.sql import SQL, Identifier

    table = SQL("{}.{}").format(Identifier(recorder.datastore.schema), Identifier(recorder.events_table_name))
    select = SQL("SELECT notification_id, {} FROM {} WHERE notification_id >= %s").format(SQL(COLUMNS), table)
    bounded = select + SQL(" AND notification_id <= %s ORDER BY notification_id LIMIT %s")
    unbounded = select + SQL(" ORDER BY notification_id LIMIT %s")

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)  # as the library's reads
    def read(start: int, limit: int, stop: int | None) -> list[Row]:
        with recorder.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as cursor:
            if stop is None:
                cursor.execute(unbounded, (start, limit), prepare=True)
            else:
                cursor.execute(bounded, (start, stop, limit), prepare=True)
            return cursor.fetchall()

    return read
