"""The audit trail: who could see a negotiation at a moment, since when, and every change."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.support.teams import AUDITOR, BEN, COACH, LEAD, MIA


@pytest.fixture
def story(world):
    """Day 0 Mia starts; day 1 shares with her coach; day 2 with the Platform team (Ben a member since
    day 0); day 3 an auditor joins the team; day 4 Ben leaves; day 5 the coach's share is revoked."""
    clock = world.clock
    team = world.teams.create_team("Platform", actor=LEAD)
    world.teams.add_member(team, BEN, "member", actor=LEAD)
    nid = world.start()
    created = world.tracker.get(nid).created_on
    days = {0: clock.now}
    for day, action in enumerate(
        [
            lambda: world.access.share_with_user(nid, COACH, "viewer", actor=MIA),
            lambda: world.access.share_with_team(nid, team, "editor", actor=MIA),
            lambda: world.teams.add_member(team, AUDITOR, "auditor", actor=LEAD),
            lambda: world.teams.remove_member(team, BEN, actor=BEN),
            lambda: world.access.revoke_user(nid, COACH, actor=MIA),
        ],
        start=1,
    ):
        days[day] = clock.advance(days=1)
        action()
    return world, nid, days, created


def who(visibility):
    return {v.email: (v.role, v.since, v.via) for v in visibility}


def test_who_can_see_it_now(story):
    world, nid, days, created = story
    now = who(world.access.who_could_see(nid))
    assert now == {
        MIA: ("owner", created, ("owner",)),
        LEAD: ("editor", days[2], ("team Platform",)),
        AUDITOR: ("viewer", days[3], ("team Platform",)),
    }


def test_who_could_see_it_on_a_past_day(story):
    world, nid, days, created = story
    on_day_2 = who(world.access.who_could_see(nid, at=days[2] + timedelta(hours=1)))
    assert set(on_day_2) == {MIA, COACH, LEAD, BEN}
    assert on_day_2[COACH] == ("viewer", days[1], ("shared directly",))
    assert on_day_2[BEN] == ("editor", days[2], ("team Platform",))
    on_day_1 = who(world.access.who_could_see(nid, at=days[1]))
    assert set(on_day_1) == {MIA, COACH}
    assert world.access.who_could_see(nid, at=created - timedelta(seconds=1)) == []


def test_who_could_see_at_each_moment_is_the_same_as_asking_at_each(story):
    world, nid, days, created = story
    moments = [None, created - timedelta(seconds=1), created, *days.values()]
    moments += [d + timedelta(hours=1) for d in days.values()] + [days[3], days[1]]  # unordered, repeated
    each = world.access.who_could_see_each(nid, moments)
    assert each == [world.access.who_could_see(nid, at=at) for at in moments]


def test_every_change_of_access_with_its_cause(story):
    world, nid, days, created = story
    changes = [(c.at, c.email, c.before, c.after, c.actor) for c in world.access.access_history(nid)]
    assert changes == [
        (created, MIA, None, "owner", MIA),
        (days[1], COACH, None, "viewer", MIA),
        (days[2], BEN, None, "editor", MIA),
        (days[2], LEAD, None, "editor", MIA),
        (days[3], AUDITOR, None, "viewer", LEAD),
        (days[4], BEN, "editor", None, BEN),
        (days[5], COACH, "viewer", None, MIA),
    ]
    causes = [c.cause for c in world.access.access_history(nid)]
    assert causes[2] == f"{MIA} shared it with team Platform as editor"
    assert causes[4] == f"{LEAD} added {AUDITOR} in team Platform as viewer"
    assert causes[5] == f"{BEN} left team Platform"
    assert causes[6] == f"{MIA} stopped sharing it with {COACH}"


def test_access_events_are_stored_with_actor_and_time(story):
    world, nid, days, _created = story
    from tracker.teams.access import NegotiationAccess

    events = list(world.teams.app.events.get(NegotiationAccess.create_id(nid)))
    assert [(type(e).__name__, e.actor) for e in events] == [
        ("Opened", MIA),
        ("Granted", MIA),
        ("Granted", MIA),
        ("Revoked", MIA),
    ]
    assert [e.at for e in events[1:]] == [days[1], days[2], days[5]]


def test_history_on_the_real_stores(store_world):
    world = store_world
    nid = world.start()
    world.clock.advance(days=1)
    world.access.share_with_user(nid, COACH, "editor", actor=MIA)
    world.clock.advance(days=1)
    world.access.revoke_user(nid, COACH, actor=MIA)
    assert [(c.email, c.after) for c in world.access.access_history(nid)] == [
        (MIA, "owner"),
        (COACH, "editor"),
        (COACH, None),
    ]
    assert [v.email for v in world.access.who_could_see(nid)] == [MIA]
