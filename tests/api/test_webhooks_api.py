"""Webhooks through the JSON API, with real accounts and tokens and a real receiver on this machine
(the app allows loopback): each documented answer provoked and checked against the OpenAPI document;
a person manages their own webhooks, a team's owners the team's (members 403, outsiders 404); the
secret is only in the answer that creates a webhook."""

from __future__ import annotations

import pytest

from tests.api.test_openapi import Checker
from tests.support.access import LEAD, OWNER, build_world, web_config
from tests.support.config import make_config
from tests.support.webhook_receiver import receiving
from tracker.notify.webhooks.signing import verify
from tracker.web.api.openapi import build_document


@pytest.fixture(scope="module")
def document():
    return build_document()


@pytest.fixture
def world():
    from tracker import create_app

    world = build_world(create_app(web_config(make_config(store="memory", webhooks_allow_loopback=True))))
    yield world
    world.close()


@pytest.fixture
def receiver():
    with receiving() as running:
        yield running


def op(document, path, method):
    return document["paths"][path][method]


def test_a_persons_own_webhooks(world, document, receiver):
    check = Checker(document)
    create = op(document, "/webhooks", "post")
    made = world.api("owner", "post", "/api/v1/webhooks", json={"url": receiver.url, "kinds": ["Concluded"]})
    check.check(create, 201, made)
    hook = made.get_json()
    assert hook["secret"].startswith("whsec_") and hook["owner"] == OWNER and hook["enabled"]
    listed = world.api("owner", "get", "/api/v1/webhooks")
    check.check(op(document, "/webhooks", "get"), 200, listed)
    assert [h["id"] for h in listed.get_json()["items"]] == [hook["id"]]
    assert "secret" not in listed.get_json()["items"][0]
    assert world.api("viewer", "get", "/api/v1/webhooks").get_json()["items"] == []
    for body, field in (
        ({"url": "http://10.0.0.1/hook"}, "url"),
        ({"url": "https://example.org/hook", "kinds": ["NoSuchKind"]}, "kinds"),
        ({"kinds": []}, "url"),
    ):
        refused = world.api("owner", "post", "/api/v1/webhooks", json=body)
        check.check(create, 422, refused)
        assert any(name.split(".")[0] == field for name in refused.get_json()["errors"]), body
    not_json = world.api("owner", "post", "/api/v1/webhooks", data="{", content_type="application/json")
    check.check(create, 400, not_json)


def test_deliveries_test_event_disable_and_enable(world, document, receiver):
    check = Checker(document)
    hook = world.api("owner", "post", "/api/v1/webhooks", json={"url": receiver.url}).get_json()
    base = f"/api/v1/webhooks/{hook['id']}"
    tested = world.api("owner", "post", base + "/test")
    check.check(op(document, "/webhooks/{webhook_id}/test", "post"), 200, tested)
    assert tested.get_json()["status"] == "sent" and tested.get_json()["response_code"] == 200
    (call,) = receiver.calls
    assert verify(hook["secret"], call["headers"]["Tracker-Signature"], call["body"], now=_now())
    log = world.api("owner", "get", base + "/deliveries")
    check.check(op(document, "/webhooks/{webhook_id}/deliveries", "get"), 200, log)
    assert [d["kind"] for d in log.get_json()["items"]] == ["ping"]
    off = world.api("owner", "post", base + "/disable")
    check.check(op(document, "/webhooks/{webhook_id}/disable", "post"), 200, off)
    assert off.get_json()["enabled"] is False and OWNER in off.get_json()["disabled_reason"]
    on = world.api("owner", "post", base + "/enable")
    check.check(op(document, "/webhooks/{webhook_id}/enable", "post"), 200, on)
    assert on.get_json()["enabled"] is True
    for action, method in (
        ("/deliveries", "get"),
        ("/test", "post"),
        ("/disable", "post"),
        ("/enable", "post"),
    ):
        documented = op(document, "/webhooks/{webhook_id}" + action, method)
        for role in ("viewer", "stranger"):  # someone else's webhook: as if there were none
            answer = world.api(role, method, base + action)
            check.check(documented, 404, answer)
        check.check(documented, 404, world.api("owner", method, "/api/v1/webhooks/not-an-id" + action))


def test_a_teams_webhooks_are_its_owners(world, document, receiver):
    check = Checker(document)
    path = f"/api/v1/teams/{world.team_id}/webhooks"
    create, listing = (
        op(document, "/teams/{team_id}/webhooks", "post"),
        op(document, "/teams/{team_id}/webhooks", "get"),
    )
    made = world.api("lead", "post", path, json={"url": receiver.url, "kinds": ["ProposalAccepted"]})
    check.check(create, 201, made)
    hook = made.get_json()
    assert (hook["owner_kind"], hook["owner"], hook["created_by"]) == ("team", world.team_id, LEAD)
    check.check(listing, 200, world.api("lead", "get", path))
    for role, status in (("member", 403), ("auditor", 403), ("stranger", 404), ("owner", 404)):
        check.check(listing, status, world.api(role, "get", path))
        check.check(create, status, world.api(role, "post", path, json={"url": receiver.url}))
        disable = op(document, "/webhooks/{webhook_id}/disable", "post")
        check.check(disable, status, world.api(role, "post", f"/api/v1/webhooks/{hook['id']}/disable"))
    check.check(listing, 404, world.api("lead", "get", "/api/v1/teams/not-a-team/webhooks"))
    refused = world.api("lead", "post", path, json={"url": "https://169.254.169.254/latest"})
    check.check(create, 422, refused)
    check.check(create, 400, world.api("lead", "post", path, data="[", content_type="application/json"))
    assert len(world.api("lead", "get", path).get_json()["items"]) == 1
    world.tracker.step(world.nid, "accept_proposal", actor=OWNER, proposal_id="prop1", party="p1")
    world.people.outbox.run_once()
    assert receiver.kinds() == ["ProposalAccepted"]
    log = world.api("lead", "get", f"/api/v1/webhooks/{hook['id']}/deliveries").get_json()["items"]
    assert [(d["kind"], d["status"], d["response_code"]) for d in log] == [("ProposalAccepted", "sent", 200)]


def _now() -> int:
    import time

    return int(time.time())
