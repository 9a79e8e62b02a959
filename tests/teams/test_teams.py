"""Teams: created by their first owner, who manages members in roles; every change is an event."""

from __future__ import annotations

import pytest

from tests.support.teams import AUDITOR, BEN, LEAD, MIA, STRANGER
from tracker.domain.errors import InvalidValue, NotFound
from tracker.teams import AccessDenied


@pytest.fixture
def team(world):
    team_id = world.teams.create_team("Platform", actor=LEAD)
    world.teams.add_member(team_id, MIA, "member", actor=LEAD)
    world.teams.add_member(team_id, AUDITOR, "auditor", actor=LEAD)
    return team_id


def test_the_creator_owns_the_team_and_adds_members(world, team):
    info = world.teams.get_team(team)
    assert info.name == "Platform" and info.created_by == LEAD
    assert info.members == {LEAD: "owner", MIA: "member", AUDITOR: "viewer"}
    assert world.teams.member_role(team, "MIA@example.com") == "member"
    assert world.teams.member_role(team, STRANGER) is None


def test_only_owners_manage(world, team):
    with pytest.raises(AccessDenied):
        world.teams.add_member(team, BEN, "member", actor=MIA)
    with pytest.raises(AccessDenied):
        world.teams.change_member_role(team, AUDITOR, "member", actor=MIA)
    with pytest.raises(AccessDenied):
        world.teams.remove_member(team, AUDITOR, actor=MIA)
    with pytest.raises(NotFound):  # outsiders learn nothing about the team
        world.teams.add_member(team, BEN, "member", actor=STRANGER)
    with pytest.raises(NotFound):
        world.teams.team_for(team, STRANGER)
    assert world.teams.team_for(team, MIA).name == "Platform"


def test_members_may_leave(world, team):
    world.teams.remove_member(team, MIA, actor=MIA)
    assert world.teams.member_role(team, MIA) is None


def test_a_team_keeps_an_owner(world, team):
    with pytest.raises(InvalidValue):
        world.teams.remove_member(team, LEAD, actor=LEAD)
    with pytest.raises(InvalidValue):
        world.teams.change_member_role(team, LEAD, "member", actor=LEAD)
    world.teams.change_member_role(team, MIA, "owner", actor=LEAD)
    world.teams.change_member_role(team, LEAD, "member", actor=MIA)
    members = world.teams.get_team(team).members
    assert (members[MIA], members[LEAD]) == ("owner", "member")


@pytest.mark.parametrize(
    "email, role, field",
    [
        ("not-an-email", "member", "email"),
        (BEN, "boss", "role"),
        (MIA, "member", "email"),
        ("nobody@example.com", "member", "email"),
    ],
)
def test_bad_member_input_is_refused(world, team, email, role, field):
    with pytest.raises(InvalidValue) as caught:
        world.teams.add_member(team, email, role, actor=LEAD)
    assert caught.value.field == field


def test_unknown_teams_and_names(world):
    with pytest.raises(NotFound):
        world.teams.get_team("not-a-uuid")
    with pytest.raises(NotFound):
        world.teams.get_team("3a1e8c11-4506-4d8e-94df-75b4fdb6f958")
    with pytest.raises(InvalidValue):
        world.teams.create_team("   ", actor=LEAD)


def test_membership_changes_are_events_with_actor_and_time(world, team):
    world.clock.advance(days=1)
    world.teams.change_member_role(team, AUDITOR, "member", actor=LEAD)
    world.teams.remove_member(team, AUDITOR, actor=LEAD)
    world.teams.rename_team(team, "Platform & Infra", actor=LEAD)
    events = list(world.teams.app.events.get(team))
    assert [type(e).__name__ for e in events] == [
        "Created",
        "MemberAdded",
        "MemberAdded",
        "MemberRoleChanged",
        "MemberRemoved",
        "Renamed",
    ]
    assert {e.actor for e in events} == {LEAD}
    assert events[3].at == world.clock.now and events[1].at < events[3].at
    assert world.teams.get_team(team).name == "Platform & Infra"
