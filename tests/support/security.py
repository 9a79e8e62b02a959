"""Helpers shared by the tests (moved out of tests/web/security/conftest.py, which keeps only fixtures)."""

from __future__ import annotations

import sqlite3

from tracker.config import sqlite_path

EVENT_TABLES = ("stored_events", "accounts_events", "teams_events")


def stored_events(app) -> dict[str, int]:
    """Rows in every event table (negotiations, accounts, teams) of the app's SQLite file."""
    with sqlite3.connect(sqlite_path(app.config["TRACKER"])) as db:
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in EVENT_TABLES}
