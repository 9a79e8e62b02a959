"""The audit reads of the JSON API: a negotiation and its timeline as of a version or moment, the
timeline filtered (JSON or CSV), and comparisons. Bad values answer 422 naming the parameter."""

from __future__ import annotations

import csv
import io
from datetime import UTC

import pytest

from tests.support.api_client import PREFIX, eur
from tracker.demo import load_demo


@pytest.fixture
def demo(app) -> str:
    return str(load_demo(app.extensions["tracker"]))


def versions(response) -> list[int]:
    return [e["version"] for e in response.get_json()["entries"]]


def test_a_negotiation_as_of_a_version_or_a_moment(api, app, demo):
    then = api.get(demo, as_of_version=32)
    assert then.status_code == 200 and then.headers["ETag"] == '"32"'
    body = then.get_json()
    assert body["version"] == 32 and [p["proposal_id"] for p in body["proposals"]] == ["prop1"]
    assert body["latest_positions"]["p2"]["base_salary"] == eur("118000")
    fifth = app.extensions["tracker"].timeline(demo)[4].recorded_at
    at = api.get(demo, as_of=fifth.isoformat())
    assert at.status_code == 200 and at.get_json()["version"] == 5
    assert api.get(demo, as_of="2999-01-01").get_json()["version"] == 40


@pytest.mark.parametrize(
    "query, field, words",
    [
        ({"as_of_version": 41}, "as_of_version", "There is no version 41"),
        ({"as_of_version": 0}, "as_of_version", "greater than or equal to 1"),
        ({"as_of_version": "last"}, "as_of_version", "Not a valid integer"),
        ({"as_of": "yesterday"}, "as_of", "ISO 8601"),
        ({"as_of": "2026-03-03T17:00:00"}, "as_of", "time zone"),
        ({"as_of": "2001-01-01T00:00:00Z"}, "as_of", "did not exist yet"),
        ({"as_of": "2030-01-01", "as_of_version": 3}, "as_of", "not both"),
        ({"version": 3, "as_of_version": 3}, "version", "not two of them"),
    ],
)
def test_bad_moments_are_422_naming_the_parameter(api, demo, query, field, words):
    for path in ("", "/timeline"):
        if field == "version" and path:
            continue
        response = api.get(demo, path, **query)
        assert response.status_code == 422, (path, response.get_json())
        body = response.get_json()
        assert words in " ".join(body["errors"][field]), body


def test_the_timeline_as_of_a_version(api, demo):
    response = api.get(demo, "/timeline", as_of_version=34)
    assert response.status_code == 200 and response.headers["ETag"] == '"34"'
    body = response.get_json()
    assert body["version"] == 34 and body["latest_version"] == 40 and body["total"] == 34
    assert versions(response) == list(range(1, 35))


def test_timeline_filters(api, app, demo):
    app.extensions["tracker"].step(demo, "record_lessons", actor="coach@example.org", lessons="Title first.")
    assert versions(api.get(demo, "/timeline", party="p2")) == [5, 32, 33, 34, 35, 36, 38]
    assert versions(api.get(demo, "/timeline", kind="proposals", party="p3")) == [34, 36, 37]
    assert versions(api.get(demo, "/timeline", kind="ProposalAccepted")) == [37, 38]
    assert versions(api.get(demo, "/timeline", actor="Coach@Example.org")) == [41]
    filtered = api.get(demo, "/timeline", kind="proposals", order="newest").get_json()
    assert [e["version"] for e in filtered["entries"]] == [38, 37, 36, 35, 34, 32]
    assert filtered["total"] == 41 and filtered["version"] == 41
    entry = filtered["entries"][-1]
    assert entry["actor"] == "demo@example.org" and entry["recorded_at"] and entry["occurred_at"]
    assert entry["occurred_at"] < entry["recorded_at"]  # the offer was logged after it was made


def test_date_filters_on_recorded_or_happened_time(api, app, nid):
    from datetime import datetime

    tracker = app.extensions["tracker"]
    for day in (3, 5, 9):
        tracker.step(
            nid,
            "log_interaction",
            actor="alex",
            channel="call",
            participants=["p1", "p2"],
            summary=f"Call {day}",
            occurred_at=datetime(2026, 3, day, 10, tzinfo=UTC),
        )
    happened = api.get(nid, "/timeline", since="2026-03-04", until="2026-03-09T23:00:00Z", basis="occurred")
    assert [e["data"]["summary"] for e in happened.get_json()["entries"]] == ["Call 5", "Call 9"]
    assert versions(api.get(nid, "/timeline", until="2026-03-09")) == []


@pytest.mark.parametrize(
    "query, field",
    [
        ({"kind": "gossip"}, "kind"),
        ({"party": "p9"}, "party"),
        ({"since": "soon"}, "since"),
        ({"until": "2026-13-01"}, "until"),
        ({"basis": "felt"}, "basis"),
        ({"order": "sideways"}, "order"),
        ({"since": "2026-03-09", "until": "2026-03-01"}, "since"),
        ({"format": "xml"}, "format"),
        ({"since": "2026-03-03T10:00:00"}, "since"),
        ({"actor": ""}, "actor"),
    ],
)
def test_bad_filters_are_422_naming_the_parameter(api, demo, query, field):
    response = api.get(demo, "/timeline", **query)
    assert response.status_code == 422, response.get_json()
    assert list(response.get_json()["errors"]) == [field]
    if field != "format":
        assert api.get(demo, "/timeline.csv", **query).status_code == 422


def test_the_timeline_as_csv_with_filters(api, demo):
    for response in (
        api.get(demo, "/timeline.csv", kind="proposals", party="p2"),
        api.get(demo, "/timeline", kind="proposals", party="p2", format="csv"),
    ):
        assert response.status_code == 200 and response.mimetype == "text/csv"
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
        assert rows[0] == ["version", "type", "actor", "recorded_at", "occurred_at", "sentence"]
        assert [r[0] for r in rows[1:]] == ["32", "34", "35", "36", "38"]
    past = api.get(demo, "/timeline.csv", as_of_version=3, order="newest").get_data(as_text=True)
    assert [r[0] for r in csv.reader(io.StringIO(past))][1:] == ["3", "2", "1"]


def test_compare_two_proposals(api, demo):
    response = api.get(demo, "/compare", base="prop1", other="prop3")
    assert response.status_code == 200 and response.headers["ETag"] == '"40"'
    body = response.get_json()
    assert body["base"] == {"ref": "prop1", "label": "Proposal #1 from Dana Kim (hiring manager)"}
    assert (body["better"], body["worse"], body["neutral"]) == (7, 0, 1)
    salary = next(r for r in body["rows"] if r["key"] == "base_salary")
    assert salary == {
        "key": "base_salary",
        "label": "Base salary",
        "weight": 40,
        "base": eur("118000"),
        "other": eur("124000"),
        "base_text": "118,000 EUR",
        "other_text": "124,000 EUR",
        "difference": "6000",
        "difference_text": "+6,000 EUR",
        "direction": "up",
        "verdict": "better",
    }
    start = next(r for r in body["rows"] if r["key"] == "start_date")
    assert start["direction"] == "absent" and start["other"] is None and start["difference"] is None


def test_compare_with_targets_and_as_of(api, demo):
    body = api.get(demo, "/compare", base="targets", other="prop4").get_json()
    salary = next(r for r in body["rows"] if r["key"] == "base_salary")
    assert (salary["difference"], salary["direction"], salary["verdict"]) == ("-3000", "down", "worse")
    then = api.get(demo, "/compare", base="prop1", other="prop2", as_of_version=34)
    assert then.status_code == 200 and then.get_json()["version"] == 34


@pytest.mark.parametrize(
    "query, field",
    [
        ({"base": "prop1", "other": "prop9"}, "other"),
        ({"base": "propX", "other": "prop1"}, "base"),
        ({"base": "prop1"}, "other"),
        ({"other": "prop1"}, "base"),
        ({"base": "prop1", "other": "prop1"}, "other"),
        ({"base": "prop1", "other": "prop3", "as_of_version": 34}, "other"),
        ({"base": "prop1", "other": "prop2", "as_of": "nope"}, "as_of"),
    ],
)
def test_compare_refusals_name_the_parameter(api, demo, query, field):
    response = api.get(demo, "/compare", **query)
    assert response.status_code == 422, response.get_json()
    assert list(response.get_json()["errors"]) == [field]


def test_compare_without_targets_set(api, nid):
    response = api.get(nid, "/compare", base="targets", other="prop1")
    assert response.status_code == 422 and response.get_json()["errors"] == {
        "base": ["No targets are set yet."]
    }


def test_unknown_negotiations_are_404(api):
    for path in ("/timeline", "/timeline.csv", "/compare?base=prop1&other=prop2", "/verify", "/export"):
        response = api.client.get(f"{PREFIX}/negotiations/not-a-uuid{path}")
        assert response.status_code == 404, path
        response = api.client.get(f"{PREFIX}/negotiations/4b7e1c9a-0000-4000-8000-000000000000{path}")
        assert response.status_code == 404, path
