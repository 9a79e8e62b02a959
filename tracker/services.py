"""Builds the application service from configuration (the one place the store is chosen)."""

from __future__ import annotations

from typing import Any, Mapping

from tracker.application import NegotiationTracker
from tracker.config import eventsourcing_env


def build_tracker(config: Mapping[str, Any]) -> NegotiationTracker:
    return NegotiationTracker(eventsourcing_env(config),
                              snapshot_interval=int(config.get("snapshot_interval") or 0))
