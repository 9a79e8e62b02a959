"""The analysis pages of the sample negotiation (tracker demo): the full analysis, the charts and their
SVG files, the side-by-side comparison; with the user's own rates. Figures are the hand-checked ones
of features/analysis_demo.feature and features/analysis_value.feature."""

from __future__ import annotations

import re

import pytest

from tests.support.web import text


def row(html: str, package_key: str) -> str:
    """The scores-table row of one package (proposal:prop1, alternative:alt1...)."""
    match = re.search(rf'<tr class="[^"]*" data-package="{package_key}">(.*?)</tr>', html, re.S)
    assert match, f"no row for {package_key}"
    return re.sub(r"\s+", " ", match.group(1))


def score_of(html: str, package_key: str) -> str:
    return re.search(r'<td class="num score">(\S+)</td>', row(html, package_key)).group(1)


def test_the_analysis_page_shows_every_score_the_batna_and_who_beats_it(client, demo):
    response = client.get(f"/negotiations/{demo}/analysis")
    assert response.status_code == 200
    html = text(response)
    scores = {
        key: score_of(html, key)
        for key in (
            "proposal:prop1",
            "proposal:prop2",
            "proposal:prop3",
            "proposal:prop4",
            "alternative:alt1",
            "alternative:alt2",
        )
    }
    assert scores == {
        "proposal:prop1": "24",
        "proposal:prop2": "96",
        "proposal:prop3": "71",
        "proposal:prop4": "76",
        "alternative:alt1": "44",
        "alternative:alt2": "6",
    }
    assert (
        "Best alternative (BATNA): <strong>Offer from Contoso</strong>, scoring <strong>44</strong>" in html
    )
    assert '<span class="no">no</span>' in row(html, "proposal:prop1")
    assert '<span class="yes">yes</span>' in row(html, "proposal:prop4")
    assert "BATNA" in row(html, "alternative:alt1") and "80%" in row(
        html, "alternative:alt1"
    )  # covers 80 of 100
    # Staying put is below the walk-away point on base salary and remote days
    assert "⚠ Base salary (108,000 EUR)" in row(html, "alternative:alt2")
    assert "Remote days per week (1 day)" in row(html, "alternative:alt2")


def test_the_analysis_page_shows_how_each_value_line_was_computed(client, demo):
    html = re.sub(r"\s+", " ", text(client.get(f"/negotiations/{demo}/analysis")))
    # Dana's first offer: 118,000 base + 10% bonus 11,800 + 5,000 sign-on + 1,500 training = 136,300 EUR
    first = html[html.index('id="value-proposal-prop1"') : html.index('id="value-proposal-prop2"')]
    for piece in (
        "annual base",
        "118,000 EUR",
        "10% of 118,000 EUR base",
        "11,800 EUR",
        "5,000 EUR spread over 1 year",
        "counted as a yearly amount",
        "1,500 EUR",
        "Total in EUR",
        "136,300 EUR",
    ):
        assert piece in first, piece
    # Alex's counter: 4 days off above the fewest (26) at 132,000 / 260 = 507.69 a day -> 2,030.77
    second = html[html.index('id="value-proposal-prop2"') : html.index('id="value-proposal-prop3"')]
    assert "4 days above the baseline of 26 at 132,000 EUR / 260 = 507.69 EUR a day" in second
    assert "2,030.77 EUR" in second and "166,830.77 EUR" in second


def test_the_analysis_page_shows_scores_per_term_perspectives_and_concessions(client, demo):
    html = re.sub(r"\s+", " ", text(client.get(f"/negotiations/{demo}/analysis")))
    assert "walk-away 112,000 EUR = 0, target 130,000 EUR = 100" in html
    assert "rated 20" in html  # the title "Data Engineer" in Dana's first offer
    assert "Only your priorities are entered" in html
    pareto = html[html.index('id="perspectives"') : html.index('id="concessions"')]
    assert "yes, by #2 Alex Morgan (candidate)" in pareto  # #4 scores 76, #2 scores 96
    concessions = html[html.index('id="concessions"') : html.index('id="readiness"')]
    assert (
        "Dana Kim (hiring manager) has conceded more: 58% of the gap on average (owner weights), "
        "against Alex Morgan (candidate) 39%."
    ) in concessions
    # Dana moved base salary 118,000 -> 124,000: 6,000 of the 14,000 gap (43%), in round #3
    assert "14,000 EUR" in concessions and "+6,000 EUR" in concessions and "43%" in concessions
    assert "(+6,000 EUR, 43% of the gap so far)" in concessions
    assert "+1 day" in concessions and "1 day<" in concessions  # singular for one day


def test_the_analysis_page_has_the_checklist_with_reasons(client, demo):
    html = re.sub(r"\s+", " ", text(client.get(f"/negotiations/{demo}/analysis")))
    readiness = html[html.index('id="readiness"') :]
    assert "<strong>4 of 9</strong> ready" in readiness
    assert "Not set for: Start date." in readiness
    assert "No market figures for: Sign-on bonus, Training budget." in readiness
    assert 'class="check-check" data-key="opportunity_type"' in readiness


def test_the_charts_page_draws_the_dance_and_every_numeric_term_inline(client, demo):
    response = client.get(f"/negotiations/{demo}/charts")
    assert response.status_code == 200
    html = text(response)
    assert html.count('class="pygal-chart"') == 8  # the dance + 7 terms (the title is a choice: not drawn)
    for label in (
        "Base salary",
        "Sign-on bonus",
        "Target bonus",
        "Remote days per week",
        "Paid time off",
        "Start date",
        "Training budget",
    ):
        assert f"{label}</h2>" in html, label
    assert "Best alternative: Offer from Contoso (44)" in html
    assert "Your target: 130,000 EUR" in html and "Your walk-away: 112,000 EUR" in html
    assert "Market typical: 122,000 EUR" in html
    assert "<script" not in html.replace('<script src="/static/tracker.js" defer></script>', "")


def test_the_chart_files_are_svg_images(client, demo):
    dance = client.get(f"/negotiations/{demo}/charts/dance.svg")
    assert dance.status_code == 200 and dance.mimetype == "image/svg+xml"
    body = text(dance)
    assert body.startswith("<svg") and "<script" not in body
    assert "Alex Morgan's proposals, your score" in body and "Dana Kim's proposals, your score" in body
    term = client.get(f"/negotiations/{demo}/charts/terms/pto_days.svg")
    assert term.status_code == 200 and term.mimetype == "image/svg+xml"
    assert "Paid time off: positions over time" in text(term) and "Your target: 30 days" in text(term)


@pytest.mark.parametrize("key, message", [("nope", "There is no term"), ("title", "Nothing to draw for")])
def test_a_term_chart_that_does_not_exist_is_404(client, demo, key, message):
    response = client.get(f"/negotiations/{demo}/charts/terms/{key}.svg")
    assert response.status_code == 404 and message in text(response)


def test_the_side_by_side_page_compares_the_latest_proposal_with_every_alternative(client, demo):
    response = client.get(f"/negotiations/{demo}/side-by-side")
    assert response.status_code == 200
    html = re.sub(r"\s+", " ", text(response))
    head = html[html.index("<thead>") : html.index("</thead>")]
    assert (
        head.index("Latest proposal #4 Alex Morgan (candidate)")
        < head.index("Offer from Contoso")
        < head.index("Stay at current job")
    )
    score_row = html[html.index('class="score-row"') :]
    assert list(re.findall(r"<strong>(\d+)</strong>", score_row))[:3] == ["76", "44", "6"]
    assert "150,716.92 EUR" in html and "137,353.85 EUR" in html and "108,415.38 EUR" in html
    base = html[html.index("Base salary <span") : html.index("Sign-on bonus <span")]
    assert '<td class="best"> <span aria-label="best">★</span> 127,000 EUR' in base
    assert "weight 40 · target 130,000 EUR · walk-away 112,000 EUR" in base
    assert "this is the BATNA" in html


def test_the_users_rates_convert_the_totals_and_say_so(client, demo):
    html = re.sub(
        r"\s+", " ", text(client.get(f"/negotiations/{demo}/analysis?rates=EUR:1.1&convert_to=usd"))
    )
    # 136,300 EUR x 1.1 = 149,930 USD
    assert "≈ 149,930 USD at your rates" in row(html, "proposal:prop1")
    assert "Converted to USD with the rates you gave: 1 EUR = 1.1 USD." in html
    assert "never invents exchange rates" in html
    assert 'value="EUR:1.1"' in html  # the form keeps what was typed


def test_without_a_rate_for_a_currency_nothing_is_converted(client, demo):
    html = text(client.get(f"/negotiations/{demo}/side-by-side?rates=USD:0.9&convert_to=USD"))
    assert "Not converted: no rate given for EUR." in html
    assert "≈" not in html
