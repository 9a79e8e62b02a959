"""Helpers shared by the tests (moved out of tests/audit/conftest.py, which keeps only fixtures)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tracker.bootstrap import build_tracker


@contextmanager
def opened(config: dict[str, Any]) -> Iterator[Any]:
    tracker = build_tracker(config)
    try:
        yield tracker
    finally:
        tracker.close()
