"""The rebuild's event decoder gives, from the rows the rebuild reads (notifications.reader), exactly the
mapper's domain events, without the mapper where the store allows it, and goes to the mapper itself
(its errors included) where not."""

from __future__ import annotations

import pytest

from tests.support.histories import random_history
from tests.support.teams import make_world
from tracker.audit.errors import StoreUnreadable
from tracker.projections.decoding import event_decoder
from tracker.projections.notifications import reader


def every_notification(app):
    return list(app.recorder.select_notifications(1, 100_000))


def every_row(app):
    return reader(app.recorder)(1, 100_000, None)


def with_state(row, state):
    return (*row[:4], state)


def test_every_event_decodes_as_the_mapper_decodes_it(store_config, monkeypatch):
    w = make_world(store_config)
    try:
        random_history(w, seed=4, negotiations=4, rounds=8)
        for app in (w.tracker, w.teams.app):
            want = [(type(e), vars(e)) for e in map(app.mapper.to_domain_event, every_notification(app))]
            monkeypatch.setattr(app.mapper, "to_domain_event", lambda n: pytest.fail("the mapper was asked"))
            decode = event_decoder(app.mapper)
            assert [(type(e), vars(e)) for e in map(decode, every_row(app))] == want
            monkeypatch.undo()
    finally:
        w.people.close()
        w.tracker.close()


def test_anything_unusual_goes_to_the_mapper(world, monkeypatch):
    mapper = world.tracker.mapper
    world.start()
    started, notification = every_row(world.tracker)[0], every_notification(world.tracker)[0]
    asked, real = [], mapper.to_domain_event
    monkeypatch.setattr(mapper, "to_domain_event", lambda n: asked.append(n) or real(n))
    decode = event_decoder(mapper)
    decode(started)
    assert asked == []
    versioned = with_state(started, started[4][:-1] + b',"class_version":2}')
    assert vars(decode(versioned)) == vars(real(notification))  # the mapper upcasts
    assert [n.state for n in asked] == [versioned[4]] and asked[0].originator_id == notification.originator_id
    with pytest.raises(StoreUnreadable):  # GuardedMapper's error
        decode(with_state(started, b"\x00 not json"))
    with pytest.raises(StoreUnreadable):  # bytes after the state
        decode(with_state(started, started[4] + b" {}x"))
    assert len(asked) == 3


def test_an_encrypted_store_is_decoded_by_the_mapper(world, monkeypatch):
    mapper = world.tracker.mapper
    world.start()
    asked, real = [], mapper.to_domain_event
    monkeypatch.setattr(mapper, "to_domain_event", lambda n: asked.append(n) or real(n))
    monkeypatch.setattr(mapper, "cipher", object())
    decode = event_decoder(mapper)  # made for a store with a cipher: every row goes to the mapper
    monkeypatch.setattr(mapper, "cipher", None)  # (which can read this one)
    assert vars(decode(every_row(world.tracker)[0])) == vars(real(every_notification(world.tracker)[0]))
    assert len(asked) == 1
