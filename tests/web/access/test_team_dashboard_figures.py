# ruff: noqa: F811  (the fixtures imported from test_team_pages are used by name)
"""The team dashboard's time in stage and charts over HTTP, each chart with its numbers in a table;
every table and list also as CSV (formula-like cells neutralised), with the page's filters. Only the
team's members get them; others, and tables that do not exist, get 404."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.support.access import AUDITOR, LEAD, MEMBER, OWNER, STRANGER
from tests.support.projections import agree
from tests.web.access.test_team_pages import NOW, app, client_for, clock, team, text  # noqa: F401

TABLES = (
    "counts",
    "time-in-stage",
    "stages-by-month",
    "agreement-by-kind",
    "outcomes-by-month",
    "approvals-waiting",
    "stale",
    "negotiations",
)


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text(response))))


def section(page: str, name: str) -> str:
    start = page.index(f'id="{name}"')
    return page[start : page.index("</section>", start)]


def test_time_in_stage_counts_stays_over_and_still_going_up_to_now(app, team):
    """The clock is 20 days after the steps: Tech lead scope prepared 10 days and Staff title 30, then
    both agreed (50 and 40 days ago); three others are still preparing, for 50 days now."""
    page = text(client_for(app, AUDITOR).get(f"/teams/{team}/dashboard"))
    table = page[
        page.index('id="time-in-stage-table"') : page.index(
            "</table>", page.index('id="time-in-stage-table"')
        )
    ]
    cells = [
        re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]
    assert cells == [
        ["Stage", "Stays", "Median days", "90th percentile (days)", "Negotiations"],
        ["Preparing", "2", "20.0", "30.0", "2"],
        ["Preparing, still there (so far)", "3", "50.0", "50.0", "3"],
        ["Agreed, still there (so far)", "2", "45.0", "50.0", "2"],
    ]
    assert 'href="#stale"' in page[page.index('id="time-in-stage"') : page.index('id="charts"')]


def test_each_chart_is_inline_svg_with_its_numbers_in_a_table(app, team):
    page = text(client_for(app, MEMBER).get(f"/teams/{team}/dashboard"))
    for name in ("stages-by-month", "agreement-by-kind", "outcomes-by-month"):
        card = section(page, name)
        svg = card[card.index("<svg") : card.index("</svg>")]
        assert 'role="img"' in svg and "aria-label=" in svg and "viewBox" in svg, name
        assert "<script" not in svg and "<?xml" not in card, name
        assert f'<caption id="{name}-caption">' in card and '<th scope="col">' in card, name
        assert f"table={name}" in card, name
    kinds = section(page, "agreement-by-kind")
    assert '<th scope="row">Internal role change</th><td>20.0</td><td>2</td>' in kinds
    approvals = section(page, "approvals-waiting")
    assert "No approvals waiting." in approvals and "<svg" not in approvals
    stages = section(page, "stages-by-month")  # this month's end is today: 3 preparing, 2 agreed
    last = re.findall(r"<tr><th scope=\"row\">[^<]+</th>(.*?)</tr>", stages)[-1]
    assert re.findall(r"<td>(\d+)</td>", last) == ["3", "2"]
    svgs = "".join(re.findall(r"<svg.*?</svg>", page, re.S))
    assert svgs.count("<svg") == 3
    assert not re.search(r'(src|href)="(https?:)?//|@import|url\(', svgs)  # nothing loaded from elsewhere


@pytest.mark.parametrize("table", TABLES)
def test_every_table_downloads_as_csv_for_members_only(app, team, table):
    response = client_for(app, LEAD).get(f"/teams/{team}/dashboard.csv?table={table}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert f"team-{team}-{table}.csv" in response.headers["Content-Disposition"]
    assert len(rows_of(response)[0]) >= 2
    for email in (OWNER, STRANGER):  # Olive shares with the team but is not in it
        refused = client_for(app, email).get(f"/teams/{team}/dashboard.csv?table={table}")
        assert refused.status_code == 404 and "Tech lead scope" not in text(refused)


def test_the_csv_holds_the_page_s_numbers_and_follows_its_filters(app, team):
    lead = client_for(app, LEAD)
    assert rows_of(lead.get(f"/teams/{team}/dashboard.csv?table=time-in-stage")) == [
        ["Stage", "Stays", "Median days", "90th percentile (days)", "Negotiations"],
        ["Preparing", "2", "20.0", "30.0", "2"],
        ["Preparing, still there (so far)", "3", "50.0", "50.0", "3"],
        ["Agreed, still there (so far)", "2", "45.0", "50.0", "2"],
    ]
    promotions = rows_of(lead.get(f"/teams/{team}/dashboard.csv?table=negotiations&kind=promotion"))
    assert [row[:4] for row in promotions[1:]] == [["Promotion to senior", MEMBER, "Promotion", "Preparing"]]
    stale = rows_of(lead.get(f"/teams/{team}/dashboard.csv?table=stale"))
    assert {row[0] for row in stale[1:]} == {
        "Four-day week",
        "Platform architect role",
        "Promotion to senior",
    }
    assert lead.get(f"/teams/{team}/dashboard.csv?table=passwords").status_code == 404
    assert lead.get(f"/teams/{team}/dashboard.csv?table=stale&stale_after=0").status_code == 422


def test_a_title_a_spreadsheet_would_run_is_neutralised(app, team):
    tracker, access = app.extensions["tracker"], app.extensions["people"].access
    nid = tracker.start_negotiation(
        actor=MEMBER, title='=HYPERLINK("http://x.example","y")', kind="promotion"
    )
    access.share_with_team(nid, team, "viewer", actor=MEMBER)
    listed = rows_of(client_for(app, LEAD).get(f"/teams/{team}/dashboard.csv?table=negotiations"))
    titles = [row[0] for row in listed[1:]]
    assert '\'=HYPERLINK("http://x.example","y")' in titles
    assert not any(title.startswith("=") for title in titles)


def test_the_links_on_the_page_keep_its_filters(app, team):
    page = text(client_for(app, LEAD).get(f"/teams/{team}/dashboard?kind=internal_role_change"))
    links = re.findall(r'href="([^"]*dashboard\.csv[^"]*)"', page)
    assert {re.search(r"table=([\w-]+)", link).group(1) for link in links} == set(TABLES) - {
        "approvals-waiting"
    }
    assert all("kind=internal_role_change" in link for link in links)


def test_an_empty_team_says_so(app):
    lead = client_for(app, LEAD)
    team_id = lead.post("/teams/new", data={"name": "Empty"}).headers["Location"].rsplit("/", 1)[1]
    page = text(lead.get(f"/teams/{team_id}/dashboard"))
    assert "No time in stage yet." in page and "No agreements yet." in page
    assert "No negotiations in the last 12 months." in page and "No approvals waiting." in page
    assert "<svg" not in page[page.index('id="charts"') :]
    assert rows_of(lead.get(f"/teams/{team_id}/dashboard.csv?table=time-in-stage")) == [
        ["Stage", "Stays", "Median days", "90th percentile (days)", "Negotiations"]
    ]


def test_an_agreement_reached_now_counts_in_the_monthly_outcomes(app, team):
    tracker = app.extensions["tracker"]
    lead = client_for(app, LEAD)

    def agreed_in_the_year():
        rows = rows_of(lead.get(f"/teams/{team}/dashboard.csv?table=outcomes-by-month"))
        assert rows[0] == ["Month", "Agreed"] and len(rows) == 13
        return sum(int(row[1]) for row in rows[1:])

    before = agreed_in_the_year()
    listed = rows_of(lead.get(f"/teams/{team}/dashboard.csv?table=negotiations"))
    agree(tracker, next(row[6] for row in listed if row[0] == "Four-day week"), OWNER, occurred_at=NOW)
    assert agreed_in_the_year() == before + 1
