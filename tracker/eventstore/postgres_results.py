"""PostgreSQL results in binary format for every query of a datastore.

psycopg asks for results in text format unless a cursor says otherwise, and eventsourcing's
recorders do not; a ``bytea`` column then arrives hex-encoded, twice its size, and is decoded on the
client. The snapshot of a long negotiation is about a megabyte, so reading it in binary saves most of
its transfer and decoding. The values are the same
Python objects in either format (psycopg's loaders), so nothing else changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import pq


class BinaryCursor(psycopg.Cursor):
    """A client-side cursor whose results come in binary format."""

    def __init__(self, connection: Any, *, row_factory: Any = None) -> None:
        super().__init__(connection, row_factory=row_factory)
        self.format = pq.Format.BINARY


def read_binary_results(datastore: Any) -> None:
    """Makes every cursor of ``datastore``'s connections (eventsourcing's PostgresDatastore) read
    binary results. Idempotent."""
    if getattr(datastore, "binary_results", False):
        return
    plain = datastore.get_connection

    @contextmanager
    def get_connection() -> Iterator[Any]:
        with plain() as conn:
            conn.cursor_factory = BinaryCursor
            yield conn

    datastore.get_connection = get_connection
    datastore.binary_results = True
