"""Money schedules through the JSON API: 201 with the schedule, listed on the negotiation; the
analysis answer carries years 1-4 per line and per currency, a scheduled line's annual value being
their average; bad input is a 422 naming each field, and nothing is recorded."""

from __future__ import annotations

from tests.support.api_client import Api, eur


def prepared(api: Api) -> str:
    nid = api.start()["id"]
    api.ok(nid, "/parties", {"name": "Alex Morgan", "side": "owner"})
    api.ok(nid, "/parties", {"name": "Dana Kim", "side": "counterpart"})
    api.ok(nid, "/terms", {"label": "Base salary", "kind": "money", "currency": "EUR"})
    api.ok(nid, "/terms", {"label": "Equity", "kind": "money", "currency": "EUR"})
    api.ok(
        nid,
        "/proposals",
        {
            "from_party": "p2",
            "to_parties": ["p1"],
            "values": {"base_salary": eur("100000"), "equity": eur("100000")},
        },
    )
    return nid


def test_a_vesting_schedule_gives_the_years_in_the_analysis(api: Api):
    nid = prepared(api)
    body = {"term_key": "equity", "kind": "vesting", "vesting": "5/15/40/40", "cliff_months": 12}
    response = api.post(nid, "/money-schedules", body)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["money_schedule"] == {
        "term_key": "equity",
        "package_key": "",
        "kind": "vesting",
        "details": {"vesting": ["5", "15", "40", "40"], "cliff_months": 12},
    }
    assert api.get(nid).get_json()["money_schedules"] == [response.get_json()["money_schedule"]]
    value = api.get(nid, "/analysis").get_json()["values"]["proposal:prop1"]
    equity = next(line for line in value["lines"] if line["term_key"] == "equity")
    assert equity["years"] == ["5000.00", "15000.00", "40000.00", "40000.00"]
    assert equity["annual"] == "25000.00"
    assert equity["assumption"] == "Equity 100,000 EUR vesting 5/15/40/40 after a 12-month cliff"
    assert value["years"] == {"EUR": ["105000.00", "115000.00", "140000.00", "140000.00"]}


def test_bad_schedules_are_422_naming_each_field(api: Api):
    nid = prepared(api)
    response = api.post(
        nid, "/money-schedules", {"term_key": "equity", "kind": "vesting", "cliff_months": 60}
    )
    assert response.status_code == 422
    assert "cliff_months" in str(response.get_json())
    response = api.post(
        nid,
        "/money-schedules",
        {"term_key": "nope", "kind": "vesting", "vesting": "50/40", "package_key": "proposal:prop9"},
    )
    assert response.status_code == 422
    said = str(response.get_json())
    assert "term_key" in said and "vesting" in said and "package_key" in said, said
    response = api.post(
        nid, "/money-schedules", {"term_key": "equity", "kind": "raise", "raise_percent": "abc"}
    )
    assert response.status_code == 422
    assert "raise_percent" in str(response.get_json())
    assert api.get(nid).get_json()["money_schedules"] == []
