"""Catching up keeps the states it built (rebuild.RowState) and continues from them in the next window
and the next call (live use and a rebuild meet every negotiation in turn). Rows are the same as when
every state is loaded from the store, including when another process moved the position meanwhile
(a kept state is then too old)."""

from __future__ import annotations

from bench.bench_rebuild import interleave
from tests.support.projections import NOW, all_rows
from tests.support.teams import MIA, make_world
from tracker.projections import NegotiationSummaries, build_view, rebuild, summaries
from tracker.projections.sample import seed


def interleaved(w, negotiations=12, rounds=4, between=lambda: None):
    ids = [w.start(owner=MIA, title=f"Offer {i}") for i in range(negotiations)]
    for r in range(rounds):
        between()
        for nid in ids:
            w.tracker.step(nid, "add_note", actor=MIA, text=f"Round {r}")
    return ids


def test_small_batches_with_kept_states_give_the_rows_of_a_plain_rebuild(store_config, monkeypatch):
    w = make_world(store_config)
    try:
        projection = w.people.read_model.projection
        monkeypatch.setattr(summaries, "BATCH", 3)
        monkeypatch.setattr(rebuild, "CATCH_UP_WINDOW", 7)  # 7 events a window: every group continues a state
        loads = []
        states = projection.states[w.tracker.name]
        original = states.app.repository.get

        def counted(*args, **kwargs):
            loads.append(args)
            return original(*args, **kwargs)

        states.app = type("App", (), {"repository": type("Repo", (), {"get": staticmethod(counted)})()})()
        interleaved(w, between=lambda: projection.catch_up(batch=summaries.BATCH))  # a call each round
        projection.catch_up(batch=summaries.BATCH)
        assert loads == []  # each negotiation continued from the state kept from the window before
        assert len(projection.row_states) == 12
        kept = all_rows(w.people.read_model)
        states.app = w.tracker
        monkeypatch.setattr(summaries, "REBUILD_STATES_KEPT", 0)  # keeps nothing: loads every state
        fresh = NegotiationSummaries(build_view(w.tracker), tracker=w.tracker, teams=w.teams.app)
        assert fresh.rebuild() == w.tracker.recorder.max_notification_id()
        assert not fresh.states[w.tracker.name].kept
        assert kept == all_rows(w.people.read_model)
        assert kept["negotiations"] and {r["version"] for r in kept["negotiations"]} == {5}
    finally:
        w.people.close()
        w.tracker.close()


def test_a_state_older_than_the_batch_is_not_reused(store_config):
    one, two = make_world(store_config), make_world(store_config)
    try:
        ids = interleaved(one, negotiations=3, rounds=1)
        one.people.read_model.catch_up()  # keeps each negotiation at version 2
        for nid in ids:
            one.tracker.step(nid, "add_note", actor=MIA, text="Seen by the other process first")
        two.people.read_model.catch_up()  # the other process projects version 3
        for nid in ids:
            one.tracker.step(nid, "add_note", actor=MIA, text="Then this one")
        one.people.read_model.catch_up()  # continues at version 4: its kept version-2 states are too old
        rows = one.people.read_model.view.rows("SELECT version, last_step_sentence FROM {negotiations}")
        assert [r["version"] for r in rows] == [4, 4, 4]
        assert all("Then this one" in r["last_step_sentence"] for r in rows)
        assert [s.version for s in one.people.read_model.projection.row_states.values()] == [4, 4, 4]
    finally:
        for w in (one, two):
            w.people.close()
            w.tracker.close()


def test_a_catch_up_and_a_rebuild_read_each_log_in_batches_of_the_same_size(world):
    """Both ask for BATCH notifications at a time: fewer, larger reads (a rebuild measured against a
    catch-up reads as the catch-up does)."""
    projection = world.people.read_model.projection
    limits: list[int] = []
    for name, read in list(projection.readers.items()):

        def counted(start, limit, stop, read=read):
            limits.append(limit)
            return read(start, limit, stop)

        projection.readers[name] = counted
    interleaved(world, negotiations=3, rounds=2)
    assert projection.catch_up() > 0
    assert limits and set(limits) == {summaries.BATCH}
    assert summaries.BATCH >= 1_000
    limits.clear()
    projection.rebuild()
    assert limits and set(limits) == {summaries.BATCH}


def test_a_catch_up_over_more_negotiations_than_a_statement_binds_gives_a_rebuilds_rows(store_config):
    """More negotiations than SQLite binds in one statement (Dialect.among): new ones (their
    visibility computed), then a step on each (their visibility rows moved), as a rebuild has them."""
    w = make_world(store_config)
    try:
        read_model = w.people.read_model
        seed(w.tracker, w.teams.app, 700, now=NOW)
        assert read_model.catch_up() > 1400
        interleave(w.tracker, 3)  # the open ones: more than 400
        assert read_model.catch_up() > 3 * 400
        caught_up = all_rows(read_model)
        read_model.rebuild()
        rebuilt = all_rows(read_model)
        assert len(rebuilt["negotiations"]) == 700 and len(rebuilt["visibility"]) == 1400
        assert caught_up == rebuilt
    finally:
        w.people.close()
        w.tracker.close()
