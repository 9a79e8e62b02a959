"""Starting a negotiation and reading: the list, one negotiation (now or at a version), its timeline,
one proposal."""

from __future__ import annotations

import uuid

import pytest

from tests.support.api_client import PREFIX, eur


def test_start_answers_201_with_the_new_negotiation(api):
    response = api.client.post(
        f"{PREFIX}/negotiations",
        json={
            "title": "Promotion to staff engineer",
            "kind": "promotion",
            "opportunity_type": "new_direction",
            "description": "Scope and title",
            "occurred_at": "2024-04-01T09:00:00+02:00",
        },
    )
    body = response.get_json()
    assert response.status_code == 201
    assert body["version"] == 1 and body["stage"] == "preparing"
    assert (body["title"], body["kind"], body["opportunity_type"]) == (
        "Promotion to staff engineer",
        "promotion",
        "new_direction",
    )
    assert body["owner"] == "local user"
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"{PREFIX}/negotiations/{body['id']}"
    assert api.client.get(response.headers["Location"]).get_json()["id"] == body["id"]


def test_start_defaults_the_opportunity_type(api):
    assert api.start()["opportunity_type"] == "standard"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"kind": "job_offer"}, "title"),
        ({"title": "  ", "kind": "job_offer"}, "title"),
        ({"title": "Offer", "kind": "dream_job"}, "kind"),
        ({"title": "Offer", "kind": "job_offer", "opportunity_type": "huge"}, "opportunity_type"),
        ({"title": "Offer", "kind": "job_offer", "expected_version": 1}, "expected_version"),
        ({"title": "x" * 201, "kind": "job_offer"}, "title"),
    ],
)
def test_start_with_invalid_values_is_422(api, body, field):
    response = api.client.post(f"{PREFIX}/negotiations", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert api.client.get(f"{PREFIX}/negotiations").get_json()["total"] == 0


@pytest.mark.parametrize(
    "raw, content_type",
    [
        ("{", "application/json"),
        ("[]", "application/json"),
        ("title=Offer", "application/x-www-form-urlencoded"),
    ],
)
def test_start_with_a_malformed_body_is_400(api, raw, content_type):
    response = api.client.post(f"{PREFIX}/negotiations", data=raw, content_type=content_type)
    assert response.status_code == 400


def test_starting_twice_with_one_idempotency_key_starts_one_negotiation(api):
    headers = {"Idempotency-Key": "start-1"}
    body = {"title": "Offer", "kind": "job_offer"}
    first = api.client.post(f"{PREFIX}/negotiations", json=body, headers=headers)
    again = api.client.post(f"{PREFIX}/negotiations", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.get_json()["id"] == again.get_json()["id"]
    assert "Idempotent-Replayed" not in first.headers and again.headers["Idempotent-Replayed"] == "true"
    assert api.client.get(f"{PREFIX}/negotiations").get_json()["total"] == 1


def test_a_start_key_reused_with_another_body_is_refused(api):
    headers = {"Idempotency-Key": "start-2"}
    assert (
        api.client.post(
            f"{PREFIX}/negotiations", json={"title": "Offer", "kind": "job_offer"}, headers=headers
        ).status_code
        == 201
    )
    other = api.client.post(
        f"{PREFIX}/negotiations", json={"title": "Promotion", "kind": "promotion"}, headers=headers
    )
    assert other.status_code == 422 and "'start-2'" in other.get_json()["message"]
    listed = api.client.get(f"{PREFIX}/negotiations").get_json()
    assert listed["total"] == 1 and [n["title"] for n in listed["negotiations"]] == ["Offer"]


def test_the_list_filters_searches_and_pages(api):
    offer = api.start(title="Data engineer offer at Northwind")["id"]
    promotion = api.start(title="Promotion to lead", kind="promotion")["id"]
    remote = api.start(title="Remote work at Northwind", kind="flexible_work")["id"]
    api.ok(remote, "/conclusion", {"outcome": "stalled"})

    def ids(**query):
        response = api.client.get(f"{PREFIX}/negotiations", query_string=query)
        assert response.status_code == 200
        return [n["id"] for n in response.get_json()["negotiations"]]

    assert ids() == [remote, promotion, offer]  # most recently changed first
    assert ids(kind="promotion") == [promotion]
    assert ids(stage="stalled") == [remote]
    assert ids(stage="preparing", q="NORTHWIND") == [offer]
    assert ids(q="northwind remote") == [remote]
    assert ids(limit=1, offset=1) == [promotion]
    listed = api.client.get(f"{PREFIX}/negotiations", query_string={"limit": 2}).get_json()
    assert (listed["total"], listed["limit"], listed["offset"]) == (3, 2, 0)
    assert set(listed["negotiations"][0]) >= {"id", "version", "stage", "title", "kind"}


@pytest.mark.parametrize(
    "query, field",
    [
        ({"limit": 0}, "limit"),
        ({"limit": "all"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"stage": "won"}, "stage"),
        ({"kind": "gig"}, "kind"),
    ],
)
def test_the_list_refuses_bad_query_values_with_422(api, query, field):
    response = api.client.get(f"{PREFIX}/negotiations", query_string=query)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_one_negotiation_now_and_at_an_earlier_version(api, nid):
    now = api.get(nid)
    body = now.get_json()
    assert now.status_code == 200 and now.headers["ETag"] == f'"{body["version"]}"'
    assert [p["name"] for p in body["parties"]] == ["Alex Morgan", "Dana Kim", "Rick Alvarez", "Sam Patel"]
    assert [t["key"] for t in body["terms"]] == ["base_salary", "remote_days", "sign_on"]
    assert body["proposals"][0]["values"] == {"base_salary": eur("115000"), "remote_days": "2"}
    assert body["latest_positions"] == {"p2": {"base_salary": eur("115000"), "remote_days": "2"}}
    assert body["allies"][0]["ally_id"] == "a1"
    then = api.get(nid, version=3)
    assert then.status_code == 200
    assert then.get_json()["version"] == 3 and len(then.get_json()["parties"]) == 2
    assert then.headers["ETag"] == '"3"'


def test_reading_unknown_negotiations_and_versions_is_404(api, nid):
    assert api.get(str(uuid.uuid4())).status_code == 404
    assert api.get("nonsense").status_code == 404
    assert api.get(str(uuid.uuid4()), "/timeline").status_code == 404
    response = api.get(nid, version=999)
    assert response.status_code == 404 and "no version 999" in response.get_json()["message"]
    assert api.get(nid, version=0).status_code == 422
    assert api.get(nid, version="latest").status_code == 422


def test_the_timeline_in_either_order(api, nid):
    oldest = api.get(nid, "/timeline")
    body = oldest.get_json()
    assert oldest.status_code == 200
    assert body["negotiation_id"] == nid
    entries = body["entries"]
    assert [e["version"] for e in entries] == list(range(1, body["version"] + 1))
    assert entries[0]["event_type"] == "Started"
    assert entries[-1]["event_type"] == "ProposalMade"
    assert "Dana Kim" in entries[-1]["sentence"]
    assert all(e["actor"] == "local user" and len(e["digest"]) == 64 for e in entries)
    newest = api.get(nid, "/timeline", order="newest").get_json()["entries"]
    assert newest == list(reversed(entries))
    assert api.get(nid, "/timeline", order="sideways").status_code == 422


def test_one_proposal(api, nid):
    response = api.get(nid, "/proposals/prop1")
    assert response.status_code == 200
    body = response.get_json()
    assert (body["proposal_id"], body["from_party"], body["to_parties"], body["status"]) == (
        "prop1",
        "p2",
        ["p1"],
        "open",
    )
    assert api.get(nid, "/proposals/prop2").status_code == 404
