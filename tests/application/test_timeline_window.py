"""A window of the timeline (``NegotiationTracker.timeline_page``) is exactly that slice of the full
timeline, built from the nearest snapshot; ``head_version`` reads the newest version alone."""

from __future__ import annotations

import pytest

from bench.history import long_negotiation
from tests.support.config import make_config
from tracker.bootstrap import build_tracker
from tracker.domain.errors import NotFound

EVENTS = 130


@pytest.fixture(scope="module")
def history():
    tracker = build_tracker(make_config(store="memory", snapshot_interval=20))
    nid = long_negotiation(tracker, EVENTS, batch=30)
    yield tracker, nid, tracker.timeline(nid)
    tracker.close()


@pytest.mark.parametrize(
    "first, last",
    [(1, 50), (51, 100), (101, 150), (101, None), (1, None), (20, 21), (21, 21), (0, 3), (-5, 2), (129, 200)],
)
def test_a_window_is_that_slice_of_the_full_timeline(history, first, last):
    tracker, nid, full = history
    window = tracker.timeline_page(nid, first, last)
    assert window == [e for e in full if e.version >= first and (last is None or e.version <= last)]


def test_an_empty_or_reversed_window_has_no_entries(history):
    tracker, nid, _ = history
    assert tracker.timeline_page(nid, EVENTS + 1) == []
    assert tracker.timeline_page(nid, 60, 59) == []


def test_sentences_in_a_window_read_as_in_the_full_timeline(history):
    tracker, nid, full = history
    window = tracker.timeline_page(nid, 81, 90)  # starts after a snapshot, with proposals in state
    assert [e.sentence for e in window] == [e.sentence for e in full[80:90]]
    assert any(e.event_type == "ProposalMade" for e in window)


def test_the_head_version_and_unknown_negotiations(history):
    tracker, nid, _ = history
    assert tracker.head_version(nid) == EVENTS == tracker.get(nid).version
    with pytest.raises(NotFound):
        tracker.head_version("6f1c1a52-79b8-4b38-9a1e-8a4b2f5b0c11")
    with pytest.raises(NotFound):
        tracker.timeline_page("6f1c1a52-79b8-4b38-9a1e-8a4b2f5b0c11", 1, 50)
    with pytest.raises(NotFound):
        tracker.head_version("not an id")


def test_the_facts_of_a_negotiation_are_read_without_copying_it(history, monkeypatch):
    import eventsourcing.application

    tracker, nid, _ = history
    negotiation = tracker.get(nid)

    def refused(*_args, **_kwargs):
        raise AssertionError("the negotiation was copied")

    monkeypatch.setattr(eventsourcing.application, "deepcopy", refused)
    with pytest.raises(AssertionError):
        tracker.get(nid)  # the patch bites: get copies
    facts = tracker.facts(nid)
    assert (facts.id, facts.owner, facts.created_on) == (
        negotiation.id,
        negotiation.owner,
        negotiation.created_on,
    )
    with pytest.raises(NotFound):
        tracker.facts("6f1c1a52-79b8-4b38-9a1e-8a4b2f5b0c11")
