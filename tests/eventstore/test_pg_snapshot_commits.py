"""On PostgreSQL a snapshot is inserted with ``synchronous_commit`` off for its own transaction
(tracker.eventstore.postgres_snapshots); the setting does not outlive that transaction (the pool's
connections, which the appends use, commit as before), and the snapshot is there to load from at once."""

from __future__ import annotations

from tests.support.scenario import ACTOR
from tracker.bootstrap import build_tracker


def setting_during(recorder, seen: list[str]):
    """Wraps ``recorder``'s insert to note synchronous_commit as the insert runs."""
    insert = recorder._insert_stored_events

    def noting(curs, stored_events, **kwargs):
        curs.execute("SELECT current_setting('synchronous_commit') AS setting")
        seen.append(curs.fetchone()["setting"])
        return insert(curs, stored_events, **kwargs)

    recorder._insert_stored_events = noting


def test_snapshots_commit_relaxed_and_events_do_not(pg_config):
    tracker = build_tracker(dict(pg_config, snapshot_interval=5, aggregate_cache_size=0))
    try:
        snapshot_settings: list[str] = []
        setting_during(tracker.snapshots.recorder, snapshot_settings)
        nid = tracker.start_negotiation(actor=ACTOR, title="Offer", kind="job_offer")
        for i in range(11):
            tracker.step(nid, "add_note", actor=ACTOR, text=f"Note {i}.")
        assert snapshot_settings == ["off", "off"]  # versions 5 and 10
        with tracker.recorder.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute("SELECT current_setting('synchronous_commit') AS setting")
            assert curs.fetchone()["setting"] == "on"  # the appends' connections commit as before
        assert [s.originator_version for s in tracker.snapshots.get(nid)] == [5, 10]
        assert [n.text for n in tracker.get(nid).notes] == [f"Note {i}." for i in range(11)]
    finally:
        tracker.close()
