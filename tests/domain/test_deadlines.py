"""The dates a negotiation runs against: "respond by" on a proposal, the decision date, follow-ups on
interactions (an alternative's expiry is its deadline, tested with the alternatives)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.support.domain import eur, last_event
from tracker.domain.errors import InvalidValue


def test_a_proposal_carries_when_its_maker_wants_an_answer(table):
    by = datetime.now(UTC) + timedelta(days=3)
    proposal = table.do(
        "make_proposal",
        from_party=table.dana,
        to_parties=[table.me],
        values={"base_salary": eur("120000")},
        respond_by=by.astimezone(ZoneInfo("America/New_York")),
    )
    assert table.n.answer_wanted_by[proposal] == by
    assert table.n.answer_wanted_by[proposal].tzinfo is UTC
    assert last_event(table.n).respond_by == by


@pytest.mark.parametrize(
    "respond_by, message",
    [
        (datetime(2030, 1, 1, 12), "Give the time with its time zone."),
        ("tomorrow", "Give a date and time."),
        (
            datetime.now(UTC) - timedelta(hours=1),
            "The answer can only be wanted after the proposal was made.",
        ),
    ],
)
def test_a_respond_by_is_an_aware_moment_after_the_proposal(table, respond_by, message):
    with pytest.raises(InvalidValue) as refused:
        table.do(
            "make_proposal",
            from_party=table.dana,
            to_parties=[table.me],
            values={"base_salary": eur("1")},
            respond_by=respond_by,
        )
    assert {(e.field, e.message) for e in getattr(refused.value, "errors", [refused.value])} >= {
        ("respond_by", message)
    }
    assert not table.n.proposals


def test_a_proposal_logged_late_may_want_its_answer_before_now(table):
    made = datetime.now(UTC) - timedelta(days=10)
    proposal = table.do(
        "make_proposal",
        from_party=table.dana,
        to_parties=[table.me],
        values={"base_salary": eur("1")},
        occurred_at=made,
        respond_by=made + timedelta(days=2),
    )
    assert table.n.answer_wanted_by[proposal] == made + timedelta(days=2)


def test_the_decision_date_is_set_changed_and_cleared(table):
    table.do("set_decision_date", decide_by="2031-07-01", reason="Their offer expires then.")
    assert table.n.decide_by == "2031-07-01"
    table.do("set_decision_date", decide_by="2031-07-03")
    assert table.n.decide_by == "2031-07-03"
    table.do("set_decision_date", decide_by=None)
    assert table.n.decide_by is None
    with pytest.raises(InvalidValue, match=r"There is no decision date to clear\."):
        table.do("set_decision_date", decide_by="")
    with pytest.raises(InvalidValue, match=r"Give a date as YYYY-MM-DD\."):
        table.do("set_decision_date", decide_by="next week")


def test_an_interaction_may_be_followed_up_on_a_day(table):
    table.do("log_interaction", channel="call", summary="Asked for the band.", follow_up_on="2031-02-03")
    version = table.n.interactions[-1].version
    assert table.n.follow_ups == {str(version): "2031-02-03"}
    with pytest.raises(InvalidValue, match=r"Give a date as YYYY-MM-DD\."):
        table.do("log_interaction", channel="call", summary="x", follow_up_on="soon")
