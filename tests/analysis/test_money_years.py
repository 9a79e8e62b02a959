"""Years 1-4 of a package's money: vesting with a cliff, a one-off, a guaranteed then target bonus, a
raise at review (mid-year too), shares of the base following it, an override for one package, and the
annual value as the average of the four years."""

from __future__ import annotations

from decimal import Decimal

from tests.support.analysis_builders import Deal
from tracker.analysis.money_years import bonus, raised, vesting
from tracker.analysis.package_value import package_values

D = Decimal


def test_vesting_accrues_monthly_and_the_cliff_releases_what_accrued():
    assert vesting(D(100000), ["5", "15", "40", "40"], 12) == [D(5000), D(15000), D(40000), D(40000)]
    assert vesting(D(100000), ["25", "25", "25", "25"], 0) == [D(25000)] * 4
    # 18-month cliff: nothing in year 1; month 18 releases 25% + 12.5%, then 12.5% more in year 2
    assert vesting(D(80000), ["25", "25", "25", "25"], 18) == [D(0), D(40000), D(20000), D(20000)]
    # a 3-year schedule: nothing left in year 4
    assert vesting(D(90000), ["50", "25", "25"], 0) == [D(45000), D(22500), D(22500), D(0)]


def test_a_raise_compounds_at_each_review_and_a_mid_year_raise_counts_its_months():
    assert raised(D(120000), "3", 12, 12) == [D(120000), D(123600), D("127308.00"), D("131127.24")]
    # 6 months at 10,000, then 6 at 10,300
    assert raised(D(120000), "3", 6, 12)[0] == D(121800)
    assert raised(D(120000), "10", 48, 12) == [D(120000)] * 4


def test_a_bonus_is_full_in_its_guaranteed_years_and_weighed_by_the_payout_chance_after():
    assert bonus([D(10000)] * 4, 1, "70") == [D(10000), D(7000), D(7000), D(7000)]
    assert bonus([D(10000)] * 4, 0, "50") == [D(5000)] * 4


def test_without_a_schedule_every_year_is_the_annual_value():
    deal = Deal().terms("base_salary", "target_bonus", "sign_on", "equity", "vesting_years")
    deal.propose(
        deal.dana, base_salary="100000", target_bonus="10", sign_on="9000", equity="40000", vesting_years="4"
    )
    [value] = package_values(deal.n).values()
    for line in value.lines:
        assert line.years == (line.annual,) * 4
        assert line.assumption.endswith("the same each year")
    assert value.years == {"EUR": [value.totals["EUR"]] * 4}


def test_shares_of_the_base_follow_a_raise_and_one_package_can_vest_its_own_way():
    deal = Deal().terms("base_salary", "target_bonus", "equity")
    alt = deal.alternative("Contoso", base_salary="100000", equity="80000")
    deal.propose(deal.dana, base_salary="100000", target_bonus="10", equity="40000")
    deal.do(
        "set_money_schedule", term_key="base_salary", kind="raise", raise_percent="10", raise_after_months=12
    )
    deal.do("set_money_schedule", term_key="equity", kind="vesting", vesting="10/20/30/40")
    deal.do(
        "set_money_schedule",
        term_key="equity",
        kind="vesting",
        package_key=f"alternative:{alt}",
        vesting="25/25/25/25",
        cliff_months=12,
    )
    values = package_values(deal.n)
    proposal = {line.term_key: line for line in values["proposal:prop1"].lines}
    assert proposal["target_bonus"].years == (D(10000), D(11000), D(12100), D(13310))
    assert (
        proposal["target_bonus"].assumption
        == "Target bonus: 10% of 100,000 EUR base, following each year's base"
    )
    assert proposal["equity"].years == (D(4000), D(8000), D(12000), D(16000))
    assert values[f"alternative:{alt}"].lines[-1].years == (D(20000),) * 4
    for value in values.values():
        for line in value.lines:
            assert line.annual == (sum(line.years) / 4).quantize(D("0.01"))
    # the equity's annual value is the average of its vesting: 40,000 / 4, with no vesting-period note
    assert proposal["equity"].annual == D(10000)
    assert values["proposal:prop1"].notes == []


def test_a_one_off_is_paid_in_year_1_and_counts_a_quarter_a_year():
    deal = Deal().terms("base_salary", "sign_on")
    deal.propose(deal.dana, base_salary="100000", sign_on="10000")
    deal.do("set_money_schedule", term_key="sign_on", kind="one_off", clawback_months=12)
    [value] = package_values(deal.n).values()
    sign_on = value.lines[-1]
    assert sign_on.years == (D(10000), D(0), D(0), D(0)) and sign_on.annual == D(2500)
    assert sign_on.assumption == (
        "Sign-on bonus 10,000 EUR paid once in year 1, repaid in full if you leave within 12 months"
    )
    assert value.years == {"EUR": [D(110000), D(100000), D(100000), D(100000)]}
    assert value.totals == {"EUR": D(102500)}


def test_the_largest_amounts_compounded_every_month_still_round_to_cents():
    top = Decimal("999999999999999")
    years = raised(top, "100", 1, 6)
    assert years[3] > years[0] and all(y.as_tuple().exponent == -2 for y in years)


def test_every_cell_is_in_cents():
    deal = Deal().terms("base_salary", "sign_on")
    deal.propose(deal.dana, base_salary="100000", sign_on="10000")
    deal.do("set_money_schedule", term_key="sign_on", kind="one_off")
    [value] = package_values(deal.n).values()
    assert {str(y) for y in value.lines[-1].years} == {"10000.00", "0.00"}
