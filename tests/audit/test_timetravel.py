"""Time travel: the negotiation as of a version or a moment, with clear errors for a version out of
range or a moment before the negotiation started."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.audit import opened
from tracker.audit import negotiation_as_of
from tracker.demo import load_demo
from tracker.domain.errors import InvalidValue, NotFound


@pytest.fixture
def demo(memory_tracker):
    return memory_tracker, load_demo(memory_tracker)


def test_as_of_a_version(demo):
    tracker, nid = demo
    as_of = negotiation_as_of(tracker, nid, version=5)
    assert (as_of.version, as_of.latest_version, as_of.is_latest) == (5, 40, False)
    assert [p.name for p in as_of.negotiation.parties.values()] == ["Alex Morgan", "Dana Kim"]
    assert as_of.negotiation.stage_value == "preparing" and not as_of.negotiation.proposals
    assert as_of.recorded_at == tracker.timeline(nid)[4].recorded_at
    after_offer = negotiation_as_of(tracker, nid, version="32").negotiation
    assert after_offer.stage_value == "offer_received" and list(after_offer.proposals) == ["prop1"]


def test_without_version_or_moment_it_is_the_latest_state(demo):
    tracker, nid = demo
    as_of = negotiation_as_of(tracker, nid)
    assert as_of.is_latest and as_of.negotiation.stage_value == "agreed"


def test_as_of_a_moment(demo):
    tracker, nid = demo
    timeline = tracker.timeline(nid)
    between = timeline[31].recorded_at + (timeline[32].recorded_at - timeline[31].recorded_at) / 2
    assert negotiation_as_of(tracker, nid, moment=between).version == 32
    assert negotiation_as_of(tracker, nid, moment=timeline[31].recorded_at).version == 32
    iso = timeline[9].recorded_at.astimezone(UTC).isoformat().replace("+00:00", "Z")
    as_of = negotiation_as_of(tracker, nid, moment=iso)
    assert as_of.version == 10 and as_of.moment == timeline[9].recorded_at
    future = datetime.now(UTC) + timedelta(days=3)
    assert negotiation_as_of(tracker, nid, moment=future).version == 40


@pytest.mark.parametrize(
    "version, words",
    [
        (41, "There is no version 41: this negotiation has versions 1 to 40."),
        (0, "whole number from 1"),
        ("two", "whole number from 1"),
        (True, "whole number from 1"),
    ],
)
def test_a_version_out_of_range_is_refused(demo, version, words):
    tracker, nid = demo
    with pytest.raises(InvalidValue) as error:
        negotiation_as_of(tracker, nid, version=version)
    assert error.value.field == "as_of_version" and words in error.value.message


@pytest.mark.parametrize(
    "moment, words",
    [
        ("2020-01-01", "did not exist yet"),
        (datetime(2020, 1, 1, tzinfo=UTC), "did not exist yet"),
        (datetime(2026, 3, 3, 12, 0), "time zone"),
        ("last tuesday", "ISO 8601"),
    ],
)
def test_a_moment_before_the_start_or_unclear_is_refused(demo, moment, words):
    tracker, nid = demo
    with pytest.raises(InvalidValue) as error:
        negotiation_as_of(tracker, nid, moment=moment)
    assert error.value.field == "as_of" and words in error.value.message


def test_version_and_moment_together_and_unknown_ids_are_refused(demo):
    tracker, nid = demo
    with pytest.raises(InvalidValue, match="not both"):
        negotiation_as_of(tracker, nid, version=3, moment="2026-03-03")
    with pytest.raises(NotFound):
        negotiation_as_of(tracker, "00000000-0000-0000-0000-000000000001", version=1)


def test_as_of_a_version_with_snapshots_matches_a_full_replay(sqlite_config, memory_tracker):
    config = dict(sqlite_config, snapshot_interval=10)
    with opened(config) as tracker:
        nid = load_demo(tracker)
        assert tracker.snapshots.recorder.select_events(nid)  # snapshots exist and are used
        for version in (9, 10, 11, 25, 40):
            replayed = None
            for event in tracker.events.get(nid, lte=version):  # every event from the start
                replayed = event.mutate(replayed)
            state = negotiation_as_of(tracker, nid, version=version).negotiation
            assert state.version == version
            assert vars(state) == vars(replayed)
