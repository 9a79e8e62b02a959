from decimal import Decimal

from tests.support.analysis_builders import Deal
from tracker.analysis.comparison import compare
from tracker.analysis.package_value import package_values
from tracker.analysis.packages import all_packages
from tracker.analysis.scoring import best_alternative, score_packages

D = Decimal


def comparison_of(deal: Deal):
    scores = score_packages(deal.n)
    return compare(deal.n, scores, package_values(deal.n), best_alternative(all_packages(deal.n), scores))


def test_latest_proposal_and_alternatives_side_by_side():
    deal = Deal().terms("base_salary", "remote_days")
    deal.priority("base_salary", 60, "130000", "110000").priority("remote_days", 40, "3", "1")
    deal.propose(deal.dana, base_salary="118000", remote_days="2")
    withdrawn = deal.propose(deal.dana, base_salary="120000", remote_days="3")
    deal.do("withdraw_proposal", proposal_id=withdrawn, party=deal.dana)
    deal.alternative("Offer from Contoso", base_salary="124000", remote_days="2")
    deal.alternative("Stay put", kind="status_quo", base_salary="108000")
    result = comparison_of(deal)
    assert [c.label for c in result.columns] == [
        "Latest proposal #1 Dana Kim (hiring manager)",
        "Offer from Contoso",
        "Stay put",
    ]
    assert [c.score for c in result.columns] == [D("44.00"), D("62.00"), D("0.00")]
    assert [c.is_batna for c in result.columns] == [False, True, False]
    assert result.columns[0].beats_batna is False
    assert result.columns[1].totals == {"EUR": D("124000.00")}
    salary = result.rows[0]
    assert (salary.label, salary.weight, salary.target, salary.walk_away) == (
        "Base salary",
        60,
        "130,000 EUR",
        "110,000 EUR",
    )
    assert [c.value for c in salary.cells] == ["118,000 EUR", "124,000 EUR", "108,000 EUR"]
    assert [c.best for c in salary.cells] == [False, True, False]
    assert salary.cells[2].below_walk_away
    remote = result.rows[1]
    assert [c.value for c in remote.cells] == ["2 days", "2 days", "-"]
    assert [c.best for c in remote.cells] == [True, True, False]  # a tie marks both


def test_no_proposals_and_no_alternatives_gives_rows_without_cells():
    deal = Deal().term("base_salary")
    result = comparison_of(deal)
    assert result.columns == [] and result.rows[0].cells == []
