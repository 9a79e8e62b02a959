"""CSRF: every form POST of the pages (each POST route of the pages, auth and teams blueprints, found
as a real form by walking the pages) is refused with 400 without the form's token, or with another
session's token, and stores nothing. The JSON API is exempt: it takes no cookies, only bearer tokens
(a cookie-carrying cross-site POST to it is 401, see test_sign_in_required)."""

from __future__ import annotations

from urllib.parse import urlsplit

from werkzeug.datastructures import MultiDict

from tests.support.auth import csrf_token, sign_up_and_sign_in
from tests.support.form_fuzz import baseline, discover, endpoint_of, page_urls, post_endpoints
from tests.support.form_world import World
from tests.support.report import report
from tests.support.security import stored_events


def test_every_form_post_needs_its_csrf_token(app):
    world = World.make(app)
    newcomer = app.test_client()  # someone with no negotiations yet: the list offers the sample
    sign_up_and_sign_in(newcomer, app, "csrf-newcomer@example.org")
    forms = [(world.client, f) for f in discover(world.client, page_urls(app, world.seeds()))]
    forms += [(newcomer, f) for f in discover(newcomer, ["/"])]
    endpoints = {endpoint_of(app, urlsplit(f.action).path) for _, f in forms}
    assert post_endpoints(app) <= endpoints, post_endpoints(app) - endpoints
    other_session = app.test_client()
    World.make(app)  # another person, whose token is valid, but for their own session
    stolen = csrf_token(other_session, "/auth/signin")

    attempts = 0
    for client, form in forms:
        action = urlsplit(form.action).path
        without = [(k, v) for k, v in baseline(form) if k != "csrf_token"]
        for label, data in (
            ("no token", without),
            ("another session's token", [*without, ("csrf_token", stolen)]),
        ):
            before = stored_events(app)
            response = client.post(action, data=MultiDict(data))
            attempts += 1
            where = f"{endpoint_of(app, action)} with {label}"
            assert response.status_code == 400, (where, response.status_code)
            assert "CSRF" in response.get_data(as_text=True), where
            assert stored_events(app) == before, f"{where} stored something"
    assert world.client.get("/").status_code == 200  # the refused sign-out did not sign out
    report(
        "security",
        "csrf",
        {"form routes": len(endpoints), "forms": len(forms), "forged posts refused": attempts},
    )
