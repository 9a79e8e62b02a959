"""Term bounds (a term's own lowest and highest value, or its kind's) and refusals found together."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.support.domain import eur
from tracker.domain.errors import InvalidValue, Refusals
from tracker.domain.terms import TermSpec


def test_a_term_stored_before_bounds_existed_loads_with_its_kinds_bounds():
    old = {
        "key": "remote_days",
        "label": "Remote days",
        "kind": "days",
        "better": "higher",
        "currency": None,
        "unit": None,
        "options": [],
    }
    spec = TermSpec.from_event_data(old)
    assert (spec.minimum, spec.maximum) == (None, None)
    assert spec.bounds == (0, 366)
    assert spec.as_event_data() == old  # a term without bounds is stored as before


def test_a_terms_own_bounds_are_kept_and_checked():
    spec = TermSpec.define("remote_days", "Remote days per week", "days", "higher", minimum="0", maximum="7")
    assert TermSpec.from_event_data(spec.as_event_data()) == spec
    assert spec.validate("7", "v") == Decimal(7)
    with pytest.raises(InvalidValue, match=r"Remote days per week is at most 7 days; 9 days is more."):
        spec.validate("9", "v")
    salary = TermSpec.define("base_salary", "Base salary", "money", "higher", "EUR", minimum="50000")
    with pytest.raises(InvalidValue, match="at least 50,000 EUR") as refused:
        salary.validate(eur("100"), "values.base_salary")
    assert refused.value.field == "values.base_salary.amount"
    assert salary.validate(eur("50000"), "v")["amount"] == Decimal(50000)


@pytest.mark.parametrize(
    "kind, raw, message",
    [
        ("money", eur("-1"), "cannot be negative"),
        ("percent", "101", "between 0 and 100"),
        ("days", "367", "at most 366"),
        ("number", "-1", "cannot be negative"),
    ],
)
def test_without_bounds_of_its_own_a_term_has_its_kinds(kind, raw, message):
    spec = TermSpec.define("t", "T", kind, currency="EUR" if kind == "money" else None)
    with pytest.raises(InvalidValue, match=message):
        spec.validate(raw, "v")


def test_a_definition_with_several_mistakes_is_refused_with_all_of_them():
    with pytest.raises(Refusals) as refused:
        TermSpec.define("Base Salary", "", "days", "sideways", "EUR", minimum="9", maximum="7")
    fields = {e.field for e in refused.value.errors}
    assert fields == {"key", "label", "better", "currency", "max"}


def test_bounds_belong_to_numeric_terms():
    with pytest.raises(InvalidValue) as refused:
        TermSpec.define("car", "Car", "boolean", maximum="1")
    assert refused.value.field == "max"


def test_a_proposal_with_several_bad_values_is_refused_with_each(table):
    table.do(
        "add_term", key="remote_per_week", label="Remote days per week", kind="days", minimum="0", maximum="7"
    )
    with pytest.raises(Refusals) as refused:
        table.do(
            "make_proposal",
            from_party=table.me,
            to_parties=[table.me],
            values={"base_salary": eur("-5"), "remote_per_week": "9", "relocation": "maybe", "nope": "1"},
        )
    assert {e.field for e in refused.value.errors} == {
        "to_parties",
        "values.base_salary.amount",
        "values.remote_per_week",
        "values.relocation",
        "values.nope",
    }
    assert not table.n.proposals  # nothing recorded


def test_revising_bounds_that_an_open_proposal_breaks_is_refused(table):
    table.propose(table.dana, [table.me], remote_days="3")
    with pytest.raises(InvalidValue, match="answer or withdraw it first") as refused:
        table.do("revise_term", key="remote_days", maximum="2")
    assert refused.value.field == "max"
    table.do("revise_term", key="remote_days", maximum="5")
    assert table.n.terms["remote_days"].bounds == (0, 5)


def test_a_step_is_kept_and_a_term_stored_before_steps_existed_has_none():
    spec = TermSpec.define(
        "sign_on", "Sign-on bonus", "money", "higher", "EUR", minimum="0", maximum="20000", step="2500"
    )
    assert spec.step == Decimal(2500)
    assert spec.as_event_data()["step"] == Decimal(2500)
    assert TermSpec.from_event_data(spec.as_event_data()) == spec
    before = {k: v for k, v in spec.as_event_data().items() if k != "step"}
    assert TermSpec.from_event_data(before).step is None


@pytest.mark.parametrize(
    "kind, step, message",
    [
        ("money", "0", "A step is more than 0."),
        ("days", "-1", "A step is more than 0."),
        ("date", "1.5", "whole number of days"),
        ("boolean", "1", "Only money, number, percent, days and date terms have a step."),
        ("number", "lots", "is not a number"),
    ],
)
def test_a_bad_step_is_refused_naming_the_step(kind, step, message):
    with pytest.raises(InvalidValue, match=message) as refused:
        TermSpec.define("t", "T", kind, currency="EUR" if kind == "money" else None, step=step)
    assert refused.value.field == "step"


def test_a_date_term_has_dates_for_bounds_and_days_for_its_step():
    spec = TermSpec.define(
        "start_date", "Start date", "date", "lower", minimum="2027-01-04", maximum="2027-03-01", step="7"
    )
    stored = spec.as_event_data()
    assert (stored["min"], stored["max"], stored["step"]) == ("2027-01-04", "2027-03-01", Decimal(7))
    assert TermSpec.from_event_data(stored) == spec
    assert spec.bound_text(spec.minimum) == "2027-01-04"
    assert spec.validate("2027-02-01", "v") == "2027-02-01"
    with pytest.raises(
        InvalidValue, match=r"Start date is at least 2027-01-04; 2026-12-24 is less\."
    ) as refused:
        spec.validate("2026-12-24", "values.start_date")
    assert refused.value.field == "values.start_date"
    with pytest.raises(InvalidValue, match="YYYY-MM-DD") as refused:
        TermSpec.define("d", "D", "date", minimum="2027-05-01", maximum="soon")
    assert refused.value.field == "max"
    with pytest.raises(
        InvalidValue, match=r"lowest value \(2027-05-01\) is above the highest \(2027-04-01\)"
    ):
        TermSpec.define("d", "D", "date", minimum="2027-05-01", maximum="2027-04-01")
