"""Approvals through the JSON API (issue 20): a proposal above the chain's threshold answers with its
approval awaiting the approver; answering it is refused (409) until approved; the approver's decision
is a step like any other; an amended figure the chain looks at voids the approvals; the caller's
"what's due" lists the approval waiting for them. (The app's chain: tests/api/conftest.py.)"""

from __future__ import annotations

from tests.support.api_client import eur

HIGH = {"base_salary": eur("1500000"), "remote_days": "2"}


def propose(api, nid, values):
    return api.ok(nid, "/proposals", {"from_party": "p2", "to_parties": ["p1"], "values": values})


def test_an_approval_from_request_to_decision(api, nid):
    made = propose(api, nid, HIGH)
    pid = made["proposal"]["proposal_id"]
    approval = api.get(nid).get_json()["approvals"][pid]
    assert approval["status"] == "awaiting approval"
    assert approval["waiting_on"] == ["local user"]
    assert approval["required"] == [
        {"approver": "local user", "step": 1, "why": "base_salary above 1,000,000 EUR"}
    ]
    due = api.client.get("/api/v1/due").get_json()["items"]
    assert [i["kind"] for i in due] == ["approval_waiting", "answer_owed"]  # prop1 is owed an answer too
    refused = api.post(nid, f"/proposals/{pid}/accept", {"party": "p1"})
    assert refused.status_code == 409
    assert "awaiting approval (local user)" in refused.get_json()["message"]
    empty = api.post(nid, f"/proposals/{pid}/approve", {"comment": ""})
    assert empty.status_code == 422 and "comment" in empty.get_json()["errors"]
    api.ok(nid, f"/proposals/{pid}/approve", {"comment": "Within the budget."})
    body = api.get(nid).get_json()
    assert body["approvals"][pid]["status"] == "approved"
    assert body["approvals"][pid]["decisions"]["local user"]["comment"] == "Within the budget."
    api.ok(nid, f"/proposals/{pid}/accept", {"party": "p1"})


def test_an_amended_figure_voids_the_approvals_and_a_refusal_withdraws(api, nid):
    pid = propose(api, nid, HIGH)["proposal"]["proposal_id"]
    api.ok(nid, f"/proposals/{pid}/approve", {"comment": "Fine."})
    api.ok(
        nid,
        f"/proposals/{pid}/amend",
        {"values": {**HIGH, "base_salary": eur("1600000")}, "reason": "Counter"},
    )
    body = api.get(nid).get_json()
    assert body["approvals"][pid]["status"] == "awaiting approval"
    assert body["approvals"][pid]["decisions"] == {}
    timeline = [e["sentence"] for e in api.get(nid, "/timeline").get_json()["entries"]]
    assert any(
        s.startswith("The approvals of proposal #2") and "were voided: Base salary changed" in s
        for s in timeline
    )
    api.ok(nid, f"/proposals/{pid}/decline", {"comment": "Too much."})
    body = api.get(nid).get_json()
    assert body["approvals"][pid]["status"] == "declined"
    assert next(p for p in body["proposals"] if p["proposal_id"] == pid)["status"] == "withdrawn"


def test_a_proposal_under_the_threshold_needs_no_approval(api, nid):
    pid = propose(api, nid, {"base_salary": eur("120000")})["proposal"]["proposal_id"]
    assert pid not in api.get(nid).get_json()["approvals"]
    refused = api.post(nid, f"/proposals/{pid}/approve", {"comment": "Fine."})
    assert refused.status_code == 409  # the proposal's state, not the body, is why
    assert refused.get_json()["errors"] == {"proposal_id": ["Proposal #2 from Dana Kim needs no approval."]}
