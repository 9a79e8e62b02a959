"""A view made by an earlier version is brought to this one's layout at start (views.upgrade): its
visibility rows, which held a row for every member of a team a negotiation is shared with, are
computed again without them, once, so a member who leaves the team stops seeing its negotiations."""

from __future__ import annotations

from tests.support.teams import BEN, LEAD, MIA, make_world
from tracker.projections import schema


def close(*worlds):
    for w in worlds:
        w.people.close()
        w.tracker.close()


def principals(rm):
    return sorted(r["principal"] for r in rm.view.rows("SELECT principal FROM {visibility}"))


def test_visibility_rows_of_team_members_made_before_are_dropped_at_start(store_config):
    first = make_world(store_config)
    try:
        team = first.teams.create_team("Platform", actor=LEAD)
        first.teams.add_member(team, BEN, "member", actor=LEAD)
        nid = first.start(owner=MIA, title="Shared scope")
        first.access.share_with_team(nid, team, "editor", actor=MIA)
        rm = first.people.read_model
        rm.catch_up()
        assert principals(rm) == [f"team:{team}", f"user:{MIA}"]
        view, d = rm.view, rm.view.dialect
        with view.datastore.transaction(commit=True) as c:  # as the earlier version left them
            for member in (BEN, LEAD):
                c.execute(
                    d.sql(
                        "INSERT INTO {visibility} (principal, negotiation_id, role, stage, kind, opportunity_type, "
                        "owner, outcome, is_open, last_step_at, days_to_agreement, title_search) "
                        "SELECT ?, negotiation_id, 'editor', stage, kind, opportunity_type, owner, outcome, is_open, "
                        "last_step_at, days_to_agreement, title_search FROM {negotiations}"
                    ),
                    (f"user:{member}",),
                )
            c.execute(d.sql("DELETE FROM {layout}"))
        assert len(principals(rm)) == 4
    finally:
        close(first)
    second = make_world(store_config)  # a new process on the same store
    try:
        rm = second.people.read_model
        assert principals(rm) == [f"team:{team}", f"user:{MIA}"]
        assert rm.view.rows("SELECT name FROM {layout}") == [{"name": schema.VISIBILITY_BY_TEAM}]
        assert [(s.negotiation_id, s.role) for s in rm.list_negotiations(visible_to=BEN).items] == [
            (nid, "editor")
        ]
        second.teams.remove_member(team, BEN, actor=LEAD)
        assert rm.list_negotiations(visible_to=BEN).items == []
        assert [s.negotiation_id for s in rm.list_negotiations(visible_to=LEAD).items] == [nid]
    finally:
        close(second)
    third = make_world(store_config)  # once only: rows written since are left as they are
    try:
        assert principals(third.people.read_model) == [f"team:{team}", f"user:{MIA}"]
    finally:
        close(third)
