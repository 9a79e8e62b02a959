"""The rebuild's event decoder gives exactly the mapper's domain events, without the mapper where the
store allows it, and is the mapper itself (its errors included) where not."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.support.histories import random_history
from tests.support.teams import make_world
from tracker.audit.errors import StoreUnreadable
from tracker.projections.decoding import event_decoder


def every_notification(app):
    return list(app.recorder.select_notifications(1, 100_000))


def test_every_event_decodes_as_the_mapper_decodes_it(store_config, monkeypatch):
    w = make_world(store_config)
    try:
        random_history(w, seed=4, negotiations=4, rounds=8)
        for app in (w.tracker, w.teams.app):
            notifications = every_notification(app)
            want = [(type(e), vars(e)) for e in map(app.mapper.to_domain_event, notifications)]
            monkeypatch.setattr(app.mapper, "to_domain_event", lambda n: pytest.fail("the mapper was asked"))
            decode = event_decoder(app.mapper)
            assert [(type(e), vars(e)) for e in map(decode, notifications)] == want
            monkeypatch.undo()
    finally:
        w.people.close()
        w.tracker.close()


def test_anything_unusual_goes_to_the_mapper(world, monkeypatch):
    mapper = world.tracker.mapper
    world.start()
    started = every_notification(world.tracker)[0]
    asked, real = [], mapper.to_domain_event
    monkeypatch.setattr(mapper, "to_domain_event", lambda n: asked.append(n) or real(n))
    decode = event_decoder(mapper)
    decode(started)
    assert asked == []
    versioned = replace(started, state=started.state[:-1] + b',"class_version":2}')
    assert vars(decode(versioned)) == vars(real(started)) and asked == [versioned]  # the mapper upcasts
    with pytest.raises(StoreUnreadable):  # GuardedMapper's error
        decode(replace(started, state=b"\x00 not json"))
    with pytest.raises(StoreUnreadable):  # bytes after the state
        decode(replace(started, state=started.state + b" {}x"))
    assert len(asked) == 3


def test_an_encrypted_store_is_decoded_by_the_mapper(world, monkeypatch):
    mapper = world.tracker.mapper
    monkeypatch.setattr(mapper, "cipher", object())
    assert event_decoder(mapper) == mapper.to_domain_event
