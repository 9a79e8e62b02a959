"""The calendar feed's link made on a phone (390 px wide): the settings page shows the full link once,
wrapped inside the screen (no sideways scroll), and the link answers an iCalendar feed to a client
with no session, as a calendar program fetches it."""

from __future__ import annotations

import urllib.request

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.support.browser import screenshot

pytestmark = pytest.mark.browser


def test_making_the_calendar_link_on_a_phone(phone, live_server):
    phone.goto(f"{live_server.url}/auth/settings")
    expect(phone.locator("#f-calendar_feed-status")).to_contain_text("Your feed is off.")
    phone.get_by_role("button", name="Make my calendar link").click()
    link = phone.locator("#feed-url")
    expect(link).to_be_visible()
    url = link.inner_text().strip()
    assert url.startswith(live_server.url + "/calendar/") and url.endswith(".ics")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone, "390/calendar-feed-link")
    with urllib.request.urlopen(url) as answer:  # a calendar program: no cookie
        assert answer.headers["Content-Type"] == "text/calendar; charset=utf-8"
        assert str(Calendar.from_ical(answer.read())["version"]) == "2.0"
    phone.get_by_role("button", name="Turn the feed off").click()
    expect(phone.locator("#f-calendar_feed-status")).to_contain_text("Your feed is off.")
