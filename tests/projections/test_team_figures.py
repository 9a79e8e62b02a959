"""The dashboard's figures over time, on both stores: days in each stage (median and 90th percentile,
stays over and stays still going), negotiations in each stage at each month's end, median days to
agreement by kind, outcomes by month. Only negotiations shared with the team count."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.support.projections import agree
from tests.support.teams import BEN, LEAD, MIA, STRANGER
from tracker.domain.errors import NotFound
from tracker.projections import Filters
from tracker.projections.team_figures import KindTime, StageTime, month_starts

NOW = datetime(2026, 6, 15, 9, tzinfo=UTC)


def on(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 9, tzinfo=UTC)


@pytest.fixture
def quarter(store_world):
    """A: preparing 30 days, negotiating 20, agreed 1 Mar. B: preparing 10, negotiating 48, declined
    1 Apr, reopened 1 May (preparing again, still). C (a promotion): agreed after 4 days. E: declined
    after 9 days. Mia's own D is not shared with the team."""
    w = store_world
    team = w.teams.create_team("People", actor=LEAD)
    w.teams.add_member(team, MIA, "member", actor=LEAD)
    w.teams.add_member(team, BEN, "member", actor=LEAD)

    def shared(title, started, kind="internal_role_change", owner=MIA):
        nid = w.tracker.start_negotiation(actor=owner, title=title, kind=kind, occurred_at=started)
        w.access.share_with_team(nid, team, "viewer", actor=owner)
        return nid

    def step(nid, command, when, **fields):
        w.tracker.step(nid, command, actor=MIA, occurred_at=when, **fields)

    a = shared("A", on(1, 10))
    step(a, "change_stage", on(2, 9), stage="negotiating")
    agree(w.tracker, a, MIA, occurred_at=on(3, 1))
    b = shared("B", on(2, 2))
    step(b, "change_stage", on(2, 12), stage="negotiating")
    step(b, "conclude", on(4, 1), outcome="declined")
    step(b, "reopen", on(5, 1), reason="A new budget")
    c = shared("C", on(3, 1), kind="promotion")
    agree(w.tracker, c, MIA, occurred_at=on(3, 5))
    e = shared("E", on(4, 1), kind="flexible_work")
    step(e, "conclude", on(4, 10), outcome="declined")
    d = w.tracker.start_negotiation(actor=MIA, title="D", kind="job_offer", occurred_at=on(1, 1))
    step(d, "change_stage", on(1, 2), stage="negotiating")
    return w, team


def test_days_in_each_stage_over_and_still_going(quarter):
    w, team = quarter
    figures = w.people.read_model.team_figures(team, now=NOW, as_user=BEN)
    assert figures.time_in_stage == [
        StageTime("preparing", False, 9.5, 30, stays=4, negotiations=4),
        StageTime("preparing", True, 45, 45, stays=1, negotiations=1),  # B since it was reopened
        StageTime("negotiating", False, 34, 48, stays=2, negotiations=2),
        StageTime("agreed", True, 104, 106, stays=2, negotiations=2),
        StageTime("declined", False, 30, 30, stays=1, negotiations=1),
        StageTime("declined", True, 66, 66, stays=1, negotiations=1),
    ]


def test_stages_at_each_month_end_and_outcomes_by_month(quarter):
    w, team = quarter
    figures = w.people.read_model.team_figures(team, now=NOW)
    assert (figures.months[0], figures.months[-1], len(figures.months)) == (
        date(2025, 7, 1),
        date(2026, 6, 1),
        12,
    )
    before = [0] * 6  # July to December 2025
    assert figures.stages_by_month == {
        "preparing": [*before, 1, 0, 0, 0, 1, 1],
        "negotiating": [*before, 0, 2, 1, 0, 0, 0],
        "agreed": [*before, 0, 0, 2, 2, 2, 2],
        "declined": [*before, 0, 0, 0, 2, 1, 1],
    }
    assert figures.outcomes_by_month == {  # B's decline was undone by the reopening
        "agreed": [*before, 0, 0, 2, 0, 0, 0],
        "declined": [*before, 0, 0, 0, 1, 0, 0],
    }
    assert figures.agreement_by_kind == [KindTime("internal_role_change", 50, 1), KindTime("promotion", 4, 1)]


def test_the_figures_follow_the_filters(quarter):
    w, team = quarter
    figures = w.people.read_model.team_figures(team, Filters(kind=("promotion",)), now=NOW)
    assert figures.time_in_stage == [
        StageTime("preparing", False, 4, 4, stays=1, negotiations=1),
        StageTime("agreed", True, 102, 102, stays=1, negotiations=1),
    ]
    assert figures.agreement_by_kind == [KindTime("promotion", 4, 1)]


def test_an_empty_team_has_empty_figures_and_outsiders_get_not_found(store_world):
    w = store_world
    team = w.teams.create_team("Empty", actor=LEAD)
    figures = w.people.read_model.team_figures(team, now=NOW, as_user=LEAD)
    assert (figures.time_in_stage, figures.stages_by_month, figures.agreement_by_kind) == ([], {}, [])
    assert figures.outcomes_by_month == {}
    with pytest.raises(NotFound):
        w.people.read_model.team_figures(team, now=NOW, as_user=STRANGER)


def test_month_starts_cross_the_year():
    starts = month_starts(datetime(2026, 2, 28, 23, tzinfo=UTC), 3)
    assert [s.date() for s in starts] == [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
