"""Every step route: its success answer, and the error paths every write shares
(404 unknown negotiation, 400 bad body, 422 bad values, 428 no version, 409 stale version,
idempotent repeat). Nothing is stored by a request that fails."""

from __future__ import annotations

import uuid

import pytest

from tests.support.api_client import SAMPLES
from tracker.web.api.catalog import STEPS

STEP_IDS = [step.command for step in STEPS]


def sample_path(step, sample) -> str:
    path = step.path
    for name, value in sample.get("path", {}).items():
        path = path.replace(f"<{name}>", value)
    return path


def run_before(api, nid, sample) -> None:
    for path, body in sample.get("before", ()):
        api.ok(nid, path, body)


@pytest.fixture(params=STEPS, ids=STEP_IDS)
def step(request):
    return request.param


def test_every_step_has_a_sample():
    assert set(STEP_IDS) <= set(SAMPLES)


def test_step_succeeds_with_its_answer(api, nid, step):
    sample = SAMPLES[step.command]
    run_before(api, nid, sample)
    before = api.version(nid)
    response = api.post(nid, sample_path(step, sample), sample["body"])
    body = response.get_json()
    assert response.status_code == step.status, body
    assert body["negotiation_id"] == nid
    assert body["version"] > before
    assert response.headers["ETag"] == f'"{body["version"]}"'
    assert api.version(nid) == body["version"]
    if step.answer.id_field:
        assert body[step.answer.id_field]
    if step.answer.resource:
        assert isinstance(body[step.answer.resource], dict)
    timeline = api.get(nid, "/timeline").get_json()["entries"]
    assert timeline[before]["event_type"] == step.event  # the entry after the last one seen
    assert timeline[before]["actor"] == "local user"


def test_unknown_negotiation_is_404(api, nid, step):
    sample = SAMPLES[step.command]
    missing = str(uuid.uuid4())
    for target in (missing, "not-a-uuid"):
        response = api.post(target, sample_path(step, sample), sample["body"], version=3)
        assert response.status_code == 404, response.get_json()
        assert response.get_json()["error"] == "Not Found"
        # ...whatever is wrong with the body
        response = api.post(target, sample_path(step, sample), raw="{oops", version=None)
        assert response.status_code == 404


def test_malformed_bodies_are_400_and_store_nothing(api, nid, step):
    sample = SAMPLES[step.command]
    run_before(api, nid, sample)
    version = api.version(nid)
    path = sample_path(step, sample)
    for raw, content_type in (
        ("{oops", "application/json"),
        ('["a list"]', "application/json"),
        ('"text"', "application/json"),
        ("", "application/json"),
        ('{"x": NaN}', "application/json"),
        ("name=Dana", "application/x-www-form-urlencoded"),
        ('{"stage": "agreed"}', "text/plain"),
        (b"\xff\xfe\x00", "application/json"),
    ):
        response = api.post(nid, path, raw=raw, content_type=content_type)
        assert response.status_code == 400, (raw, response.get_json())
        assert response.get_json()["message"]
    assert api.version(nid) == version


def test_invalid_values_are_422_naming_the_field(api, nid, step):
    sample = SAMPLES[step.command]
    run_before(api, nid, sample)
    version = api.version(nid)
    path = sample_path(step, sample)
    response = api.post(nid, path, {**sample["body"], "colour": "blue"})
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"colour": ["Unknown field."]}
    response = api.post(nid, path, {**sample["body"], "occurred_at": "last tuesday"})
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["occurred_at"]
    assert api.version(nid) == version


@pytest.mark.parametrize("step", [s for s in STEPS if s.path_fields], ids=lambda s: s.command)
def test_a_path_value_cannot_also_come_in_the_body(api, nid, step):
    sample = SAMPLES[step.command]
    for name in step.path_fields:
        response = api.post(nid, sample_path(step, sample), {**sample["body"], name: "x"})
        assert response.status_code == 422
        assert name in response.get_json()["errors"]


def test_a_write_without_a_version_is_428(api, nid, step):
    sample = SAMPLES[step.command]
    run_before(api, nid, sample)
    version = api.version(nid)
    response = api.post(nid, sample_path(step, sample), sample["body"], version=None)
    assert response.status_code == 428
    assert "If-Match" in response.get_json()["message"]
    assert "expected_version" in response.get_json()["message"]
    assert api.version(nid) == version


def test_a_stale_version_is_409_with_the_current_version(api, nid, step):
    sample = SAMPLES[step.command]
    run_before(api, nid, sample)
    version = api.version(nid)
    for stale in ({"version": version - 1}, {"version": None, "body": {"expected_version": version - 2}}):
        body = {**sample["body"], **stale.get("body", {})}
        response = api.post(nid, sample_path(step, sample), body, version=stale["version"])
        assert response.status_code == 409, response.get_json()
        assert response.get_json()["current_version"] == version
        assert response.headers["ETag"] == f'"{version}"'
        assert "changed since you loaded it" in response.get_json()["message"]
    assert api.version(nid) == version


def test_the_version_can_come_in_the_body(api, nid, step):
    sample = SAMPLES[step.command]
    run_before(api, nid, sample)
    version = api.version(nid)
    response = api.post(
        nid, sample_path(step, sample), {**sample["body"], "expected_version": version}, version=None
    )
    assert response.status_code == step.status, response.get_json()


def test_a_repeated_request_is_stored_once(api, nid, step):
    sample = SAMPLES[step.command]
    run_before(api, nid, sample)
    version = api.version(nid)
    headers = {"Idempotency-Key": f"key-{step.command}"}
    first = api.post(nid, sample_path(step, sample), sample["body"], version=version, headers=headers)
    again = api.post(nid, sample_path(step, sample), sample["body"], version=version, headers=headers)
    assert first.status_code == again.status_code == step.status, again.get_json()
    assert again.get_json() == first.get_json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert api.version(nid) == first.get_json()["version"]
    # request_id in the body is the same key
    third = api.post(
        nid,
        sample_path(step, sample),
        {**sample["body"], "request_id": f"key-{step.command}"},
        version=version,
    )
    assert third.status_code == step.status and third.get_json() == first.get_json()
    assert api.version(nid) == first.get_json()["version"]


def test_a_term_without_a_key_gets_one_derived_from_its_label(api, nid):
    first = api.ok(nid, "/terms", {"label": "Relocation package", "kind": "money", "currency": "EUR"}, 201)
    second = api.ok(
        nid, "/terms", {"label": "Relocation package", "kind": "money", "currency": "EUR", "key": ""}, 201
    )
    kept = api.ok(
        nid,
        "/terms",
        {"label": "Relocation package", "kind": "money", "currency": "EUR", "key": "moving"},
        201,
    )
    assert (first["term"]["key"], second["term"]["key"], kept["term"]["key"]) == (
        "relocation_package",
        "relocation_package_2",
        "moving",
    )


def test_the_schema_documents_the_optional_key(app):
    schema = app.test_client().get("/api/v1/openapi.json").get_json()["components"]["schemas"]["Term"]
    assert (
        "key" not in schema.get("required", [])
        and "derived from the label" in schema["properties"]["key"]["description"]
    )
