"""Numbers and money as people write them (tracker.web.numbers): read in the person's locale with
Babel, asked back when they could be read two ways, and shown back in the locale."""

from decimal import Decimal

import pytest
from babel import Locale

from tracker.web.numbers import NumberProblem, input_number, plain, read_number, show_money, show_number

DE, US, FR, CH = (Locale.parse(code) for code in ("de_DE", "en_US", "fr_FR", "de_CH"))
NNBSP = "\u202f"


@pytest.mark.parametrize(
    "text, locale, currency, expected",
    [
        ("€88,000", US, "EUR", "88000"),
        ("EUR 88,000", US, "EUR", "88000"),
        ("88,000.50", US, "EUR", "88000.50"),
        ("88.000 €", DE, "EUR", "88000"),
        ("88.000,50 €", DE, "EUR", "88000.50"),
        ("80.000", DE, "EUR", "80000"),
        ("3,5", DE, None, "3.5"),
        (f"88{NNBSP}000,50 €", FR, "EUR", "88000.50"),
        ("88 000,50", FR, "EUR", "88000.50"),  # a plain space where fr_FR groups with a narrow no-break one
        ("88\u00a0000", FR, "EUR", "88000"),
        ("88'000.50", CH, "CHF", "88000.50"),
        ("CHF 88’000.50", CH, "CHF", "88000.50"),
        ("88k", None, "EUR", "88000"),
        ("88K €", DE, "EUR", "88000"),
        ("1.2m", None, "EUR", "1200000"),
        ("1,2m", DE, "EUR", "1200000"),
        ("12%", US, None, "12"),
        ("7", None, None, "7"),
        ("88,000.00", None, "EUR", "88000"),  # both separators: only one reading
        ("80.000,00", None, "EUR", "80000"),
        ("1,5", None, None, "1.5"),  # a comma followed by one digit can only be a decimal comma
        ("-5", None, None, "-5"),
    ],
)
def test_numbers_read_as_written_in_the_locale(text, locale, currency, expected):
    assert read_number(text, locale, currency=currency, percent=True) == Decimal(expected)


@pytest.mark.parametrize("locale", [None, DE, US, FR, CH])
def test_the_canonical_plain_form_is_read_the_same_in_every_locale(locale):
    assert read_number("88000.50", locale, currency="EUR") == Decimal("88000.50")
    assert read_number("88000", locale, currency="EUR") == Decimal("88000")


@pytest.mark.parametrize("text, currency", [("80.000", "EUR"), ("88,000", "EUR"), ("80.000", None)])
def test_a_grouping_that_depends_on_the_locale_is_asked_back_when_it_is_unknown(text, currency):
    with pytest.raises(NumberProblem) as problem:
        read_number(text, None, currency=currency)
    assert "could be" in problem.value.message


def test_the_question_offers_forms_that_read_one_way():
    with pytest.raises(NumberProblem) as problem:
        read_number("80.000", None, currency="EUR")
    assert problem.value.message == (
        "80.000 could be 80 or 80,000 — write 80000 or 80,000.00, or 80 if you meant 80."
    )
    assert read_number("80,000.00", None, currency="EUR") == 80000


def test_more_decimals_than_the_currency_has_is_asked_back_even_in_a_known_locale():
    with pytest.raises(NumberProblem, match="could be 80 or 80,000"):
        read_number("80.000", US, currency="EUR")
    with pytest.raises(NumberProblem, match="at most 2 decimals"):
        read_number("80.1234", US, currency="EUR")
    with pytest.raises(NumberProblem, match=r"1.5 or 1,500"):
        read_number("1.500", US, currency="JPY")  # the yen has no decimals
    assert read_number("80.000", US) == 80  # a plain number in en_US: eighty


def test_a_currency_symbol_must_be_the_terms_currency():
    with pytest.raises(NumberProblem, match=r"\$ is USD, but this amount is in EUR"):
        read_number("$88,000", US, currency="EUR")
    with pytest.raises(NumberProblem, match="GBP"):
        read_number("GBP 88000", None, currency="EUR")
    with pytest.raises(NumberProblem, match="only the figure"):
        read_number("€88", None)  # not a money field


@pytest.mark.parametrize("text", ["lots", "", "1.2.3,4,5", "88 apples", "12,34,5", "1" * 500])
def test_what_is_not_a_number_says_so(text):
    with pytest.raises(NumberProblem):
        read_number(text, US, currency="EUR")


def test_shown_in_the_locale_and_put_back_in_inputs_so_that_they_read_back_the_same():
    assert show_money("88000", "EUR", DE) == "88.000\xa0€"
    assert show_money("88000.5", "EUR", DE) == "88.000,50\xa0€"
    assert show_money("88000", "EUR", US) == "€88,000"
    assert show_money("88000", "EUR", None) == "€88,000"
    assert show_number("1234.5", FR) == f"1{NNBSP}234,5"
    for locale in (DE, US, FR, CH):
        shown = input_number(Decimal("88000.50"), locale)
        assert read_number(shown, locale, currency="EUR") == Decimal("88000.50")
    assert input_number(Decimal("88000.50"), None) == "88000.50"  # unknown locale: the plain form
    assert plain(Decimal("1200000.0")) == "1200000.0"
