"""The calendar feed's iCalendar (tracker.analysis.calendar_feed), read back with the ``icalendar``
library as a calendar program reads it: one event per dated item, a day-only date as an all-day
event, a respond-by as a moment in UTC, stable UIDs, plain summaries, user text escaped so that it
comes back exactly, and only the negotiations the person may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.support.domain import Table, eur, seated, start
from tracker.analysis.calendar_feed import FEED_DAYS, build_feed, event_uid
from tracker.analysis.due import due_items
from tracker.analysis.due_list import due_for

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2031, 6, 20, 9, 30, tzinfo=UTC)


def link(item) -> str:
    return f"https://tracker.example.org/negotiations/{item.negotiation_id}#{item.anchor}"


def feed(*tables: Table, zone=BERLIN, now=NOW) -> Calendar:
    items = [i for t in tables for i in due_items(t.n, now, zone, FEED_DAYS)]
    body = build_feed(items, name="Negotiations: Alex", now=now, link=link)
    return Calendar.from_ical(body)


def events(calendar: Calendar) -> dict[str, Any]:
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def table() -> Table:
    t = seated(start())
    t.do(
        "make_proposal",
        from_party=t.dana,
        to_parties=[t.me],
        values={"base_salary": eur("120000")},
        respond_by=datetime(2031, 6, 25, 15, 0, tzinfo=UTC),
    )
    t.do("set_decision_date", decide_by="2031-07-01")
    t.do("log_alternative", label="Contoso offer", kind="competing_offer", deadline="2031-06-28")
    return t


def test_the_calendar_names_itself_and_validates(table):
    calendar = feed(table)
    assert str(calendar["version"]) == "2.0"
    assert "Negotiation tracker" in str(calendar["prodid"])
    assert str(calendar["x-wr-calname"]) == "Negotiations: Alex"
    for event in calendar.walk("VEVENT"):  # what RFC 5545 requires of each event
        assert {"UID", "DTSTAMP", "DTSTART", "SUMMARY"} <= set(event)
        assert event.decoded("dtstamp") == NOW


def test_each_dated_item_is_an_event_on_its_day(table):
    found = events(feed(table))
    nid = table.n.id
    answer = found[f"answer_owed-{nid}-prop1@negotiation-tracker"]
    assert answer.decoded("dtstart") == datetime(2031, 6, 25, 15, 0, tzinfo=UTC)  # a moment, in UTC
    assert str(answer["summary"]) == "Answer due: Senior engineer offer at Northwind"
    assert "Dana Kim wants an answer to proposal #1" in str(answer["description"])
    assert str(answer["url"]) == f"https://tracker.example.org/negotiations/{nid}#proposal-prop1"
    decision = found[f"decision-{nid}-decision@negotiation-tracker"]
    assert decision.decoded("dtstart") == dt.date(2031, 7, 1)  # all day, the day itself
    assert decision.decoded("dtend") == dt.date(2031, 7, 2)
    assert str(decision["summary"]) == "Decision date: Senior engineer offer at Northwind"
    [alternative] = [e for uid, e in found.items() if uid.startswith("alternative_expires-")]
    assert alternative.decoded("dtstart") == dt.date(2031, 6, 28)
    assert "Contoso offer" in str(alternative["description"])
    assert len(found) == 3


def test_a_follow_up_is_an_all_day_event(table):
    table.do(
        "log_interaction",
        channel="call",
        summary="Talked about the start date",
        participants=[table.dana],
        follow_up_on="2031-06-23",
    )
    [follow_up] = [e for uid, e in events(feed(table)).items() if uid.startswith("follow_up-")]
    assert follow_up.decoded("dtstart") == dt.date(2031, 6, 23)
    assert str(follow_up["summary"]).startswith("Follow up: ")


def test_uids_stay_the_same_across_fetches_and_days(table):
    first = set(events(feed(table)))
    later = set(events(feed(table, now=NOW + timedelta(days=2))))
    assert first == later
    assert len(first) == len({uid.split("@")[0] for uid in first})


def test_an_undated_item_and_an_approval_are_not_events():
    t = seated(start())
    t.do("make_proposal", from_party=t.dana, to_parties=[t.me], values={"base_salary": eur("1")})
    [item] = due_items(t.n, NOW, BERLIN, FEED_DAYS)
    assert item.due is None
    assert events(feed(t)) == {}


def test_user_text_with_commas_semicolons_and_line_breaks_comes_back_exactly():
    title = 'Offer, "Lead"; at Acme\\Co\nsecond line'
    t = seated(start(title=title))
    t.do("set_decision_date", decide_by="2031-07-01")
    t.do("log_alternative", label="Stay; or go, maybe", kind="competing_offer", deadline="2031-06-28")
    body = build_feed(due_items(t.n, NOW, BERLIN, FEED_DAYS), name="Ana; Bo, C", now=NOW, link=link).decode()
    assert 'Offer\\, "Lead"\\; at Acme\\\\Co\\nsecond line' in body.replace("\r\n ", "")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))  # folded as RFC 5545 says
    calendar = Calendar.from_ical(body)
    assert str(calendar["x-wr-calname"]) == "Ana; Bo, C"
    found = events(calendar)
    assert str(found[f"decision-{t.n.id}-decision@negotiation-tracker"]["summary"]) == (
        f"Decision date: {title}"
    )
    [alternative] = [e for uid, e in found.items() if uid.startswith("alternative_expires-")]
    assert "Your alternative Stay; or go, maybe expires on 2031-06-28" in str(alternative["description"])


@dataclass
class Row:
    negotiation_id: Any
    owner: str


class ReadModel:
    """The read model's window, as much of it as due_for reads: each row with who may see it."""

    def __init__(self, rows: dict[Any, tuple[str, set[str]]]) -> None:
        self.rows = rows

    def list_window(self, filters, offset, limit, visible_to=None):
        seen = [Row(nid, owner) for nid, (owner, who) in self.rows.items() if visible_to in who]
        return seen, len(seen)


def test_only_the_negotiations_the_person_may_see_are_in_their_feed(table):
    other = seated(start(title="Bo's own offer"))
    other.do("set_decision_date", decide_by="2031-07-02")
    read_model = ReadModel(
        {
            table.n.id: ("ana@example.org", {"ana@example.org"}),
            other.n.id: ("bo@example.org", {"bo@example.org"}),
        }
    )
    negotiations = {table.n.id: table.n, other.n.id: other.n}
    found = due_for(
        "ana@example.org", read_model, negotiations.__getitem__, NOW, BERLIN, None, "", None, FEED_DAYS
    )
    calendar = Calendar.from_ical(build_feed(found.items, name="Ana", now=NOW, link=link))
    titles = {str(e["summary"]) for e in calendar.walk("VEVENT")}
    assert "Decision date: Senior engineer offer at Northwind" in titles
    assert not any("Bo's own offer" in t for t in titles)
    assert {event_uid(i) for i in found.items if i.due} == set(events(calendar))
