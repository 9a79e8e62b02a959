"""The email channel as the outbox uses it: one email per delivery (in the recipient's time zone and
locale), and once a day one digest per person of the deliveries held for it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from typing import Any

from tracker.notify.email.compose import digest_email, step_email, zone
from tracker.notify.email.settings import SmtpSettings
from tracker.notify.email.smtp import EmailFailed, send
from tracker.notify.outbox import Attempt
from tracker.notify.store import FAILED, SENT, OutboxStore

#: email -> (time zone name, locale or None): how the person reads times and numbers.
PersonSettings = Callable[[str], tuple[str, str | None]]


class EmailChannel:
    def __init__(self, settings: SmtpSettings, person: PersonSettings) -> None:
        self.settings = settings
        self.person = person

    def __call__(self, delivery: Any) -> Attempt:
        """Sends one step's email (the outbox's sender for the email channel)."""
        time_zone, locale = self.person(delivery.recipient)
        message = step_email(
            delivery.notice, to=delivery.recipient, settings=self.settings, time_zone=time_zone, locale=locale
        )
        try:
            send(message, self.settings)
        except EmailFailed as failed:
            return Attempt(False, failed.reason)
        return Attempt(True)

    def send_digests(self, store: OutboxStore, now: datetime, lease_seconds: float = 60) -> int:
        """Each person's deliveries held from before their local midnight, in one email; returns how
        many digests went out. Claimed first, then marked sent (or failed) together: a delivery is in
        one digest at most."""
        sent = 0
        for email in store.held_recipients():
            time_zone, locale = self.person(email)
            local = zone(time_zone)
            midnight = datetime.combine(now.astimezone(local).date(), time(0), tzinfo=local)
            due = store.claim_held(email, midnight, now, lease_seconds)
            if not due:
                continue
            ids = [d.id for d in due]
            message = digest_email(
                [d.notice for d in due],
                to=email,
                settings=self.settings,
                day=due[-1].created_at.astimezone(local).date(),
                time_zone=time_zone,
                locale=locale,
            )
            try:
                if message is not None:
                    send(message, self.settings)
            except EmailFailed as failed:
                store.finish_many(ids, FAILED, now, failed.reason)
                continue
            store.finish_many(ids, SENT, now)
            sent += message is not None
        return sent
