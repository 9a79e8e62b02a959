"""The request conventions: If-Match forms, Idempotency-Key, access (403), wrong methods (405),
and bodies that must never cause a 500."""

from __future__ import annotations

import pytest

from tracker.domain.errors import NotFound
from tracker.web.identity import Forbidden

NOTE = {"text": "Ask about the equity refresh"}


@pytest.mark.parametrize("form", ['"{v}"', "{v}", 'W/"{v}"', ' "{v}" '])
def test_if_match_takes_the_etag_in_its_usual_forms(api, nid, form):
    version = api.version(nid)
    response = api.post(nid, "/notes", NOTE, version=None, headers={"If-Match": form.format(v=version)})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["version"] == version + 1


@pytest.mark.parametrize("header", ["*", '"1", "2"', "v3", '"3', "", "-1", '"1.5"'])
def test_a_malformed_if_match_is_400(api, nid, header):
    version = api.version(nid)
    response = api.post(nid, "/notes", NOTE, version=None, headers={"If-Match": header})
    assert response.status_code == 400
    assert "If-Match" in response.get_json()["message"]
    assert api.version(nid) == version


def test_if_match_and_expected_version_must_agree(api, nid):
    version = api.version(nid)
    response = api.post(nid, "/notes", {**NOTE, "expected_version": version - 1}, version=version)
    assert response.status_code == 400
    assert "disagree" in response.get_json()["message"]
    response = api.post(nid, "/notes", {**NOTE, "expected_version": version}, version=version)
    assert response.status_code == 201


def test_the_etag_of_a_read_is_the_version_to_send_back(api, nid):
    etag = api.get(nid).headers["ETag"]
    response = api.post(nid, "/notes", NOTE, version=None, headers={"If-Match": etag})
    assert response.status_code == 201
    assert api.get(nid, "/timeline").headers["ETag"] == response.headers["ETag"]


@pytest.mark.parametrize("key", ["has space", "x" * 101, "naïve"])
def test_a_malformed_idempotency_key_is_400(api, nid, key):
    response = api.post(
        nid, "/notes", NOTE, headers={"Idempotency-Key": key.encode("utf-8").decode("latin-1")}
    )
    assert response.status_code == 400
    assert "Idempotency-Key" in response.get_json()["message"]


def test_idempotency_key_and_request_id_must_agree(api, nid):
    response = api.post(nid, "/notes", {**NOTE, "request_id": "a"}, headers={"Idempotency-Key": "b"})
    assert response.status_code == 400


def test_a_key_reused_for_another_step_is_refused(api, nid):
    api.post(nid, "/notes", NOTE, headers={"Idempotency-Key": "k-1"})
    version = api.version(nid)
    response = api.post(
        nid, "/aspirations", {"horizon": "short_term", "text": "Lead"}, headers={"Idempotency-Key": "k-1"}
    )
    assert response.status_code == 422
    assert "request_id" in response.get_json()["errors"]
    assert api.version(nid) == version


def test_a_key_reused_with_another_body_is_refused_naming_the_key(api, nid):
    first = api.post(nid, "/notes", NOTE, headers={"Idempotency-Key": "note-1"})
    assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
    version = api.version(nid)
    again = api.post(
        nid, "/notes", {"text": "Something else"}, version=version, headers={"Idempotency-Key": "note-1"}
    )
    assert again.status_code == 422 and "'note-1'" in again.get_json()["message"]
    assert "note-1" in again.get_json()["errors"]["request_id"][0]
    assert api.version(nid) == version
    assert [n["text"] for n in api.get(nid).get_json()["notes"]].count("Something else") == 0


def test_a_key_reused_on_another_route_is_refused(api, nid):
    api.post(nid, "/notes", NOTE, headers={"Idempotency-Key": "shared"})
    other = api.start(title="Promotion to lead", kind="promotion")["id"]
    api.ok(other, "/notes", NOTE)
    response = api.post(other, "/notes", NOTE, headers={"Idempotency-Key": "shared"})
    assert response.status_code == 201  # another negotiation: its own keys
    again = api.post(nid, "/notes", NOTE, version=api.version(nid), headers={"Idempotency-Key": "shared"})
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"


def test_a_key_recorded_before_fingerprints_is_still_a_retry(api, app, nid):
    """Events stored with a bare request id (before keys carried a fingerprint) still answer a retry."""
    tracker = app.extensions["tracker"]
    recorded = tracker.step(nid, "add_note", actor="local user", request_id="older-key", text="Stored before")
    again = api.post(nid, "/notes", NOTE, version=recorded.version, headers={"Idempotency-Key": "older-key"})
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert tracker.get(nid).version == recorded.version


def test_the_same_body_in_another_key_order_is_a_retry(api, nid):
    body = {"text": "Ask about the equity refresh", "occurred_at": None}
    first = api.post(nid, "/notes", body, headers={"Idempotency-Key": "same"})
    again = api.post(nid, "/notes", dict(reversed(body.items())), headers={"Idempotency-Key": "same"})
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json()["version"] == first.get_json()["version"]


def test_a_repeat_after_other_steps_still_returns_the_first_result(api, nid):
    body = {"from_party": "p1", "to_parties": ["p2"], "values": {"remote_days": "4"}}
    first = api.post(nid, "/proposals", body, headers={"Idempotency-Key": "offer-1"})
    api.ok(nid, "/notes", NOTE)
    again = api.post(
        nid, "/proposals", body, version=first.get_json()["version"], headers={"Idempotency-Key": "offer-1"}
    )
    assert again.status_code == 201
    assert again.get_json()["proposal_id"] == first.get_json()["proposal_id"] == "prop2"
    assert again.get_json()["version"] == api.version(nid)  # the version now, to base the next write on
    assert len(api.get(nid).get_json()["proposals"]) == 2


def test_a_viewer_gets_403_on_writes_and_reads_still_work(app, api, nid):
    def viewer_only(negotiation_id, level):
        if level == "write":
            raise Forbidden("You can view this negotiation but not change it.")

    app.extensions["access_check"] = viewer_only
    version = api.version(nid)
    response = api.post(nid, "/notes", NOTE, version=version)
    assert response.status_code == 403
    assert response.get_json() == {
        "error": "Forbidden",
        "message": "You can view this negotiation but not change it.",
    }
    assert api.get(nid).status_code == 200
    assert api.version(nid) == version


def test_without_access_a_negotiation_does_not_exist(app, api, nid):
    def nobody(negotiation_id, level):
        raise NotFound(f"No negotiation {negotiation_id}.")

    app.extensions["access_check"] = nobody
    assert api.get(nid).status_code == 404
    assert api.get(nid, "/timeline").status_code == 404
    assert api.post(nid, "/notes", NOTE, version=3).status_code == 404
    assert api.client.get("/api/v1/negotiations").get_json()["total"] == 0


@pytest.mark.parametrize(
    "method, path",
    [("put", ""), ("delete", ""), ("get", "/notes"), ("patch", "/stage"), ("post", "/timeline")],
)
def test_wrong_methods_are_405_in_json(api, nid, method, path):
    response = getattr(api.client, method)(api.url(nid, path))
    assert response.status_code == 405
    assert response.get_json()["error"] == "Method Not Allowed"
    assert response.headers["Allow"]


def test_an_unknown_api_url_is_404_in_json(api):
    response = api.client.get("/api/v1/contracts")
    assert response.status_code == 404 and response.get_json()["error"] == "Not Found"


@pytest.mark.parametrize(
    "raw", ["[" * 100_000 + "]" * 100_000, '{"text": Infinity}', '{"text": "a"} {}', r'{"text": "\ud800"}']
)
def test_hostile_bodies_never_cause_a_500(api, nid, raw):
    response = api.post(nid, "/notes", raw=raw)
    assert response.status_code in (400, 422), response.get_json()


@pytest.mark.parametrize(
    "body",
    [
        {"text": ["a"]},
        {"text": {"a": 1}},
        {"text": None},
        {"text": 5},
        {"text": True},
        {"text": "x" * 5001},
    ],
)
def test_wrong_types_are_422(api, nid, body):
    response = api.post(nid, "/notes", body)
    assert response.status_code == 422
    assert "text" in response.get_json()["errors"]


@pytest.mark.parametrize(
    "values",
    [
        {"base_salary": None},
        {"base_salary": []},
        {"base_salary": {"amount": None}},
        {"base_salary": True},
        {"base_salary": {"amount": "1e400", "currency": "EUR"}},
        {"base_salary": {"amount": "NaN", "currency": "EUR"}},
        {"base_salary": 120000.5},
        {"remote_days": {"x": 1}},
        {"": "1"},
        {"k" * 41: "1"},
    ],
)
def test_odd_term_values_are_422_not_500(api, nid, values):
    response = api.post(nid, "/proposals", {"from_party": "p2", "to_parties": ["p1"], "values": values})
    assert response.status_code == 422, response.get_json()
    assert any(name.startswith("values") for name in response.get_json()["errors"])


@pytest.mark.parametrize(
    "body",
    [
        {"term_key": "base_salary", "weight": 50, "target": [1]},
        {"term_key": "base_salary", "weight": 50, "ratings": {"x": 5}},
        {"term_key": "base_salary", "weight": "heavy"},
        {"term_key": ["base_salary"], "weight": 5},
    ],
)
def test_odd_priorities_are_422_not_500(api, nid, body):
    response = api.post(nid, "/priorities", body)
    assert response.status_code == 422, response.get_json()


@pytest.mark.parametrize("options", [5, {"a": 1}, [1, 2], ["a", ["b"]], "", "only one", ["a", "a"]])
def test_odd_choice_options_are_422_not_500(api, nid, options):
    response = api.post(
        nid, "/terms", {"key": "title", "label": "Title", "kind": "choice", "options": options}
    )
    assert response.status_code == 422, response.get_json()


@pytest.mark.parametrize(
    "body, field",
    [
        ({"text": ""}, "text"),
        ({"text": "x", "occurred_at": ""}, "occurred_at"),
        ({"text": "x", "expected_version": ""}, "expected_version"),
    ],
)
def test_a_blank_string_is_a_value_to_check_not_a_missing_field(api, nid, body, field):
    response = api.post(nid, "/notes", body, version=None if "expected_version" in body else "current")
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_a_blank_query_value_is_checked_too(api, nid):
    assert api.get(nid, "/timeline", order="").status_code == 422
    assert api.client.get("/api/v1/negotiations?stage=").status_code == 422
