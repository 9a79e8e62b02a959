"""Builds the outbox from configuration over the tracker's store (the one place its channels are
chosen): in-app always; webhooks always (calls only to the webhooks people register); email when an
SMTP host is set (config/default.toml)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from tracker.notify.email.channel import EmailChannel, PersonSettings
from tracker.notify.email.settings import SmtpSettings
from tracker.notify.outbox import Outbox
from tracker.notify.reminders import Reminders
from tracker.notify.store import EMAIL, WEBHOOK, OutboxStore
from tracker.notify.webhooks.channel import WebhookChannel


def build_outbox(
    config: Mapping[str, Any],
    tracker: Any,
    *,
    teams: Any,
    access: Any,
    person: PersonSettings,
    clock: Callable[[], datetime],
    read_model: Any = None,
) -> Outbox:
    """The outbox over the tracker's datastore; its tables are made here (under the caller's
    schema lock, see bootstrap.schema_lock). ``person``: a person's time zone and locale; ``read_model``:
    where the daily reminders find who has open work."""
    store = OutboxStore(getattr(tracker.recorder, "datastore", None))
    store.create_tables()
    lease = float(config.get("notify_lease_seconds") or 60)
    smtp = SmtpSettings.from_config(config)
    webhooks = WebhookChannel(
        store, access, clock=clock, allow_loopback=bool(config.get("webhooks_allow_loopback", False))
    )
    senders: dict[str, Any] = {WEBHOOK: webhooks.send}
    periodic: list[Any] = []
    if smtp.enabled:
        email = EmailChannel(smtp, person)
        senders[EMAIL] = email
        periodic.append(lambda now: email.send_digests(store, now, lease))
        if read_model is not None:
            periodic.append(Reminders(store, read_model, tracker.get, smtp, person))
    outbox = Outbox(
        store,
        tracker=tracker,
        teams=teams,
        access=access,
        clock=clock,
        email_on=smtp.enabled,
        senders=senders,
        periodic=periodic,
        lease_seconds=lease,
        retry_at=webhooks.retry_at,
        extra=[webhooks],
        gave_up=[webhooks.gave_up],
    )
    outbox.webhooks = webhooks
    return outbox
