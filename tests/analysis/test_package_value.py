from decimal import Decimal

import pytest

from tests.support.analysis_builders import Deal
from tracker.analysis.package_value import convert, package_values, term_specs, value_of
from tracker.analysis.settings import AnalysisSettings
from tracker.domain.errors import InvalidValue

D = Decimal


def full_package(deal: Deal) -> dict:
    deal.terms(
        "base_salary",
        "target_bonus",
        "sign_on",
        "equity",
        "vesting_years",
        "retirement_contribution",
        "pto_days",
        "training_budget",
    )
    return deal.raw_values(
        dict(
            base_salary="120000",
            target_bonus="10",
            sign_on="10000",
            equity="40000",
            vesting_years="4",
            retirement_contribution="5",
            pto_days="30",
            training_budget="2000",
        )
    )


def lines_by_key(result):
    return {line.term_key: line.annual for line in result.lines}


def test_every_component_is_valued_with_its_working():
    deal = Deal()
    values = full_package(deal)
    result = value_of(
        values, term_specs(deal.n), AnalysisSettings(sign_on_spread_years=D(2)), pto_baseline_days=D(25)
    )
    assert lines_by_key(result) == {
        "base_salary": D("120000.00"),
        "target_bonus": D("12000.00"),
        "sign_on": D("5000.00"),
        "equity": D("10000.00"),
        "retirement_contribution": D("6000.00"),
        "pto_days": D("2307.69"),
        "training_budget": D("2000.00"),
    }
    assert result.totals == {"EUR": D("157307.69")}
    hows = {line.term_key: line.how for line in result.lines}
    assert hows["target_bonus"] == "10% of 120,000 EUR base"
    assert hows["sign_on"] == "10,000 EUR spread over 2 years"
    assert hows["pto_days"] == "5 days above the baseline of 25 at 120,000 EUR / 260 = 461.54 EUR a day"
    assert result.notes == [] and result.converted is None


def test_sign_on_counts_whole_with_the_default_one_year_spread():
    deal = Deal().terms("base_salary", "sign_on")
    result = value_of(deal.raw_values({"base_salary": "100000", "sign_on": "10000"}), term_specs(deal.n))
    assert lines_by_key(result)["sign_on"] == D("10000.00")


def test_equity_without_vesting_period_assumes_the_default_and_says_so():
    deal = Deal().terms("base_salary", "equity")
    result = value_of(deal.raw_values({"base_salary": "100000", "equity": "40000"}), term_specs(deal.n))
    assert lines_by_key(result)["equity"] == D("10000.00")
    assert result.notes == ["Equity grant: no vesting period in this package; assumed 4 years."]


def test_percent_terms_without_a_base_are_not_valued_but_noted():
    deal = Deal().terms("target_bonus", "pto_days")
    result = value_of(
        deal.raw_values({"target_bonus": "10", "pto_days": "30"}), term_specs(deal.n), pto_baseline_days=D(20)
    )
    assert result.totals == {}
    assert "Target bonus (10%) is not valued: this package has no base salary." in result.notes
    assert "Paid time off is not valued: this package has no base salary." in result.notes


def test_days_at_or_below_the_baseline_add_nothing():
    deal = Deal().terms("base_salary", "pto_days")
    result = value_of(
        deal.raw_values({"base_salary": "120000", "pto_days": "20"}),
        term_specs(deal.n),
        pto_baseline_days=D(25),
    )
    assert "pto_days" not in lines_by_key(result)


def test_money_bonus_counts_as_a_yearly_amount():
    deal = Deal().term("base_salary").term("target_bonus", kind="money", currency="EUR")
    result = value_of(deal.raw_values({"base_salary": "100000", "target_bonus": "8000"}), term_specs(deal.n))
    assert result.totals == {"EUR": D("108000.00")}


def test_totals_stay_per_currency_without_rates():
    deal = Deal().term("base_salary").term("equity", currency="USD").term("vesting_years")
    values = deal.raw_values({"base_salary": "100000", "equity": "40000", "vesting_years": "4"})
    result = value_of(values, term_specs(deal.n))
    assert result.totals == {"EUR": D("100000.00"), "USD": D("10000.00")}
    assert result.converted is None


def test_given_rates_convert_and_say_so():
    deal = Deal().term("base_salary").term("equity", currency="USD").term("vesting_years")
    values = deal.raw_values({"base_salary": "100000", "equity": "40000", "vesting_years": "4"})
    result = value_of(values, term_specs(deal.n), rates={"USD": D("0.9")}, convert_to="EUR")
    assert result.totals == {"EUR": D("100000.00"), "USD": D("10000.00")}
    assert result.converted.amount == D("109000.00")
    assert result.converted.note == "Converted to EUR with the rates you gave: 1 USD = 0.9 EUR."


def test_a_missing_rate_leaves_the_total_unconverted():
    converted = convert({"EUR": D(100), "GBP": D(50)}, {}, "EUR")
    assert converted.amount is None and "no rate given for GBP" in converted.note


@pytest.mark.parametrize("rate", ["0", "-1", "NaN"])
def test_bad_rates_are_refused(rate):
    with pytest.raises(InvalidValue):
        convert({"USD": D(1)}, {"USD": D(rate)}, "EUR")


def test_negotiation_values_use_the_fewest_days_on_record_as_baseline():
    deal = Deal().terms("base_salary", "pto_days")
    first = deal.propose(deal.dana, base_salary="130000", pto_days="25")
    second = deal.propose(deal.me, base_salary="130000", pto_days="27")
    values = package_values(deal.n)
    assert values[f"proposal:{first}"].totals == {"EUR": D("130000.00")}
    assert values[f"proposal:{second}"].totals == {"EUR": D("131000.00")}  # 2 days x 500


def test_settings_come_from_config_with_defaults():
    settings = AnalysisSettings.from_config({"sign_on_spread_years": 3, "stale_after_days": 7})
    assert settings.sign_on_spread_years == D(3) and settings.stale_after_days == 7
    assert AnalysisSettings.from_config({}).sign_on_spread_years == D(1)
    with pytest.raises(ValueError):
        AnalysisSettings(sign_on_spread_years=D(0))


def test_negotiation_values_are_valued_when_read_and_as_valued_one_by_one(monkeypatch):
    """``package_values`` values a package when it is first read (the negotiation page reads a few of
    a thousand), each exactly as ``value_of`` would, with the package's own schedules; asking
    whether a package is there values nothing."""
    from tracker.analysis import package_value
    from tracker.analysis.money_years import schedules_for

    deal = Deal().terms("base_salary", "equity", "pto_days")
    keys = [
        f"proposal:{deal.propose(deal.dana, base_salary=str(100000 + i), pto_days=str(25 + i))}"
        for i in range(3)
    ]
    alt = deal.alternative("Contoso", base_salary="100000", equity="80000")
    keys.append(f"alternative:{alt}")
    deal.do(
        "set_money_schedule", term_key="equity", kind="vesting", package_key=keys[-1], vesting="10/20/30/40"
    )
    valued = []
    real = package_value.value_of
    monkeypatch.setattr(
        package_value, "value_of", lambda *a, **k: valued.append(k["package_key"]) or real(*a, **k)
    )
    values = package_values(deal.n)
    assert list(values) == keys and len(values) == 4 and keys[1] in values and "proposal:nope" not in values
    assert valued == []
    assert values[keys[1]] is values[keys[1]] and valued == [keys[1]]
    with pytest.raises(KeyError):
        values["proposal:nope"]
    specs = term_specs(deal.n)
    for key in keys:
        expected = real(
            deal.n.alternatives[alt].values
            if key == keys[-1]
            else deal.n.proposals[key.split(":")[1]].values,
            specs,
            AnalysisSettings(),
            package_key=key,
            pto_baseline_days=D(25),
            schedules=schedules_for(deal.n.money_schedules, key),
        )
        assert values[key] == expected
    assert values[keys[-1]].lines[-1].years == (D(8000), D(16000), D(24000), D(32000))  # its own schedule
    assert dict(values) == {key: values[key] for key in keys}


def test_negotiation_values_read_later_are_of_the_state_they_were_asked_for():
    """A step taken after ``package_values`` (a new schedule) does not change what it values."""
    deal = Deal().terms("base_salary", "equity")
    key = f"proposal:{deal.propose(deal.dana, base_salary='100000', equity='40000')}"
    values = package_values(deal.n)
    deal.do("set_money_schedule", term_key="equity", kind="vesting", vesting="10/20/30/40")
    assert package_values(deal.n)[key].lines[-1].years == (D(4000), D(8000), D(12000), D(16000))
    assert values[key].lines[-1].years == (D(10000),) * 4


def test_bad_rates_are_refused_before_any_value_is_read():
    deal = Deal().terms("base_salary")
    deal.propose(deal.dana, base_salary="100000")
    with pytest.raises(InvalidValue):
        package_values(deal.n, rates={"USD": D(0)}, convert_to="EUR")
