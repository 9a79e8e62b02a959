"""Export a negotiation's event stream as a JSON document (events with their digests)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from tracker.application import NegotiationTracker

FORMAT = "negotiation-tracker/events"
FORMAT_VERSION = 1


def to_json(value: Any) -> Any:
    """Plain JSON: Decimals as strings, times as ISO 8601, UUIDs as strings."""
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value


def export_negotiation(tracker: NegotiationTracker, negotiation_id: UUID | str) -> dict[str, Any]:
    negotiation = tracker.get(negotiation_id)
    events = []
    for event in tracker.events.get(negotiation.id):
        state = {k: v for k, v in vars(event).items() if k not in ("originator_id", "originator_version")}
        events.append({"version": event.originator_version, "type": type(event).__name__,
                       "topic": get_topic(type(event)), "state": to_json(state)})
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "negotiation_id": str(negotiation.id),
            "title": negotiation.title, "version": negotiation.version, "events": events}
