"""Two app servers on one store, each with its own cache: a form filled in on one while a step was
recorded through the other. The server's cached copy is at the version the form was filled in on,
so it records without reading the store first; the store's version check still catches the step
recorded meanwhile: 409, the input kept, nothing stored twice or lost."""

from __future__ import annotations

import pytest

from tests.support.web import hidden_fields, text
from tests.web.test_form_errors import PROPOSAL
from tracker import create_app


@pytest.fixture
def servers(store_config):
    apps = [
        create_app(dict(store_config, csrf_enabled=False, secret_key="test", auth_required=False))
        for _ in range(2)
    ]
    yield apps
    for app in apps:
        app.extensions["people"].close()
        app.extensions["tracker"].close()


@pytest.fixture
def nid(servers):
    tracker = servers[0].extensions["tracker"]
    nid = tracker.start_negotiation(actor="alex", title="Data Engineer offer", kind="job_offer")
    for name, role, side in (
        ("Alex Morgan", "candidate", "owner"),
        ("Dana Kim", "hiring manager", "counterpart"),
    ):
        tracker.step(nid, "join_party", actor="alex", name=name, role=role, side=side)
    tracker.step(
        nid,
        "add_term",
        actor="alex",
        key="base_salary",
        label="Base salary",
        kind="money",
        currency="EUR",
        better="higher",
    )
    tracker.step(
        nid, "add_term", actor="alex", key="remote_days", label="Remote days", kind="days", better="higher"
    )
    return str(nid)


def test_a_step_recorded_through_the_other_server_makes_the_form_a_conflict(servers, nid):
    one, other = (app.test_client() for app in servers)
    url = f"/negotiations/{nid}/steps/make_proposal"
    form = hidden_fields(text(one.get(url)))  # the first server caches the negotiation at this version
    seen = int(form["expected_version"])
    moved = other.post(
        f"/negotiations/{nid}/steps/add_note",
        data=dict(
            hidden_fields(text(other.get(f"/negotiations/{nid}/steps/add_note"))),
            text="Budget frozen until May",
        ),
    )
    assert moved.status_code == 303
    refused = one.post(url, data=dict(form, **PROPOSAL))
    assert refused.status_code == 409
    assert f"it is now at version {seen + 1}" in text(refused) and "Budget frozen until May" in text(refused)
    again = one.post(url, data=dict(hidden_fields(text(refused)), **PROPOSAL))
    assert again.status_code == 303 and again.headers["Location"].endswith(f"#v{seen + 2}")
    stored = servers[1].extensions["tracker"].timeline(nid)
    assert [e.event_type for e in stored[seen:]] == ["NoteAdded", "ProposalMade"]


def test_the_same_form_sent_to_both_servers_is_stored_once(servers, nid):
    clients = [app.test_client() for app in servers]
    url = f"/negotiations/{nid}/steps/add_note"
    form = dict(hidden_fields(text(clients[0].get(url))), text="Sent from two tabs")
    clients[1].get(url)  # both servers have it cached at the same version
    answers = [client.post(url, data=form) for client in clients]
    assert [a.status_code for a in answers] == [303, 303]
    assert answers[0].headers["Location"] == answers[1].headers["Location"]
    notes = [n.text for n in servers[0].extensions["tracker"].get(nid).notes]
    assert notes == ["Sent from two tabs"]
