"""A team's approval chain, pay bands and placements through the JSON API (issue 20), with real
accounts and tokens: each documented answer provoked and checked against the OpenAPI document;
members read the chain but are refused the bands (403), outsiders get 404, writes need the team's
version (428 without, 409 stale with the current ETag), and a refused write stores nothing."""

from __future__ import annotations

import pytest

from tests.api.test_openapi import Checker
from tests.support.access import MEMBER, OWNER, build_world, web_config
from tests.support.config import make_config
from tests.support.teams import TECH_LEAD_BAND as BAND
from tracker.web.api.openapi import build_document

CHAIN = {"rules": [{"approver": MEMBER, "step": 1, "when": "above_band_midpoint", "term_key": "base_salary"}]}


@pytest.fixture(scope="module")
def document():
    return build_document()


@pytest.fixture
def world():
    from tracker import create_app

    world = build_world(create_app(web_config(make_config(store="memory"))))
    yield world
    world.close()


def op(document, path: str, method: str):
    return document["paths"][path][method]


def call(world, role, method, path, body=None, version=None):
    headers = {} if version is None else {"If-Match": f'"{version}"'}
    kwargs = {"json": body} if body is not None else {}
    return world.api(role, method, f"/api/v1/teams/{world.team_id}{path}", headers=headers, **kwargs)


def test_the_chain_read_by_members_and_replaced_by_owners(world, document):
    check = Checker(document)
    get_op, put_op = (
        op(document, "/teams/{team_id}/approval-chain", "get"),
        op(document, "/teams/{team_id}/approval-chain", "put"),
    )
    read = call(world, "member", "get", "/approval-chain")
    check.check(get_op, 200, read)
    version = int(read.headers["ETag"].strip('"'))
    assert read.get_json()["rules"] == []
    for role, status in (
        ("member", 403),
        ("stranger", 404),
        ("owner", 404),
    ):  # owner of a negotiation, not in the team
        answer = call(world, role, "put", "/approval-chain", CHAIN, version)
        assert answer.status_code == status, role
        check.check(put_op, status, answer)
    missing = call(world, "lead", "put", "/approval-chain", CHAIN)
    assert missing.status_code == 428
    check.check(put_op, 428, missing)
    bad = call(
        world,
        "lead",
        "put",
        "/approval-chain",
        {"rules": [{"approver": OWNER, "step": 9, "when": "often"}]},
        version,
    )
    assert bad.status_code == 422
    check.check(put_op, 422, bad)
    assert set(bad.get_json()["errors"]) == {"rules.0.approver", "rules.0.step", "rules.0.when"}
    check.check(put_op, 400, call(world, "lead", "put", "/approval-chain", None, version))
    saved = call(world, "lead", "put", "/approval-chain", CHAIN, version)
    check.check(put_op, 200, saved)
    assert saved.get_json()["rules"][0]["condition"] == "base_salary above the band's midpoint"
    stale = call(world, "lead", "put", "/approval-chain", {"rules": []}, version)
    assert stale.status_code == 409 and stale.headers["ETag"] == saved.headers["ETag"]
    check.check(put_op, 409, stale)
    assert call(world, "auditor", "get", "/approval-chain").get_json()["rules"] == saved.get_json()["rules"]


def test_bands_and_placements_for_owners_and_auditors(world, document):
    check = Checker(document)
    path = "/teams/{team_id}/pay-bands"
    get_op, post_op = op(document, path, "get"), op(document, path, "post")
    place_op = op(document, "/teams/{team_id}/placements", "post")
    refused = call(world, "member", "get", "/pay-bands")
    assert refused.status_code == 403
    check.check(get_op, 403, refused)
    version = int(call(world, "lead", "get", "/pay-bands").headers["ETag"].strip('"'))
    added = call(world, "lead", "post", "/pay-bands", BAND, version)
    assert added.status_code == 201
    check.check(post_op, 201, added)
    version = int(added.headers["ETag"].strip('"'))
    again = call(world, "lead", "post", "/pay-bands", BAND, version)
    assert again.status_code == 200 and again.headers["ETag"] == added.headers["ETag"]  # nothing stored twice
    check.check(post_op, 200, again)
    invalid = call(world, "lead", "post", "/pay-bands", {**BAND, "midpoint": "200000"}, version)
    assert invalid.status_code == 422 and invalid.get_json()["errors"] == {
        "midpoint": ["The midpoint lies between the minimum and the maximum."]
    }
    placed = call(
        world, "lead", "post", "/placements", {"negotiation_id": world.nid, "band": "Tech lead, L5"}, version
    )
    check.check(place_op, 200, placed)
    assert placed.get_json()["placements"] == [{"negotiation_id": world.nid, "band": "Tech lead, L5"}]
    seen = call(world, "auditor", "get", "/pay-bands")
    check.check(get_op, 200, seen)
    assert seen.get_json()["bands"] == [BAND]
    unknown = call(
        world,
        "lead",
        "post",
        "/placements",
        {"negotiation_id": world.nid, "band": "Staff"},
        placed.headers["ETag"].strip('"'),
    )
    assert unknown.status_code == 422 and unknown.get_json()["errors"] == {
        "band": ["The team has no band called Staff."]
    }
    # the negotiation page's figures: the member's proposal at 95,000 EUR is at the midpoint
    negotiation = world.api("auditor", "get", f"/api/v1/negotiations/{world.nid}").get_json()
    assert negotiation["proposals"][0]["values"]["base_salary"]["amount"] == "95000"
