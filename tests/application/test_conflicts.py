"""Optimistic concurrency: a write based on a stale version is refused with a clear conflict error
and stores nothing; two writers at the same version: one succeeds, the other gets the conflict."""

import threading

import pytest

from tests.support.scenario import ACTOR
from tracker.bootstrap import build_tracker
from tracker.domain.errors import ConflictError


@pytest.fixture
def two_trackers(store_config):
    first, second = build_tracker(store_config), build_tracker(store_config)
    yield first, second
    first.close()
    second.close()


@pytest.fixture
def nid(two_trackers):
    first, _ = two_trackers
    nid = first.start_negotiation(actor=ACTOR, title="Offer", kind="job_offer")
    first.step(nid, "add_note", actor=ACTOR, text="First note.")
    return nid


def notes(tracker, nid) -> list[str]:
    return [n.text for n in tracker.get(nid).notes]


def test_a_stale_expected_version_is_a_conflict_and_stores_nothing(two_trackers, nid):
    first, second = two_trackers
    seen = second.get(nid).version
    first.step(nid, "add_note", actor=ACTOR, text="Meanwhile.", expected_version=seen)
    with pytest.raises(ConflictError) as conflict:
        second.step(nid, "add_note", actor=ACTOR, text="Stale.", expected_version=seen)
    assert (conflict.value.expected, conflict.value.actual) == (seen, seen + 1)
    assert str(conflict.value) == (
        f"This negotiation changed since you loaded it (you saw version {seen}, "
        f"it is now at version {seen + 1}). Review the latest steps and submit again."
    )
    assert notes(second, nid) == notes(first, nid) == ["First note.", "Meanwhile."]
    assert len(list(first.events.get(nid))) == seen + 1


def test_a_write_that_loses_the_race_to_the_store_becomes_a_conflict(two_trackers, nid):
    first, second = two_trackers
    version = first.get(nid).version
    save = second.save

    def save_after_the_other_writer(*args, **kwargs):
        first.step(nid, "add_note", actor="dana@example.org", text="Won the race.")
        return save(*args, **kwargs)

    second.save = save_after_the_other_writer  # the other writer commits between load and save
    with pytest.raises(ConflictError) as conflict:
        second.step(nid, "add_note", actor=ACTOR, text="Lost the race.")
    assert (conflict.value.expected, conflict.value.actual) == (version, version + 1)
    del second.save
    assert notes(second, nid) == ["First note.", "Won the race."]
    assert second.step(nid, "add_note", actor=ACTOR, text="Retried.").version == version + 2


def test_a_retry_of_a_request_that_was_recorded_meanwhile_is_a_duplicate(two_trackers, nid):
    first, second = two_trackers
    save = second.save

    def same_request_first(*args, **kwargs):
        first.step(nid, "add_note", actor=ACTOR, text="Once.", request_id="req-7")
        return save(*args, **kwargs)

    second.save = same_request_first
    result = second.step(nid, "add_note", actor=ACTOR, text="Once.", request_id="req-7")
    assert result.duplicate
    assert notes(first, nid) == ["First note.", "Once."]


def test_two_writers_saving_at_once_one_wins_the_other_gets_a_conflict(two_trackers, nid):
    version = two_trackers[0].get(nid).version
    both_loaded = threading.Barrier(2, timeout=20)
    outcomes: dict[str, object] = {}

    def writer(tracker, text):
        save = tracker.save

        def save_together(*args, **kwargs):
            both_loaded.wait()
            return save(*args, **kwargs)

        tracker.save = save_together
        try:
            outcomes[text] = tracker.step(nid, "add_note", actor=ACTOR, text=text, expected_version=version)
        except ConflictError as error:
            outcomes[text] = error

    threads = [threading.Thread(target=writer, args=(t, f"Writer {i}")) for i, t in enumerate(two_trackers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    conflicts = [text for text, outcome in outcomes.items() if isinstance(outcome, ConflictError)]
    winners = [text for text, outcome in outcomes.items() if not isinstance(outcome, ConflictError)]
    assert len(conflicts) == len(winners) == 1, outcomes
    assert outcomes[conflicts[0]].actual == version + 1
    assert notes(two_trackers[0], nid) == ["First note.", winners[0]]


def test_a_writer_whose_cache_is_behind_the_version_the_client_saw_catches_up_and_records(two_trackers, nid):
    """The client saw a step another app server recorded; this server's cached copy is older."""
    first, second = two_trackers
    seen = second.get(nid).version  # cached by the second server
    first.step(nid, "add_note", actor=ACTOR, text="On the first server.", expected_version=seen)
    result = second.step(nid, "add_note", actor=ACTOR, text="On the second.", expected_version=seen + 1)
    assert result.version == seen + 2 and not result.duplicate
    assert notes(first, nid) == ["First note.", "On the first server.", "On the second."]


def test_a_double_submit_that_reached_two_servers_is_stored_once(two_trackers, nid):
    first, second = two_trackers
    seen = second.get(nid).version  # both servers have it cached at the same version
    first.get(nid)
    one = first.step(
        nid, "add_note", actor=ACTOR, text="Sent twice.", expected_version=seen, request_id="r-7"
    )
    two = second.step(
        nid, "add_note", actor=ACTOR, text="Sent twice.", expected_version=seen, request_id="r-7"
    )
    assert (one.version, one.duplicate, two.version, two.duplicate) == (seen + 1, False, seen + 1, True)
    assert notes(second, nid) == ["First note.", "Sent twice."]
    assert len(list(second.events.get(nid))) == seen + 1
