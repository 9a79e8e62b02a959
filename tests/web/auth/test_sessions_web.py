"""Sessions end: after the idle time, after their lifetime, everywhere at once on request, and every
other session when the password changes (this one goes on)."""

from __future__ import annotations

from tests.support.auth import PASSWORD, csrf_token, sign_in, sign_up_and_sign_in
from tests.support.web_auth import ANA


def signed_in(client) -> bool:
    return client.get("/").status_code == 200


def test_a_session_ends_after_the_idle_time(client, app, clock):
    sign_up_and_sign_in(client, app, ANA)
    clock.advance(minutes=119)
    assert signed_in(client)  # a request: the idle time starts again
    clock.advance(minutes=119)
    assert signed_in(client)
    clock.advance(minutes=121)
    response = client.get("/teams")
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/signin?next=/teams")
    with client.session_transaction() as session:
        assert "user" not in session  # the stale session is cleared


def test_a_session_ends_after_its_lifetime_however_busy(client, app, clock):
    sign_up_and_sign_in(client, app, ANA)
    for _ in range(11):
        clock.advance(minutes=60)
        assert signed_in(client)
    clock.advance(minutes=61)  # 12 h 1 min after signing in
    assert not signed_in(client)


def test_signing_out_everywhere_ends_every_session(app, clock):
    laptop, phone = app.test_client(), app.test_client()
    sign_up_and_sign_in(laptop, app, ANA)
    sign_up_and_sign_in(phone, app, ANA)
    clock.advance(seconds=1)
    response = phone.post(
        "/auth/signout", data={"everywhere": "1", "csrf_token": csrf_token(phone, "/auth/password")}
    )
    assert response.status_code == 303
    assert not signed_in(laptop) and not signed_in(phone)
    sign_up_and_sign_in(laptop, app, ANA)  # signing in again works
    assert signed_in(laptop)


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(app, clock):
    laptop, phone = app.test_client(), app.test_client()
    sign_up_and_sign_in(laptop, app, ANA)
    sign_up_and_sign_in(phone, app, ANA)
    clock.advance(minutes=1)
    new = "a much longer new password"
    response = laptop.post(
        "/auth/password",
        data={
            "current_password": PASSWORD,
            "new_password": new,
            "confirm": new,
            "csrf_token": csrf_token(laptop, "/auth/password"),
        },
    )
    assert response.status_code == 200 and "Your password is changed" in response.get_data(as_text=True)
    assert signed_in(laptop) and not signed_in(phone)
    assert sign_in(phone, ANA, PASSWORD).status_code == 401
    assert sign_in(phone, ANA, new).status_code == 303


def test_a_wrong_current_password_changes_nothing(client, app):
    sign_up_and_sign_in(client, app, ANA)
    response = client.post(
        "/auth/password",
        data={
            "current_password": "not it at all",
            "new_password": "x" * 12,
            "confirm": "x" * 12,
            "csrf_token": csrf_token(client, "/auth/password"),
        },
    )
    assert response.status_code == 422 and "current password is not right" in response.get_data(as_text=True)
    assert signed_in(client)
    assert app.extensions["people"].accounts.verify_password(ANA, PASSWORD)


def test_a_tampered_or_forged_session_cookie_is_not_a_session(app):
    from flask.sessions import SecureCookieSessionInterface

    client = app.test_client()
    sign_up_and_sign_in(client, app, ANA)
    forged = app.test_client()
    other = SecureCookieSessionInterface().get_signing_serializer(app)
    cookie = other.dumps({"user": ANA, "issued_at": "2000-01-01T00:00:00+00:00"})
    forged.set_cookie("session", cookie)
    assert not signed_in(forged)  # signed with our key but issued too long ago
    evil = app.test_client()
    evil.set_cookie("session", cookie[:-3] + "abc")
    assert not signed_in(evil)


def test_the_settings_page_lists_sessions_and_ends_another_one(app, clock):
    import re

    laptop, phone = app.test_client(), app.test_client()
    laptop.environ_base["HTTP_USER_AGENT"] = (
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
    )
    phone.environ_base["HTTP_USER_AGENT"] = (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
    )
    sign_up_and_sign_in(laptop, app, ANA)
    clock.advance(seconds=1)
    sign_in(phone, ANA, PASSWORD)
    page = laptop.get("/auth/settings").get_data(as_text=True)
    assert "Firefox on Linux <strong>(this browser)</strong>" in page
    assert "Mobile Safari on iOS (iPhone)" in page
    ends = re.findall(r'action="(/auth/sessions/[^/"]+/end)"', page)
    assert len(ends) == 2
    phone_row = next(row for row in page.split("<tr>") if "Mobile Safari" in row)
    other = re.search(r'action="(/auth/sessions/[^/"]+/end)"', phone_row).group(1)
    assert laptop.post(other).status_code == 400  # no CSRF token: refused, nothing ended
    assert signed_in(phone)
    ended = laptop.post(other, data={"csrf_token": csrf_token(laptop, "/auth/settings")})
    assert ended.status_code == 303
    assert not signed_in(phone)  # that browser is signed out at once
    assert signed_in(laptop)
    assert "Mobile Safari" not in laptop.get("/auth/settings").get_data(as_text=True)


def test_a_plain_sign_out_ends_the_session_on_the_server(app):
    from tests.support.auth import sign_out

    laptop = app.test_client()
    sign_up_and_sign_in(laptop, app, ANA)
    with laptop.session_transaction() as session:
        copied = dict(session)
    sign_out(laptop)
    thief = app.test_client()
    with thief.session_transaction() as session:
        session.update(copied)
    assert not signed_in(thief)
    assert app.extensions["people"].accounts.list_sessions(ANA) == []
