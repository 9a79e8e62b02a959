"""The teams' event-sourced application: teams and negotiation access."""

from __future__ import annotations

from eventsourcing.sqlite import SQLiteApplicationRecorder

from tracker.eventstore.application import StoreApplication


class TeamsSQLiteRecorder(SQLiteApplicationRecorder):
    def __init__(self, datastore, events_table_name: str = "teams_events") -> None:
        super().__init__(datastore, events_table_name)


class Teams(StoreApplication):
    name = "Teams"
    sqlite_recorder = TeamsSQLiteRecorder
