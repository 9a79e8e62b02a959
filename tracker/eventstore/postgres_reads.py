"""PostgreSQL reads of one aggregate's events with their statement text made once, not on each read.

The library's ``select_events`` builds its statement from ``psycopg.sql`` parts on every call (the
base, then a clause for each of ``gt``, ``lte``, the order and ``limit``), and psycopg renders those
parts to text again on every execute. Every request reads the signed-in account this way, and every
step its negotiation's newest events. Here each of the sixteen shapes a read can take is rendered
once, on first use, to exactly the library's text, and executed as a plain string (still prepared
by the server, keyed by that text); what is read and returned is the library's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.utils import retry
from psycopg.sql import SQL, Composable


def library_statement(base: Composable, gt: bool, lte: bool, desc: bool, limit: bool) -> Composable:
    """The statement the library's ``select_events`` composes for a read of this shape."""
    statement = base
    if gt:
        statement += SQL(" AND originator_version > %s")
    if lte:
        statement += SQL(" AND originator_version <= %s")
    statement += SQL(" ORDER BY originator_version")
    statement += SQL(" DESC") if desc else SQL(" ASC")
    if limit:
        statement += SQL(" LIMIT %s")
    return statement


class RenderedEventReads:
    """A mixin for the library's PostgreSQL recorders: ``select_events`` from statements rendered once."""

    select_events_statement: Composable
    datastore: Any

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)  # as the library's read
    def select_events(
        self,
        originator_id: UUID | str,
        *,
        gt: int | None = None,
        lte: int | None = None,
        desc: bool = False,
        limit: int | None = None,
    ) -> Sequence[StoredEvent]:
        shape = (gt is not None, lte is not None, desc, limit is not None)
        rendered: dict[tuple[bool, ...], str] = self.__dict__.setdefault("_rendered_selects", {})
        statement = rendered.get(shape)
        if statement is None:
            statement = rendered[shape] = library_statement(self.select_events_statement, *shape).as_string()
        params: list[Any] = [originator_id]
        params += [value for value in (gt, lte, limit) if value is not None]
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(statement, params, prepare=True)
            return [
                StoredEvent(
                    originator_id=row["originator_id"],
                    originator_version=row["originator_version"],
                    topic=row["topic"],
                    state=bytes(row["state"]),
                )
                for row in curs.fetchall()
            ]
