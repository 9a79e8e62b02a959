"""An app with sign-in required and CSRF on (as in production), cheap argon2 parameters and a clock
the test moves by hand."""

from __future__ import annotations

from datetime import UTC

import pytest

from tests.accounts.support import FakeClock
from tests.conftest import make_config

ANA, BO = "ana@example.org", "bo@example.org"


def auth_app(clock=None, **overrides):
    from tracker import create_app

    config = make_config(
        **{
            "store": "memory",
            "secret_key": "auth-tests",
            "csrf_enabled": True,
            "auth_required": True,
            "password_hash_profile": "CHEAPEST",
            **overrides,
        }
    )
    if clock is not None:
        config["clock"] = clock
    return create_app(config)


@pytest.fixture
def clock() -> FakeClock:
    from datetime import datetime

    return FakeClock(datetime.now(UTC))


@pytest.fixture
def app(clock):
    app = auth_app(clock)
    yield app
    app.extensions["people"].close()
    app.extensions["tracker"].close()


@pytest.fixture
def client(app):
    return app.test_client()
