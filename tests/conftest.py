"""Shared fixtures. ``store_config`` runs a test once on the SQLite file store and once on the real
PostgreSQL server; ``memory_tracker`` is the in-memory store for fast unit tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.config import make_config
from tests.support.services import postgres_config, postgres_schema
from tracker.bootstrap import build_tracker

#: The robustness report's hooks (counts of fuzzed and crashed runs, written to artifacts/).
pytest_plugins = ["tests.support.robustness_report"]


@pytest.fixture
def memory_tracker():
    tracker = build_tracker(make_config(store="memory"))
    yield tracker
    tracker.close()


@pytest.fixture
def sqlite_config(tmp_path) -> dict[str, Any]:
    return make_config(store="sqlite", data_dir=str(tmp_path), sqlite_file="tracker.sqlite")


@pytest.fixture
def pg_config() -> Iterator[dict[str, Any]]:
    with postgres_schema() as schema:
        yield make_config(**postgres_config(schema))


@pytest.fixture(params=["sqlite", "postgres"])
def store_config(request, tmp_path) -> Iterator[dict[str, Any]]:
    """The same test on both real stores."""
    if request.param == "sqlite":
        yield make_config(store="sqlite", data_dir=str(tmp_path), sqlite_file="tracker.sqlite")
    else:
        with postgres_schema() as schema:
            yield make_config(**postgres_config(schema))


@pytest.fixture
def store_tracker(store_config):
    tracker = build_tracker(store_config)
    yield tracker
    tracker.close()
