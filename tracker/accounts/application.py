"""The accounts' event-sourced application: users, API token records and sign-in guards."""

from __future__ import annotations

from typing import ClassVar

from eventsourcing.sqlite import SQLiteApplicationRecorder

from tracker.accounts.throttle import Guard
from tracker.eventstore.application import StoreApplication


class AccountsSQLiteRecorder(SQLiteApplicationRecorder):
    def __init__(self, datastore, events_table_name: str = "accounts_events") -> None:
        super().__init__(datastore, events_table_name)


class Accounts(StoreApplication):
    name = "Accounts"
    sqlite_recorder = AccountsSQLiteRecorder
    snapshotting_intervals: ClassVar[dict[type, int]] = {Guard: 20}
