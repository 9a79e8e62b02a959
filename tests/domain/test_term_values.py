"""A value must fit its term's kind: the currency matches, a choice is one of the options, no
negative salary, and so on for every kind of term."""

from decimal import Decimal

import pytest

from tracker.domain.errors import InvalidValue
from tracker.domain.limits import LONG_TEXT
from tracker.domain.terms import TermSpec
from tracker.domain.vocabulary import Better, TermKind


def spec(kind: str, **kw) -> TermSpec:
    return TermSpec.define(kw.pop("key", "t"), kw.pop("label", "Base salary"), kind, **kw)


SALARY = spec("money", currency="eur", better="higher")


def test_money_is_a_decimal_amount_in_the_terms_currency():
    assert SALARY.currency == "EUR"
    assert SALARY.validate({"amount": "120,000.50", "currency": "EUR"}, "v") == {
        "amount": Decimal("120000.50"),
        "currency": "EUR",
    }
    assert SALARY.validate({"amount": 95000, "currency": "eur"}, "v")["amount"] == Decimal(95000)


@pytest.mark.parametrize(
    "raw, field, message",
    [
        ({"amount": "120000", "currency": "USD"}, "v.currency", "Base salary is in EUR, not USD."),
        ({"amount": "-1", "currency": "EUR"}, "v.amount", "Base salary cannot be negative."),
        ({"amount": 120000.0, "currency": "EUR"}, "v.amount", "string of digits"),
        ({"amount": "lots", "currency": "EUR"}, "v.amount", "'lots' is not a number."),
        ({"amount": "", "currency": "EUR"}, "v.amount", "An amount is required."),
        ({"amount": "1e20", "currency": "EUR"}, "v.amount", "too large"),
        ({"amount": "NaN", "currency": "EUR"}, "v.amount", "finite"),
        ({"amount": "1.0000001", "currency": "EUR"}, "v.amount", "six decimal places"),
        ({"amount": "100", "currency": "EURO"}, "v.currency", "three-letter code"),
        ("120000", "v", "Money needs an amount and a currency."),
        (None, "v", "A value for Base salary is required."),
    ],
)
def test_money_that_does_not_fit_is_refused(raw, field, message):
    with pytest.raises(InvalidValue, match=message) as refused:
        SALARY.validate(raw, "v")
    assert refused.value.field == field


@pytest.mark.parametrize(
    "kind, raw, stored",
    [
        ("number", "45", Decimal(45)),
        ("percent", "12.5", Decimal("12.5")),
        ("days", 30, Decimal(30)),
        ("boolean", "yes", True),
        ("boolean", False, False),
        ("boolean", "off", False),
        ("date", "2026-09-01", "2026-09-01"),
        ("text", "  Leads the platform team ", "Leads the platform team"),
    ],
)
def test_each_kind_stores_a_plain_value(kind, raw, stored):
    assert spec(kind).validate(raw, "v") == stored


@pytest.mark.parametrize(
    "kind, raw, message",
    [
        ("number", "-3", "cannot be negative"),
        ("percent", "101", "A percentage is between 0 and 100."),
        ("days", "400", "A number of days is at most 366."),
        ("days", 2.5, "string of digits"),
        ("boolean", "maybe", "Answer yes or no."),
        ("date", "next week", "Give a date as YYYY-MM-DD."),
        ("date", "2026-02-30", "Give a date as YYYY-MM-DD."),
        ("text", "x" * (LONG_TEXT + 1), f"Keep it under {LONG_TEXT} characters"),
    ],
)
def test_values_of_other_kinds_that_do_not_fit_are_refused(kind, raw, message):
    with pytest.raises(InvalidValue, match=message):
        spec(kind).validate(raw, "v")


def test_a_choice_is_one_of_its_options():
    title = spec("choice", label="Title", options="Engineer, Senior Engineer,, Engineer")
    assert title.options == ("Engineer", "Senior Engineer")
    assert title.validate("Senior Engineer", "v") == "Senior Engineer"
    with pytest.raises(InvalidValue, match=r"Choose one of: Engineer, Senior Engineer.") as refused:
        title.validate("CTO", "values.title")
    assert refused.value.field == "values.title"


@pytest.mark.parametrize(
    "kind, kw, field, message",
    [
        ("money", {}, "currency", "three-letter code"),
        ("number", {"currency": "EUR"}, "currency", "Only money terms have a currency."),
        ("choice", {"options": "Only one"}, "options", "at least two options"),
        ("choice", {"options": 5}, "options", "List the options"),
        ("text", {"options": ["a", "b"]}, "options", "Only choice terms have options."),
        ("choice", {"options": "a, b", "better": "higher"}, "better", "rate the options"),
        ("number", {"better": "upwards"}, "better", "'upwards' is not one of: higher, lower, none."),
        ("salary", {}, "kind", "'salary' is not one of: money, number"),
    ],
)
def test_a_term_definition_that_does_not_make_sense_is_refused(kind, kw, field, message):
    with pytest.raises(InvalidValue, match=message) as refused:
        spec(kind, **kw)
    assert refused.value.field == field


@pytest.mark.parametrize("key", ["Base", "1salary", "base salary", "", "x" * 41, None])
def test_a_term_key_is_a_short_lower_case_identifier(key):
    with pytest.raises(InvalidValue, match="lower-case letters") as refused:
        TermSpec.define(key, "Label", "text")
    assert refused.value.field == "key"


def test_which_direction_is_better_compares_values_for_the_owner():
    assert (
        SALARY.at_least_as_good(
            {"amount": "130000", "currency": "EUR"}, {"amount": "120000", "currency": "EUR"}
        )
        is True
    )
    commute = spec("number", better="lower", unit="minutes")
    assert commute.at_least_as_good(Decimal(50), Decimal(30)) is False
    assert commute.at_least_as_good(Decimal(30), Decimal(30)) is True
    start = spec("date", better="lower")
    assert start.at_least_as_good("2026-01-01", "2026-02-01") is True
    assert spec("text").at_least_as_good("a", "b") is None


def test_values_are_displayed_for_people():
    assert SALARY.display({"amount": Decimal("128000"), "currency": "EUR"}) == "128,000 EUR"
    assert SALARY.display({"amount": Decimal("1234.5"), "currency": "EUR"}) == "1,234.50 EUR"
    assert spec("number", unit="minutes").display(Decimal(45)) == "45 minutes"
    assert spec("percent").display(Decimal(12)) == "12%"
    assert spec("days").display(Decimal(30)) == "30 days"
    assert spec("boolean").display(True) == "yes"
    assert spec("text").display(None) == "-"


def test_a_term_survives_its_event_form():
    title = spec("choice", key="title", label="Title", options=["A", "B"])
    again = TermSpec.from_event_data(title.as_event_data())
    assert again == title and again.kind is TermKind.CHOICE and again.better is Better.NONE
