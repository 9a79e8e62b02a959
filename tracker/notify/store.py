"""The outbox's tables, in the store's own database (SQLite file or PostgreSQL schema): its positions
in the notification logs, every delivery (in-app, email, webhook) with its status, and each person's
preferences; and the registered webhooks (a team's or a person's).

A batch of deliveries and the position that produced them commit in one transaction, moved by
compare-and-set as the read model's tracking is: when two processes follow the log at once, one
commits and the other starts again from the new position, so no event makes deliveries twice.
A delivery that leaves the process (email, webhook) is claimed in a committed transaction (a second
process never takes it), marked "sending" in another just before its call, and sent or failed after
it. When a process dies, its claims return to the queue once their lease ends; a delivery found
"sending" is marked failed, never sent again, since its call may have gone out: nothing goes out twice.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from eventsourcing.sqlite import SQLiteDatastore

from tracker.notify.notice import Notice
from tracker.notify.preferences import Preferences
from tracker.projections.rows import from_us, to_us
from tracker.projections.views import on_fresh_connection

IN_APP, EMAIL, WEBHOOK = "in_app", "email", "webhook"
QUEUED, HELD, CLAIMED, SENDING, SENT, FAILED = "queued", "held", "claimed", "sending", "sent", "failed"
COLUMNS = [
    "channel",
    "recipient",
    "source",
    "notification_id",
    "negotiation_id",
    "version",
    "kind",
    "actor",
    "occurred_at",
    "title",
    "sentence",
    "path",
    "needs_me",
    "data",
    "status",
    "created_at",
    "sent_at",
]


class PositionMoved(Exception):
    """Another process moved the outbox's position first: read again from there."""


@dataclass(frozen=True)
class Delivery:
    """One notice to one recipient on one channel, and how its delivery went."""

    id: int
    channel: str
    recipient: str  # an email address, or a webhook's id
    notice: Notice
    data: dict[str, Any]
    status: str
    attempts: int
    created_at: datetime
    sent_at: datetime | None
    read_at: datetime | None
    last_error: str | None
    response_code: int | None
    next_attempt_at: datetime | None
    first_attempt_at: datetime | None


@dataclass(frozen=True)
class Webhook:
    """A registered webhook: whose it is (a team's or a person's), where calls go, which event kinds
    it wants (empty: every one), the secret that signs them, and whether (and why) it is turned off."""

    id: str
    owner_kind: str  # "team" or "user"
    owner: str  # the team's id, or the person's email
    url: str
    kinds: tuple[str, ...]
    secret: str
    created_by: str
    created_at: datetime
    disabled_at: datetime | None
    disabled_reason: str | None

    @property
    def enabled(self) -> bool:
        return self.disabled_at is None

    def wants(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds


@dataclass(frozen=True)
class NewDelivery:
    channel: str
    recipient: str
    notification_id: int  # the event's position in its log
    notice: Notice
    data: dict[str, Any]
    status: str  # sent (in-app: stored is delivered), queued, or held (for a digest)


def _create(int_key: str, big: str) -> list[str]:
    return [
        "CREATE TABLE IF NOT EXISTS {positions} (name TEXT PRIMARY KEY, position " + big + " NOT NULL)",
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


class OutboxStore:
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
            "deliveries": qualify("notify_deliveries"),
            "preferences": qualify("notify_preferences"),
            "webhooks": qualify("notify_webhooks"),
            "reminders": qualify("notify_reminders"),
            "prefix": f'"{schema}".' if postgres else "",
        }
        key = "BIGSERIAL PRIMARY KEY" if postgres else "INTEGER PRIMARY KEY AUTOINCREMENT"
        self.create_statements = _create(key, "BIGINT" if postgres else "INTEGER")
        if postgres:  # an index's name takes no schema on PostgreSQL: it lives in its table's
            self.create_statements = [s.replace("{prefix}", "") for s in self.create_statements]

    def sql(self, template: str) -> str:
        text = template.format(**self.names)
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    @on_fresh_connection
    def create_tables(self) -> None:
        with self.datastore.transaction(commit=True) as c:
            for statement in self.create_statements:
                c.execute(self.sql(statement))

    def close(self) -> None:
        if self.owns_datastore:
            self.datastore.close()

    # -- following the logs ----------------------------------------------------------------------
    @on_fresh_connection
    def position(self, name: str) -> int | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(self.sql("SELECT position FROM {positions} WHERE name = ?"), (name,))
            row = c.fetchone()
            return None if row is None else int(dict(row)["position"])

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
            if deliveries:
                marks = ", ".join("?" for _ in COLUMNS)
                c.executemany(
                    self.sql(
                        f"INSERT INTO {{deliveries}} ({', '.join(COLUMNS)}) VALUES ({marks}) ON CONFLICT DO NOTHING"
                    ),
                    [_row(name, d, now) for d in deliveries],
                )

    # -- in the app --------------------------------------------------------------------------------
    @on_fresh_connection
    def unread_count(self, email: str) -> int:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                self.sql(
                    "SELECT COUNT(*) AS n FROM {deliveries} WHERE recipient = ? AND channel = ? AND read_at IS NULL"
                ),
                (email, IN_APP),
            )
            return int(dict(c.fetchone())["n"])

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

    @on_fresh_connection
    def mark_read(self, email: str, ids: Iterable[int] | None, now: datetime) -> int:
        """Marks the person's notifications read (``ids`` None: every one); how many changed."""
        wanted = None if ids is None else [int(i) for i in ids]
        with self.datastore.transaction(commit=True) as c:
            sql = (
                "UPDATE {deliveries} SET read_at = ? WHERE recipient = ? AND channel = ? AND read_at IS NULL"
            )
            params: list[Any] = [to_us(now), email, IN_APP]
            if wanted is not None:
                if not wanted:
                    return 0
                sql += f" AND id IN ({', '.join('?' for _ in wanted)})"
                params += wanted
            c.execute(self.sql(sql + " RETURNING id"), params)
            return len(c.fetchall())

    # -- leaving the process ------------------------------------------------------------------------
    @on_fresh_connection
    def has_work(self, now: datetime) -> bool:
        """Whether a send is due or a claim has run out (a read: an idle outbox writes nothing)."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                self.sql(
                    "SELECT 1 AS due FROM {deliveries} WHERE (status = ? AND (next_attempt_at IS NULL "
                    "OR next_attempt_at <= ?)) OR (status IN (?, ?) AND claimed_until < ?) LIMIT 1"
                ),
                (QUEUED, to_us(now), CLAIMED, SENDING, to_us(now)),
            )
            return c.fetchone() is not None

    @on_fresh_connection
    def claim(self, now: datetime, lease_seconds: float, limit: int = 20) -> list[Delivery]:
        """Queued deliveries that are due, now "claimed" by this process until the lease ends (committed,
        so a second process never takes the same one); each is marked "sending" just before its call."""
        until = to_us(now) + int(lease_seconds * 1_000_000)
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                self.sql(
                    "UPDATE {deliveries} SET status = ?, claimed_until = ?, attempts = attempts + 1, "
                    "first_attempt_at = COALESCE(first_attempt_at, ?) "
                    "WHERE status = ? AND id IN (SELECT id FROM {deliveries} WHERE status = ? "
                    "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?) RETURNING *"
                ),
                (CLAIMED, until, to_us(now), QUEUED, QUEUED, to_us(now), limit),
            )
            return sorted((_delivery(dict(row)) for row in c.fetchall()), key=lambda d: d.id)

    @on_fresh_connection
    def start_sending(self, delivery_id: int) -> bool:
        """Marks a claimed delivery "sending", committed before its call: from here on, a process that
        dies leaves it failed, not queued. False when the claim was lost (its lease ended)."""
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                self.sql("UPDATE {deliveries} SET status = ? WHERE id = ? AND status = ? RETURNING id"),
                (SENDING, delivery_id, CLAIMED),
            )
            return c.fetchone() is not None

    @on_fresh_connection
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
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                self.sql(
                    "UPDATE {deliveries} SET status = ?, claimed_until = NULL, last_error = ?, response_code = ?, "
                    "sent_at = ?, next_attempt_at = ? WHERE id = ? AND status = ?"
                ),
                (
                    status,
                    (error or "")[:500] or None,
                    code,
                    to_us(now) if status == SENT else None,
                    to_us(retry_at) if retry_at else None,
                    delivery_id,
                    SENDING,
                ),
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
                (
                    FAILED,
                    "interrupted while sending: not sent again, it may have arrived",
                    SENDING,
                    to_us(now),
                ),
            )
            return len(c.fetchall())

    @on_fresh_connection
    def claim_held(self, email: str, before: datetime, now: datetime, lease_seconds: float) -> list[Delivery]:
        """A person's held deliveries recorded before ``before``, now "sending" (for one digest): two
        processes never put the same delivery in a digest."""
        until = to_us(now) + int(lease_seconds * 1_000_000)
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                self.sql(
                    "UPDATE {deliveries} SET status = ?, claimed_until = ?, attempts = attempts + 1, "
                    "first_attempt_at = COALESCE(first_attempt_at, ?) "
                    "WHERE channel = ? AND status = ? AND recipient = ? AND created_at < ? RETURNING *"
                ),
                (SENDING, until, to_us(now), EMAIL, HELD, email, to_us(before)),
            )
            return sorted((_delivery(dict(row)) for row in c.fetchall()), key=lambda d: d.id)

    @on_fresh_connection
    def finish_many(self, ids: Sequence[int], status: str, now: datetime, error: str | None = None) -> None:
        """Deliveries sent (or failed) together, as one digest."""
        if not ids:
            return
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                self.sql(
                    "UPDATE {deliveries} SET status = ?, claimed_until = NULL, sent_at = ?, last_error = ? "
                    f"WHERE status = ? AND id IN ({', '.join('?' for _ in ids)})"
                ),
                [status, to_us(now) if status == SENT else None, error, SENDING, *ids],
            )

    def held_recipients(self) -> list[str]:
        """Who has deliveries held for a digest."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                self.sql("SELECT DISTINCT recipient FROM {deliveries} WHERE channel = ? AND status = ?"),
                (EMAIL, HELD),
            )
            return sorted(dict(row)["recipient"] for row in c.fetchall())

    def deliveries(self, channel: str, recipients: Sequence[str], limit: int = 50) -> list[Delivery]:
        """The latest deliveries on a channel to any of ``recipients`` (a delivery log)."""
        if not recipients:
            return []
        marks = ", ".join("?" for _ in recipients)
        return self._select(
            f"channel = ? AND recipient IN ({marks}) ORDER BY id DESC LIMIT ?", [channel, *recipients, limit]
        )

    def counts(self) -> dict[tuple[str, str], int]:
        """How many deliveries per (channel, status): for `tracker notify` and the benchmarks."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                self.sql("SELECT channel, status, COUNT(*) AS n FROM {deliveries} GROUP BY channel, status")
            )
            return {(r["channel"], r["status"]): int(r["n"]) for r in map(dict, c.fetchall())}

    # -- preferences -------------------------------------------------------------------------------
    @on_fresh_connection
    def preferences(self, emails: Sequence[str]) -> dict[str, Preferences]:
        """Each person's preferences; the defaults for those who never chose."""
        found = {email: Preferences() for email in emails}
        if not emails:
            return found
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                self.sql(
                    "SELECT email, in_app, email_choice FROM {preferences} "
                    f"WHERE email IN ({', '.join('?' for _ in emails)})"
                ),
                list(emails),
            )
            for row in map(dict, c.fetchall()):
                found[row["email"]] = Preferences(row["in_app"], row["email_choice"])
        return found

    @on_fresh_connection
    def set_preferences(self, email: str, chosen: Preferences, now: datetime) -> None:
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                self.sql(
                    "INSERT INTO {preferences} (email, in_app, email_choice, changed_at) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (email) DO UPDATE SET in_app = excluded.in_app, "
                    "email_choice = excluded.email_choice, changed_at = excluded.changed_at"
                ),
                (email, chosen.in_app, chosen.email, to_us(now)),
            )

    # -- webhooks ----------------------------------------------------------------------------------
    @on_fresh_connection
    def add_webhook(self, hook: Webhook) -> None:
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                self.sql(
                    "INSERT INTO {webhooks} (id, owner_kind, owner, url, kinds, secret, created_by, "
                    "created_at, disabled_at, disabled_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                ),
                (
                    hook.id,
                    hook.owner_kind,
                    hook.owner,
                    hook.url,
                    json.dumps(list(hook.kinds)),
                    hook.secret,
                    hook.created_by,
                    to_us(hook.created_at),
                    to_us(hook.disabled_at) if hook.disabled_at else None,
                    hook.disabled_reason,
                ),
            )

    def webhooks(self, owner_kind: str, owner: str) -> list[Webhook]:
        """An owner's webhooks, oldest first."""
        return self._webhooks("owner_kind = ? AND owner = ? ORDER BY created_at, id", [owner_kind, owner])

    def enabled_webhooks(self) -> list[Webhook]:
        """Every webhook that is on (the outbox asks for each batch of steps)."""
        return self._webhooks("disabled_at IS NULL ORDER BY created_at, id", [])

    def webhook(self, webhook_id: str) -> Webhook | None:
        found = self._webhooks("id = ?", [str(webhook_id)])
        return found[0] if found else None

    @on_fresh_connection
    def set_webhook_disabled(self, webhook_id: str, at: datetime | None, reason: str | None) -> bool:
        """Turns a webhook off (``at`` and the reason) or on again (``at`` None); whether it exists."""
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                self.sql(
                    "UPDATE {webhooks} SET disabled_at = ?, disabled_reason = ? WHERE id = ? RETURNING id"
                ),
                (to_us(at) if at else None, (reason or "")[:500] or None, str(webhook_id)),
            )
            return c.fetchone() is not None

    @on_fresh_connection
    def delete_webhook(self, webhook_id: str) -> bool:
        with self.datastore.transaction(commit=True) as c:
            c.execute(self.sql("DELETE FROM {webhooks} WHERE id = ? RETURNING id"), (str(webhook_id),))
            return c.fetchone() is not None

    @on_fresh_connection
    def add_direct(self, source: str, key: int, deliveries: Sequence[NewDelivery], now: datetime) -> None:
        """Deliveries made outside the logs (a webhook's test event, the notice that a webhook was
        turned off): ``source`` and ``key`` stand for the log and position (once per key)."""
        with self.datastore.transaction(commit=True) as c:
            marks = ", ".join("?" for _ in COLUMNS)
            c.executemany(
                self.sql(
                    f"INSERT INTO {{deliveries}} ({', '.join(COLUMNS)}) VALUES ({marks}) ON CONFLICT DO NOTHING"
                ),
                [_row(source, replace(d, notification_id=key), now) for d in deliveries],
            )

    @on_fresh_connection
    def claim_one(self, delivery_id: int, now: datetime, lease_seconds: float) -> Delivery | None:
        """One queued delivery, now "sending" whether due or not (a test event is sent at once)."""
        until = to_us(now) + int(lease_seconds * 1_000_000)
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                self.sql(
                    "UPDATE {deliveries} SET status = ?, claimed_until = ?, attempts = attempts + 1, "
                    "first_attempt_at = COALESCE(first_attempt_at, ?) WHERE id = ? AND status = ? RETURNING *"
                ),
                (SENDING, until, to_us(now), delivery_id, QUEUED),
            )
            row = c.fetchone()
            return None if row is None else _delivery(dict(row))

    def delivery_by_id(self, delivery_id: int) -> Delivery | None:
        found = self._select("id = ?", [int(delivery_id)])
        return found[0] if found else None

    def delivery_by_key(self, channel: str, recipient: str, source: str, key: int) -> Delivery | None:
        found = self._select(
            "channel = ? AND recipient = ? AND source = ? AND notification_id = ?",
            [channel, recipient, source, key],
        )
        return found[0] if found else None

    @on_fresh_connection
    def _webhooks(self, where: str, params: Sequence[Any]) -> list[Webhook]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(self.sql("SELECT * FROM {webhooks} WHERE " + where), list(params))
            return [_webhook(dict(row)) for row in c.fetchall()]

    # -- daily reminders -----------------------------------------------------------------------------
    @on_fresh_connection
    def reminded(self, day: str) -> set[str]:
        """Who has had (or is being sent) the reminder of ``day`` (their local date, ISO)."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(self.sql("SELECT email FROM {reminders} WHERE day = ?"), (day,))
            return {dict(row)["email"] for row in c.fetchall()}

    @on_fresh_connection
    def claim_reminder(self, email: str, day: str, now: datetime) -> bool:
        """Takes the person's reminder of ``day``; False when another round or process has it."""
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                self.sql(
                    "INSERT INTO {reminders} (email, day, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING email"
                ),
                (email, day, to_us(now)),
            )
            return c.fetchone() is not None

    @on_fresh_connection
    def release_reminder(self, email: str, day: str) -> None:
        """Gives the reminder back (it could not be sent): a later round tries again."""
        with self.datastore.transaction(commit=True) as c:
            c.execute(self.sql("DELETE FROM {reminders} WHERE email = ? AND day = ?"), (email, day))

    # -- internals ---------------------------------------------------------------------------------
    @on_fresh_connection
    def _select(self, where: str, params: Sequence[Any]) -> list[Delivery]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(self.sql("SELECT * FROM {deliveries} WHERE " + where), list(params))
            return [_delivery(dict(row)) for row in c.fetchall()]


def _row(source: str, d: NewDelivery, now: datetime) -> tuple[Any, ...]:
    n = d.notice
    return (
        d.channel,
        d.recipient,
        source,
        d.notification_id,
        n.negotiation_id,
        n.version,
        n.kind,
        n.actor,
        to_us(n.occurred_at),
        n.negotiation_title,
        n.sentence,
        n.path,
        int(n.needs_me),
        json.dumps(d.data, default=str, sort_keys=True),
        d.status,
        to_us(now),
        to_us(now) if d.status == SENT else None,
    )


def _webhook(row: dict[str, Any]) -> Webhook:
    return Webhook(
        id=row["id"],
        owner_kind=row["owner_kind"],
        owner=row["owner"],
        url=row["url"],
        kinds=tuple(json.loads(row["kinds"] or "[]")),
        secret=row["secret"],
        created_by=row["created_by"],
        created_at=from_us(row["created_at"]),  # type: ignore[arg-type]
        disabled_at=from_us(row["disabled_at"]),
        disabled_reason=row["disabled_reason"],
    )


def _delivery(row: dict[str, Any]) -> Delivery:
    notice = Notice(
        kind=row["kind"],
        negotiation_id=row["negotiation_id"] or "",
        negotiation_title=row["title"] or "",
        version=int(row["version"] or 0),
        actor=row["actor"] or "",
        occurred_at=from_us(row["occurred_at"]),  # type: ignore[arg-type]
        sentence=row["sentence"],
        path=row["path"] or "",
        needs_me=bool(row["needs_me"]),
    )
    return Delivery(
        id=int(row["id"]),
        channel=row["channel"],
        recipient=row["recipient"],
        notice=notice,
        data=json.loads(row["data"] or "{}"),
        status=row["status"],
        attempts=int(row["attempts"]),
        created_at=from_us(row["created_at"]),  # type: ignore[arg-type]
        sent_at=from_us(row["sent_at"]),
        read_at=from_us(row["read_at"]),
        last_error=row["last_error"],
        response_code=row["response_code"],
        next_attempt_at=from_us(row["next_attempt_at"]),
        first_attempt_at=from_us(row["first_attempt_at"]),
    )
