"""role_for: ownership, direct shares and team shares combined; changes take effect at once."""

from __future__ import annotations

import pytest

from tests.support.teams import AUDITOR, BEN, COACH, LEAD, MIA, STRANGER, make_world
from tracker.domain.errors import InvalidValue, NotFound
from tracker.teams import AccessDenied


@pytest.fixture
def team(world):
    team_id = world.teams.create_team("Platform", actor=LEAD)
    world.teams.add_member(team_id, BEN, "member", actor=LEAD)
    world.teams.add_member(team_id, AUDITOR, "viewer", actor=LEAD)
    return team_id


# (team role of the person, role granted to the team) -> their role on the negotiation
TEAM_MATRIX = [
    ("owner", "viewer", "viewer"),
    ("owner", "editor", "editor"),
    ("member", "viewer", "viewer"),
    ("member", "editor", "editor"),
    ("viewer", "viewer", "viewer"),
    ("viewer", "editor", "viewer"),  # auditors only ever read
]


def test_a_negotiation_is_private_to_its_owner(world, team):
    nid = world.start()
    assert world.access.role_for(MIA, nid) == "owner"
    assert world.access.role_for("MIA@Example.com", nid) == "owner"
    for other in (LEAD, BEN, AUDITOR, COACH, STRANGER):
        assert world.access.role_for(other, nid) is None
    assert world.access.role_for(None, nid) is None
    assert world.access.role_for(MIA, "not-a-uuid") is None
    assert world.access.role_for(MIA, "3a1e8c11-4506-4d8e-94df-75b4fdb6f958") is None


@pytest.mark.parametrize("granted", ["viewer", "editor"])
def test_direct_shares(world, granted):
    nid = world.start()
    world.access.share_with_user(nid, COACH, granted, actor=MIA)
    assert world.access.role_for(COACH, nid) == granted
    assert world.access.role_for(BEN, nid) is None


@pytest.mark.parametrize("team_role, granted, expected", TEAM_MATRIX)
def test_team_shares(world, team_role, granted, expected):
    team_id = world.teams.create_team("Platform", actor=LEAD)
    person = LEAD
    if team_role != "owner":
        person = BEN
        world.teams.add_member(team_id, BEN, team_role, actor=LEAD)
    nid = world.start()
    world.access.share_with_team(nid, team_id, granted, actor=MIA)
    assert world.access.role_for(person, nid) == expected
    assert world.access.role_for(STRANGER, nid) is None


def test_the_strongest_role_wins(world, team):
    nid = world.start()
    world.access.share_with_team(nid, team, "viewer", actor=MIA)
    world.access.share_with_user(nid, BEN, "editor", actor=MIA)
    assert world.access.role_for(BEN, nid) == "editor"
    world.access.share_with_team(nid, team, "editor", actor=MIA)
    world.access.share_with_user(nid, AUDITOR, "editor", actor=MIA)  # a direct share beats the team role
    assert world.access.role_for(AUDITOR, nid) == "editor"


def test_revoking_and_leaving_take_effect_at_once(world, team):
    nid = world.start()
    world.access.share_with_team(nid, team, "editor", actor=MIA)
    world.access.share_with_user(nid, COACH, "viewer", actor=MIA)
    assert world.access.role_for(BEN, nid) == "editor"
    world.teams.remove_member(team, BEN, actor=LEAD)
    assert world.access.role_for(BEN, nid) is None
    world.access.revoke_team(nid, team, actor=MIA)
    assert world.access.role_for(LEAD, nid) is None
    world.access.revoke_user(nid, COACH, actor=MIA)
    assert world.access.role_for(COACH, nid) is None
    assert world.access.grants(nid) == []


def test_check_maps_roles_to_404_and_403(world, team):
    nid = world.start()
    world.access.share_with_team(nid, team, "editor", actor=MIA)
    assert world.access.check(MIA, nid, "share") == "owner"
    assert world.access.check(BEN, nid, "write") == "editor"
    assert world.access.check(AUDITOR, nid, "read") == "viewer"
    with pytest.raises(AccessDenied):
        world.access.check(AUDITOR, nid, "write")
    with pytest.raises(AccessDenied):
        world.access.check(BEN, nid, "share")
    with pytest.raises(NotFound):
        world.access.check(STRANGER, nid, "read")
    with pytest.raises(ValueError):
        world.access.check(MIA, nid, "delete")


def test_only_the_owner_shares(world, team):
    nid = world.start()
    with pytest.raises(NotFound):
        world.access.share_with_user(nid, STRANGER, "viewer", actor=STRANGER)
    world.access.share_with_user(nid, BEN, "editor", actor=MIA)
    with pytest.raises(AccessDenied):
        world.access.share_with_user(nid, STRANGER, "viewer", actor=BEN)
    with pytest.raises(AccessDenied):
        world.access.revoke_user(nid, BEN, actor=BEN)


@pytest.mark.parametrize(
    "email, role, field",
    [
        (MIA, "viewer", "email"),
        ("nobody@example.com", "viewer", "email"),
        ("bad", "viewer", "email"),
        (BEN, "owner", "role"),
        (BEN, "admin", "role"),
    ],
)
def test_bad_shares_are_refused(world, email, role, field):
    nid = world.start()
    with pytest.raises(InvalidValue) as caught:
        world.access.share_with_user(nid, email, role, actor=MIA)
    assert caught.value.field == field
    assert world.access.grants(nid) == []


def test_sharing_with_an_unknown_team_is_refused(world):
    nid = world.start()
    with pytest.raises(InvalidValue):
        world.access.share_with_team(nid, "3a1e8c11-4506-4d8e-94df-75b4fdb6f958", "viewer", actor=MIA)


def test_grants_lists_people_and_teams(world, team):
    nid = world.start()
    world.access.share_with_user(nid, COACH, "viewer", actor=MIA)
    world.clock.advance(hours=1)
    world.access.share_with_team(nid, team, "editor", actor=MIA)
    grants = world.access.grants(nid)
    assert [(g.kind, g.name, g.role) for g in grants] == [
        ("user", COACH, "viewer"),
        ("team", "Platform", "editor"),
    ]


def test_every_process_sees_a_revocation_at_once(store_config):
    """Two sets of service objects on one store (two worker processes): no stale answer."""
    first, second = make_world(store_config), None
    try:
        from tests.support.accounts import people_config
        from tracker.bootstrap import build_people, build_tracker

        tracker2 = build_tracker(store_config)
        second = build_people(people_config(store_config), tracker2)
        nid = first.start()
        team = first.teams.create_team("Platform", actor=LEAD)
        first.access.share_with_team(nid, team, "editor", actor=MIA)
        assert second.access.role_for(LEAD, nid) == "editor"
        second.access.revoke_team(nid, team, actor=MIA)
        assert first.access.role_for(LEAD, nid) is None
        first.access.share_with_user(nid, COACH, "viewer", actor=MIA)
        assert second.access.role_for(COACH, nid) == "viewer"
    finally:
        first.people.close()
        first.tracker.close()
        if second is not None:
            second.close()
            tracker2.close()
