"""Each person's time zone on the pages (issue 16): sign-up takes the browser's zone and language,
every time is shown in the zone with its abbreviation, every date and time field is read in it and
stored in UTC; the settings page changes both, every problem beside its field at once. Sign-in
required and CSRF on, as the README's defaults."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.support.auth import PASSWORD
from tests.support.web import fill, text
from tests.support.web_auth import auth_app

BERLIN, NEW_YORK = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")


@pytest.fixture
def app():
    app = auth_app()
    yield app
    app.extensions["people"].close()
    app.extensions["tracker"].close()


@pytest.fixture
def client(app):
    return app.test_client()


def sign_up(client, email: str, time_zone: str = "", locale: str = "", **headers: str):
    form = {
        "email": email,
        "password": PASSWORD,
        "confirm": PASSWORD,
        "time_zone": time_zone,
        "locale": locale,
    }
    page = client.get("/auth/signup")
    token = re.search(r'name="csrf_token" value="([^"]+)"', text(page)).group(1)
    return client.post("/auth/signup", data={**form, "csrf_token": token}, headers=headers)


def start_negotiation(client) -> str:
    response = fill(client, "/negotiations/new", {"title": "Offer at Northwind", "kind": "job_offer"})
    assert response.status_code == 303, text(response)[:500]
    return response.headers["Location"].split("/negotiations/")[1].split("?")[0].split("#")[0]


def add_note(client, nid: str, occurred_at: str):
    return fill(
        client, f"/negotiations/{nid}/steps/add_note", {"text": "Called Dana", "occurred_at": occurred_at}
    )


def last_entry(app, nid: str):
    return app.extensions["tracker"].timeline(nid)[-1]


def account(app, email: str):
    return app.extensions["people"].accounts.require_user(email)


def test_sign_up_keeps_the_browsers_zone_and_language(app, client):
    assert sign_up(client, "ana@example.org", "Europe/Berlin", "de-DE").status_code == 303
    assert (account(app, "ana@example.org").time_zone, account(app, "ana@example.org").locale) == (
        "Europe/Berlin",
        "de_DE",
    )


def test_the_sign_up_page_has_the_inputs_the_script_fills(client):
    page = text(client.get("/auth/signup"))
    assert 'name="time_zone"' in page and 'data-browser="time_zone"' in page
    assert 'name="locale"' in page and 'data-browser="locale"' in page


def test_without_the_script_sign_up_takes_utc_and_the_accept_language_locale(app, client):
    response = sign_up(client, "bo@example.org", **{"Accept-Language": "fr-CH,fr;q=0.9,en;q=0.5"})
    assert response.status_code == 303
    assert (account(app, "bo@example.org").time_zone, account(app, "bo@example.org").locale) == (
        "UTC",
        "fr_CH",
    )


def test_bad_hidden_values_never_block_sign_up(app, client):
    response = sign_up(client, "cy@example.org", "Mars/Olympus", "<script>")
    assert response.status_code == 303
    assert (account(app, "cy@example.org").time_zone, account(app, "cy@example.org").locale) == ("UTC", None)


def test_in_berlin_a_step_five_minutes_ago_is_accepted_and_shown_in_local_time(app, client):
    sign_up(client, "ana@example.org", "Europe/Berlin", "en-GB")
    nid = start_negotiation(client)
    happened = datetime.now(UTC) - timedelta(minutes=5)
    local = happened.astimezone(BERLIN)
    response = add_note(client, nid, local.strftime("%Y-%m-%dT%H:%M"))
    assert response.status_code == 303, text(response)[:800]
    stored = last_entry(app, nid).occurred_at
    assert stored == happened.replace(second=0, microsecond=0)
    page = text(client.get(f"/negotiations/{nid}"))
    assert (
        f'happened <time datetime="{stored.isoformat()}">{local:%-d %b %Y, %H:%M} {local:%Z}</time>' in page
    )


def test_in_berlin_winter_times_are_shown_in_cet(app, client):
    sign_up(client, "ana@example.org", "Europe/Berlin")
    nid = start_negotiation(client)
    assert add_note(client, nid, "2026-01-15T09:00").status_code == 303
    assert last_entry(app, nid).occurred_at == datetime(2026, 1, 15, 8, 0, tzinfo=UTC)
    assert "15 Jan 2026, 09:00 CET" in text(client.get(f"/negotiations/{nid}"))


def test_in_new_york_nine_in_the_morning_is_stored_as_fourteen_utc_in_winter(app, client):
    sign_up(client, "dana@example.org", "America/New_York", "en-US")
    nid = start_negotiation(client)
    form = text(client.get(f"/negotiations/{nid}/steps/add_note"))
    assert "When it happened, in America/New_York" in form
    assert add_note(client, nid, "2026-01-15T09:00").status_code == 303
    assert last_entry(app, nid).occurred_at == datetime(2026, 1, 15, 14, 0, tzinfo=UTC)
    assert "15 Jan 2026, 09:00 EST" in text(client.get(f"/negotiations/{nid}"))


def test_a_time_the_clocks_skipped_is_refused_beside_the_field(app, client):
    sign_up(client, "ana@example.org", "Europe/Berlin")
    nid = start_negotiation(client)
    before = app.extensions["tracker"].get(nid).version
    response = add_note(client, nid, "2026-03-29T02:30")
    assert response.status_code == 422
    assert "2:30 does not exist on 29 Mar 2026 in Europe/Berlin: clocks went forward." in text(response)
    assert 'value="2026-03-29T02:30"' in text(response)  # the input comes back as typed
    assert app.extensions["tracker"].get(nid).version == before


def test_a_future_step_is_still_refused(client):
    sign_up(client, "dana@example.org", "America/New_York")
    nid = start_negotiation(client)
    soon = (datetime.now(UTC) + timedelta(hours=2)).astimezone(NEW_YORK)
    response = add_note(client, nid, soon.strftime("%Y-%m-%dT%H:%M"))
    assert response.status_code == 422 and "future" in text(response)


def test_the_as_of_moment_is_read_and_shown_in_local_time(app, client):
    sign_up(client, "ana@example.org", "Europe/Berlin")
    nid = start_negotiation(client)
    recorded = last_entry(app, nid).recorded_at.astimezone(BERLIN) + timedelta(minutes=1)
    typed = recorded.strftime("%Y-%m-%dT%H:%M:%S")
    page = text(client.get(f"/negotiations/{nid}?as_of={typed}"))
    assert f'value="{typed}"' in page  # the datetime-local input shows the local moment
    assert ">Europe/Berlin<" in page
    assert "does not exist" in text(client.get(f"/negotiations/{nid}?as_of=2026-03-29T02:30"))


def test_the_settings_page_changes_the_zone_and_locale(app, client):
    sign_up(client, "ana@example.org")
    page = text(client.get("/"))
    assert 'href="/auth/settings"' in page
    settings = text(client.get("/auth/settings"))
    assert '<option value="UTC" selected>' in settings and 'value="de_DE"' in settings
    response = fill(
        client, "/auth/settings", {"time_zone": "America/New_York", "locale": "en_US"}, follow=True
    )
    assert response.status_code == 200
    assert "Saved. Times are shown in America/New_York" in text(response)
    assert '<option value="America/New_York" selected>' in text(response)
    assert (account(app, "ana@example.org").time_zone, account(app, "ana@example.org").locale) == (
        "America/New_York",
        "en_US",
    )


def test_the_settings_page_shows_every_problem_beside_its_field_at_once(app, client):
    sign_up(client, "ana@example.org", "Europe/Berlin")
    response = fill(client, "/auth/settings", {"time_zone": "Mars/Olympus", "locale": "xx_NOPE"})
    assert response.status_code == 422
    page = text(response)
    assert re.search(r'id="f-time_zone-error">[^<]*Mars/Olympus', page)
    assert re.search(r'id="f-locale-error">[^<]*xx_NOPE', page)
    assert account(app, "ana@example.org").time_zone == "Europe/Berlin"


def test_the_settings_page_needs_its_csrf_token(client):
    sign_up(client, "ana@example.org")
    assert client.post("/auth/settings", data={"time_zone": "Europe/Berlin", "locale": ""}).status_code == 400


def test_the_api_keeps_utc_with_offsets(app, client):
    from tests.support.auth import api_token, bearer

    sign_up(client, "ana@example.org", "Europe/Berlin")
    nid = start_negotiation(client)
    add_note(client, nid, "2026-01-15T09:00")
    token = api_token(app, "ana@example.org")
    body = app.test_client().get(f"/api/v1/negotiations/{nid}/timeline", headers=bearer(token)).get_json()
    entries = body.get("entries") or body.get("items") or body
    assert any(e.get("occurred_at") == "2026-01-15T08:00:00+00:00" for e in entries)
