"""Security tests run the app as deployed: SQLite file store, sign-in required, CSRF on (argon2 at
its cheapest profile to stay quick)."""

from __future__ import annotations

import sqlite3

import pytest

from tracker import create_app
from tracker.config import sqlite_path

EVENT_TABLES = ("stored_events", "accounts_events", "teams_events")


@pytest.fixture
def secure_config(sqlite_config):
    return {
        **sqlite_config,
        "auth_required": True,
        "csrf_enabled": True,
        "password_hash_profile": "CHEAPEST",
        "secret_key": "security-tests-" + "0" * 32,
    }


@pytest.fixture
def app(secure_config):
    app = create_app(secure_config)
    yield app
    app.extensions["people"].close()
    app.extensions["tracker"].close()


def stored_events(app) -> dict[str, int]:
    """Rows in every event table (negotiations, accounts, teams) of the app's SQLite file."""
    with sqlite3.connect(sqlite_path(app.config["TRACKER"])) as db:
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in EVENT_TABLES}
