"""Test-client fixtures for the HTML pages: an app on the in-memory store (CSRF off unless a test
turns it on), a negotiation with parties and terms, and a helper that fills in a form like a browser."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.web import HIDDEN_RE, fill, hidden_fields, make_app, text  # noqa: F401
from tracker.demo import load_demo


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
