"""The outbox store's rows about people: what each person wants to be told, and whose daily
reminder of which day has been taken (so several processes send it once)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from tracker.notify.preferences import Preferences
from tracker.projections.rows import to_us


class PeopleRows:
    """Mixed into OutboxStore (its ``read`` and ``write``)."""

    read: Any
    write: Any

    def preferences(self, emails: Sequence[str]) -> dict[str, Preferences]:
        """Each person's preferences; the defaults for those who never chose."""
        found = {email: Preferences() for email in emails}
        if emails:
            rows = self.read(
                "SELECT email, in_app, email_choice FROM {preferences} "
                f"WHERE email IN ({', '.join('?' for _ in emails)})",
                list(emails),
            )
            for row in rows:
                found[row["email"]] = Preferences(row["in_app"], row["email_choice"])
        return found

    def set_preferences(self, email: str, chosen: Preferences, now: datetime) -> None:
        self.write(
            "INSERT INTO {preferences} (email, in_app, email_choice, changed_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (email) DO UPDATE SET in_app = excluded.in_app, "
            "email_choice = excluded.email_choice, changed_at = excluded.changed_at",
            [email, chosen.in_app, chosen.email, to_us(now)],
        )

    def reminded(self, day: str) -> set[str]:
        """Who has had (or is being sent) the reminder of ``day`` (their local date, ISO)."""
        return {row["email"] for row in self.read("SELECT email FROM {reminders} WHERE day = ?", [day])}

    def claim_reminder(self, email: str, day: str, now: datetime) -> bool:
        """Takes the person's reminder of ``day``; False when another round or process has it."""
        return bool(
            self.write(
                "INSERT INTO {reminders} (email, day, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING email",
                [email, day, to_us(now)],
            )
        )

    def release_reminder(self, email: str, day: str) -> None:
        """Gives the reminder back (it could not be sent): a later round tries again."""
        self.write("DELETE FROM {reminders} WHERE email = ? AND day = ?", [email, day])
