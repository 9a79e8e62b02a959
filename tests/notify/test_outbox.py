"""The outbox over the real stores: who is told about each step (everyone who could see the
negotiation at the step and still can, never the actor), what needs them, their preferences, and
that each event makes its deliveries once however many times or processes catch up."""

from __future__ import annotations

import threading

import pytest

from tests.support.access import EDITOR, OWNER, STRANGER, VIEWER, build_world, web_config
from tests.support.config import make_config
from tracker.notify.preferences import Preferences


@pytest.fixture(params=["sqlite", "postgres"])
def world(request, tmp_path):
    from tracker import create_app

    if request.param == "postgres":
        from tests.support.services import postgres_config, postgres_schema

        with postgres_schema() as schema:
            world = build_world(create_app(web_config(postgres_config(schema))))
            yield world
            world.close()
        return
    world = build_world(create_app(web_config(make_config(store="sqlite", data_dir=str(tmp_path)))))
    yield world
    world.close()


def told(world, email):
    world.people.outbox.catch_up()
    return [(d.notice.kind, d.notice.needs_me) for d in reversed(world.people.outbox.store.in_app(email))]


def test_a_step_is_told_to_everyone_who_can_see_it_but_its_actor(world):
    world.tracker.step(world.nid, "add_note", actor=EDITOR, text="Dana called back")
    assert ("NoteAdded", False) in told(world, OWNER)
    assert ("NoteAdded", False) in told(world, VIEWER)
    assert "NoteAdded" not in [kind for kind, _ in told(world, EDITOR)]  # the actor
    assert told(world, STRANGER) == []


def counter(world):
    """Dana's counter to Olive, logged by the editor."""
    values = {"base_salary": {"amount": "99000", "currency": "EUR"}}
    world.tracker.step(
        world.nid, "make_proposal", actor=EDITOR, from_party="p2", to_parties=["p1"], values=values
    )


def test_a_counter_to_the_owner_needs_the_owner(world):
    counter(world)
    assert ("ProposalMade", True) in told(world, OWNER)
    assert ("ProposalMade", False) in told(world, VIEWER)  # a viewer answers nothing


def test_a_share_revoked_before_the_step_means_nothing_is_told(world):
    world.people.access.revoke_user(world.nid, VIEWER, actor=OWNER)
    world.tracker.step(world.nid, "add_note", actor=OWNER, text="After the revocation")
    assert "NoteAdded" not in [kind for kind, _ in told(world, VIEWER)]
    assert "NoteAdded" in [kind for kind, _ in told(world, EDITOR)]


def test_a_share_revoked_after_the_step_but_before_the_outbox_ran_tells_nobody_either(world):
    world.tracker.step(world.nid, "add_note", actor=OWNER, text="Before the revocation")
    world.people.access.revoke_user(world.nid, VIEWER, actor=OWNER)
    assert "NoteAdded" not in [kind for kind, _ in told(world, VIEWER)]


def test_someone_given_access_after_the_step_is_not_told_of_it(world):
    world.tracker.step(world.nid, "add_note", actor=OWNER, text="Before the share")
    world.people.access.share_with_user(world.nid, STRANGER, "viewer", actor=OWNER)
    assert told(world, STRANGER) == [("SharedWithYou", True)]


def test_preferences_only_what_needs_me_and_nothing(world):
    store = world.people.outbox.store
    store.set_preferences(OWNER, Preferences("needs_me", "nothing"), world.people.outbox.clock())
    store.set_preferences(VIEWER, Preferences("nothing", "nothing"), world.people.outbox.clock())
    world.tracker.step(world.nid, "add_note", actor=EDITOR, text="Not for Olive")
    counter(world)
    before = [kind for kind, _ in told(world, OWNER)]
    assert "ProposalMade" in before and "NoteAdded" not in before
    assert [kind for kind, _ in told(world, VIEWER) if kind != "SharedWithYou"] == []


def test_each_event_is_handled_once_however_many_catch_up_at_once(world):
    for i in range(30):
        world.tracker.step(world.nid, "add_note", actor=EDITOR, text=f"note {i}")
    outbox = world.people.outbox
    threads = [threading.Thread(target=outbox.catch_up) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    notes = [kind for kind, _ in told(world, OWNER) if kind == "NoteAdded"]
    assert len(notes) == 30
    assert outbox.catch_up() == 0  # nothing left, nothing made again


def test_marking_read(world):
    world.tracker.step(world.nid, "add_note", actor=EDITOR, text="one")
    world.tracker.step(world.nid, "add_note", actor=EDITOR, text="two")
    world.people.outbox.catch_up()
    store, now = world.people.outbox.store, world.people.outbox.clock()
    first, *_ = store.in_app(OWNER)
    assert store.unread_count(OWNER) == 2
    assert store.mark_read(VIEWER, [first.id], now) == 0  # not Vic's
    assert store.mark_read(OWNER, [first.id], now) == 1
    assert store.unread_count(OWNER) == 1
    assert store.mark_read(OWNER, None, now) == 1
    assert store.unread_count(OWNER) == 0


def test_an_imported_history_is_nobodys_news(world):
    from tracker.audit.exporting import export_negotiation
    from tracker.audit.importing import import_negotiation
    from tracker.bootstrap import build_tracker

    elsewhere = build_tracker(make_config(store="memory"))
    try:
        nid = elsewhere.start_negotiation(actor=OWNER, title="Recorded elsewhere", kind="job_offer")
        elsewhere.step(nid, "add_note", actor=EDITOR, text="Said elsewhere, long ago")
        document = export_negotiation(elsewhere, nid)
    finally:
        elsewhere.close()
    import_negotiation(world.tracker, document, owned_by=OWNER)
    world.tracker.step(nid, "add_note", actor=EDITOR, text="Said here, now")  # news (a live step)
    world.people.outbox.catch_up()
    told_owner = [d.notice.sentence for d in world.people.outbox.store.in_app(OWNER)]
    assert "Note: Said here, now" in told_owner
    assert not [s for s in told_owner if "elsewhere" in s]


def test_a_negotiation_that_cannot_be_told_does_not_stop_the_others(world, monkeypatch):
    from tracker.notify import outbox as outbox_module

    other = world.tracker.start_negotiation(actor=OWNER, title="Told fine", kind="job_offer")
    world.people.access.share_with_user(other, VIEWER, "viewer", actor=OWNER)
    world.tracker.step(world.nid, "add_note", actor=EDITOR, text="Cannot be described")
    world.tracker.step(other, "add_note", actor=OWNER, text="Can be")
    real = outbox_module.timeline_entry

    def broken(state, event):
        if getattr(event, "text", "") == "Cannot be described":
            raise ValueError("a record this version cannot describe")
        return real(state, event)

    monkeypatch.setattr(outbox_module, "timeline_entry", broken)
    world.people.outbox.catch_up()
    assert "Note: Can be" in [d.notice.sentence for d in world.people.outbox.store.in_app(VIEWER)]
    assert world.people.outbox.catch_up() == 0  # passed over, not retried forever


def test_one_runner_follows_the_logs_at_a_time_and_another_takes_over_when_it_stops_or_dies(world):
    import copy
    from datetime import timedelta

    def process(name):  # another process's outbox over the same store
        outbox = copy.copy(world.people.outbox)
        outbox._holder, outbox._held, outbox._states = name, (0, None), {}
        return outbox

    first, second = process("first"), process("second")
    world.people.outbox.catch_up()  # the world's own set-up

    def note(text):
        world.tracker.step(world.nid, "add_note", actor=EDITOR, text=text)

    note("one")
    assert first.run_once(follow_lease=10)[0] == 1
    note("two")
    assert second.run_once(follow_lease=10)[0] == 0  # the first follows: the second only sends
    assert first.run_once(follow_lease=10)[0] == 1
    first.release_follow_lease()  # stopped
    note("three")
    assert second.run_once(follow_lease=10)[0] == 1
    note("four")
    assert first.run_once(follow_lease=10)[0] == 0
    assert world.people.outbox.catch_up() == 1  # a page's catch-up takes no lease
    note("five")
    later = world.people.outbox.clock() + timedelta(seconds=11)
    first.clock = lambda: later  # the second died: its lease has run out
    assert first.run_once(follow_lease=10)[0] == 1
    sentences = [d.notice.sentence for d in world.people.outbox.store.in_app(OWNER)]
    assert sorted(s for s in sentences if s.startswith("Note: ")) == sorted(
        f"Note: {t}" for t in ("one", "two", "three", "four", "five")
    )
