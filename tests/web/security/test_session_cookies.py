"""The session cookie: HttpOnly, SameSite=Lax, Secure when the site is configured for HTTPS (with
HSTS), scoped to the site, expiring; a new one at sign-in (a cookie planted before sign-in is not
the signed-in one); a stolen one dies with "sign out everywhere" and with a password change."""

from __future__ import annotations

from tests.support.auth import PASSWORD, csrf_token, sign_out, sign_up_and_sign_in
from tracker import create_app

EMAIL = "cookie@example.org"


def signed_in(app):
    client = app.test_client()
    client.get("/auth/signin")
    before = client.get_cookie("session")
    sign_up_and_sign_in(client, app, EMAIL)
    return client, before, client.get_cookie("session")


def replay(app, cookie_value: str) -> int:
    thief = app.test_client()
    thief.set_cookie("session", cookie_value)
    return thief.get("/").status_code


def test_cookie_flags_over_http(app):
    _client, before, cookie = signed_in(app)
    assert cookie.http_only and cookie.same_site == "Lax" and cookie.path == "/"
    assert not cookie.secure  # plain HTTP (local set-up): a Secure cookie would never come back
    assert cookie.expires is not None  # a lifetime, not "until the browser closes, maybe never"
    assert before is not None and before.value != cookie.value  # a fresh session at sign-in


def test_secure_cookie_and_hsts_when_configured(secure_config):
    app = create_app({**secure_config, "session_cookie_secure": True})
    try:
        client = app.test_client()
        client.environ_base["wsgi.url_scheme"] = "https"  # behind TLS
        sign_up_and_sign_in(client, app, EMAIL)
        cookie = client.get_cookie("session")
        assert cookie.secure and cookie.http_only and cookie.same_site == "Lax"
        assert client.get("/").headers["Strict-Transport-Security"].startswith("max-age=")
    finally:
        app.extensions["people"].close()
        app.extensions["tracker"].close()


def test_a_stolen_cookie_dies_with_sign_out_everywhere(app):
    client, _, cookie = signed_in(app)
    assert replay(app, cookie.value) == 200  # the copy works while the session lasts...
    token = csrf_token(client, "/auth/password")
    assert client.post("/auth/signout", data={"csrf_token": token, "everywhere": "1"}).status_code in (
        302,
        303,
    )
    assert replay(app, cookie.value) in (302, 303)  # ...and not after


def test_a_stolen_cookie_dies_with_a_password_change(app):
    client, _, cookie = signed_in(app)
    token = csrf_token(client, "/auth/password")
    changed = client.post(
        "/auth/password",
        data={
            "csrf_token": token,
            "current_password": PASSWORD,
            "new_password": "a whole new passphrase 42",
            "confirm": "a whole new passphrase 42",
        },
    )
    assert changed.status_code < 400
    assert replay(app, cookie.value) in (302, 303)


def test_a_stolen_cookie_dies_with_a_plain_sign_out(app):
    client, _, cookie = signed_in(app)
    sign_out(client)
    assert replay(app, cookie.value) in (302, 303)
