"""Sensitivity of the win-win verdicts to the other side's weights (usually guesses): each weight 20%
lower and higher, one at a time; and the bound-pruned check behind it against brute force."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.analysis_builders import Deal
from tracker.analysis.frontier import beaten, brute_force, dominating
from tracker.analysis.pareto import scores_by_perspective
from tracker.analysis.sensitivity import sensitivity
from tracker.analysis.winwin import win_win


def deal_with(dana_salary: int, dana_remote: int) -> Deal:
    deal = Deal().term("base_salary", minimum="100000", maximum="120000", step="5000")
    deal.term("remote_days", minimum="0", maximum="4", step="1")
    deal.priority("base_salary", 50, target=120000, walk_away=100000)
    deal.priority("remote_days", 50, target=4, walk_away=0)
    deal.priority("base_salary", dana_salary, target=100000, walk_away=120000, party_id=deal.dana)
    deal.priority("remote_days", dana_remote, target=0, walk_away=4, party_id=deal.dana)
    return deal


def verdicts(deal: Deal):
    found = sensitivity(deal.n, win_win(deal.n, scores_by_perspective(deal.n)))
    assert found is not None
    return found, {v.label.split(" ")[0]: v for v in found.verdicts}


def test_a_verdict_resting_on_equal_weights_depends_on_each_of_them():
    """Both sides weigh salary and remote days equally: every package is on the frontier (a trade
    gains one side exactly what it costs the other). Weigh either term 20% differently for Dana and a
    trade appears."""
    deal = deal_with(50, 50)
    deal.propose(deal.dana, base_salary=110000, remote_days=2)
    found, by_label = verdicts(deal)
    verdict = by_label["#1"]
    assert verdict.improvable is False and verdict.holds is False
    assert "Dana Kim (hiring manager)'s weight on Base salary (20% lower)" in verdict.depends_on
    assert "Dana Kim (hiring manager)'s weight on Remote days per week (20% higher)" in verdict.depends_on
    assert found.tried == 4
    assert "1 of 1 verdicts depend on how much Dana Kim" in found.summary


def test_a_clear_trade_holds_under_every_weighting_tried():
    """Dana cares about salary nine times as much as about remote days: moving either weight by 20%
    leaves the better deal for both sides in place."""
    deal = deal_with(90, 10)
    deal.propose(deal.dana, base_salary=110000, remote_days=0)
    found, by_label = verdicts(deal)
    assert by_label["#1"].improvable and by_label["#1"].holds
    assert by_label["#1"].sentence.endswith("a better deal for everyone exists under every weighting tried.")
    assert found.summary.startswith("Every verdict holds under the 4 other weightings")


def test_without_the_other_sides_priorities_there_is_nothing_to_check():
    deal = Deal().term("base_salary", minimum="100000", maximum="120000")
    deal.priority("base_salary", 50, target=120000, walk_away=100000)
    deal.propose(deal.dana, base_salary=110000)
    assert sensitivity(deal.n, win_win(deal.n, scores_by_perspective(deal.n))) is None


@settings(max_examples=80, deadline=None)
@given(
    parties=st.integers(2, 3),
    sizes=st.lists(st.integers(1, 5), min_size=1, max_size=4),
    seed=st.integers(0, 10_000),
)
def test_the_pruned_check_agrees_with_brute_force(parties, sizes, seed):
    rng = np.random.default_rng(seed)
    tables = [rng.integers(0, 6, size=(n, parties)).astype(float) for n in sizes]
    space = brute_force(tables)
    choice = [int(rng.integers(0, n)) for n in sizes]
    point = sum((t[i] for t, i in zip(tables, choice, strict=True)), np.zeros(parties))
    assert beaten(tables, point) == (len(dominating(space.scores, point)) > 0)
