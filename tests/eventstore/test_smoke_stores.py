from tracker.bootstrap import build_tracker
from tracker.demo import load_demo


def test_demo_round_trips_through_each_store(store_config):
    tracker = build_tracker(store_config)
    nid = load_demo(tracker)
    version = tracker.get(nid).version
    tracker.close()
    reopened = build_tracker(store_config)
    negotiation = reopened.get(nid)
    assert negotiation.version == version
    assert negotiation.stage.value == "agreed"
    assert len(reopened.timeline(nid)) == version
    reopened.close()
