"""Test-client fixtures for the HTML pages: an app on the in-memory store (CSRF off unless a test
turns it on), a negotiation with parties and terms, and a helper that fills in a form like a browser."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tracker import create_app
from tracker.demo import load_demo

HIDDEN_RE = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def make_app(**config: Any):
    return create_app(
        {"store": "memory", "csrf_enabled": False, "secret_key": "test", "auth_required": False, **config}
    )


@pytest.fixture
def app():
    app = make_app()
    yield app
    app.extensions["tracker"].close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def tracker(app):
    return app.extensions["tracker"]


@pytest.fixture
def nid(tracker):
    """A job offer with three parties (candidate, hiring manager, recruiter) and five terms."""
    nid = tracker.start_negotiation(actor="alex", title="Data Engineer offer", kind="job_offer")

    def step(command: str, **fields: Any):
        return tracker.step(nid, command, actor="alex", **fields).value

    step("join_party", name="Alex Morgan", role="candidate", side="owner")
    step("join_party", name="Dana Kim", role="hiring manager", side="counterpart")
    step("join_party", name="Rick Alvarez", role="recruiter", side="counterpart")
    step("add_term", key="base_salary", label="Base salary", kind="money", currency="EUR", better="higher")
    step("add_term", key="remote_days", label="Remote days", kind="days", better="higher")
    step("add_term", key="car", label="Company car", kind="boolean")
    step("add_term", key="start_date", label="Start date", kind="date")
    step("add_term", key="title", label="Title", kind="choice", options="Engineer, Senior Engineer")
    return str(nid)


@pytest.fixture
def demo(tracker) -> str:
    """The 40-step sample negotiation (tracker demo: prop1..prop4, agreed on prop4)."""
    return str(load_demo(tracker))


def hidden_fields(html: str) -> dict[str, str]:
    return dict(HIDDEN_RE.findall(html))


def fill(client, url: str, data: dict[str, Any], *, follow: bool = False):
    """GETs the form at ``url``, keeps its hidden fields (csrf, version, request id) and posts ``data``."""
    page = client.get(url)
    assert page.status_code == 200, page.get_data(as_text=True)[:500]
    form = hidden_fields(page.get_data(as_text=True))
    form.update(data)
    return client.post(url, data=form, follow_redirects=follow)


def text(response) -> str:
    return response.get_data(as_text=True)
