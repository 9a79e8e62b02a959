"""A step works on the cached negotiation under a lock: a step that fails leaves no trace in what
later reads and steps see, and steps from several threads of one process are all recorded."""

import threading

import pytest

from tests.support.scenario import ACTOR
from tracker.domain.errors import InvalidValue
from tracker.domain.negotiation import Negotiation


@pytest.fixture
def nid(store_tracker):
    nid = store_tracker.start_negotiation(actor=ACTOR, title="Offer", kind="job_offer")
    store_tracker.step(nid, "add_note", actor=ACTOR, text="First.")
    return nid


def notes(tracker, nid):
    return [n.text for n in tracker.get(nid).notes]


def test_a_step_refused_after_it_recorded_leaves_no_trace(store_tracker, nid, monkeypatch):
    original = Negotiation.add_note

    def note_then_refuse(self, **fields):
        original(self, **fields)
        raise InvalidValue("Refused after recording.", "text")

    monkeypatch.setattr(Negotiation, "add_note", note_then_refuse)
    with pytest.raises(InvalidValue):
        store_tracker.step(nid, "add_note", actor=ACTOR, text="Half-written.")
    monkeypatch.setattr(Negotiation, "add_note", original)
    assert notes(store_tracker, nid) == ["First."] and store_tracker.get(nid).version == 2
    assert store_tracker.step(nid, "add_note", actor=ACTOR, text="Second.").version == 3
    assert notes(store_tracker, nid) == ["First.", "Second."]


def test_a_store_failure_leaves_no_trace(store_tracker, nid, monkeypatch):
    def broken_save(*aggregates, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(store_tracker, "save", broken_save)
    with pytest.raises(RuntimeError, match="the disk is full"):
        store_tracker.step(nid, "add_note", actor=ACTOR, text="Lost.")
    monkeypatch.undo()
    assert notes(store_tracker, nid) == ["First."]
    assert store_tracker.step(nid, "add_note", actor=ACTOR, text="Second.").version == 3


def test_what_a_reader_gets_is_a_copy(store_tracker, nid):
    seen = store_tracker.get(nid)
    seen.notes.clear()
    assert notes(store_tracker, nid) == ["First."]


def test_steps_from_several_threads_are_all_recorded(store_tracker, nid):
    errors = []

    def writer(w):
        try:
            for i in range(10):
                store_tracker.step(nid, "add_note", actor=ACTOR, text=f"{w}-{i}")
        except Exception as error:  # pragma: no cover - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    negotiation = store_tracker.get(nid)
    assert negotiation.version == 2 + 40
    assert sorted(notes(store_tracker, nid)[1:]) == sorted(f"{w}-{i}" for w in range(4) for i in range(10))
    assert [e.originator_version for e in store_tracker.events.get(nid)] == list(range(1, 43))


def test_reading_gives_the_state_a_step_left_and_holds_off_steps_meanwhile(store_tracker, nid):
    done = store_tracker.step(nid, "add_note", actor=ACTOR, text="Second.")
    entered, other = threading.Event(), []

    def another_step():
        entered.wait(5)
        other.append(store_tracker.step(nid, "add_note", actor=ACTOR, text="Third.").version)

    thread = threading.Thread(target=another_step)
    thread.start()
    with store_tracker.reading(nid, done.version) as negotiation:
        entered.set()
        thread.join(0.3)
        assert thread.is_alive()  # the other step waits for the reading to end
        assert negotiation.version == done.version
        assert [n.text for n in negotiation.notes] == ["First.", "Second."]
    thread.join(5)
    assert other == [done.version + 1]
    with store_tracker.reading(nid, done.version) as negotiation:  # not cached at that version now
        assert negotiation.version == done.version + 1 and len(negotiation.notes) == 3  # a copy, as get
