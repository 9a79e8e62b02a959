"""Plural words come from Babel's plural rules; term keys are derived from labels."""

from decimal import Decimal

import pytest

from tracker.domain.term_keys import derive_key, slug
from tracker.domain.wording import plural, plural_word


@pytest.mark.parametrize(
    "count, expected",
    [(0, "0 negotiations"), (1, "1 negotiation"), (2, "2 negotiations"), (1200, "1,200 negotiations")],
)
def test_a_count_takes_its_plural_form(count, expected):
    assert plural(count, "negotiation") == expected


def test_shown_numbers_take_the_form_of_what_is_shown():
    assert plural(1.0, "day") == "1 day" and plural(Decimal("1.5"), "day") == "1.5 days"
    assert plural(2, "person", "people") == "2 people" and plural(1, "person", "people") == "1 person"
    assert plural_word(1, "step") == "step" and plural_word(7, "step") == "steps"


def test_zero_may_be_said_in_words():
    assert plural(0, "negotiation", zero="none yet") == "none yet"
    assert plural(1, "negotiation", zero="none yet") == "1 negotiation"


@pytest.mark.parametrize(
    "label, key",
    [
        ("Base salary", "base_salary"),
        ("  Remote days / week ", "remote_days_week"),
        ("Prime d'été", "prime_d_ete"),
        ("Straße-Zulage", "strasse_zulage"),
        ("401(k) match", "term_401_k_match"),
        ("Bonus %", "bonus_percent"),
        ("!!!", "term"),
        ("x" * 60, "x" * 40),
    ],
)
def test_a_label_becomes_a_key(label, key):
    assert slug(label) == key


def test_a_derived_key_is_unique_within_the_negotiation():
    assert derive_key("Base salary", []) == "base_salary"
    assert derive_key("Base salary", ["base_salary"]) == "base_salary_2"
    assert derive_key("Base salary", ["base_salary", "base_salary_2"]) == "base_salary_3"
    long = derive_key("y" * 50, ["y" * 40])
    assert long == "y" * 38 + "_2" and len(long) <= 40
