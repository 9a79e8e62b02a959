"""Security tests run the app as deployed: SQLite file store, sign-in required, CSRF on (argon2 at
its cheapest profile to stay quick)."""

from __future__ import annotations

import pytest

from tests.support.security import EVENT_TABLES, stored_events  # noqa: F401
from tracker import create_app


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
