"""Rebuilding from zero (rebuild.py): it decodes only the events a row needs, empties the view in the
same transaction as the first rows, and gives way to catch_up when another process moves a position
in the meantime, never applying an event twice."""

from __future__ import annotations

import gc

import pytest
from eventsourcing.persistence import IntegrityError

from tests.support.projections import all_rows, count_decoded
from tests.support.teams import LEAD, MIA, make_world
from tracker.projections import rebuild, schema, summaries
from tracker.projections.dialects import SQLiteDialect


def close(*worlds):
    for w in worlds:
        w.people.close()
        w.tracker.close()


def total_events(w):
    return sum(app.recorder.max_notification_id() or 0 for app in (w.tracker, w.teams.app))


def test_only_the_events_a_row_needs_are_decoded(world, monkeypatch):
    nid = world.start(owner=MIA, title="Long one")
    world.tracker.step(nid, "join_party", actor=MIA, name="Dana", role="director", side="counterpart")
    for i in range(30):
        world.tracker.step(nid, "add_note", actor=MIA, text=f"Note {i}")
    decoded = count_decoded(monkeypatch, world.tracker.mapper)
    assert world.people.read_model.rebuild() == 32
    assert decoded == ["Started", "PartyJoined", "NoteAdded"]  # the notes: only the last, for its sentence
    summary = world.people.read_model.summary(nid)
    assert (summary.version, summary.party_count, summary.last_step_sentence) == (32, 1, "Note: Note 29")


def test_the_old_rows_go_in_the_transaction_of_the_first_new_ones(world, monkeypatch):
    rm = world.people.read_model
    world.start(owner=MIA, title="Kept")
    rm.catch_up()
    before = all_rows(rm)

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(rm.view.dialect, "load_many", broken)
    try:
        rm.rebuild()
    except RuntimeError:
        pass
    assert all_rows(rm) == before  # nothing emptied: the reset was rolled back with the rows
    assert gc.isenabled()  # the collector, paused for the window, runs again
    monkeypatch.undo()
    assert rm.rebuild() == total_events(world) and all_rows(rm) == before


def test_a_reset_that_loses_a_race_runs_again(world, monkeypatch):
    world.start(owner=MIA, title="Raced")
    view = world.people.read_model.view
    original, calls = view._clear, []

    def racing(c, keys):
        calls.append(keys)
        original(c, keys)
        if len(calls) == 1:
            raise IntegrityError("another process inserted its first position meanwhile")

    monkeypatch.setattr(view, "_clear", racing)
    assert world.people.read_model.rebuild() == total_events(world)
    assert len(calls) == 2
    assert [s.title for s in world.people.read_model.list_negotiations(visible_to=MIA).items] == ["Raced"]


def test_a_rebuild_overtaken_by_another_process_finishes_as_catch_up(store_config, monkeypatch):
    one, two = make_world(store_config), make_world(store_config)
    try:
        team = one.teams.create_team("Platform", actor=LEAD)
        for i in range(12):
            nid = one.start(owner=MIA, title=f"Offer {i}")
            one.tracker.step(nid, "add_note", actor=MIA, text=f"Note {i}")
            one.access.share_with_team(nid, team, "viewer", actor=MIA)
        two.people.read_model.catch_up()
        expected = all_rows(two.people.read_model)
        monkeypatch.setattr(summaries, "BATCH", 5)
        monkeypatch.setattr(rebuild, "WINDOW", 10)
        view, counts = one.people.read_model.view, []
        original = view.write

        def overtaken(advances, changes, reset=None):
            original(advances, changes, reset=reset)
            if reset is not None:  # the other process catches up everything after the first window
                counts.append(two.people.read_model.projection.catch_up())

        monkeypatch.setattr(view, "write", overtaken)
        done = one.people.read_model.projection.rebuild()
        assert done == 10 and done + counts[0] == total_events(one)  # each event projected once
        assert all_rows(one.people.read_model) == expected
    finally:
        close(one, two)


def test_the_collector_is_paused_while_a_window_is_folded_and_written(world, monkeypatch):
    world.start(owner=MIA, title="Collected")
    view, seen = world.people.read_model.view, []
    original = view.write

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        original(*args, **kwargs)

    monkeypatch.setattr(view, "write", watched)
    assert world.people.read_model.rebuild() == total_events(world)
    assert seen == [False] and gc.isenabled()
    gc.disable()  # paused by someone else: left paused
    try:
        world.people.read_model.rebuild()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_after_a_rebuild_the_visibility_rows_keep_their_key_and_indexes(store_world):
    """A rebuild fills the emptied visibility table with its indexes (and, on PostgreSQL, its primary
    key) dropped, and makes them again after the rows: one row per (principal, negotiation) still."""
    rm = store_world.people.read_model
    nid = store_world.start(owner=MIA, title="Keyed")
    store_world.access.share_with_user(nid, LEAD, "editor", actor=MIA)
    assert rm.rebuild() == total_events(store_world)
    view, d = rm.view, rm.view.dialect
    with view.datastore.transaction(commit=False) as c:
        c.execute(d.sql("SELECT principal, negotiation_id, role FROM {visibility} ORDER BY principal"))
        rows = [tuple(dict(row).values()) for row in c.fetchall()]
    assert rows == [(f"user:{LEAD}", str(nid), "editor"), (f"user:{MIA}", str(nid), "owner")]
    duplicate = d.sql(
        "INSERT INTO {visibility} (principal, negotiation_id, role, stage, kind, opportunity_type, "
        "owner, is_open, last_step_at, title_search) SELECT principal, negotiation_id, role, stage, "
        "kind, opportunity_type, owner, is_open, last_step_at, title_search FROM {visibility}"
    )
    with pytest.raises(IntegrityError):
        with view.datastore.transaction(commit=False) as c:
            c.execute(duplicate)
    with view.datastore.transaction(commit=False) as c:
        c.execute(d.sql("SELECT count(*) AS n FROM {visibility}"))
        assert dict(c.fetchone())["n"] == 2
    assert set(index_names(view)) >= set(d.visibility_indexes) >= {"rm_visibility_recent"}
    if isinstance(d, SQLiteDialect):
        assert "rm_visibility_negotiation" in index_names(view)
    else:  # the key, negotiation first, finds a negotiation's rows
        assert "rm_visibility_negotiation" not in index_names(view)
        assert primary_key(view) == ["negotiation_id", "principal"]


def primary_key(view):
    """The visibility table's primary key columns, in order (PostgreSQL)."""
    with view.datastore.transaction(commit=False) as c:
        c.execute(
            "SELECT a.attname::text AS name FROM pg_index i "
            "CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) "
            "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
            "WHERE i.indrelid = to_regclass(quote_ident(%s) || '.read_visibility') AND i.indisprimary "
            "ORDER BY k.n",
            (view.datastore.schema,),
        )
        return [dict(row)["name"] for row in c.fetchall()]


def test_a_postgres_view_keyed_principal_first_is_keyed_anew_at_start(pg_config):
    """A visibility table made by an earlier version (keyed (principal, negotiation_id), with an index
    by negotiation) is keyed negotiation first when the view starts, its rows kept."""
    first = make_world(pg_config)
    try:
        nid = first.start(owner=MIA, title="Keyed before")
        first.access.share_with_user(nid, LEAD, "editor", actor=MIA)
        rm = first.people.read_model
        rm.catch_up()
        view, d = rm.view, rm.view.dialect
        with view.datastore.transaction(commit=True) as c:
            c.execute(f'ALTER TABLE {d.names["visibility"]} DROP CONSTRAINT "read_visibility_pkey"')
            c.execute(f"ALTER TABLE {d.names['visibility']} ADD PRIMARY KEY (principal, negotiation_id)")
            c.execute(d.sql(schema.VISIBILITY_INDEXES["rm_visibility_negotiation"]))
        assert primary_key(view) == ["principal", "negotiation_id"]
        before = all_rows(rm)
    finally:
        first.people.close()
        first.tracker.close()
    second = make_world(pg_config)  # a new process on the same store
    try:
        rm = second.people.read_model
        assert primary_key(rm.view) == ["negotiation_id", "principal"]
        assert "rm_visibility_negotiation" not in index_names(rm.view)
        assert all_rows(rm) == before
        assert [s.title for s in rm.list_negotiations(visible_to=LEAD).items] == ["Keyed before"]
    finally:
        second.people.close()
        second.tracker.close()


def index_names(view, table="read_visibility"):
    """The names of a table's indexes (the visibility table's by default), from the database's catalogue."""
    if isinstance(view.dialect, SQLiteDialect):
        query, params = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)
    else:
        query = "SELECT indexname AS name FROM pg_indexes WHERE schemaname = %s AND tablename = %s"
        params = (view.datastore.schema, table)
    with view.datastore.transaction(commit=False) as c:
        c.execute(query, params)
        return [dict(row)["name"] for row in c.fetchall()]


def test_the_retired_indexes_of_an_earlier_view_are_dropped_at_start(store_config):
    """read_negotiations' filter indexes of an earlier version (schema.RETIRED_INDEXES) are dropped when
    the view starts, its rows kept, and the operator's list still reads in order by its one index."""
    first = make_world(store_config)
    try:
        nid = first.start(owner=MIA, title="Indexed before")
        rm = first.people.read_model
        rm.catch_up()
        view, d = rm.view, rm.view.dialect
        with view.datastore.transaction(commit=True) as c:
            for name in schema.RETIRED_INDEXES:
                c.execute(f'CREATE INDEX "{name}" ON {d.names["negotiations"]} (owner, last_step_at)')
        assert set(schema.RETIRED_INDEXES) <= set(index_names(view, "read_negotiations"))
        before = all_rows(rm)
    finally:
        close(first)
    second = make_world(store_config)  # a new process on the same store
    try:
        rm = second.people.read_model
        assert set(index_names(rm.view, "read_negotiations")) & set(schema.RETIRED_INDEXES) == set()
        assert "rm_neg_recent" in index_names(rm.view, "read_negotiations")
        assert all_rows(rm) == before
        assert [s.negotiation_id for s in rm.list_negotiations(visible_to=MIA).items] == [nid]
    finally:
        close(second)
