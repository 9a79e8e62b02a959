from __future__ import annotations

import pytest

from tests.support.accounts import FakeClock, people_config
from tests.support.config import make_config
from tracker.accounts import build_accounts


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def accounts(clock):
    service = build_accounts(people_config(make_config(store="memory")), clock=clock)
    yield service
    service.close()


@pytest.fixture
def store_accounts(store_config, clock):
    """Accounts on the real stores (SQLite file, PostgreSQL)."""
    service = build_accounts(people_config(store_config), clock=clock)
    yield service
    service.close()
