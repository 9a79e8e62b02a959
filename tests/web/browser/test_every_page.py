"""Every page of the site, on a phone (390 px) and on a laptop (1280 px): nothing scrolls sideways, a
full-page screenshot of each is kept (artifacts/screenshots/390/*.png and 1280/*.png), and axe-core
finds no serious or critical accessibility problem (the others are printed).

One server and one browser for the module: the sample negotiation (closed, with an agreement), a copy
of it reopened with an open proposal (so every step form and every answer form can be shown), and a
team that the sample is shared with (so the team pages have something to show)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.support.axe import AXE, blocking, describe, require_axe, violations
from tests.support.browser import PERSON, running_server, screenshot, screenshot_path, signed_in_context
from tracker.demo import load_demo
from tracker.web.pages.negotiations.negotiation import STEP_GROUPS
from tracker.web.pages.steps.bargaining_forms import WHEN_CLOSED

pytestmark = pytest.mark.browser

WIDTHS = {
    390: {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    1280: {"viewport": {"width": 1280, "height": 900}},
}
# A phone browser widens its layout viewport to fit content that is too wide (and zooms out), so the
# screen's own width is the yardstick, not only window.innerWidth.
OVERFLOW = """(screen) => {
    const width = Math.min(window.innerWidth, screen);
    const out = e => e.getBoundingClientRect().right > width + 1;
    const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
        + String(e.className.baseVal ?? e.className).split(/\\s+/).filter(Boolean).map(c => '.' + c).join('');
    // the outermost elements that stick out, leaving aside what scrolls inside a table's own region
    const wide = [...document.querySelectorAll('body *')]
        .filter(e => out(e) && !e.closest('.table-wrap') && !(e.parentElement && out(e.parentElement)));
    return {scroll: document.documentElement.scrollWidth, inner: width, wide: wide.slice(0, 8).map(name)};
}"""


@dataclass
class Site:
    url: str
    signed_in: list[tuple[str, str]]  # (screenshot name, path) for a signed-in person
    signed_out: list[tuple[str, str]]


def share_with_a_new_team(page, url: str, *nids: str) -> str:
    """Through the forms: starts a team and shares the negotiations with it; returns the team's path."""
    page.goto(url + "/teams/new")
    page.get_by_label("Team name").fill("Career coaching circle")
    page.get_by_role("button", name="Start the team").click()
    page.wait_for_url(lambda u: "/teams/" in u and not u.endswith("/new"))
    team_path = page.url.removeprefix(url).split("?")[0]
    for nid in nids:
        page.goto(f"{url}/negotiations/{nid}/access")
        page.get_by_label("Team", exact=True).select_option(label="Career coaching circle")
        page.get_by_role("button", name="Share with the team").click()
        page.wait_for_load_state()
    return team_path


#: The team dashboard's charts (the two negotiations shared give all three something to draw): where
#: each is drawn on the screen.
CHARTS = """() => [...document.querySelectorAll('.dashboard-charts svg[role=img]')].map(svg => {
    const box = svg.getBoundingClientRect();
    return {label: svg.getAttribute('aria-label'), left: box.left, right: box.right, width: box.width};
})"""


def check_the_charts(page, width: int) -> None:
    """Each of the three charts is drawn whole inside the screen and at least about half the page's
    content wide (two side by side at most); the part of the page showing them is kept as a
    screenshot too (team-dashboard-charts.png)."""
    charts = page.evaluate(CHARTS)
    assert len(charts) == 3, charts
    content = page.evaluate("() => document.querySelector('main').getBoundingClientRect().width")
    for chart in charts:
        assert chart["left"] >= 0 and chart["right"] <= width, chart
        assert chart["width"] >= content / 2 - 100, (chart, content)  # two side by side at most
    page.locator("#charts").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_path(f"{width}/team-dashboard-charts")))


@pytest.fixture(scope="module")
def site(browser, tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("every-page")) as server:
        tracker = server.tracker
        nid = str(load_demo(tracker, actor=PERSON))
        open_nid = load_demo(tracker, actor=PERSON)
        tracker.step(open_nid, "reopen", actor=PERSON, reason="A new offer came in.")
        proposal = tracker.step(
            open_nid,
            "make_proposal",
            actor=PERSON,
            from_party="p2",
            to_parties=["p1"],
            values={"base_salary": {"amount": "129000", "currency": "EUR"}},
            rationale="A last improvement on base.",
        ).value
        context = signed_in_context(browser, server.url)
        team = share_with_a_new_team(context.pages[0], server.url, nid, str(open_nid))
        context.close()
        n, o = f"/negotiations/{nid}", f"/negotiations/{open_nid}"
        pages = [
            ("list", "/"),
            ("start", "/negotiations/new"),
            ("negotiation", n),
            ("timeline", f"{n}?kind=proposals&order=newest"),
            ("as-of", f"{n}?as_of_version=32"),
            ("analysis", f"{n}/analysis"),
            ("charts", f"{n}/charts"),
            ("side-by-side", f"{n}/side-by-side"),
            ("compare", f"{n}/compare"),
            ("access", f"{n}/access"),
            ("step-record_lessons", f"{n}/steps/record_lessons"),
            ("step-reopen", f"{n}/steps/reopen"),
            ("open-negotiation", o),
            *[
                (f"step-{command}", f"{o}/steps/{command}")
                for _, steps in STEP_GROUPS
                for command, _ in steps
                if command not in WHEN_CLOSED
            ],
            *[
                (f"answer-{action}", f"{o}/proposals/{proposal}/{action}")
                for action in ("accept", "reject", "withdraw")
            ],
            ("import", "/negotiations/import"),
            ("tokens", "/auth/tokens"),
            ("password", "/auth/password"),
            ("settings", "/auth/settings"),
            ("notifications", "/notifications"),
            ("notification-settings", "/notifications/settings"),
            ("teams", "/teams"),
            ("team-new", "/teams/new"),
            ("team", team),
            ("team-dashboard", f"{team}/dashboard"),
            ("not-found", "/negotiations/00000000-0000-4000-8000-000000000000"),
        ]
        yield Site(server.url, pages, [("signin", "/auth/signin"), ("signup", "/auth/signup")])


def tour(browser, site: Site, width: int, visit) -> None:
    """Opens every page at ``width`` (signed in, then signed out) and calls ``visit(page, name)`` on each."""
    signed_in = signed_in_context(browser, site.url, bypass_csp=True, **WIDTHS[width])
    signed_out = browser.new_context(bypass_csp=True, **WIDTHS[width])
    try:
        for context, pages in ((signed_in, site.signed_in), (signed_out, site.signed_out)):
            page = context.pages[0] if context.pages else context.new_page()
            for name, path in pages:
                page.goto(site.url + path)
                visit(page, name)
    finally:
        signed_in.close()
        signed_out.close()


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_every_page_fits_the_screen_and_passes_axe(browser, site, width):
    """One visit per page: its screenshot, its width, and (when axe-core is installed) its accessibility."""
    axe = AXE.exists()
    too_wide, failing, minor = [], [], []

    def visit(page, name):
        screenshot(page, f"{width}/{name}")
        if name == "team-dashboard":
            check_the_charts(page, width)
        measured = page.evaluate(OVERFLOW, width)
        if measured["scroll"] > measured["inner"]:
            too_wide.append(
                f"{name}: {measured['scroll']} px wide on a {measured['inner']} px screen; "
                f"sticking out: {measured['wide']}"
            )
        if axe:
            found = violations(page)
            serious = blocking(found)
            if serious:
                failing.append(f"{name}:\n{describe(serious)}")
            rest = [v for v in found if v not in serious]
            if rest:
                minor.append(f"{name}:\n{describe(rest)}")

    tour(browser, site, width, visit)
    if minor:
        print(f"axe-core at {width} px, moderate and minor (not failing the test):\n" + "\n".join(minor))
    assert too_wide == [], "pages scroll sideways:\n" + "\n".join(too_wide)
    require_axe()  # the widths passed; without axe-core the accessibility half is skipped (failed in CI)
    assert failing == [], f"axe-core at {width} px, serious or critical:\n" + "\n".join(failing)
