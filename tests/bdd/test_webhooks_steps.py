"""Scenarios of features/webhooks.feature, bound to the services the pages and the API call (the
webhook registry, the outbox) and a real HTTP receiver on this machine standing in for the HR system
(the app allows loopback addresses, as tests do)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.support.access import prepared_negotiation
from tests.support.auth import ensure_user
from tests.support.config import make_config
from tests.support.webhook_receiver import receiving

scenarios("webhooks.feature")

PEOPLE = {"Lena": "lena@example.com", "Mia": "mia@example.com"}


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


class Office:
    def __init__(self, app, clock, receiver) -> None:
        self.app, self.clock, self.hr = app, clock, receiver
        self.people = app.extensions["people"]
        self.tracker = app.extensions["tracker"]
        self.team_id = ""
        self.negotiations: dict[str, str] = {}
        self.hook = None

    def registry(self):
        from tracker.web.webhook_registry import registry

        with self.app.app_context():
            return registry()

    def run_outbox(self) -> None:
        self.people.outbox.run_once()


@pytest.fixture
def office(tmp_path):
    from tracker import create_app

    clock = Clock()
    config = make_config(
        store="sqlite", data_dir=str(tmp_path), webhooks_allow_loopback=True, clock=clock, auth_required=False
    )
    app = create_app({**config, "password_hash_profile": "CHEAPEST", "secret_key": "bdd"})
    with receiving() as receiver:
        yield Office(app, clock, receiver)
    app.extensions["people"].close()
    app.extensions["tracker"].close()


@given(parsers.parse('a team "{name}" led by Lena, with Mia as a member'))
def team(office, name):
    for email in PEOPLE.values():
        ensure_user(office.app, email)
    office.team_id = str(office.people.teams.create_team(name, actor=PEOPLE["Lena"]))
    office.people.teams.add_member(office.team_id, PEOPLE["Mia"], "member", actor=PEOPLE["Lena"])


@given(parsers.parse('Mia\'s negotiation "{title}" with an open offer from the director'))
def negotiation(office, title):
    office.negotiations[title] = prepared_negotiation(office.tracker, PEOPLE["Mia"])
    office.run_outbox()  # the history so far is told before any webhook exists


@given(parsers.parse('Mia shares "{title}" with the team'))
def share(office, title):
    office.people.access.share_with_team(
        office.negotiations[title], office.team_id, "viewer", actor=PEOPLE["Mia"]
    )


@given("the team has a webhook to its HR system for accepted offers")
def webhook(office):
    office.clock.now = datetime.now(UTC)
    office.hook = office.registry().create(
        "team", office.team_id, office.hr.url, ["ProposalAccepted"], actor=PEOPLE["Lena"]
    )


@given("the HR system answers every call with an error")
def failing(office):
    office.hr.status = 500


@when("Mia accepts the offer")
def accept(office):
    (nid,) = office.negotiations.values()
    office.tracker.step(nid, "accept_proposal", actor=PEOPLE["Mia"], proposal_id="prop1", party="p1")
    office.run_outbox()


@when("a day goes by")
def a_day(office):
    for _ in range(20):  # the retries of the day, each when it is due
        office.clock.now += timedelta(hours=2)
        office.run_outbox()
    office.clock.now += timedelta(days=1)
    office.run_outbox()


@then(parsers.parse('the HR system receives the agreement for "{title}"'))
def receives(office, title):
    (document,) = office.hr.documents()
    assert document["type"] == "ProposalAccepted"
    assert document["negotiation_id"] == office.negotiations[title]
    assert document["actor"] == PEOPLE["Mia"]


@then("the signature checks out with the team's secret")
def signed(office):
    assert office.hr.verified(office.hook.secret) == [True]


@then("it does not check out with any other secret")
def not_other(office):
    assert office.hr.verified("whsec_not-the-teams") == [False]


@then("the HR system receives nothing")
def nothing(office):
    assert office.hr.calls == []


@then("the webhook is turned off")
def turned_off(office):
    hook = office.people.outbox.store.webhook(office.hook.id)
    assert not hook.enabled and "gave up after a day of failures" in hook.disabled_reason


@then("Lena is told in the app that the webhook to the HR system was turned off")
def told(office):
    notices = [d.notice for d in office.people.outbox.store.in_app(PEOPLE["Lena"])]
    assert any(n.kind == "WebhookDisabled" and office.hr.url in n.sentence for n in notices)
