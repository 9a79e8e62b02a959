"""The projection keeps its place: it resumes after a restart, picks up other processes' writes, never
applies an event twice (even with two processes catching up at once), and rebuilds to the same rows."""

from __future__ import annotations

import threading

import pytest
from eventsourcing.persistence import Tracking

from tests.support.projections import agree, all_rows
from tests.support.teams import AUDITOR, BEN, LEAD, MIA, make_world
from tracker.projections import CatchUpRunner, NegotiationSummaries, build_view
from tracker.projections import rows as rows_module


def close(*worlds):
    for w in worlds:
        w.people.close()
        w.tracker.close()


def upstream_positions(w):
    return {
        "Tracker": w.tracker.recorder.max_notification_id(),
        "Teams": w.teams.app.recorder.max_notification_id(),
    }


def total_events(w):
    return sum(position or 0 for position in upstream_positions(w).values())


def build_up(w, n=3):
    team = w.teams.create_team("Platform", actor=LEAD)
    ids = []
    for i in range(n):
        nid = w.start(owner=MIA, title=f"Scope {i}")
        w.access.share_with_team(nid, team, "viewer", actor=MIA)
        ids.append(nid)
    agree(w.tracker, ids[0], MIA)
    return team, ids


def test_resumes_where_it_stopped_after_a_restart(store_config):
    first = make_world(store_config)
    try:
        team, ids = build_up(first)
        processed = first.people.read_model.catch_up()
        assert processed == total_events(first)
        assert first.people.read_model.projection.position() == upstream_positions(first)
    finally:
        close(first)
    second = make_world(store_config)  # a new process: new application and view objects, same store
    try:
        second.tracker.step(ids[1], "add_note", actor=MIA, text="After the restart.")
        second.start(owner=MIA, title="New after restart")
        assert second.people.read_model.catch_up() == 2  # only what was written since
        rm = second.people.read_model
        assert rm.list_negotiations(visible_to=MIA).total == 4
        assert len(rm.view.rows("SELECT negotiation_id FROM {negotiations}")) == 4  # no duplicates
        assert rm.summary(ids[1]).last_step_sentence == "Note: After the restart."
        assert rm.projection.position() == upstream_positions(second)
        assert rm.team_dashboard(team).total == 3
    finally:
        close(second)


def test_sees_what_another_process_writes(store_config):
    reader, writer = make_world(store_config), make_world(store_config)
    try:
        assert reader.people.read_model.list_negotiations(visible_to=MIA).total == 0
        nid = writer.start(owner=MIA, title="Written elsewhere")
        writer.access.share_with_user(nid, LEAD, "viewer", actor=MIA)
        assert [s.title for s in reader.people.read_model.list_negotiations(visible_to=LEAD).items] == [
            "Written elsewhere"
        ]
        writer.access.revoke_user(nid, LEAD, actor=MIA)
        assert reader.people.read_model.list_negotiations(visible_to=LEAD).total == 0
    finally:
        close(reader, writer)


def test_two_processes_catching_up_at_once_apply_each_event_once(store_config):
    one, two = make_world(store_config), make_world(store_config)
    try:
        for i in range(30):
            nid = one.start(owner=MIA, title=f"Negotiation {i}")
            one.tracker.step(nid, "add_note", actor=MIA, text=f"Note {i}")
        counts: list[int] = []
        errors: list[BaseException] = []

        def run(world):
            try:
                counts.append(world.people.read_model.projection.catch_up(batch=4))
            except BaseException as error:  # reported below
                errors.append(error)

        threads = [threading.Thread(target=run, args=(w,)) for w in (one, two)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert sum(counts) == total_events(one)  # every event processed exactly once
        rows = one.people.read_model.view.rows("SELECT version FROM {negotiations}")
        assert len(rows) == 30 and {r["version"] for r in rows} == {2}
    finally:
        close(one, two)


def test_a_rebuild_gives_the_same_rows(store_world):
    w = store_world
    team, ids = build_up(w, n=4)
    w.teams.add_member(team, BEN, "member", actor=LEAD)
    w.teams.add_member(team, AUDITOR, "viewer", actor=LEAD)
    w.teams.remove_member(team, BEN, actor=LEAD)
    w.tracker.step(ids[0], "reopen", actor=MIA, reason="The budget moved.")
    w.access.revoke_team(ids[3], team, actor=MIA)
    w.access.share_with_user(ids[2], BEN, "editor", actor=MIA)
    rm = w.people.read_model
    rm.catch_up()
    before = all_rows(rm)
    assert before["negotiations"] and before["visibility"]
    assert rm.rebuild() == total_events(w)
    assert all_rows(rm) == before
    assert rm.projection.position() == upstream_positions(w)


def test_a_failed_batch_leaves_nothing_half_written(world, monkeypatch):
    rm = world.people.read_model
    world.start(owner=MIA, title="First")
    rm.catch_up()
    position = rm.projection.position()
    world.start(owner=MIA, title="Second")

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(rows_module, "negotiation_row", broken)
    with pytest.raises(RuntimeError):
        rm.catch_up()
    assert rm.projection.position() == position
    monkeypatch.undo()
    assert [s.title for s in rm.list_negotiations(visible_to=MIA).items] == ["Second", "First"]


def test_eventsourcing_process_event_gives_the_same_rows(world):
    """The projection also works one event at a time, as eventsourcing's ProjectionRunner drives it."""
    _team, _ids = build_up(world)
    world.people.read_model.catch_up()
    single = NegotiationSummaries(build_view(world.tracker), tracker=world.tracker, teams=world.teams.app)
    for app in (world.tracker, world.teams.app):
        for notification in app.recorder.select_notifications(1, 1000):
            single.process_event(
                app.mapper.to_domain_event(notification), Tracking(app.name, notification.id)
            )
    catch_up_view = world.people.read_model.view
    for table in ("negotiations", "access", "teams", "members", "visibility"):
        query = f"SELECT * FROM {{{table}}} ORDER BY 1, 2"
        assert single.view.rows(query) == catch_up_view.rows(query)
    assert single.position() == world.people.read_model.projection.position()


def test_the_background_runner_keeps_up(store_world):
    w = store_world
    rm = w.people.read_model
    rm.catch_up_on_read = False
    with CatchUpRunner(rm.projection, interval=0.05) as runner:
        w.start(owner=MIA, title="Picked up in the background")
        target = w.tracker.recorder.max_notification_id()
        rm.view.wait(rm.projection.key("Tracker"), target, timeout=20)
        assert runner.error is None
    assert [s.title for s in rm.list_negotiations(visible_to=MIA).items] == ["Picked up in the background"]


def test_on_postgres_the_view_commits_without_waiting_for_the_disk(pg_config, monkeypatch):
    """The view's own transactions, which move the positions with the rows, turn synchronous_commit off
    for themselves (SET LOCAL): the connections they return to the pool commit durably again."""
    w = make_world(pg_config)
    try:
        view = w.people.read_model.view
        seen: list[str] = []
        advance = type(view)._advance

        def watching(self, c, key, old, new):
            c.execute("SHOW synchronous_commit")
            seen.append(c.fetchone()["synchronous_commit"])
            return advance(self, c, key, old, new)

        monkeypatch.setattr(type(view), "_advance", watching)
        build_up(w, n=2)
        w.people.read_model.catch_up()
        w.people.read_model.rebuild()
        assert seen and set(seen) == {"off"}
        with view.datastore.transaction(commit=False) as c:
            c.execute("SHOW synchronous_commit")
            assert c.fetchone()["synchronous_commit"] == "on"
        assert w.people.read_model.projection.position() == upstream_positions(w)
    finally:
        close(w)
