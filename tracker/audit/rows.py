"""Stored rows exactly as the database holds them, read without building domain objects, and
fingerprints of them: what the record badge re-reads on every view to see whether anything it
verified before was changed since (see ``tracker.audit.verified``).

A row is (version, topic, state bytes): the state as stored (encrypted and compressed if the store
is), never decoded. A fingerprint is a SHA-256 over a list of rows in which every version, topic
and state is framed, so two lists share one only when they are byte for byte the same.

``reader(recorder)`` picks how: on SQLite one plain query reads the rows and Python hashes them in
bulk (about 12 ms for 10,000 events, 4 MB); on PostgreSQL the database hashes them
(``sha256``, about as quick, and nothing crosses the socket), and Python computes the same
fingerprint from the rows it verified; any other recorder (the in-memory one) goes through
``select_events``.
"""

from __future__ import annotations

import hashlib
from array import array
from operator import itemgetter
from typing import Any, Iterable, Sequence
from uuid import UUID

from eventsourcing.persistence import StoredEvent

Row = tuple[int, str, bytes]
_VERSION, _TOPIC, _STATE = itemgetter(0), itemgetter(1), itemgetter(2)
COLUMNS = "originator_version, topic, state"


class RowReader:
    """Rows through the recorder's own ``select_events``; fingerprints hashed in bulk."""

    def __init__(self, recorder: Any) -> None:
        self.recorder = recorder

    def _select(self, nid: UUID, gt: int | None = None, lte: int | None = None, newest: bool = False) -> list[Row]:
        found = self.recorder.select_events(nid, gt=gt, lte=lte, desc=newest, limit=1 if newest else None)
        return [(s.originator_version, s.topic, s.state) for s in found]

    def rows(self, nid: UUID, gt: int | None = None) -> list[Row]:
        """Every stored row of ``nid`` after version ``gt``, oldest first."""
        return self._select(nid, gt=gt)

    def newest(self, nid: UUID, lte: int | None = None) -> Row | None:
        """The row with the highest version (at most ``lte``): for snapshots, the one a load of that
        version starts from. One row is read (listing every snapshot's version would walk all their
        pages: 25 ms for the 200 snapshots of a 10,000-event negotiation on SQLite)."""
        found = self._select(nid, lte=lte, newest=True)
        return found[0] if found else None

    def fingerprint(self, found: Sequence[Row]) -> bytes:
        states, topics = list(map(_STATE, found)), list(map(_TOPIC, found))
        digest = hashlib.sha256(len(found).to_bytes(8, "big"))
        for framing in (map(_VERSION, found), map(len, topics), map(len, states)):
            digest.update(array("q", framing).tobytes())
        digest.update("".join(topics).encode())
        digest.update(b"".join(states))
        return digest.digest()

    def unchanged(self, nid: UUID, version: int, fingerprint: bytes) -> tuple[bool, list[Row], list[Row] | None]:
        """Whether the rows of versions 1..``version`` still have ``fingerprint``; the rows to check
        (those after ``version`` if so, else all), and every row when all were read."""
        found = self.rows(nid)
        same = len(found) >= version and self.fingerprint(found[:version]) == fingerprint
        return same, (found[version:] if same else found), found

    def seal(self, previous: Any, checked: list[Row], every: list[Row] | None) -> tuple[bytes, Any]:
        """The fingerprint of the rows now verified (and what ``seal`` needs to extend it later):
        ``previous`` is that of the prefix they follow, ``every`` all the rows (when read)."""
        assert every is not None  # this reader always reads every row
        return self.fingerprint(every), None

    def mark(self, nid: UUID, lte: int | None = None) -> tuple[int, bytes] | None:
        """(version, fingerprint) of the newest row (at most ``lte``)."""
        row = self.newest(nid, lte)
        return (row[0], self.fingerprint([row])) if row is not None else None


class SQLiteRows(RowReader):
    def _select(self, nid: UUID, gt: int | None = None, lte: int | None = None, newest: bool = False) -> list[Row]:
        where, params = "", [nid.hex]
        for clause, value in ((" AND originator_version>?", gt), (" AND originator_version<=?", lte)):
            if value is not None:
                where, params = where + clause, [*params, value]
        order = "DESC LIMIT 1" if newest else "ASC"
        sql = (f"SELECT {COLUMNS} FROM {self.recorder.events_table_name} WHERE originator_id=?{where} "
               f"ORDER BY originator_version {order}")
        with self.recorder.datastore.transaction(commit=False) as cursor:
            # tuples, not the datastore's sqlite3.Row: converting 10,000 would take longer than reading them
            getattr(cursor, "sqlite_cursor", cursor).row_factory = None
            cursor.execute(sql, params)
            return cursor.fetchall()


def reader(recorder: Any) -> RowReader:
    from eventsourcing.sqlite import SQLiteAggregateRecorder

    if isinstance(recorder, SQLiteAggregateRecorder):
        return SQLiteRows(recorder)
    try:
        from eventsourcing.postgres import PostgresAggregateRecorder

        from tracker.audit.rows_postgres import PostgresRows
    except ImportError:  # pragma: no cover (psycopg not installed)
        return RowReader(recorder)
    if isinstance(recorder, PostgresAggregateRecorder):
        return PostgresRows(recorder)
    return RowReader(recorder)


def stored(nid: UUID, row: Row) -> StoredEvent:
    """The row as the mapper reads it."""
    return StoredEvent(originator_id=nid, originator_version=row[0], topic=row[1], state=bytes(row[2]))


def stored_events(nid: UUID, found: Iterable[Row]) -> Iterable[StoredEvent]:
    return (stored(nid, row) for row in found)
