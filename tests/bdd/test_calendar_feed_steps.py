"""features/calendar_feed.feature through the web (sign-in off: one local user, whose account keeps
the feed): the link is made on the settings page's form, and the calendar is read from the link as a
calendar program reads it, with the ``icalendar`` library."""

from __future__ import annotations

import datetime as dt
import re
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar
from pytest_bdd import given, parsers, scenarios, then, when

from tests.bdd.analysis_steps import NAME
from tests.bdd.two_channels import workflow  # noqa: F401 (fixture)
from tests.support.auth import sign_up_and_sign_in

scenarios("calendar_feed.feature")

ALEX = "alex@example.org"
LINK_RE = re.compile(r'id="feed-url">http://localhost(/calendar/[^<]+\.ics)<')


@pytest.fixture
def channel() -> str:
    """The feed is read through its link, so only through the web."""
    return "web"


@pytest.fixture
def feed() -> dict:
    return {}


def make_link(workflow, feed: dict) -> None:
    page = workflow.client.post("/auth/calendar-feed")
    assert page.status_code == 201, page.get_data(as_text=True)[:300]
    feed["old"], feed["link"] = feed.get("link"), LINK_RE.search(page.get_data(as_text=True)).group(1)


def events(workflow, feed: dict) -> list:
    response = workflow.app.test_client().get(feed["link"])  # a calendar program: no session
    assert response.status_code == 200
    return list(Calendar.from_ical(response.data).walk("VEVENT"))


@given(parsers.re(r"(?P<user>\w+) has made a private calendar feed link"))
def has_feed(workflow, feed):
    sign_up_and_sign_in(workflow.client, workflow.app, ALEX)
    make_link(workflow, feed)


@when(parsers.re(r"(?P<user>\w+) makes a new calendar feed link"))
def new_link(workflow, feed):
    make_link(workflow, feed)


@when(parsers.re(r"(?P<user>\w+) turns the calendar feed off"))
def turn_off(workflow):
    assert workflow.client.post("/auth/calendar-feed/off").status_code == 303


@when(
    parsers.re(
        NAME + r" proposes to (?P<names>.+?): (?P<values>.+), wanting an answer in (?P<days>\d+) days at "
        r"(?P<hour>\d\d):(?P<minute>\d\d)"
    )
)
def propose_with_deadline(workflow, feed, name, names, values, days, hour, minute):
    day = datetime.now(UTC).date() + timedelta(days=int(days))
    feed["by"] = datetime.combine(day, dt.time(int(hour), int(minute)), tzinfo=UTC)
    workflow.do(
        "make_proposal",
        from_party=workflow.party(name),
        to_parties=workflow.parties(names),
        values=workflow.values(values),
        respond_by=feed["by"].strftime("%Y-%m-%dT%H:%M"),  # the person's zone: UTC here
    )


@when(parsers.re(r"(?P<user>\w+) sets the decision date to (?P<days>\d+) days from now"))
def decide_by(workflow, days):
    day = (datetime.now(UTC).date() + timedelta(days=int(days))).isoformat()
    workflow.do("set_decision_date", decide_by=day, reason="")


@then(
    parsers.re(
        r"(?P<user>\w+)'s calendar shows \"(?P<summary>[^\"]+)\" in (?P<days>\d+) days at "
        r"(?P<hour>\d\d):(?P<minute>\d\d)"
    )
)
def shows_at(workflow, feed, summary, days, hour, minute):
    [event] = [e for e in events(workflow, feed) if str(e["summary"]) == summary]
    assert event.decoded("dtstart") == feed["by"]
    feed["event"] = event


@then(parsers.re(r"(?P<user>\w+)'s calendar shows \"(?P<summary>[^\"]+)\" all day in (?P<days>\d+) days"))
def shows_all_day(workflow, feed, summary, days):
    [event] = [e for e in events(workflow, feed) if str(e["summary"]) == summary]
    assert event.decoded("dtstart") == datetime.now(UTC).date() + timedelta(days=int(days))


@then("that calendar entry links to the negotiation")
def links_to_negotiation(workflow, feed):
    assert str(feed["event"]["url"]).startswith(f"http://localhost/negotiations/{workflow.nid}#")


@then(parsers.re(r"the (?P<which>old|new) link (?P<answer>no longer works|still works)"))
def link_works(workflow, feed, which, answer):
    link = feed["old"] if which == "old" else feed["link"]
    status = workflow.app.test_client().get(link).status_code
    assert status == (200 if answer == "still works" else 404)
