"""The JSON document a webhook call carries: compact, keys sorted (the same step gives the same bytes),
the time in UTC ISO 8601 with a ``Z``, and the delivery id so a receiver can drop a call it has
already handled (a retry after a lost answer sends the same id)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

PING = "ping"


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("occurred_at must carry its time zone (the event store's times are UTC)")
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _encode(document: dict[str, Any]) -> bytes:
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def payload(
    kind: str,
    negotiation_id: str,
    version: int,
    actor: str | None,
    occurred_at: datetime,
    data: dict[str, Any],
    delivery_id: str,
) -> bytes:
    """The body of a webhook call for one step: ``data`` is the step as the API shows it."""
    return _encode(
        {
            "id": delivery_id,
            "type": kind,
            "negotiation_id": negotiation_id,
            "version": version,
            "actor": actor,
            "occurred_at": _utc(occurred_at),
            "data": data,
        }
    )


def test_payload(delivery_id: str, occurred_at: datetime, actor: str | None = None) -> bytes:
    """The body of "send a test event": type ``ping``, no negotiation, same shape as a real call."""
    return _encode(
        {
            "id": delivery_id,
            "type": PING,
            "negotiation_id": None,
            "version": None,
            "actor": actor,
            "occurred_at": _utc(occurred_at),
            "data": {"message": "A test event from the negotiation tracker: this webhook is reachable."},
        }
    )


test_payload.__test__ = False  # type: ignore[attr-defined]  # not a pytest test, despite the name
