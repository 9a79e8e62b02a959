"""Signing up, in and out through the pages, with CSRF on: the session cookie, where sign-in leads,
failures and the lock after too many."""

from __future__ import annotations

import re

import pytest

from tests.support.auth import PASSWORD, csrf_token, ensure_user, sign_in, sign_out, sign_up_and_sign_in
from tests.support.web_auth import ANA, BO, auth_app


def text(response) -> str:
    return response.get_data(as_text=True)


def post_form(client, url: str, data: dict, form_url: str | None = None):
    return client.post(url, data={**data, "csrf_token": csrf_token(client, form_url or url)})


def test_signing_up_through_the_form_signs_in(client, app):
    response = post_form(
        client,
        "/auth/signup",
        {"email": " Ana@Example.org ", "display_name": "Ana", "password": PASSWORD, "confirm": PASSWORD},
    )
    assert response.status_code == 303 and response.headers["Location"] == "/"
    page = client.get("/")
    assert page.status_code == 200 and ANA in text(page) and "Sign out" in text(page)
    assert app.extensions["people"].accounts.require_user(ANA).display_name == "Ana"


@pytest.mark.parametrize(
    "data, field, message",
    [
        (
            {"email": "not-an-address", "password": PASSWORD, "confirm": PASSWORD},
            "email",
            "not a valid email",
        ),
        ({"email": ANA, "password": "short", "confirm": "short"}, "password", "at least 10 characters"),
        ({"email": ANA, "password": PASSWORD, "confirm": PASSWORD + "x"}, "confirm", "not the same"),
    ],
)
def test_a_refused_sign_up_says_why_beside_the_field(client, app, data, field, message):
    response = post_form(client, "/auth/signup", data)
    assert response.status_code == 422
    assert re.search(rf'id="f-{field}-error">[^<]*{message}', text(response))
    assert not app.extensions["people"].accounts.user_exists(ANA)
    assert client.get("/").status_code == 302  # not signed in


def test_an_address_already_taken_is_refused(client, app):
    ensure_user(app, ANA)
    response = post_form(client, "/auth/signup", {"email": ANA, "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 422 and "already exists" in text(response)


def test_forms_without_their_csrf_token_are_refused(client, app):
    ensure_user(app, ANA)
    assert client.post("/auth/signin", data={"email": ANA, "password": PASSWORD}).status_code == 400
    assert client.get("/").status_code == 302
    sign_up_and_sign_in(client, app, ANA)
    assert client.post("/negotiations/new", data={"title": "Offer", "kind": "job_offer"}).status_code == 400
    assert client.post("/auth/signout", data={}).status_code == 400
    assert client.get("/").status_code == 200  # still signed in
    assert app.extensions["tracker"].negotiation_ids() == []


def test_a_wrong_password_is_401_and_does_not_say_which_part_was_wrong(client, app):
    ensure_user(app, ANA)
    wrong = sign_in(client, ANA, "not the password at all")
    unknown = sign_in(client, "nobody@example.org", PASSWORD)
    assert wrong.status_code == unknown.status_code == 401
    assert "do not match an account" in text(wrong) and "do not match an account" in text(unknown)
    assert 'value="ana@example.org"' in text(wrong)  # the address is kept, never the password
    assert "not the password at all" not in text(wrong)
    assert client.get("/").status_code == 302


def test_repeated_failures_lock_the_account_with_a_time_to_retry(client, app, clock):
    ensure_user(app, ANA)
    for _ in range(5):  # signin_max_failures
        assert sign_in(client, ANA, "wrong password!").status_code == 401
    locked = sign_in(client, ANA, PASSWORD)  # even the right password waits
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) == 15 * 60
    assert "Too many failed attempts" in text(locked) and "You can try again from" in text(locked)
    clock.advance(minutes=16)
    assert sign_in(client, ANA, PASSWORD).status_code == 303


def test_sign_in_goes_back_to_the_page_asked_for_only_on_this_site(client, app):
    ensure_user(app, ANA)
    asked = client.get("/teams?x=1")
    assert asked.status_code == 302 and asked.headers["Location"] == "/auth/signin?next=/teams?x%3D1"
    assert sign_in(client, ANA, next="/teams?x=1").headers["Location"] == "/teams?x=1"
    for evil in (
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "javascript:alert(1)",
        "/%0d",
    ):
        other = app.test_client()
        response = sign_in(other, ANA, next=evil)
        assert response.status_code == 303
        assert response.headers["Location"] in ("/", evil) and not response.headers["Location"].startswith(
            "//"
        )
        assert "evil" not in response.headers["Location"] or response.headers["Location"] == "/"


def test_the_session_cookie_is_http_only_and_same_site(client, app):
    ensure_user(app, ANA)
    cookie = sign_in(client, ANA).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_the_session_cookie_is_secure_when_configured():
    app = auth_app(session_cookie_secure=True)
    try:
        ensure_user(app, ANA)
        client = app.test_client()
        cookie = sign_in(client, ANA).headers["Set-Cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie
    finally:
        app.extensions["people"].close()
        app.extensions["tracker"].close()


def test_signing_in_rotates_the_session(client, app):
    ensure_user(app, ANA)
    ensure_user(app, BO)
    with client.session_transaction() as before:
        before["planted"] = "by someone else"
    sign_in(client, ANA)
    with client.session_transaction() as after:
        assert "planted" not in after and after["user"] == ANA
        first_issued = after["issued_at"]
    sign_in(client, BO)
    with client.session_transaction() as again:
        assert again["user"] == BO and again["issued_at"] >= first_issued


def test_signing_out_ends_the_session(client, app):
    sign_up_and_sign_in(client, app, ANA)
    response = sign_out(client)
    assert response.status_code == 303 and response.headers["Location"] == "/auth/signin"
    assert client.get("/").status_code == 302
    with client.session_transaction() as session:
        assert "user" not in session


def test_signing_in_as_someone_else_replaces_the_session(client, app):
    sign_up_and_sign_in(client, app, ANA)
    page = client.get("/auth/signin")
    assert page.status_code == 200 and "Sign in" in text(page)
    sign_up_and_sign_in(client, app, BO)
    assert BO in text(client.get("/")) and ANA not in text(client.get("/"))
