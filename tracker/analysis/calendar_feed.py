"""A person's calendar feed in iCalendar (RFC 5545), built with the ``icalendar`` library: one VEVENT
for each dated item of their "what's due" list (tracker.analysis.due). A day-only date (a decision
date, an alternative's expiry, a follow-up) is an all-day event on that day; a moment (a proposal's
respond-by) is a date-time in UTC. Each event's UID is stable across fetches, so a calendar program
updates an event instead of adding it again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from tracker.analysis.due import DueItem

PRODID = "-//Negotiation tracker//Calendar feed//EN"
UID_DOMAIN = "negotiation-tracker"
#: How far ahead the feed looks (the "what's due" page: 7 days): a calendar shows what is planned.
FEED_DAYS = 400
#: What each kind of item is called in a calendar, before the negotiation's title.
LABELS = {
    "answer_owed": "Answer due",
    "answer_awaited": "Their answer is due",
    "decision": "Decision date",
    "alternative_expires": "Alternative expires",
    "follow_up": "Follow up",
}


def event_uid(item: DueItem) -> str:
    """``<kind>-<negotiation id>-<ref>@negotiation-tracker``: the same item keeps it across fetches."""
    return f"{item.kind}-{item.negotiation_id}-{item.ref or item.anchor}@{UID_DOMAIN}"


def summary(item: DueItem) -> str:
    """What the calendar shows, in plain words: "Decision date: Staff Engineer at Northwind"."""
    return f"{LABELS.get(item.kind, 'Due')}: {item.title}"


def build_feed(
    items: Iterable[DueItem], *, name: str, now: datetime, link: Callable[[DueItem], str]
) -> bytes:
    """The feed's bytes: the dated ``items`` as events, ``link(item)`` the absolute URL of the
    negotiation's page where each is answered; ``now`` (UTC) stamps every event."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    stamp = now.astimezone(UTC).replace(microsecond=0)
    for item in items:
        if item.due is not None:
            calendar.add_component(_event(item, stamp, link(item)))
    return calendar.to_ical()


def _event(item: DueItem, stamp: datetime, url: str) -> Event:
    event = Event()
    event.add("uid", event_uid(item))
    event.add("dtstamp", stamp)
    if item.day:
        day = dt.date.fromisoformat(item.day)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a date to keep in mind, not time taken
    else:
        assert item.due is not None
        event.add("dtstart", item.due.astimezone(UTC).replace(microsecond=0))
    event.add("summary", summary(item))
    event.add("description", f"{item.sentence}\n\n{item.title}\n{url}")
    event.add("url", url)
    event.add("categories", [LABELS.get(item.kind, "Due")])
    return event
