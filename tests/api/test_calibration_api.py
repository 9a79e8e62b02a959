"""Calibrate my weights through the JSON API: rated packages are steps (201, listed on the
negotiation), the analysis answer's ``calibration`` says where ratings and weights disagree and holds
the fitted weights, which go back as the body of ``/priorities/calibration``; bad input is a 422
naming each field."""

from __future__ import annotations

from tests.support.api_client import Api, eur


def prepared(api: Api) -> str:
    nid = api.start()["id"]
    api.ok(nid, "/parties", {"name": "Alex Morgan", "side": "owner"})
    api.ok(nid, "/terms", {"label": "Base salary", "kind": "money", "currency": "EUR"})
    api.ok(nid, "/terms", {"label": "Remote days", "kind": "days"})
    api.ok(
        nid,
        "/priorities",
        {"term_key": "base_salary", "weight": 80, "target": eur("120000"), "walk_away": eur("100000")},
    )
    api.ok(nid, "/priorities", {"term_key": "remote_days", "weight": 20, "target": "4", "walk_away": "0"})
    return nid


def test_ratings_the_analysis_and_taking_the_fitted_weights(api: Api):
    nid = prepared(api)
    for label, rating, salary, remote in (
        ("Top pay, at the desk", 55, "120000", "0"),
        ("Lower pay, fully remote", 60, "100000", "4"),
        ("Middle of both", 65, "110000", "2"),
    ):
        response = api.post(
            nid,
            "/package-ratings",
            {"label": label, "rating": rating, "values": {"base_salary": eur(salary), "remote_days": remote}},
        )
        assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["rating_id"] == "rating3" and body["package_rating"]["rating"] == 65
    labels = [r["label"] for r in api.get(nid).get_json()["package_ratings"]]
    assert labels == ["Top pay, at the desk", "Lower pay, fully remote", "Middle of both"]

    calibration = api.get(nid, "/analysis").get_json()["calibration"]
    assert calibration["status"] == "disagrees"
    assert calibration["disagreements"][0]["higher"] == "Lower pay, fully remote"
    weights = calibration["proposed_weights"]
    assert weights["remote_days"] > 20

    response = api.post(nid, "/priorities/calibration", {"weights": weights})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["calibration"]["rating_ids"] == ["rating1", "rating2", "rating3"]
    priorities = {p["term_key"]: p["weight"] for p in api.get(nid).get_json()["priorities"]}
    assert priorities == weights


def test_bad_ratings_and_weights_are_422_naming_each_field(api: Api):
    nid = prepared(api)
    response = api.post(nid, "/package-ratings", {"rating": 150, "values": {"base_salary": eur("110000")}})
    assert response.status_code == 422
    assert "rating" in str(response.get_json())
    response = api.post(nid, "/package-ratings", {"rating": 50, "values": {"base_salary": eur("110000")}})
    assert response.status_code == 422
    assert "values.remote_days" in str(response.get_json())
    response = api.post(nid, "/priorities/calibration", {"weights": {"base_salary": 50, "remote_days": 50}})
    assert response.status_code == 422
    assert "Rate at least 3 whole packages first" in str(response.get_json())
    assert api.get(nid).get_json()["package_ratings"] == []
