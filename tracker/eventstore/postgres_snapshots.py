"""PostgreSQL: a snapshot's commit does not wait for the write-ahead log to reach the disk.

A snapshot is a cache of a negotiation's state: every step it holds is stored, durably, as an event
before it, and a missing snapshot only means more events are replayed. Its insert is a large row (the
whole state), and waiting for its flush cost a step that took one several times what its own append
cost. So each snapshot insert runs in a transaction of its own with ``synchronous_commit`` off for that
transaction only: PostgreSQL makes the row visible at once and writes it with the next flush; a
crash before that loses the row whole, never part of it. Events, and everything else, commit as
before (the setting is ``SET LOCAL``: it ends with the transaction).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.utils import retry


def relax_snapshot_commits(recorder: Any) -> None:
    """Makes the PostgreSQL snapshot ``recorder`` insert each batch in a relaxed transaction."""
    datastore = recorder.datastore

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)  # as the library's insert
    def insert_events(stored_events: Sequence[StoredEvent], **kwargs: Any) -> None:
        if not stored_events:
            return None
        with datastore.get_connection() as conn, conn.transaction(), conn.cursor() as curs:
            curs.execute("SET LOCAL synchronous_commit = off")
            recorder._insert_stored_events(curs, stored_events, **kwargs)
        return None

    recorder.insert_events = insert_events
