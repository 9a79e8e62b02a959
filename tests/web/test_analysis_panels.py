"""The analysis panels on the negotiation page (readiness, scores and the BATNA, concessions, the
dance chart), the report cache behind every analysis page, and the rates parser."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

import pytest

from tests.support.web import text
from tracker.analysis.report import analyse, completed
from tracker.domain.errors import InvalidValue
from tracker.web.pages.analysis.panels import analysis_panel
from tracker.web.pages.analysis.reports import (
    AnalysisQuery,
    ReportCache,
    dance_for,
    history_for,
    parse_rates,
    report_cache,
    report_for,
)


def panels(html: str) -> str:
    start = html.index('<section class="analysis-panels"')
    return re.sub(r"\s+", " ", html[start : html.index("</section>", start)])


def test_the_negotiation_page_shows_where_you_stand(client, demo):
    response = client.get(f"/negotiations/{demo}")
    assert response.status_code == 200
    html = panels(text(response))
    # Readiness: 4 of 9, each with its reason
    assert "<strong>4 of 9</strong> ready" in html
    for title, reason in (
        ("Aspirations written", "2 written (long-term, short-term)."),
        ("Every term has a weight, target and walk-away point", "Not set for: Start date."),
        ("An alternative logged", "2 logged: Offer from Contoso, Stay at current job."),
    ):
        assert title in html and reason in html
    # Scores, the BATNA and whether each proposal beats it
    scores = re.findall(r'data-package="([^"]+)">.*?<td class="num score">(\d+)</td>', html)
    assert scores == [
        ("proposal:prop1", "24"),
        ("proposal:prop2", "96"),
        ("proposal:prop3", "71"),
        ("proposal:prop4", "76"),
        ("alternative:alt1", "44"),
        ("alternative:alt2", "6"),
    ]
    assert (
        "Best alternative (BATNA): <strong>Offer from Contoso</strong>, scoring <strong>44</strong>" in html
    )
    assert html.count('<span class="yes">yes</span>') == 3 and html.count('<span class="no">no</span>') == 1
    assert "136,300 EUR" in html and "150,716.92 EUR" in html  # annual values per currency
    assert "⚠ Base salary (108,000 EUR)" in html  # staying put is below the walk-away point
    # Concessions and the dance
    assert "Dana Kim (hiring manager) has conceded more: 58% of the gap" in html
    assert "Alex Morgan (candidate): <strong>39%</strong> of the gap" in html
    assert html.count('class="pygal-chart"') == 1 and "Best alternative: Offer from Contoso (44)" in html
    for page in ("analysis", "charts", "side-by-side"):
        assert f'href="/negotiations/{demo}/{page}"' in html


def test_the_panels_of_a_new_negotiation_say_what_is_missing(client, nid):
    html = panels(text(client.get(f"/negotiations/{nid}")))
    assert "<strong>0 of 9</strong> ready" in html
    assert "No alternative logged yet, so nothing to beat." in html
    assert "No proposal or alternative yet." in html
    assert "Not enough proposals from both sides yet to compare concessions." in html
    assert "Nothing to draw yet" in html and "pygal-chart" not in html


def test_the_panel_of_a_past_state_is_judged_at_that_moment(app, tracker, demo):
    past = tracker.get(demo, version=32)  # just after Dana's first offer
    with app.test_request_context(f"/negotiations/{demo}?as_of_version=32"):
        panel = analysis_panel(past)
    assert panel["latest"] is False and panel["args"] == {"as_of_version": "32"}
    report = panel["report"]
    assert report.version == 32 and [p.key for p in report.packages][:2] == [
        "proposal:prop1",
        "alternative:alt1",
    ]
    assert report.scores["proposal:prop1"].display == "24"


def test_the_panel_keeps_valid_rates_and_ignores_bad_ones(app, tracker, demo):
    n = tracker.get(demo)
    with app.test_request_context(f"/negotiations/{demo}?rates=EUR:1.1&convert_to=USD"):
        panel = analysis_panel(n)
    assert panel["args"] == {"rates": "EUR:1.1", "convert_to": "USD"}
    assert panel["report"].values["proposal:prop1"].converted.amount == Decimal("149930.00")
    with app.test_request_context(f"/negotiations/{demo}?rates=EUR:x&convert_to=USD"):
        assert analysis_panel(n)["report"].values["proposal:prop1"].converted is None


def test_reports_are_cached_per_version_and_a_new_step_makes_a_new_one(app, tracker, demo):
    with app.test_request_context("/"):
        first = report_for(tracker.get(demo), charts=False)
        assert report_for(tracker.get(demo), charts=False) is first
        assert first.charts is None
        with_charts = report_for(tracker.get(demo), charts=True)  # the same analysis, charts added
        assert with_charts.charts is not None and with_charts.scores == first.scores
        assert report_for(tracker.get(demo), charts=True) is with_charts
        assert report_for(tracker.get(demo), charts=False).charts is None  # charts dropped, not re-drawn
        tracker.step(demo, "record_lessons", actor="alex", lessons="Ask for the title early.")
        newer = report_for(tracker.get(demo), charts=False)
        assert newer.version == first.version + 1
        converted = report_for(
            tracker.get(demo),
            query=AnalysisQuery(rates=(("EUR", Decimal("2")),), convert_to="USD"),
            charts=False,
        )
        assert converted is not newer and converted.values["proposal:prop1"].converted.amount == Decimal(
            "272600.00"
        )
        assert len(report_cache()) == 4  # version 40 and its dance, version 41 plain and converted


def test_the_panels_read_a_glance_and_the_analysis_pages_the_whole_report_of_the_same_state(
    app, client, tracker, demo
):
    """The panels leave out what they do not show (the Pareto check, the win-win frontier, the
    calibration); a whole report of the same state adds them to the one cached, as a fresh analysis
    finds them, and the panels then read that one."""
    n = tracker.get(demo)
    with app.test_request_context(f"/negotiations/{demo}"):
        panel = analysis_panel(n)
        glance = panel["report"]
        assert (glance.pareto, glance.frontier, glance.calibration, glance.ledger) == (None,) * 4
        assert report_for(n, charts=False, glance=True) is glance
        whole = report_for(n, charts=False)
        fresh = analyse(n, readings=history_for(n), now=datetime.now(UTC), config=app.config["TRACKER"])
        assert whole.scores == glance.scores and whole.drift == glance.drift
        for part in ("pareto", "frontier", "calibration", "ledger"):
            assert getattr(whole, part) == getattr(fresh, part) and getattr(whole, part) is not None
        assert panel["ledger"] == whole.ledger and whole.ledger.rows  # the panel's own, worked out alike
        assert report_for(n, charts=False) is whole and analysis_panel(n)["report"] is whole
        with pytest.raises(ValueError):
            completed(glance, tracker.get(demo, version=n.version - 1))
    assert "Pareto" in text(client.get(f"/negotiations/{demo}/analysis"))


def test_the_panels_draw_the_dance_once_and_no_term_chart(app, tracker, demo):
    n = tracker.get(demo)
    with app.test_request_context(f"/negotiations/{demo}"):
        panel = analysis_panel(n)
        assert panel["report"].charts is None
        assert (
            panel["dance"].startswith("<svg")
            and "Best alternative: Offer from Contoso (44)" in panel["dance"]
        )
        assert analysis_panel(n)["dance"] is panel["dance"]
        assert dance_for(n, report_for(n, charts=True)) == report_for(n, charts=True).charts.dance


def test_the_cache_forgets_the_least_recently_used_report(app, tracker, demo):
    cache = ReportCache(size=2)
    cache["a",] = "report a"
    cache["b",] = "report b"
    assert cache.get(("a",)) == "report a"  # "a" is now the most recent
    cache["c",] = "report c"
    assert cache.get(("b",)) is None and cache.get(("a",)) == "report a" and cache.get(("c",)) == "report c"
    assert len(cache) == 2


def test_rates_are_read_as_currency_and_positive_rate_pairs():
    assert parse_rates(" usd:0.92 , GBP:1.17,") == (("GBP", Decimal("1.17")), ("USD", Decimal("0.92")))
    assert parse_rates("") == () and parse_rates(None) == ()
    with pytest.raises(InvalidValue) as error:
        parse_rates(",".join(f"{c}A:1" for c in "ABCDEFGHIJKLMNOPQRSTU"))
    assert error.value.field == "rates" and "at most 20" in error.value.message
    with pytest.raises(InvalidValue, match="positive"):
        parse_rates("USD:0")


def test_the_negotiation_page_as_of_the_first_offer_analyses_that_moment(client, demo):
    html = panels(text(client.get(f"/negotiations/{demo}?as_of_version=32")))
    assert 'Where you stand <span class="meta">as of version 32</span>' in html
    assert re.findall(r'data-package="([^"]+)"', html) == [
        "proposal:prop1",
        "alternative:alt1",
        "alternative:alt2",
    ]
    assert "Not enough proposals from both sides yet to compare concessions." in html
    assert f'href="/negotiations/{demo}/analysis?as_of_version=32"' in html


def test_the_panels_show_the_hints_that_apply(client, tracker, nid):
    def step(command, **fields):
        tracker.step(nid, command, actor="alex", **fields)

    step(
        "set_priority",
        term_key="base_salary",
        weight=50,
        target={"amount": "130000", "currency": "EUR"},
        walk_away={"amount": "110000", "currency": "EUR"},
    )
    step("make_proposal", from_party="p1", to_parties=["p2"], values={"remote_days": "3"})
    step(
        "make_proposal",
        from_party="p2",
        to_parties=["p1"],
        values={"base_salary": {"amount": "100000", "currency": "EUR"}},
    )
    html = panels(text(client.get(f"/negotiations/{nid}")))
    hints = html[html.index('<h4 class="hints-title">Hints</h4>') :]
    assert (
        '<li data-key="benefits_timing"><strong>Benefits raised before an offer.</strong> Proposal #1 Alex '
        "Morgan (candidate) asked about Remote days before any offer from the other side."
    ) in hints
    assert (
        '<li data-key="below_walk_away"><strong>Latest proposal is below a walk-away point.</strong> '
        "Below your walk-away on: Base salary."
    ) in hints
    assert '<span class="no">no</span>' not in html  # no alternative: nothing to beat, so no verdict
    assert "⚠ Base salary (100,000 EUR)" in html


def test_a_package_that_came_before_any_priority_reads_as_unscored_then(client, tracker, nid):
    """Priorities set only after a proposal came: its score "when it came" is none, which the drift
    card shows as a dash (the page used to fail rounding nothing)."""
    tracker.step(
        nid,
        "make_proposal",
        actor="alex",
        from_party="p2",
        to_parties=["p1"],
        values={"base_salary": {"amount": "100000", "currency": "EUR"}},
    )
    tracker.step(
        nid,
        "set_priority",
        actor="alex",
        term_key="base_salary",
        weight=50,
        target={"amount": "130000", "currency": "EUR"},
        walk_away={"amount": "90000", "currency": "EUR"},
    )
    response = client.get(f"/negotiations/{nid}")
    assert response.status_code == 200
    assert re.search(r"<li>#1 Dana Kim[^<]*: – when it came, \d+ today</li>", panels(text(response)))


def test_a_cached_report_is_not_shown_after_the_readers_midnight(app, tracker, demo):
    """The deadline hints count whole days to the reader's midnights ("expires tomorrow"), so a
    report computed before midnight is not the one shown after it, even when the idle days agree."""
    n = tracker.get(demo)
    midnight = datetime.combine(n.modified_on.date() + timedelta(days=2), time(), tzinfo=UTC)
    before, after = midnight - timedelta(minutes=1), midnight + timedelta(minutes=1)
    if (before - n.modified_on).days != (after - n.modified_on).days:  # recorded within a minute of midnight
        before, after = midnight - timedelta(hours=1), midnight + timedelta(hours=1)
    assert (before - n.modified_on).days == (after - n.modified_on).days
    with app.test_request_context("/"):
        evening = report_for(n, charts=False, now=before)
        assert report_for(n, charts=False, now=before - timedelta(seconds=1)) is evening
        assert report_for(n, charts=False, now=after) is not evening
