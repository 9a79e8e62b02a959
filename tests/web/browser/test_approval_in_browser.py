"""An approval from request to decision, two people in two browsers (issue 20): Lena, a manager,
records her offer to Mia in a negotiation shared with the team; the team's chain asks Hana, the HR
partner, to approve any title change. Lena's page says the proposal awaits Hana; Hana finds it on her
"What's due" page (also at 390 px), approves it with a comment through the form; Lena's page then
shows it approved, with Hana's comment, and offers the answers again."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import screenshot, signed_in_context

pytestmark = pytest.mark.browser

LENA, HANA = "lena@example.org", "hana@example.org"
TITLE = "Engineer to tech lead: Mia"


def test_an_approval_from_request_to_decision(live_server, browser):
    lena_context = signed_in_context(browser, live_server.url, LENA, viewport={"width": 1280, "height": 900})
    hana_context = signed_in_context(browser, live_server.url, HANA, viewport={"width": 1280, "height": 900})
    people, tracker = live_server.app.extensions["people"], live_server.tracker
    try:
        lena, hana = lena_context.new_page(), hana_context.new_page()
        team = people.teams.create_team("Platform", actor=HANA)
        people.teams.add_member(team, LENA, "member", actor=HANA)
        nid = tracker.start_negotiation(actor=LENA, title=TITLE, kind="internal_role_change")
        for name, role, side in (("Lena Park", "manager", "owner"), ("Mia Rossi", "engineer", "counterpart")):
            tracker.step(nid, "join_party", actor=LENA, name=name, role=role, side=side)
        tracker.step(nid, "add_term", actor=LENA, key="title", label="Title", kind="text")
        people.access.share_with_team(nid, team, "editor", actor=LENA)

        # Hana (team owner) sets the chain on the team's Approvals page
        hana.goto(f"{live_server.url}/teams/{team}/approvals")
        hana.locator("#f-rules\\.0\\.approver").select_option(HANA)
        hana.locator("#f-rules\\.0\\.when").select_option("names_term")
        hana.locator("#f-rules\\.0\\.term_key").fill("title")
        hana.get_by_role("button", name="Save the chain").click()
        expect(hana.locator(".flash")).to_contain_text("Approval chain saved")
        expect(hana.locator("table")).to_contain_text("any change to title")

        # Lena records her offer: it awaits Hana
        lena.goto(f"{live_server.url}/negotiations/{nid}/steps/make_proposal")
        lena.locator("#f-from_party").select_option("p1")
        lena.get_by_label("Mia Rossi").check()
        lena.locator("#f-values-title").fill("Tech lead")
        lena.get_by_role("button", name="Record the proposal").click()
        lena.wait_for_url(re.compile(rf"/negotiations/{nid}"))
        card = lena.locator("article.proposal").first
        expect(card).to_contain_text("Awaiting approval: waiting for hana@example.org")
        expect(card.get_by_role("link", name=re.compile("^Accept"))).to_have_count(0)
        screenshot(lena, "approval-01-awaiting")

        # Hana finds it on her due list, on a phone as well
        hana.goto(f"{live_server.url}/due")
        item = hana.locator(".due-item").first
        expect(item).to_contain_text("Proposal #1 waits for your approval (any change to title)")
        screenshot(hana, "approval-02-due")
        phone = hana_context.new_page()
        phone.set_viewport_size({"width": 390, "height": 844})
        phone.goto(f"{live_server.url}/due")
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(phone, "390/approval-due")
        item.get_by_role("link", name=re.compile("waits for your approval")).click()
        hana.get_by_role("link", name=re.compile("^Approve")).click()
        hana.locator("#f-comment").fill("The title matches the career ladder.")
        screenshot(hana, "approval-03-approve-form")
        hana.get_by_role("button", name="Approve the proposal").click()
        hana.wait_for_url(re.compile(rf"/negotiations/{nid}"))

        # Lena sees the decision, with its comment, and can record Mia's answer now
        lena.reload()
        card = lena.locator("article.proposal").first
        expect(card).to_contain_text("Approved")
        expect(card).to_contain_text("The title matches the career ladder.")
        expect(card.get_by_role("link", name=re.compile("^Accept"))).to_have_count(1)
        screenshot(lena, "approval-04-approved")
        approved = [e for e in tracker.timeline(nid) if e.event_type == "ProposalApproved"]
        assert [e.actor for e in approved] == [HANA]
    finally:
        lena_context.close()
        hana_context.close()
