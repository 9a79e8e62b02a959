"""Helpers shared by the tests (moved out of tests/conftest.py, which keeps only fixtures)."""

from __future__ import annotations

from typing import Any

from tracker.config import load_config


def make_config(**overrides: Any) -> dict[str, Any]:
    """Settings from config/default.toml with the given overrides (no TRACKER_* from the shell)."""
    return load_config(overrides, environ={})
