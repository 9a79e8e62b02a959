"""With ``auth_required`` off (a single-user local set-up): no sign-in, the local actor on every
event, every negotiation listed and open; the account and team pages still need a person."""

from __future__ import annotations

import pytest

from tests.support.auth import sign_up_and_sign_in
from tests.support.web_auth import ANA, auth_app
from tracker.web.auth.sessions import safe_next


@pytest.fixture
def local_app():
    app = auth_app(auth_required=False, csrf_enabled=False, local_actor="me")
    yield app
    app.extensions["people"].close()
    app.extensions["tracker"].close()


def test_everything_is_open_to_the_local_user(local_app):
    client = local_app.test_client()
    tracker = local_app.extensions["tracker"]
    someone_elses = tracker.start_negotiation(actor="sam@example.org", title="Promotion", kind="promotion")
    assert "Promotion" in client.get("/").get_data(as_text=True)
    assert client.get(f"/negotiations/{someone_elses}").status_code == 200
    assert (
        client.post(f"/negotiations/{someone_elses}/steps/add_note", data={"text": "hi"}).status_code == 303
    )
    assert tracker.timeline(someone_elses)[-1].actor == "me"
    listed = client.get("/api/v1/negotiations").get_json()
    assert [n["id"] for n in listed["negotiations"]] == [str(someone_elses)]


def test_teams_and_tokens_still_need_someone_signed_in(local_app):
    client = local_app.test_client()
    for url in ("/teams", "/auth/tokens", "/auth/password", "/teams/new"):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/auth/signin"), url
    sign_up_and_sign_in(client, local_app, ANA)
    assert client.get("/teams").status_code == 200


def test_a_signed_in_person_is_the_actor_even_without_sign_in_required(local_app):
    client = local_app.test_client()
    sign_up_and_sign_in(client, local_app, ANA)
    started = client.post("/negotiations/new", data={"title": "Offer", "kind": "job_offer"})
    nid = started.headers["Location"].split("/")[2].split("#")[0]
    assert local_app.extensions["tracker"].timeline(nid)[0].actor == ANA


@pytest.mark.parametrize(
    "target, followed",
    [
        ("/negotiations/1?x=2", "/negotiations/1?x=2"),
        ("/", "/"),
        (None, "/"),
        ("", "/"),
        ("https://evil.example/", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("/ok\r\nSet-Cookie: x=1", "/"),
        ("evil.example", "/"),
        ("http:/evil.example", "/"),
        ("/\tevil", "/"),
    ],
)
def test_only_paths_on_this_site_are_followed_after_sign_in(target, followed):
    assert safe_next(target) == followed
