"""The authority map in the browser's forms and on the negotiation page: who decides each term, with
errors beside the fields; the map in the negotiation's JSON."""

from __future__ import annotations

import re

from tests.support.web import errors_beside, fill, text


def test_mapping_who_decides_shows_on_the_page_and_in_the_api(client, nid):
    response = fill(
        client,
        f"/negotiations/{nid}/steps/map_authority",
        {"term_key": "base_salary", "party_id": "p2", "role": "decides"},
    )
    assert response.status_code == 303, text(response)[:2000]
    page = text(client.get(f"/negotiations/{nid}"))
    assert re.search(
        r"<strong>Base salary</strong>:\s*<span class=\"authority-decides\">decided by Dana Kim", page
    )
    body = client.get(f"/api/v1/negotiations/{nid}").get_json()
    assert body["authority"] == [{"term_key": "base_salary", "party_id": "p2", "role": "decides"}]


def test_a_bad_mapping_shows_each_error_beside_its_field(client, nid):
    response = fill(
        client, f"/negotiations/{nid}/steps/map_authority", {"term_key": "", "party_id": "", "role": ""}
    )
    assert response.status_code == 422
    errors = errors_beside(text(response))
    assert {"term_key", "party_id", "role"} <= set(errors), errors
