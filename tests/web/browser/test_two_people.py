"""Two people, two browsers (two browser contexts in real headless Chromium, each signed in through
the real forms): Ana starts a negotiation that Bo cannot see; she shares it with him as viewer, and
he reads it but cannot log a step; she revokes it, and at his next request it is gone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import EXPECTED_STATUS, screenshot, signed_in_context

pytestmark = pytest.mark.browser

ANA, BO = "ana@example.org", "bo@example.org"
TITLE = "Tech lead for the data platform"
REFUSED = re.compile(r"Failed to load resource: .* status of (403|404)\b")


def watch(page, errors: list[str]):
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return page


def test_two_people_see_exactly_what_they_are_entitled_to(live_server, browser):
    errors: list[str] = []
    ana_context = signed_in_context(browser, live_server.url, ANA, viewport={"width": 1280, "height": 900})
    bo_context = signed_in_context(browser, live_server.url, BO, viewport={"width": 1280, "height": 900})
    try:
        ana, bo = watch(ana_context.new_page(), errors), watch(bo_context.new_page(), errors)

        ana.goto(live_server.url + "/negotiations/new")
        ana.locator("#f-title").fill(TITLE)
        ana.locator("#f-kind").select_option("internal_role_change")
        ana.get_by_role("button", name="Start the negotiation").click()
        ana.wait_for_url(re.compile(r"/negotiations/[0-9a-f-]+#v1$"))
        url = ana.url.split("#")[0]
        nid = url.rsplit("/", 1)[1]
        assert live_server.tracker.timeline(nid)[0].actor == ANA

        # Bo: not in his list, and the page does not exist for him
        bo.goto(live_server.url + "/")
        expect(bo.get_by_role("heading", name="Your negotiations")).to_be_visible()
        expect(bo.get_by_text(TITLE)).to_have_count(0)
        assert bo.goto(url).status == 404
        expect(bo.locator("body")).not_to_contain_text(TITLE)

        # Ana shares it with Bo as viewer, on the sharing page
        ana.goto(url)
        ana.get_by_role("link", name="Sharing").click()
        ana.locator("#f-email").fill(BO)
        ana.locator("#f-role").select_option("viewer")
        ana.get_by_role("button", name="Share with this person").click()
        expect(ana.locator(".flash")).to_contain_text(f"Shared with {BO}")
        expect(ana.locator(".visible-now")).to_contain_text(BO)
        screenshot(ana, "people-01-shared")

        # Bo reads it, is offered no step, and is refused one all the same
        bo.goto(live_server.url + "/")
        bo.get_by_role("link", name=TITLE).click()
        expect(bo.get_by_role("heading", name=TITLE)).to_be_visible()
        expect(bo.locator("#log-a-step")).to_have_count(0)
        screenshot(bo, "people-02-viewer")
        refused = bo.goto(url + "/steps/add_note")
        assert refused.status == 403
        expect(bo.locator("body")).to_contain_text("not change it")
        assert [e.version for e in live_server.tracker.timeline(nid)] == [1]

        # Ana revokes: Bo's next request finds nothing
        ana.goto(url + "/access")
        ana.get_by_role("button", name=f"Revoke {BO}").click()
        expect(ana.locator(".flash")).to_contain_text("Access revoked")
        expect(ana.locator(".access-history")).to_contain_text("could no longer see it")
        assert bo.goto(url).status == 404
        bo.goto(live_server.url + "/")
        expect(bo.get_by_text(TITLE)).to_have_count(0)
        screenshot(bo, "people-03-revoked")
    finally:
        ana_context.close()
        bo_context.close()
    unexpected = [e for e in errors if not (REFUSED.search(e) or EXPECTED_STATUS.search(e))]
    assert unexpected == [], f"the browser reported errors: {unexpected}"
