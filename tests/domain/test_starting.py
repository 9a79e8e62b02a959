"""Starting a negotiation: title, kind, opportunity type, who started it and when it happened."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.support.domain import ACTOR, event_types, last_event, start
from tracker.domain.errors import InvalidValue
from tracker.domain.vocabulary import NegotiationKind, OpportunityType, Stage


def test_a_new_negotiation_is_preparing_and_owned_by_its_actor():
    n = start(kind="promotion", opportunity_type="new_direction", description="  Lead the new team.  ")
    assert n.version == 1
    assert n.title == "Senior engineer offer at Northwind"
    assert n.kind is NegotiationKind.PROMOTION
    assert n.opportunity_type is OpportunityType.NEW_DIRECTION
    assert n.description == "Lead the new team."
    assert n.stage is Stage.PREPARING
    assert n.owner == ACTOR
    assert event_types(n) == ["Started"]
    assert last_event(n).actor == ACTOR


@pytest.mark.parametrize("kind", NegotiationKind.values())
def test_every_kind_of_negotiation_can_be_started(kind):
    assert start(kind=kind).kind.value == kind


def test_the_opportunity_type_defaults_to_a_standard_ask():
    assert start().opportunity_type is OpportunityType.STANDARD
    assert start(opportunity_type="").opportunity_type is OpportunityType.STANDARD


def test_kind_labels_read_as_words():
    assert NegotiationKind.BENEFITS.label == "benefits and perks"
    assert NegotiationKind.INTERNAL_ROLE_CHANGE.label == "internal role change"
    assert OpportunityType.PERSONAL_ARRANGEMENT.label == "personal arrangement"


@pytest.mark.parametrize(
    "fields, field, message",
    [
        (dict(title="   "), "title", "This field is required."),
        (dict(title=None), "title", "This field is required."),
        (dict(title="x" * 201), "title", "Keep it under 200 characters"),
        (dict(title="bad\x00title"), "title", "control characters"),
        (dict(kind="raise"), "kind", "'raise' is not one of: job_offer, promotion"),
        (dict(opportunity_type="secret"), "opportunity_type", "'secret' is not one of"),
        (dict(actor=""), "actor", "This field is required."),
        (dict(description=42), "description", "Text is required."),
    ],
)
def test_bad_input_is_refused_with_the_field_at_fault(fields, field, message):
    with pytest.raises(InvalidValue, match=message) as refused:
        start(**fields)
    assert refused.value.field == field


def test_when_it_really_happened_is_kept_in_utc():
    berlin = timezone(timedelta(hours=2))
    when = datetime(2025, 3, 4, 10, 0, tzinfo=berlin)
    n = start(occurred_at=when)
    event = last_event(n)
    assert event.occurred_at == when
    assert event.occurred_at.utcoffset() == timedelta(0)
    assert event.timestamp.tzinfo is not None


def test_a_naive_time_or_a_future_time_is_refused():
    with pytest.raises(InvalidValue, match="time zone") as naive:
        start(occurred_at=datetime(2025, 3, 4, 10, 0))
    assert naive.value.field == "occurred_at"
    with pytest.raises(InvalidValue, match="cannot have happened in the future"):
        start(occurred_at=datetime.now(UTC) + timedelta(days=1))
    with pytest.raises(InvalidValue, match="Give a date and time"):
        start(occurred_at="yesterday")


def test_a_time_a_few_minutes_ahead_is_tolerated_as_clock_skew():
    n = start(occurred_at=datetime.now(UTC) + timedelta(minutes=2))
    assert last_event(n).occurred_at is not None


def test_occurred_at_is_optional():
    assert last_event(start()).occurred_at is None
    assert last_event(start(occurred_at="")).occurred_at is None
