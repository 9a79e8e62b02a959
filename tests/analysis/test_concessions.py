from decimal import Decimal

from tests.support.analysis_builders import Deal
from tracker.analysis.concessions import concessions

D = Decimal


def dance() -> Deal:
    deal = Deal().terms("base_salary", "remote_days", "start_date")
    deal.priority("base_salary", 80, "130000", "110000").priority("remote_days", 20, "3", "1")
    deal.propose(deal.dana, base_salary="110000", remote_days="1", start_date="2026-03-01")
    deal.propose(deal.me, base_salary="130000", remote_days="3")
    deal.propose(deal.dana, base_salary="120000", remote_days="2", start_date="2026-03-15")
    deal.propose(deal.me, base_salary="125000", remote_days="3")
    return deal


def by_party(result, party_id):
    party = next(p for p in result.parties if p.party_id == party_id)
    return party, {t.term_key: t for t in party.terms}


def test_moves_are_measured_in_units_and_as_a_share_of_the_gap():
    deal = dance()
    result = concessions(deal.n)
    _dana, terms = by_party(result, deal.dana)
    salary = terms["base_salary"]
    assert (salary.first, salary.latest, salary.other_first) == ("110,000 EUR", "120,000 EUR", "130,000 EUR")
    assert salary.gap == D(20000) and salary.moved == D(10000) and salary.share == D("50.00")
    assert salary.moved_display == "10,000 EUR"
    assert terms["remote_days"].share == D("50.00")
    _me, mine = by_party(result, deal.me)
    assert mine["base_salary"].moved == D(5000) and mine["base_salary"].share == D("25.00")
    assert mine["remote_days"].moved == D(0) and mine["remote_days"].share == D(0)


def test_round_by_round_steps():
    deal = dance()
    _, terms = by_party(concessions(deal.n), deal.me)
    steps = terms["base_salary"].steps
    assert [s.value for s in steps] == ["130,000 EUR", "125,000 EUR"]
    assert [s.moved for s in steps] == [D(0), D(5000)]
    assert [s.since_previous for s in steps] == [D(0), D(5000)]
    assert [s.share for s in steps] == [D(0), D("25.00")]


def test_who_conceded_more_is_weighted_by_my_priorities():
    deal = dance()
    result = concessions(deal.n)
    dana, _ = by_party(result, deal.dana)
    me, _ = by_party(result, deal.me)
    assert dana.share == D("50.00")  # 80 x 50 + 20 x 50
    assert me.share == D("20.00")  # 80 x 25 + 20 x 0
    assert result.conceded_more == deal.dana and result.weighted_by == "owner weights"
    assert result.summary.startswith("Dana Kim (hiring manager) has conceded more: 50% of the gap")


def test_a_term_only_one_side_named_has_no_share_but_a_direction_when_the_term_has_one():
    deal = dance()
    _, terms = by_party(concessions(deal.n), deal.dana)
    start = terms["start_date"]  # lower (earlier) is better for me: Dana moving later is no concession
    assert start.other_first is None and start.share is None
    assert start.moved == D(-14) and start.unit == "days"


def test_hardening_counts_negative():
    deal = Deal().term("base_salary")
    deal.propose(deal.dana, base_salary="110000")
    deal.propose(deal.me, base_salary="130000")
    deal.propose(deal.me, base_salary="135000")
    _, terms = by_party(concessions(deal.n), deal.me)
    assert terms["base_salary"].moved == D(-5000) and terms["base_salary"].share == D("-25.00")


def test_without_weights_every_term_counts_equally_and_one_side_alone_gives_no_verdict():
    deal = Deal().term("base_salary")
    deal.propose(deal.dana, base_salary="110000")
    result = concessions(deal.n)
    assert result.conceded_more is None and result.weighted_by == "equal weights"
    assert result.summary.startswith("Not enough proposals")


def test_the_rounds_are_listed_when_first_read_as_of_the_state_asked_for():
    """The page shows the shares only: a term's rounds are listed when read, once, and a step taken
    since (another proposal) is not among them; the API's answer lists them as before."""
    from tracker.analysis.report import jsonable

    deal = dance()
    salary, twin = (by_party(concessions(deal.n), deal.me)[1]["base_salary"] for _ in range(2))
    assert "steps" not in vars(salary)
    deal.propose(deal.me, base_salary="121000", remote_days="2")
    assert [s.value for s in salary.steps] == ["130,000 EUR", "125,000 EUR"]
    assert salary.steps is salary.steps and salary.steps[-1].share == salary.share
    assert salary == twin  # the rounds compared too
    later = by_party(concessions(deal.n), deal.me)[1]["base_salary"]
    assert [s.value for s in later.steps][-1] == "121,000 EUR" and salary != later
    shown = jsonable(salary)
    assert [s["value"] for s in shown["steps"]] == ["130,000 EUR", "125,000 EUR"]
    assert "_rounds" not in shown and shown["share"] == "25.00"
