"""No secret in the logs: passwords (at sign-up, sign-in, a wrong guess, a locked account, a change)
and API tokens (at creation, on every use, valid or not, and revoked) never appear in any log record
of the app, nor in the output of the real server (gunicorn's access and error logs) after the same
things are done over HTTP."""

from __future__ import annotations

import http.cookiejar
import logging
import re
import urllib.parse
import urllib.request

import pytest

from tests.support.auth import CSRF_RE, bearer, csrf_token, sign_in
from tests.support.live_server import LiveServer, run_cli
from tests.support.report import report

PASSWORD = "Correct-Horse-7f3a9e-Battery"
NEW_PASSWORD = "Second-Staple-2b81c4-Orbit"
GUESS = "Wrong-Guess-91d0aa-Lamp"
EMAIL = "secretive@example.org"


def secrets_in(text: str, secrets: list[str]) -> list[str]:
    return [s for s in secrets if s in text]


def test_app_logs_hold_no_password_or_token(app, caplog):
    caplog.set_level(logging.DEBUG)
    client = app.test_client()
    signup = {
        "csrf_token": csrf_token(client, "/auth/signup"),
        "email": EMAIL,
        "display_name": "Sec",
        "password": PASSWORD,
        "confirm": PASSWORD,
    }
    assert client.post("/auth/signup", data=signup).status_code == 303
    client.post("/auth/signout", data={"csrf_token": csrf_token(client, "/auth/password")})
    for password in (GUESS, PASSWORD):
        client.post(
            "/auth/signin",
            data={"csrf_token": csrf_token(client, "/auth/signin"), "email": EMAIL, "password": password},
        )
    page = client.post("/auth/tokens", data={"csrf_token": csrf_token(client, "/auth/tokens"), "label": "ci"})
    token = re.search(r"trk_[A-Za-z0-9_\-]+", page.get_data(as_text=True)).group(0)
    assert app.test_client().get("/api/v1/negotiations", headers=bearer(token)).status_code == 200
    assert (
        app.test_client().get("/api/v1/negotiations", headers=bearer(token[:-4] + "abcd")).status_code == 401
    )
    client.post(
        "/auth/password",
        data={
            "csrf_token": csrf_token(client, "/auth/password"),
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
        },
    )
    for _ in range(6):  # until the account is locked: refusals are logged too
        sign_in(app.test_client(), EMAIL, "locked out soon!!")
    [info] = app.extensions["people"].accounts.list_tokens(EMAIL)
    client.post(
        f"/auth/tokens/{info.token_id}/revoke", data={"csrf_token": csrf_token(client, "/auth/tokens")}
    )

    logged = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert f"signed in: {EMAIL}" in logged and "sign-in failed" in logged  # the lines exist
    assert "sign-in refused while locked" in logged and "API token created" in logged
    secrets = [PASSWORD, NEW_PASSWORD, GUESS, token, token[4:], "locked out soon!!"]
    assert secrets_in(logged, secrets) == []
    for record in caplog.records:  # nor in the arguments a handler could format differently
        assert not any(isinstance(arg, str) and secrets_in(arg, secrets) for arg in (record.args or ()))
    report("security", "secrets in logs", {"app log records checked": len(caplog.records)})


class Browser:
    """urllib with a cookie jar: a person's browser talking to the live server."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str, headers: dict | None = None) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base + path, headers=headers or {}))

    def post_form(self, path: str, fields: dict) -> tuple[int, str]:
        _, page = self.get(path)
        data = urllib.parse.urlencode({**fields, "csrf_token": CSRF_RE.search(page).group(1)}).encode()
        return self._open(urllib.request.Request(self.base + path, data=data))

    def _open(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


@pytest.mark.slow
def test_server_output_holds_no_password_or_token(secure_config, tmp_path):
    run_cli(secure_config, "user", "add", EMAIL, "--password", PASSWORD)
    server = LiveServer(secure_config, tmp_path / "server.log", workers=1, threads=2).start()
    try:
        browser = Browser(server.base_url)
        assert browser.post_form("/auth/signin", {"email": EMAIL, "password": GUESS})[0] == 401
        assert browser.post_form("/auth/signin", {"email": EMAIL, "password": PASSWORD})[0] == 200
        _status, page = browser.post_form("/auth/tokens", {"label": "ci"})
        token = re.search(r"trk_[A-Za-z0-9_\-]+", page).group(0)
        assert browser.get("/api/v1/negotiations", bearer(token))[0] == 200
        assert browser.get("/api/v1/negotiations", bearer(token[:-4] + "abcd"))[0] == 401
        assert (
            browser.post_form(
                "/auth/password",
                {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
            )[0]
            == 200
        )
    finally:
        server.stop()
    output = server.log_text()
    access_lines = [line for line in output.splitlines() if '"GET /' in line or '"POST /' in line]
    assert len(access_lines) >= 8, "the access log is not there: the check would prove nothing"
    assert secrets_in(output, [PASSWORD, NEW_PASSWORD, GUESS, token, token[4:]]) == []
    report("security", "secrets in logs", {"server log lines checked": len(output.splitlines())})
