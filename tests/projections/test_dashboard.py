"""The team dashboard: counts, outcomes, median days to agreement, stale negotiations, first page."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.support.projections import NOW, agree, days_ago
from tests.support.teams import AUDITOR, BEN, COACH, LEAD, MIA, STRANGER
from tracker.domain.errors import NotFound
from tracker.projections import Filters


@pytest.fixture
def team_world(world):
    """Platform team: Mia and Ben share five negotiations with it; Mia keeps one private."""
    w = world
    team = w.teams.create_team("Platform", actor=LEAD)
    for person, role in ((MIA, "member"), (BEN, "member"), (AUDITOR, "viewer")):
        w.teams.add_member(team, person, role, actor=LEAD)

    def shared(owner, title, kind="internal_role_change", started=40, agreed=None, **fields):
        nid = w.tracker.start_negotiation(
            actor=owner, title=title, kind=kind, occurred_at=days_ago(started), **fields
        )
        if agreed is not None:
            agree(w.tracker, nid, owner, occurred_at=days_ago(agreed))
        w.access.share_with_team(nid, team, "viewer", actor=owner)
        return nid

    shared(MIA, "Tech lead scope", started=40, agreed=30)  # 10 days
    shared(BEN, "Staff title", started=50, agreed=20)  # 30 days
    shared(
        BEN, "Promotion", kind="promotion", started=20, agreed=16, opportunity_type="new_direction"
    )  # 4 days
    open_one = shared(MIA, "Four-day week", kind="flexible_work", started=10)
    w.tracker.step(open_one, "change_stage", actor=MIA, stage="negotiating")
    declined = shared(BEN, "Relocation", started=5)
    w.tracker.step(declined, "conclude", actor=BEN, outcome="declined")
    w.start(owner=MIA, title="Private: competing offer", kind="job_offer")
    return w, team


def test_counts_and_outcomes(team_world):
    w, team = team_world
    board = w.people.read_model.team_dashboard(team, as_user=AUDITOR)
    assert (board.team_name, board.total) == ("Platform", 5)
    assert board.by_stage == {"agreed": 3, "negotiating": 1, "declined": 1}
    assert board.by_kind == {"internal_role_change": 3, "promotion": 1, "flexible_work": 1}
    assert board.by_opportunity_type == {"standard": 4, "new_direction": 1}
    assert board.by_owner == {MIA: 2, BEN: 3}
    assert board.outcomes == {"agreed": 3, "declined": 1}
    assert (board.agreed, board.internal_role_total, board.internal_role_agreed) == (3, 3, 2)
    assert board.median_days_to_agreement == pytest.approx(10)
    assert {s.title for s in board.page.items} == {
        "Tech lead scope",
        "Staff title",
        "Promotion",
        "Four-day week",
        "Relocation",
    }
    assert board.page.total == 5


def test_filters_apply_to_the_dashboard(team_world):
    w, team = team_world
    board = w.people.read_model.team_dashboard(team, Filters.parse({"kind": "internal_role_change"}))
    assert board.total == 3 and board.by_owner == {MIA: 1, BEN: 2}
    assert board.median_days_to_agreement == pytest.approx(20)  # (10 + 30) / 2
    assert (
        w.people.read_model.team_dashboard(team, Filters.parse({"owner": STRANGER})).median_days_to_agreement
        is None
    )


def test_stale_negotiations(team_world):
    w, team = team_world
    rm = w.people.read_model
    assert rm.team_dashboard(team).stale_count == 0
    later = NOW + timedelta(days=15)
    board = rm.team_dashboard(team, now=later)
    assert board.stale_after_days == 14
    assert (board.stale_count, [s.title for s in board.stale]) == (1, ["Four-day week"])  # open and quiet
    assert rm.team_dashboard(team, now=later, stale_after_days=30).stale_count == 0


def test_only_members_see_the_dashboard(team_world):
    w, team = team_world
    for outsider in (COACH, STRANGER):
        with pytest.raises(NotFound):
            w.people.read_model.team_dashboard(team, as_user=outsider)
    with pytest.raises(NotFound):
        w.people.read_model.team_dashboard("3a1e8c11-4506-4d8e-94df-75b4fdb6f958")


def test_dashboard_on_the_real_stores(store_world):
    w = store_world
    team = w.teams.create_team("Platform", actor=LEAD)
    w.teams.add_member(team, MIA, "member", actor=LEAD)
    for started, agreed in ((30, 20), (12, 10), (9, 8)):
        nid = w.tracker.start_negotiation(
            actor=MIA, title=f"Scope {started}", kind="internal_role_change", occurred_at=days_ago(started)
        )
        agree(w.tracker, nid, MIA, occurred_at=days_ago(agreed))
        w.access.share_with_team(nid, team, "editor", actor=MIA)
    board = w.people.read_model.team_dashboard(team, as_user=LEAD)
    assert (board.total, board.internal_role_agreed) == (3, 3)
    assert board.median_days_to_agreement == pytest.approx(2)
    assert [s.role for s in w.people.read_model.list_negotiations(visible_to=LEAD).items] == ["editor"] * 3
