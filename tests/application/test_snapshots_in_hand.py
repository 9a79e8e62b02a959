"""A snapshot due when a step is saved is taken from the negotiation in hand, not loaded from the
store again; it is the state the events give, as the full check (replay and compare) confirms."""

from __future__ import annotations

from unittest import mock

from tracker.audit.verify import verify_negotiation
from tracker.bootstrap import build_tracker
from tracker.demo import load_demo


def test_snapshots_of_saved_steps_match_the_events_and_need_no_reload(store_config):
    tracker = build_tracker(dict(store_config, snapshot_interval=5))
    try:
        nid = load_demo(tracker)  # 40 events, saved step by step
        with mock.patch.object(tracker.repository, "get", wraps=tracker.repository.get) as get:
            for i in range(10):
                tracker.step(nid, "record_lessons", actor="alex", lessons=f"Lesson {i}.")
        assert [c for c in get.call_args_list if c.kwargs.get("version") is not None] == []
        versions = [s.originator_version for s in tracker.snapshots.recorder.select_events(nid)]
        assert versions == list(range(5, 51, 5))
        report = verify_negotiation(tracker, nid)
        assert report.intact and report.events_checked == 50
    finally:
        tracker.close()


def test_a_snapshot_due_in_the_middle_of_a_batch_is_still_loaded_at_its_version(store_config):
    tracker = build_tracker(dict(store_config, snapshot_interval=5))
    try:
        nid = tracker.start_negotiation(actor="alex", title="Offer", kind="job_offer")
        negotiation = tracker.repository.get(nid)
        for i in range(8):  # one save of versions 2..9: the snapshot at 5 is not the state in hand
            negotiation.add_note(actor="alex", text=f"Note {i}.")
        tracker.save(negotiation)
        assert [s.originator_version for s in tracker.snapshots.recorder.select_events(nid)] == [5]
        assert verify_negotiation(tracker, nid).intact
    finally:
        tracker.close()
