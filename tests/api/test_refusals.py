"""How the domain's refusals and value errors reach API clients: 422 naming the field (nested ones
with dots), 409 for steps the negotiation's rules refuse (with the current version), 404 for an
unknown proposal, term, party or ally named in the URL path. Nothing is stored by any of them."""

from __future__ import annotations

import pytest

from tests.support.api_client import eur


def refused(api, nid, path, body, status):
    version = api.version(nid)
    response = api.post(nid, path, body)
    assert response.status_code == status, response.get_json()
    assert api.version(nid) == version, "nothing is stored"
    return response.get_json()


@pytest.mark.parametrize(
    "path, body, field",
    [
        (
            "/proposals",
            {
                "from_party": "p2",
                "to_parties": ["p1"],
                "values": {"base_salary": {"amount": "120000", "currency": "USD"}},
            },
            "values.base_salary.currency",
        ),
        (
            "/proposals",
            {"from_party": "p2", "to_parties": ["p1"], "values": {"base_salary": eur("-5")}},
            "values.base_salary.amount",
        ),
        (
            "/proposals",
            {"from_party": "p2", "to_parties": ["p1"], "values": {"remote_days": "many"}},
            "values.remote_days",
        ),
        (
            "/proposals",
            {"from_party": "p2", "to_parties": ["p1"], "values": {"remote_days": 2.5}},
            "values.remote_days",
        ),
        (
            "/proposals",
            {"from_party": "p2", "to_parties": ["p1"], "values": {"equity": "1000"}},
            "values.equity",
        ),
        (
            "/proposals",
            {"from_party": "p9", "to_parties": ["p1"], "values": {"remote_days": "3"}},
            "from_party",
        ),
        (
            "/proposals",
            {"from_party": "p2", "to_parties": ["p2"], "values": {"remote_days": "3"}},
            "to_parties",
        ),
        (
            "/proposals",
            {"from_party": "p2", "to_parties": ["p1", 7], "values": {"remote_days": "3"}},
            "to_parties.1",
        ),
        ("/proposals", {"from_party": "p2", "to_parties": [], "values": {"remote_days": "3"}}, "to_parties"),
        (
            "/proposals",
            {
                "from_party": "p2",
                "to_parties": ["p1"],
                "values": {"remote_days": "3"},
                "in_reply_to": "prop7",
            },
            "in_reply_to",
        ),
        ("/proposals", {"to_parties": ["p1"], "values": {"remote_days": "3"}}, "from_party"),
        ("/parties", {"name": "Dana Kim", "side": "counterpart"}, "name"),
        ("/parties", {"name": "Lee", "side": "referee"}, "side"),
        ("/terms", {"key": "Base Salary", "label": "Base", "kind": "money", "currency": "EUR"}, "key"),
        ("/terms", {"key": "bonus", "label": "Bonus", "kind": "money", "currency": "euro"}, "currency"),
        ("/terms", {"key": "base_salary", "label": "Base", "kind": "money", "currency": "EUR"}, "key"),
        (
            "/priorities",
            {"term_key": "base_salary", "weight": 80, "target": eur("100000"), "walk_away": eur("120000")},
            "target",
        ),
        ("/priorities", {"term_key": "equity", "weight": 80}, "term_key"),
        ("/priorities", {"term_key": "base_salary", "weight": 101}, "weight"),
        ("/research", {"source": "Survey", "low": "9", "typical": "5"}, "typical"),
        ("/research", {"source": "Survey", "low": "many"}, "low"),
        ("/interactions", {"channel": "call", "summary": "Hi", "participants": ["p8"]}, "participants"),
        (
            "/interactions",
            {"channel": "call", "summary": "Hi", "occurred_at": "2999-01-01T00:00:00+00:00"},
            "occurred_at",
        ),
        ("/conclusion", {"outcome": "agreed"}, "final_terms"),
    ],
)
def test_value_errors_are_422_naming_the_field(api, nid, path, body, field):
    body_out = refused(api, nid, path, body, 422)
    assert field in body_out["errors"], body_out
    assert all(isinstance(m, str) and m for m in body_out["errors"][field])
    assert body_out["error"] == "Unprocessable Entity"


def test_a_valid_proposal_like_those_is_accepted(api, nid):
    response = api.post(
        nid, "/proposals", {"from_party": "p2", "to_parties": ["p1"], "values": {"base_salary": eur("1")}}
    )
    assert response.status_code == 201


def test_a_closed_negotiation_refuses_steps_with_409(api, nid):
    api.ok(nid, "/conclusion", {"outcome": "declined"})
    body = refused(api, nid, "/notes", {"text": "one more thing"}, 409)
    assert "closed" in body["message"]
    assert body["current_version"] == api.version(nid)
    # lessons are still welcome, and reopening opens it again
    api.ok(nid, "/lessons", {"lessons": "Ask for the range first"}, 201)
    assert api.ok(nid, "/reopen", {"reason": "New budget"})["stage"] != "declined"


def test_answering_a_proposal_that_is_not_open_is_409(api, nid):
    api.ok(nid, "/proposals/prop1/reject", {"party": "p1"})
    body = refused(api, nid, "/proposals/prop1/accept", {"party": "p1"}, 409)
    assert body["errors"] == {"proposal_id": [body["message"]]}
    assert "rejected" in body["message"]
    refused(api, nid, "/proposals/prop1/withdraw", {"party": "p2"}, 409)


def test_a_party_not_addressed_cannot_accept_409(api, nid):
    body = refused(api, nid, "/proposals/prop1/accept", {"party": "p3"}, 409)
    assert "Only the parties a proposal was made to" in body["message"]
    body = refused(api, nid, "/proposals/prop1/withdraw", {"party": "p1"}, 409)
    assert "Only the party who made a proposal" in body["message"]


def test_stage_transitions_the_lifecycle_refuses_are_409(api, nid):
    assert "already" in refused(api, nid, "/stage", {"stage": "offer_received"}, 409)["message"]
    assert "conclude" in refused(api, nid, "/stage", {"stage": "agreed"}, 409)["message"]
    assert "closed" in refused(api, nid, "/reopen", {"reason": "why not"}, 409)["message"]


def test_unknown_things_named_in_the_path_are_404(api, nid):
    for path, body in (
        ("/proposals/prop9/accept", {"party": "p1"}),
        ("/proposals/prop9/withdraw", {"party": "p2"}),
        ("/terms/equity/revise", {"label": "Equity"}),
        ("/terms/equity/remove", {}),
        ("/parties/p9/leave", {}),
        ("/allies/a9/actions", {"action": "Called"}),
        ("/allies/a9/stance", {"stance": "opposed"}),
    ):
        body_out = refused(api, nid, path, body, 404)
        assert body_out["error"] == "Not Found" and body_out["message"]
    assert api.get(nid, "/proposals/prop9").status_code == 404


def test_a_refusal_about_the_thing_in_the_path_is_409(api, nid):
    # base_salary is in the open offer prop1: it cannot be taken off the table yet
    body = refused(api, nid, "/terms/base_salary/remove", {}, 409)
    assert "prop1" in body["message"]
    body = refused(api, nid, "/parties/p1/leave", {}, 409)
    assert "open proposal" in body["message"]


def test_an_accepted_offer_concludes_an_agreement(api, nid):
    body = api.ok(nid, "/proposals/prop1/accept", {"party": "p1"})
    assert body["stage"] == "agreed"
    assert body["proposal"]["status"] == "accepted"
    negotiation = api.get(nid).get_json()
    assert negotiation["final_terms"] == {"base_salary": eur("115000"), "remote_days": "2"}
    assert negotiation["agreed_proposal"] == "prop1"
