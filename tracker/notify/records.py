"""What the outbox stores, as values: a delivery and its status, a registered webhook, a delivery
about to be recorded; the statuses and channels; and the conversions to and from table rows."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tracker.notify.notice import Notice
from tracker.projections.rows import from_us, to_us

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


def as_row(source: str, d: NewDelivery, now: datetime) -> tuple[Any, ...]:
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


def webhook_of(row: dict[str, Any]) -> Webhook:
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


def delivery_of(row: dict[str, Any]) -> Delivery:
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
