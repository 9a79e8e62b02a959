"""Snapshots on the real stores: a long negotiation reloaded by a fresh application (from its newest
snapshot, through the aggregate cache) is exactly what a full replay gives; snapshots are packed
(collections as tables), older plain snapshots still load, and verification accepts both."""

from __future__ import annotations

import copy
import json

import pytest
from eventsourcing.domain import Snapshot

from bench.history import long_negotiation
from tracker.audit import verify_negotiation
from tracker.bootstrap import build_tracker
from tracker.domain import snapshot as snapshot_module
from tracker.domain.deferred import DeferredList
from tracker.domain.snapshot import PACKED, PackedSnapshot, Rows, pack, unpack
from tracker.domain.state import Interaction, Note, Party

EVENTS = 300
INTERVAL = 20


def state(negotiation) -> dict:
    return {k: v for k, v in vars(negotiation).items() if k != "_pending_events"}


def full_replay(tracker, nid) -> dict:
    negotiation = None
    for event in tracker.events.get(nid):
        negotiation = event.mutate(negotiation)
    return copy.deepcopy(state(negotiation))


@pytest.fixture
def long_history(store_config):
    config = dict(store_config, snapshot_interval=INTERVAL, aggregate_cache_size=100)
    writer = build_tracker(config)
    nid = long_negotiation(writer, EVENTS, batch=37)
    writer.close()
    return config, nid


def test_a_fresh_application_loads_a_long_negotiation_from_its_snapshot_as_a_full_replay_would(long_history):
    config, nid = long_history
    tracker = build_tracker(config)
    try:
        stored = [s.originator_version for s in tracker.snapshots.get(nid)]
        assert stored == list(range(INTERVAL, EVENTS + 1, INTERVAL))
        newest = next(iter(tracker.snapshots.get(nid, desc=True, limit=1)))
        assert isinstance(newest, PackedSnapshot) and {"notes", "interactions", "proposals"} <= set(
            newest.state[PACKED]
        )
        expected = full_replay(tracker, nid)
        assert len(expected["notes"]) > 200 and len(expected["proposals"]) > 20
        assert state(tracker.get(nid)) == expected  # from the snapshot, into the cache
        assert state(tracker.get(nid)) == expected  # from the cache, fast-forwarded
        for version in (INTERVAL - 1, INTERVAL, INTERVAL + 1, 150, EVENTS - 1):
            assert state(tracker.get(nid, version=version)) == full_replay_at(tracker, nid, version), version
    finally:
        tracker.close()


def full_replay_at(tracker, nid, version: int) -> dict:
    negotiation = None
    for event in tracker.events.get(nid, lte=version):
        negotiation = event.mutate(negotiation)
    return copy.deepcopy(state(negotiation))


def test_steps_after_reloading_continue_the_chain_and_verify(long_history):
    config, nid = long_history
    tracker = build_tracker(config)
    try:
        for i in range(INTERVAL + 3):  # crosses the next snapshot
            tracker.step(nid, "add_note", actor="alex@example.org", text=f"After reload {i}")
        assert tracker.get(nid).version == EVENTS + INTERVAL + 3
        report = verify_negotiation(tracker, nid)
        assert report.intact and report.events_checked == EVENTS + INTERVAL + 3, report
    finally:
        tracker.close()
    fresh = build_tracker(config)
    try:
        assert state(fresh.get(nid)) == full_replay(fresh, nid)
    finally:
        fresh.close()


def test_a_plain_snapshot_written_before_packing_still_loads_and_verifies(store_config):
    writer = build_tracker(dict(store_config, snapshot_interval=0))
    nid = long_negotiation(writer, 60)
    writer.close()
    tracker = build_tracker(dict(store_config, snapshot_interval=1000, aggregate_cache_size=0))
    try:
        tracker.snapshots.put([Snapshot.take(tracker.get(nid, version=50))])  # the old, unpacked kind
        assert type(next(iter(tracker.snapshots.get(nid)))) is Snapshot
        assert state(tracker.get(nid)) == full_replay(tracker, nid)
        assert state(tracker.get(nid, version=55)) == full_replay_at(tracker, nid, 55)
        assert verify_negotiation(tracker, nid).intact
    finally:
        tracker.close()


def test_notes_and_interactions_are_stored_as_one_text_and_decoded_only_when_read(long_history):
    config, nid = long_history
    tracker = build_tracker(dict(config, aggregate_cache_size=0))
    try:
        stored = tracker.snapshots.recorder.select_events(nid, desc=True, limit=1)[0]
        tables = json.loads(stored.state)["state"][PACKED]
        for name in ("notes", "interactions"):
            assert tables[name]["rows"]["_type_"] == "tracker_rows" and isinstance(
                tables[name]["rows"]["_data_"], str
            )
            assert tables[name]["count"] == len(json.loads(tables[name]["rows"]["_data_"]))
        assert isinstance(tables["proposals"]["rows"], list)  # read by the rules: decoded with the snapshot
        negotiation = tracker.get(nid)
        assert isinstance(negotiation.notes, DeferredList) and not negotiation.notes.built
        assert not negotiation.interactions.built and len(negotiation.notes) == tables["notes"]["count"]
        expected = full_replay(tracker, nid)
        assert negotiation.notes == expected["notes"] and negotiation.interactions == expected["interactions"]
    finally:
        tracker.close()


def test_a_snapshot_packed_with_its_rows_in_line_still_loads_and_verifies(store_config, monkeypatch):
    """The packed kind written before rows were kept as text: no ``count``, every table's rows in line."""
    writer = build_tracker(dict(store_config, snapshot_interval=0))
    nid = long_negotiation(writer, 60)
    writer.close()
    tracker = build_tracker(dict(store_config, snapshot_interval=1000, aggregate_cache_size=0))
    try:
        with monkeypatch.context() as patched:
            patched.setattr(snapshot_module, "DEFERRED", frozenset())
            tracker.snapshots.put([PackedSnapshot.take(tracker.get(nid, version=50))])
        stored = tracker.snapshots.recorder.select_events(nid, desc=True, limit=1)[0]
        assert isinstance(json.loads(stored.state)["state"][PACKED]["notes"]["rows"], list)
        assert state(tracker.get(nid)) == full_replay(tracker, nid)
        assert verify_negotiation(tracker, nid).intact
    finally:
        tracker.close()


def test_a_table_round_trips_lists_and_dicts_of_state_objects():
    notes = [Note("Called Dana.", 7), Note("Sent the counter.", 9)]
    parties = {
        "p1": Party("p1", "Alex", "candidate", "owner"),
        "p2": Party("p2", "Dana", "", "counterpart", False),
    }
    assert pack(notes) == {
        "class": "Note",
        "fields": ["text", "version"],
        "rows": [["Called Dana.", 7], ["Sent the counter.", 9]],
    }
    assert unpack(pack(notes)) == notes
    assert unpack(pack(parties)) == parties and list(unpack(pack(parties))) == ["p1", "p2"]
    deferred = pack(notes, deferred=True)
    assert deferred == {
        "class": "Note",
        "fields": ["text", "version"],
        "count": 2,
        "rows": Rows.of([["Called Dana.", 7], ["Sent the counter.", 9]]),
    }
    loaded = unpack(deferred)
    assert isinstance(loaded, DeferredList) and not loaded.built and len(loaded) == 2 and loaded == notes
    assert pack(loaded) == pack(notes)  # a loaded list packs as the list it stands for


def test_only_uniform_collections_of_state_objects_are_packed():
    assert pack([]) is None and pack({}) is None
    assert pack(["a", "b"]) is None and pack({"k": 1}) is None
    assert pack([Note("x", 1), Interaction("call", [], "y", "neutral", None, 2)]) is None


def test_a_table_stored_with_other_fields_loads_by_name():
    """Fields added later (with defaults) or reordered: a stored table is read by its field names."""
    older = {
        "class": "Party",
        "fields": ["name", "party_id", "side", "role"],
        "rows": [["Alex", "p1", "owner", ""]],
    }
    assert unpack(older) == [Party("p1", "Alex", "", "owner", True)]
