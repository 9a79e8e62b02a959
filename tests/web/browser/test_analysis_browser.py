"""The sample negotiation's analysis in real headless Chromium: the panels on the negotiation page,
the charts page with every chart drawn and legible, the analysis and side-by-side pages, a phone
view. No script error and no CSP violation (the page fixture fails on any). Screenshots go to
artifacts/screenshots/analysis-*.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import SCREENSHOTS, screenshot, signed_in_context
from tracker.demo import load_demo

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_url(live_server) -> str:
    return f"{live_server.url}/negotiations/{load_demo(live_server.tracker)}"


def element_shot(locator, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    locator.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def chart_box(chart) -> dict:
    box = chart.bounding_box()
    assert box is not None
    return box


def test_the_negotiation_page_shows_where_you_stand(demo_url, page):
    page.goto(demo_url)
    panels = page.locator("#analysis")
    expect(panels.get_by_role("heading", name="Where you stand")).to_be_visible()
    expect(panels.locator(".readiness-count")).to_have_text("4 of 9 ready")
    expect(panels.locator('[data-key="priorities"]')).to_contain_text("Not set for: Start date.")
    expect(panels.locator('[data-package="proposal:prop4"] .score')).to_have_text("76")
    expect(panels.locator('[data-package="alternative:alt1"]')).to_contain_text("BATNA")
    expect(panels.locator(".concession-summary")).to_contain_text(
        "Dana Kim (hiring manager) has conceded more"
    )
    dance = panels.locator("svg.pygal-chart")
    expect(dance).to_be_visible()
    expect(dance.locator(".legends")).to_contain_text("Best alternative: Offer from Contoso (44)")
    assert chart_box(dance)["width"] > 600  # drawn at the card's width, not a thumbnail
    panels.scroll_into_view_if_needed()
    screenshot(page, "analysis-negotiation-page")
    panels.get_by_role("link", name="Charts").click()
    expect(page.get_by_role("heading", name="The negotiation dance")).to_be_visible()


def test_the_charts_page_draws_every_chart_with_its_legend(demo_url, page):
    page.goto(demo_url + "/charts")
    charts = page.locator("figure.chart svg.pygal-chart")
    expect(charts).to_have_count(8)
    for index in range(8):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        expect(chart).to_be_visible()
        box = chart_box(chart)
        assert box["width"] > 600 and box["height"] > 250
        assert chart.locator(".legends .legend").count() >= 1
        assert chart.locator("path.line").count() >= 1  # something is drawn
    base = page.locator("#term-base_salary svg")
    for legend in (
        "Dana Kim",
        "Alex Morgan",
        "Your target: 130,000 EUR",
        "Your walk-away: 112,000 EUR",
        "Market typical: 122,000 EUR",
    ):
        expect(base.locator(".legends")).to_contain_text(legend)
    expect(base.locator(".axis.x")).to_contain_text("#4 Alex")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "analysis-charts")
    element_shot(page.locator("#dance"), "analysis-dance-chart")
    element_shot(page.locator("#term-base_salary"), "analysis-base-salary-chart")


def test_the_chart_files_open_on_their_own(demo_url, browser):
    # Its own page: a bare SVG document makes the browser ask for /favicon.ico (a 404 by design).
    context = signed_in_context(browser, demo_url, viewport={"width": 1000, "height": 700})
    try:
        image = context.new_page()
        response = image.goto(demo_url + "/charts/terms/base_salary.svg")
        assert response.status == 200 and response.headers["content-type"].startswith("image/svg+xml")
        expect(image.locator("svg")).to_be_visible()
        expect(image.locator("svg .legends")).to_contain_text("Your target: 130,000 EUR")
    finally:
        context.close()


def test_the_analysis_and_side_by_side_pages(demo_url, page):
    page.goto(demo_url + "/analysis")
    expect(page.locator("#standing [data-package='proposal:prop1'] .score")).to_have_text("24")
    page.get_by_label("Your exchange rates").fill("EUR:1.1")
    page.get_by_label("Convert to").fill("USD")
    page.get_by_role("button", name="Convert").click()
    expect(page.locator("#standing [data-package='proposal:prop1']")).to_contain_text(
        "≈ 149,930 USD at your rates"
    )
    expect(page.locator("#standing")).to_contain_text(
        "Converted to USD with the rates you gave: 1 EUR = 1.1 USD."
    )
    screenshot(page, "analysis-full")
    page.get_by_role("link", name="Side by side").click()
    table = page.locator("table.side-by-side")
    expect(table.locator("thead")).to_contain_text("Latest proposal #4 Alex Morgan (candidate)")
    expect(table.locator(".score-row")).to_contain_text("76")
    expect(table).to_contain_text("≈ 165,788.61 USD")  # the rates stay on: 150,716.92 EUR x 1.1
    screenshot(page, "analysis-side-by-side")


def test_looking_back_at_the_first_offer(demo_url, page):
    page.goto(demo_url + "/analysis")
    page.get_by_label("As of version").fill("32")
    page.get_by_role("button", name="Look back").click()
    expect(page.locator(".as-of-tag")).to_have_text("As of version 32 of 40")
    expect(page.locator("#standing [data-package='proposal:prop2']")).to_have_count(0)
    page.get_by_role("link", name="See it as it stands now").click()
    expect(page.locator("#standing [data-package='proposal:prop2'] .score")).to_have_text("96")


def test_the_panels_and_charts_on_a_phone(demo_url, browser):
    context = signed_in_context(
        browser,
        demo_url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    phone = context.new_page()
    try:
        phone.goto(demo_url)
        dance = phone.locator("#analysis svg.pygal-chart")
        dance.scroll_into_view_if_needed()
        expect(dance).to_be_visible()
        assert chart_box(dance)["width"] >= 600  # labels stay readable: the chart scrolls inside its frame
        assert chart_box(phone.locator("#analysis figure.chart"))["width"] <= 390
        widest = phone.evaluate("""() => Math.max(...[...document.querySelectorAll('#analysis *')]
            .filter(el => !el.closest('.table-wrap, figure.chart')).map(el => el.getBoundingClientRect().right))""")
        assert widest <= 390, (
            "the panels are wider than the phone (tables and charts scroll inside their frame)"
        )
        element_shot(phone.locator("#analysis"), "analysis-phone")
    finally:
        context.close()
