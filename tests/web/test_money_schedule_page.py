"""The money schedule form: a vesting schedule set in the browser's form shows in the analysis
page's four-year table; bad input shows each error beside its field, all at once."""

from __future__ import annotations

from tests.support.web import errors_beside, fill, text


def test_a_schedule_from_the_form_shows_in_the_four_year_table(client, nid, tracker):
    tracker.step(nid, "add_term", actor="alex", key="equity", label="Equity", kind="money", currency="EUR")
    tracker.step(
        nid,
        "make_proposal",
        actor="alex",
        from_party="p2",
        to_parties=["p1"],
        values={
            "base_salary": {"amount": "100000", "currency": "EUR"},
            "equity": {"amount": "80000", "currency": "EUR"},
        },
    )
    response = fill(
        client,
        f"/negotiations/{nid}/steps/set_money_schedule",
        {"term_key": "equity", "kind": "vesting", "vesting": "25/25/25/25", "cliff_months": "18"},
    )
    assert response.status_code == 303, text(response)[:2000]
    page = text(client.get(f"/negotiations/{nid}/analysis"))
    assert 'id="years-proposal-prop1"' in page
    assert "Equity 80,000 EUR vesting 25/25/25/25 after an 18-month cliff" in page
    assert "Equity: vesting 25/25/25/25 after an 18-month cliff, in every package" in text(
        client.get(f"/negotiations/{nid}")
    )


def test_bad_input_shows_every_error_beside_its_field(client, nid):
    response = fill(
        client,
        f"/negotiations/{nid}/steps/set_money_schedule",
        {"term_key": "base_salary", "kind": "vesting", "vesting": "30/30", "cliff_months": "99"},
    )
    assert response.status_code == 422
    errors = errors_beside(text(response))
    assert {"vesting", "cliff_months"} <= set(errors), errors
    response = fill(
        client,
        f"/negotiations/{nid}/steps/set_money_schedule",
        {"term_key": "base_salary", "kind": "raise", "raise_percent": "", "raise_after_months": ""},
    )
    assert response.status_code == 422
    errors = errors_beside(text(response))
    assert {"raise_percent", "raise_after_months"} <= set(errors), errors


def test_the_largest_salary_doubled_every_month_still_shows(client, nid, tracker):
    top = {"amount": "999999999999999", "currency": "EUR"}
    tracker.step(
        nid, "make_proposal", actor="alex", from_party="p2", to_parties=["p1"], values={"base_salary": top}
    )
    tracker.step(
        nid,
        "set_money_schedule",
        actor="alex",
        term_key="base_salary",
        kind="raise",
        raise_percent="100",
        raise_after_months=1,
        review_months=6,
    )
    assert client.get(f"/negotiations/{nid}/analysis").status_code == 200
    assert client.get(f"/negotiations/{nid}/analysis?convert_to=USD&rates-EUR=1.1").status_code == 200
    assert client.get(f"/api/v1/negotiations/{nid}/analysis").status_code == 200
