"""An app with sign-in required and CSRF on (as in production), cheap argon2 parameters and a clock
the test moves by hand."""

from __future__ import annotations

from datetime import UTC

import pytest

from tests.support.accounts import FakeClock
from tests.support.web_auth import auth_app


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
