"""The bell as two people use it on `tracker serve` with its defaults (the outbox runs in the
workers, nothing else started): Dana logs a note through the form in her browser; Alex's bell counts
it within a few seconds on whatever page Alex has open, at 1280 px and on a 390 px phone (no sideways
scroll); the list says who did what; opening it goes to the step and the count is gone."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.support.browser import screenshot, signed_in_context
from tests.support.config import make_config
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.browser

ALEX, DANA = "alex@example.org", "dana@example.org"
TITLE = "Staff engineer at Northwind"


def wait_for_bell(page, text: str, seconds: float = 15) -> None:
    """Reloads until the bell says ``text`` (the outbox runs every second in each worker)."""
    deadline = time.monotonic() + seconds
    while True:
        label = page.locator("a.bell").get_attribute("aria-label") or ""
        if text in label:
            return
        assert time.monotonic() < deadline, f"the bell still says {label!r}"
        time.sleep(0.5)
        page.reload()


@pytest.fixture
def served(tmp_path):
    """`tracker serve` (gunicorn, two workers) with the defaults `make run` gives, and the services
    over the same store for the test's own set-up."""
    from tracker.bootstrap import build_people, build_tracker

    config = make_config(store="sqlite", data_dir=str(tmp_path / "var"), password_hash_profile="CHEAPEST")
    server = LiveServer(config, tmp_path / "server.log", workers=2).start()
    tracker = build_tracker(config)
    people = build_people(config, tracker)
    try:
        yield server, tracker, people
    finally:
        people.close()
        tracker.close()
        server.stop()


def test_the_bell_counts_what_others_did_and_leads_to_it(served, browser):
    live_server, tracker, people = served
    desk = {"width": 1280, "height": 900}
    alex_context = signed_in_context(browser, live_server.base_url, ALEX, viewport=desk)
    dana_context = signed_in_context(browser, live_server.base_url, DANA, viewport=desk)
    try:
        nid = tracker.start_negotiation(actor=ALEX, title=TITLE, kind="job_offer")
        people.access.share_with_user(nid, DANA, "editor", actor=ALEX)
        alex, dana = alex_context.new_page(), dana_context.new_page()
        alex.goto(f"{live_server.base_url}/")
        expect(alex.locator("a.bell")).to_have_attribute("aria-label", "Notifications")

        dana.goto(f"{live_server.base_url}/negotiations/{nid}/steps/add_note")
        dana.locator("#f-text").fill("Northwind can move on the sign-on bonus")
        dana.get_by_role("button", name="Add the note").click()
        dana.wait_for_url(re.compile(r"#v\d+$"))

        wait_for_bell(alex, "1 unread")
        expect(alex.locator("a.bell .count")).to_have_text("1")
        alex.locator("a.bell").click()
        item = alex.locator("li.notification.unread")
        expect(item).to_have_count(1)
        expect(item).to_contain_text("Note: Northwind can move on the sign-on bonus")
        expect(item).to_contain_text(DANA)
        screenshot(alex, "notifications-01-list")

        phone = alex_context.new_page()
        phone.set_viewport_size({"width": 390, "height": 844})
        phone.goto(f"{live_server.base_url}/notifications")
        expect(phone.locator("a.bell .count")).to_have_text("1")
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(phone, "390/notifications")

        item.get_by_role("link").click()
        alex.wait_for_url(re.compile(rf"/negotiations/{nid}#v\d+$"))
        expect(alex.locator("a.bell")).to_have_attribute("aria-label", "Notifications")
        expect(alex.locator("a.bell .count")).to_have_count(0)
        dana.goto(f"{live_server.base_url}/notifications")
        expect(dana.locator("li.notification", has_text="sign-on bonus")).to_have_count(0)  # her own step
    finally:
        alex_context.close()
        dana_context.close()
