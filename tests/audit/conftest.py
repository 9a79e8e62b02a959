"""Fixtures for the audit tests: the demo negotiation stored in a real store, then closed, so a test
can tamper with the database and open the store again as a later `tracker verify` would."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

import pytest

from tracker.bootstrap import build_tracker
from tracker.demo import load_demo


@contextmanager
def opened(config: dict[str, Any]) -> Iterator[Any]:
    tracker = build_tracker(config)
    try:
        yield tracker
    finally:
        tracker.close()


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
