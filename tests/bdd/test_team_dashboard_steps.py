"""Scenarios of features/team_dashboard.feature: the team's negotiations are stepped through a quarter
on a clock the scenario sets (the events' timestamps and the dashboard's "now" both read it), then the
HR lead reads the real dashboard page and its CSV download."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.support.access import web_config
from tests.support.accounts import FakeClock
from tests.support.auth import ensure_user, sign_up_and_sign_in
from tests.support.config import make_config
from tests.support.projections import agree
from tracker.domain import events as ev

scenarios("team_dashboard.feature")


def email(name: str) -> str:
    return f"{name.lower()}@example.com"


class Quarter:
    """The app, its clock, the HR lead's browser and the negotiations by title."""

    def __init__(self, monkeypatch) -> None:
        from tracker import create_app

        self.clock = FakeClock(datetime(2026, 6, 1, 9, tzinfo=UTC))
        monkeypatch.setattr(ev.NegotiationEvent, "create_timestamp", staticmethod(self.clock))
        self.app = create_app({**web_config(make_config(store="memory")), "clock": self.clock})
        self.tracker = self.app.extensions["tracker"]
        self.people = self.app.extensions["people"]
        self.negotiations: dict[str, object] = {}
        self.team = None
        self.browser = None
        self.page = ""

    def close(self) -> None:
        self.people.close()
        self.tracker.close()


@pytest.fixture
def quarter(monkeypatch):
    place = Quarter(monkeypatch)
    yield place
    place.close()


def table(page: str, name: str) -> list[list[str]]:
    """The rows of one of the dashboard's tables (its header first), each cell's text."""
    start = page.index(f'id="{name}-table"')
    body = page[start : page.index("</table>", start)]
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def rows_of(datatable) -> list[list[str]]:
    return [[cell.strip() for cell in row] for row in datatable]


# -- the scene -------------------------------------------------------------------------------------
@given(parsers.parse('{lead} leads the team "{team}" with {first} and {second} as members'))
def team(quarter, lead, team, first, second):
    ensure_user(quarter.app, email(lead))
    quarter.team = quarter.people.teams.create_team(team, actor=email(lead))
    for name in (first, second):
        ensure_user(quarter.app, email(name))
        quarter.people.teams.add_member(quarter.team, email(name), "member", actor=email(lead))


@given(parsers.parse("it is {day:d} {month} {year:d}"))
def it_is(quarter, day, month, year):
    quarter.clock.now = datetime.strptime(f"{day} {month} {year} 09:00", "%d %B %Y %H:%M").replace(tzinfo=UTC)


@given(parsers.parse('{name} starts the role change "{title}" and shares it with the team'))
def starts(quarter, name, title):
    nid = quarter.tracker.start_negotiation(actor=email(name), title=title, kind="internal_role_change")
    quarter.people.access.share_with_team(nid, quarter.team, "viewer", actor=email(name))
    quarter.negotiations[title] = (nid, email(name))


@given(parsers.parse('"{title}" moves on to {stage}'))
def moves_on(quarter, title, stage):
    nid, owner = quarter.negotiations[title]
    quarter.tracker.step(nid, "change_stage", actor=owner, stage=stage)


@given(parsers.parse('"{title}" is agreed'))
def agreed(quarter, title):
    nid, owner = quarter.negotiations[title]
    agree(quarter.tracker, nid, owner)


@given(parsers.parse('"{title}" is declined'))
def declined(quarter, title):
    nid, owner = quarter.negotiations[title]
    quarter.tracker.step(nid, "conclude", actor=owner, outcome="declined")


@given(parsers.parse('"{title}" is reopened: {reason}'))
def reopened(quarter, title, reason):
    nid, owner = quarter.negotiations[title]
    quarter.tracker.step(nid, "reopen", actor=owner, reason=reason)


@when(parsers.parse("it is {day:d} {month} {year:d} and Priya opens the team's dashboard"))
def opens(quarter, day, month, year):
    it_is(quarter, day, month, year)
    quarter.browser = quarter.app.test_client()
    sign_up_and_sign_in(quarter.browser, quarter.app, "priya@example.com")  # signed in that morning
    response = quarter.browser.get(f"/teams/{quarter.team}/dashboard")
    assert response.status_code == 200
    quarter.page = response.get_data(as_text=True)


# -- what she reads --------------------------------------------------------------------------------
@then("the time in stage reads:")
def time_in_stage(quarter, datatable):
    assert table(quarter.page, "time-in-stage") == rows_of(datatable)


@then("at the end of each month of the quarter the team had:")
def stages_by_month(quarter, datatable):
    expected = rows_of(datatable)
    found = table(quarter.page, "stages-by-month")
    assert found[0] == expected[0]
    assert found[-3:] == expected[1:]  # the quarter: the last three of the twelve months
    assert all(cell == "0" for row in found[1:-3] for cell in row[1:])  # nothing before it


@then("the quarter's outcomes were:")
def outcomes(quarter, datatable):
    expected = rows_of(datatable)
    found = table(quarter.page, "outcomes-by-month")
    assert [found[0], *found[-3:]] == expected


@then(parsers.parse("an internal role change took {days} days to agree, from {count:d} negotiation"))
def to_agree(quarter, days, count):
    assert table(quarter.page, "agreement-by-kind")[1:] == [["Internal role change", days, str(count)]]


@then(parsers.parse('only "{title}" is listed as stale'))
def stale(quarter, title):
    section = quarter.page[quarter.page.index('id="stale"') : quarter.page.index("<h2>Negotiations")]
    assert re.findall(r'<li><a href="[^"]+">([^<]+)</a>', section) == [title]


@then("each of those tables has its chart beside it")
def charts(quarter):
    for name in ("stages-by-month", "outcomes-by-month", "agreement-by-kind"):
        card = quarter.page[quarter.page.index(f'<section class="card chart-card" id="{name}"') :]
        card = card[: card.index("</section>")]
        assert '<svg role="img"' in card and f'id="{name}-table"' in card, name


@then("the time in stage downloads as a spreadsheet with the same numbers")
def download(quarter):
    link = re.search(r'href="([^"]*dashboard\.csv\?table=time-in-stage[^"]*)"', quarter.page).group(1)
    response = quarter.browser.get(link.replace("&amp;", "&"))
    assert response.mimetype == "text/csv"
    assert list(csv.reader(io.StringIO(response.get_data(as_text=True)))) == table(
        quarter.page, "time-in-stage"
    )
