"""The negotiation summaries: what a row says after writes, who sees it, filters and paging."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.support.projections import NOW, agree, days_ago
from tests.support.teams import AUDITOR, BEN, COACH, LEAD, MIA, STRANGER
from tracker.domain.errors import InvalidValue
from tracker.projections import EVERYTHING, Filters


def test_a_row_follows_the_negotiation(store_world):
    w = store_world
    nid = w.tracker.start_negotiation(
        actor=MIA,
        title="Staff engineer scope",
        kind="internal_role_change",
        opportunity_type="new_direction",
        occurred_at=days_ago(3),
    )
    me = w.tracker.step(nid, "join_party", actor=MIA, name="Mia", role="engineer", side="owner").value
    boss = w.tracker.step(
        nid, "join_party", actor=MIA, name="Dana", role="director", side="counterpart"
    ).value
    w.tracker.step(nid, "add_term", actor=MIA, key="scope", label="Scope", kind="text")
    w.tracker.step(
        nid, "make_proposal", actor=MIA, from_party=boss, to_parties=[me], values={"scope": "Two teams"}
    )
    [row] = w.people.read_model.list_negotiations(visible_to=MIA).items
    negotiation = w.tracker.get(nid)
    assert (row.negotiation_id, row.title, row.kind, row.opportunity_type, row.owner) == (
        nid,
        "Staff engineer scope",
        "internal_role_change",
        "new_direction",
        MIA,
    )
    assert row.stage == "offer_received"
    assert (row.version, row.proposal_count, row.party_count) == (5, 1, 2)
    assert row.last_step_type == "ProposalMade"
    assert row.last_step_sentence == w.tracker.timeline(nid)[-1].sentence
    assert row.last_step_at == w.tracker.timeline(nid)[-1].recorded_at
    assert row.created_at == negotiation.created_on
    assert abs(row.started_at - days_ago(3)) < timedelta(seconds=1)
    assert row.role == "owner" and row.outcome is None and row.is_open
    assert "Dana" in row.last_step_sentence  # the party's name, as on the timeline


def test_agreement_outcome_and_days(world):
    nid = world.tracker.start_negotiation(
        actor=MIA, title="Lead role", kind="internal_role_change", occurred_at=days_ago(30)
    )
    agree(world.tracker, nid, MIA, occurred_at=days_ago(10))
    row = world.people.read_model.summary(nid)
    assert (row.stage, row.outcome, row.is_open) == ("agreed", "agreed", False)
    assert row.days_to_agreement == pytest.approx(20, abs=1e-6)
    assert row.closed_at == row.agreed_at
    world.tracker.step(nid, "reopen", actor=MIA, reason="The budget moved.")
    row = world.people.read_model.summary(nid)
    assert (row.stage, row.outcome, row.agreed_at, row.days_to_agreement) == ("preparing", None, None, None)
    world.tracker.step(nid, "conclude", actor=MIA, outcome="declined")
    row = world.people.read_model.summary(nid)
    assert (row.outcome, row.agreed_at) == ("declined", None)
    assert row.closed_at is not None


def test_each_person_sees_exactly_what_they_may(world):
    team = world.teams.create_team("Platform", actor=LEAD)
    world.teams.add_member(team, AUDITOR, "viewer", actor=LEAD)
    world.teams.add_member(team, MIA, "member", actor=LEAD)
    world.start(owner=MIA, title="Private raise")  # seen by Mia alone
    shared = world.start(owner=MIA, title="Shared scope")
    coached = world.start(owner=BEN, title="Ben's offer", kind="job_offer")
    world.access.share_with_team(shared, team, "editor", actor=MIA)
    world.access.share_with_user(coached, COACH, "viewer", actor=BEN)
    rm = world.people.read_model

    def sees(user):
        return {(s.title, s.role) for s in rm.list_negotiations(visible_to=user).items}

    assert sees(MIA) == {("Private raise", "owner"), ("Shared scope", "owner")}
    assert sees(LEAD) == {("Shared scope", "editor")}
    assert sees(AUDITOR) == {("Shared scope", "viewer")}
    assert sees(COACH) == {("Ben's offer", "viewer")}
    assert sees(BEN) == {("Ben's offer", "owner")}
    assert sees(STRANGER) == set()
    assert rm.list_negotiations(visible_to=None).items == []
    assert rm.list_negotiations(visible_to=EVERYTHING).total == 3
    # revocation and leaving show at once, with no explicit catch-up
    world.access.revoke_team(shared, team, actor=MIA)
    assert sees(LEAD) == set() and sees(AUDITOR) == set()
    world.access.share_with_team(shared, team, "viewer", actor=MIA)
    assert sees(LEAD) == {("Shared scope", "viewer")}
    world.teams.remove_member(team, AUDITOR, actor=LEAD)
    assert sees(AUDITOR) == set()
    world.access.revoke_user(coached, COACH, actor=BEN)
    assert sees(COACH) == set()


def test_filters(world):
    rm = world.people.read_model
    a = world.start(owner=MIA, title="Staff_engineer 100% scope", kind="internal_role_change")
    b = world.start(owner=MIA, title="Remote days", kind="flexible_work")
    c = world.tracker.start_negotiation(
        actor=MIA, title="Promotion to senior", kind="promotion", opportunity_type="personal_arrangement"
    )
    world.tracker.step(b, "change_stage", actor=MIA, stage="negotiating")
    agree(world.tracker, c, MIA)

    def titles(**args):
        return {s.title for s in rm.list_negotiations(Filters.parse(args), visible_to=MIA).items}

    assert titles(stage="negotiating") == {"Remote days"}
    assert titles(stage="negotiating,agreed") == {"Remote days", "Promotion to senior"}
    assert titles(kind="internal_role_change") == {"Staff_engineer 100% scope"}
    assert titles(opportunity_type="personal_arrangement") == {"Promotion to senior"}
    assert titles(owner=MIA.upper()) == titles()
    assert titles(owner=BEN) == set()
    assert titles(search="SCOPE") == {"Staff_engineer 100% scope"}
    assert titles(search="100%") == {"Staff_engineer 100% scope"}
    assert titles(search="ff_e") == {"Staff_engineer 100% scope"}
    assert titles(search="e_ote") == set()  # _ is a letter here, not a wildcard ("Remote" does not match)
    assert titles(search="%") == {"Staff_engineer 100% scope"}
    assert titles(open="no") == {"Promotion to senior"}
    assert titles(open="yes") == {"Staff_engineer 100% scope", "Remote days"}
    later = NOW + timedelta(days=20)
    stale = rm.list_negotiations(Filters.parse({"stale_days": "14"}), visible_to=MIA, now=later)
    assert {s.title for s in stale.items} == {"Staff_engineer 100% scope", "Remote days"}
    assert rm.list_negotiations(Filters.parse({"stale_days": "14"}), visible_to=MIA).total == 0
    assert a  # the first negotiation is the one searched for


@pytest.mark.parametrize(
    "args, field",
    [
        ({"stage": "won"}, "stage"),
        ({"kind": "raise"}, "kind"),
        ({"opportunity_type": "x"}, "opportunity_type"),
        ({"stale_days": "soon"}, "stale_days"),
        ({"stale_days": "0"}, "stale_days"),
        ({"search": "x" * 101}, "search"),
        ({"open": "maybe"}, "open"),
    ],
)
def test_bad_filters_are_refused_with_the_field_named(args, field):
    with pytest.raises(InvalidValue) as caught:
        Filters.parse(args)
    assert caught.value.field == field


def test_paging_most_recent_first(world):
    ids = [world.start(owner=MIA, title=f"Negotiation {i:02d}") for i in range(25)]
    world.tracker.step(ids[0], "add_note", actor=MIA, text="Moves to the top.")
    rm = world.people.read_model
    first = rm.list_negotiations(page=1, per_page=10, visible_to=MIA)
    assert (first.total, first.pages, first.has_next) == (25, 3, True)
    assert first.items[0].title == "Negotiation 00"
    assert [s.title for s in first.items[1:4]] == ["Negotiation 24", "Negotiation 23", "Negotiation 22"]
    last = rm.list_negotiations(page=3, per_page=10, visible_to=MIA)
    assert len(last.items) == 5 and not last.has_next
    seen = [
        s.negotiation_id
        for p in (1, 2, 3)
        for s in rm.list_negotiations(page=p, per_page=10, visible_to=MIA).items
    ]
    assert sorted(map(str, seen)) == sorted(map(str, ids))
    for page, per_page in ((0, 10), (1, 0), (1, 101), ("2", 10)):
        with pytest.raises(InvalidValue):
            rm.list_negotiations(page=page, per_page=per_page, visible_to=MIA)


def test_teams_of(world):
    team = world.teams.create_team("Platform", actor=LEAD)
    world.teams.add_member(team, AUDITOR, "auditor", actor=LEAD)
    other = world.teams.create_team("Apps", actor=AUDITOR)
    memberships = world.people.read_model.teams_of(AUDITOR)
    assert [(m.name, m.role) for m in memberships] == [("Apps", "owner"), ("Platform", "viewer")]
    assert {m.team_id for m in memberships} == {team, other}
    assert world.people.read_model.teams_of(STRANGER) == []


def test_the_people_with_open_work_include_the_members_of_teams_it_is_shared_with(store_world):
    """Reminders go to everyone who can see an open negotiation: team members see it through their
    team's visibility row (no row of their own), and stop counting when they leave the team."""
    w, rm = store_world, store_world.people.read_model
    team = w.teams.create_team("Platform", actor=LEAD)
    w.teams.add_member(team, AUDITOR, "viewer", actor=LEAD)
    w.teams.add_member(team, BEN, "member", actor=LEAD)
    shared = w.start(owner=MIA, title="Shared scope")
    w.access.share_with_team(shared, team, "viewer", actor=MIA)
    assert rm.people_with_open_work() == sorted([MIA, LEAD, AUDITOR, BEN])
    w.teams.remove_member(team, BEN, actor=LEAD)
    assert rm.people_with_open_work() == sorted([MIA, LEAD, AUDITOR])
    w.tracker.step(shared, "conclude", actor=MIA, outcome="declined")
    assert rm.people_with_open_work() == []
