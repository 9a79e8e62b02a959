"""No password or token ever reaches a log line, whatever happens: sign-up, sign-in (right, wrong,
locked), a password change, tokens made, used, mistyped and revoked; and the sign-in page keeps
no password in what it sends back."""

from __future__ import annotations

import logging
import re

from tests.auth.conftest import ANA
from tests.auth_helpers import bearer, csrf_token, sign_in

SECRET = "tangerine-submarine-42"
NEW_SECRET = "violet-harbour-lantern-7"


def test_no_secret_in_any_log_line(client, app, caplog):
    caplog.set_level(logging.DEBUG)
    signup = client.post(
        "/auth/signup",
        data={
            "email": ANA,
            "password": SECRET,
            "confirm": SECRET,
            "csrf_token": csrf_token(client, "/auth/signup"),
        },
    )
    assert signup.status_code == 303
    client.post("/auth/signout", data={"csrf_token": csrf_token(client, "/auth/password")})
    for wrong in (SECRET + "x", SECRET.upper()):
        assert SECRET + "x" not in sign_in(client, ANA, wrong).get_data(as_text=True)
    assert sign_in(client, ANA, SECRET).status_code == 303
    changed = client.post(
        "/auth/password",
        data={
            "current_password": SECRET,
            "new_password": NEW_SECRET,
            "confirm": NEW_SECRET,
            "csrf_token": csrf_token(client, "/auth/password"),
        },
    )
    assert changed.status_code == 200
    made = client.post("/auth/tokens", data={"label": "ci", "csrf_token": csrf_token(client, "/auth/tokens")})
    token = re.search(r'<code class="token">(trk_[^<]+)</code>', made.get_data(as_text=True)).group(1)
    assert client.get("/api/v1/negotiations", headers=bearer(token)).status_code == 200
    assert client.get("/api/v1/negotiations", headers=bearer(token + "typo")).status_code == 401
    for _ in range(6):
        sign_in(app.test_client(), ANA, "locked out soon!!")
    [info] = app.extensions["people"].accounts.list_tokens(ANA)
    client.post(
        f"/auth/tokens/{info.token_id}/revoke", data={"csrf_token": csrf_token(client, "/auth/tokens")}
    )

    logged = caplog.text
    assert "signed in: ana@example.org" in logged and "sign-in failed" in logged  # the lines exist
    assert "sign-in refused while locked" in logged and "API token created" in logged
    for secret in (SECRET, NEW_SECRET, token, token[len("trk_") :], SECRET + "x", "locked out soon!!"):
        assert secret not in logged
    for record in caplog.records:
        assert not any(
            isinstance(arg, str) and (SECRET in arg or token in arg) for arg in (record.args or ())
        )
