"""No route is reachable without signing in, except the sign-in pages, the health checks (/healthz,
/ping), the public signing keys (/.well-known/negotiation-tracker-keys), static files and the
calendar feed (its URL's token is the credential; a wrong one is a bare 404): every
rule of app.url_map, with every method, aimed at real things (a real negotiation, team, token,
proposal...), asked by nobody, by a forged session cookie (signed with
another key, naming the owner), and for the API also with a wrong token and with the owner's own
session cookie (the API takes tokens only, so a cross-site request riding on the cookie gets 401).
Pages send to the sign-in page, the API answers 401 with a Bearer challenge, and no answer shows
anything of the owner's. (Who may do what once signed in, route by route and role by role, is the
access matrix of tests/web/access/test_route_matrix.py.)"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from flask.sessions import SecureCookieSessionInterface

from tests.support.form_world import World
from tests.support.report import report

PUBLIC = {"auth.signin", "auth.signup", "healthz", "ping", "static", "signing_keys", "calendar.feed"}
SECRET_TITLE = "Confidential offer from Initech"


def requests_for(app, seeds):
    for rule in app.url_map.iter_rules():
        names = sorted(rule.arguments)
        missing = [n for n in names if n not in seeds]
        assert not missing, f"{rule.rule}: give the test a value for {missing}"
        values = dict(zip(names, (seeds[n][0] for n in names), strict=False))
        url = app.url_map.bind("localhost").build(rule.endpoint, values)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, url


def forged_cookie(app, email: str) -> str:
    """A session cookie naming ``email``, signed with a key that is not the app's."""
    impostor = type("Impostor", (), {"secret_key": "not-the-key", "config": app.config})()
    serializer = SecureCookieSessionInterface().get_signing_serializer(impostor)
    now = datetime.now(UTC).isoformat()
    return serializer.dumps({"user": email, "issued_at": now, "last_seen": now, "_permanent": True})


def test_the_api_without_a_token_answers_401_with_its_challenge_even_to_a_signed_in_browser(app):
    """The exact answer an API client gets with no token: 401, the Bearer challenge and a JSON error;
    a session cookie is not enough (the API is CSRF-exempt, so it takes tokens only)."""
    owner = World.make(app)  # signed in on owner.client through the sign-in form
    for client in (app.test_client(), owner.client):
        for response in (
            client.get("/api/v1/negotiations"),
            client.post("/api/v1/negotiations", json={"title": "Offer", "kind": "job_offer"}),
            client.get("/api/v1/openapi.json"),
        ):
            assert response.status_code == 401
            assert response.headers["WWW-Authenticate"] == 'Bearer realm="tracker"'
            assert response.get_json()["error"] == "Unauthorized"


def test_nothing_but_sign_in_and_health_without_a_user(app):
    owner = World.make(app)
    app.extensions["tracker"].step(owner.nid, "add_note", actor=owner.email, text=SECRET_TITLE)
    seeds = {
        **owner.seeds(),
        "negotiation_id": [owner.nid],
        "party_id": ["p1"],
        "ally_id": ["a1"],
        "filename": ["tracker.css"],
        "token": ["not-a-calendar-feed-token"],
    }
    visitors = {"nobody": ({}, None), "forged session": ({}, forged_cookie(app, owner.email))}
    owner_cookie = owner.client.get_cookie("session").value
    tried, refused = itertools.count(), itertools.count()
    for endpoint, method, url in requests_for(app, seeds):
        api = url.startswith("/api/")
        cases = dict(visitors)
        if api:
            cases["wrong token"] = ({"Authorization": "Bearer trk_not_a_real_token"}, None)
            cases["owner's cookie, no token"] = ({}, owner_cookie)
        for who, (headers, cookie) in cases.items():
            client = app.test_client()
            if cookie:
                client.set_cookie("session", cookie)
            response = client.open(url, method=method, headers=headers)
            next(tried)
            where = f"{method} {url} ({who})"
            body = response.get_data(as_text=True)
            assert response.status_code < 500, where
            assert SECRET_TITLE not in body and owner.email not in body, f"{where} shows the owner's data"
            if endpoint in PUBLIC:
                continue
            next(refused)
            if api:
                assert response.status_code in (401, 429), (where, response.status_code)
                assert (
                    response.headers.get("WWW-Authenticate", "").startswith("Bearer")
                    or response.status_code == 429
                ), where
            else:
                assert response.status_code in (302, 303), (where, response.status_code)
                assert response.headers["Location"].startswith("/auth/signin"), where
    report(
        "security",
        "sign-in required",
        {
            "routes": len(list(app.url_map.iter_rules())),
            "requests without a valid user": next(tried),
            "refused (sign-in page or 401)": next(refused),
        },
    )
