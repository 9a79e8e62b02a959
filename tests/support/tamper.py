"""Direct edits of the stored events table, as someone with database access would make them:
SQLite through the sqlite3 module on the real file, PostgreSQL through psycopg in the test schema.

Tables: SQLite keeps events in ``stored_events`` (originator_id as hex text) and snapshots in
``stored_snapshots``; PostgreSQL in ``<schema>.tracker_events`` / ``tracker_snapshots`` (the
application's name, lower-cased), originator_id as uuid."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from tests.support.services import PG
from tracker.config import sqlite_path


class StoredTable:
    def __init__(self, config: dict[str, Any], negotiation_id: UUID, purpose: str = "events") -> None:
        self.config = config
        self.postgres = config["store"] == "postgres"
        if self.postgres:
            self.table = f'"{config["postgres_schema"]}".tracker_{purpose}'
            self.id: Any = negotiation_id
        else:
            self.table = f"stored_{purpose}"
            self.id = negotiation_id.hex

    @contextmanager
    def _cursor(self) -> Iterator[Any]:
        if self.postgres:
            import psycopg

            with psycopg.connect(**PG) as conn:  # commits on leaving the block
                yield conn.cursor()
        else:
            conn = sqlite3.connect(sqlite_path(self.config))
            try:
                yield conn.cursor()
                conn.commit()
            finally:
                conn.close()

    def _sql(self, text: str) -> str:
        return text.replace("?", "%s") if self.postgres else text

    def run(self, text: str, *params: Any) -> list[tuple]:
        with self._cursor() as cur:
            cur.execute(self._sql(text.format(table=self.table)), params)
            return cur.fetchall() if cur.description else []

    def versions(self) -> list[int]:
        return [
            r[0]
            for r in self.run(
                "SELECT originator_version FROM {table} WHERE originator_id=? ORDER BY originator_version",
                self.id,
            )
        ]

    def row(self, version: int) -> tuple[str, bytes]:
        topic, state = self.run(
            "SELECT topic, state FROM {table} WHERE originator_id=? AND originator_version=?",
            self.id,
            version,
        )[0]
        return topic, bytes(state)

    def set_row(self, version: int, topic: str, state: bytes) -> None:
        self.run(
            "UPDATE {table} SET topic=?, state=? WHERE originator_id=? AND originator_version=?",
            topic,
            state,
            self.id,
            version,
        )

    def replace_text(self, version: int, old: bytes, new: bytes) -> None:
        topic, state = self.row(version)
        assert old in state, f"{old!r} not in event {version}"
        self.set_row(version, topic, state.replace(old, new))

    def delete(self, version: int) -> None:
        self.run("DELETE FROM {table} WHERE originator_id=? AND originator_version=?", self.id, version)

    def swap(self, a: int, b: int) -> None:
        row_a, row_b = self.row(a), self.row(b)
        self.set_row(a, *row_b)
        self.set_row(b, *row_a)

    def insert_at(self, version: int, topic: str, state: bytes) -> None:
        """Moves events ``version``.. one place up and puts a new row at ``version``."""
        for v in sorted((v for v in self.versions() if v >= version), reverse=True):
            self.run(
                "UPDATE {table} SET originator_version=? WHERE originator_id=? AND originator_version=?",
                v + 1,
                self.id,
                v,
            )
        self.run(
            "INSERT INTO {table} (originator_id, originator_version, topic, state) VALUES (?,?,?,?)",
            self.id,
            version,
            topic,
            state,
        )


def forge_from(tracker: Any, table: StoredTable, nid: UUID, version: int = 5, name: str = "Dana Kin") -> None:
    """A consistent forgery by someone who knows the digest recipe: the party name in event
    ``version`` changed, and every digest from there on recomputed, so the chain links again."""
    from tracker.domain.chain import event_digest
    from tracker.eventstore.storage import decode_state, encode_state

    prev = tracker.get(nid, version=version - 1).head_digest
    for stored in tracker.recorder.select_events(nid, gt=version - 1):
        state = decode_state(tracker.mapper, stored)
        if stored.originator_version == version:
            state["name"] = name
        state["prev_digest"] = prev
        state["digest"] = prev = event_digest(stored.topic, nid, stored.originator_version, state)
        table.set_row(stored.originator_version, stored.topic, encode_state(tracker.mapper, state))
