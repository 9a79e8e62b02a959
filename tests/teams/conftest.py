from __future__ import annotations

import pytest

from tests.support.config import make_config
from tests.support.teams import AUDITOR, BEN, COACH, EVERYONE, LEAD, MIA, STRANGER, World, make_world  # noqa: F401


@pytest.fixture
def world():
    w = make_world(make_config(store="memory"))
    yield w
    w.people.close()
    w.tracker.close()


@pytest.fixture
def store_world(store_config):
    w = make_world(store_config)
    yield w
    w.people.close()
    w.tracker.close()
