"""A cheap answer to "was anything stored for this negotiation written since I last looked?", so the
record badge can skip re-reading rows that provably did not change. A token is a value the store
gives; two equal tokens mean no row of the negotiation was inserted, updated or deleted between
the two readings. ``None`` means the store offers no such answer (the badge then re-reads).

* SQLite: ``PRAGMA data_version`` on a connection of this module's own, which never writes. It
  changes whenever any other connection (this app's pool, another process, the ``sqlite3`` shell)
  commits anything to the file, so it says "nothing at all was written": the badge skips the
  re-read only while the whole store is quiet, and re-reads after any step anywhere.
* PostgreSQL: per negotiation, the count of its rows and the sum and maximum of their ``xmin``
  (the id of the transaction that wrote each row version). An insert changes the count; an update
  writes a new row version with a new, larger transaction id; a deletion changes the count, and a
  deletion with an insert adds a new id: each changes the token. Only a transaction id reused after
  wrap-around (four billion transactions later) could give an edit the token it replaced.

A token only ever lets the badge skip work when *nothing* changed: any difference (a restore, a
``VACUUM FULL``, a tampered row) falls back to re-reading and re-checking the rows.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from collections.abc import Hashable
from typing import Any
from uuid import UUID

_SQLITE: weakref.WeakKeyDictionary[Any, tuple[sqlite3.Connection, threading.Lock]] = (
    weakref.WeakKeyDictionary()
)
_SQLITE_LOCK = threading.Lock()


def change_token(recorder: Any, nid: UUID) -> Hashable | None:
    """The recorder's token for ``nid``'s rows (see the module docstring), or None."""
    from eventsourcing.sqlite import SQLiteAggregateRecorder

    if isinstance(recorder, SQLiteAggregateRecorder):
        return _sqlite_token(recorder.datastore)
    try:
        from eventsourcing.postgres import PostgresAggregateRecorder
    except ImportError:  # pragma: no cover (psycopg not installed)
        return None
    if isinstance(recorder, PostgresAggregateRecorder):
        return _postgres_token(recorder, nid)
    return None


def change_tokens(recorders: list[Any], nid: UUID) -> tuple | None:
    """The tokens of several recorders (the events, the snapshots), or None if any offers none. On
    PostgreSQL recorders that share a datastore answer in one round trip."""
    try:
        from eventsourcing.postgres import PostgresAggregateRecorder
    except ImportError:  # pragma: no cover (psycopg not installed)
        PostgresAggregateRecorder = ()  # type: ignore[assignment,misc]
    if (
        len(recorders) > 1
        and all(isinstance(r, PostgresAggregateRecorder) for r in recorders)
        and len({id(r.datastore) for r in recorders}) == 1
    ):
        return _postgres_tokens(recorders, nid)
    found = tuple(change_token(recorder, nid) for recorder in recorders)
    return None if None in found else found


def _sqlite_token(datastore: Any) -> Hashable | None:
    pool = datastore.pool
    if pool.is_sqlite_memory_mode:
        return None  # an in-memory database: its rows are re-read instead
    with _SQLITE_LOCK:
        found = _SQLITE.get(datastore)
        if found is None:
            connection = sqlite3.connect(pool.db_name, check_same_thread=False, isolation_level=None)
            found = _SQLITE[datastore] = (connection, threading.Lock())
    connection, lock = found
    with lock:
        return "data_version", connection.execute("PRAGMA data_version").fetchone()[0]


def _postgres_token(recorder: Any, nid: UUID) -> Hashable:
    return _postgres_tokens([recorder], nid)[0]


def _postgres_tokens(recorders: list[Any], nid: UUID) -> tuple:
    from psycopg.rows import tuple_row
    from psycopg.sql import SQL, Identifier

    part = SQL(
        "SELECT {n} AS part, count(*), coalesce(sum(xmin::text::bigint), 0), "
        "coalesce(max(xmin::text::bigint), 0) FROM {schema}.{table} WHERE originator_id = %s"
    )
    sql = SQL(" UNION ALL ").join(
        part.format(n=n, schema=Identifier(r.datastore.schema), table=Identifier(r.events_table_name))
        for n, r in enumerate(recorders)
    ) + SQL(" ORDER BY part")
    with recorders[0].datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as cursor:
        cursor.execute(sql, [nid] * len(recorders))
        return tuple(("xmin", *tuple(row[1:])) for row in cursor.fetchall())
