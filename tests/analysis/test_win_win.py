"""Win-win: the frontier of the whole space of packages against brute force, the bargaining points on
worked cases a reader can check by hand, and the better deal the tracker finds for an agreement that
leaves value on the table."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.analysis_builders import Deal
from tracker.analysis.frontier import brute_force, frontier, pareto_mask
from tracker.analysis.pareto import scores_by_perspective
from tracker.analysis.space import MAX_OWN_STEPS, MAX_STEPS, package_space, stepped
from tracker.analysis.winwin import bargaining_indices, win_win


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 6), min_size=1, max_size=5),
    seed=st.integers(0, 10_000),
    within=st.sampled_from([0.5, 2.0, 5.0]),
)
def test_three_parties_within_a_tolerance_miss_nothing_by_more_than_it(sizes, seed, within):
    """Every package of the space is within ``within`` points, for each party, of a package kept, and
    every package kept is a real one with its exact scores."""
    rng = np.random.default_rng(seed)
    tables = [rng.uniform(0, 100 / len(sizes), size=(n, 3)) for n in sizes]
    found = frontier(tables, within)
    rescored = sum(table[found.choices[:, t]] for t, table in enumerate(tables))
    assert np.allclose(rescored, found.scores)
    exact = brute_force(tables).scores
    shortfall = np.max(np.maximum(exact[:, None, :] - found.scores[None, :, :], 0), axis=2).min(axis=1)
    assert shortfall.max() <= within + 1e-9


def rows(f) -> set[tuple[float, ...]]:
    return {tuple(np.round(r, 6)) for r in f.scores}


@settings(max_examples=60, deadline=None)
@given(
    parties=st.integers(2, 3),
    sizes=st.lists(st.integers(1, 5), min_size=1, max_size=4),
    seed=st.integers(0, 10_000),
)
def test_the_frontier_is_what_brute_force_finds(parties, sizes, seed):
    rng = np.random.default_rng(seed)
    tables = [rng.integers(0, 20, size=(n, parties)).astype(float) for n in sizes]
    assert rows(frontier(tables)) == rows(brute_force(tables))


def test_each_frontier_package_scores_what_its_values_add_up_to():
    rng = np.random.default_rng(7)
    tables = [rng.random((6, 2)) * 10 for _ in range(5)]
    found = frontier(tables)
    again = sum(t[found.choices[:, k]] for k, t in enumerate(tables))
    assert np.allclose(again, found.scores)
    assert pareto_mask(found.scores).all()


def test_bargaining_points_on_a_frontier_checked_by_hand():
    # Three packages on the frontier: (90, 20), (60, 60), (30, 80); nobody's alternative is worth anything.
    scores = np.array([[90.0, 20.0], [60.0, 60.0], [30.0, 80.0]])
    nash, kalai, welfare, zopa = bargaining_indices(scores, np.array([0.0, 0.0]))
    assert zopa and nash == 1  # 60 x 60 = 3600 beats 90 x 20 = 1800 and 30 x 80 = 2400
    assert kalai == 1  # shares of the best possible gain: (60/90, 60/80) = (0.67, 0.75): the best worst share
    assert welfare == 1  # 120 in all, against 110 and 110
    # My best alternative is worth 70: only the first package is worth agreeing to for me.
    nash, kalai, _, zopa = bargaining_indices(scores, np.array([70.0, 0.0]))
    assert zopa and nash == 0 and kalai == 0
    # Both alternatives are worth more than any package gives both: no zone of possible agreement.
    assert bargaining_indices(scores, np.array([70.0, 70.0]))[3] is False


def test_a_numeric_term_ranges_in_round_steps_over_at_most_fifty_values():
    values = stepped(Decimal(105000), Decimal(140000), whole=False)
    assert values[0] == 105000 and values[-1] == 140000 and len(values) <= MAX_STEPS
    assert values[1] - values[0] == 1000
    assert stepped(Decimal(0), Decimal(5), whole=True) == [0, 1, 2, 3, 4, 5]


def test_a_terms_own_step_sets_its_values_and_a_date_term_steps_in_days():
    deal = Deal().term("base_salary", minimum="100000", maximum="112000", step="5000")
    deal.do(
        "add_term",
        key="first_day",
        label="First day",
        kind="date",
        minimum="2027-01-04",
        maximum="2027-01-20",
        step="7",
    )
    deal.term("remote_days", minimum="0", maximum="5", step="0.001")
    ranges = {t.key: t for t in package_space(deal.n).terms}
    amounts = [v["amount"] for v in ranges["base_salary"].values]
    assert amounts == ["100000", "105000", "110000", "112000"]  # the highest bound is kept, off the step
    assert ranges["first_day"].values == ("2027-01-04", "2027-01-11", "2027-01-18", "2027-01-20")
    remote = ranges["remote_days"]
    assert len(remote.values) <= MAX_OWN_STEPS + 1 and remote.values[0] == "0" and remote.values[-1] == "5"
    assert "steps at a time" in remote.note


@pytest.fixture
def two_sided() -> Deal:
    """Salary matters as much to both sides; remote days matter a lot to me and little to Dana."""
    deal = Deal().term("base_salary", minimum="100000", maximum="120000").term("remote_days", maximum="4")
    deal.priority("base_salary", 50, target=120000, walk_away=100000)
    deal.priority("remote_days", 50, target=4, walk_away=0)
    deal.priority("base_salary", 90, target=100000, walk_away=120000, party_id=deal.dana)
    deal.priority("remote_days", 10, target=0, walk_away=4, party_id=deal.dana)
    return deal


def test_an_agreement_that_leaves_value_on_the_table_is_improved_term_by_term(two_sided):
    deal = two_sided
    offer = deal.propose(deal.dana, base_salary=110000, remote_days=0)
    n = deal.n
    space = package_space(n)
    assert space.size == 41 * 5  # 100,000 to 120,000 in steps of 500 (at most 50 values); 0 to 4 days
    result = win_win(n, scores_by_perspective(n))
    assert result.perspectives == ["owner", deal.dana] and result.zopa
    [row] = result.improvements
    assert row.package_key == f"proposal:{offer}" and row.improvable
    # The offer: me (110,000 = 50, 0 days = 0) 25; Dana (110,000 = 50, 0 days = 100) 55.
    assert row.scores == {"owner": Decimal("25"), deal.dana: Decimal("55")}
    better = row.better
    assert better.scores["owner"] >= 25 and better.scores[deal.dana] >= 55
    assert better.scores["owner"] + better.scores[deal.dana] > 80
    assert better.values["remote_days"] != "0"  # the trade: remote days, cheap for Dana, worth a lot to me
    assert "Remote days per week 0 days →" in row.sentence and "instead of" in row.sentence
    assert result.nash is not None and result.nash.values["remote_days"] == "4"


def test_without_the_other_sides_priorities_it_says_what_to_enter():
    deal = Deal().term("base_salary", minimum="100000", maximum="120000")
    deal.priority("base_salary", 50, target=120000, walk_away=100000)
    result = win_win(deal.n, scores_by_perspective(deal.n))
    assert result.frontier_size == 0 and "Enter the priorities of Dana Kim" in result.summary


def test_no_zone_of_possible_agreement_is_said(two_sided):
    deal = two_sided
    deal.alternative("Offer from Contoso", base_salary=120000, remote_days=4)  # worth 100 to me
    result = win_win(deal.n, scores_by_perspective(deal.n))
    assert result.disagreement == {"owner": 100, deal.dana: 0}  # Dana's alternatives are not on record
    assert result.zopa is True  # 120,000 EUR with 4 days still gives me 100 and Dana her walk-away, 0
    deal.do("revise_term", key="base_salary", maximum="110000")  # now no package is worth 100 to me
    result = win_win(deal.n, scores_by_perspective(deal.n))
    assert result.zopa is False and result.nash is None and "there is no ZOPA" in result.summary


def test_the_next_moves_are_on_the_frontier_and_no_worse_for_the_other_side(two_sided):
    from tracker.analysis.suggestions import next_moves

    deal = two_sided
    deal.propose(deal.dana, base_salary=110000, remote_days=0)  # Dana 55, me 25
    result = next_moves(deal.n, win_win(deal.n, scores_by_perspective(deal.n)))
    assert 1 <= len(result.suggestions) <= 3
    for suggestion in result.suggestions:
        assert suggestion.deal.scores[deal.dana] >= 55 and suggestion.deal.scores["owner"] > 25
        assert suggestion.deal in result.points or suggestion.deal in (result.nash, result.kalai)
    give, ask = result.trade_hints
    assert (give.term_key, give.yours, give.theirs) == (
        "base_salary",
        50,
        90,
    ) and "give on it" in give.sentence
    assert (ask.term_key, ask.yours, ask.theirs) == ("remote_days", 50, 10) and "ask for it" in ask.sentence


def test_three_sides_are_compared_within_two_points_and_say_so(two_sided):
    deal = two_sided
    rick = deal.do("join_party", name="Rick Alvarez", role="recruiter", side="counterpart")
    deal.priority("base_salary", 70, target=105000, walk_away=120000, party_id=rick)
    deal.priority("remote_days", 30, target=1, walk_away=4, party_id=rick)
    deal.propose(deal.dana, base_salary=110000, remote_days=2)
    result = win_win(deal.n, scores_by_perspective(deal.n))
    assert result.perspectives == ["owner", deal.dana, rick] and result.frontier_size > 0
    assert "the frontier is found to within 2 points for each side" in " ".join(result.notes)
    assert result.space_size == len(package_space(deal.n).terms[0].values) * len(
        package_space(deal.n).terms[1].values
    )
    if any(row.improvable for row in result.improvements):
        assert "A better deal for everyone exists" in result.summary
    for row in result.improvements:
        assert all(change.before != change.after for change in row.changes)  # 2 days and 2.0 are one value
