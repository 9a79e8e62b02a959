"""Scenarios of features/teams.feature, bound to the services (accounts, teams, access policy, read
model) the web pages and the API call. Logging a step goes through the access check first, as every
route does: access.check(user, negotiation, "write"), then tracker.step."""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.bdd.office_steps import *  # noqa: F403 (the office: people, their team, sharing)
from tests.bdd.office_steps import KINDS
from tracker.domain.errors import NotFound
from tracker.teams import AccessDenied

scenarios("teams.feature")


@given(parsers.re(r'(?P<name>\w+) starts the (?P<kind>[a-z ]+) negotiation "(?P<title>[^"]+)"'))
def starts(office, name, kind, title):
    office.negotiations[title] = office.tracker.start_negotiation(
        actor=office.email(name), title=title, kind=KINDS[kind]
    )


# -- sharing ----------------------------------------------------------------------------------------
@given(parsers.re(r'(?P<name>\w+) shares "(?P<title>[^"]+)" with (?P<other>\w+) as (?P<role>\w+)'))
def share_with_person(office, name, title, other, role):
    office.people.access.share_with_user(
        office.negotiations[title], office.email(other), role, actor=office.email(name)
    )


@when(parsers.re(r'(?P<name>\w+) stops sharing "(?P<title>[^"]+)" with the team "(?P<team>[^"]+)"'))
def unshare_team(office, name, title, team):
    office.people.access.revoke_team(office.negotiations[title], office.teams[team], actor=office.email(name))


@when(parsers.re(r'(?P<name>\w+) stops sharing "(?P<title>[^"]+)" with (?P<other>\w+)$'))
def unshare_person(office, name, title, other):
    office.people.access.revoke_user(
        office.negotiations[title], office.email(other), actor=office.email(name)
    )


@when(parsers.re(r'(?P<lead>\w+) removes (?P<name>\w+) from the team "(?P<team>[^"]+)"'))
def remove_member(office, lead, name, team):
    office.people.teams.remove_member(office.teams[team], office.email(name), actor=office.email(lead))


# -- what people can do ------------------------------------------------------------------------------
@given(parsers.re(r'(?P<name>\w+) can read "(?P<title>[^"]+)"'))
@then(parsers.re(r'(?P<name>\w+) can read "(?P<title>[^"]+)"'))
def can_read(office, name, title):
    assert office.people.access.check(office.email(name), office.negotiations[title], "read")
    assert office.people.read_model.summary(office.negotiations[title]).title == title


@then(parsers.re(r'(?P<name>\w+) can no longer see "(?P<title>[^"]+)"'))
def cannot_see(office, name, title):
    assert office.people.access.role_for(office.email(name), office.negotiations[title]) is None
    listed = office.people.read_model.list_negotiations(visible_to=office.email(name)).items
    assert title not in [s.title for s in listed]


@then(parsers.re(r'only (?P<name>\w+) can see "(?P<title>[^"]+)"'))
def only_one_sees(office, name, title):
    nid = office.negotiations[title]
    seeing = {person for person, email in office.emails.items() if office.people.access.role_for(email, nid)}
    assert seeing == {name}
    assert [v.email for v in office.people.access.who_could_see(nid)] == [office.email(name)]


@then(parsers.re(r'(?P<name>\w+) can log a note on "(?P<title>[^"]+)"'))
def can_write(office, name, title):
    office.log_note(name, title, f"{name} added the team's view on scope.")


@then(
    parsers.re(
        r'when (?P<name>\w+) tries to log a note on "(?P<title>[^"]+)" '
        r"(?:she|he|they) (?:is|are) told it is read-only for (?:her|him|them)"
    )
)
def cannot_write(office, name, title):
    with pytest.raises(AccessDenied):
        office.log_note(name, title, "An auditor's edit.")


@then(
    parsers.re(
        r'when (?P<name>\w+) asks for "(?P<title>[^"]+)" (?:she|he|they) (?:is|are) told there is '
        r"no such negotiation"
    )
)
def no_such_negotiation(office, name, title):
    with pytest.raises(NotFound):
        office.people.access.check(office.email(name), office.negotiations[title], "read")


@then(parsers.re(r'"(?P<title>[^"]+)" has (?P<count>\d+) steps'))
def step_count(office, title, count):
    assert len(office.tracker.timeline(office.negotiations[title])) == int(count)


# -- lists and the dashboard -------------------------------------------------------------------------
@then(parsers.re(r"(?P<name>\w+)'s list of negotiations shows \"(?P<title>[^\"]+)\" as (?P<role>\w+)"))
def list_shows(office, name, title, role):
    listed = office.people.read_model.list_negotiations(visible_to=office.email(name)).items
    assert [(s.title, s.role) for s in listed] == [(title, role)]


@then(parsers.re(r"(?P<name>\w+)'s list of negotiations is empty"))
def list_empty(office, name):
    assert office.people.read_model.list_negotiations(visible_to=office.email(name)).total == 0


@then(
    parsers.re(
        r'the "(?P<team>[^"]+)" dashboard counts (?P<count>\d+) internal role negotiations?, '
        r"(?P<agreed>\d+) of them agreed"
    )
)
def dashboard_internal(office, team, count, agreed):
    board = office.people.read_model.team_dashboard(office.teams[team], as_user=office.email("Lena"))
    assert (board.internal_role_total, board.internal_role_agreed) == (int(count), int(agreed))


@then(parsers.re(r'the "(?P<team>[^"]+)" dashboard counts (?P<count>\d+) negotiations$'))
def dashboard_total(office, team, count):
    assert office.people.read_model.team_dashboard(office.teams[team]).total == int(count)


@then(parsers.re(r'the "(?P<team>[^"]+)" dashboard lists "(?P<title>[^"]+)" for (?P<name>\w+)'))
def dashboard_lists(office, team, title, name):
    board = office.people.read_model.team_dashboard(office.teams[team], as_user=office.email("Ada"))
    assert [(s.title, office.name_of(s.owner)) for s in board.page.items] == [(title, name)]
    assert board.by_owner == {office.email(name): 1}


# -- the record ----------------------------------------------------------------------------------------
@then(parsers.re(r'the access record of "(?P<title>[^"]+)" shows, in order:'))
def access_record(office, title, datatable):
    header, *rows = datatable
    expected = [dict(zip(header, row, strict=False)) for row in rows]
    changes = office.people.access.access_history(office.negotiations[title])
    found = [
        {"person": office.name_of(c.email), "from": c.before or "-", "to": c.after or "-"} for c in changes
    ]
    assert found == expected
    assert all(c.actor for c in changes) and [c.at for c in changes] == sorted(c.at for c in changes)
