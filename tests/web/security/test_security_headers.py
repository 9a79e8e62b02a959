"""Every answer carries the security headers once each (tracker.web.security); a header a view set
itself is kept as the view set it; HSTS only when cookies are sent over HTTPS only."""

from __future__ import annotations

from tests.support.web import make_app
from tracker.web.security import HEADERS


def added_to(app, **view_headers: str):
    @app.get("/_headers_probe")
    def probe():
        return "ok", 200, view_headers

    return app.test_client().get("/_headers_probe").headers


def test_each_header_once_on_every_kind_of_answer():
    app = make_app()
    client = app.test_client()
    for answer in (client.get("/ping"), client.get("/nowhere"), client.get("/"), client.post("/ping")):
        for name, value in HEADERS.items():
            assert answer.headers.getlist(name) == [value], (answer.status, name)
        assert "Strict-Transport-Security" not in answer.headers
    app.extensions["tracker"].close()


def test_a_header_the_view_set_is_kept():
    app = make_app()
    headers = added_to(
        app, **{"content-security-policy": "default-src 'none'", "X-Frame-Options": "SAMEORIGIN"}
    )
    assert headers.getlist("Content-Security-Policy") == ["default-src 'none'"]
    assert headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    assert headers["Referrer-Policy"] == HEADERS["Referrer-Policy"]
    app.extensions["tracker"].close()


def test_hsts_when_cookies_are_secure_only():
    app = make_app(session_cookie_secure=True)
    headers = added_to(app)
    assert headers.getlist("Strict-Transport-Security") == ["max-age=31536000"]
    app.extensions["tracker"].close()
