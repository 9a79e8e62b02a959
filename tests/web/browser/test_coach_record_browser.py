"""The coach's record in real headless Chromium on a phone (390 px): a figure said on the phone and
taken back, flagged on the timeline with a link to the other step; the analysis page's "Scores then
and now" and "Figures stated" panels. No sideways scrolling. Screenshots:
artifacts/screenshots/coach-*.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import PERSON, screenshot
from tests.support.domain import eur

pytestmark = pytest.mark.browser


def recorded(tracker) -> str:
    nid = tracker.start_negotiation(actor=PERSON, title="Offer from Northwind", kind="job_offer")

    def step(command, **fields):
        return tracker.step(nid, command, actor=PERSON, **fields).value

    me = step("join_party", name="Alex Morgan", role="candidate", side="owner")
    dana = step("join_party", name="Dana Kim", role="hiring manager", side="counterpart")
    step("add_term", key="base_salary", label="Base salary", kind="money", currency="EUR", better="higher")
    step("add_term", key="remote_days", label="Remote days per week", kind="days", better="higher")
    step("set_priority", term_key="base_salary", weight=80, target=eur("120000"), walk_away=eur("100000"))
    step("set_priority", term_key="remote_days", weight=20, target="4", walk_away="0")
    step(
        "log_interaction",
        channel="call",
        summary="Dana called: the budget allows 120k.",
        participants=[dana],
        stated_by=dana,
        stated={"base_salary": eur("120000")},
    )
    step(
        "make_proposal",
        from_party=dana,
        to_parties=[me],
        values={"base_salary": eur("115000"), "remote_days": "4"},
    )
    step("set_priority", term_key="remote_days", weight=80, target="4", walk_away="0")
    return nid


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate(
        "document.documentElement.clientWidth"
    )


def test_the_record_on_a_phone(phone, live_server):
    nid = recorded(live_server.tracker)
    base = f"{live_server.url}/negotiations/{nid}"
    phone.goto(base)
    flag = phone.locator("#v9 .contradiction")
    expect(flag).to_contain_text("went back on Base salary: 120,000 EUR (an interaction, version 8)")
    expect(flag.get_by_role("link", name="See step #8")).to_have_attribute("href", "#v8")
    expect(phone.locator("#v8 .contradiction")).to_contain_text("See step #9")
    no_sideways_scroll(phone)
    phone.locator("#v8").screenshot(path=str(screenshot(phone, "coach-timeline-flag-390")))
    phone.goto(base + "/analysis")
    drift = phone.locator("#drift")
    expect(drift).to_contain_text("1 of 1 packages score differently")
    expect(phone.locator("#ledger")).to_contain_text("120,000 EUR")
    no_sideways_scroll(phone)
    drift.screenshot(path=str(screenshot(phone, "coach-drift-390")))
    phone.locator("#ledger").screenshot(path=str(screenshot(phone, "coach-ledger-390")))


def whole_record(tracker) -> str:
    """``recorded`` and the rest of the coach's record: who decides, a value-case entry, a vesting
    schedule on equity."""
    nid = recorded(tracker)

    def step(command, **fields):
        return tracker.step(nid, command, actor=PERSON, **fields).value

    step("map_authority", term_key="base_salary", party_id="p2", role="decides")
    step("add_term", key="equity", label="Equity", kind="money", currency="EUR", better="higher")
    step(
        "add_value_entry",
        kind="achievement",
        text="Cut the nightly batch from 6 hours to 40 minutes",
        link="https://example.org/postmortem",
        supports=["base_salary"],
    )
    step("set_money_schedule", term_key="equity", kind="vesting", vesting="5/15/40/40", cliff_months=12)
    step(
        "make_proposal",
        from_party="p2",
        to_parties=["p1"],
        values={"base_salary": eur("118000"), "remote_days": "4", "equity": eur("100000")},
    )
    return nid


@pytest.mark.parametrize("width", [1280, 390])
def test_the_negotiation_page_holds_the_whole_record(browser, live_server, width):
    """Who decides, the value case, the flagged figure, the drift of a score and the four-year table,
    on the negotiation page itself at a desk and on a phone."""
    from tests.support.browser import signed_in_context

    nid = whole_record(live_server.tracker)
    context = signed_in_context(browser, live_server.url, viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/negotiations/{nid}")
        expect(page.locator(".authority")).to_contain_text("Base salary: decided by Dana Kim")
        expect(page.locator(".value-case")).to_contain_text("Cut the nightly batch")
        expect(page.locator(".value-case")).to_contain_text("backs Base salary")
        expect(page.locator(".ledger-card")).to_contain_text(
            "Dana Kim (hiring manager) went back on Base salary"
        )
        expect(page.locator(".drift-card")).to_contain_text("when it came")
        years = page.locator(".years-card")
        expect(years).to_contain_text("Year 4")
        expect(years).to_contain_text("5,000")  # year 1 of the equity vests 5%: 118,000 + 5,000
        no_sideways_scroll(page)
        for part, selector in (
            ("who-decides", "#authority-title + ul"),
            ("value-case", ".value-case"),
            ("ledger", ".ledger-card"),
            ("drift", ".drift-card"),
            ("years", ".years-card"),
        ):
            page.locator(selector).screenshot(path=str(screenshot(page, f"coach-page-{part}-{width}")))
        screenshot(page, f"coach-page-{width}")
    finally:
        context.close()
