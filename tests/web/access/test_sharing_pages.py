"""Sharing over HTTP: the owner shares with a person or a team and revokes; the lists and pages follow
at once (the read model catches up before answering); the access record says who could see it and
since when; bad input is refused beside its field and changes nothing."""

from __future__ import annotations

import pytest

from tests.support.access import AUDITOR, EDITOR, LEAD, MEMBER, OWNER, STRANGER, VIEWER, web_config
from tests.support.auth import api_token, bearer, sign_up_and_sign_in
from tests.support.config import make_config


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def app():
    from tracker import create_app

    app = create_app(web_config(make_config(store="memory")))
    yield app
    app.extensions["people"].close()
    app.extensions["tracker"].close()


def client_for(app, email):
    client = app.test_client()
    sign_up_and_sign_in(client, app, email)
    return client


def start(client, title="Staff engineer scope", kind="internal_role_change") -> str:
    response = client.post("/negotiations/new", data={"title": title, "kind": kind})
    assert response.status_code == 303
    return response.headers["Location"].split("/")[2].split("#")[0]


def test_a_new_negotiation_is_listed_at_once_for_its_owner_only(app):
    owner, stranger = client_for(app, OWNER), client_for(app, STRANGER)
    nid = start(owner)
    assert "Staff engineer scope" in text(owner.get("/"))  # no waiting for the read model
    assert "Staff engineer scope" not in text(stranger.get("/"))
    token = api_token(app, OWNER)
    listed = app.test_client().get("/api/v1/negotiations", headers=bearer(token)).get_json()
    assert [n["id"] for n in listed["negotiations"]] == [nid]


def test_sharing_with_a_person_and_revoking(app):
    owner, viewer = client_for(app, OWNER), client_for(app, VIEWER)
    nid = start(owner)
    shared = owner.post(
        f"/negotiations/{nid}/access", data={"kind": "user", "email": VIEWER, "role": "viewer"}
    )
    assert shared.status_code == 303
    assert viewer.get(f"/negotiations/{nid}").status_code == 200
    listed = text(viewer.get("/"))
    assert "Staff engineer scope" in listed and f"shared by {OWNER} · viewer" in listed
    assert viewer.post(f"/negotiations/{nid}/steps/add_note", data={"text": "sneaky"}).status_code == 403
    page = text(owner.get(f"/negotiations/{nid}/access"))
    assert f"Revoke {VIEWER}" in page and "shared directly" in page
    assert (
        owner.post(
            f"/negotiations/{nid}/access/revoke", data={"kind": "user", "principal": VIEWER}
        ).status_code
        == 303
    )
    assert viewer.get(f"/negotiations/{nid}").status_code == 404
    assert "Staff engineer scope" not in text(viewer.get("/"))
    history = text(owner.get(f"/negotiations/{nid}/access"))
    assert "could no longer see it (was viewer)" in history
    assert app.extensions["tracker"].get(nid).notes == []


def test_an_editor_logs_steps_as_themselves(app):
    owner, editor = client_for(app, OWNER), client_for(app, EDITOR)
    nid = start(owner)
    owner.post(f"/negotiations/{nid}/access", data={"kind": "user", "email": EDITOR, "role": "editor"})
    assert (
        editor.post(f"/negotiations/{nid}/steps/add_note", data={"text": "Ask about scope"}).status_code
        == 303
    )
    assert app.extensions["tracker"].timeline(nid)[-1].actor == EDITOR
    assert (
        editor.post(
            f"/negotiations/{nid}/access", data={"kind": "user", "email": VIEWER, "role": "viewer"}
        ).status_code
        == 403
    )
    page = text(editor.get(f"/negotiations/{nid}/access"))
    assert "Share with this person" not in page and "Revoke" not in page


def test_sharing_with_a_team_reaches_its_members_as_their_team_role_allows(app):
    owner, lead, member, auditor = (client_for(app, e) for e in (OWNER, LEAD, MEMBER, AUDITOR))
    team = lead.post("/teams/new", data={"name": "Platform"})
    team_id = team.headers["Location"].rsplit("/", 1)[1]
    assert lead.post(f"/teams/{team_id}/members", data={"email": MEMBER, "role": "member"}).status_code == 303
    assert (
        lead.post(f"/teams/{team_id}/members", data={"email": AUDITOR, "role": "auditor"}).status_code == 303
    )
    nid = start(owner)
    assert member.get(f"/negotiations/{nid}").status_code == 404
    shared = owner.post(
        f"/negotiations/{nid}/access", data={"kind": "team", "team_id": team_id, "role": "editor"}
    )
    assert shared.status_code == 303
    assert (
        member.post(f"/negotiations/{nid}/steps/add_note", data={"text": "From the team"}).status_code == 303
    )
    assert auditor.get(f"/negotiations/{nid}").status_code == 200
    assert auditor.post(f"/negotiations/{nid}/steps/add_note", data={"text": "audit"}).status_code == 403
    assert lead.post(f"/teams/{team_id}/members/remove", data={"email": MEMBER}).status_code == 303
    assert member.get(f"/negotiations/{nid}").status_code == 404  # removed from the team: gone at once
    visible = text(owner.get(f"/negotiations/{nid}/access"))
    assert f"{AUDITOR}</th><td>Viewer" in visible and MEMBER in visible  # the history still names him


@pytest.mark.parametrize(
    "form, field, message",
    [
        ({"kind": "user", "email": "not an address", "role": "viewer"}, "email", "not a valid email"),
        ({"kind": "user", "email": "v\u0456c@example.org", "role": "viewer"}, "email", "mixes letters"),
        (
            {"kind": "user", "email": "nobody@example.org", "role": "viewer"},
            "email",
            "ask them to sign up first",
        ),
        ({"kind": "user", "email": VIEWER, "role": "owner"}, "role", "viewer (read only) or editor"),
        ({"kind": "user", "email": OWNER, "role": "viewer"}, "email", "always has full access"),
        ({"kind": "team", "team_id": "not-a-team", "role": "viewer"}, "team_id", "no such team"),
    ],
)
def test_bad_sharing_input_is_refused_and_changes_nothing(app, form, field, message):
    owner = client_for(app, OWNER)
    client_for(app, VIEWER)
    nid = start(owner)
    response = owner.post(f"/negotiations/{nid}/access", data=form)
    assert response.status_code == 422 and message in text(response)
    assert app.extensions["people"].access.grants(nid) == []


def test_someone_without_access_cannot_learn_of_the_sharing_page(app):
    owner, stranger = client_for(app, OWNER), client_for(app, STRANGER)
    nid = start(owner)
    for response in (
        stranger.get(f"/negotiations/{nid}/access"),
        stranger.post(
            f"/negotiations/{nid}/access", data={"kind": "user", "email": STRANGER, "role": "editor"}
        ),
        stranger.post(f"/negotiations/{nid}/access/revoke", data={"kind": "user", "principal": OWNER}),
    ):
        assert response.status_code == 404 and "Staff engineer scope" not in text(response)
    assert app.extensions["people"].access.grants(nid) == []
