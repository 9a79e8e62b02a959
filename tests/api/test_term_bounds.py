"""Term bounds through the JSON API: a term may name its lowest and highest value; a value outside
them is a 422 naming the field; the API keeps its machine format (no locale)."""

from __future__ import annotations

from tests.support.api_client import eur


def add_remote_days(api, nid, **bounds):
    return api.post(
        nid,
        "/terms",
        {
            "key": "remote_per_week",
            "label": "Remote days per week",
            "kind": "days",
            "better": "higher",
            **bounds,
        },
    )


def test_a_term_with_bounds_shows_them(api, nid):
    response = add_remote_days(api, nid, min="0", max="7")
    assert response.status_code == 201, response.get_json()
    term = response.get_json()["term"]
    assert (term["min"], term["max"]) == ("0", "7")
    listed = {t["key"]: t for t in api.get(nid).get_json()["terms"]}
    assert listed["base_salary"]["min"] is None and listed["base_salary"]["max"] is None


def test_a_value_outside_the_bounds_is_422_naming_the_field(api, nid):
    add_remote_days(api, nid, min="0", max="7")
    response = api.post(
        nid,
        "/proposals",
        {
            "from_party": "p1",
            "to_parties": ["p2"],
            "values": {"remote_per_week": "9", "base_salary": eur("-1")},
        },
    )
    body = response.get_json()
    assert response.status_code == 422, body
    assert "at most 7" in body["errors"]["values.remote_per_week"][0]
    assert "cannot be negative" in body["errors"]["values.base_salary.amount"][0]  # both at once


def test_targets_and_walk_aways_keep_within_the_bounds(api, nid):
    add_remote_days(api, nid, max="5")
    response = api.post(
        nid, "/priorities", {"term_key": "remote_per_week", "weight": 10, "target": "6", "walk_away": "-1"}
    )
    errors = response.get_json()["errors"]
    assert response.status_code == 422 and {"target", "walk_away"} <= set(errors)


def test_bounds_that_do_not_fit_the_term_are_refused(api, nid):
    assert add_remote_days(api, nid, min="8", max="7").get_json()["errors"].keys() == {"max"}
    response = api.post(nid, "/terms", {"key": "car", "label": "Car", "kind": "boolean", "max": "1"})
    assert response.status_code == 422 and "max" in response.get_json()["errors"]
    response = add_remote_days(api, nid, max="seven")
    assert response.status_code == 422 and "max" in response.get_json()["errors"]


def test_revising_the_bounds_keeps_open_proposals_valid(api, nid):
    response = api.post(nid, "/terms/remote_days/revise", {"max": "1"})  # prop1 offers 2 remote days
    assert response.status_code == 422 and "prop1" in response.get_json()["errors"]["max"][0]
    response = api.post(nid, "/terms/remote_days/revise", {"max": "5"})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["term"]["max"] == "5"


def test_the_api_reads_amounts_in_its_machine_format_not_a_locale(api, nid):
    response = api.post(
        nid,
        "/proposals",
        {"from_party": "p1", "to_parties": ["p2"], "values": {"base_salary": eur("€88,000")}},
    )
    assert response.status_code == 422


def test_the_openapi_document_names_the_bounds(api):
    document = api.client.get("/api/v1/openapi.json").get_json()
    term = document["components"]["schemas"]["Term"]["properties"]
    assert {"min", "max"} <= set(term)
    assert {"min", "max"} <= set(document["components"]["schemas"]["TermOut"]["properties"])


def test_a_step_and_a_date_terms_bounds_go_in_and_come_back_as_written(api, nid):
    response = api.post(
        nid,
        "/terms",
        {
            "label": "Sign-on bonus",
            "kind": "money",
            "currency": "EUR",
            "min": "0",
            "max": "20000",
            "step": "2500",
        },
    )
    assert response.status_code == 201, response.get_json()
    assert (response.get_json()["term"]["max"], response.get_json()["term"]["step"]) == ("20000", "2500")
    response = api.post(
        nid,
        "/terms",
        {"label": "Start date", "kind": "date", "min": "2027-01-04", "max": "2027-03-01", "step": "7"},
    )
    assert response.status_code == 201, response.get_json()
    term = response.get_json()["term"]
    assert (term["min"], term["max"], term["step"]) == ("2027-01-04", "2027-03-01", "7")


def test_a_bad_step_and_bounds_are_422_naming_each_field(api, nid):
    response = api.post(
        nid, "/terms", {"label": "Bonus", "kind": "money", "currency": "EUR", "step": "often"}
    )
    assert response.status_code == 422
    assert "step" in str(response.get_json())
    response = api.post(nid, "/terms", {"label": "Start", "kind": "date", "min": "2027-01-04", "step": "0"})
    assert response.status_code == 422
    body = str(response.get_json())
    assert "step" in body and "more than 0" in body
    response = api.post(nid, "/terms", {"label": "Flag", "kind": "boolean", "step": "1"})
    assert response.status_code == 422 and "have a step" in str(response.get_json())


def test_revising_a_step_changes_only_the_step(api, nid):
    add_remote_days(api, nid, min="0", max="5")
    response = api.post(nid, "/terms/remote_per_week/revise", {"step": "1"})
    assert response.status_code == 200, response.get_json()
    term = {t["key"]: t for t in api.get(nid).get_json()["terms"]}["remote_per_week"]
    assert (term["min"], term["max"], term["step"]) == ("0", "5", "1")
