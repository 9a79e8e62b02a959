"""The office the team scenarios share: people with accounts, their team, negotiations shared with
it, bound to the services the pages and the API call (accounts, teams, access policy, read model,
and the tracker with the teams' approval chains wired in, as tracker.bootstrap does). The same steps
run on the web when the office is a tests.bdd.web_office.WebOffice, whose methods use the pages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pytest_bdd import given, parsers, when

from tests.support.accounts import FakeClock, people_config
from tests.support.config import make_config
from tracker.bootstrap import build_people, build_tracker

KINDS = {"internal role change": "internal_role_change", "job offer": "job_offer", "promotion": "promotion"}


class Directory:
    """Who is who: each person's email by name, their teams and negotiations by name and title."""

    def __init__(self) -> None:
        self.emails: dict[str, str] = {}
        self.teams: dict[str, object] = {}
        self.negotiations: dict[str, object] = {}

    def email(self, name: str) -> str:
        return self.emails[name]

    def name_of(self, email: str) -> str:
        return {v: k for k, v in self.emails.items()}[email]


class Office(Directory):
    """The people, their team and their negotiations, by name and title."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock(datetime.now(UTC))
        self.tracker = build_tracker(make_config(store="memory"))
        self.people = build_people(
            people_config(make_config(store="memory")), self.tracker, clock=self.tracker_clock
        )

    def tracker_clock(self) -> datetime:
        return self.clock.advance(minutes=1)  # each action a minute after the last: a readable order

    def sign_up(self, name: str, email: str) -> None:
        self.people.accounts.sign_up(email, "a long enough password", name)
        self.emails[name] = email

    def set_up_team(self, lead: str, team: str, members: list[dict[str, str]]) -> None:
        team_id = self.people.teams.create_team(team, actor=self.email(lead))
        for member in members:
            self.people.teams.add_member(
                team_id, self.email(member["name"]), member["role"], actor=self.email(lead)
            )
        self.teams[team] = team_id

    def share_with_team(self, name: str, title: str, team: str, role: str) -> None:
        self.people.access.share_with_team(
            self.negotiations[title], self.teams[team], role, actor=self.email(name)
        )

    def log_note(self, name: str, title: str, text: str) -> None:
        nid = self.negotiations[title]
        self.people.access.check(self.email(name), nid, "write")
        self.tracker.step(nid, "add_note", actor=self.email(name), text=text)

    def close(self) -> None:
        self.people.close()
        self.tracker.close()


@pytest.fixture
def office():
    place = Office()
    yield place
    place.close()


# -- the scene -------------------------------------------------------------------------------------
@given("these people have accounts:")
def accounts(office, datatable):
    header, *rows = datatable
    for row in rows:
        record = dict(zip(header, row, strict=False))
        office.sign_up(record["name"], record["email"])


@given(parsers.parse('{lead} sets up the team "{team}" with:'))
def set_up_team(office, lead, team, datatable):
    header, *rows = datatable
    office.set_up_team(lead, team, [dict(zip(header, row, strict=False)) for row in rows])


# -- sharing with the team -----------------------------------------------------------------------
@given(
    parsers.re(r'(?P<name>\w+) shares "(?P<title>[^"]+)" with the team "(?P<team>[^"]+)" as (?P<role>\w+)')
)
@when(parsers.re(r'(?P<name>\w+) shares "(?P<title>[^"]+)" with the team "(?P<team>[^"]+)" as (?P<role>\w+)'))
def share_with_team(office, name, title, team, role):
    office.share_with_team(name, title, team, role)
