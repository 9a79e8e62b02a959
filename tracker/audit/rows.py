"""Stored rows exactly as the database holds them, read without building domain objects, and
fingerprints of them: what the record badge re-reads on every view to see whether anything it
verified before was changed since (see ``tracker.audit.verified``).

A row is (version, topic, state bytes): the state as stored (encrypted and compressed if the store
is), never decoded. A fingerprint is a SHA-256 over a list of rows, taken ``CHUNK`` rows at a time,
in which every version, topic and state is framed, so two lists share one only when they are byte
for byte the same.

``reader(recorder)`` picks how: on SQLite the rows stream in chunks and Python hashes each in bulk
(never more than a chunk of rows in memory, so re-reading them sets off no garbage collection); on
PostgreSQL the database hashes them (``rows_postgres``); any other recorder (the in-memory one) goes
through ``select_events``."""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from operator import itemgetter
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent

Row = tuple[int, str, bytes]
_VERSION, _TOPIC, _STATE = itemgetter(0), itemgetter(1), itemgetter(2)
COLUMNS = "originator_version, topic, state"
CHUNK = 500  # rows hashed (and held) at once: under the collector's threshold of 700 new objects


@dataclass(frozen=True)
class Reading:
    """What ``unchanged`` found: whether the rows verified before are the same, the rows to check now
    (those after them if so, else every row), and what ``seal`` needs once those are checked."""

    same: bool
    rows: list[Row]
    resume: Any = None


def versions_between(gt: int | None, lte: int | None, mark: str) -> tuple[str, list[int]]:
    """The SQL that follows ``originator_id = <mark>`` to keep the versions after ``gt`` and up to
    ``lte`` (either may be None), and its parameters; ``mark`` is the store's placeholder."""
    where, params = "", []
    for operator, value in ((">", gt), ("<=", lte)):
        if value is not None:
            where += f" AND originator_version {operator} {mark}"
            params.append(value)
    return where, params


def in_version_order(newest: bool) -> str:
    """Oldest first, or only the newest row."""
    return " ORDER BY originator_version " + ("DESC LIMIT 1" if newest else "ASC")


def _hash_chunk(digest: Any, found: Sequence[Row]) -> None:
    states, topics = list(map(_STATE, found)), list(map(_TOPIC, found))
    digest.update(len(found).to_bytes(8, "big"))
    for framing in (map(_VERSION, found), map(len, topics), map(len, states)):
        digest.update(array("q", framing).tobytes())
    digest.update("".join(topics).encode())
    digest.update(b"".join(states))


def _hash_rows(digest: Any, found: Sequence[Row]) -> Any:
    for start in range(0, len(found), CHUNK):
        _hash_chunk(digest, found[start : start + CHUNK])
    return digest


class RowReader:
    """Rows through the recorder's own ``select_events``."""

    def __init__(self, recorder: Any) -> None:
        self.recorder = recorder

    def _select(
        self, nid: UUID, gt: int | None = None, lte: int | None = None, newest: bool = False
    ) -> list[Row]:
        found = self.recorder.select_events(nid, gt=gt, lte=lte, desc=newest, limit=1 if newest else None)
        return [(s.originator_version, s.topic, s.state) for s in found]

    def rows(self, nid: UUID, gt: int | None = None) -> list[Row]:
        """Every stored row of ``nid`` after version ``gt``, oldest first."""
        return self._select(nid, gt=gt)

    def _batches(self, nid: UUID) -> Iterator[list[Row]]:
        """Every stored row of ``nid``, oldest first, ``CHUNK`` at a time."""
        found = self.rows(nid)
        for start in range(0, len(found), CHUNK):
            yield found[start : start + CHUNK]

    def newest(self, nid: UUID, lte: int | None = None) -> Row | None:
        """The row with the highest version (at most ``lte``): for snapshots, the one a load of that
        version starts from. One row is read (listing every snapshot's version would walk all their
        pages)."""
        found = self._select(nid, lte=lte, newest=True)
        return found[0] if found else None

    def fingerprint(self, found: Sequence[Row]) -> bytes:
        return _hash_rows(hashlib.sha256(), found).digest()

    def everything(self, nid: UUID) -> Reading:
        found = self.rows(nid)
        return Reading(False, found, found)

    def unchanged(self, nid: UUID, version: int, fingerprint: bytes, resumable: bool = False) -> Reading:
        """Whether the rows of versions 1..``version`` still have ``fingerprint``. The rows stream:
        only the chunk holding ``version`` and the rows after it are kept. (Every reading here can
        be sealed: ``resumable`` is for readers that otherwise let the database compare.)"""
        digest, seen, resume = hashlib.sha256(), 0, None
        with closing(self._batches(nid)) as batches:
            for batch in batches:
                if resume is not None:
                    resume[1].extend(batch)
                elif seen + len(batch) < version:
                    _hash_chunk(digest, batch)
                    seen += len(batch)
                else:
                    head = digest.copy()
                    _hash_chunk(head, batch[: version - seen])
                    if head.digest() != fingerprint:
                        break
                    resume = (digest, list(batch))  # the hash before this chunk, the rows from it on
        if resume is None:
            return self.everything(nid)
        return Reading(True, resume[1][version - seen :], resume)

    def seal(self, reading: Reading, previous: Any) -> tuple[bytes, Any]:
        """The fingerprint of the rows now verified (and what a later ``seal`` needs to extend it:
        nothing here, the rows are all read again each time)."""
        if reading.same:
            before, kept = reading.resume
            return _hash_rows(before.copy(), kept).digest(), None
        return self.fingerprint(reading.resume), None

    def mark(self, nid: UUID, lte: int | None = None) -> tuple[int, bytes] | None:
        """(version, fingerprint) of the newest row (at most ``lte``)."""
        row = self.newest(nid, lte)
        return (row[0], self.fingerprint([row])) if row is not None else None


class SQLiteRows(RowReader):
    def _sql(self, nid: UUID, gt: int | None, lte: int | None, newest: bool) -> tuple[str, list[Any]]:
        where, bounds = versions_between(gt, lte, "?")
        return (
            f"SELECT {COLUMNS} FROM {self.recorder.events_table_name} WHERE originator_id=?{where}"
            f"{in_version_order(newest)}"
        ), [nid.hex, *bounds]

    def _cursor(self, cursor: Any) -> Any:
        raw = getattr(cursor, "sqlite_cursor", cursor)
        raw.row_factory = (
            None  # tuples: converting 10,000 of the datastore's sqlite3.Row costs more than reading them
        )
        return raw

    def _select(
        self, nid: UUID, gt: int | None = None, lte: int | None = None, newest: bool = False
    ) -> list[Row]:
        with self.recorder.datastore.transaction(commit=False) as cursor:
            raw = self._cursor(cursor)
            raw.execute(*self._sql(nid, gt, lte, newest))
            return raw.fetchall()

    def _batches(self, nid: UUID) -> Iterator[list[Row]]:
        with self.recorder.datastore.transaction(commit=False) as cursor:
            raw = self._cursor(cursor)
            raw.execute(*self._sql(nid, None, None, False))
            while batch := raw.fetchmany(CHUNK):
                yield batch


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
