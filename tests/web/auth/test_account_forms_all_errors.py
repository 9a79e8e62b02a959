"""The sign-up and password forms show every mistake at once, beside its field, and their inputs
carry the limits the server checks."""

from __future__ import annotations

import re

from tests.support.auth import PASSWORD, csrf_token, sign_up_and_sign_in
from tests.support.web_auth import ANA
from tracker.accounts.emails import MAX_LENGTH as EMAIL_TEXT
from tracker.domain.limits import SHORT_TEXT


def errors_beside(page: str) -> dict[str, str]:
    return dict(re.findall(r'<p class="error" id="f-([^"]+)-error">([^<]*)</p>', page))


def post(client, url: str, data: dict):
    return client.post(url, data={**data, "csrf_token": csrf_token(client, url)})


def test_a_sign_up_with_three_mistakes_shows_all_three(client, app):
    response = post(
        client,
        "/auth/signup",
        {
            "email": "not-an-address",
            "display_name": "x" * (SHORT_TEXT + 1),
            "password": "short",
            "confirm": "shorter",
        },
    )
    errors = errors_beside(response.get_data(as_text=True))
    assert response.status_code == 422
    assert set(errors) == {"email", "display_name", "password", "confirm"}
    assert "at least 10 characters" in errors["password"]


def test_a_lookalike_address_is_refused_beside_its_field_and_a_full_width_one_is_taken(client, app):
    sign_up_and_sign_in(app.test_client(), app, "owner@example.org")
    form = {"password": PASSWORD, "confirm": PASSWORD}
    cyrillic = post(client, "/auth/signup", {**form, "email": "\u043ewner@example.org"})
    assert cyrillic.status_code == 422
    assert "mixes letters of different alphabets" in errors_beside(cyrillic.get_data(as_text=True))["email"]
    full_width = post(client, "/auth/signup", {**form, "email": "ｏｗｎｅｒ@example.org"})
    assert full_width.status_code in (409, 422)
    assert "already exists" in errors_beside(full_width.get_data(as_text=True))["email"]


def test_a_password_change_with_every_mistake_shows_them_all(client, app):
    sign_up_and_sign_in(client, app, ANA)
    response = post(
        client,
        "/auth/password",
        {"current_password": "wrong one!!", "new_password": "short", "confirm": "other"},
    )
    errors = errors_beside(response.get_data(as_text=True))
    assert response.status_code == 422
    assert set(errors) == {"current_password", "new_password", "confirm"}
    assert app.extensions["people"].accounts.verify_password(ANA, PASSWORD)  # unchanged


def test_the_sign_up_inputs_carry_the_server_limits(client):
    page = client.get("/auth/signup").get_data(as_text=True).replace("\n", " ")
    assert re.search(rf'name="email"[^>]*maxlength="{EMAIL_TEXT}"', page)
    assert re.search(rf'name="display_name"[^>]*maxlength="{SHORT_TEXT}"', page)
