"""On PostgreSQL the tracker reads results in binary format (tracker.eventstore.postgres_results): the stored events,
snapshots and notifications read that way are byte for byte what a plain text-format read returns."""

from __future__ import annotations

import psycopg
from psycopg import pq

from tests.support.services import PG
from tracker.bootstrap import build_tracker
from tracker.demo import load_demo


def test_binary_reads_give_exactly_what_text_reads_give(pg_config):
    tracker = build_tracker(dict(pg_config, snapshot_interval=10))
    try:
        nid = load_demo(tracker)
        datastore = tracker.recorder.datastore
        with datastore.get_connection() as conn, conn.cursor() as cursor:
            assert cursor.format == pq.Format.BINARY
        schema = pg_config["postgres_schema"]
        with psycopg.connect(**PG) as plain:  # text format, as psycopg reads by default
            events = plain.execute(
                f'SELECT originator_version, topic, state FROM "{schema}".tracker_events '
                "WHERE originator_id = %s ORDER BY originator_version",
                (nid,),
            ).fetchall()
            snapshots = plain.execute(
                f'SELECT originator_version, state FROM "{schema}".tracker_snapshots '
                "WHERE originator_id = %s ORDER BY originator_version",
                (nid,),
            ).fetchall()
        stored = tracker.recorder.select_events(nid)
        assert [(s.originator_version, s.topic, s.state) for s in stored] == [
            (v, t, bytes(b)) for v, t, b in events
        ]
        kept = tracker.snapshots.recorder.select_events(nid)
        assert [(s.originator_version, s.state) for s in kept] == [(v, bytes(b)) for v, b in snapshots]
        assert [n.state for n in tracker.recorder.select_notifications(1, 100)] == [s.state for s in stored]
        assert tracker.get(nid).version == len(events) == 40
    finally:
        tracker.close()
