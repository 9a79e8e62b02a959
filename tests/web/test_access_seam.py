"""The pages ask the identity seam before reading or writing: no access is 404 (nothing hints that
the negotiation exists, and the list leaves it out), read-only is 403 on every form."""

import pytest

from tests.support.web import text
from tracker.domain.errors import NotFound
from tracker.web.identity import Forbidden


@pytest.fixture
def read_only(app, nid):
    def check(negotiation_id, level):
        if level == "write":
            raise Forbidden("You may read this negotiation but not change it.")

    app.extensions["access_check"] = check


@pytest.fixture
def hidden(app, nid):
    def check(negotiation_id, level):
        raise NotFound(f"No negotiation {negotiation_id}.")

    app.extensions["access_check"] = check


def test_a_reader_sees_the_page_but_no_form(client, tracker, nid, read_only):
    tracker.step(
        nid,
        "make_proposal",
        actor="alex",
        from_party="p2",
        to_parties=["p1"],
        values={"base_salary": {"amount": "1", "currency": "EUR"}},
    )
    assert client.get(f"/negotiations/{nid}").status_code == 200
    assert client.get(f"/negotiations/{nid}/steps/add_note").status_code == 403
    response = client.post(f"/negotiations/{nid}/steps/add_note", data={"text": "sneaky"})
    assert response.status_code == 403 and "not change it" in text(response)
    assert client.post(f"/negotiations/{nid}/proposals/prop1/accept", data={"party": "p1"}).status_code == 403
    assert tracker.get(nid).notes == [] and tracker.get(nid).proposals["prop1"].is_open


def test_without_access_a_negotiation_does_not_exist(client, tracker, nid, hidden):
    assert client.get(f"/negotiations/{nid}").status_code == 404
    assert client.post(f"/negotiations/{nid}/steps/add_note", data={"text": "x"}).status_code == 404
    assert "Data Engineer offer" not in text(client.get("/"))


def test_the_actor_is_whoever_the_seam_says(app, client, tracker, nid):
    app.config["TRACKER"]["local_actor"] = "dana@example.org"
    client.post(f"/negotiations/{nid}/steps/add_note", data={"text": "hello"})
    assert tracker.timeline(nid)[-1].actor == "dana@example.org"
