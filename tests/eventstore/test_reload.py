"""Close the application, open it again on the same store, and find every event (with snapshots
taken along the way, so their stored form is read back too)."""

import copy

import pytest

from tests.support.scenario import every_command
from tracker.bootstrap import build_tracker
from tracker.demo import load_demo
from tracker.domain.chain import verify_chain


def stored_events(tracker, nid) -> list[tuple]:
    return [
        (
            type(e).__name__,
            e.originator_version,
            e.actor,
            e.timestamp,
            e.occurred_at,
            e.digest,
            dict(vars(e).items()),
        )
        for e in tracker.events.get(nid)
    ]


def state(negotiation) -> dict:
    return {k: v for k, v in vars(negotiation).items() if k != "_pending_events"}


@pytest.mark.parametrize("snapshot_interval", [0, 3])
def test_every_event_is_found_after_reopening_the_store(store_config, snapshot_interval):
    config = dict(store_config, snapshot_interval=snapshot_interval)
    tracker = build_tracker(config)
    nid, _ = every_command(tracker)
    demo = load_demo(tracker)
    before = {n: (stored_events(tracker, n), copy.deepcopy(state(tracker.get(n)))) for n in (nid, demo)}
    timeline = [(e.version, e.sentence) for e in tracker.timeline(nid)]
    tracker.close()

    reopened = build_tracker(dict(config, aggregate_cache_size=0))
    assert reopened.negotiation_ids() == [nid, demo]
    for n, (events, expected_state) in before.items():
        assert stored_events(reopened, n) == events
        assert state(reopened.get(n)) == expected_state
    assert [(e.version, e.sentence) for e in reopened.timeline(nid)] == timeline
    if snapshot_interval:
        assert [s.originator_version for s in reopened.snapshots.get(demo)][:3] == [3, 6, 9]
    reopened.close()


def test_the_reopened_store_keeps_an_intact_hash_chain(store_config):
    tracker = build_tracker(store_config)
    nid, _ = every_command(tracker)
    tracker.close()
    reopened = build_tracker(store_config)
    records = []
    for stored in reopened.recorder.select_events(nid):
        decoded = reopened.mapper.transcoder.decode(stored.state)
        records.append((stored.topic, stored.originator_version, decoded))
    report = verify_chain(str(nid), records)
    assert report.intact and report.events_checked == reopened.get(nid).version
    records[4][2]["name"] = "Someone else"
    assert verify_chain(str(nid), records).first_bad_version == 5
    reopened.close()


def test_versions_and_moments_replay_the_past(store_tracker):
    nid, results = every_command(store_tracker)
    agreed_at = next(r.version for c, r in reversed(results) if c == "accept_proposal")
    past = store_tracker.get(nid, version=agreed_at)
    assert past.stage.value == "agreed" and past.reopened_count == 0
    events = list(store_tracker.events.get(nid))
    assert store_tracker.version_at(nid, events[9].timestamp) == 10
    assert store_tracker.version_at(nid, events[0].timestamp.replace(year=2000)) is None
