"""The caller's notifications and preferences through the JSON API, with real accounts and tokens:
each documented answer provoked and checked against the OpenAPI document; a person sees only their
own notifications and marks only their own read."""

from __future__ import annotations

import pytest

from tests.api.test_openapi import Checker
from tests.support.access import EDITOR, build_world, web_config
from tests.support.config import make_config
from tracker.web.api.openapi import build_document


@pytest.fixture(scope="module")
def document():
    return build_document()


@pytest.fixture
def world():
    from tracker import create_app

    world = build_world(create_app(web_config(make_config(store="memory"))))
    yield world
    world.close()


def op(document, path, method):
    return document["paths"][path][method]


def test_the_list_and_marking_read(world, document):
    check = Checker(document)
    world.tracker.step(world.nid, "add_note", actor=EDITOR, text="Dana called back")
    listed = world.api("owner", "get", "/api/v1/notifications")
    check.check(op(document, "/notifications", "get"), 200, listed)
    body = listed.get_json()
    notes = [n for n in body["items"] if n["kind"] == "NoteAdded"]
    assert len(notes) == 1 and notes[0]["actor"] == EDITOR and notes[0]["read_at"] is None
    assert body["unread"] == len(body["items"])
    editor_sees = world.api("editor", "get", "/api/v1/notifications").get_json()["items"]
    assert "NoteAdded" not in [n["kind"] for n in editor_sees]  # the actor is not told of their own step
    mark = op(document, "/notifications/read", "post")
    refused = world.api("editor", "post", "/api/v1/notifications/read", json={"ids": [notes[0]["id"]]})
    check.check(mark, 200, refused)
    assert refused.get_json()["marked"] == 0  # not the editor's
    marked = world.api("owner", "post", "/api/v1/notifications/read", json={"ids": [notes[0]["id"]]})
    check.check(mark, 200, marked)
    assert marked.get_json() == {"marked": 1, "unread": body["unread"] - 1}
    everything = world.api("owner", "post", "/api/v1/notifications/read", json={})
    assert everything.get_json()["unread"] == 0
    bad = world.api("owner", "post", "/api/v1/notifications/read", json={"ids": ["x"]})
    check.check(mark, 422, bad)
    not_json = world.api(
        "owner", "post", "/api/v1/notifications/read", data="{", content_type="application/json"
    )
    check.check(mark, 400, not_json)
    too_many = world.api("owner", "get", "/api/v1/notifications?limit=0")
    check.check(op(document, "/notifications", "get"), 422, too_many)
    assert "limit" in too_many.get_json()["errors"]


def test_paging_back_with_older(world, document):
    for i in range(5):
        world.tracker.step(world.nid, "add_note", actor=EDITOR, text=f"note {i}")
    first = world.api("owner", "get", "/api/v1/notifications?limit=2").get_json()
    assert len(first["items"]) == 2 and first["older"] is not None
    second = world.api("owner", "get", f"/api/v1/notifications?limit=2&before={first['older']}").get_json()
    assert {n["id"] for n in first["items"]}.isdisjoint(n["id"] for n in second["items"])
    assert max(n["id"] for n in second["items"]) < min(n["id"] for n in first["items"])


def test_preferences(world, document):
    check = Checker(document)
    get_op, put_op = (
        op(document, "/notifications/preferences", "get"),
        op(document, "/notifications/preferences", "put"),
    )
    read = world.api("owner", "get", "/api/v1/notifications/preferences")
    check.check(get_op, 200, read)
    assert read.get_json() == {"in_app": "all", "email": "needs_me"}
    chosen = world.api(
        "owner", "put", "/api/v1/notifications/preferences", json={"in_app": "needs_me", "email": "digest"}
    )
    check.check(put_op, 200, chosen)
    assert world.api("owner", "get", "/api/v1/notifications/preferences").get_json() == {
        "in_app": "needs_me",
        "email": "digest",
    }
    wrong = world.api(
        "owner", "put", "/api/v1/notifications/preferences", json={"in_app": "loud", "email": 3}
    )
    check.check(put_op, 422, wrong)
    assert set(wrong.get_json()["errors"]) == {"in_app", "email"}  # both at once
    stray = world.api(
        "owner",
        "put",
        "/api/v1/notifications/preferences",
        json={"in_app": "all", "email": "sometimes", "sms": "all"},
    )  # an unknown field is refused (it was silently ignored), named beside the other problems
    check.check(put_op, 422, stray)
    assert stray.get_json()["errors"] == {
        "sms": ["Unknown field."],
        "email": stray.get_json()["errors"]["email"],
    }
    assert world.api("owner", "get", "/api/v1/notifications/preferences").get_json()["in_app"] == "needs_me"
    check.check(
        put_op,
        400,
        world.api(
            "owner", "put", "/api/v1/notifications/preferences", data="[", content_type="application/json"
        ),
    )
    world.tracker.step(world.nid, "add_note", actor=EDITOR, text="Not for Olive any more")
    assert not [
        n
        for n in world.api("owner", "get", "/api/v1/notifications").get_json()["items"]
        if n["kind"] == "NoteAdded"
    ]


def test_without_a_token(world, document):
    answer = world.app.test_client().get("/api/v1/notifications")
    Checker(document).check(op(document, "/notifications", "get"), 401, answer)
