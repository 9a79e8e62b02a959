from __future__ import annotations

import pytest

from tests.support.config import make_config
from tests.support.projections import NOW, agree, all_rows, count_decoded, days_ago  # noqa: F401
from tests.support.teams import make_world


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
