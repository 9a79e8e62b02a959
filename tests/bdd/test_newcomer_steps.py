"""Scenarios of features/newcomer.feature over HTTP: Noor signs up through the real sign-up form (CSRF
on, sign-in required) and uses the pages as a browser would."""

from __future__ import annotations

import html
import re

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.support.auth import PASSWORD, csrf_token
from tests.support.config import make_config

scenarios("newcomer.feature")

SAMPLE_BUTTON = "Load a sample negotiation"


class Newcomer:
    """Noor's browser: one test client on an app that requires sign-in, and what Noor last saw."""

    def __init__(self) -> None:
        from tracker import create_app

        self.app = create_app(
            make_config(
                store="memory",
                secret_key="newcomer",
                csrf_enabled=True,
                auth_required=True,
                password_hash_profile="CHEAPEST",
            )
        )
        self.client = self.app.test_client()
        self.email = "noor@example.com"
        self.page = ""
        self.nid = ""

    def post(self, url: str, data: dict, form_url: str | None = None):
        return self.client.post(url, data={**data, "csrf_token": csrf_token(self.client, form_url or url)})

    def get(self, url: str) -> str:
        response = self.client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response.get_data(as_text=True)

    def close(self) -> None:
        self.app.extensions["people"].close()
        self.app.extensions["tracker"].close()


def words(page: str) -> str:
    """The page's text as a person reads it: tags dropped, entities decoded, spaces collapsed."""
    spaced = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))
    return re.sub(r"\s+([:.,;)])", r"\1", spaced).replace("( ", "(").strip()


@pytest.fixture
def noor():
    person = Newcomer()
    yield person
    person.close()


def sign_up(noor: Newcomer, confirm: str = PASSWORD):
    return noor.post(
        "/auth/signup",
        {"email": noor.email, "display_name": "Noor", "password": PASSWORD, "confirm": confirm},
    )


@given("Noor has no account yet")
def no_account(noor):
    assert not noor.app.extensions["people"].accounts.user_exists(noor.email)


@when("Noor signs up with the sign-up form")
def signs_up(noor):
    assert sign_up(noor).status_code == 303


@given(parsers.parse('Noor has signed up and started the negotiation "{title}"'))
def signed_up_and_started(noor, title):
    assert sign_up(noor).status_code == 303
    started = noor.post("/negotiations/new", {"title": title, "kind": "promotion"})
    assert started.status_code == 303
    noor.nid = re.search(r"/negotiations/([0-9a-f-]{36})", started.headers["Location"]).group(1)


@then("Noor's list of negotiations is empty and offers to load a sample negotiation")
def empty_list_offers_sample(noor):
    page = noor.get("/")
    assert "No negotiation yet" in page and SAMPLE_BUTTON in page
    assert 'action="/negotiations/sample"' in page


@when("Noor loads the sample negotiation")
def loads_sample(noor):
    loaded = noor.post("/negotiations/sample", {}, form_url="/")
    assert loaded.status_code == 303
    noor.nid = re.search(r"/negotiations/([0-9a-f-]{36})", loaded.headers["Location"]).group(1)
    noor.page = noor.get(loaded.headers["Location"])


@then(parsers.parse('Noor sees "{title}" with its parties, its terms and the agreement'))
def sees_sample(noor, title):
    text = words(noor.page)
    assert title in text and "The sample negotiation is loaded" in text
    for shown in ("Alex Morgan", "Dana Kim", "Base salary", "Remote days per week", "Final terms"):
        assert shown in text, shown


@then(parsers.parse('Noor\'s list of negotiations shows "{title}"'))
def list_shows(noor, title):
    assert title in noor.get("/")


@then("Noor's list no longer offers the sample negotiation")
def no_more_sample(noor):
    assert SAMPLE_BUTTON not in noor.get("/")


@when(parsers.parse('Noor opens "Make a proposal"'))
def opens_make_proposal(noor):
    noor.page = noor.get(f"/negotiations/{noor.nid}/steps/make_proposal")


@then("Noor is told to add the parties first, with no form to fill in")
def told_parties_first(noor):
    assert "Add the parties first." in words(noor.page)
    assert 'method="post"' not in noor.page.split("<main", 1)[1]


@then(parsers.parse('the link "{link}" leads to the form for adding a party'))
def link_to_add_party(noor, link):
    found = re.search(rf'<a class="button first-step" href="([^"]+)">{link}</a>', noor.page)
    assert found, noor.page
    form = noor.get(found.group(1))
    assert "<h1>Add a party</h1>" in form and 'name="side"' in form


@then('the steps menu shows "Make a proposal" as not yet available because the parties come first')
def menu_not_yet(noor):
    page = noor.get(f"/negotiations/{noor.nid}")
    menu = page.split('id="log-a-step"', 1)[1].split("</section>", 1)[0]
    assert f'href="/negotiations/{noor.nid}/steps/make_proposal"' not in menu
    assert "Make a proposal (not yet: add the parties first)" in words(menu)


@when(
    parsers.re(r'Noor puts (another )?"(?P<label>[^"]+)" on the table as money in EUR without giving a key')
)
def puts_term(noor, label):
    url = f"/negotiations/{noor.nid}/steps/add_term"
    page = noor.get(url)
    version = re.search(r'name="expected_version" value="(\d+)"', page).group(1)
    added = noor.post(
        url,
        {
            "label": label,
            "key": "",
            "kind": "money",
            "currency": "EUR",
            "better": "higher",
            "expected_version": version,
        },
    )
    assert added.status_code == 303, added.get_data(as_text=True)


@then(parsers.parse('the negotiation has the terms "{first}" and "{second}" under different keys'))
def two_terms(noor, first, second):
    terms = noor.app.extensions["tracker"].get(noor.nid).terms
    assert [(k, t.label) for k, t in terms.items()] == [("base_salary", first), ("base_salary_2", second)]


@when("Noor signs up with two passwords that are not the same")
def mismatched(noor):
    response = sign_up(noor, confirm="another horse battery staple")
    assert response.status_code == 422
    noor.page = response.get_data(as_text=True)


@then(parsers.parse('Noor is told "{message}"'))
def told(noor, message):
    assert message in words(noor.page)


@then(parsers.parse('the message never shows the field\'s internal name "{name}"'))
def no_internal_name(noor, name):
    summary = noor.page.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert f"{name}:" not in words(summary) and f">{name}<" not in summary
