"""The daily "what's due" email: once a day, from the reminder hour in each person's own time zone,
what needs them soon (deadlines within two days, overdue ones, approvals waiting on them), for
everyone who wants email. Each person's day is claimed in the store first, so several processes
send it once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from tracker.analysis.due_list import due_for
from tracker.notify.email.channel import PersonSettings
from tracker.notify.email.compose import reminder_email, zone
from tracker.notify.email.settings import SmtpSettings
from tracker.notify.email.smtp import EmailFailed, send
from tracker.notify.store import OutboxStore
from tracker.projections import Filters

REMINDER_HOUR = 8  # local time: the reminder is in the inbox at the start of the working day
EVERY = timedelta(minutes=5)  # how often the people are looked over (each is reminded once a day)


class Reminders:
    def __init__(
        self,
        store: OutboxStore,
        read_model: Any,
        negotiation: Callable[[Any], Any],
        settings: SmtpSettings,
        person: PersonSettings,
        hour: int = REMINDER_HOUR,
    ) -> None:
        self.store, self.read_model, self.negotiation = store, read_model, negotiation
        self.settings, self.person, self.hour = settings, person, hour
        self.last: datetime | None = None

    def __call__(self, now: datetime) -> int:
        """Sends the reminders due at ``now``; returns how many went out."""
        if self.last is not None and now - self.last < EVERY:
            return 0
        self.last = now
        people = self.read_model.people_with_open_work()
        choices = self.store.preferences(people)
        sent = 0
        for email in people:
            if choices[email].email == "nothing":
                continue
            time_zone, locale = self.person(email)
            local = now.astimezone(zone(time_zone))
            day = local.date().isoformat()
            if local.hour < self.hour or not self.store.claim_reminder(email, day, now):
                continue
            due = due_for(email, self.read_model, self.negotiation, now, zone(time_zone), Filters(open=True))
            message = reminder_email(
                due, to=email, settings=self.settings, time_zone=time_zone, locale=locale, now=now
            )
            if message is None:  # nothing due: the day is done, nothing sent
                continue
            try:
                send(message, self.settings)
            except EmailFailed:
                self.store.release_reminder(email, day)  # the next look tries again
                continue
            sent += 1
        return sent
