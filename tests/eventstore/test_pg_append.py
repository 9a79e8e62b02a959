"""PostgreSQL appends are one call of the schema's append function (tracker.eventstore.postgres_append): each events
table has its own; an append still takes the events table's EXCLUSIVE lock (notification ids commit in
the order they were issued); an append with a version already taken stores none of its events, raises
the library's IntegrityError and leaves the lock free at once."""

from __future__ import annotations

import dataclasses
import threading
import time

import psycopg
import pytest
from eventsourcing.persistence import IntegrityError

from tests.support.services import PG
from tracker.bootstrap import build_people, build_tracker
from tracker.demo import load_demo
from tracker.eventstore.postgres_append import OneTripApplicationRecorder


@pytest.fixture
def tracker(pg_config):
    tracker = build_tracker(pg_config)
    yield tracker
    tracker.close()


def test_every_application_appends_through_its_own_function(pg_config, tracker):
    people = build_people(dict(pg_config, password_hash_profile="CHEAPEST"), tracker)
    try:
        people.accounts.sign_up("dana@example.org", "correct horse battery staple")
        nid = load_demo(tracker)
        recorders = [tracker.recorder, people.accounts.app.recorder, people.teams.app.recorder]
        assert all(type(r) is OneTripApplicationRecorder for r in recorders)
        schema = pg_config["postgres_schema"]
        with psycopg.connect(**PG) as conn:
            functions = {
                name
                for (name,) in conn.execute(
                    "SELECT proname FROM pg_proc JOIN pg_namespace n ON n.oid = pronamespace "
                    "WHERE nspname = %s AND proname LIKE 'tracker_append_%%'",
                    (schema,),
                )
            }
            accounts = conn.execute(f'SELECT count(*) FROM "{schema}".accounts_events').fetchone()[0]
        assert functions == {f"tracker_append_{r.events_table_name}" for r in recorders}
        assert accounts >= 1
        stored = tracker.recorder.select_events(nid)
        notifications = tracker.recorder.select_notifications(1, 1000)
        assert [n.originator_version for n in notifications if n.originator_id == nid] == [
            s.originator_version for s in stored
        ]
        assert [n.id for n in notifications] == sorted(n.id for n in notifications)
    finally:
        people.close()


def test_the_append_returns_the_notification_ids_it_was_given(tracker):
    nid = load_demo(tracker)
    last = tracker.recorder.select_events(nid)[-1]
    following = [dataclasses.replace(last, originator_version=last.originator_version + i) for i in (1, 2)]
    ids = tracker.recorder.insert_events(following)
    assert ids == [tracker.recorder.max_notification_id() - 1, tracker.recorder.max_notification_id()]


def test_a_version_already_taken_stores_nothing_and_frees_the_lock(pg_config, tracker):
    nid = load_demo(tracker)
    stored = tracker.recorder.select_events(nid)
    last = stored[-1]
    with pytest.raises(IntegrityError):
        tracker.recorder.insert_events(
            [dataclasses.replace(last, originator_version=last.originator_version + 1), last]
        )  # the second is taken: the first must not be kept either
    assert tracker.recorder.select_events(nid) == stored
    schema = pg_config["postgres_schema"]
    with psycopg.connect(**PG) as conn:  # a transaction of its own: the lock is free right away
        conn.execute("SET LOCAL lock_timeout = '200ms'")
        conn.execute(f'LOCK TABLE "{schema}".tracker_events IN EXCLUSIVE MODE')
    assert tracker.get(nid).version == last.originator_version


def test_an_append_waits_while_another_transaction_holds_the_table_lock(pg_config, tracker):
    nid = tracker.start_negotiation(actor="dana", title="Staff Engineer offer", kind="job_offer")
    version = tracker.get(nid).version
    schema = pg_config["postgres_schema"]
    done = threading.Event()

    def append() -> None:
        tracker.step(
            nid, "add_note", actor="dana", text="Asked for the offer in writing.", expected_version=version
        )
        done.set()

    with psycopg.connect(**PG) as holder:
        holder.execute(f'LOCK TABLE "{schema}".tracker_events IN EXCLUSIVE MODE')
        writer = threading.Thread(target=append)
        writer.start()
        time.sleep(0.5)
        assert not done.is_set(), "an append went through while the events table was locked"
    writer.join(timeout=10)
    assert done.is_set()
    assert tracker.get(nid).version == version + 1
