"""Priorities: a weight for each term, a specific target, and a walk-away point the target may not
be worse than."""

from decimal import Decimal

import pytest

from tests.support.domain import eur
from tracker.domain.errors import InvalidValue, TargetWorseThanWalkAway, UnknownParty, UnknownTerm


def test_a_priority_has_a_weight_a_target_and_a_walk_away_point(table):
    table.do(
        "set_priority", term_key="base_salary", weight="40", target=eur("130000"), walk_away=eur("112000")
    )
    salary = table.n.owner_priorities()["base_salary"]
    assert salary.weight == 40
    assert salary.target == {"amount": Decimal(130000), "currency": "EUR"}
    assert salary.walk_away["amount"] == Decimal(112000)
    assert salary.party_id is None


def test_setting_a_priority_again_replaces_it(table):
    table.do("set_priority", term_key="remote_days", weight=10)
    table.do("set_priority", term_key="remote_days", weight=30, target="3")
    assert table.n.owner_priorities()["remote_days"].weight == 30
    assert table.n.owner_priorities()["remote_days"].walk_away is None


@pytest.mark.parametrize(
    "term_key, target, walk_away, message",
    [
        (
            "base_salary",
            eur("100000"),
            eur("112000"),
            "The target 100,000 EUR is worse than the walk-away point 112,000 EUR (higher is better).",
        ),
        (
            "commute",
            "60",
            "30",
            "The target 60 minutes is worse than the walk-away point 30 minutes (lower is better).",
        ),
        ("relocation", "no", "yes", "The target no is worse than the walk-away point yes"),
    ],
)
def test_a_target_may_not_be_worse_than_its_walk_away_point(table, term_key, target, walk_away, message):
    with pytest.raises(
        TargetWorseThanWalkAway, match=message.replace("(", r"\(").replace(")", r"\)")
    ) as refused:
        table.do("set_priority", term_key=term_key, weight=20, target=target, walk_away=walk_away)
    assert refused.value.field == "target"
    assert term_key not in table.n.owner_priorities()


def test_a_target_equal_to_the_walk_away_point_is_allowed(table):
    table.do("set_priority", term_key="base_salary", weight=50, target=eur("120000"), walk_away=eur("120000"))
    table.do("set_priority", term_key="commute", weight=5, target="20", walk_away="45")


def test_a_term_without_a_direction_takes_any_target(table):
    table.do("set_priority", term_key="start_date", weight=5, target="2026-09-01", walk_away="2026-12-01")
    table.do("set_priority", term_key="scope", weight=5, target="Own the roadmap", walk_away="Contribute")


def test_choice_options_are_rated_and_the_target_must_be_rated_no_lower(table):
    ratings = {"Engineer": 10, "Senior Engineer": "80", "Staff Engineer": 100}
    table.do(
        "set_priority",
        term_key="title",
        weight=10,
        target="Senior Engineer",
        walk_away="Engineer",
        ratings=ratings,
    )
    assert table.n.owner_priorities()["title"].ratings == {
        "Engineer": 10,
        "Senior Engineer": 80,
        "Staff Engineer": 100,
    }
    with pytest.raises(TargetWorseThanWalkAway, match="rated lower than the walk-away point"):
        table.do(
            "set_priority",
            term_key="title",
            weight=10,
            target="Engineer",
            walk_away="Staff Engineer",
            ratings=ratings,
        )


@pytest.mark.parametrize(
    "fields, field, message",
    [
        (dict(term_key="title", ratings={"CTO": 100}), "ratings", "'CTO' is not an option of Title."),
        (
            dict(term_key="title", ratings={"Engineer": 101}),
            "ratings",
            "A rating is a whole number from 0 to 100.",
        ),
        (
            dict(term_key="base_salary", ratings={"x": 1}),
            "ratings",
            "Only yes/no and choice terms take ratings.",
        ),
        (dict(term_key="base_salary", weight="101"), "weight", "A weight is a whole number from 0 to 100."),
        (dict(term_key="base_salary", weight="2.5"), "weight", "A weight is a whole number from 0 to 100."),
        (dict(term_key="base_salary", weight=None), "weight", "A weight is a whole number from 0 to 100."),
        (
            dict(term_key="base_salary", target={"amount": "1", "currency": "GBP"}),
            "target.currency",
            "Base salary is in EUR, not GBP.",
        ),
        (
            dict(term_key="base_salary", walk_away={"amount": "-1", "currency": "EUR"}),
            "walk_away.amount",
            "Base salary cannot be negative.",
        ),
        (
            dict(term_key="title", target="CTO"),
            "target",
            "Choose one of: Engineer, Senior Engineer, Staff Engineer.",
        ),
    ],
)
def test_priorities_that_do_not_fit_the_term_are_refused(table, fields, field, message):
    values = dict(weight=10)
    values.update(fields)
    with pytest.raises(InvalidValue, match=message.replace(".", r"\.")) as refused:
        table.do("set_priority", **values)
    assert refused.value.field == field


def test_priorities_name_existing_terms_and_parties(table):
    with pytest.raises(UnknownTerm) as refused:
        table.do("set_priority", term_key="equity", weight=10)
    assert refused.value.field == "term_key"
    with pytest.raises(UnknownParty):
        table.do("set_priority", term_key="base_salary", weight=10, party_id="p99")


def test_a_counterparts_guessed_priorities_are_kept_apart_from_the_owners(table):
    table.do("set_priority", term_key="base_salary", weight=60, party_id=table.dana)
    assert table.n.owner_priorities() == {}
    assert table.n.priorities[table.dana]["base_salary"].party_id == table.dana
