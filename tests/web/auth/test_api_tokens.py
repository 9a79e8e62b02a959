"""The JSON API with bearer tokens: who the token names is the actor and sees what they may; no
bad token is 401 with a challenge (no token at all, or a session cookie only: see
tests/web/security/test_sign_in_required.py); too many bad ones from a client, 429; tokens are made
and revoked on the tokens page, the new one shown once."""

from __future__ import annotations

import re

from tests.support.auth import api_token, bearer, csrf_token, sign_up_and_sign_in
from tests.support.web_auth import ANA, BO

API = "/api/v1/negotiations"
OFFER = {"title": "Offer from Northwind", "kind": "job_offer"}


def test_bad_tokens_are_401_invalid_token(client, app):
    token = api_token(app, ANA)
    for header in (f"Bearer {token}x", "Bearer trk_", "Bearer ", f"Basic {token}", "Bearer not-a-token"):
        response = client.get(API, headers={"Authorization": header})
        assert response.status_code == 401, header
        assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_the_token_owner_is_the_actor_and_sees_only_their_own(client, app):
    ana, bo = api_token(app, ANA), api_token(app, BO)
    started = client.post(API, json=OFFER, headers=bearer(ana))
    assert started.status_code == 201 and started.get_json()["owner"] == ANA
    nid = started.get_json()["id"]
    tracker = app.extensions["tracker"]
    assert tracker.timeline(nid)[0].actor == ANA
    assert [n["id"] for n in client.get(API, headers=bearer(ana)).get_json()["negotiations"]] == [nid]
    assert client.get(API, headers=bearer(bo)).get_json() == {
        "negotiations": [],
        "total": 0,
        "limit": 100,
        "offset": 0,
    }
    assert client.get(f"{API}/{nid}", headers=bearer(bo)).status_code == 404
    note = client.post(f"{API}/{nid}/notes", json={"text": "hi"}, headers={**bearer(bo), "If-Match": '"1"'})
    assert note.status_code == 404 and "Northwind" not in note.get_data(as_text=True)
    app.extensions["people"].access.share_with_user(nid, BO, "viewer", actor=ANA)
    assert client.get(f"{API}/{nid}", headers=bearer(bo)).status_code == 200
    refused = client.post(
        f"{API}/{nid}/notes", json={"text": "hi"}, headers={**bearer(bo), "If-Match": '"1"'}
    )
    assert refused.status_code == 403 and refused.get_json()["error"] == "Forbidden"
    app.extensions["people"].access.share_with_user(nid, BO, "editor", actor=ANA)
    noted = client.post(f"{API}/{nid}/notes", json={"text": "hi"}, headers={**bearer(bo), "If-Match": '"1"'})
    assert noted.status_code == 201 and tracker.timeline(nid)[-1].actor == BO


def test_many_bad_tokens_from_one_client_never_shut_out_a_good_one(app, client):
    good = api_token(app, ANA)
    delays: list[float] = []
    app.extensions["people"].accounts.sleep = delays.append
    for _ in range(32):  # client_max_failures, and two more
        assert client.get(API, headers=bearer("trk_guessing-" + "x" * 20)).status_code == 401
    assert delays == [0.25, 0.5]  # the failures past the limit were answered more slowly
    assert client.get(API, headers=bearer(good)).status_code == 200


def test_a_token_is_shown_once_then_only_its_hint(client, app):
    sign_up_and_sign_in(client, app, ANA)
    created = client.post(
        "/auth/tokens", data={"label": "laptop script", "csrf_token": csrf_token(client, "/auth/tokens")}
    )
    assert created.status_code == 201 and created.headers["Cache-Control"] == "no-store"
    token = re.search(r'<code class="token">(trk_[^<]+)</code>', created.get_data(as_text=True)).group(1)
    assert client.get(API, headers=bearer(token)).status_code == 200
    listed = client.get("/auth/tokens").get_data(as_text=True)
    assert token not in listed and "laptop script" in listed and token[:8] in listed


def test_a_revoked_token_stops_at_once(client, app):
    sign_up_and_sign_in(client, app, ANA)
    token = api_token(app, ANA)
    [info] = app.extensions["people"].accounts.list_tokens(ANA)
    assert client.get(API, headers=bearer(token)).status_code == 200
    revoked = client.post(
        f"/auth/tokens/{info.token_id}/revoke", data={"csrf_token": csrf_token(client, "/auth/tokens")}
    )
    assert revoked.status_code == 303
    assert client.get(API, headers=bearer(token)).status_code == 401
    assert "revoked" in client.get("/auth/tokens").get_data(as_text=True)


def test_nobody_revokes_someone_elses_token(client, app):
    token = api_token(app, BO)
    [info] = app.extensions["people"].accounts.list_tokens(BO)
    sign_up_and_sign_in(client, app, ANA)
    response = client.post(
        f"/auth/tokens/{info.token_id}/revoke", data={"csrf_token": csrf_token(client, "/auth/tokens")}
    )
    assert response.status_code == 404
    assert client.get(API, headers=bearer(token)).status_code == 200
