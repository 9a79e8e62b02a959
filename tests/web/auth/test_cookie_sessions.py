"""The session cookie is verified once and remembered: the same cookie reads the same session, a
tampered or re-keyed one is not trusted, an old one still expires, and the cookie is sent back only
when the session changed."""

from __future__ import annotations

import time

from flask import Flask, session

from tracker.web.auth.cookie_sessions import RememberingSessionInterface


def tiny_app(lifetime_seconds: int = 3600) -> Flask:
    app = Flask(__name__)
    app.config.update(SECRET_KEY="one", SESSION_REFRESH_EACH_REQUEST=False)
    app.config["PERMANENT_SESSION_LIFETIME"] = lifetime_seconds
    app.session_interface = RememberingSessionInterface()

    @app.post("/set")
    def set_value():
        session.permanent = True
        session["who"] = "ana@example.org"
        session["flashes"] = [("info", "Saved.")]
        return "ok"

    @app.get("/read")
    def read():
        return repr((session.get("who"), session.get("flashes")))

    @app.post("/touch")
    def touch():
        session["flashes"].append(("info", "Again."))  # a nested change, marked by hand as Flask asks
        session.modified = True
        return "ok"

    return app


def cookie_of(response) -> str | None:
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith("session="):
            return header.split(";", 1)[0].removeprefix("session=")
    return None


def test_the_same_cookie_reads_the_same_session_each_time_and_is_not_sent_back():
    app = tiny_app()
    client = app.test_client()
    assert cookie_of(client.post("/set"))
    for _ in range(3):
        response = client.get("/read")
        assert response.get_data(as_text=True) == "('ana@example.org', [('info', 'Saved.')])"
        assert cookie_of(response) is None  # nothing changed: no Set-Cookie


def test_a_change_to_a_remembered_session_does_not_leak_into_the_next_request():
    app = tiny_app()
    client = app.test_client()
    client.post("/set")
    cookie = client.get_cookie("session").value
    client.get("/read")  # remembered now
    response = client.post("/touch")
    assert cookie_of(response)  # changed: sent back
    other = app.test_client()
    other.set_cookie("session", cookie)  # the old cookie still reads the old session
    assert other.get("/read").get_data(as_text=True) == "('ana@example.org', [('info', 'Saved.')])"


def test_a_tampered_cookie_or_another_key_is_not_trusted_even_after_the_real_one_was_remembered():
    app = tiny_app()
    client = app.test_client()
    client.post("/set")
    cookie = client.get_cookie("session").value
    client.get("/read")
    tampered = app.test_client()
    tampered.set_cookie("session", cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB"))
    assert tampered.get("/read").get_data(as_text=True) == "(None, None)"
    app.config["SECRET_KEY"] = "two"  # rotated: the cookie signed with "one" is no longer valid
    assert client.get("/read").get_data(as_text=True) == "(None, None)"
    app.config["SECRET_KEY_FALLBACKS"] = ["one"]  # unless the old key is kept as a fallback
    assert client.get("/read").get_data(as_text=True) == "('ana@example.org', [('info', 'Saved.')])"


def test_a_remembered_cookie_still_expires(monkeypatch):
    app = tiny_app(lifetime_seconds=60)
    client = app.test_client()
    client.post("/set")
    assert client.get("/read").get_data(as_text=True).startswith("('ana@example.org'")
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get("/read").get_data(as_text=True) == "(None, None)"
