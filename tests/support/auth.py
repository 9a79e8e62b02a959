"""Signing people in for tests: through the real sign-in form (with its CSRF token when CSRF is on)
and API tokens for the JSON API. Every test suite that needs a signed-in user uses these.

    sign_up_and_sign_in(client, app, "ana@example.org")   # the client now carries Ana's session
    token = api_token(app, "ana@example.org")              # Authorization: Bearer <token>
    client.get("/api/v1/negotiations", headers=bearer(token))

Hashing stays real; pass ``password_hash_profile="CHEAPEST"`` in the app's config to keep it fast.
"""

from __future__ import annotations

import re
from typing import Any

PASSWORD = "correct horse battery staple"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def people(app: Any) -> Any:
    return app.extensions["people"]


def ensure_user(app: Any, email: str, password: str = PASSWORD) -> str:
    """The account for ``email`` (created with ``password`` unless it exists); returns its address."""
    accounts = people(app).accounts
    if not accounts.user_exists(email):
        accounts.sign_up(email, password)
    return accounts.require_user(email).email


def csrf_token(client: Any, url: str) -> str | None:
    """The CSRF token of the form at ``url`` (None when the app has CSRF off)."""
    page = client.get(url)
    found = CSRF_RE.search(page.get_data(as_text=True))
    return found.group(1) if found else None


def sign_in(client: Any, email: str, password: str = PASSWORD, next: str = "/") -> Any:
    """Posts the sign-in form; returns the response (303 to ``next`` on success)."""
    form = {"email": email, "password": password, "next": next}
    token = csrf_token(client, "/auth/signin")
    if token:
        form["csrf_token"] = token
    return client.post("/auth/signin", data=form)


def sign_up_and_sign_in(client: Any, app: Any, email: str, password: str = PASSWORD) -> str:
    """Creates the account if needed and signs ``client`` in through the sign-in form. Returns the
    (normalised) email, which is the actor on every event the client records."""
    address = ensure_user(app, email, password)
    response = sign_in(client, address, password)
    assert response.status_code == 303, (response.status_code, response.get_data(as_text=True)[:300])
    return address


def sign_out(client: Any) -> Any:
    form = {}
    token = csrf_token(client, "/auth/password")
    if token:
        form["csrf_token"] = token
    return client.post("/auth/signout", data=form)


def api_token(app: Any, email: str, password: str = PASSWORD, label: str = "tests") -> str:
    """A bearer token for ``email`` (the account is created if needed)."""
    address = ensure_user(app, email, password)
    return people(app).accounts.create_token(address, label=label).token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
