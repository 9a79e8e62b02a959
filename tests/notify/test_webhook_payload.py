"""The webhook body: compact JSON with sorted keys, UTC time with a Z, the delivery id for receivers
to drop repeats, and a ping for "send a test event"."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tracker.notify.webhooks import payload as webhook_payload

AT = datetime(2026, 12, 5, 21, 30, 0, tzinfo=UTC)


def test_a_step_becomes_compact_sorted_json():
    body = webhook_payload.payload(
        "counter_offered", "neg-1", 7, "acc-9", AT, {"salary": {"amount": "95000"}, "note": "é"}, "del-3"
    )
    assert (
        body
        == (
            '{"actor":"acc-9","data":{"note":"é","salary":{"amount":"95000"}},"id":"del-3",'
            '"negotiation_id":"neg-1","occurred_at":"2026-12-05T21:30:00Z","type":"counter_offered",'
            '"version":7}'
        ).encode()
    )


def test_the_time_is_given_in_utc_whatever_zone_it_came_in():
    paris = datetime(2026, 12, 5, 22, 30, 0, 250000, tzinfo=timezone(timedelta(hours=1)))
    document = json.loads(webhook_payload.payload("k", "n", 1, None, paris, {}, "d"))
    assert document["occurred_at"] == "2026-12-05T21:30:00.250000Z"
    assert document["actor"] is None


def test_a_time_without_a_zone_is_refused():
    with pytest.raises(ValueError):
        webhook_payload.payload("k", "n", 1, None, datetime(2026, 12, 5), {}, "d")


def test_the_test_event_is_a_ping_with_the_same_shape():
    document = json.loads(webhook_payload.test_payload("del-ping", AT, actor="acc-1"))
    assert document["type"] == "ping"
    assert document["id"] == "del-ping"
    assert document["occurred_at"] == "2026-12-05T21:30:00Z"
    assert set(document) == {"id", "type", "negotiation_id", "version", "actor", "occurred_at", "data"}
    assert document["negotiation_id"] is None and document["actor"] == "acc-1"
