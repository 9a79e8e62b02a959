"""Comparison term by term (tracker.domain.compare, pure) and on a stored negotiation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.audit import compare_in_store
from tracker.demo import load_demo
from tracker.domain.compare import compare_packages, compare_refs, compare_term
from tracker.domain.errors import DomainError, InvalidValue, NotFound, UnknownProposal
from tracker.domain.state import Priority
from tracker.domain.terms import TermSpec

SALARY = TermSpec.define("base_salary", "Base salary", "money", "higher", currency="EUR")
TRAVEL = TermSpec.define("travel", "Travel", "percent", "lower")
START = TermSpec.define("start_date", "Start date", "date")
CAR = TermSpec.define("car", "Company car", "boolean", "higher")
TITLE = TermSpec.define("title", "Title", "choice", options="Engineer, Senior Engineer, Staff Engineer")
SCOPE = TermSpec.define("scope", "Scope", "text")


def eur(amount):
    return {"amount": Decimal(amount), "currency": "EUR"}


def test_money_up_is_better_when_higher_is_better():
    row = compare_term(SALARY, eur("118000"), eur("124000"))
    assert (row.base_text, row.other_text) == ("118,000 EUR", "124,000 EUR")
    assert (row.difference, row.difference_text) == (Decimal("6000"), "+6,000 EUR")
    assert (row.direction, row.verdict) == ("up", "better")


def test_up_is_worse_when_lower_is_better():
    row = compare_term(TRAVEL, Decimal("10"), Decimal("25"))
    assert (row.difference_text, row.direction, row.verdict) == ("+15 percentage points", "up", "worse")
    row = compare_term(TRAVEL, Decimal("25"), Decimal("24.5"))
    assert (row.difference_text, row.direction, row.verdict) == ("-0.5 percentage points", "down", "better")


def test_same_value_is_neutral():
    row = compare_term(SALARY, eur("120000"), eur("120000.00"))
    assert (row.direction, row.verdict, row.difference) == ("same", "neutral", Decimal(0))


def test_dates_differ_in_days_without_a_verdict():
    row = compare_term(START, "2026-03-01", "2026-03-15")
    assert (row.difference, row.difference_text, row.direction, row.verdict) == (
        Decimal(14),
        "+14 days",
        "up",
        "neutral",
    )


def test_yes_no_and_choices_change_and_use_ratings():
    row = compare_term(CAR, False, True)
    assert (row.base_text, row.other_text, row.difference, row.direction, row.verdict) == (
        "no",
        "yes",
        None,
        "changed",
        "better",
    )
    ratings = {"Engineer": 20, "Senior Engineer": 80, "Staff Engineer": 100}
    row = compare_term(TITLE, "Staff Engineer", "Senior Engineer", ratings)
    assert (row.direction, row.verdict) == ("changed", "worse")
    assert compare_term(TITLE, "Engineer", "Senior Engineer").verdict == "neutral"  # no ratings
    assert compare_term(SCOPE, "Own the platform", "Own the platform").direction == "same"


def test_a_term_only_one_side_covers():
    terms = {t.key: t for t in (SALARY, TRAVEL, START)}
    result = compare_packages(
        terms,
        {"base_salary": eur("1"), "travel": Decimal(5)},
        {"base_salary": eur("2"), "start_date": "2026-05-01"},
        "A",
        "B",
        {"base_salary": Priority("base_salary", 40)},
    )
    assert [(r.key, r.direction, r.verdict) for r in result.rows] == [
        ("base_salary", "up", "better"),
        ("travel", "absent", "neutral"),
        ("start_date", "new", "neutral"),
    ]
    assert result.row("base_salary").weight == 40 and result.row("travel").weight is None
    assert (result.count("better"), result.count("worse"), result.count("neutral")) == (1, 0, 2)


@pytest.fixture
def demo(memory_tracker):
    return memory_tracker, load_demo(memory_tracker)


def test_two_proposals_of_the_demo(demo):
    tracker, nid = demo
    result = compare_refs(tracker.get(nid), "prop1", "prop4")
    assert result.base_label == "Proposal #1 from Dana Kim (hiring manager)"
    rows = {
        r.key: (r.base_text, r.other_text, r.difference_text, r.direction, r.verdict) for r in result.rows
    }
    assert rows["base_salary"] == ("118,000 EUR", "127,000 EUR", "+9,000 EUR", "up", "better")
    assert rows["sign_on"] == ("5,000 EUR", "5,000 EUR", "±0 EUR", "same", "neutral")
    assert rows["title"] == ("Data Engineer", "Senior Data Engineer", "", "changed", "better")
    assert rows["start_date"][3:] == ("absent", "neutral")


def test_a_proposal_against_the_owners_targets(demo):
    tracker, nid = demo
    result = compare_in_store(tracker, nid, "targets", "prop3")
    assert result.base_label == "Your targets"
    salary = result.row("base_salary")
    assert (salary.base_text, salary.other_text, salary.difference_text, salary.verdict) == (
        "130,000 EUR",
        "124,000 EUR",
        "-6,000 EUR",
        "worse",
    )
    assert result.row("remote_days").verdict == "neutral" and result.row("title").verdict == "neutral"
    assert compare_in_store(tracker, nid, "walk_away", "prop3").row("base_salary").verdict == "better"


def test_a_proposal_against_an_alternative(demo):
    tracker, nid = demo
    result = compare_in_store(tracker, nid, "alt1", "prop4")
    assert result.base_label == "Alternative: Offer from Contoso"
    assert result.row("base_salary").difference_text == "+3,000 EUR"
    assert result.row("remote_days").verdict == "better"
    assert result.row("sign_on").direction == "new"


def test_compare_as_it_stood_at_a_version(demo):
    tracker, nid = demo
    with pytest.raises(UnknownProposal):
        compare_in_store(tracker, nid, "prop1", "prop2", version=32)  # prop2 did not exist yet
    assert compare_in_store(tracker, nid, "prop1", "prop2", version=34).row("base_salary").direction == "up"


def test_unknown_references_are_clear_errors(demo, memory_tracker):
    tracker, nid = demo
    with pytest.raises(DomainError) as error:
        compare_in_store(tracker, nid, "prop1", "prop9")
    assert error.value.field == "ref" and "prop9" in error.value.message
    with pytest.raises(NotFound):
        compare_in_store(tracker, "00000000-0000-0000-0000-000000000001", "prop1", "prop2")
    fresh = tracker.start_negotiation(actor="a@example.org", title="Offer", kind="job_offer")
    with pytest.raises(InvalidValue, match="No targets are set yet"):
        compare_in_store(tracker, fresh, "targets", "prop1")
