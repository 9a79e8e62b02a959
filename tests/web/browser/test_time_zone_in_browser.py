"""A person in Berlin with a German browser: sign-up fills the hidden time zone and language from the
browser (tracker.js), and every time on the pages is then in Berlin time with CET (or CEST); a time
typed into a step form is read in Berlin time."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.support.auth import PASSWORD

pytestmark = pytest.mark.browser
EMAIL = "lena@example.com"


def test_a_browser_in_berlin_signs_up_and_sees_times_in_cet(browser, live_server):
    context = browser.new_context(
        timezone_id="Europe/Berlin", locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(live_server.url + "/auth/signup")
        expect(page.locator("input[name=time_zone]")).to_have_value("Europe/Berlin")
        expect(page.locator("input[name=locale]")).to_have_value("de-DE")
        page.locator("#f-email").fill(EMAIL)
        page.locator("#f-password").fill(PASSWORD)
        page.locator("#f-confirm").fill(PASSWORD)
        page.get_by_role("button", name="Create the account").click()
        page.wait_for_url(live_server.url + "/")
        account = live_server.app.extensions["people"].accounts.require_user(EMAIL)
        assert (account.time_zone, account.locale) == ("Europe/Berlin", "de_DE")

        page.get_by_role("main").get_by_role("link", name="Start a negotiation").click()
        page.locator("#f-title").fill("Angebot bei Northwind")
        page.locator("#f-kind").select_option("job_offer")
        page.get_by_role("button", name="Start the negotiation").click()
        page.wait_for_url(re.compile(r"/negotiations/[0-9a-f-]+"))
        nid = re.search(r"/negotiations/([0-9a-f-]+)", page.url).group(1)
        abbreviation = datetime.now(UTC).astimezone(ZoneInfo("Europe/Berlin")).strftime("%Z")
        expect(page.locator("section[aria-labelledby=timeline-title]")).to_contain_text(
            re.compile(rf"recorded \d+ \S+ \d{{4}}, \d\d:\d\d {abbreviation}")
        )

        page.goto(f"{live_server.url}/negotiations/{nid}/steps/add_note")
        expect(page.get_by_text("When it happened, in Europe/Berlin")).to_be_visible()
        page.locator("#f-text").fill("Anruf mit Dana")
        page.locator("#f-occurred_at").fill("2026-01-15T09:00")
        page.get_by_role("button", name="Add the note").click()
        page.wait_for_url(re.compile(r"#v\d+$"))
        expect(page.locator("section[aria-labelledby=timeline-title]")).to_contain_text(
            "15 Jan. 2026, 09:00 CET"
        )
        entry = live_server.tracker.timeline(nid)[-1]
        assert entry.occurred_at == datetime(2026, 1, 15, 8, 0, tzinfo=UTC)

        page.goto(live_server.url + "/auth/settings")
        expect(page.locator("#f-time_zone")).to_have_value("Europe/Berlin")
        expect(page.locator("#f-locale")).to_have_value("de_DE")
    finally:
        context.close()
    assert errors == []
