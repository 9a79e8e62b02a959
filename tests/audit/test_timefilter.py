"""Timeline filters: by party, kind of step, actor and date range (recorded or occurred time)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tracker.audit import filter_timeline
from tracker.demo import load_demo
from tracker.domain.errors import InvalidValue


@pytest.fixture(scope="module")
def timeline():
    from tests.support.config import make_config
    from tracker.bootstrap import build_tracker

    tracker = build_tracker(make_config(store="memory"))
    nid = load_demo(tracker)
    tracker.step(nid, "record_lessons", actor="coach@example.org", lessons="Ask for the title early.")
    entries = tracker.timeline(nid)
    tracker.close()
    return entries


def versions(entries):
    return [e.version for e in entries]


def test_no_filter_keeps_everything_in_order(timeline):
    assert versions(filter_timeline(timeline)) == list(range(1, 42))


def test_by_party(timeline):
    # Dana Kim (p2): joined, made prop1 and prop3, was on the call, received prop2 and prop4, accepted prop4
    assert versions(filter_timeline(timeline, party="p2")) == [5, 32, 33, 34, 35, 36, 38]
    # Rick Alvarez (p3): joined, received prop2 and prop4, accepted prop4
    assert versions(filter_timeline(timeline, party="p3")) == [6, 34, 36, 37]
    assert versions(filter_timeline(timeline, party=["p3", "p4"])) == [6, 7, 34, 36, 37]
    assert filter_timeline(timeline, party="p9") == []


def test_by_kind_of_step_or_event_type(timeline):
    assert versions(filter_timeline(timeline, kind="proposals")) == [32, 34, 35, 36, 37, 38]
    assert versions(filter_timeline(timeline, kind="ProposalMade")) == [32, 34, 35, 36]
    assert versions(filter_timeline(timeline, kind=["allies", "NoteAdded"])) == [25, 26, 27, 28, 29]
    with pytest.raises(InvalidValue) as error:
        filter_timeline(timeline, kind="gossip")
    assert error.value.field == "kind" and "proposals" in error.value.message


def test_by_actor(timeline):
    assert versions(filter_timeline(timeline, actor="Coach@Example.org")) == [41]
    assert len(filter_timeline(timeline, actor="demo@example.org")) == 40


def test_by_occurred_date_range(timeline):
    today = datetime.now(UTC)
    since, until = (today - timedelta(days=11)).date(), (today - timedelta(days=5)).date()
    # counter-proposals made 10 and 6 days ago; everything else happened earlier, later or today
    assert versions(filter_timeline(timeline, since=since, until=until, basis="occurred")) == [34, 35]
    assert filter_timeline(timeline, since=since, until=until) == []  # all were recorded today
    assert versions(filter_timeline(timeline, since=timeline[10].recorded_at)) == list(range(11, 42))
    assert versions(filter_timeline(timeline, until=timeline[9].recorded_at.isoformat())) == list(
        range(1, 11)
    )


def test_filters_combine(timeline):
    today = datetime.now(UTC)
    found = filter_timeline(
        timeline,
        party="p2",
        kind="ProposalMade",
        actor="demo@example.org",
        since=(today - timedelta(days=30)).isoformat(),
        basis="occurred",
    )
    assert versions(found) == [32, 34, 35, 36]


@pytest.mark.parametrize(
    "kwargs, field",
    [
        (dict(since=datetime(2026, 3, 3)), "since"),
        (dict(until="03/03/2026"), "until"),
        (dict(since=date(2026, 3, 5), until=date(2026, 3, 3)), "since"),
        (dict(basis="logged"), "basis"),
    ],
)
def test_unclear_ranges_are_refused(timeline, kwargs, field):
    with pytest.raises(InvalidValue) as error:
        filter_timeline(timeline, **kwargs)
    assert error.value.field == field


def test_a_date_until_covers_the_whole_day(timeline):
    made = next(e for e in timeline if e.version == 32).occurred_at
    assert versions(
        filter_timeline(timeline, since=made.date(), until=made.date(), basis="occurred", kind="proposals")
    ) == [32]


def test_every_kind_of_step_can_be_filtered_and_exported():
    """Each event a step stores is in a kind of step (the timeline filter) and among the event types
    an export documents; a new step that is not fails here, not in a client reading an export."""
    from tracker.audit.timefilter import EVENT_TYPES
    from tracker.domain.steps import STEP_EVENTS

    recorded_with_a_step = {"Started", "Imported", "ApprovalRequested", "ApprovalsVoided"}
    assert {event.__name__ for event in STEP_EVENTS.values()} | recorded_with_a_step == set(EVENT_TYPES)
