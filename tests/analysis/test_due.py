"""What is due in a negotiation (tracker.analysis.due) and the hints the dates call for
(tracker.analysis.deadline_hints): overdue first, days counted in the reader's zone, a follow-up done
by a later interaction with the same people, nothing due once the negotiation is closed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.support.domain import Table, eur, seated, start
from tracker.analysis.due import due_items, end_of_day
from tracker.analysis.readiness import hints

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def table() -> Table:
    return seated(start())


def day(moment: datetime, zone=BERLIN) -> str:
    return moment.astimezone(zone).date().isoformat()


def test_a_day_ends_at_midnight_in_the_readers_zone():
    assert end_of_day("2031-07-01", BERLIN) == datetime(2031, 7, 1, 22, tzinfo=UTC)  # CEST is UTC+2
    assert end_of_day("2031-12-01", BERLIN) == datetime(2031, 12, 1, 23, tzinfo=UTC)


def test_everything_due_overdue_first_then_by_date_then_owed_without_a_date(table):
    now = datetime.now(UTC)
    t = table
    t.do("make_proposal", from_party=t.dana, to_parties=[t.me], values={"base_salary": eur("120000")})
    t.do(
        "make_proposal",
        from_party=t.rick,
        to_parties=[t.me],
        values={"remote_days": "2"},
        occurred_at=now - timedelta(days=3),
        respond_by=now - timedelta(hours=5),
    )
    t.do(
        "log_alternative",
        label="Contoso offer",
        kind="competing_offer",
        deadline=day(now + timedelta(days=2)),
    )
    t.do("log_alternative", label="Far offer", kind="competing_offer", deadline=day(now + timedelta(days=30)))
    t.do("set_decision_date", decide_by=day(now + timedelta(days=5)))
    items = due_items(t.n, now, BERLIN)
    assert [i.kind for i in items] == ["answer_owed", "alternative_expires", "decision", "answer_owed"]
    overdue, contoso, decision, undated = items
    assert overdue.overdue(now) and overdue.sentence == "Rick Alvarez wants an answer to proposal #2"
    assert overdue.anchor == "proposal-prop2"
    assert contoso.sentence == f"Your alternative Contoso offer expires on {day(now + timedelta(days=2))}"
    assert contoso.days_left(now) == 2  # the day ends at midnight in Berlin: 2 whole days and some hours
    assert decision.command == "set_decision_date"
    assert undated.due is None and undated.sentence == "Dana Kim wants an answer to proposal #1"


def test_my_proposal_with_a_near_respond_by_is_awaited_then_answered(table):
    now = datetime.now(UTC)
    t = table
    t.do(
        "make_proposal",
        from_party=t.me,
        to_parties=[t.dana],
        values={"remote_days": "3"},
        respond_by=now + timedelta(days=1),
    )
    [awaited] = due_items(t.n, now, UTC)
    assert awaited.kind == "answer_awaited"
    assert awaited.sentence == "Dana Kim should answer proposal #1: follow up if they have not"
    t.do("reject_proposal", proposal_id="prop1", party=t.dana)
    assert due_items(t.n, now, UTC) == []


def test_a_follow_up_is_due_until_a_later_interaction_with_them(table):
    now = datetime.now(UTC)
    t = table
    t.do(
        "log_interaction",
        channel="call",
        summary="Dana will check the band.",
        participants=[t.dana],
        follow_up_on=day(now - timedelta(days=1), UTC),
    )
    t.do("log_interaction", channel="email", summary="Rick sent the forms.", participants=[t.rick])
    [follow_up] = due_items(t.n, now, UTC)
    assert follow_up.kind == "follow_up" and follow_up.overdue(now)
    assert follow_up.sentence.startswith("Follow up with Dana Kim on the call of version ")
    t.do("log_interaction", channel="call", summary="Dana has the band.", participants=[t.dana, t.rick])
    assert due_items(t.n, now, UTC) == []


def test_nothing_is_due_once_the_negotiation_is_closed(table):
    now = datetime.now(UTC)
    t = table
    t.do("make_proposal", from_party=t.dana, to_parties=[t.me], values={"base_salary": eur("1")})
    t.do("set_decision_date", decide_by=day(now))
    assert due_items(t.n, now, UTC)
    t.do("conclude", outcome="walked_away")
    assert due_items(t.n, now, UTC) == []
    assert not [h for h in hints(t.n, now, zone=UTC) if h.key.startswith("decision")]


def test_an_exploding_offer_says_to_decide_before_answering(table):
    now = datetime.now(UTC)
    t = table
    t.do("make_proposal", from_party=t.dana, to_parties=[t.me], values={"base_salary": eur("120000")})
    t.do(
        "log_alternative",
        label="Contoso offer",
        kind="competing_offer",
        deadline=day(now + timedelta(days=2), UTC),
    )
    [hint] = [h for h in hints(t.n, now, zone=UTC) if h.key == "alternative_expires"]
    assert hint.reason.startswith("The Contoso offer expires in 2 days (")
    assert hint.reason.endswith("): decide on it before answering Dana Kim.")


def test_an_answer_wanted_soon_and_a_decision_date_give_hints(table):
    now = datetime.now(UTC)
    t = table
    t.do(
        "make_proposal",
        from_party=t.dana,
        to_parties=[t.me],
        values={"base_salary": eur("120000")},
        respond_by=now + timedelta(hours=30),
    )
    t.do("set_decision_date", decide_by=day(now - timedelta(days=2), UTC))
    found = {h.key: h for h in hints(t.n, now, zone=UTC)}
    assert found["answer_wanted"].title == "Answer wanted tomorrow"
    assert "Dana Kim wants an answer to proposal #1 tomorrow" in found["answer_wanted"].reason
    assert found["decision_overdue"].title == "The decision date has passed"
