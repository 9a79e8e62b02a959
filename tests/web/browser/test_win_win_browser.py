"""The win-win analysis and calibrating weights in real headless Chromium, as a newcomer meets them:
the sample loaded from the empty list (with the guess of the hiring manager's priorities the app adds)
shows better deals for both sides and the utility-space chart, at 1280 and 390 px without sideways
scrolling; on an open negotiation, rating three packages and taking the fitted weights through the
forms on a phone. Screenshots: artifacts/screenshots/win-win-*.png."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import PERSON, screenshot

pytestmark = pytest.mark.browser


def load_sample(page, base: str) -> str:
    page.goto(base + "/")
    page.get_by_role("button", name="Load a sample negotiation").click()
    page.wait_for_url(re.compile(r"/negotiations/[0-9a-f-]{36}$"))
    return page.url


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 390])
def test_the_sample_shows_better_deals_for_both_sides(browser, live_server, width):
    from tests.support.browser import signed_in_context

    context = signed_in_context(
        browser, live_server.url, f"win{width}@example.org", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    url = load_sample(page, live_server.url)
    page.goto(url + "/analysis")
    panel = page.locator("#win-win")
    expect(
        panel.get_by_role("heading", name="#4 Alex Morgan (candidate) can be improved for everyone")
    ).to_be_visible()
    expect(panel).to_contain_text("Every verdict holds under the 10 other weightings")
    chart = panel.locator("figure.chart svg")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > width * 0.7  # drawn at the card's width
    no_sideways_scroll(page)
    panel.screenshot(path=str(screenshot(page, f"win-win-{width}").with_name(f"win-win-panel-{width}.png")))
    panel.locator("figure.chart").screenshot(path=str(screenshot(page, f"win-win-chart-{width}")))
    href = panel.get_by_role("link", name="The chart as an SVG file").get_attribute("href")
    svg = page.request.get(live_server.url + href)
    assert svg.status == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    context.close()


def test_rating_packages_and_taking_fitted_weights_on_a_phone(phone, live_server):
    tracker = live_server.tracker
    nid = tracker.start_negotiation(actor=PERSON, title="Offer from Northwind", kind="job_offer")
    for command, fields in (
        ("join_party", dict(name="Alex Morgan", role="candidate", side="owner")),
        (
            "add_term",
            dict(key="base_salary", label="Base salary", kind="money", currency="EUR", better="higher"),
        ),
        ("add_term", dict(key="remote_days", label="Remote days", kind="days", better="higher")),
        (
            "set_priority",
            dict(
                term_key="base_salary",
                weight=80,
                target={"amount": "120000", "currency": "EUR"},
                walk_away={"amount": "100000", "currency": "EUR"},
            ),
        ),
        ("set_priority", dict(term_key="remote_days", weight=20, target="4", walk_away="0")),
    ):
        tracker.step(nid, command, actor=PERSON, **fields)
    base = f"{live_server.url}/negotiations/{nid}"
    for label, salary, remote, rating in (
        ("Top pay, at the desk", "120000", "0", "55"),
        ("Lower pay, fully remote", "100000", "4", "60"),
        ("Middle of both", "110000", "2", "65"),
    ):
        phone.goto(base + "/steps/rate_package")
        phone.get_by_label("Name").fill(label)
        phone.locator("#f-values-base_salary-amount").fill(salary)
        phone.locator("#f-values-remote_days").fill(remote)
        phone.get_by_label("How good is it for you (0 to 100)").fill(rating)
        if label == "Middle of both":
            screenshot(phone, "win-win-rate-package-390")
            no_sideways_scroll(phone)
        phone.get_by_role("button", name="Record the rating").click()
        phone.wait_for_url(re.compile(re.escape(base) + r"(\?.*|#.*)?$"))
    phone.goto(base + "/analysis")
    calibration = phone.locator("#calibration")
    expect(calibration).to_contain_text(
        "You rated Lower pay, fully remote (60) above Top pay, at the desk (55)"
    )
    no_sideways_scroll(phone)
    calibration.screenshot(path=str(screenshot(phone, "win-win-calibration-390")))
    calibration.get_by_role("link", name="Review and take these weights").click()
    remote = phone.locator("#f-weights-remote_days")
    assert int(remote.input_value()) > 20
    phone.get_by_role("button", name="Take these weights").click()
    phone.wait_for_url(re.compile(re.escape(base) + r"(\?.*|#.*)?$"))
    expect(phone.locator("body")).to_contain_text("Took calibrated weights (fitted to 3 rated packages)")
