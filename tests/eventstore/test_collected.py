"""Saving collects what the library's processing event collects: an aggregate's pending events (told
by its class, without the runtime protocol checks), and a bare event or None as the library does."""

from __future__ import annotations

from eventsourcing.application import ProcessingEvent
from eventsourcing.domain import Aggregate, event

from tracker.eventstore.tuning import Collected


class Jotter(Aggregate):
    @event("Jotted")
    def jot(self, text: str) -> None:
        pass


def collected(processing: ProcessingEvent, *objs: object) -> tuple[list, dict, dict]:
    processing.collect_events(*objs, tracking_note="kept")
    return processing.events, processing.aggregates, processing.saved_kwargs


def test_it_collects_what_the_library_collects():
    made = [Jotter(), Jotter()]
    made[0].jot("one")
    bare = Jotter()
    loose = bare.collect_events()[0]  # an event given on its own
    ours = collected(Collected(), made[0], None, loose, made[1])
    events, aggregates, kwargs = ours
    assert [type(e).__name__ for e in events] == ["Created", "Jotted", "Created", "Created"]
    assert events[2] is loose and list(aggregates) == [made[0].id, made[1].id]
    assert kwargs == {"tracking_note": "kept"}
    assert not made[0].pending_events and not made[1].pending_events  # collected once, as the library does

    again = [Jotter(), Jotter()]
    again[0].jot("one")
    theirs = collected(ProcessingEvent(), again[0], None, loose, again[1])
    assert [type(e).__name__ for e in theirs[0]] == [type(e).__name__ for e in events]
    assert len(theirs[1]) == len(aggregates) and theirs[2] == kwargs
