"""A store written by an earlier version (tests/fixtures/store-before-move.sqlite, made before the
layout move: see make_store_before_move.py) still opens, verifies and reads: every event and snapshot
topic it holds resolves, the accounts and teams in it still sign in and grant access, and the read
model rebuilds from it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from uuid import UUID

import pytest

from tests.support.config import make_config
from tracker.audit import verify_negotiation
from tracker.audit.verify import verify_all
from tracker.bootstrap import build_people, build_tracker

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "store-before-move.sqlite"
NEGOTIATION = UUID("3201d589-01cf-4fff-8eab-bd605b7c5ee8")
TEAM = UUID("da1dbce9-6dc8-4fef-b088-785eac59818c")
OWNER, COACH = "alex.morgan@example.org", "coach@example.org"


@pytest.fixture
def old_store(tmp_path):
    shutil.copy(FIXTURE, tmp_path / "tracker.sqlite")  # never touch the committed file
    config = make_config(
        store="sqlite",
        data_dir=str(tmp_path),
        sqlite_file="tracker.sqlite",
        password_hash_profile="CHEAPEST",
        snapshot_interval=20,
    )
    tracker = build_tracker(config)
    people = build_people(config, tracker)
    yield tracker, people
    people.close()
    tracker.close()


def stored_topics() -> set[str]:
    with sqlite3.connect(FIXTURE) as db:
        return {
            topic
            for table in ("stored_events", "stored_snapshots", "accounts_events", "teams_events")
            for (topic,) in db.execute(f"SELECT DISTINCT topic FROM {table}")
        }


def test_the_fixture_holds_events_snapshots_accounts_and_teams():
    topics = stored_topics()
    assert "tracker.domain.snapshot:PackedSnapshot" in topics
    assert {"tracker.accounts.user:User.Registered", "tracker.teams.team:Team.MemberAdded"} <= topics
    assert len(topics) > 20


def test_every_stored_topic_still_resolves():
    from eventsourcing.utils import resolve_topic

    for topic in stored_topics():
        assert resolve_topic(topic) is not None, topic


def test_the_old_store_verifies_and_reads(old_store):
    tracker, _people = old_store
    assert [report.intact for report in verify_all(tracker)] == [True]
    report = verify_negotiation(tracker, NEGOTIATION)
    assert report.intact and report.events_checked == 40
    negotiation = tracker.get(NEGOTIATION)
    assert negotiation.title == "Senior Data Engineer offer at Northwind"
    assert negotiation.stage.is_closed
    assert len(tracker.timeline(NEGOTIATION)) == 40
    step = tracker.step(NEGOTIATION, "reopen", actor=OWNER, reason="Checking the record after the move.")
    assert step.version == 41  # the old chain goes on: the new event links to the stored head
    assert verify_negotiation(tracker, NEGOTIATION).intact


def test_the_old_accounts_and_teams_still_work(old_store):
    _tracker, people = old_store
    assert people.accounts.sign_in(OWNER, "fixture-password-1").email == OWNER
    assert [t.label for t in people.accounts.list_tokens(OWNER)] == ["fixture"]
    assert people.access.role_for(COACH, NEGOTIATION) == "viewer"
    assert people.read_model.rebuild() > 40
    listed = people.read_model.list_negotiations(visible_to=COACH)
    assert [row.negotiation_id for row in listed.items] == [NEGOTIATION]


def test_a_negotiation_snapshotted_before_package_ratings_existed_takes_ratings(old_store):
    tracker, _ = old_store
    negotiation = tracker.get(NEGOTIATION)
    assert list(negotiation.package_ratings) == []
    targets = {p.term_key: p.target for p in negotiation.priorities["owner"].values() if p.weight > 0}
    if negotiation.stage.is_closed:
        tracker.step(NEGOTIATION, "reopen", actor=OWNER, reason="One more look.")
    tracker.step(NEGOTIATION, "rate_package", actor=OWNER, values=targets, rating=85)
    assert [r.rating for r in tracker.get(NEGOTIATION).package_ratings] == [85]
    assert verify_negotiation(tracker, NEGOTIATION).intact
