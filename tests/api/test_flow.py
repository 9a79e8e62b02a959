"""Whole negotiations through the JSON API only, on the SQLite file store and on PostgreSQL."""

from __future__ import annotations

import pytest

from tests.support.api_client import Api, eur
from tracker import create_app


@pytest.fixture
def store_api(store_config):
    app = create_app({**store_config, "auth_required": False})
    yield Api(app.test_client())
    app.extensions["tracker"].close()


def test_a_multi_party_negotiation_from_start_to_agreement(store_api):
    api = store_api
    nid = api.start(title="Staff engineer offer at Contoso", description="Offer after the onsite")["id"]
    parties = {}
    for name, role, side in (
        ("Alex Morgan", "candidate", "owner"),
        ("Dana Kim", "hiring manager", "counterpart"),
        ("Rick Alvarez", "recruiter", "counterpart"),
        ("Sam Patel", "coach", "advisor"),
    ):
        parties[role] = api.ok(nid, "/parties", {"name": name, "role": role, "side": side}, 201)["party_id"]
    candidate, manager, recruiter = parties["candidate"], parties["hiring manager"], parties["recruiter"]
    api.ok(
        nid, "/aspirations", {"horizon": "long_term", "text": "Lead a platform team within three years"}, 201
    )
    api.ok(
        nid,
        "/terms",
        {
            "key": "base_salary",
            "label": "Base salary",
            "kind": "money",
            "currency": "EUR",
            "better": "higher",
        },
        201,
    )
    api.ok(
        nid,
        "/terms",
        {"key": "remote_days", "label": "Remote days per week", "kind": "days", "better": "higher"},
        201,
    )
    api.ok(
        nid,
        "/terms",
        {"key": "title", "label": "Title", "kind": "choice", "options": "Senior Engineer, Staff Engineer"},
        201,
    )
    api.ok(
        nid,
        "/priorities",
        {"term_key": "base_salary", "weight": 60, "target": eur("135000"), "walk_away": eur("118000")},
        201,
    )
    api.ok(
        nid,
        "/priorities",
        {"term_key": "title", "weight": 30, "ratings": {"Staff Engineer": 100, "Senior Engineer": 40}},
        201,
    )
    research = api.ok(
        nid,
        "/research",
        {
            "source": "Levels.fyi, Berlin, staff",
            "term_key": "base_salary",
            "low": "120000",
            "typical": "132000",
            "high": "150000",
        },
        201,
    )
    assert research["research_id"] == "r1"
    ally = api.ok(nid, "/allies", {"name": "Jo Lee", "relationship": "former manager at Contoso"}, 201)[
        "ally_id"
    ]
    api.ok(nid, f"/allies/{ally}/actions", {"action": "Told Dana about my platform work"}, 201)
    api.ok(
        nid,
        "/alternatives",
        {
            "label": "Stay at Northwind",
            "kind": "status_quo",
            "values": {"base_salary": eur("112000"), "remote_days": "1"},
        },
        201,
    )

    offer = api.ok(
        nid,
        "/proposals",
        {
            "from_party": manager,
            "to_parties": [candidate],
            "values": {"base_salary": eur("122000"), "remote_days": "2", "title": "Senior Engineer"},
            "rationale": "Band midpoint",
        },
        201,
    )
    assert offer["stage"] == "offer_received"
    api.ok(
        nid,
        "/interactions",
        {
            "channel": "video",
            "summary": "Walked through the offer",
            "participants": [candidate, manager],
            "tone": "warm",
        },
        201,
    )
    counter = api.ok(
        nid,
        "/proposals",
        {
            "from_party": candidate,
            "to_parties": [manager, recruiter],
            "in_reply_to": offer["proposal_id"],
            "values": {"base_salary": eur("134000"), "remote_days": "3", "title": "Staff Engineer"},
            "rationale": "Market data and scope",
        },
        201,
    )
    assert counter["stage"] == "negotiating"
    assert api.get(nid, f"/proposals/{offer['proposal_id']}").get_json()["status"] == "superseded"

    first = api.ok(nid, f"/proposals/{counter['proposal_id']}/accept", {"party": manager}, 200)
    assert first["stage"] == "negotiating" and first["proposal"]["accepted_by"] == [manager]
    last = api.ok(
        nid, f"/proposals/{counter['proposal_id']}/accept", {"party": recruiter, "reason": "Approved"}, 200
    )
    assert last["stage"] == "agreed" and last["proposal"]["status"] == "accepted"
    api.ok(nid, "/lessons", {"lessons": "Benchmarks made the counter easy to defend"}, 201)

    negotiation = api.get(nid).get_json()
    assert negotiation["stage"] == "agreed"
    assert negotiation["final_terms"] == {
        "base_salary": eur("134000"),
        "remote_days": "3",
        "title": "Staff Engineer",
    }
    assert negotiation["agreed_proposal"] == counter["proposal_id"]
    assert negotiation["latest_positions"][candidate]["base_salary"] == eur("134000")
    assert negotiation["lessons"] == ["Benchmarks made the counter easy to defend"]

    timeline = api.get(nid, "/timeline").get_json()
    kinds = [entry["event_type"] for entry in timeline["entries"]]
    assert kinds[-4:] == ["ProposalAccepted", "ProposalAccepted", "Concluded", "LessonsRecorded"]
    assert timeline["version"] == negotiation["version"] == len(kinds)
    sentences = " / ".join(entry["sentence"] for entry in timeline["entries"])
    assert "Dana Kim (hiring manager)" in sentences and "134,000 EUR" in sentences
    listed = api.client.get("/api/v1/negotiations", query_string={"stage": "agreed"}).get_json()
    assert [n["id"] for n in listed["negotiations"]] == [nid]


def test_two_clients_on_one_negotiation_conflict_and_a_retry_is_stored_once(store_api):
    api = store_api
    nid = api.start()["id"]
    seen = api.version(nid)
    first = api.post(nid, "/notes", {"text": "From the laptop"}, version=seen)
    second = api.post(nid, "/notes", {"text": "From the phone"}, version=seen)
    assert first.status_code == 201
    assert second.status_code == 409 and second.get_json()["current_version"] == seen + 1
    retry = api.post(
        nid,
        "/notes",
        {"text": "From the phone"},
        version=second.get_json()["current_version"],
        headers={"Idempotency-Key": "phone-1"},
    )
    repeat = api.post(
        nid,
        "/notes",
        {"text": "From the phone"},
        version=second.get_json()["current_version"],
        headers={"Idempotency-Key": "phone-1"},
    )
    assert retry.status_code == repeat.status_code == 201
    assert repeat.get_json() == retry.get_json()
    notes = [n["text"] for n in api.get(nid).get_json()["notes"]]
    assert notes == ["From the laptop", "From the phone"]
