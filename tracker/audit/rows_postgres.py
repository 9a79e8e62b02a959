"""Stored rows on PostgreSQL, fingerprinted by the database itself (``sha256(bytea)``), so checking
that 10,000 events verified before are unchanged sends 32 bytes back, not 4 MB.

The fingerprint of a list of rows is SHA-256 over, per row in version order, the version (8 bytes,
big-endian) and SHA-256(length of the topic (4 bytes) || topic || state). The database computes it
with ``string_agg``; Python computes the same from the rows it verified, one row at a time, so a
fingerprint can be extended by the rows appended since (``seal``) without reading the others again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from tracker.audit.rows import COLUMNS, Reading, Row, RowReader, in_version_order, versions_between

ROW_DIGEST = "sha256(int4send(octet_length(convert_to(topic, 'UTF8'))) || convert_to(topic, 'UTF8') || state)"
FRAMED = f"int8send(originator_version) || {ROW_DIGEST}"


def frame(row: Row) -> bytes:
    topic = row[1].encode()
    return (
        row[0].to_bytes(8, "big", signed=True)
        + hashlib.sha256(len(topic).to_bytes(4, "big") + topic + bytes(row[2])).digest()
    )


class PostgresRows(RowReader):
    def _run(self, columns: str, where: str, params: list[Any], tail: str = "") -> list[tuple]:
        from psycopg.rows import tuple_row
        from psycopg.sql import SQL, Identifier

        sql = SQL("SELECT {columns} FROM {schema}.{table} WHERE originator_id = %s{where}{tail}").format(
            columns=SQL(columns),
            schema=Identifier(self.recorder.datastore.schema),
            table=Identifier(self.recorder.events_table_name),
            where=SQL(where),
            tail=SQL(tail),
        )
        with self.recorder.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _select(
        self, nid: UUID, gt: int | None = None, lte: int | None = None, newest: bool = False
    ) -> list[Row]:
        where, bounds = versions_between(gt, lte, "%s")
        return [
            (v, t, bytes(s))
            for v, t, s in self._run(COLUMNS, where, [nid, *bounds], in_version_order(newest))
        ]

    def fingerprint(self, found: Sequence[Row]) -> bytes:
        return hashlib.sha256(b"".join(map(frame, found))).digest()

    def stored_fingerprint(self, nid: UUID, version: int) -> bytes | None:
        """The fingerprint of the stored rows of versions 1..``version``, computed by the database
        (None when there are not exactly ``version`` of them)."""
        found = self._run(
            f"count(*), sha256(string_agg({FRAMED}, ''::bytea ORDER BY originator_version))",
            " AND originator_version <= %s",
            [nid, version],
        )
        count, digest = found[0]
        return bytes(digest) if count == version and digest is not None else None

    def unchanged(self, nid: UUID, version: int, fingerprint: bytes, resumable: bool = False) -> Reading:
        """``resumable``: no hash of the rows verified before is at hand (they were verified by an
        earlier process, see kept_heads), so their frames are read (32 bytes a row) and hashed here,
        the hash compared and carried on; else the database compares its own fingerprint."""
        if resumable:
            prefix = hashlib.sha256(b"".join(self._frames(nid, version)))
            if prefix.digest() == fingerprint:  # each frame names its version: none missing or added
                return Reading(True, self.rows(nid, gt=version), prefix)
        elif self.stored_fingerprint(nid, version) == fingerprint:
            return Reading(True, self.rows(nid, gt=version))
        return self.everything(nid)

    def seal(self, reading: Reading, previous: Any) -> tuple[bytes, Any]:
        """Extends the fingerprint of the rows verified before (``previous``: its hash, carried on,
        or the one ``unchanged`` made) by the rows checked now; or hashes every row."""
        if reading.same and previous is None:
            previous = reading.resume
        digest = previous.copy() if reading.same else hashlib.sha256()
        digest.update(b"".join(map(frame, reading.rows)))
        return digest.digest(), digest

    def _frames(self, nid: UUID, version: int) -> list[bytes]:
        """Each stored row's frame (its version and a digest), up to ``version``, oldest first."""
        found = self._run(FRAMED, " AND originator_version <= %s", [nid, version], in_version_order(False))
        return [bytes(f) for (f,) in found]

    def mark(self, nid: UUID, lte: int | None = None) -> tuple[int, bytes] | None:
        where, bounds = versions_between(None, lte, "%s")
        found = self._run(
            f"originator_version, sha256({FRAMED})", where, [nid, *bounds], in_version_order(True)
        )
        return (found[0][0], bytes(found[0][1])) if found else None
