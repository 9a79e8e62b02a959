"""GET /negotiations/{id}/analysis and /readiness on the sample negotiation (tracker demo): the
figures of features/analysis_demo.feature, charts only when asked, as of a version or moment, the
user's own rates, every error, and each answer checked against its OpenAPI schema."""

from __future__ import annotations

import uuid

import pytest

from tests.api.test_openapi import Checker
from tracker.demo import load_demo
from tracker.web.api.openapi import build_document

ANALYSIS = "/negotiations/{negotiation_id}/analysis"  # as the document names it, under its server
READINESS = "/negotiations/{negotiation_id}/readiness"


@pytest.fixture
def demo(app) -> str:
    return str(load_demo(app.extensions["tracker"]))


def check(response, path: str, status: int = 200) -> dict:
    """The answer has the status and matches the documented schema; returns its body."""
    assert response.status_code == status, response.get_json()
    document = build_document()
    Checker(document).check(document["paths"][path]["get"], status, response)
    return response.get_json()


def test_the_analysis_of_the_sample(api, demo):
    response = api.get(demo, "/analysis")
    body = check(response, ANALYSIS)
    assert response.headers["ETag"] == '"40"'
    assert body["version"] == body["latest_version"] == 40
    assert {key: s["display"] for key, s in body["scores"].items()} == {
        "proposal:prop1": "24",
        "proposal:prop2": "96",
        "proposal:prop3": "71",
        "proposal:prop4": "76",
        "alternative:alt1": "44",
        "alternative:alt2": "6",
    }
    assert [body["scores"][f"proposal:prop{i}"]["beats_batna"] for i in range(1, 5)] == [
        False,
        True,
        True,
        True,
    ]
    assert body["batna"] == {
        "package_key": "alternative:alt1",
        "alternative_id": "alt1",
        "label": "Offer from Contoso",
        "score": "44.41",
        "display": "44",
    }
    assert body["values"]["proposal:prop1"]["totals"] == {"EUR": "136300.00"}
    assert body["scores"]["alternative:alt2"]["below_walk_away"] == ["base_salary", "remote_days"]
    assert body["concessions"]["conceded_more"] == "p2"
    assert body["readiness"]["done_count"] == 4 and len(body["readiness"]["items"]) == 9
    assert [c["label"] for c in body["comparison"]["columns"]] == [
        "Latest proposal #4 Alex Morgan (candidate)",
        "Offer from Contoso",
        "Stay at current job",
    ]
    assert "charts" not in body  # not drawn unless asked


def test_charts_only_when_asked(api, demo):
    body = check(api.get(demo, "/analysis", include_charts="true"), ANALYSIS)
    assert body["charts"]["dance"].startswith("<svg") and "<script" not in body["charts"]["dance"]
    assert sorted(body["charts"]["terms"]) == [
        "base_salary",
        "pto_days",
        "remote_days",
        "sign_on",
        "start_date",
        "target_bonus",
        "training_budget",
    ]
    assert "charts" not in api.get(demo, "/analysis", include_charts="false").get_json()


def test_the_analysis_as_of_the_first_offer(api, demo):
    by_version = check(api.get(demo, "/analysis", as_of_version="32"), ANALYSIS)
    assert by_version["version"] == 32 and by_version["latest_version"] == 40
    assert [p["key"] for p in by_version["packages"]] == [
        "proposal:prop1",
        "alternative:alt1",
        "alternative:alt2",
    ]
    assert by_version["scores"]["proposal:prop1"]["display"] == "24"
    assert (
        by_version["concessions"]["summary"]
        == "Not enough proposals from both sides yet to compare concessions."
    )
    moment = api.get(demo, "/timeline").get_json()["entries"][31]["recorded_at"]
    by_moment = check(api.get(demo, "/analysis", as_of=moment), ANALYSIS)
    assert by_moment["version"] == 32 and by_moment["scores"] == by_version["scores"]


def test_the_users_rates(api, demo):
    body = check(api.get(demo, "/analysis", rates="EUR:1.1", convert_to="USD"), ANALYSIS)
    converted = body["values"]["proposal:prop1"]["converted"]
    assert converted == {
        "currency": "USD",
        "amount": "149930.00",
        "rates": {"EUR": "1.1"},
        "note": "Converted to USD with the rates you gave: 1 EUR = 1.1 USD.",
    }
    missing = check(api.get(demo, "/analysis", rates="GBP:1.2", convert_to="USD"), ANALYSIS)
    assert missing["values"]["proposal:prop1"]["converted"]["amount"] is None


@pytest.mark.parametrize(
    "query, field, message",
    [
        ({"rates": "USD:abc", "convert_to": "EUR"}, "rates", "'abc' is not a number."),
        ({"rates": "USD:0.9"}, "convert_to", "Say which currency to convert to (convert_to), e.g. EUR."),
        ({"convert_to": "EURO"}, "convert_to", "A currency is a three-letter code such as EUR or USD."),
        (
            {"as_of_version": "999"},
            "as_of_version",
            "There is no version 999: this negotiation has versions 1 to 40.",
        ),
        ({"as_of_version": "0"}, "as_of_version", "Must be greater than or equal to 1."),
        ({"as_of": "soon"}, "as_of", "Give a date and time in ISO 8601, e.g. 2026-03-03T17:00:00Z."),
        ({"as_of": "2000-01-01"}, "as_of", None),
        ({"include_charts": "perhaps"}, "include_charts", "Not a valid boolean."),
    ],
)
def test_bad_queries_are_422_naming_the_field(api, demo, query, field, message):
    body = check(api.get(demo, "/analysis", **query), ANALYSIS, 422)
    assert list(body["errors"]) == [field]
    if message:
        assert body["errors"][field] == [message]


def test_an_unknown_negotiation_is_404(api):
    for path in (ANALYSIS, READINESS):
        check(api.get(str(uuid.uuid4()), path.rsplit("}", 1)[1]), path, 404)


def test_both_routes_check_read_access(app, api, demo):
    calls = []

    def recorder(negotiation_id, level):
        calls.append((str(negotiation_id), level))

    app.extensions["access_check"] = recorder
    check(api.get(demo, "/analysis"), ANALYSIS)
    check(api.get(demo, "/readiness"), READINESS)
    assert calls == [(demo, "read"), (demo, "read")]


def test_the_readiness_checklist_of_the_sample(api, demo):
    response = api.get(demo, "/readiness")
    body = check(response, READINESS)
    assert response.headers["ETag"] == '"40"'
    assert (body["done_count"], body["total"], body["version"]) == (4, 9, 40)
    assert [(i["key"], i["status"]) for i in body["items"]] == [
        ("aspirations", "done"),
        ("priorities", "missing"),
        ("research", "missing"),
        ("allies", "done"),
        ("alternative", "done"),
        ("opportunity_type", "check"),
        ("specific_targets", "done"),
        ("value_case", "missing"),
        ("deciders", "missing"),
    ]
    reasons = {i["key"]: i["reason"] for i in body["items"]}
    assert reasons["priorities"] == "Not set for: Start date."
    assert reasons["research"] == "No market figures for: Sign-on bonus, Training budget."
    assert body["hints"] == []
    early = check(api.get(demo, "/readiness", as_of_version="3"), READINESS)
    assert (early["done_count"], early["version"], early["latest_version"]) == (1, 3, 40)


def test_a_benefit_asked_before_any_offer_gives_a_timing_hint(api):
    nid = api.start()["id"]
    for path, body in (
        ("/parties", {"name": "Alex Morgan", "role": "candidate", "side": "owner"}),
        ("/parties", {"name": "Dana Kim", "role": "hiring manager", "side": "counterpart"}),
        ("/terms", {"key": "remote_days", "label": "Remote days", "kind": "days"}),
        ("/proposals", {"from_party": "p1", "to_parties": ["p2"], "values": {"remote_days": "3"}}),
    ):
        api.ok(nid, path, body)
    body = check(api.get(nid, "/readiness"), READINESS)
    assert [h["key"] for h in body["hints"]] == ["benefits_timing"]
    assert body["hints"][0]["reason"].startswith(
        "Proposal #1 Alex Morgan (candidate) asked about Remote days before any offer from the other side."
    )
