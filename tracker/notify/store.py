"""The outbox's tables, in the store's own database (SQLite file or PostgreSQL schema): its positions
in the notification logs, every delivery (in-app, email, webhook) with its status, each person's
preferences and daily reminders (store_people.py), and the registered webhooks (store_webhooks.py).

A batch of deliveries and the position that produced them commit in one transaction, moved by
compare-and-set as the read model's tracking is: when two processes follow the log at once, one
commits and the other starts again from the new position, so no event makes deliveries twice. The
runners take turns through a lease row (``take_lease``) so that usually only one follows at all.
A delivery that leaves the process (email, webhook) is claimed in a committed transaction (a second
process never takes it), marked "sending" in another just before its call, and sent or failed after
it. When a process dies, its claims return to the queue once their lease ends; a delivery found
"sending" is marked failed, never sent again, since its call may have gone out: nothing goes out twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from eventsourcing.sqlite import SQLiteDatastore

from tracker.notify.records import (
    CLAIMED,
    COLUMNS,
    EMAIL,
    FAILED,
    HELD,
    IN_APP,
    QUEUED,
    SENDING,
    SENT,
    WEBHOOK,
    Delivery,
    NewDelivery,
    Webhook,
    as_row,
    delivery_of,
)
from tracker.notify.store_people import PeopleRows
from tracker.notify.store_webhooks import WebhookRows
from tracker.projections.rows import to_us
from tracker.projections.views import on_fresh_connection

__all__ = [
    "CLAIMED",
    "EMAIL",
    "FAILED",
    "HELD",
    "IN_APP",
    "QUEUED",
    "SENDING",
    "SENT",
    "WEBHOOK",
    "Delivery",
    "NewDelivery",
    "OutboxStore",
    "PositionMoved",
    "Webhook",
]
INTERRUPTED = "interrupted while sending: not sent again, it may have arrived"


class PositionMoved(Exception):
    """Another process moved the outbox's position first: read again from there."""


def _create(int_key: str, big: str) -> list[str]:
    return [
        "CREATE TABLE IF NOT EXISTS {positions} (name TEXT PRIMARY KEY, position " + big + " NOT NULL)",
        "CREATE TABLE IF NOT EXISTS {leases} (name TEXT PRIMARY KEY, holder TEXT NOT NULL, "
        f"expires {big} NOT NULL)",
        "CREATE TABLE IF NOT EXISTS {deliveries} ("
        f"id {int_key}, channel TEXT NOT NULL, recipient TEXT NOT NULL, source TEXT NOT NULL, "
        f"notification_id {big} NOT NULL, negotiation_id TEXT, version INTEGER, kind TEXT NOT NULL, "
        f"actor TEXT, occurred_at {big} NOT NULL, title TEXT, sentence TEXT NOT NULL, path TEXT, "
        "needs_me INTEGER NOT NULL, data TEXT, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, "
        f"created_at {big} NOT NULL, first_attempt_at {big}, next_attempt_at {big}, claimed_until {big}, "
        f"sent_at {big}, read_at {big}, last_error TEXT, response_code INTEGER, "
        "UNIQUE (channel, recipient, source, notification_id))",
        "CREATE INDEX IF NOT EXISTS {prefix}notify_unread ON {deliveries} (recipient, channel, read_at)",
        "CREATE INDEX IF NOT EXISTS {prefix}notify_due ON {deliveries} (status, next_attempt_at)",
        "CREATE TABLE IF NOT EXISTS {preferences} (email TEXT PRIMARY KEY, in_app TEXT NOT NULL, "
        f"email_choice TEXT NOT NULL, changed_at {big} NOT NULL)",
        "CREATE TABLE IF NOT EXISTS {webhooks} (id TEXT PRIMARY KEY, owner_kind TEXT NOT NULL, "
        "owner TEXT NOT NULL, url TEXT NOT NULL, kinds TEXT NOT NULL, secret TEXT NOT NULL, "
        f"created_by TEXT NOT NULL, created_at {big} NOT NULL, disabled_at {big}, disabled_reason TEXT)",
        "CREATE INDEX IF NOT EXISTS {prefix}notify_webhook_owner ON {webhooks} (owner_kind, owner)",
        f"CREATE TABLE IF NOT EXISTS {{reminders}} (email TEXT NOT NULL, day TEXT NOT NULL, at {big} NOT NULL, "
        "PRIMARY KEY (email, day))",
    ]


def marks(items: Sequence[Any]) -> str:
    return ", ".join("?" for _ in items)


class OutboxStore(PeopleRows, WebhookRows):
    """The outbox's rows over the tracker's datastore (or its own in-memory SQLite for the memory store)."""

    def __init__(self, datastore: Any) -> None:
        self.datastore = datastore
        self.owns_datastore = False
        if datastore is None or not hasattr(datastore, "transaction"):
            self.datastore = SQLiteDatastore(f"file:outbox_{uuid.uuid4().hex}?mode=memory&cache=shared")
            self.owns_datastore = True
        postgres = type(self.datastore).__module__ == "eventsourcing.postgres"
        self.placeholder = "%s" if postgres else "?"
        schema = getattr(self.datastore, "schema", "") if postgres else ""
        qualify = (lambda name: f'"{schema}"."{name}"') if postgres else (lambda name: name)
        self.names = {
            "positions": qualify("notify_positions"),
            "leases": qualify("notify_leases"),
            "deliveries": qualify("notify_deliveries"),
            "preferences": qualify("notify_preferences"),
            "webhooks": qualify("notify_webhooks"),
            "reminders": qualify("notify_reminders"),
            "prefix": "",  # an index's name takes no schema on PostgreSQL: it lives in its table's
        }
        key = "BIGSERIAL PRIMARY KEY" if postgres else "INTEGER PRIMARY KEY AUTOINCREMENT"
        self.create_statements = _create(key, "BIGINT" if postgres else "INTEGER")

    def sql(self, template: str) -> str:
        text = template.format(**self.names)
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    @on_fresh_connection
    def read(self, template: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """The rows a query answers."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(self.sql(template), list(params))
            return [dict(row) for row in c.fetchall()]

    @on_fresh_connection
    def write(self, template: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """A statement in its own committed transaction; the rows its RETURNING clause gives."""
        with self.datastore.transaction(commit=True) as c:
            c.execute(self.sql(template), list(params))
            return [dict(row) for row in c.fetchall()] if "RETURNING" in template else []

    @on_fresh_connection
    def create_tables(self) -> None:
        with self.datastore.transaction(commit=True) as c:
            for statement in self.create_statements:
                c.execute(self.sql(statement))

    def close(self) -> None:
        if self.owns_datastore:
            self.datastore.close()

    # -- following the logs ----------------------------------------------------------------------
    def position(self, name: str) -> int | None:
        found = self.read("SELECT position FROM {positions} WHERE name = ?", [name])
        return int(found[0]["position"]) if found else None

    def lease_holder(self, name: str, now: datetime) -> str | None:
        """Who holds the lease ``name`` (None: nobody, or its holder let it run out)."""
        found = self.read("SELECT holder FROM {leases} WHERE name = ? AND expires >= ?", [name, to_us(now)])
        return found[0]["holder"] if found else None

    def take_lease(self, name: str, holder: str, now: datetime, seconds: float) -> bool:
        """Takes (or renews) the lease ``name`` for ``seconds``; False while another holder has it."""
        return bool(
            self.write(
                "INSERT INTO {leases} AS held (name, holder, expires) VALUES (?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires = excluded.expires "
                "WHERE held.holder = excluded.holder OR held.expires < ? RETURNING holder",
                [name, holder, _until(now, seconds), to_us(now)],
            )
        )

    def release_lease(self, name: str, holder: str) -> None:
        """Gives the lease up (a process that stops): another may take it at once."""
        self.write("DELETE FROM {leases} WHERE name = ? AND holder = ?", [name, holder])

    @on_fresh_connection
    def record(
        self, name: str, old: int | None, new: int, deliveries: Sequence[NewDelivery], now: datetime
    ) -> None:
        """The deliveries a batch of events made, and the position after it, in one transaction;
        PositionMoved (nothing written) when another process moved the position first."""
        with self.datastore.transaction(commit=True) as c:
            if old is None:
                c.execute(
                    self.sql(
                        "INSERT INTO {positions} (name, position) VALUES (?, ?) ON CONFLICT DO NOTHING "
                        "RETURNING position"
                    ),
                    (name, new),
                )
            else:
                c.execute(
                    self.sql(
                        "UPDATE {positions} SET position = ? WHERE name = ? AND position = ? RETURNING position"
                    ),
                    (new, name, old),
                )
            if c.fetchone() is None:
                raise PositionMoved(name)
            self._insert(c, [as_row(name, d, now) for d in deliveries])

    @on_fresh_connection
    def add_direct(self, source: str, key: int, deliveries: Sequence[NewDelivery], now: datetime) -> None:
        """Deliveries made outside the logs (a webhook's test event, the notice that a webhook was
        turned off): ``source`` and ``key`` stand for the log and position (once per key)."""
        with self.datastore.transaction(commit=True) as c:
            self._insert(c, [as_row(source, replace(d, notification_id=key), now) for d in deliveries])

    def _insert(self, c: Any, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            c.executemany(
                self.sql(
                    f"INSERT INTO {{deliveries}} ({', '.join(COLUMNS)}) VALUES ({marks(COLUMNS)}) "
                    "ON CONFLICT DO NOTHING"
                ),
                rows,
            )

    # -- in the app --------------------------------------------------------------------------------
    def unread_count(self, email: str) -> int:
        found = self.read(
            "SELECT COUNT(*) AS n FROM {deliveries} WHERE recipient = ? AND channel = ? AND read_at IS NULL",
            [email, IN_APP],
        )
        return int(found[0]["n"])

    def in_app(
        self, email: str, *, limit: int = 50, before: int | None = None, unread_only: bool = False
    ) -> list[Delivery]:
        """A person's notifications, newest first (``before``: the id to page back from)."""
        where = "recipient = ? AND channel = ?" + (" AND id < ?" if before else "")
        where += " AND read_at IS NULL" if unread_only else ""
        params: list[Any] = [email, IN_APP] + ([before] if before else [])
        return self._select(where + " ORDER BY id DESC LIMIT ?", [*params, limit])

    def notification(self, email: str, delivery_id: int) -> Delivery | None:
        """One of the person's notifications (None: no such id, or someone else's)."""
        if not 0 < delivery_id < 2**63:
            return None
        found = self._select("id = ? AND recipient = ? AND channel = ?", [delivery_id, email, IN_APP])
        return found[0] if found else None

    def mark_read(self, email: str, ids: Iterable[int] | None, now: datetime) -> int:
        """Marks the person's notifications read (``ids`` None: every one); how many changed."""
        wanted = None if ids is None else [int(i) for i in ids]
        if wanted == []:
            return 0
        sql = "UPDATE {deliveries} SET read_at = ? WHERE recipient = ? AND channel = ? AND read_at IS NULL"
        params: list[Any] = [to_us(now), email, IN_APP]
        if wanted is not None:
            sql += f" AND id IN ({marks(wanted)})"
            params += wanted
        return len(self.write(sql + " RETURNING id", params))

    # -- leaving the process ------------------------------------------------------------------------
    def has_work(self, now: datetime) -> bool:
        """Whether a send is due or a claim has run out (a read: an idle outbox writes nothing)."""
        return bool(
            self.read(
                "SELECT 1 AS due FROM {deliveries} WHERE (status = ? AND (next_attempt_at IS NULL "
                "OR next_attempt_at <= ?)) OR (status IN (?, ?) AND claimed_until < ?) LIMIT 1",
                [QUEUED, to_us(now), CLAIMED, SENDING, to_us(now)],
            )
        )

    def claim(self, now: datetime, lease_seconds: float, limit: int = 20) -> list[Delivery]:
        """Queued deliveries that are due, now "claimed" by this process until the lease ends (committed,
        so a second process never takes the same one); each is marked "sending" just before its call."""
        found = self.write(
            "UPDATE {deliveries} SET status = ?, claimed_until = ?, attempts = attempts + 1, "
            "first_attempt_at = COALESCE(first_attempt_at, ?) "
            "WHERE status = ? AND id IN (SELECT id FROM {deliveries} WHERE status = ? "
            "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?) RETURNING *",
            [CLAIMED, _until(now, lease_seconds), to_us(now), QUEUED, QUEUED, to_us(now), limit],
        )
        return sorted((delivery_of(row) for row in found), key=lambda d: d.id)

    def claim_one(self, delivery_id: int, now: datetime, lease_seconds: float) -> Delivery | None:
        """One queued delivery, now "sending" whether due or not (a test event is sent at once)."""
        found = self.write(
            "UPDATE {deliveries} SET status = ?, claimed_until = ?, attempts = attempts + 1, "
            "first_attempt_at = COALESCE(first_attempt_at, ?) WHERE id = ? AND status = ? RETURNING *",
            [SENDING, _until(now, lease_seconds), to_us(now), delivery_id, QUEUED],
        )
        return delivery_of(found[0]) if found else None

    def start_sending(self, delivery_id: int) -> bool:
        """Marks a claimed delivery "sending", committed before its call: from here on, a process that
        dies leaves it failed, not queued. False when the claim was lost (its lease ended)."""
        return bool(
            self.write(
                "UPDATE {deliveries} SET status = ? WHERE id = ? AND status = ? RETURNING id",
                [SENDING, delivery_id, CLAIMED],
            )
        )

    def finish(
        self,
        delivery_id: int,
        status: str,
        now: datetime,
        *,
        error: str | None = None,
        code: int | None = None,
        retry_at: datetime | None = None,
    ) -> None:
        """After a call: sent, failed (with the reason), or queued again for ``retry_at``."""
        self.write(
            "UPDATE {deliveries} SET status = ?, claimed_until = NULL, last_error = ?, response_code = ?, "
            "sent_at = ?, next_attempt_at = ? WHERE id = ? AND status = ?",
            [
                status,
                (error or "")[:500] or None,
                code,
                to_us(now) if status == SENT else None,
                to_us(retry_at) if retry_at else None,
                delivery_id,
                SENDING,
            ],
        )

    @on_fresh_connection
    def fail_abandoned(self, now: datetime) -> int:
        """Claims whose lease ended (the process died): those not yet sent go back to the queue; those
        in the middle of their call are failed, never sent again, since the call may have gone out."""
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                self.sql(
                    "UPDATE {deliveries} SET status = ?, claimed_until = NULL, attempts = attempts - 1 "
                    "WHERE status = ? AND claimed_until < ?"
                ),
                (QUEUED, CLAIMED, to_us(now)),
            )
            c.execute(
                self.sql(
                    "UPDATE {deliveries} SET status = ?, claimed_until = NULL, last_error = ? "
                    "WHERE status = ? AND claimed_until < ? RETURNING id"
                ),
                (FAILED, INTERRUPTED, SENDING, to_us(now)),
            )
            return len(c.fetchall())

    def claim_held(self, email: str, before: datetime, now: datetime, lease_seconds: float) -> list[Delivery]:
        """A person's held deliveries recorded before ``before``, now "sending" (for one digest): two
        processes never put the same delivery in a digest."""
        found = self.write(
            "UPDATE {deliveries} SET status = ?, claimed_until = ?, attempts = attempts + 1, "
            "first_attempt_at = COALESCE(first_attempt_at, ?) "
            "WHERE channel = ? AND status = ? AND recipient = ? AND created_at < ? RETURNING *",
            [SENDING, _until(now, lease_seconds), to_us(now), EMAIL, HELD, email, to_us(before)],
        )
        return sorted((delivery_of(row) for row in found), key=lambda d: d.id)

    def finish_many(self, ids: Sequence[int], status: str, now: datetime, error: str | None = None) -> None:
        """Deliveries sent (or failed) together, as one digest."""
        if ids:
            self.write(
                "UPDATE {deliveries} SET status = ?, claimed_until = NULL, sent_at = ?, last_error = ? "
                f"WHERE status = ? AND id IN ({marks(ids)})",
                [status, to_us(now) if status == SENT else None, error, SENDING, *ids],
            )

    def held_recipients(self) -> list[str]:
        """Who has deliveries held for a digest."""
        found = self.read(
            "SELECT DISTINCT recipient FROM {deliveries} WHERE channel = ? AND status = ?", [EMAIL, HELD]
        )
        return sorted(row["recipient"] for row in found)

    # -- reading deliveries --------------------------------------------------------------------------
    def deliveries(self, channel: str, recipients: Sequence[str], limit: int = 50) -> list[Delivery]:
        """The latest deliveries on a channel to any of ``recipients`` (a delivery log)."""
        if not recipients:
            return []
        return self._select(
            f"channel = ? AND recipient IN ({marks(recipients)}) ORDER BY id DESC LIMIT ?",
            [channel, *recipients, limit],
        )

    def delivery_by_id(self, delivery_id: int) -> Delivery | None:
        found = self._select("id = ?", [int(delivery_id)])
        return found[0] if found else None

    def delivery_by_key(self, channel: str, recipient: str, source: str, key: int) -> Delivery | None:
        found = self._select(
            "channel = ? AND recipient = ? AND source = ? AND notification_id = ?",
            [channel, recipient, source, key],
        )
        return found[0] if found else None

    def counts(self) -> dict[tuple[str, str], int]:
        """How many deliveries per (channel, status): for `tracker notify` and the benchmarks."""
        found = self.read("SELECT channel, status, COUNT(*) AS n FROM {deliveries} GROUP BY channel, status")
        return {(r["channel"], r["status"]): int(r["n"]) for r in found}

    def _select(self, where: str, params: Sequence[Any]) -> list[Delivery]:
        return [delivery_of(row) for row in self.read("SELECT * FROM {deliveries} WHERE " + where, params)]


def _until(now: datetime, lease_seconds: float) -> int:
    return to_us(now) + int(lease_seconds * 1_000_000)
