"""Scenarios of features/teams_web.feature over HTTP: each person signs in through the real sign-in
form (CSRF on) and uses the pages; Omar also uses the JSON API with his token."""

from __future__ import annotations

import re

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.support.auth import api_token, bearer, csrf_token, ensure_user, sign_up_and_sign_in
from tests.support.config import make_config

scenarios("teams_web.feature")

KINDS = {"internal role change": "internal_role_change", "job offer": "job_offer"}


class Browsers:
    """One signed-in test client per person (their browser), the team and the negotiations by title."""

    def __init__(self) -> None:
        from tracker import create_app

        self.app = create_app(
            make_config(
                store="memory",
                secret_key="teams-web",
                csrf_enabled=True,
                auth_required=True,
                password_hash_profile="CHEAPEST",
            )
        )
        self.emails: dict[str, str] = {}
        self.clients: dict[str, object] = {}
        self.teams: dict[str, str] = {}
        self.negotiations: dict[str, str] = {}

    def browser(self, name: str):
        if name not in self.clients:
            client = self.app.test_client()
            sign_up_and_sign_in(client, self.app, self.emails[name])
            self.clients[name] = client
        return self.clients[name]

    def post(self, name: str, url: str, data: dict, form_url: str | None = None):
        client = self.browser(name)
        return client.post(url, data={**data, "csrf_token": csrf_token(client, form_url or url)})

    def page(self, name: str, url: str):
        return self.browser(name).get(url)

    def nid(self, title: str) -> str:
        return self.negotiations[title]

    def close(self) -> None:
        self.app.extensions["people"].close()
        self.app.extensions["tracker"].close()


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def browsers():
    place = Browsers()
    yield place
    place.close()


@given("these people have signed up on the tracker:")
def signed_up(browsers, datatable):
    header, *rows = datatable
    for row in rows:
        person = dict(zip(header, row, strict=False))
        browsers.emails[person["name"]] = ensure_user(browsers.app, person["email"])


@given(parsers.parse('{lead} starts the team "{team}" on the teams page and adds:'))
def team_set_up(browsers, datatable, lead, team):
    started = browsers.post(lead, "/teams/new", {"name": team})
    assert started.status_code == 303
    team_id = started.headers["Location"].rsplit("/", 1)[1]
    browsers.teams[team] = team_id
    header, *rows = datatable
    for row in rows:
        member = dict(zip(header, row, strict=False))
        added = browsers.post(
            lead,
            f"/teams/{team_id}/members",
            {"email": browsers.emails[member["name"]], "role": member["role"]},
            form_url=f"/teams/{team_id}",
        )
        assert added.status_code == 303, text(added)
    page = text(browsers.page(lead, f"/teams/{team_id}"))
    assert all(browsers.emails[dict(zip(header, row, strict=False))["name"]] in page for row in rows)


@given(parsers.parse('{name} starts the {kind} negotiation "{title}" in her browser'))
def starts(browsers, name, kind, title):
    response = browsers.post(name, "/negotiations/new", {"title": title, "kind": KINDS[kind]})
    assert response.status_code == 303
    browsers.negotiations[title] = response.headers["Location"].split("/")[2].split("#")[0]


@given(parsers.parse('{owner} shares "{title}" with the team "{team}" as {role} on its sharing page'))
@when(parsers.parse('{owner} shares "{title}" with the team "{team}" as {role} on its sharing page'))
def shares_with_team(browsers, owner, title, team, role):
    nid = browsers.nid(title)
    response = browsers.post(
        owner, f"/negotiations/{nid}/access", {"kind": "team", "team_id": browsers.teams[team], "role": role}
    )
    assert response.status_code == 303, text(response)


@given(
    parsers.re(
        r'(?P<owner>\w+) shares "(?P<title>[^"]+)" with (?P<person>[A-Z]\w+) as (?P<role>\w+) '
        r"on its sharing page"
    )
)
def shares_with_person(browsers, owner, title, person, role):
    nid = browsers.nid(title)
    response = browsers.post(
        owner, f"/negotiations/{nid}/access", {"kind": "user", "email": browsers.emails[person], "role": role}
    )
    assert response.status_code == 303, text(response)


@when(parsers.parse('{owner} revokes {person}\'s access to "{title}" on its sharing page'))
def revokes(browsers, owner, person, title):
    nid = browsers.nid(title)
    page = text(browsers.page(owner, f"/negotiations/{nid}/access"))
    assert f"Revoke {browsers.emails[person]}" in page
    response = browsers.post(
        owner,
        f"/negotiations/{nid}/access/revoke",
        {"kind": "user", "principal": browsers.emails[person]},
        form_url=f"/negotiations/{nid}/access",
    )
    assert response.status_code == 303


def dashboard(browsers, name: str, team: str) -> str:
    response = browsers.page(name, f"/teams/{browsers.teams[team]}/dashboard")
    assert response.status_code == 200
    return text(response)


@then(
    parsers.parse(
        '{name}\'s dashboard for "{team}" counts {total:d} internal role negotiation, '
        "{agreed:d} of them agreed"
    )
)
def dashboard_internal(browsers, name, team, total, agreed):
    page = dashboard(browsers, name, team)
    assert re.search(
        rf"Internal role negotiations: <strong>{agreed}</strong> of\s+<strong>{total}</strong>", page
    )


@then(parsers.parse('{name}\'s dashboard for "{team}" counts {total:d} negotiations'))
def dashboard_total(browsers, name, team, total):
    assert re.search(rf'id="total">{total}<', dashboard(browsers, name, team))


@then(parsers.parse('{name}\'s dashboard for "{team}" says it has no negotiation yet'))
def dashboard_empty(browsers, name, team):
    page = dashboard(browsers, name, team)
    assert 'id="total">none yet<' in page and "0 of 0" not in page and "0.0 days" not in page
    assert re.search(r'id="median-days">none yet<', page)


@then(parsers.parse('{name}\'s dashboard for "{team}" lists "{title}" for {owner}'))
def dashboard_lists(browsers, name, team, title, owner):
    page = dashboard(browsers, name, team)
    row = re.search(
        rf"<th scope=\"row\"><a href=\"/negotiations/{browsers.nid(title)}\">{title}</a></th>\s*"
        rf"<td>([^<]+)</td>",
        page,
    )
    assert row and row.group(1) == browsers.emails[owner]


@then(parsers.parse('{name} can open "{title}"'))
@given(parsers.parse('{name} can open "{title}"'))
def can_open(browsers, name, title):
    response = browsers.page(name, f"/negotiations/{browsers.nid(title)}")
    assert response.status_code == 200 and title in text(response)


@then(parsers.parse('{name}\'s list of negotiations does not show "{title}"'))
def list_without(browsers, name, title):
    response = browsers.page(name, "/")
    assert response.status_code == 200 and title not in text(response)


@then(parsers.parse('when {name} opens "{title}" the page is not found'))
def not_found(browsers, name, title):
    response = browsers.page(name, f"/negotiations/{browsers.nid(title)}")
    assert response.status_code == 404 and title not in text(response)


@then(parsers.parse('when {name} asks the API for "{title}" the answer is not found'))
def api_not_found(browsers, name, title):
    token = api_token(browsers.app, browsers.emails[name])
    client = browsers.app.test_client()
    response = client.get(f"/api/v1/negotiations/{browsers.nid(title)}", headers=bearer(token))
    assert response.status_code == 404 and title not in text(response)
    listed = client.get("/api/v1/negotiations", headers=bearer(token)).get_json()
    assert title not in [n["title"] for n in listed["negotiations"]]


@then(parsers.parse('{name} can open "{title}" but is offered no step to log'))
def reads_only(browsers, name, title):
    page = text(browsers.page(name, f"/negotiations/{browsers.nid(title)}"))
    assert title in page and 'id="log-a-step"' not in page and "Make a proposal" not in page


@then(parsers.parse('{name} logs the note "{note}" on "{title}"'))
def logs_note(browsers, name, note, title):
    url = f"/negotiations/{browsers.nid(title)}/steps/add_note"
    response = browsers.post(name, url, {"text": note})
    assert response.status_code == 303, text(response)


@then(parsers.parse('when {name} posts the note "{note}" on "{title}" she is told she may not change it'))
def refused_note(browsers, name, note, title):
    nid = browsers.nid(title)
    assert browsers.page(name, f"/negotiations/{nid}/steps/add_note").status_code == 403
    client = browsers.browser(name)
    response = client.post(
        f"/negotiations/{nid}/steps/add_note",
        data={"text": note, "csrf_token": csrf_token(client, f"/negotiations/{nid}")},
    )
    assert response.status_code == 403 and "not change it" in text(response)


@then(parsers.parse('"{title}" has {count:d} steps, the last logged by {name}'))
def steps_logged(browsers, title, count, name):
    timeline = browsers.app.extensions["tracker"].timeline(browsers.nid(title))
    assert len(timeline) == count and timeline[-1].actor == browsers.emails[name]


@then(parsers.parse('the sharing page of "{title}" tells {owner} that {person} could no longer see it'))
def history_says(browsers, title, owner, person):
    page = text(browsers.page(owner, f"/negotiations/{browsers.nid(title)}/access"))
    history = page[page.index("History of access") :]
    assert re.search(
        rf"{re.escape(browsers.emails[person])}\s+could no longer see it \(was viewer\)", history
    )
    now = page[page.index("<h2>Now</h2>") : page.index("<h2>Shared with</h2>")]
    assert browsers.emails[person] not in now
