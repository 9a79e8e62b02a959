from decimal import Decimal

from tests.support.analysis_builders import Deal
from tracker.analysis.pareto import pareto_check, scores_by_perspective

D = Decimal


def two_sided() -> Deal:
    deal = Deal().terms("base_salary", "remote_days")
    deal.priority("base_salary", 60, "130000", "110000").priority("remote_days", 40, "3", "1")
    deal.priority("base_salary", 100, "110000", "130000", party_id=deal.dana)
    return deal


def test_each_proposal_is_scored_for_each_party_with_priorities():
    deal = two_sided()
    pid = deal.propose(deal.dana, base_salary="120000", remote_days="2")
    scores = scores_by_perspective(deal.n)
    assert list(scores) == ["owner", deal.dana]
    assert scores["owner"][f"proposal:{pid}"].score == D("50.00")  # 60 x 50 + 40 x 50
    assert scores[deal.dana][f"proposal:{pid}"].score == D("50.00")


def test_a_proposal_no_better_for_anyone_and_worse_for_me_is_dominated():
    deal = two_sided()
    a = deal.propose(deal.dana, base_salary="120000", remote_days="2")
    b = deal.propose(deal.me, base_salary="120000", remote_days="3")  # same for Dana, better for me
    c = deal.propose(deal.dana, base_salary="112000", remote_days="2")  # better for Dana, worse for me
    result = pareto_check(deal.n)
    rows = {r.package_key: r for r in result.rows}
    assert rows[f"proposal:{a}"].dominated_by == [f"proposal:{b}"]
    assert not rows[f"proposal:{b}"].dominated and not rows[f"proposal:{c}"].dominated
    assert rows[f"proposal:{c}"].scores == {"owner": D("26.00"), deal.dana: D("90.00")}
    assert result.labels == {"owner": "You (owner)", deal.dana: "Dana Kim (hiring manager)"}


def test_a_proposal_someone_cannot_score_is_not_compared():
    deal = two_sided()
    a = deal.propose(deal.dana, remote_days="1")  # Dana has no priority on remote days
    deal.propose(deal.me, base_salary="120000", remote_days="3")
    rows = {r.package_key: r for r in pareto_check(deal.n).rows}
    assert rows[f"proposal:{a}"].scores[deal.dana] is None and not rows[f"proposal:{a}"].dominated


def test_with_only_my_priorities_the_note_says_so():
    deal = Deal().term("base_salary").priority("base_salary", 10, "130000", "110000")
    deal.propose(deal.dana, base_salary="120000")
    assert pareto_check(deal.n).note.startswith("Only your priorities are entered")


def test_without_priorities_there_is_nothing_to_compare():
    deal = Deal().term("base_salary")
    deal.propose(deal.dana, base_salary="120000")
    result = pareto_check(deal.n)
    assert result.perspectives == [] and not result.rows[0].dominated
