"""Money year by year in real headless Chromium, as a newcomer meets it: the sample loaded from the
empty list carries money schedules, so its analysis page shows the four-year table of every proposal
and alternative with the assumptions beside the figures, at 1280 and 390 px without sideways
scrolling. Screenshots: artifacts/screenshots/money-years-*.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import screenshot, signed_in_context
from tests.web.browser.test_win_win_browser import load_sample

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_the_sample_shows_the_four_year_table(browser, live_server, width):
    context = signed_in_context(
        browser, live_server.url, f"years{width}@example.org", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(load_sample(page, live_server.url) + "/analysis#years")
    section = page.locator("#years")
    expect(section.get_by_role("heading", name="Money year by year")).to_be_visible()
    accepted = section.locator("table.years").filter(has_text="Sign-on bonus").last
    expect(accepted).to_be_visible()
    expect(accepted).to_contain_text(
        "Sign-on bonus 5,000 EUR paid once in year 1, repaid in full if you leave within 12 months"
    )
    expect(accepted).to_contain_text(
        "Target bonus 12% of 127,000 EUR base, guaranteed in year 1, then at an 80% payout chance"
    )
    expect(accepted).to_contain_text("€130,810")  # 127,000 x 1.03 in year 2, in the person's locale
    assert section.locator("table.years").count() == 6  # four proposals and two alternatives
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    cell = accepted.locator("td.num").first.bounding_box()
    assert cell is not None and cell["x"] + cell["width"] <= width  # the figures fit, not cut off
    section.screenshot(
        path=str(screenshot(page, f"money-years-page-{width}").with_name(f"money-years-{width}.png"))
    )
    context.close()
