"""The value case in the browser's forms: an entry with the asks it supports (errors beside each field,
all at once), then offered on the proposal form as checkboxes naming the asks, and cited."""

from __future__ import annotations

from tests.support.web import errors_beside, fill, text


def test_an_entry_then_cited_by_a_proposal(client, tracker, nid):
    response = fill(
        client,
        f"/negotiations/{nid}/steps/add_value_entry",
        {"kind": "achievement", "text": "Cut reporting time by 60%.", "supports": ["base_salary"]},
    )
    assert response.status_code == 303, text(response)[:2000]
    form = text(client.get(f"/negotiations/{nid}/steps/make_proposal"))
    assert "Your value case: the entries this proposal cites" in form
    assert "Cut reporting time by 60%. (supports Base salary)" in form
    response = fill(
        client,
        f"/negotiations/{nid}/steps/make_proposal",
        {
            "from_party": "p1",
            "to_parties": ["p2"],
            "values-base_salary-amount": "128000",
            "values-base_salary-currency": "EUR",
            "cites": ["v1"],
        },
    )
    assert response.status_code == 303, text(response)[:2000]
    assert tracker.get(nid).citations == {"prop1": ["v1"]}
    assert "(citing 1 value-case entry)" in text(client.get(f"/negotiations/{nid}"))


def test_a_bad_entry_shows_every_error_beside_its_field(client, nid):
    response = fill(
        client,
        f"/negotiations/{nid}/steps/add_value_entry",
        {"kind": "achievement", "text": " ", "link": "example.org"},
    )
    assert response.status_code == 422
    errors = errors_beside(text(response))
    assert {"text", "link"} <= set(errors), errors
