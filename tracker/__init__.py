"""The negotiation tracker: an event-sourced record of multi-party (career) negotiations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def create_app(config: Mapping[str, Any] | None = None):
    """The one place the web app is wired: config/default.toml, then TRACKER_* variables, then ``config``."""
    from tracker.web.app import build_app

    return build_app(config)
