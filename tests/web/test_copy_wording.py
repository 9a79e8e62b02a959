"""The words people read: plurals for 1 and 2, "none yet" where nothing is counted yet, and problems
named by the label of their field (never the raw name such as "confirm")."""

from __future__ import annotations

import re

import pytest

from tests.support.auth import sign_up_and_sign_in
from tests.support.config import make_config
from tests.support.web import fill, text


@pytest.fixture
def signed_in():
    from tracker import create_app

    app = create_app(
        make_config(
            store="memory",
            secret_key="copy",
            csrf_enabled=False,
            auth_required=True,
            password_hash_profile="CHEAPEST",
        )
    )
    client = app.test_client()
    sign_up_and_sign_in(client, app, "lena@example.com")
    yield app, client
    app.extensions["people"].close()
    app.extensions["tracker"].close()


def summary(html: str) -> str:
    return html.split('id="error-summary"', 1)[1].split("</div>", 1)[0]


def team_with(app, client, negotiations: int) -> str:
    people = app.extensions["people"]
    team_id = people.teams.create_team("Platform", actor="lena@example.com")
    for number in range(negotiations):
        nid = app.extensions["tracker"].start_negotiation(
            actor="lena@example.com", title=f"Role {number}", kind="internal_role_change"
        )
        people.access.share_with_team(nid, team_id, "viewer", actor="lena@example.com")
    return text(client.get(f"/teams/{team_id}/dashboard"))


def test_an_empty_dashboard_says_none_yet(signed_in):
    page = team_with(*signed_in, negotiations=0)
    assert 'id="total">none yet<' in page and 'id="median-days">none yet<' in page
    assert "Internal role negotiations: <strong>none yet</strong>" in page
    assert "0 of 0" not in page and "0.0 days" not in page and "0 negotiations" not in page


@pytest.mark.parametrize("count, words", [(1, "negotiation ·"), (2, "negotiations ·")])
def test_the_dashboard_counts_in_the_right_plural(signed_in, count, words):
    page = team_with(*signed_in, negotiations=count)
    assert re.search(rf'id="total">{count}</strong> {words}', page)
    assert "stale (no step for 14 days)" in page
    assert f"<strong>0</strong> of\n     <strong>{count}</strong> reached agreement" in page


def test_the_timeline_counts_one_step_and_two_steps(client, tracker):
    nid = tracker.start_negotiation(actor="alex", title="Offer", kind="job_offer")
    assert "1 step." in text(client.get(f"/negotiations/{nid}")) and "1 steps" not in text(
        client.get(f"/negotiations/{nid}")
    )
    tracker.step(nid, "add_note", actor="alex", text="Called Dana")
    assert "2 steps." in text(client.get(f"/negotiations/{nid}"))


def test_sign_up_names_the_field_as_labelled(signed_in):
    app, _ = signed_in
    response = app.test_client().post(
        "/auth/signup",
        data={
            "email": "new@example.com",
            "password": "correct horse battery",
            "confirm": "other horse battery",
        },
    )
    assert response.status_code == 422
    found = summary(text(response))
    assert '<a class="error-field" href="#f-confirm">The password again</a>: The two passwords' in found
    assert "confirm:" not in found


def test_a_password_change_names_its_fields_as_labelled(signed_in):
    _, client = signed_in
    response = client.post(
        "/auth/password",
        data={
            "current_password": "wrong password here",
            "new_password": "a new long password",
            "confirm": "different one",
        },
    )
    assert "The new password again</a>: The two passwords are not the same." in summary(text(response))
    response = client.post(
        "/auth/password",
        data={
            "current_password": "wrong password here",
            "new_password": "a new long password",
            "confirm": "a new long password",
        },
    )
    assert response.status_code == 422 and ">Current password</a>:" in summary(text(response))


def test_team_and_token_forms_name_their_fields_as_labelled(signed_in):
    _, client = signed_in
    found = summary(text(client.post("/teams/new", data={"name": ""})))
    assert ">Team name</a>:" in found and ">name<" not in found
    found = summary(text(client.post("/auth/tokens", data={"label": "x" * 500})))
    assert ">What it is for</a>:" in found


def test_a_step_form_names_a_general_problem_in_words(client, nid):
    response = fill(client, f"/negotiations/{nid}/steps/add_note", {"text": "hi", "expected_version": "abc"})
    assert response.status_code == 422
    found = summary(text(response))
    assert (
        "The version you saw:" in found
        and "expected_version" not in found
        and "expected version" not in found
    )
