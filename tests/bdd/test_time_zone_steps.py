"""Scenarios of features/time_zones.feature over HTTP: Lena signs up through the real sign-up form
(sign-in required, CSRF on) with the time zone her browser reports, and logs steps as a browser would."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.bdd.test_newcomer_steps import words
from tests.support.auth import PASSWORD, csrf_token
from tests.support.config import make_config
from tests.support.web import fill

scenarios("time_zones.feature")


class Person:
    """Lena's browser: a test client on an app that requires sign-in; what she did and last saw."""

    def __init__(self) -> None:
        from tracker import create_app

        self.app = create_app(
            make_config(
                store="memory",
                secret_key="time-zones",
                csrf_enabled=True,
                auth_required=True,
                password_hash_profile="CHEAPEST",
            )
        )
        self.client = self.app.test_client()
        self.email = "lena@example.com"
        self.zone = ZoneInfo("UTC")
        self.nid = ""
        self.version = 0
        self.response = None
        self.happened: datetime | None = None

    @property
    def tracker(self):
        return self.app.extensions["tracker"]

    def close(self) -> None:
        self.app.extensions["people"].close()
        self.tracker.close()


@pytest.fixture
def lena():
    person = Person()
    yield person
    person.close()


def log_note(lena: Person, occurred_at: str):
    lena.version = lena.tracker.get(lena.nid).version
    lena.response = fill(
        lena.client,
        f"/negotiations/{lena.nid}/steps/add_note",
        {"text": "Called Dana", "occurred_at": occurred_at},
    )
    return lena.response


@given(parsers.parse('Lena signs up from a browser in "{zone}"'))
def signs_up(lena, zone):
    data = {
        "email": lena.email,
        "password": PASSWORD,
        "confirm": PASSWORD,
        "time_zone": zone,
        "locale": "en-GB",
    }
    response = lena.client.post(
        "/auth/signup", data={**data, "csrf_token": csrf_token(lena.client, "/auth/signup")}
    )
    assert response.status_code == 303
    lena.zone = ZoneInfo(zone)


@given(parsers.parse('Lena has started the negotiation "{title}"'))
def started(lena, title):
    response = fill(lena.client, "/negotiations/new", {"title": title, "kind": "job_offer"})
    assert response.status_code == 303
    lena.nid = re.search(r"/negotiations/([^/?#]+)", response.headers["Location"]).group(1)


@when("Lena logs a note that happened five minutes ago, by her clock")
def five_minutes_ago(lena):
    lena.happened = (datetime.now(UTC) - timedelta(minutes=5)).replace(second=0, microsecond=0)
    log_note(lena, lena.happened.astimezone(lena.zone).strftime("%Y-%m-%dT%H:%M"))


@when(parsers.parse('Lena logs a note that happened at "{local}"'))
@given(parsers.parse('Lena has logged a note that happened at "{local}"'))
def at_local_time(lena, local):
    log_note(lena, local)


@when(parsers.parse('Lena chooses "{zone}" in her settings'))
def chooses(lena, zone):
    response = fill(lena.client, "/auth/settings", {"time_zone": zone, "locale": "en_GB"})
    assert response.status_code == 303


@then("the note is recorded")
def recorded(lena):
    assert lena.response.status_code == 303, words(lena.response.get_data(as_text=True))[:600]
    entry = lena.tracker.timeline(lena.nid)[-1]
    assert entry.event_type == "NoteAdded" and entry.occurred_at == lena.happened


@then(parsers.parse('the note is stored as having happened at "{moment}"'))
def stored_at(lena, moment):
    assert lena.response.status_code == 303
    assert lena.tracker.timeline(lena.nid)[-1].occurred_at.isoformat() == moment


@then("the timeline shows when the note happened in Berlin time, with the zone's abbreviation")
def shown_locally(lena):
    local = lena.happened.astimezone(ZoneInfo("Europe/Berlin"))
    page = words(lena.client.get(f"/negotiations/{lena.nid}").get_data(as_text=True))
    assert f"happened {local:%-d %b %Y, %H:%M} {local:%Z}" in page


@then(parsers.parse('the timeline shows "{shown}"'))
def timeline_shows(lena, shown):
    assert shown in words(lena.client.get(f"/negotiations/{lena.nid}").get_data(as_text=True))


@then(parsers.parse('the form says beside "{label}" that "{message}"'))
def beside(lena, label, message):
    page = lena.response.get_data(as_text=True)
    assert lena.response.status_code == 422
    assert f'<label for="f-occurred_at">{label}' in page
    assert message in re.search(r'id="f-occurred_at-error">(.*?)</', page, re.S).group(1)


@then("nothing is recorded")
def nothing(lena):
    assert lena.tracker.get(lena.nid).version == lena.version
