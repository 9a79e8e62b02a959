"""The team's approval chain and pay band pages (issue 20), with the README's defaults (sign-in and
CSRF on): owners change them, every problem beside its input and nothing stored; members read the
chain but never the bands (403), auditors read both; the negotiation page shows the band only to the
team's owners and auditors."""

from __future__ import annotations

import html
import re

import pytest

from tests.support.teams import TECH_LEAD_BAND
from tests.support.web import errors_beside, fill, text
from tests.support.web_auth import auth_app
from tests.web.test_time_zones import sign_up

LEAD, MEMBER, AUDITOR = "lena@example.org", "mia@example.org", "ada@example.org"


@pytest.fixture
def app():
    app = auth_app()
    yield app
    app.extensions["people"].close()
    app.extensions["tracker"].close()


@pytest.fixture
def office(app):
    clients = {}
    for email in (LEAD, MEMBER, AUDITOR):
        clients[email] = app.test_client()
        sign_up(clients[email], email, time_zone="Europe/Berlin")
    teams = app.extensions["people"].teams
    team = teams.create_team("Platform", actor=LEAD)
    teams.add_member(team, MEMBER, "member", actor=LEAD)
    teams.add_member(team, AUDITOR, "auditor", actor=LEAD)
    return clients, str(team)


def test_an_owner_sets_the_chain_and_every_problem_shows_beside_its_input(app, office):
    clients, team = office
    url = f"/teams/{team}/approvals"
    refused = fill(
        clients[LEAD],
        url,
        {
            "rules-0-approver": MEMBER,
            "rules-0-when": "above_amount",
            "rules-0-term_key": "base_salary",
            "rules-0-amount": "lots",
            "rules-0-currency": "E",
            "rules-1-approver": "",
            "rules-1-when": "names_term",
            "rules-1-term_key": "title",
        },
    )
    assert refused.status_code == 422
    beside = errors_beside(text(refused))
    assert beside["rules.0.currency"] == "Give a three-letter currency code."
    assert "rules.0.amount" in beside
    assert html.unescape(beside["rules.1.approver"]) == "Name the approver (a team member's email)."
    assert app.extensions["people"].teams.get_team(team).approval_rules == ()

    saved = fill(
        clients[LEAD],
        url,
        {
            "rules-0-approver": MEMBER,
            "rules-0-when": "names_term",
            "rules-0-term_key": "title",
            "rules-0-step": "2",
        },
    )
    assert saved.status_code == 303
    [rule] = app.extensions["people"].teams.get_team(team).approval_rules
    assert (rule.approver, rule.step, rule.condition) == (MEMBER, 2, "any change to title")
    page = text(clients[MEMBER].get(url))
    assert "any change to title" in page and "Save the chain" not in page  # members read it
    assert clients[MEMBER].post(url, data={"rules-0-approver": MEMBER}).status_code in (400, 403)


def test_pay_bands_are_for_owners_and_auditors_only(app, office):
    clients, team = office
    url = f"/teams/{team}/pay-bands"
    assert clients[MEMBER].get(url).status_code == 403
    assert "Pay bands" not in re.sub(r"<title>.*?</title>", "", text(clients[MEMBER].get(f"/teams/{team}")))
    refused = fill(
        clients[LEAD],
        url,
        {
            "name": "",
            "term_key": "base_salary",
            "currency": "EUR",
            "minimum": "90000",
            "midpoint": "80000",
            "maximum": "100000",
            "effective_from": "2026-01-01",
        },
    )
    assert refused.status_code == 422
    beside = errors_beside(text(refused))
    assert beside["midpoint"] == "The midpoint lies between the minimum and the maximum."
    assert "name" in beside
    saved = fill(clients[LEAD], url, TECH_LEAD_BAND)
    assert saved.status_code == 303
    assert "Tech lead, L5" in text(clients[AUDITOR].get(url))

    # a negotiation shared with the team, placed in the band: owners and auditors see where it sits
    tracker, access = app.extensions["tracker"], app.extensions["people"].access
    nid = tracker.start_negotiation(actor=MEMBER, title="Mia to tech lead", kind="internal_role_change")
    for name, side in (("Mia Rossi", "owner"), ("Lena Park", "counterpart")):
        tracker.step(nid, "join_party", actor=MEMBER, name=name, role="", side=side)
    tracker.step(
        nid, "add_term", actor=MEMBER, key="base_salary", label="Base salary", kind="money", currency="EUR"
    )
    tracker.step(
        nid,
        "make_proposal",
        actor=MEMBER,
        from_party="p2",
        to_parties=["p1"],
        values={"base_salary": {"amount": "110000", "currency": "EUR"}},
    )
    assert (
        fill(clients[LEAD], url, {"negotiation_id": str(nid), "band": "Tech lead, L5"}).status_code == 422
    )  # not shared
    access.share_with_team(nid, team, "viewer", actor=MEMBER)
    placed = clients[LEAD].post(
        f"{url}/placements",
        data={"negotiation_id": str(nid), "band": "Tech lead, L5", "csrf_token": csrf(clients[LEAD], url)},
    )
    assert placed.status_code == 303
    sentence = (
        "110,000 EUR is above the band of Tech lead, L5 (85,000-105,000, midpoint 95,000); compa-ratio 1.16"
    )
    for reader in (LEAD, AUDITOR):
        assert sentence in text(clients[reader].get(f"/negotiations/{nid}"))
    assert "Pay band" not in text(clients[MEMBER].get(f"/negotiations/{nid}"))

    # agreed above the band: the dashboard says so to owners and auditors, never to members
    tracker.step(nid, "accept_proposal", actor=MEMBER, proposal_id="prop1", party="p1")
    for reader in (LEAD, AUDITOR):
        dashboard = text(clients[reader].get(f"/teams/{team}/dashboard"))
        assert "Agreements outside their pay band" in dashboard and sentence in dashboard
        assert sentence in text(clients[reader].get(url))
    member_view = text(clients[MEMBER].get(f"/teams/{team}/dashboard"))
    assert "outside their pay band" not in member_view and "compa-ratio" not in member_view


def csrf(client, url: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', text(client.get(url))).group(1)


def test_band_figures_are_read_as_the_person_writes_numbers(app):
    lead = app.test_client()
    sign_up(lead, "lena.de@example.org", time_zone="Europe/Berlin", locale="de-DE")
    team = str(app.extensions["people"].teams.create_team("Plattform", actor="lena.de@example.org"))
    url = f"/teams/{team}/pay-bands"
    band = {**TECH_LEAD_BAND, "minimum": "85.000", "midpoint": "95.000 €", "maximum": "105.000,00"}
    assert fill(lead, url, band).status_code == 303
    [stored] = app.extensions["people"].teams.pay_bands(team, "lena.de@example.org")["Tech lead, L5"]
    assert (stored.minimum, stored.midpoint, stored.maximum) == (85000, 95000, 105000)
    refused = fill(lead, url, {**band, "name": "Staff", "minimum": "viel", "currency": "E"})
    assert refused.status_code == 422
    beside = errors_beside(text(refused))
    assert set(beside) >= {"minimum", "currency"}, beside  # every problem at once
    assert list(app.extensions["people"].teams.pay_bands(team, "lena.de@example.org")) == ["Tech lead, L5"]


def test_a_figure_that_cannot_be_read_stores_nothing_and_a_member_cannot_post(app, office):
    clients, team = office
    url = f"/teams/{team}/approvals"
    row = {"rules-0-approver": MEMBER, "rules-0-when": "above_amount", "rules-0-term_key": "base_salary"}
    refused = fill(
        clients[LEAD],
        url,
        {**row, "rules-0-amount": "lots", "rules-0-currency": "EUR", "rules-1-approver": "x"},
    )
    assert refused.status_code == 422
    assert set(errors_beside(text(refused))) >= {"rules.0.amount", "rules.1.approver"}
    assert app.extensions["people"].teams.get_team(team).approval_rules == ()
    token = re.search(r'name="csrf_token" value="([^"]+)"', text(clients[MEMBER].get(url))).group(1)
    for path, data in (
        (url, {**row, "rules-0-amount": "lots"}),
        (f"/teams/{team}/pay-bands", {"minimum": "x"}),
    ):
        assert clients[MEMBER].post(path, data={**data, "csrf_token": token}).status_code == 403
    assert app.extensions["people"].teams.get_team(team).approval_rules == ()
