"""The calendar feed through the JSON API, with sign-in on: whether it is on (never the token), a new
link (its URL and token in that answer only, the one before stopped), turning it off (204, then 404),
and 403 where there is no account (sign-in off, no token)."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from tests.support.api_client import PREFIX
from tests.support.auth import api_token, bearer
from tests.support.config import make_config
from tracker import create_app

ANA = "ana@example.org"
FEED = f"{PREFIX}/calendar-feed"


@pytest.fixture
def signed_in_app():
    app = create_app(make_config(store="memory", password_hash_profile="CHEAPEST"))
    yield app
    app.extensions["people"].close()
    app.extensions["tracker"].close()


def test_make_read_replace_and_turn_off_the_feed(signed_in_app):
    app = signed_in_app
    client, headers = app.test_client(), bearer(api_token(app, ANA))
    assert client.get(FEED, headers=headers).get_json() == {"on": False, "opened_at": None}
    made = client.post(FEED, headers=headers)
    assert made.status_code == 201 and made.headers["Cache-Control"] == "no-store"
    body = made.get_json()
    assert body["url"] == f"http://localhost/calendar/{body['token']}.ics"
    feed = client.get(body["url"].removeprefix("http://localhost"))  # no token needed there
    assert feed.status_code == 200 and Calendar.from_ical(feed.data)["version"] == "2.0"
    state = client.get(FEED, headers=headers).get_json()
    assert state == {"on": True, "opened_at": body["opened_at"]}  # never the token again
    replaced = client.post(FEED, headers=headers).get_json()
    assert replaced["token"] != body["token"]
    assert client.get(body["url"].removeprefix("http://localhost")).status_code == 404
    assert client.delete(FEED, headers=headers).status_code == 204
    assert client.get(replaced["url"].removeprefix("http://localhost")).status_code == 404
    again = client.delete(FEED, headers=headers)
    assert again.status_code == 404 and again.get_json()["message"] == "No calendar feed is on."
    assert client.get(FEED, headers=headers).get_json()["on"] is False


def test_each_person_has_their_own_feed(signed_in_app):
    app = signed_in_app
    client = app.test_client()
    ana, bo = bearer(api_token(app, ANA)), bearer(api_token(app, "bo@example.org"))
    client.post(FEED, headers=ana)
    assert client.get(FEED, headers=bo).get_json()["on"] is False
    assert client.delete(FEED, headers=bo).status_code == 404
    assert client.get(FEED, headers=ana).get_json()["on"] is True


def test_without_a_token_the_api_asks_for_one(signed_in_app):
    client = signed_in_app.test_client()
    for method in ("get", "post", "delete"):
        response = getattr(client, method)(FEED)
        assert response.status_code == 401 and "Bearer" in response.headers["WWW-Authenticate"]


def test_with_sign_in_off_and_no_token_there_is_no_account_to_keep_a_feed(api):
    for method in ("get", "post", "delete"):
        response = getattr(api.client, method)(FEED)
        assert response.status_code == 403, method
        assert "belongs to an account" in response.get_json()["message"]
