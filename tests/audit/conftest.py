"""Fixtures for the audit tests: the demo negotiation stored in a real store, then closed, so a test
can tamper with the database and open the store again as a later `tracker verify` would."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest

from tests.support.audit import opened
from tracker.demo import load_demo


@pytest.fixture
def demo_store(store_config) -> tuple[dict[str, Any], UUID]:
    """(config, negotiation id) of the 40-event demo negotiation on SQLite or PostgreSQL."""
    with opened(store_config) as tracker:
        nid = load_demo(tracker)
    return store_config, nid


@pytest.fixture
def sqlite_demo(sqlite_config) -> tuple[dict[str, Any], UUID]:
    with opened(sqlite_config) as tracker:
        nid = load_demo(tracker)
    return sqlite_config, nid
