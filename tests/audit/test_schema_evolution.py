"""Schema evolution: an event stored in an old shape (AllyActionLogged version 1, before it had a
``channel``) is read after the class gained the field (upcast on read), and still verifies, because
its digest covers the state as it was stored."""

from __future__ import annotations

import json

from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import get_topic

from tests.support.audit import opened
from tracker.audit import import_negotiation, verify_negotiation
from tracker.audit.exporting import export_negotiation
from tracker.domain import events as ev
from tracker.domain.chain import event_digest
from tracker.eventstore.storage import decode_state

TOPIC = get_topic(ev.AllyActionLogged)


def store_old_shape_event(tracker, nid) -> None:
    """Writes version 3 as tracker releases before AllyActionLogged v2 did: no channel, no class_version."""
    negotiation = tracker.get(nid)
    state = {
        "timestamp": ev.AllyActionLogged.create_timestamp(),
        "actor": "alex@example.org",
        "occurred_at": None,
        "request_id": None,
        "prev_digest": negotiation.head_digest,
        "ally_id": "a1",
        "action": "Put in a word with the department head.",
    }
    state["digest"] = event_digest(TOPIC, nid, 3, state)
    tracker.recorder.insert_events(
        [
            StoredEvent(
                originator_id=nid,
                originator_version=3,
                topic=TOPIC,
                state=tracker.mapper.transcoder.encode(state),
            )
        ]
    )


def test_an_old_event_is_upcast_on_read_and_still_verifies(store_config):
    assert ev.AllyActionLogged.class_version == 2
    with opened(store_config) as tracker:
        nid = tracker.start_negotiation(
            actor="alex@example.org", title="Offer at Northwind", kind="job_offer"
        )
        tracker.step(nid, "enlist_ally", actor="alex@example.org", name="Priya Shah", relationship="sponsor")
        store_old_shape_event(tracker, nid)
    with opened(store_config) as tracker:
        old = tracker.recorder.select_events(nid)[2]
        assert "channel" not in decode_state(tracker.mapper, old)  # stored in its old shape
        ally = tracker.get(nid).allies["a1"]
        assert ally.actions[0]["channel"] is None and ally.actions[0]["action"].startswith("Put in a word")
        assert tracker.timeline(nid)[2].sentence == "Priya Shah: Put in a word with the department head."
        tracker.step(
            nid,
            "log_ally_action",
            actor="alex@example.org",
            ally_id="a1",
            action="Sent a note",
            channel="email",
        )
        new = decode_state(tracker.mapper, tracker.recorder.select_events(nid)[3])
        assert new["class_version"] == 2 and new["channel"] == "email"
        assert tracker.timeline(nid)[3].sentence == "Priya Shah (email): Sent a note"
        assert [a["channel"] for a in tracker.get(nid).allies["a1"].actions] == [None, "email"]
        report = verify_negotiation(tracker, nid)
        assert report.intact and report.events_checked == 4
        document = json.loads(json.dumps(export_negotiation(tracker, nid)))
    assert [e["class_version"] for e in document["events"][2:]] == [1, 2]
    assert "channel" not in document["events"][2]["stored_state"]


def test_old_events_survive_an_export_import_round_trip(sqlite_config, tmp_path):
    from tests.support.config import make_config

    with opened(sqlite_config) as tracker:
        nid = tracker.start_negotiation(
            actor="alex@example.org", title="Offer at Northwind", kind="job_offer"
        )
        tracker.step(nid, "enlist_ally", actor="alex@example.org", name="Priya Shah", relationship="sponsor")
        store_old_shape_event(tracker, nid)
        document = json.loads(json.dumps(export_negotiation(tracker, nid)))
    with opened(make_config(store="sqlite", data_dir=str(tmp_path / "other"))) as target:
        import_negotiation(target, document)
        assert "channel" not in decode_state(target.mapper, target.recorder.select_events(nid)[2])
        assert verify_negotiation(target, nid).intact
        assert target.get(nid).allies["a1"].actions[0]["channel"] is None


def test_an_invalid_channel_is_refused(memory_tracker):
    import pytest

    from tracker.domain.errors import InvalidValue

    nid = memory_tracker.start_negotiation(actor="a@example.org", title="Offer", kind="job_offer")
    memory_tracker.step(nid, "enlist_ally", actor="a@example.org", name="Priya", relationship="sponsor")
    with pytest.raises(InvalidValue) as error:
        memory_tracker.step(
            nid, "log_ally_action", actor="a@example.org", ally_id="a1", action="x", channel="pigeon"
        )
    assert error.value.field == "channel"
    assert memory_tracker.get(nid).version == 2
